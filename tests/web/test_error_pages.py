"""Error pages: in the site's style, with a way back, and nothing of the server's insides.

The 404, 403 and 400 pages are fetched from a real `proficio serve` as an operator starts it
(so with its own settings: DEBUG off by default). The 500 page comes from a view that fails,
reached through a test-only address (tests/web/failing_urls.py).
"""

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from tests.page_visitor import Page, Visitor
from tests.web import school

import proficio
from proficio.web import error_pages
from proficio.web.error_pages import EXPIRED_FORM

SOURCE = str(Path(proficio.__file__).resolve().parent)


def assert_styled_with_a_way_back(page: Page, status: int, heading: str, sentence: str) -> None:
    assert page.status == status, page.text
    assert page.headers["Content-Type"].startswith("text/html")
    assert '<a class="brand" href="/">Proficio</a>' in page.text  # the site's header
    assert "/static/web/proficio.css" in page.text  # and its style
    assert f'<h1 id="error-title">{heading}</h1>' in page.text
    assert f"<p>{sentence}</p>" in page.text
    assert '<a class="button" href="/">Back to the courses</a>' in page.text
    assert_nothing_internal(page.text)


def assert_nothing_internal(html: str) -> None:
    for internal in ["URLconf", "URLResolver", "URLPattern", "tried", "Traceback", 'File "']:
        assert internal not in html, internal
    assert SOURCE not in html
    assert not re.search(r"[\w/]+\.py\b", html), "a source file is named"


def test_unknown_refused_and_unreadable_requests_get_the_sites_pages_from_proficio_serve(
    serve: Callable[..., tuple[str, str]], write_pack: Callable[..., Path]
) -> None:
    url, _ = serve(packs=[write_pack()], demo=False)
    visitor = Visitor(url)

    assert_styled_with_a_way_back(
        visitor.get("/no/such/page/"), 404, "Page not found", "There is no page at this address."
    )
    # A 404 of ours keeps its sentence.
    assert_styled_with_a_way_back(
        visitor.get("/courses/no-such-course/"),
        404, "Page not found", "There is no course &#x27;no-such-course&#x27;.",
    )  # fmt: skip

    # A form sent without its CSRF token (an expired page, blocked cookies) is refused.
    refused = visitor.request("POST", "/signin/", {"username": "ada", "password": "whatever"})
    assert_styled_with_a_way_back(refused, 403, "Not allowed", EXPIRED_FORM)

    # A learner opening the teachers' page.
    visitor.get("/signup/")
    signed_up = visitor.post_form(
        "/signup/", {"username": "ada", "display_name": "", "password": "a-long-password"}
    )
    assert signed_up.status == 302, signed_up.text
    forbidden = visitor.get("/classes/")
    assert_styled_with_a_way_back(
        forbidden, 403, "Not allowed", "Only teachers have classes to look after."
    )
    assert '<a class="button secondary" href="/home/">My courses</a>' in forbidden.text

    # A form of more fields than any page has.
    flood = visitor.request("POST", "/signin/", {f"field{n}": "x" for n in range(20_000)})
    assert_styled_with_a_way_back(
        flood, 400, "The request could not be read", error_pages.TOO_LARGE
    )

    # Opening a button's address, which takes only what the button sends.
    opened = visitor.get("/tasks/start")
    assert_styled_with_a_way_back(opened, 405, "Not a page to open", error_pages.WRONG_METHOD)
    assert opened.headers["Allow"] == "POST"

    # A request for a host the server does not serve.
    assert_styled_with_a_way_back(
        visitor.get("/", headers={"Host": "intruder.example"}),
        400, "The request could not be read", "The server could not read this request. Go back and try again.",
    )  # fmt: skip


def test_the_api_answers_its_errors_in_json_from_proficio_serve(
    serve: Callable[..., tuple[str, str]],
) -> None:
    url, _ = serve(demo=False)
    visitor = Visitor(url)
    missing = visitor.get("/api/v1/no/such/call")
    assert missing.status == 404
    assert json.loads(missing.text) == {"detail": "There is no API call /api/v1/no/such/call."}
    unknown_course = visitor.get("/api/v1/courses/no-such-course")
    assert unknown_course.status == 404
    assert json.loads(unknown_course.text) == {"detail": "There is no course 'no-such-course'."}
    wrong_method = visitor.request("DELETE", "/api/v1/courses")
    assert wrong_method.status == 405
    assert wrong_method.headers["Allow"] == "GET"
    assert json.loads(wrong_method.text) == {
        "detail": "/api/v1/courses does not take DELETE; it takes GET."
    }
    refused = visitor.get("/api/v1/courses", headers={"Host": "intruder.example"})
    assert refused.status == 400
    assert json.loads(refused.text) == {
        "detail": "The server could not read this request. Go back and try again."
    }


@pytest.mark.urls("tests.web.failing_urls")
@pytest.mark.django_db
def test_a_failing_page_shows_the_sites_500_page_without_touching_the_database(
    django_assert_num_queries: Any,
) -> None:
    browser = Client(raise_request_exception=False)
    browser.force_login(school.learner())  # the 500 page shows no one's name: it needs no user
    with django_assert_num_queries(0):
        failed = browser.get("/a-page-that-fails/")
    assert failed.status_code == 500
    html = failed.content.decode()
    assert '<h1 id="error-title">Something went wrong</h1>' in html
    assert "it has been logged. Try again in a moment." in html
    assert '<a class="button" href="/">Back to the courses</a>' in html
    assert "The page broke" not in html  # the exception's words stay in the log
    assert_nothing_internal(html)


@pytest.mark.urls("tests.web.failing_urls")
def test_a_failing_api_call_outside_the_api_views_answers_json_500() -> None:
    failed = Client(raise_request_exception=False).get("/api/v1/a-call-that-fails")
    assert failed.status_code == 500
    assert failed.json() == {"detail": "Something went wrong on the server; it has been logged."}
