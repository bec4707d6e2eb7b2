"""Too many wrong passwords for a username pause signing in to it, on the web and the API."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from tests.http_client import HttpClient

from proficio.classroom import services
from proficio.classroom.models import SignInFailure
from proficio.classroom.sign_in_limits import FAILURES_ALLOWED, WINDOW

PASSWORD = "a-long-password"


@pytest.fixture
def ada() -> Any:
    return services.sign_up(username="ada", password=PASSWORD)


def sign_in(browser: Client, username: str, password: str) -> str:
    """The sign-in page's answer: where it sends the browser, or the page with its error."""
    response = browser.post("/signin/", {"username": username, "password": password})
    return response["Location"] if response.status_code == 302 else response.content.decode()


def wrong_passwords(browser: Client, how_many: int, username: str = "ada") -> None:
    for _ in range(how_many):
        assert "Please enter a correct username and password" in sign_in(
            browser, username, "not-the-password"
        )


@pytest.mark.django_db
def test_fewer_wrong_passwords_than_allowed_still_let_the_right_one_in(ada: Any) -> None:
    browser = Client()
    wrong_passwords(browser, FAILURES_ALLOWED - 1)
    assert sign_in(browser, "ada", PASSWORD) == "/home/"
    assert not SignInFailure.objects.exists()  # a right password forgets the wrong ones


@pytest.mark.django_db
def test_too_many_wrong_passwords_pause_even_the_right_one_and_say_how_long(ada: Any) -> None:
    browser = Client()
    wrong_passwords(browser, FAILURES_ALLOWED, username="ADA")  # usernames ignore case
    page = sign_in(Client(), "ada", PASSWORD)
    assert "Too many wrong passwords for this account. Wait 15 minutes and try again" in page
    assert SignInFailure.objects.count() == FAILURES_ALLOWED  # refused tries are not counted
    assert sign_in(Client(), "grace", PASSWORD) != "/home/"  # only that username is paused
    assert services.sign_up(username="grace", password=PASSWORD)
    assert sign_in(Client(), "grace", PASSWORD) == "/home/"


@pytest.mark.django_db
def test_the_pause_ends_when_the_oldest_wrong_password_is_old_enough(ada: Any) -> None:
    wrong_passwords(Client(), FAILURES_ALLOWED)
    almost = timezone.now() - WINDOW + timedelta(seconds=30)
    SignInFailure.objects.update(at=almost)
    assert "Wait 1 minute and try again" in sign_in(Client(), "ada", PASSWORD)
    SignInFailure.objects.update(at=almost - timedelta(minutes=1))
    assert sign_in(Client(), "ada", PASSWORD) == "/home/"


@pytest.mark.django_db(transaction=True)
def test_the_api_token_counts_wrong_passwords_too_and_answers_429(
    http: HttpClient, ada: Any
) -> None:
    for _ in range(FAILURES_ALLOWED):
        reply = http.post("/api/v1/auth/token", {"username": "ada", "password": "wrong-one"})
        assert reply.status == 401
    reply = http.post("/api/v1/auth/token", {"username": "ada", "password": PASSWORD})
    assert reply.status == 429
    assert reply.body["detail"].startswith("Too many wrong passwords for this account.")
    SignInFailure.objects.update(at=timezone.now() - WINDOW - timedelta(seconds=1))
    assert http.post("/api/v1/auth/token", {"username": "ada", "password": PASSWORD}).status == 200
    assert not SignInFailure.objects.exists()


@pytest.mark.django_db
def test_only_the_last_window_of_wrong_passwords_is_kept(ada: Any) -> None:
    wrong_passwords(Client(), 3)
    SignInFailure.objects.update(at=timezone.now() - WINDOW - timedelta(seconds=1))
    wrong_passwords(Client(), 1, username="someone-else")
    assert list(SignInFailure.objects.values_list("username", flat=True)) == ["someone-else"]
