"""What the goals and assignments pages show, shaped for the templates.

Reads go through the classroom reads, as the JSON API's do; this module only arranges them.
"""

from datetime import date, datetime
from typing import Any

from proficio.classroom import api as classrooms
from proficio.classroom.api import expected_percent
from proficio.classroom.data import AssignmentScoreRow, AssignmentView, GoalProgress, GoalView
from proficio.classroom.models import Classroom
from proficio.content.api import course_tree

from .shown import shown_with
from .teaching import FINE


def _names(classroom: Classroom) -> dict[int, str]:
    """Each learner as their teacher knows them: display name, else username."""
    return {
        row.id: row.display_name or row.username for row in classrooms.class_learners(classroom)
    }


def _named_rows(
    classroom: Classroom, rows: list[GoalProgress] | list[AssignmentScoreRow]
) -> list[dict[str, Any]]:
    """Each learner's row with the name teachers know them by, in name order."""
    names = _names(classroom)
    named = [shown_with(row, name=names.get(row.learner, row.username)) for row in rows]
    return sorted(named, key=lambda row: row["name"].lower())


def class_courses(classroom: Classroom) -> list[Any]:
    """The course trees of the class's courses, in the class's order."""
    return [
        course_tree(slug) for slug in classrooms.class_view(classroom, for_teacher=True).courses
    ]


def groups_of(classroom: Classroom) -> list[tuple[int, str]]:
    return list(classroom.groups.order_by("name", "pk").values_list("pk", "name"))


def for_whom(view: GoalView | AssignmentView, groups: dict[int, str]) -> str:
    """Who a goal or an assignment is for, as a teacher would say it."""
    if view.learners:
        count = len(view.learners)
        return f"{count} chosen learner{'s' if count > 1 else ''}"
    if view.group is not None:
        return f"the group {groups.get(view.group, '')}"
    return "the whole class"


def goals_page(classroom: Classroom, today: date) -> dict[str, Any]:
    """The class's goals, soonest due first, each with how many learners keep pace."""
    groups = dict(groups_of(classroom))
    goals = [
        shown_with(
            view,
            for_whom=for_whom(view, groups),
            on_track=sum(1 for status in view.statuses.values() if status in FINE),
            learner_count=len(view.statuses),
        )
        for view in classrooms.class_goals_with_statuses(classroom, today)
    ]
    return {"classroom": classroom, "goals": goals}


def goal_page(classroom: Classroom, goal_id: int, today: date) -> dict[str, Any]:
    """One goal: each learner's mastery % next to the % the pace expects today, and status."""
    goal = classrooms.class_goal(classroom, goal_id)
    rows = _named_rows(classroom, classrooms.goal_progress(goal, today))
    view = classrooms.goal_view(goal)
    return {
        "classroom": classroom,
        "goal": view,
        "for_whom": for_whom(view, dict(groups_of(classroom))),
        "expected": expected_percent(goal.target_percent, goal.start_date, goal.due_date, today),
        "rows": rows,
    }


def assignments_page(classroom: Classroom) -> dict[str, Any]:
    """The class's assignments, soonest due first, each saying whom it is for."""
    groups = dict(groups_of(classroom))
    assignments = [
        shown_with(view, for_whom=for_whom(view, groups))
        for view in classrooms.class_assignments(classroom)
    ]
    return {"classroom": classroom, "assignments": assignments}


def assignable_units(classroom: Classroom) -> list[dict[str, Any]]:
    """Each unit of the class's courses with what can be assigned from it, in course order.

    Each item's value is "kind:course:slug"; the course challenge is never offered.
    """
    units = []
    for course in class_courses(classroom):
        for unit in course.units:
            items = [
                (f"{item.kind}:{course.slug}:{item.slug}", item.kind, item.title)
                for lesson in unit.lessons
                for item in lesson.items
            ]
            items += [
                (f"quiz:{course.slug}:{quiz.slug}", "quiz", quiz.title) for quiz in unit.quizzes
            ]
            if unit.unit_test is not None:
                items.append(
                    (f"unit_test:{course.slug}:{unit.slug}", "unit_test", unit.unit_test.title)
                )
            units.append(
                {"course": course.title, "title": unit.title, "slug": unit.slug, "items": items}
            )
    return units


def scores_page(classroom: Classroom, assignment_id: int, now: datetime) -> dict[str, Any]:
    """Learners × items: each cell the item's status with the first and best score."""
    assignment = classrooms.class_assignment(classroom, assignment_id)
    rows = _named_rows(classroom, classrooms.assignment_scores(assignment, now))
    view = classrooms.assignment_view(assignment)
    return {
        "classroom": classroom,
        "assignment": view,
        "for_whom": for_whom(view, dict(groups_of(classroom))),
        "rows": rows,
    }
