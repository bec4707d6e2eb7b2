"""The pages follow the same name rules as the API: sign-up, sign-in and your account page."""

import pytest
from django.test import Client
from django.utils import timezone
from tests.web import school
from tests.web.school import field_block, text

from proficio.accounts.models import Guess, User
from proficio.accounts.names import USERNAME_RULE
from proficio.accounts.sign_up_limits import FROM_ADDRESS

pytestmark = pytest.mark.django_db


def sign_up(username: str, display_name: str = "") -> str:
    form = {"username": username, "display_name": display_name, "password": school.PASSWORD}
    response = Client().post("/signup/", form)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("username", ["\u0430da", "ada\u0663", "zo\u00eb", "ada\u200b"])
def test_the_sign_up_page_refuses_a_username_outside_the_rule_under_the_field(
    username: str,
) -> None:
    html = sign_up(username)

    assert USERNAME_RULE in text(field_block(html, "username"))
    assert not User.objects.exists()


def test_the_sign_up_page_refuses_an_invisible_character_in_the_name_under_the_field() -> None:
    html = sign_up("ada", "Ada\u200bLovelace")

    assert "invisible or control characters" in text(field_block(html, "display_name"))
    assert not User.objects.exists()


def test_a_fullwidth_username_signs_up_as_ascii_and_signs_in_in_any_case() -> None:
    response = Client().post(
        "/signup/", {"username": "\uff41\uff44\uff41", "password": school.PASSWORD}
    )

    assert response.status_code == 302
    assert User.objects.get().username == "ada"
    assert Client().login(username="ADA", password=school.PASSWORD)


def test_the_account_page_refuses_an_invisible_character_and_keeps_the_name() -> None:
    ada = school.learner("ada", "Ada")
    browser = Client()
    browser.force_login(ada)

    response = browser.post("/account/", {"form": "name", "display_name": "Ada\u202eecalevol"})

    assert response.status_code == 400
    block = text(field_block(response.content.decode(), "display_name"))
    assert "invisible or control characters" in block and "U+202E" in block
    ada.refresh_from_db()
    assert ada.display_name == "Ada"


def test_the_sign_up_page_says_when_its_network_has_made_too_many_accounts() -> None:
    Guess.objects.bulk_create(
        Guess(kind=Guess.Kind.SIGN_UP, key="", address="127.0.0.1", at=timezone.now())
        for _ in range(FROM_ADDRESS.allowed)
    )
    form = {"username": "ada", "display_name": "", "password": school.PASSWORD}
    response = Client(REMOTE_ADDR="127.0.0.1").post("/signup/", form)
    assert response.status_code == 429
    assert "Too many new accounts from this network" in text(response.content.decode())
    assert not User.objects.exists()
