"""The goals report: every class goal's learners with their mastery %, pace and status."""

from collections.abc import Sequence
from datetime import date
from typing import TypedDict

from proficio.classroom.api import expected_percent, goal_progress
from proficio.classroom.models import Classroom, Goal

from .scope import learner_names


class GoalHeading(TypedDict):
    id: int
    title: str
    course: str
    unit: str | None
    target_percent: int
    start_date: date
    due_date: date
    expected_percent: float


class GoalStanding(TypedDict):
    mastery_percent: float
    status: str


class LearnerGoals(TypedDict):
    learner: int
    username: str
    display_name: str
    goals: dict[str, GoalStanding]


class GoalsReport(TypedDict):
    goals: list[GoalHeading]
    learners: list[LearnerGoals]


def goals_report(*, classroom: Classroom, learner_ids: Sequence[int], today: date) -> GoalsReport:
    """Learners × the class's goals (soonest due first); a goal not set for a learner is absent."""
    goals = list(
        Goal.objects.filter(classroom=classroom)
        .select_related("course", "unit", "classroom", "group")
        .prefetch_related("learners")
        .order_by("due_date", "pk")
    )
    ids = list(learner_ids)
    wanted = set(ids)
    standings: dict[int, dict[str, GoalStanding]] = {pk: {} for pk in ids}
    for goal in goals:
        for row in goal_progress(goal, today):
            if row.learner in wanted:
                standings[row.learner][str(goal.pk)] = {
                    "mastery_percent": row.mastery_percent,
                    "status": row.status,
                }
    names = learner_names(ids)
    return {
        "goals": [
            {
                "id": goal.pk,
                "title": goal.unit.title if goal.unit else goal.course.title,
                "course": goal.course.slug,
                "unit": goal.unit.slug if goal.unit else None,
                "target_percent": goal.target_percent,
                "start_date": goal.start_date,
                "due_date": goal.due_date,
                "expected_percent": expected_percent(
                    goal.target_percent, goal.start_date, goal.due_date, today
                ),
            }
            for goal in goals
        ],
        "learners": [
            {
                "learner": pk,
                "username": names[pk].username,
                "display_name": names[pk].display_name,
                "goals": standings[pk],
            }
            for pk in ids
        ],
    }
