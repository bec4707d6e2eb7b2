"""Signing out of the API: one token, or every token of the account, over real HTTP."""

import pytest
from tests.api.learner import Learner, new_token
from tests.http_client import HttpClient

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-password"


def test_signing_out_ends_only_the_token_it_carries(http: HttpClient) -> None:
    ada = Learner(http, "ada", PASSWORD)
    phone = new_token(http, "ada")
    signed_out = http.request("DELETE", "/api/v1/auth/token", token=ada.token)
    assert (signed_out.status, signed_out.body) == (204, None)
    assert ada.get("/me").status == 401
    assert http.get("/api/v1/me", token=phone).status == 200
    again = http.request("DELETE", "/api/v1/auth/token", token=ada.token)
    assert again.status == 401 and again.body["detail"].startswith("Sign in first")


def test_ending_every_token_signs_out_every_app_of_that_account_only(http: HttpClient) -> None:
    ada, grace = Learner(http, "ada", PASSWORD), Learner(http, "grace", PASSWORD)
    phone = new_token(http, "ada")
    assert http.request("DELETE", "/api/v1/auth/tokens", token=phone).status == 204
    assert ada.get("/me").status == 401
    assert http.get("/api/v1/me", token=phone).status == 401
    assert grace.get("/me").status == 200
    assert http.get("/api/v1/me", token=new_token(http, "ada")).status == 200  # sign in again


def test_signing_out_without_a_token_is_401(http: HttpClient) -> None:
    for path in ("/api/v1/auth/token", "/api/v1/auth/tokens"):
        reply = http.request("DELETE", path)
        assert reply.status == 401 and reply.body["detail"].startswith("Sign in first"), path
