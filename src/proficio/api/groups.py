"""Skill groups: learners gathered by hand or from suggestions built on their levels."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field, StringConstraints

from proficio.classroom import api as classrooms
from proficio.classroom.api import ClassNotFound
from proficio.classroom.data import GroupSuggestion, GroupView

from .auth import signed_in
from .errors import ErrorOut
from .shapes import mirrors
from .types import IdParam, LearnerIds

router = Router(tags=["Skill groups"])

Slug = Annotated[str, StringConstraints(min_length=1, max_length=80)]
GroupName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
ERRORS: dict[int, type[Schema]] = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class GroupIn(Schema):
    name: GroupName
    learners: LearnerIds = []


class GroupChangeIn(Schema):
    name: GroupName | None = None
    learners: LearnerIds | None = None


@mirrors(GroupView)
class GroupOut(Schema):
    id: int
    name: str
    learners: list[int]


class SuggestIn(Schema):
    course: Slug
    unit: Slug | None = None
    skills: Annotated[list[Slug], Field(max_length=500)] | None = None


@mirrors(GroupSuggestion)
class SuggestionOut(Schema):
    name: str
    learners: list[int]
    levels: list[str]
    averages: dict[str, float]
    reason: str


def _taught(request: HttpRequest, class_id: IdParam) -> Any:
    return classrooms.taught_class(signed_in(request), class_id)


@router.post(
    "/classes/{class_id}/groups",
    response={201: GroupOut, **ERRORS},
    summary="Make a skill group of the class's learners",
)
def create_group(request: HttpRequest, class_id: IdParam, payload: GroupIn) -> Status[Any]:
    group = classrooms.create_group(
        classroom=_taught(request, class_id), name=payload.name, learner_ids=payload.learners
    )
    return Status(201, classrooms.group_view(group))


@router.get(
    "/classes/{class_id}/groups", response={200: list[GroupOut], **ERRORS}, summary="The groups"
)
def list_groups(request: HttpRequest, class_id: IdParam) -> list[GroupView]:
    return classrooms.class_groups(_taught(request, class_id))


@router.post(
    "/classes/{class_id}/groups/suggest",
    response={200: list[SuggestionOut], **ERRORS},
    summary="Suggest groups by the learners' average mastery points on some skills (not saved)",
)
def suggest_groups(
    request: HttpRequest, class_id: IdParam, payload: SuggestIn
) -> list[GroupSuggestion]:
    classroom = _taught(request, class_id)
    course = classrooms.class_course(classroom, payload.course)
    unit = None
    if payload.unit is not None:
        unit = course.units.filter(slug=payload.unit, archived=False).first()
        if unit is None:
            raise ClassNotFound(f"There is no unit '{payload.unit}' in the course '{course.slug}'.")
    return classrooms.suggested_groups(classroom, course, unit, payload.skills or [])


@router.get(
    "/classes/{class_id}/groups/{group_id}",
    response={200: GroupOut, **ERRORS},
    summary="A group",
)
def get_group(request: HttpRequest, class_id: IdParam, group_id: IdParam) -> GroupView:
    return classrooms.group_view(classrooms.class_group(_taught(request, class_id), group_id))


@router.patch(
    "/classes/{class_id}/groups/{group_id}",
    response={200: GroupOut, **ERRORS},
    summary="Rename a group or change its learners",
)
def change_group(
    request: HttpRequest, class_id: IdParam, group_id: IdParam, payload: GroupChangeIn
) -> GroupView:
    group = classrooms.class_group(_taught(request, class_id), group_id)
    changed = classrooms.change_group(group=group, name=payload.name, learner_ids=payload.learners)
    return classrooms.group_view(changed)


@router.delete(
    "/classes/{class_id}/groups/{group_id}",
    response={204: None, **ERRORS},
    summary="Remove a group (goals and assignments for it keep its learners)",
)
def delete_group(request: HttpRequest, class_id: IdParam, group_id: IdParam) -> Status[None]:
    classrooms.delete_group(group=classrooms.class_group(_taught(request, class_id), group_id))
    return Status(204, None)
