"""A learner leaves a class they joined; their work stays theirs. Over real HTTP."""

from typing import Any

import pytest
from tests.api import test_teaching_journey as journey
from tests.api.learner import Learner
from tests.api.teaching import Teacher
from tests.http_client import HttpClient

from proficio.classroom.models import SkillGroup
from proficio.learning.models import Attempt

pytestmark = pytest.mark.django_db(transaction=True)

# The teaching journey's fixtures: its course (for every test), a teacher and their class.
course, teacher, classroom = journey.course, journey.teacher, journey.classroom


def join(learner: Learner, code: str) -> Any:
    return learner.post("/classes/join", {"code": code})


def test_a_learner_leaves_a_class_and_keeps_their_work(
    http: HttpClient, teacher: Teacher, classroom: dict[str, Any]
) -> None:
    class_id = classroom["id"]
    ada = Learner(http, "ada")
    assert join(ada, classroom["join_code"]).status == 200
    ada.practise("one", [True] * 4)
    group = teacher.ok(
        "POST", f"/classes/{class_id}/groups", {"name": "A", "learners": [ada.id]}, 201
    )
    attempts, levels = Attempt.objects.count(), ada.levels()

    left = http.request("DELETE", f"/api/v1/classes/{class_id}/membership", token=ada.token)
    assert (left.status, left.body) == (204, None)
    assert ada.get("/classes").body == []
    assert ada.get(f"/classes/{class_id}").status == 404
    assert teacher.ok("GET", f"/classes/{class_id}/learners") == []
    assert not SkillGroup.objects.get(pk=group["id"]).learners.exists()
    assert (Attempt.objects.count(), ada.levels()) == (attempts, levels)
    assert join(ada, classroom["join_code"]).status == 200  # and may join again


def test_leaving_a_class_one_is_not_in_reads_like_a_class_that_does_not_exist(
    http: HttpClient, classroom: dict[str, Any]
) -> None:
    ada = Learner(http, "ada")
    class_id = classroom["id"]
    not_in = http.request("DELETE", f"/api/v1/classes/{class_id}/membership", token=ada.token)
    missing = http.request("DELETE", f"/api/v1/classes/{class_id + 99}/membership", token=ada.token)
    assert (not_in.status, missing.status) == (404, 404)
    assert not_in.body["detail"] == f"There is no class {class_id}."
    assert missing.body["detail"] == f"There is no class {class_id + 99}."


def test_a_teacher_does_not_leave_through_membership(
    teacher: Teacher, classroom: dict[str, Any]
) -> None:
    reply = teacher.delete(f"/classes/{classroom['id']}/membership")
    assert reply.status == 403 and "settings" in reply.body["detail"]
    assert teacher.ok("GET", f"/classes/{classroom['id']}")["teachers"] == ["ms-hopper"]


def test_leaving_a_class_beyond_64_bits_is_422_naming_the_id(http: HttpClient) -> None:
    ada = Learner(http, "ada")
    left = http.request("DELETE", f"/api/v1/classes/{2**64}/membership", token=ada.token)
    assert left.status == 422
    assert (
        left.body["detail"] == "'class_id': must be a whole number from 1 to 9223372036854775807."
    )
