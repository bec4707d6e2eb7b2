"""Slowing down guessing (passwords, join codes): each guess is written down before it is
checked, and too many recent ones in a scope turn the next away for a while.

Counting is safe under parallel requests without locks: a guess is committed first and the
count taken after it. Ordered by when they committed, the k-th of any number of parallel guesses
counts at least k, so at most `allowed` of them can find the count within the limit, on SQLite
and PostgreSQL alike. A refused guess is taken back, so a pause does not stretch itself.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Guess

WINDOW = timedelta(minutes=15)


class TooManyGuesses(Exception):
    """Guessing is paused for a while; the message says how long and what else to do."""


@dataclass(frozen=True)
class Limit:
    """At most `allowed` guesses in WINDOW among those of one key and address (`by="both"`),
    one key from anywhere (`by="key"`), or one address (`by="address"`)."""

    by: str
    allowed: int
    sentence: str  # what the person reads; "{wait}" becomes "5 minutes"


@dataclass(frozen=True)
class Guesser:
    """What a guess is counted against: its key (a username, a learner) and its address."""

    kind: str
    key: str
    address: str


def start_guess(guesser: Guesser, limits: Sequence[Limit], now: datetime | None = None) -> int:
    """Write the guess down, or raise TooManyGuesses. Returns the guess's id, to forget it if
    it turns out right."""
    now = now or timezone.now()
    _check(guesser, limits, now, counting_own=False)  # cheap refusal while paused
    with transaction.atomic():
        # Only the last WINDOW counts: the table stays small however many guesses come.
        Guess.objects.filter(at__lte=now - WINDOW).delete()
        guess = Guess.objects.create(
            kind=guesser.kind, key=guesser.key[:150], address=guesser.address[:45], at=now
        )
    try:
        _check(guesser, limits, now, counting_own=True)
    except TooManyGuesses:
        forget_guess(guess.pk)
        raise
    return guess.pk


def forget_guess(guess_id: int) -> None:
    """A right guess, or one refused: it does not count."""
    Guess.objects.filter(pk=guess_id).delete()


def forget_guesses(guesser: Guesser) -> None:
    """A right password: the wrong ones typed for it from the same address no longer count."""
    Guess.objects.filter(kind=guesser.kind, key=guesser.key, address=guesser.address).delete()


def _check(guesser: Guesser, limits: Sequence[Limit], now: datetime, counting_own: bool) -> None:
    for limit in limits:
        recent = list(
            Guess.objects.filter(_scope(guesser, limit.by), at__gt=now - WINDOW)
            .order_by("-at")
            .values_list("at", flat=True)[: limit.allowed + 1]
        )
        # Once written down, a guess counts itself: one more is allowed in the count.
        reached = limit.allowed + (1 if counting_own else 0)
        if len(recent) >= reached:
            oldest = recent[reached - 1]
            minutes = max(1, math.ceil((oldest + WINDOW - now).total_seconds() / 60))
            wait = f"{minutes} minute{'' if minutes == 1 else 's'}"
            raise TooManyGuesses(limit.sentence.format(wait=wait))


def _scope(guesser: Guesser, by: str) -> Q:
    scope = Q(kind=guesser.kind)
    if by in ("key", "both"):
        scope &= Q(key=guesser.key)
    if by in ("address", "both"):
        scope &= Q(address=guesser.address)
    return scope
