"""What the teacher's pages show: a class's home and its reports, shaped for the templates.

Every read goes through the classroom reads and the reports, as the JSON API's do; this
module only arranges their answers into rows and cells a template can walk.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from proficio.accounts.models import User
from proficio.classroom import api as classrooms
from proficio.classroom.models import Classroom
from proficio.content.api import CourseTree, course_tree, list_courses
from proficio.mastery import Level
from proficio.reports.api import MasteryReport, SkillsReport, mastery_progress, skills_grid

from .shown import shown_with

# A goal's learners who are where its pace says they should be (or past the target).
FINE = ("on_track", "achieved")
DUE_SOON = timedelta(days=7)
# A level lost within this long still needs a look: "this week" on the class home.
LEVELLED_DOWN_RECENTLY = timedelta(days=7)


def _titled(slugs: list[str]) -> list[str]:
    """Course titles for a class's course slugs: teachers know courses by their titles."""
    titles = {course.slug: course.title for course in list_courses()}
    return [titles.get(slug, slug) for slug in slugs]


def my_classes_page(teacher: User) -> dict[str, Any]:
    """The teacher's classes, newest first, each with its courses' titles."""
    classes = classrooms.classes_of(teacher)
    return {"classes": [replace(view, courses=_titled(view.courses)) for view in classes]}


def class_home_page(classroom: Classroom, now: datetime) -> dict[str, Any]:
    """The roster and join code, goals on track, assignments due soon, who needs attention."""
    learners = classrooms.class_learners(classroom)
    goals, behind = [], defaultdict(list)
    for goal in classrooms.class_goals_with_statuses(classroom, now.date()):
        statuses = goal.statuses
        on_track = sum(1 for status in statuses.values() if status in FINE)
        goals.append(shown_with(goal, on_track=on_track, learner_count=len(statuses)))
        for learner_id, status in statuses.items():
            if status == "behind":
                behind[learner_id].append(goal.title)
    due = [
        assignment
        for assignment in classrooms.class_assignments(classroom)
        if now <= assignment.due_at <= now + DUE_SOON
    ]
    levelled_down = classrooms.skills_levelled_down_since(classroom, now - LEVELLED_DOWN_RECENTLY)
    view = classrooms.class_view(classroom, for_teacher=True)
    return {
        "classroom": classroom,
        "class": replace(view, courses=_titled(view.courses)),
        "learners": learners,
        "goals": goals,
        # Behind the pace of a goal, or losing levels: the learners to sit with first.
        "need_attention": [
            shown_with(
                learner,
                behind_on=behind.get(learner.id, []),
                levelled_down=levelled_down.get(learner.id, 0),
            )
            for learner in learners
            if learner.id in behind or learner.id in levelled_down
        ],
        "assignments_due": due,
    }


@dataclass(frozen=True)
class ReportScope:
    """What a report covers: one of the class's courses, maybe one unit, maybe one group."""

    courses: list[tuple[str, str]]  # (slug, title) of the class's courses
    course: CourseTree | None
    unit: str | None
    group: int | None
    groups: list[tuple[int, str]]


def report_scope(
    classroom: Classroom, course: str | None, unit: str | None = None, group: int | None = None
) -> ReportScope:
    """The chosen course (the class's first when none is chosen) with its filters.

    A group that is not the class's raises ClassNotFound, a course CourseNotInClass, and a unit
    (when the report is made) ReportNotFound.
    """
    slugs = classrooms.class_view(classroom, for_teacher=True).courses
    trees = {slug: course_tree(slug) for slug in slugs}
    if group is not None:
        classrooms.class_group(classroom, group)
    if course:
        classrooms.class_course(classroom, course)
    chosen = trees.get(course or (slugs[0] if slugs else ""))
    return ReportScope(
        courses=[(slug, tree.title) for slug, tree in trees.items()],
        course=chosen,
        unit=unit,
        group=group,
        groups=list(classroom.groups.order_by("name", "pk").values_list("pk", "name")),
    )


def mastery_report(classroom: Classroom, scope: ReportScope) -> MasteryReport:
    assert scope.course is not None
    return mastery_progress(
        classroom=classroom,
        course=scope.course.slug,
        learner_ids=classrooms.class_learner_ids(classroom, scope.group),
    )


def skills_report(classroom: Classroom, scope: ReportScope) -> SkillsReport:
    assert scope.course is not None
    return skills_grid(
        classroom=classroom,
        course=scope.course.slug,
        unit=scope.unit,
        learner_ids=classrooms.class_learner_ids(classroom, scope.group),
    )


def mastery_page(classroom: Classroom, scope: ReportScope, by_progress: bool) -> dict[str, Any]:
    """Learners × units: each cell the unit's mastery %, and the course % at the end.

    Rows are in username order, or with the furthest along first when `by_progress`.
    """
    page: dict[str, Any] = {
        "classroom": classroom, "scope": scope, "units": [], "rows": [], "by_progress": by_progress,
    }  # fmt: skip
    if scope.course is None:
        return page
    report = mastery_report(classroom, scope)
    page["units"] = [(unit.slug, unit.title) for unit in scope.course.units]
    page["rows"] = [
        {
            "id": row["learner"],
            "name": row["display_name"] or row["username"],
            "username": row["username"],
            "units": [row["units"].get(slug, 0.0) for slug, _ in page["units"]],
            "course": row["course_mastery_percent"],
        }
        for row in report["learners"]
    ]
    if by_progress:
        page["rows"].sort(key=lambda row: -row["course"])  # stable: ties keep name order
    return page


def skills_page(classroom: Classroom, scope: ReportScope) -> dict[str, Any]:
    """Learners × skills: each cell a level; each column head counts learners at each level."""
    page: dict[str, Any] = {"classroom": classroom, "scope": scope, "skills": [], "rows": []}
    if scope.course is None:
        return page
    report = skills_report(classroom, scope)
    titles = {skill.slug: skill.title for unit in scope.course.units for skill in unit.skills}
    page["skills"] = [
        {
            "slug": slug,
            "title": titles.get(slug, slug),
            "counts": [(Level.from_slug(level), n) for level, n in report["counts"][slug].items()],
        }
        for slug in report["skills"]
    ]
    page["rows"] = [
        {
            "id": row["learner"],
            "name": row["display_name"] or row["username"],
            "username": row["username"],
            "cells": [
                (titles.get(slug, slug), Level.from_slug(row["levels"][slug]))
                for slug in report["skills"]
            ],
        }
        for row in report["learners"]
    ]
    return page
