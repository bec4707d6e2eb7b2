"""Classes and rosters: teachers create classes and add learners; learners join with a code."""

from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field, StringConstraints

from proficio.accounts import api as accounts
from proficio.accounts.api import TooManyGuesses, client_address, roles_of
from proficio.accounts.models import User
from proficio.classroom import api as classrooms
from proficio.classroom.api import NotAllowed
from proficio.classroom.data import ClassSummary, ClassView, LearnerRow, TeacherRow

from .auth import signed_in
from .errors import ErrorOut
from .shapes import mirrors
from .types import IdParam

router = Router(tags=["Classes and rosters"])

ClassName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Slug = Annotated[str, StringConstraints(min_length=1, max_length=80)]
Username = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=150)]
ERRORS: dict[int, type[Schema]] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class ClassIn(Schema):
    name: ClassName
    courses: Annotated[list[Slug], Field(max_length=50)] = []


class ClassChangeIn(Schema):
    name: ClassName | None = None
    courses: Annotated[list[Slug], Field(max_length=50)] | None = None
    join_enabled: bool | None = None


@mirrors(ClassView)
class ClassOut(Schema):
    id: int
    name: str
    courses: list[str]
    teachers: list[str]
    learner_count: int
    join_code: str | None = None
    join_enabled: bool | None = None


@mirrors(ClassSummary)
class ClassListOut(Schema):
    id: int
    name: str
    courses: list[str]


class JoinCodeOut(Schema):
    join_code: str


class JoinIn(Schema):
    code: Annotated[str, StringConstraints(min_length=1, max_length=40)]


class JoinedOut(Schema):
    id: int
    name: str


@mirrors(LearnerRow)
class LearnerOut(Schema):
    id: int
    username: str
    display_name: str


class UsernamesIn(Schema):
    usernames: Annotated[list[Username], Field(min_length=1, max_length=500)]


class AddedOut(Schema):
    added: list[str]
    not_found: list[str]


class CsvIn(Schema):
    csv: Annotated[str, StringConstraints(max_length=200_000)]


class RowErrorOut(Schema):
    row: int
    message: str


class ImportOut(Schema):
    created: list[str]
    added: list[str]
    errors: list[RowErrorOut]
    generated_passwords: dict[str, str]


class TeacherIn(Schema):
    username: Username


@mirrors(TeacherRow)
class TeacherOut(Schema):
    username: str
    display_name: str


class NewTeacherIn(Schema):
    username: Username
    password: Annotated[str, StringConstraints(min_length=1, max_length=1000)]
    display_name: Annotated[str, StringConstraints(max_length=150)] = ""


class NewTeacherOut(Schema):
    id: int
    username: str


def _user(request: HttpRequest) -> Any:
    return signed_in(request)


def _taught(request: HttpRequest, class_id: IdParam) -> Any:
    return classrooms.taught_class(_user(request), class_id)


@router.post(
    "/classes", response={201: ClassOut, **ERRORS}, summary="Create a class (teachers only)"
)
def create_class(request: HttpRequest, payload: ClassIn) -> Status[Any]:
    classroom = classrooms.create_class_for(
        teacher=_user(request), name=payload.name, course_slugs=payload.courses
    )
    return Status(201, classrooms.class_view(classroom, for_teacher=True))


@router.get(
    "/classes",
    response=list[ClassListOut],
    summary="The classes the caller teaches, or has joined as a learner",
)
def list_classes(request: HttpRequest) -> list[ClassSummary]:
    return classrooms.classes_of(_user(request))


@router.post(
    "/classes/join",
    response={200: JoinedOut, 429: ErrorOut, **ERRORS},
    summary="Join a class with its code (learners)",
    description="After 10 wrong codes from a learner in 15 minutes (or 200 from one address), "
    "joining answers 429 with how long to wait.",
)
def join_class(request: HttpRequest, payload: JoinIn) -> dict[str, Any]:
    try:
        classroom = classrooms.join_class(
            learner=_user(request), code=payload.code, address=client_address(request)
        )
    except TooManyGuesses as error:
        raise HttpError(429, str(error)) from error
    return {"id": classroom.pk, "name": classroom.name}


@router.delete(
    "/classes/{class_id}/membership",
    response={204: None, **ERRORS},
    summary="Leave a class (learners; their work stays theirs)",
)
def leave_class(request: HttpRequest, class_id: IdParam) -> Status[None]:
    classrooms.leave_class(learner=_user(request), class_id=class_id)
    return Status(204, None)


@router.get(
    "/classes/{class_id}",
    response={200: ClassOut, **ERRORS},
    summary="A class; its join code is shown to its teachers only",
    exclude_none=True,
)
def get_class(request: HttpRequest, class_id: IdParam) -> ClassView:
    user = _user(request)
    classroom = classrooms.member_class(user, class_id)
    return classrooms.class_view(classroom, for_teacher=classrooms.is_teacher_of(user, classroom))


@router.patch(
    "/classes/{class_id}",
    response={200: ClassOut, **ERRORS},
    summary="Rename a class, change its courses, or turn joining with the code on or off",
)
def change_class(request: HttpRequest, class_id: IdParam, payload: ClassChangeIn) -> ClassView:
    classroom = classrooms.change_class(
        classroom=_taught(request, class_id),
        name=payload.name,
        course_slugs=payload.courses,
        join_enabled=payload.join_enabled,
    )
    return classrooms.class_view(classroom, for_teacher=True)


@router.post(
    "/classes/{class_id}/join-code",
    response={200: JoinCodeOut, **ERRORS},
    summary="Make a new join code; the old one stops working",
)
def new_join_code(request: HttpRequest, class_id: IdParam) -> dict[str, str]:
    return {"join_code": classrooms.regenerate_join_code(classroom=_taught(request, class_id))}


@router.get(
    "/classes/{class_id}/learners",
    response={200: list[LearnerOut], **ERRORS},
    summary="The class's learners",
)
def list_learners(request: HttpRequest, class_id: IdParam) -> list[LearnerRow]:
    return classrooms.class_learners(_taught(request, class_id))


@router.post(
    "/classes/{class_id}/learners",
    response={200: AddedOut, **ERRORS},
    summary="Add existing learner accounts by username",
)
def add_learners(request: HttpRequest, class_id: IdParam, payload: UsernamesIn) -> dict[str, Any]:
    added, not_found = classrooms.add_learners_by_username(
        classroom=_taught(request, class_id), usernames=payload.usernames
    )
    return {"added": added, "not_found": not_found}


@router.post(
    "/classes/{class_id}/learners/import",
    response={200: ImportOut, **ERRORS},
    summary="Create or add learners from CSV rows: username, display name, optional password",
)
def import_learners(request: HttpRequest, class_id: IdParam, payload: CsvIn) -> Any:
    return classrooms.import_learners(classroom=_taught(request, class_id), text=payload.csv)


@router.delete(
    "/classes/{class_id}/learners/{learner_id}",
    response={204: None, **ERRORS},
    summary="Remove a learner from the class (their work stays theirs)",
)
def remove_learner(request: HttpRequest, class_id: IdParam, learner_id: IdParam) -> Status[None]:
    classrooms.remove_learner(classroom=_taught(request, class_id), learner_id=learner_id)
    return Status(204, None)


@router.get(
    "/classes/{class_id}/teachers",
    response={200: list[TeacherOut], **ERRORS},
    summary="The class's teachers",
)
def list_teachers(request: HttpRequest, class_id: IdParam) -> list[TeacherRow]:
    return classrooms.class_teachers(classrooms.member_class(_user(request), class_id))


@router.post(
    "/classes/{class_id}/teachers",
    response={201: TeacherOut, **ERRORS},
    summary="Add a co-teacher by username",
)
def add_teacher(request: HttpRequest, class_id: IdParam, payload: TeacherIn) -> Status[Any]:
    teacher = classrooms.add_co_teacher(
        classroom=_taught(request, class_id), username=payload.username
    )
    return Status(201, TeacherRow(username=teacher.username, display_name=teacher.display_name))


@router.delete(
    "/classes/{class_id}/teachers/{username}",
    response={204: None, **ERRORS},
    summary="Remove a co-teacher (a class keeps at least one teacher)",
)
def remove_teacher(request: HttpRequest, class_id: IdParam, username: str) -> Status[None]:
    classrooms.remove_co_teacher(classroom=_taught(request, class_id), username=username)
    return Status(204, None)


@router.post(
    "/admin/teachers",
    response={201: NewTeacherOut, **ERRORS},
    summary="Create a teacher account (administrators only)",
)
def create_teacher(request: HttpRequest, payload: NewTeacherIn) -> Status[Any]:
    if User.Role.ADMINISTRATOR not in roles_of(_user(request)):
        raise NotAllowed("Only administrators can create teacher accounts.")
    try:
        teacher = accounts.create_teacher(
            username=payload.username, password=payload.password, display_name=payload.display_name
        )
    except accounts.UsernameTaken as error:
        raise HttpError(409, str(error)) from error
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from error
    return Status(201, {"id": teacher.pk, "username": teacher.username})
