"""Guessing passwords is slowed down: after too many wrong ones for a username in a short
while, signing in to it pauses until the oldest of them is old enough.

Counted per username (not per address): a school's learners often share one address. Every
wrong password counts, through Django's `user_login_failed`; the web sign-in and the API's
token check the pause before they look at the password.
"""

import math
from datetime import datetime, timedelta

from django.utils import timezone

from .models import SignInFailure
from .names import folded_username

FAILURES_ALLOWED = 10
WINDOW = timedelta(minutes=15)


class TooManySignInFailures(Exception):
    """Signing in to this username is paused for a while."""


def _key(username: str) -> str:
    # Every spelling that signs in to one account counts for it (models.Accounts).
    return folded_username(username).replace("\x00", "")[:150]


def check_sign_in_allowed(username: str, now: datetime | None = None) -> None:
    """Raise TooManySignInFailures while the username has had too many wrong passwords."""
    now = now or timezone.now()
    recent = list(
        SignInFailure.objects.filter(username=_key(username), at__gt=now - WINDOW)
        .order_by("-at")
        .values_list("at", flat=True)[:FAILURES_ALLOWED]
    )
    if len(recent) < FAILURES_ALLOWED:
        return
    minutes = max(1, math.ceil((recent[-1] + WINDOW - now).total_seconds() / 60))
    raise TooManySignInFailures(
        f"Too many wrong passwords for this account. Wait {minutes} minute"
        f"{'' if minutes == 1 else 's'} and try again, or ask your teacher for help."
    )


def record_failure(username: str, now: datetime | None = None) -> None:
    if not username:
        return
    now = now or timezone.now()
    # Only the last WINDOW counts: the table stays small however many names are tried.
    SignInFailure.objects.filter(at__lte=now - WINDOW).delete()
    SignInFailure.objects.create(username=_key(username), at=now)


def clear_failures(username: str) -> None:
    """A right password: the wrong ones before it no longer count."""
    SignInFailure.objects.filter(username=_key(username)).delete()
