"""The catalogue, course tree, article and exercise pages, fetched over real HTTP."""

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.http_client import HttpClient

from proficio.content.services import import_pack

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sample(write_pack: Callable[..., Path]) -> None:
    import_pack(path=write_pack())


def test_the_catalogue_links_each_course(http: HttpClient, sample: None) -> None:
    page = http.get("/", raw=True)
    assert page.status == 200
    assert 'href="/courses/sample/"' in page.body and "Sample course" in page.body
    assert "1 unit · 2 skills" in page.body


def test_the_course_page_shows_the_whole_tree(http: HttpClient, sample: None) -> None:
    page = http.get("/courses/sample/", raw=True).body
    for text in (
        "Unit 1: Adding",
        "Add small numbers",
        "Intro to adding",
        "Counting on",
        "Quiz 1",
        "Unit test",
    ):
        assert text in page
    # The quiz comes after the lesson it covers and before the next lesson.
    assert page.index("Add small numbers") < page.index("Quiz 1") < page.index("Add bigger numbers")


def test_an_article_shows_its_math_as_mathml(http: HttpClient, sample: None) -> None:
    page = http.get("/courses/sample/articles/counting-on/", raw=True).body
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in page
    assert "<mn>12</mn>" in page


def test_an_exercise_page_shows_questions_without_answers(http: HttpClient, sample: None) -> None:
    page = http.get("/courses/sample/exercises/add-small/?seed=3", raw=True).body
    assert page.count('class="question"') == 6
    assert "Which sum is 10?" in page
    assert "the sum" not in page and "5x" not in page
    assert http.get("/courses/sample/exercises/add-small/?seed=3", raw=True).body == page


def test_authored_html_cannot_reach_a_page(
    http: HttpClient, write_pack: Callable[..., Path]
) -> None:
    article = "# Hi\n\n<script>alert(1)</script> [x](javascript:alert(2)) $\\text{<img src=x onerror=alert(3)>}$\n"
    import_pack(path=write_pack(articles={"counting-on.md": article}))
    page = http.get("/courses/sample/articles/counting-on/", raw=True).body
    assert "<script>alert" not in page
    assert 'href="javascript:' not in page
    assert "onerror=" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text, harmless


def test_unknown_pages_are_404(http: HttpClient, sample: None) -> None:
    for path in (
        "/courses/nope/",
        "/courses/sample/articles/nope/",
        "/courses/sample/exercises/nope/",
    ):
        assert http.get(path, raw=True).status == 404


def test_signing_in_with_the_right_password_and_refusing_a_wrong_one() -> None:
    from django.test import Client

    from proficio.accounts.services import create_user

    create_user(username="ada", password="a-long-password", display_name="Ada Lovelace")
    browser = Client(enforce_csrf_checks=True)
    form = browser.get("/signin/")
    assert '<label for="id_username">Username</label>' in form.content.decode()
    token = form.cookies["csrftoken"].value
    refused = browser.post(
        "/signin/", {"username": "ada", "password": "wrong-password", "csrfmiddlewaretoken": token}
    )
    assert refused.status_code == 200
    assert "Please enter a correct username and password" in refused.content.decode()
    assert "_auth_user_id" not in browser.session
    signed_in = browser.post(
        "/signin/", {"username": "ada", "password": "a-long-password", "csrfmiddlewaretoken": token}
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == "/home/"
    assert "Signed in as Ada Lovelace" in browser.get("/").content.decode()


def test_a_form_without_its_csrf_token_is_refused() -> None:
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    assert browser.post("/signin/", {"username": "ada", "password": "x"}).status_code == 403
