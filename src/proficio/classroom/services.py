"""Every write to accounts and classes."""

import secrets

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from proficio.content.models import Course

from .models import Classroom, User

# Join codes avoid letters and digits that look alike (0/O, 1/I/L) so they can be read aloud.
_JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


def create_user(
    *, username: str, password: str, display_name: str = "", role: str = User.Role.LEARNER
) -> User:
    """A new account; the password must pass the password rules (ValidationError otherwise)."""
    user = User(username=username, display_name=display_name, role=role)
    validate_password(password, user)
    user.set_password(password)
    user.is_superuser = user.is_staff = role == User.Role.ADMINISTRATOR
    user.save()
    return user


def new_join_code() -> str:
    while True:
        code = "".join(secrets.choice(_JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if not Classroom.objects.filter(join_code=code).exists():
            return code


@transaction.atomic
def create_class(*, teacher: User, name: str, courses: list[Course]) -> Classroom:
    classroom = Classroom.objects.create(name=name, join_code=new_join_code())
    classroom.teachers.add(teacher)
    classroom.courses.set(courses)
    return classroom


def add_learners(*, classroom: Classroom, learners: list[User]) -> None:
    classroom.learners.add(*learners)
