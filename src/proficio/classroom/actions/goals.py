"""Goals: setting, changing and removing a class's goals, and recording those reached."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from proficio.content.models import Unit

from ..errors import ClassNotFound, InvalidTeachingRequest
from ..models import Classroom, Goal, GoalAchievement
from ..reads.audiences import goal_audience
from ..reads.classes import class_course
from ..reads.goals import goal_mastery_percents
from .audiences import chosen_audience


@dataclass(frozen=True)
class GoalChange:
    """The fields of a goal a teacher sets; None leaves a field as it is."""

    course: str | None = None
    unit: str | None = None
    target_percent: int | None = None
    start_date: date | None = None
    due_date: date | None = None
    learners: list[int] | None = None
    group: int | None = None


@transaction.atomic
def create_goal(*, classroom: Classroom, change: GoalChange, today: date | None = None) -> Goal:
    """A course mastery goal, or a unit mastery goal when a unit is given."""
    if change.course is None or change.due_date is None:
        raise InvalidTeachingRequest("A goal needs a course and a due date.")
    goal = Goal(classroom=classroom, target_percent=100, start_date=today or timezone.localdate())
    _set_goal(goal, change, {"course", "unit", "learners", "group"})
    return goal


@transaction.atomic
def change_goal(*, goal: Goal, change: GoalChange, fields_set: set[str]) -> Goal:
    _set_goal(goal, change, fields_set)
    return goal


def _set_goal(goal: Goal, change: GoalChange, fields_set: set[str]) -> None:
    classroom = goal.classroom
    if change.course is not None:
        goal.course = class_course(classroom, change.course)
    if "unit" in fields_set:
        goal.unit = None
        if change.unit is not None:
            unit = Unit.objects.filter(course=goal.course, slug=change.unit, archived=False).first()
            if unit is None:
                raise ClassNotFound(
                    f"There is no unit '{change.unit}' in the course '{goal.course.slug}'."
                )
            goal.unit = unit
    elif goal.unit is not None and goal.unit.course_id != goal.course.pk:
        raise InvalidTeachingRequest("The goal's unit is not in the new course: give a unit too.")
    for name in ("target_percent", "start_date", "due_date"):
        if getattr(change, name) is not None:
            setattr(goal, name, getattr(change, name))
    if not 1 <= goal.target_percent <= 100:
        raise InvalidTeachingRequest("The target is a mastery percentage from 1 to 100.")
    if goal.due_date < goal.start_date:
        raise InvalidTeachingRequest("The due date must be on or after the start date.")
    audience_changed = fields_set & {"learners", "group"}
    if audience_changed:
        learners, goal.group = chosen_audience(classroom, change.learners, change.group)
    goal.save()
    if audience_changed:
        goal.learners.set(learners)


def delete_goal(*, goal: Goal) -> None:
    goal.delete()


def record_goals_reached(*, learner_id: int, course_id: int, task_id: int, at: datetime) -> None:
    """Record each of the learner's goals in this course that their mastery now reaches."""
    # Runs inside every finishing transaction: one cheap query when there is nothing to reach.
    candidates = list(
        Goal.objects.filter(classroom__learners=learner_id, course_id=course_id)
        .exclude(achievements__learner_id=learner_id)
        .values_list("pk", flat=True)
    )
    if not candidates:
        return
    open_goals = [
        goal
        for goal in Goal.objects.filter(pk__in=candidates).select_related("classroom", "group")
        if learner_id in goal_audience(goal)
    ]
    if not open_goals:
        return
    percents = goal_mastery_percents(learner_id, course_id)
    GoalAchievement.objects.bulk_create(
        [
            GoalAchievement(goal=goal, learner_id=learner_id, achieved_at=at, task_id=task_id)
            for goal in open_goals
            if percents.get(goal.unit_id, 0.0) >= goal.target_percent
        ],
        ignore_conflicts=True,
    )
