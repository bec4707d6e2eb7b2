"""GET /api/v1/courses and /api/v1/courses/{course}, over real HTTP, as docs/api.md says."""

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.http_client import HttpClient
from tests.samples import MINIMAL_COURSE

from proficio.content.services import import_pack

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sample(write_pack: Callable[..., Path]) -> None:
    import_pack(path=write_pack())
    second = MINIMAL_COURSE.replace("slug: sample", "slug: second", 1)
    import_pack(path=write_pack(course=second, name="second"))


def test_the_catalogue_lists_every_course_with_counts(http: HttpClient, sample: None) -> None:
    reply = http.get("/api/v1/courses")
    assert reply.status == 200
    by_slug = {course["slug"]: course for course in reply.body}
    assert by_slug["sample"] == {
        "slug": "sample", "title": "Sample course", "subject": "math",
        "description": "A small course for tests.", "unit_count": 1, "skill_count": 2,
    }  # fmt: skip
    assert set(by_slug) == {"sample", "second"} and by_slug["second"]["skill_count"] == 2


def test_a_course_tree_has_the_spec_shape(http: HttpClient, sample: None) -> None:
    reply = http.get("/api/v1/courses/sample")
    assert reply.status == 200
    tree = reply.body
    assert tree["slug"] == "sample" and tree["title"] == "Sample course"
    unit = tree["units"][0]
    assert unit["slug"] == "adding" and unit["title"] == "Adding"
    assert unit["lessons"][0] == {
        "slug": "add-small",
        "title": "Add small numbers",
        "items": [
            {"kind": "video", "slug": "adding-intro", "title": "Intro to adding"},
            {"kind": "article", "slug": "counting-on", "title": "Counting on"},
            {"kind": "exercise", "slug": "add-small", "title": "Add small numbers"},
        ],
    }
    assert unit["quizzes"] == [{"slug": "adding-quiz", "title": "Quiz 1", "skills": ["add-small"]}]
    assert unit["unit_test"]["skills"] == ["add-small", "add-big"]


def test_the_tree_never_carries_answers(http: HttpClient, sample: None) -> None:
    text = http.get("/api/v1/courses/sample", raw=True).body
    assert "answer" not in text and "correct" not in text and "12" not in text


def test_an_unknown_course_is_404_with_its_name(http: HttpClient, sample: None) -> None:
    reply = http.get("/api/v1/courses/no-such-course")
    assert reply.status == 404
    assert reply.body == {"detail": "There is no course 'no-such-course'."}


def test_an_unknown_api_path_is_a_json_404(http: HttpClient) -> None:
    reply = http.get("/api/v1/nothing-here")
    assert reply.status == 404
    assert "detail" in reply.body


def test_the_catalogue_is_public_and_empty_without_courses(http: HttpClient) -> None:
    assert http.get("/api/v1/courses").body == []


def test_the_openapi_document_describes_the_course_calls(http: HttpClient) -> None:
    reply = http.get("/api/v1/openapi.json")
    assert reply.status == 200
    assert {"/api/v1/courses", "/api/v1/courses/{course}"} <= set(reply.body["paths"])


def test_the_interactive_docs_are_served_with_their_own_assets(http: HttpClient) -> None:
    page = http.get("/api/v1/docs", raw=True)
    assert page.status == 200 and "swagger-ui" in page.body
    assert http.get("/static/ninja/swagger-ui-bundle.js", raw=True).status == 200
