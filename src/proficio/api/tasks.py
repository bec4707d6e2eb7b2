"""Learner tasks: practice, quizzes, unit tests, course and mastery challenges; completions."""

from dataclasses import asdict
from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import StrictInt, StringConstraints

from proficio.accounts.models import User
from proficio.classroom import api as classrooms
from proficio.classroom.api import goals_reached_by_task
from proficio.classroom.data import GoalReached
from proficio.learning import api as learning
from proficio.learning.data import AnswerReply, HintReply, TaskView

from .auth import signed_in
from .errors import ErrorOut
from .shapes import mirrors
from .types import Id, IdParam

router = Router(tags=["Learner tasks"])

Slug = Annotated[str, StringConstraints(min_length=1, max_length=80)]
TaskKind = Literal["practice", "quiz", "unit_test", "course_challenge", "mastery_challenge"]


class TaskIn(Schema):
    kind: TaskKind
    course: Slug
    skill: Slug | None = None
    quiz: Slug | None = None
    unit: Slug | None = None
    assignment: Id | None = None


class QuestionOut(Schema):
    position: int
    skill: str
    item: str
    type: str
    prompt_html: str
    choices_html: list[str] | None = None
    multiple: bool | None = None
    hints_available: int
    is_bonus: bool


class SkillChangeOut(Schema):
    skill: str
    before: str
    after: str


class SummaryOut(Schema):
    correct: int
    total: int
    skills: list[SkillChangeOut]
    points_delta: int
    unit_mastery_percent: dict[str, float]
    course_mastery_percent: float


@mirrors(GoalReached)
class GoalReachedOut(Schema):
    id: int
    course: str
    unit: str | None
    target_percent: int


@mirrors(TaskView, adds=("goals_reached",))
class TaskOut(Schema):
    id: int
    kind: str
    course: str
    skills: list[str]
    question_count: int
    status: str
    position: int
    assignment: int | None
    started_at: datetime
    finished_at: datetime | None
    question: QuestionOut | None = None
    summary: SummaryOut | None = None
    goals_reached: list[GoalReachedOut] | None = None


class AnswerIn(Schema):
    position: StrictInt
    response: str | list[StrictInt]
    attempt_id: Annotated[str, StringConstraints(min_length=1, max_length=100)]


@mirrors(AnswerReply, adds=("goals_reached",))
class AnswerOut(Schema):
    correct: bool
    counted_correct: bool | None
    explanation_html: str | None = None
    status: str
    next_question: QuestionOut | None = None
    summary: SummaryOut | None = None
    # The class goals this answer took the learner to: the moment to celebrate.
    goals_reached: list[GoalReachedOut] | None = None


class HintIn(Schema):
    position: StrictInt


@mirrors(HintReply)
class HintOut(Schema):
    hint_html: str
    hints_left: int


class CompletionIn(Schema):
    course: Slug
    kind: Literal["video", "article"]
    slug: Slug
    assignment: Id | None = None


class CompletionOut(Schema):
    course: str
    kind: str
    slug: str
    completed_at: datetime


ERRORS: dict[int, type[Schema]] = {404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.post(
    "/tasks",
    response={200: TaskOut, 201: TaskOut, **ERRORS},
    summary="Start a task, or resume the open one with the same kind and target",
)
def start_task(request: HttpRequest, payload: TaskIn) -> Status[Any]:
    task_request = learning.TaskRequest(
        kind=payload.kind,
        course=payload.course,
        skill=payload.skill,
        quiz=payload.quiz,
        unit=payload.unit,
    )
    if needed := task_request.missing_target:
        raise HttpError(422, f"'{needed}' is required for a {payload.kind.replace('_', ' ')}.")
    learner = signed_in(request)
    task, created = classrooms.start_task(
        learner=learner, request=task_request, assignment_id=payload.assignment
    )
    return Status(201 if created else 200, _with_goals_reached(learner, task))


@router.get(
    "/tasks/{task_id}",
    response={200: TaskOut, 404: ErrorOut},
    summary="A task: its current question while in progress, its summary once finished",
)
def get_task(request: HttpRequest, task_id: IdParam) -> TaskView | dict[str, Any]:
    learner = signed_in(request)
    return _with_goals_reached(learner, learning.task_view(learning.learner_task(learner, task_id)))


@router.post(
    "/tasks/{task_id}/answers",
    response={200: AnswerOut, **ERRORS},
    summary="Answer a question of the task",
)
def answer(
    request: HttpRequest, task_id: IdParam, payload: AnswerIn
) -> AnswerReply | dict[str, Any]:
    learner = signed_in(request)
    reply = learning.answer_question(
        learner=learner,
        task_id=task_id,
        position=payload.position,
        response=payload.response,
        attempt_id=payload.attempt_id,
    )
    if reply.status == "finished":
        return {**asdict(reply), "goals_reached": goals_reached_by_task(learner, task_id)}
    return reply


def _with_goals_reached(learner: User, task: TaskView) -> TaskView | dict[str, Any]:
    if task.status != "finished":
        return task
    return {**asdict(task), "goals_reached": goals_reached_by_task(learner, task.id)}


@router.post(
    "/tasks/{task_id}/hints",
    response={200: HintOut, **ERRORS},
    summary="Show the next hint of a question (the question then counts wrong)",
)
def hint(request: HttpRequest, task_id: IdParam, payload: HintIn) -> HintReply:
    return learning.show_hint(
        learner=signed_in(request), task_id=task_id, position=payload.position
    )


@router.post(
    "/tasks/{task_id}/skip-bonus",
    response={200: TaskOut, **ERRORS},
    summary="Decline the bonus question; the set keeps its score",
)
def skip_bonus(request: HttpRequest, task_id: IdParam) -> TaskView:
    return learning.skip_bonus(learner=signed_in(request), task_id=task_id)


@router.post(
    "/me/completions",
    response={201: CompletionOut, 404: ErrorOut, 422: ErrorOut},
    summary="Record that the learner watched a video or read an article",
    description="Recorded once per item (and once per assignment asking for it): a repeat"
    " answers with the first completion and adds nothing.",
)
def complete(request: HttpRequest, payload: CompletionIn) -> Status[Any]:
    learner = signed_in(request)
    if payload.assignment is not None:
        classrooms.check_assigned_completion(
            learner=learner,
            assignment_id=payload.assignment,
            course=payload.course,
            kind=payload.kind,
            slug=payload.slug,
        )
    completion, _ = learning.mark_done(
        learner=learner,
        course_slug=payload.course,
        kind=payload.kind,
        slug=payload.slug,
        assignment_id=payload.assignment,
    )
    return Status(
        201,
        {
            "course": payload.course,
            "kind": completion.kind,
            "slug": completion.slug,
            "completed_at": completion.completed_at,
        },
    )
