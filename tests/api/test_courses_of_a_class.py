"""A request that names a course for a class — a goal, an assignment's item, suggested groups, a
report — is 422 when the class does not take the course, or the server has none of that name:
the class exists, and the request asks what it cannot have (docs/api-notes.md, Teaching)."""

from pathlib import Path
from typing import Any

import pytest
from tests.api.learner import COURSE, UNITS
from tests.api.teaching import Teacher
from tests.http_client import HttpClient
from tests.samples import write_known_answers_pack, write_sample_pack

from proficio.classroom.models import Assignment, Goal
from proficio.content.services import import_pack

pytestmark = pytest.mark.django_db(transaction=True)

ELSEWHERE = "The course 'sample' is not one of this class's courses."
NOWHERE = "There is no course 'astrology'."


@pytest.fixture(autouse=True)
def courses(tmp_path: Path) -> None:
    import_pack(path=write_known_answers_pack(tmp_path / "journey", UNITS))
    import_pack(path=write_sample_pack(tmp_path / "sample"))


@pytest.fixture
def teacher(http: HttpClient) -> Teacher:
    return Teacher(http, "ms-hopper")


@pytest.fixture
def classroom(teacher: Teacher) -> dict[str, Any]:
    return teacher.create_class("Year 7 maths", [COURSE])


def asked(course: str) -> list[tuple[str, str, dict[str, Any] | None]]:
    """Every call of a class that names a course: (method, path under the class, body)."""
    return [
        ("POST", "/goals", {"course": course, "due_date": "2030-01-01"}),
        (
            "POST",
            "/assignments",
            {"items": [{"kind": "exercise", "course": course, "slug": "add-small"}],
             "due_at": "2030-01-01T09:00:00Z"},
        ),
        ("POST", "/groups/suggest", {"course": course}),
        ("GET", f"/reports/mastery?course={course}", None),
        ("GET", f"/reports/skills?course={course}", None),
    ]  # fmt: skip


@pytest.mark.parametrize(("course", "detail"), [("sample", ELSEWHERE), ("astrology", NOWHERE)])
def test_a_course_not_in_the_class_is_422_wherever_it_is_named(
    http: HttpClient, teacher: Teacher, classroom: dict[str, Any], course: str, detail: str
) -> None:
    for method, path, body in asked(course):
        reply = http.request(
            method, f"/api/v1/classes/{classroom['id']}{path}", body, token=teacher.token
        )
        assert (reply.status, reply.body) == (422, {"detail": detail}), (method, path)
    assert not Goal.objects.exists()
    assert not Assignment.objects.exists()


def test_the_class_in_the_path_is_still_404(http: HttpClient, teacher: Teacher) -> None:
    reply = teacher.post("/classes/999999/groups/suggest", {"course": "astrology"})
    assert (reply.status, reply.body) == (404, {"detail": "There is no class 999999."})
