"""Who a bearer token belongs to, in one hand-written statement: it runs on every API request,
and the ORM's query building cost ten times the database's work (docs/benchmarks.md)."""

import hashlib
from datetime import datetime

from django.db import connection

from proficio.sql_times import aware_times

from .models import User

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
