"""The JSON API's bearer tokens: issuing one for a username and password, and who a token
belongs to. The second runs on every API request, in one hand-written statement: the ORM's
query building cost ten times the database's work (docs/benchmarks.md)."""

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import authenticate
from django.db import connection, transaction
from django.utils import timezone

from proficio.sql_times import aware_times

from .models import ApiToken, User


class WrongCredentials(Exception):
    """No account with this username and password."""


TOKEN_LIFETIME = timedelta(days=30)
# Each sign-in through the API adds a token: an account keeps its newest ones only, so signing
# in again and again cannot grow the database without end.
TOKENS_KEPT = 50


def issue_token(
    *, username: str, password: str, request: Any = None, now: datetime | None = None
) -> str:
    """A new API token for the account; only its digest is stored.

    Raises TooManyGuesses while signing in is paused for the request's address (sign_in_limits)."""
    user = authenticate(request, username=username, password=password)
    if user is None:
        raise WrongCredentials("Wrong username or password.")
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        tokens = ApiToken.objects.filter(user=user)
        tokens.filter(expires_at__lte=now).delete()
        newest = tokens.order_by("-created_at", "-pk").values_list("pk", flat=True)
        tokens.exclude(pk__in=list(newest[: TOKENS_KEPT - 1])).delete()
        ApiToken.objects.create(
            user=user, digest=token_digest(token), created_at=now, expires_at=now + TOKEN_LIFETIME
        )
    return token


def user_for_token(token: str, now: datetime | None = None) -> User | None:
    """The active account a token belongs to, or None for an unknown or expired token."""
    if not token or len(token) > 200:
        return None
    return active_user_with_token(token_digest(token), now or timezone.now())


# In the order of User's fields; the password is left out (loaded only if something asks).
_FIELDS = [
    "id", "last_login", "is_superuser", "first_name", "last_name", "email",
    "is_staff", "is_active", "date_joined", "username", "display_name", "role",
]  # fmt: skip
_SQL = (
    "SELECT u.id, u.last_login, u.is_superuser, u.first_name, u.last_name, "
    "u.email, u.is_staff, u.is_active, u.date_joined, u.username, u.display_name, u.role "
    "FROM classroom_user u JOIN classroom_apitoken t ON t.user_id = u.id "
    "WHERE t.digest = %s AND t.expires_at > %s AND u.is_active = %s"
)


def active_user_with_token(digest: str, now: datetime) -> User | None:
    """The active account holding an unexpired token with this digest, if any."""
    with connection.cursor() as cursor:
        cursor.execute(_SQL, [digest, connection.ops.adapt_datetimefield_value(now), True])
        row = cursor.fetchone()
    if row is None:
        return None
    return User.from_db(connection.alias, _FIELDS, aware_times(row))


def token_digest(token: str) -> str:
    """What is stored of a token: its SHA-256, so a leaked database leaks no usable token."""
    return hashlib.sha256(token.encode()).hexdigest()
