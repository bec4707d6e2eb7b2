"""Guessing join codes is slowed down per learner and per address, over real HTTP."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from tests.api import test_teaching_journey as journey
from tests.api.learner import Learner
from tests.http_client import HttpClient

from proficio.accounts.models import Guess
from proficio.classroom.join_code_limits import FOR_LEARNER, FROM_ADDRESS

pytestmark = pytest.mark.django_db(transaction=True)

# The teaching journey's fixtures: its course (for every test), a teacher and their class.
course, teacher, classroom = journey.course, journey.teacher, journey.classroom

WRONG_CODE = "ZZZZZZ"  # one of 887 million codes: no class of a test has it


def join(learner: Learner, code: str) -> Any:
    return learner.post("/classes/join", {"code": code})


# --- guessing join codes ----------------------------------------------------------------------


def test_too_many_wrong_codes_pause_joining_with_429_and_say_how_long(
    http: HttpClient, classroom: dict[str, Any]
) -> None:
    ada = Learner(http, "ada")
    for _ in range(FOR_LEARNER.allowed):
        assert join(ada, WRONG_CODE).status == 404
    paused = join(ada, classroom["join_code"])
    assert paused.status == 429
    assert paused.body["detail"] == (
        "Too many wrong class codes. Wait 15 minutes and try again, and check the code with "
        "your teacher."
    )
    assert ada.get("/classes").body == []
    grace = Learner(http, "grace")  # at the same address, but her own count
    assert join(grace, classroom["join_code"]).status == 200
    Guess.objects.update(at=timezone.now() - timedelta(minutes=16))
    assert join(ada, classroom["join_code"]).status == 200


def test_right_codes_do_not_count_toward_the_pause(
    http: HttpClient, classroom: dict[str, Any]
) -> None:
    ada = Learner(http, "ada")
    for _ in range(FOR_LEARNER.allowed + 2):
        assert join(ada, classroom["join_code"]).status == 200
    assert not Guess.objects.filter(kind=Guess.Kind.JOIN_CODE).exists()


def test_one_address_guessing_for_many_learners_is_paused(
    http: HttpClient, classroom: dict[str, Any]
) -> None:
    a_minute_ago = timezone.now() - timedelta(minutes=1)
    Guess.objects.bulk_create(
        Guess(kind=Guess.Kind.JOIN_CODE, key=str(n), address="127.0.0.1", at=a_minute_ago)
        for n in range(FROM_ADDRESS.allowed)
    )
    paused = join(Learner(http, "ada"), classroom["join_code"])
    assert paused.status == 429
    assert paused.body["detail"].startswith("Too many wrong class codes from this network.")


def test_parallel_wrong_codes_check_at_most_the_limit(http: HttpClient) -> None:
    ada = Learner(http, "ada")
    with ThreadPoolExecutor(max_workers=30) as pool:
        statuses = list(pool.map(lambda _: join(ada, WRONG_CODE).status, range(30)))
    checked = statuses.count(404)
    assert 1 <= checked <= FOR_LEARNER.allowed, statuses
    assert statuses.count(429) == 30 - checked
