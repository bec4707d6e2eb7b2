"""Every write to accounts and classes."""

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from proficio.content.models import Course

from .models import ApiToken, Classroom, User

# Join codes avoid letters and digits that look alike (0/O, 1/I/L) so they can be read aloud.
_JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


def create_user(
    *,
    username: str,
    password: str = "",
    display_name: str = "",
    role: str = User.Role.LEARNER,
    password_hash: str | None = None,
) -> User:
    """A new account; the password must pass the password rules (ValidationError otherwise).

    `password_hash` (from `make_password`) stands for the password when many accounts are made
    with one password at once, as in the demo: Argon2 is slow on purpose, so hash it once.
    """
    user = User(username=username, display_name=display_name, role=role)
    if password_hash is not None:
        user.password = password_hash
    else:
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


class UsernameTaken(Exception):
    """Someone already has this username (compared without case)."""


class WrongCredentials(Exception):
    """No account with this username and password."""


TOKEN_LIFETIME = timedelta(days=30)
_USERNAME = re.compile(r"^[\w.@+-]{1,150}$")


def sign_up(*, username: str, password: str, display_name: str = "") -> User:
    """A new learner account; raises UsernameTaken, or ValidationError for a weak password."""
    if not _USERNAME.match(username):
        raise ValidationError(
            "A username is 1 to 150 letters, digits and the signs . @ + - _ (no spaces)."
        )
    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():
            raise UsernameTaken(f"The username '{username}' is taken; choose another.")
        return create_user(username=username, password=password, display_name=display_name)


def issue_token(*, username: str, password: str, now: datetime | None = None) -> str:
    """A new API token for the account; only its digest is stored."""
    user = authenticate(username=username, password=password)
    if user is None:
        raise WrongCredentials("Wrong username or password.")
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user, digest=_digest(token), created_at=now, expires_at=now + TOKEN_LIFETIME
    )
    return token


def user_for_token(token: str, now: datetime | None = None) -> User | None:
    """The active account a token belongs to, or None for an unknown or expired token."""
    if not token or len(token) > 200:
        return None
    found = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(token), expires_at__gt=now or timezone.now(), user__is_active=True)
        .first()
    )
    return found.user if found else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
