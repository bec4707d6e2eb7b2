"""Assignments: videos, articles, exercises, quizzes and unit tests given with a due time."""

from dataclasses import replace
from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import Field, StringConstraints

from proficio.classroom import api as classrooms
from proficio.classroom.data import (
    AssignmentItemView,
    AssignmentScoreRow,
    AssignmentView,
    ItemStanding,
    LearnerAssignment,
)

from .auth import signed_in
from .errors import ErrorOut
from .shapes import mirrors
from .types import Id, IdParam, LearnerIds, Moment

router = Router(tags=["Assignments"])

Slug = Annotated[str, StringConstraints(min_length=1, max_length=80)]
ERRORS: dict[int, type[Schema]] = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class ItemIn(Schema):
    kind: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    course: Slug
    slug: Slug


class AssignmentIn(Schema):
    title: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    items: Annotated[list[ItemIn], Field(min_length=1, max_length=50)]
    due_at: Moment
    start_at: Moment | None = None
    learners: LearnerIds | None = None
    group: Id | None = None
    same_questions: bool = False


class AssignmentChangeIn(Schema):
    title: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    items: Annotated[list[ItemIn], Field(min_length=1, max_length=50)] | None = None
    due_at: Moment | None = None
    start_at: Moment | None = None
    learners: LearnerIds | None = None
    group: Id | None = None
    same_questions: bool | None = None


@mirrors(AssignmentItemView)
class ItemOut(Schema):
    kind: str
    course: str
    slug: str
    title: str


@mirrors(AssignmentView)
class AssignmentOut(Schema):
    id: int
    title: str
    items: list[ItemOut]
    start_at: datetime
    due_at: datetime
    same_questions: bool
    learners: list[int] | None
    group: int | None


@mirrors(ItemStanding)
class ItemScoreOut(Schema):
    kind: str
    course: str
    slug: str
    title: str
    status: str
    best_percent: float | None
    first_percent: float | None


@mirrors(AssignmentScoreRow)
class LearnerScoreOut(Schema):
    learner: int
    username: str
    status: str
    items: list[ItemScoreOut]


@mirrors(LearnerAssignment)
class MyAssignmentOut(Schema):
    id: int
    class_id: IdParam
    class_name: str
    title: str
    start_at: datetime
    due_at: datetime
    same_questions: bool
    status: str
    items: list[ItemScoreOut]


def _taught(request: HttpRequest, class_id: IdParam) -> Any:
    return classrooms.taught_class(signed_in(request), class_id)


def _change(payload: AssignmentIn | AssignmentChangeIn) -> classrooms.AssignmentChange:
    fields = payload.model_dump(exclude={"items"})
    items = None
    if payload.items is not None:
        items = [classrooms.ItemChoice(item.kind, item.course, item.slug) for item in payload.items]
    return classrooms.AssignmentChange(**fields, items=items)


@router.post(
    "/classes/{class_id}/assignments",
    response={201: AssignmentOut, **ERRORS},
    summary="Assign videos, articles, exercises, quizzes or unit tests (not the course challenge)",
)
def create_assignment(
    request: HttpRequest, class_id: IdParam, payload: AssignmentIn
) -> Status[Any]:
    assignment = classrooms.create_assignment(
        classroom=_taught(request, class_id), change=_change(payload)
    )
    return Status(201, classrooms.assignment_view(assignment))


@router.get(
    "/classes/{class_id}/assignments",
    response={200: list[AssignmentOut], **ERRORS},
    summary="The class's assignments, soonest due first (a learner sees their open ones)",
)
def list_assignments(request: HttpRequest, class_id: IdParam) -> list[AssignmentView]:
    user = signed_in(request)
    classroom = classrooms.member_class(user, class_id)
    if classrooms.is_teacher_of(user, classroom):
        return classrooms.class_assignments(classroom)
    return [
        replace(assignment, learners=None, group=None)
        for assignment in classrooms.class_assignments(classroom, for_learner=user.pk)
    ]


@router.get(
    "/classes/{class_id}/assignments/{assignment_id}",
    response={200: AssignmentOut, **ERRORS},
    summary="An assignment",
)
def get_assignment(
    request: HttpRequest, class_id: IdParam, assignment_id: IdParam
) -> AssignmentView:
    return classrooms.assignment_view(
        classrooms.class_assignment(_taught(request, class_id), assignment_id)
    )


@router.get(
    "/classes/{class_id}/assignments/{assignment_id}/scores",
    response={200: list[LearnerScoreOut], **ERRORS},
    summary="Each learner's status and the best and first score of every item",
)
def assignment_scores(
    request: HttpRequest, class_id: IdParam, assignment_id: IdParam
) -> list[AssignmentScoreRow]:
    assignment = classrooms.class_assignment(_taught(request, class_id), assignment_id)
    return classrooms.assignment_scores(assignment, timezone.now())


@router.patch(
    "/classes/{class_id}/assignments/{assignment_id}",
    response={200: AssignmentOut, **ERRORS},
    summary="Edit an assignment: title, dates (e.g. extend the due time), learners",
)
def change_assignment(
    request: HttpRequest, class_id: IdParam, assignment_id: IdParam, payload: AssignmentChangeIn
) -> AssignmentView:
    assignment = classrooms.class_assignment(_taught(request, class_id), assignment_id)
    assignment = classrooms.change_assignment(
        assignment=assignment, change=_change(payload), fields_set=set(payload.model_fields_set)
    )
    return classrooms.assignment_view(assignment)


@router.delete(
    "/classes/{class_id}/assignments/{assignment_id}",
    response={204: None, **ERRORS},
    summary="Remove an assignment (work done for it still counts toward mastery)",
)
def delete_assignment(
    request: HttpRequest, class_id: IdParam, assignment_id: IdParam
) -> Status[None]:
    assignment = classrooms.class_assignment(_taught(request, class_id), assignment_id)
    classrooms.delete_assignment(assignment=assignment)
    return Status(204, None)


@router.get(
    "/me/assignments",
    response=list[MyAssignmentOut],
    tags=["Progress"],
    summary="The learner's assignments, due soonest first, with each item's status and best %",
)
def my_assignments(request: HttpRequest) -> list[LearnerAssignment]:
    return classrooms.learner_assignments(signed_in(request), timezone.now())
