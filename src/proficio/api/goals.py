"""Course and unit mastery goals: a target mastery % by a date, and each learner's pace."""

from dataclasses import asdict, replace
from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import Field, StrictInt, StringConstraints

from proficio.classroom import api as classrooms
from proficio.classroom.api import expected_percent
from proficio.classroom.data import GoalProgress, GoalView, LearnerGoal

from .auth import signed_in
from .errors import ErrorOut
from .shapes import mirrors
from .types import Day, Id, IdParam, LearnerIds

router = Router(tags=["Goals"])

Slug = Annotated[str, StringConstraints(min_length=1, max_length=80)]
ERRORS: dict[int, type[Schema]] = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class GoalIn(Schema):
    course: Slug
    unit: Slug | None = None
    target_percent: Annotated[StrictInt, Field(ge=1, le=100)] = 100
    start_date: Day | None = None
    due_date: Day
    learners: LearnerIds | None = None
    group: Id | None = None


class GoalChangeIn(Schema):
    course: Slug | None = None
    unit: Slug | None = None
    target_percent: Annotated[StrictInt, Field(ge=1, le=100)] | None = None
    start_date: Day | None = None
    due_date: Day | None = None
    learners: LearnerIds | None = None
    group: Id | None = None


@mirrors(GoalView)
class GoalOut(Schema):
    id: int
    course: str
    unit: str | None
    title: str
    target_percent: int
    start_date: date
    due_date: date
    learners: list[int] | None
    group: int | None


@mirrors(GoalProgress)
class LearnerPaceOut(Schema):
    learner: int
    username: str
    mastery_percent: float
    expected_percent: float
    status: str
    achieved_at: datetime | None


@mirrors(GoalView, adds=("expected_percent", "progress"))
class GoalProgressOut(GoalOut):
    expected_percent: float
    progress: list[LearnerPaceOut]


@mirrors(LearnerGoal)
class MyGoalOut(Schema):
    id: int
    class_id: IdParam
    class_name: str
    course: str
    unit: str | None
    title: str
    target_percent: int
    start_date: date
    due_date: date
    mastery_percent: float
    expected_percent: float
    status: str
    achieved_at: datetime | None


def _taught(request: HttpRequest, class_id: IdParam) -> Any:
    return classrooms.taught_class(signed_in(request), class_id)


def _change(payload: GoalIn | GoalChangeIn) -> classrooms.GoalChange:
    return classrooms.GoalChange(**payload.model_dump())


@router.post(
    "/classes/{class_id}/goals",
    response={201: GoalOut, **ERRORS},
    summary="Set a course mastery goal, or a unit mastery goal when a unit is given",
)
def create_goal(request: HttpRequest, class_id: IdParam, payload: GoalIn) -> Status[Any]:
    goal = classrooms.create_goal(classroom=_taught(request, class_id), change=_change(payload))
    return Status(201, classrooms.goal_view(goal))


@router.get(
    "/classes/{class_id}/goals",
    response={200: list[GoalOut], **ERRORS},
    summary="The class's goals, soonest due first (a learner sees those set for them)",
)
def list_goals(request: HttpRequest, class_id: IdParam) -> list[GoalView]:
    user = signed_in(request)
    classroom = classrooms.member_class(user, class_id)
    if classrooms.is_teacher_of(user, classroom):
        return classrooms.class_goals(classroom)
    # A learner sees the goals set for them, not whom else they are for.
    return [
        replace(goal, learners=None, group=None)
        for goal in classrooms.class_goals(classroom, for_learner=user.pk)
    ]


@router.get(
    "/classes/{class_id}/goals/{goal_id}",
    response={200: GoalProgressOut, **ERRORS},
    summary="A goal with each learner's mastery %, expected % and status",
)
def get_goal(request: HttpRequest, class_id: IdParam, goal_id: IdParam) -> dict[str, Any]:
    goal = classrooms.class_goal(_taught(request, class_id), goal_id)
    today = timezone.localdate()
    progress = classrooms.goal_progress(goal, today)
    expected = expected_percent(goal.target_percent, goal.start_date, goal.due_date, today)
    return {
        **asdict(classrooms.goal_view(goal)),
        "expected_percent": expected,
        "progress": progress,
    }


@router.patch(
    "/classes/{class_id}/goals/{goal_id}",
    response={200: GoalOut, **ERRORS},
    summary="Change a goal's target, dates, unit or learners",
)
def change_goal(
    request: HttpRequest, class_id: IdParam, goal_id: IdParam, payload: GoalChangeIn
) -> GoalView:
    goal = classrooms.class_goal(_taught(request, class_id), goal_id)
    goal = classrooms.change_goal(
        goal=goal, change=_change(payload), fields_set=set(payload.model_fields_set)
    )
    return classrooms.goal_view(goal)


@router.delete(
    "/classes/{class_id}/goals/{goal_id}",
    response={204: None, **ERRORS},
    summary="Remove a goal",
)
def delete_goal(request: HttpRequest, class_id: IdParam, goal_id: IdParam) -> Status[None]:
    classrooms.delete_goal(goal=classrooms.class_goal(_taught(request, class_id), goal_id))
    return Status(204, None)


@router.get(
    "/me/goals",
    response=list[MyGoalOut],
    tags=["Progress"],
    summary="The learner's goals across their classes, with their own pace",
)
def my_goals(request: HttpRequest) -> list[LearnerGoal]:
    return classrooms.learner_goals(signed_in(request), timezone.localdate())
