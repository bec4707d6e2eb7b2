"""Classes and their rosters: making and changing a class, join codes, learners, co-teachers,
and new passwords for the accounts a class made."""

import re
import secrets

from django.db import transaction

from proficio.accounts.api import (
    can_teach,
    change_password,
    folded_username,
    forget_guess,
    readable_password,
)
from proficio.accounts.models import User
from proficio.content.api import get_course
from proficio.content.models import Course

from ..errors import ClassNotFound, InvalidTeachingRequest, NotAllowed
from ..join_code_limits import start_join_guess
from ..models import ClassMadeAccount, Classroom
from ..reads.classes import class_learner

# Join codes avoid letters and digits that look alike (0/O, 1/I/L) so they can be read aloud.
_JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


def new_join_code() -> str:
    while True:
        code = "".join(secrets.choice(_JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if not Classroom.objects.filter(join_code=code).exists():
            return code


def _courses(slugs: list[str]) -> list[Course]:
    return [get_course(slug) for slug in dict.fromkeys(slugs)]  # ContentNotFound names it


@transaction.atomic
def create_class(*, teacher: User, name: str, courses: list[Course]) -> Classroom:
    if not can_teach(teacher):
        raise NotAllowed("Only teachers can create classes.")
    classroom = Classroom.objects.create(name=name, join_code=new_join_code())
    classroom.teachers.add(teacher)
    classroom.courses.set(courses)
    return classroom


def create_class_for(*, teacher: User, name: str, course_slugs: list[str]) -> Classroom:
    return create_class(teacher=teacher, name=name, courses=_courses(course_slugs))


@transaction.atomic
def change_class(
    *,
    classroom: Classroom,
    name: str | None = None,
    course_slugs: list[str] | None = None,
    join_enabled: bool | None = None,
) -> Classroom:
    if name is not None:
        classroom.name = name
    if join_enabled is not None:
        classroom.join_enabled = join_enabled
    classroom.save(update_fields=["name", "join_enabled"])
    if course_slugs is not None:
        classroom.courses.set(_courses(course_slugs))
    return classroom


def regenerate_join_code(*, classroom: Classroom) -> str:
    """A new join code; the old one stops working at once."""
    classroom.join_code = new_join_code()
    classroom.save(update_fields=["join_code"])
    return classroom.join_code


def normalised_join_code(code: str) -> str:
    # Codes are read aloud and typed by children: ignore case, spaces and dashes.
    return re.sub(r"[\s-]", "", code).upper()


def join_class(*, learner: User, code: str, address: str = "") -> Classroom:
    """The learner joins the class with this code; joining twice changes nothing.

    Raises TooManyGuesses after too many wrong codes from the learner or the address."""
    if can_teach(learner):
        raise NotAllowed("Teachers do not join with a code: ask a teacher of the class to add you.")
    guess_id = start_join_guess(learner_id=learner.pk, address=address)
    classroom = Classroom.objects.filter(
        join_code=normalised_join_code(code), join_enabled=True
    ).first()
    if classroom is None:
        raise ClassNotFound(
            "No class has this join code, or joining it is turned off: check the code with "
            "your teacher."
        )
    forget_guess(guess_id)
    classroom.learners.add(learner)
    return classroom


def add_learners(*, classroom: Classroom, learners: list[User]) -> None:
    classroom.learners.add(*learners)


def add_learners_by_username(
    *, classroom: Classroom, usernames: list[str]
) -> tuple[list[str], list[str]]:
    """(added, not found): only learner accounts are added; usernames match without case."""
    added, not_found = [], []
    for username in dict.fromkeys(usernames):
        learner = User.objects.filter(
            username_folded=folded_username(username), role=User.Role.LEARNER, is_active=True
        ).first()
        if learner is None:
            not_found.append(username)
        else:
            classroom.learners.add(learner)
            added.append(learner.username)
    return added, not_found


@transaction.atomic
def remove_learner(*, classroom: Classroom, learner_id: int) -> None:
    """Take a learner out of the class and its groups; their own work stays theirs."""
    class_learner(classroom, learner_id)  # ClassNotFound for anyone not in it
    classroom.learners.remove(learner_id)
    for group in classroom.groups.all():
        group.learners.remove(learner_id)


def add_co_teacher(*, classroom: Classroom, username: str) -> User:
    teacher = User.objects.filter(username_folded=folded_username(username), is_active=True).first()
    if teacher is None:
        raise ClassNotFound(f"There is no account '{username}'.")
    if not can_teach(teacher):
        raise InvalidTeachingRequest(
            f"'{teacher.username}' is a learner account; only teachers can teach a class."
        )
    classroom.teachers.add(teacher)
    return teacher


@transaction.atomic
def remove_co_teacher(*, classroom: Classroom, username: str) -> None:
    teachers = list(classroom.teachers.select_for_update())
    key = folded_username(username)
    teacher = next((t for t in teachers if t.username_folded == key), None)
    if teacher is None:
        raise ClassNotFound(f"'{username}' does not teach this class.")
    if len(teachers) == 1:
        raise InvalidTeachingRequest("A class needs at least one teacher; add another first.")
    classroom.teachers.remove(teacher)


def new_password_for_learner(*, classroom: Classroom, learner_id: int) -> str:
    """A new readable password for a learner whose account this class's teacher made (by
    import); it ends the learner's API tokens and other sign-ins. Returned once, to hand out."""
    learner = class_learner(classroom, learner_id)
    if not ClassMadeAccount.objects.filter(account=learner, classroom=classroom).exists():
        raise InvalidTeachingRequest(
            f"{learner.shown_name} made this account themselves, so only they can change its "
            "password, on their account page."
        )
    password = readable_password()
    change_password(user=learner, new_password=password)
    return password
