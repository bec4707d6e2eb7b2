"""Requests that add account rows are bounded: tokens per account, sign-ups per address."""

import pytest
from django.utils import timezone
from tests.api.learner import Learner, new_token
from tests.http_client import HttpClient

from proficio.accounts.models import ApiToken, Guess, User
from proficio.accounts.sign_up_limits import FROM_ADDRESS
from proficio.accounts.tokens import TOKENS_KEPT

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-password"


def sign_up(http: HttpClient, username: str) -> tuple[int, dict[str, str]]:
    reply = http.post("/api/v1/auth/signup", {"username": username, "password": PASSWORD})
    return reply.status, reply.body


def test_an_account_keeps_only_its_newest_tokens(http: HttpClient) -> None:
    ada = Learner(http, "ada", PASSWORD)
    newest = [new_token(http, "ada") for _ in range(TOKENS_KEPT)]
    assert ApiToken.objects.count() == TOKENS_KEPT
    assert ada.get("/me").status == 401  # the oldest token made room
    assert http.get("/api/v1/me", token=newest[0]).status == 200
    assert http.get("/api/v1/me", token=newest[-1]).status == 200


def test_signing_up_from_one_address_pauses_after_the_limit(http: HttpClient) -> None:
    assert sign_up(http, "ada")[0] == 201
    assert sign_up(http, "ADA")[0] == 409  # made no account, so it does not count
    assert Guess.objects.filter(kind=Guess.Kind.SIGN_UP).count() == 1
    Guess.objects.bulk_create(
        Guess(kind=Guess.Kind.SIGN_UP, key="", address="127.0.0.1", at=timezone.now())
        for _ in range(FROM_ADDRESS.allowed - 2)
    )
    assert sign_up(http, "grace")[0] == 201  # the limit's last
    status, body = sign_up(http, "alan")
    assert status == 429
    assert body["detail"].startswith("Too many new accounts from this network. Wait 15 minutes")
    assert sorted(User.objects.values_list("username", flat=True)) == ["ada", "grace"]
