"""Times read back by hand-written SQL, made the same on both databases."""

from datetime import UTC, datetime
from typing import Any

from django.utils import timezone


def aware(value: datetime) -> datetime:
    """SQLite gives naive UTC datetimes back to a raw cursor, PostgreSQL aware ones: aware."""
    return timezone.make_aware(value, UTC) if timezone.is_naive(value) else value


def aware_times(row: tuple[Any, ...] | list[Any]) -> list[Any]:
    """The row's values, every datetime among them aware."""
    return [aware(value) if isinstance(value, datetime) else value for value in row]
