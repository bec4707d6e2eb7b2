"""No learner request grows the database without bound, and what used to break now says why.

Over real HTTP: trying a question again is answered every time but logged only the first ten
times; marking a video watched again adds nothing; a body over the upload limit is 413 with a
sentence; a lone surrogate in an answer is refused, so the question's page still shows.
"""

import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from tests.api.learner import COURSE, Learner
from tests.api.teaching import Teacher
from tests.http_client import HttpClient
from tests.samples import write_known_answers_pack

from proficio.accounts.models import User
from proficio.content.services import import_pack
from proficio.learning.actions.answer import TRY_AGAINS_KEPT
from proficio.learning.models import Attempt, Completion, LearningEvent

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ada(http: HttpClient, tmp_path: Path) -> Learner:
    import_pack(path=write_known_answers_pack(tmp_path / "journey", {"numbers": ["one", "two"]}))
    return Learner(http, "ada")


def test_trying_a_question_again_is_answered_each_time_but_logged_only_ten_times(
    ada: Learner,
) -> None:
    task = ada.start("practice", skill="one").body
    assert ada.answer(task["id"], 1, "1").status == 200
    for number in range(TRY_AGAINS_KEPT + 15):
        again = ada.answer(task["id"], 1, "1" if number % 2 else "7")
        assert again.status == 200, again.body
        assert again.body["correct"] is bool(number % 2)
        assert again.body["counted_correct"] is True  # the first answer settled it
    answers = Attempt.objects.filter(task_id=task["id"], position=1, kind="answer")
    assert answers.filter(first=True).count() == 1
    assert answers.filter(first=False).count() == TRY_AGAINS_KEPT == 10
    # A retried try-again beyond the ten still gets its feedback.
    attempt_id = uuid.uuid4().hex
    assert ada.answer(task["id"], 1, "7", attempt_id).body["correct"] is False
    assert ada.answer(task["id"], 1, "7", attempt_id).body["correct"] is False
    assert answers.filter(first=False).count() == 10


def test_marking_an_item_done_again_adds_nothing(
    http: HttpClient, write_pack: Callable[..., Path]
) -> None:
    import_pack(path=write_pack())
    ada = Learner(http, "ada")
    body = {"course": "sample", "kind": "video", "slug": "adding-intro"}
    first = ada.post("/me/completions", body)
    assert first.status == 201
    for _ in range(5):
        again = ada.post("/me/completions", body)
        assert again.status == 201
        assert again.body == first.body  # the first completion, with its time
    assert Completion.objects.count() == 1
    assert LearningEvent.objects.filter(kind="item_completed").count() == 1


def test_an_assignment_gets_its_own_completion_once(
    http: HttpClient, write_pack: Callable[..., Path]
) -> None:
    import_pack(path=write_pack())
    teacher = Teacher(http, "ms-rivera")
    classroom = teacher.create_class("Sample", ["sample"])
    ada = Learner(http, "ada")
    assert ada.post("/classes/join", {"code": classroom["join_code"]}).status == 200
    assignment = teacher.ok(
        "POST",
        f"/classes/{classroom['id']}/assignments",
        {"items": [{"kind": "video", "course": "sample", "slug": "adding-intro"}],
         "due_at": (timezone.now() + timedelta(days=1)).isoformat()},
        201,
    )  # fmt: skip
    body = {"course": "sample", "kind": "video", "slug": "adding-intro"}
    assert ada.post("/me/completions", body).status == 201
    for_it = {**body, "assignment": assignment["id"]}
    assert ada.post("/me/completions", for_it).body == ada.post("/me/completions", for_it).body
    assert Completion.objects.filter(assignment_id=assignment["id"]).count() == 1
    assert Completion.objects.count() == 2


def test_a_body_over_the_upload_limit_is_413_with_a_sentence(http: HttpClient) -> None:
    Learner(http, "ada")
    oversize = b'{"username": "' + b"x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE + b'"}'
    reply = http.post("/api/v1/auth/signup", oversize)
    assert reply.status == 413
    assert reply.body == {
        "detail": "The request is larger than 2 MB, the most the server reads; send less."
    }
    assert User.objects.count() == 1


def test_a_lone_surrogate_in_an_answer_is_refused_and_the_question_page_still_shows(
    ada: Learner, live_server: Any
) -> None:
    task = ada.start("practice", skill="one").body
    assert ada.answer(task["id"], 1, "1").status == 200
    raw = b'{"position": 1, "response": "\\ud800", "attempt_id": "broken"}'
    reply = ada.http.post(f"/api/v1/tasks/{task['id']}/answers", raw, token=ada.token)
    assert reply.status == 422
    assert reply.body == {
        "detail": "'response' holds a broken character (a lone UTF-16 surrogate); send the text"
        " as UTF-8."
    }
    assert not Attempt.objects.filter(attempt_id="broken").exists()
    browser = Client()
    browser.force_login(User.objects.get(username="ada"))
    page = browser.get(f"/tasks/{task['id']}/questions/1/")
    assert page.status_code == 200


@pytest.mark.parametrize(
    ("field", "moment"),
    [("due_at", "9999-12-31T23:59:59-14:00"), ("start_at", "0001-01-01T00:00:00+14:00")],
)
def test_an_assignment_time_at_the_calendars_edge_is_422_naming_the_years(
    http: HttpClient, write_pack: Callable[..., Path], field: str, moment: str
) -> None:
    import_pack(path=write_pack())
    teacher = Teacher(http, "ms-rivera")
    classroom = teacher.create_class("Sample", ["sample"])
    body = {
        "items": [{"kind": "video", "course": "sample", "slug": "adding-intro"}],
        "due_at": (timezone.now() + timedelta(days=1)).isoformat(),
        field: moment,
    }
    reply = teacher.post(f"/classes/{classroom['id']}/assignments", body)
    assert reply.status == 422
    assert reply.body == {"detail": f"'{field}': must be between the years 1900 and 9000."}


def test_an_id_beyond_64_bits_is_422_naming_the_range(ada: Learner) -> None:
    reply = ada.get(f"/tasks/{2**64}")
    assert reply.status == 422
    assert reply.body == {
        "detail": "'task_id': must be a whole number from 1 to 9223372036854775807."
    }
    started = ada.post("/tasks", {"kind": "practice", "course": COURSE, "skill": "one",
                                  "assignment": 10**30})  # fmt: skip
    assert started.status == 422
    assert "'assignment': must be a whole number from 1 to" in started.body["detail"]
