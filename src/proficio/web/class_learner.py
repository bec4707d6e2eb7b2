"""One learner of a class as its teachers see them: levels, goals, assignments and recent work.

Read from the progress caches and the event log, as the class's reports are, so the page costs
the same number of queries however many skills the courses have or however long the learner's
history is.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from proficio.accounts.models import User
from proficio.classroom import api as classrooms
from proficio.classroom.api import InvalidTeachingRequest
from proficio.classroom.data import RecentEvent
from proficio.classroom.models import ClassMadeAccount, Classroom
from proficio.learning.models import LearningEvent
from proficio.mastery import Level

from .standing import CourseStanding, course_standing
from .teacher import class_page

# Enough to see the last few sessions; the Activity page has the totals for any period.
RECENT_EVENTS = 20

EVENT = LearningEvent.Kind
FINISHED_WORDS = {
    "practice": "Finished practice",
    "quiz": "Finished a quiz",
    "unit_test": "Finished the unit test",
    "course_challenge": "Finished the course challenge",
    "mastery_challenge": "Finished a mastery challenge",
}
COMPLETED_WORDS = {"video": "Watched", "article": "Read"}


@dataclass(frozen=True)
class ActivityLine:
    """One line of recent activity: what happened in words, and a level change if it was one."""

    at: datetime
    kind: str
    words: str
    before: Level | None = None
    after: Level | None = None


def _item_titles(courses: list[CourseStanding]) -> dict[tuple[str, str, str], str]:
    """(course, kind, slug) → title of every video, article and exercise in the courses."""
    return {
        (standing.tree.slug, item.kind, item.slug): item.title
        for standing in courses
        for unit in standing.tree.units
        for lesson in unit.lessons
        for item in lesson.items
    }


def activity_line(event: RecentEvent, item_titles: dict[tuple[str, str, str], str]) -> ActivityLine:
    """An event of `classrooms.recent_learning` in a teacher's words."""
    kind, at = event.kind, event.at
    if kind in (EVENT.SKILL_LEVELED_UP, EVENT.SKILL_LEVELED_DOWN):
        what = "Levelled up" if kind == EVENT.SKILL_LEVELED_UP else "Levelled down"
        return ActivityLine(
            at, kind, f"{what}: {event.skill}",
            Level.from_slug(event.before or ""), Level.from_slug(event.after or ""),
        )  # fmt: skip
    if kind == EVENT.TASK_FINISHED:
        finished = FINISHED_WORDS.get(event.task_kind or "", "Finished a task")
        words = f"{finished}: {event.task_title}"
        if event.total:
            words += f" — {event.correct} of {event.total} right"
    elif kind == EVENT.UNIT_MASTERED:
        words = f"Mastered the unit: {event.unit}"
    elif kind == EVENT.COURSE_MASTERED:
        words = f"Mastered the course: {event.course_title}"
    elif kind == EVENT.ITEM_COMPLETED:
        kind_done, slug = event.item_kind or "", event.item_slug or ""
        title = item_titles.get((event.course, kind_done, slug), slug)
        words = f"{COMPLETED_WORDS.get(kind_done, 'Completed')}: {title}"
    else:
        words = kind.replace("_", " ").capitalize()
    return ActivityLine(at, kind, words)


def learner_page(classroom: Classroom, learner: User, now: datetime) -> dict[str, Any]:
    """The learner in each of the class's courses, their goals and assignments here, lately."""
    slugs = classrooms.class_view(classroom, for_teacher=True).courses
    courses = [course_standing(learner, slug, now) for slug in slugs]
    titles = _item_titles(courses)
    return {
        "classroom": classroom,
        "learner": learner,
        "name": learner.display_name or learner.username,
        "courses": courses,
        "goals": [
            goal
            for goal in classrooms.learner_goals(learner, now.date())
            if goal.class_id == classroom.pk
        ],
        "assignments": [
            assignment
            for assignment in classrooms.learner_assignments(learner, now)
            if assignment.class_id == classroom.pk
        ],
        "activity": [
            activity_line(event, titles)
            for event in classrooms.recent_learning(classroom, learner.pk, RECENT_EVENTS)
        ],
        "recent_limit": RECENT_EVENTS,
        "can_reset_password": ClassMadeAccount.objects.filter(
            account=learner, classroom=classroom
        ).exists(),
    }


@class_page
def learner(request: HttpRequest, classroom: Classroom, learner_id: int) -> HttpResponse:
    found = classrooms.class_learner(classroom, learner_id)
    page = learner_page(classroom, found, timezone.now())
    return render(request, "web/class_learner.html", page)


@class_page
@require_POST
@never_cache  # the page shows the new password once; no cache may keep it
def new_password(request: HttpRequest, classroom: Classroom, learner_id: int) -> HttpResponse:
    found = classrooms.class_learner(classroom, learner_id)
    page = learner_page(classroom, found, timezone.now())
    try:
        page["new_password"] = classrooms.new_password_for_learner(
            classroom=classroom, learner_id=found.pk
        )
    except InvalidTeachingRequest as error:
        page["password_error"] = str(error)
        return render(request, "web/class_learner.html", page, status=422)
    return render(request, "web/class_learner.html", page)
