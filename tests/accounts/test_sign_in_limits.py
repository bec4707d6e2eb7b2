"""Too many wrong passwords pause signing in, on the web and the API, for the address they came
from; strangers elsewhere cannot pause the owner."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from tests.http_client import HttpClient

from proficio.accounts import services
from proficio.accounts.guess_limits import WINDOW
from proficio.accounts.models import Guess
from proficio.accounts.sign_in_limits import FOR_ACCOUNT, FOR_ACCOUNT_HERE, FROM_ADDRESS

PASSWORD = "a-long-password"
SCHOOL = "198.51.100.7"
ELSEWHERE = "203.0.113.9"
ALLOWED = FOR_ACCOUNT_HERE.allowed


@pytest.fixture
def ada() -> Any:
    return services.sign_up(username="ada", password=PASSWORD)


def sign_in(browser: Client, username: str, password: str, address: str = SCHOOL) -> str:
    """The sign-in page's answer: where it sends the browser, or the page with its error."""
    response = browser.post(
        "/signin/", {"username": username, "password": password}, REMOTE_ADDR=address
    )
    return response["Location"] if response.status_code == 302 else response.content.decode()


def wrong_passwords(
    browser: Client, how_many: int, username: str = "ada", address: str = SCHOOL
) -> None:
    for _ in range(how_many):
        assert "Please enter a correct username and password" in sign_in(
            browser, username, "not-the-password", address
        )


def guesses_already_made(how_many: int, username: str = "ada", address: str = "") -> None:
    """Wrong passwords typed a minute ago, each from its own address unless one is given."""
    at = timezone.now() - timedelta(minutes=1)
    Guess.objects.bulk_create(
        Guess(kind=Guess.Kind.SIGN_IN, key=username, address=address or f"10.0.{n // 250}.{n % 250}", at=at)
        for n in range(how_many)
    )  # fmt: skip


@pytest.mark.django_db
def test_fewer_wrong_passwords_than_allowed_still_let_the_right_one_in(ada: Any) -> None:
    browser = Client()
    wrong_passwords(browser, ALLOWED - 1)
    assert sign_in(browser, "ada", PASSWORD) == "/home/"
    assert not Guess.objects.exists()  # a right password forgets the wrong ones


@pytest.mark.django_db
def test_too_many_wrong_passwords_pause_even_the_right_one_and_say_how_long(ada: Any) -> None:
    browser = Client()
    wrong_passwords(browser, ALLOWED, username="ADA")  # usernames ignore case
    page = sign_in(Client(), "ada", PASSWORD)
    assert "Too many wrong passwords for this account. Wait 15 minutes and try again" in page
    assert Guess.objects.count() == ALLOWED  # refused tries are not counted
    assert sign_in(Client(), "grace", PASSWORD) != "/home/"  # only that username is paused
    assert services.sign_up(username="grace", password=PASSWORD)
    assert sign_in(Client(), "grace", PASSWORD) == "/home/"


@pytest.mark.django_db
def test_the_pause_ends_when_the_oldest_wrong_password_is_old_enough(ada: Any) -> None:
    wrong_passwords(Client(), ALLOWED)
    almost = timezone.now() - WINDOW + timedelta(seconds=30)
    Guess.objects.update(at=almost)
    assert "Wait 1 minute and try again" in sign_in(Client(), "ada", PASSWORD)
    Guess.objects.update(at=almost - timedelta(minutes=1))
    assert sign_in(Client(), "ada", PASSWORD) == "/home/"


@pytest.mark.django_db
def test_a_strangers_wrong_passwords_elsewhere_do_not_pause_the_owner_at_school(ada: Any) -> None:
    wrong_passwords(Client(), ALLOWED, address=ELSEWHERE)
    for _ in range(5):
        assert "Too many wrong passwords for this account" in sign_in(
            Client(), "ada", "another-guess", ELSEWHERE
        )
    assert sign_in(Client(), "ada", PASSWORD, SCHOOL) == "/home/"
    # The owner's sign-in forgets only what was typed from the school: the stranger stays paused.
    assert Guess.objects.filter(address=ELSEWHERE).count() == ALLOWED


@pytest.mark.django_db
def test_guessing_from_many_addresses_pauses_new_browsers_but_not_the_owners(ada: Any) -> None:
    owners_browser = Client()
    assert sign_in(owners_browser, "ada", PASSWORD) == "/home/"
    owners_browser.post("/signout/")
    guesses_already_made(FOR_ACCOUNT.allowed)
    assert "Too many wrong passwords for this account from other places" in sign_in(
        Client(), "ada", PASSWORD
    )
    assert sign_in(owners_browser, "ada", PASSWORD) == "/home/"


@pytest.mark.django_db
def test_one_address_guessing_many_usernames_is_paused_and_others_are_not(ada: Any) -> None:
    guesses_already_made(FROM_ADDRESS.allowed, username="someone", address=ELSEWHERE)
    assert "Too many wrong passwords from this network" in sign_in(
        Client(), "ada", PASSWORD, ELSEWHERE
    )
    assert sign_in(Client(), "ada", PASSWORD, SCHOOL) == "/home/"


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(ada: Any, settings: Any) -> None:
    def wrong_via_proxy(forwarded_for: str) -> None:
        Client().post(
            "/signin/",
            {"username": "ada", "password": "not-the-password"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )

    wrong_via_proxy("6.6.6.6, 192.0.2.44")
    assert Guess.objects.get().address == "127.0.0.1"  # no proxy configured: the header is ignored
    settings.TRUSTED_PROXY = True
    wrong_via_proxy("6.6.6.6, 192.0.2.44")  # the first entry is the client's own claim
    assert Guess.objects.latest("pk").address == "192.0.2.44"


@pytest.mark.django_db(transaction=True)
def test_the_api_token_counts_wrong_passwords_too_and_answers_429(
    http: HttpClient, ada: Any
) -> None:
    for _ in range(ALLOWED):
        reply = http.post("/api/v1/auth/token", {"username": "ada", "password": "wrong-one"})
        assert reply.status == 401
    reply = http.post("/api/v1/auth/token", {"username": "ada", "password": PASSWORD})
    assert reply.status == 429
    assert reply.body["detail"].startswith("Too many wrong passwords for this account.")
    Guess.objects.update(at=timezone.now() - WINDOW - timedelta(seconds=1))
    assert http.post("/api/v1/auth/token", {"username": "ada", "password": PASSWORD}).status == 200
    assert not Guess.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_forty_parallel_wrong_passwords_check_at_most_the_limit(http: HttpClient, ada: Any) -> None:
    def guess(_: int) -> int:
        body = {"username": "ada", "password": "wrong-one"}
        return http.post("/api/v1/auth/token", body).status

    with ThreadPoolExecutor(max_workers=40) as pool:
        statuses = list(pool.map(guess, range(40)))
    checked = statuses.count(401)
    assert 1 <= checked <= ALLOWED, statuses
    assert statuses.count(429) == 40 - checked
    assert Guess.objects.count() == checked  # the refused ones were taken back


@pytest.mark.django_db
def test_only_the_last_window_of_wrong_passwords_is_kept(ada: Any) -> None:
    wrong_passwords(Client(), 3)
    Guess.objects.update(at=timezone.now() - WINDOW - timedelta(seconds=1))
    wrong_passwords(Client(), 1, username="someone-else")
    assert list(Guess.objects.values_list("key", flat=True)) == ["someone-else"]
