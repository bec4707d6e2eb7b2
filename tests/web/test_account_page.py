"""Your account page: the name teachers see, changing the password with the current one, and
signing out everywhere else."""

from typing import Any

import pytest
from django.test import Client
from tests.web import school
from tests.web.school import field_block, page

from proficio.accounts.models import ApiToken, User
from proficio.accounts.tokens import issue_token

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-long-password"


def signed_in_as_ada() -> tuple[Client, User]:
    ada = school.learner("ada", "Ada")
    browser = Client()
    assert browser.login(username="ada", password=school.PASSWORD)
    return browser, ada


def change(browser: Client, old: str, new: str, again: str | None = None) -> Any:
    return browser.post(
        "/account/",
        {
            "form": "password",
            "old_password": old,
            "new_password1": new,
            "new_password2": new if again is None else again,
        },
    )


def test_the_account_page_needs_signing_in() -> None:
    response = Client().get("/account/")
    assert response.status_code == 302 and response["Location"].startswith("/signin/")


def test_every_page_links_to_the_account_of_whoever_is_signed_in() -> None:
    browser, _ = signed_in_as_ada()
    assert '<a class="who" href="/account/"' in page(browser, "/home/")


def test_changing_the_name_teachers_see() -> None:
    browser, ada = signed_in_as_ada()
    response = browser.post("/account/", {"form": "name", "display_name": "  Ada Lovelace "})
    assert response.status_code == 302
    ada.refresh_from_db()
    assert ada.display_name == "Ada Lovelace"
    assert "Your name is saved." in page(browser, "/account/")


def test_a_new_password_works_the_old_one_does_not_and_api_tokens_end() -> None:
    browser, ada = signed_in_as_ada()
    issue_token(username="ada", password=school.PASSWORD)
    response = change(browser, school.PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302
    assert "Your password is changed." in page(browser, "/account/")  # still signed in here
    assert not ApiToken.objects.filter(user=ada).exists()
    assert Client().login(username="ada", password=NEW_PASSWORD)
    assert not Client().login(username="ada", password=school.PASSWORD)


def test_a_wrong_current_password_is_refused_next_to_its_field_and_changes_nothing() -> None:
    browser, ada = signed_in_as_ada()
    response = change(browser, "not-my-password", NEW_PASSWORD)
    assert response.status_code == 400
    html = response.content.decode()
    assert "That is not your current password." in field_block(html, "old_password")
    ada.refresh_from_db()
    assert ada.check_password(school.PASSWORD)


def test_a_short_or_mismatched_new_password_is_refused_next_to_its_field() -> None:
    browser, ada = signed_in_as_ada()
    short = change(browser, school.PASSWORD, "short").content.decode()
    assert "at least 8 characters" in field_block(short, "new_password2")
    mismatch = change(browser, school.PASSWORD, NEW_PASSWORD, again="something-else-entirely")
    html = mismatch.content.decode()
    assert "The two new passwords are not the same." in field_block(html, "new_password2")
    ada.refresh_from_db()
    assert ada.check_password(school.PASSWORD)


def test_changing_the_password_needs_the_csrf_token() -> None:
    ada = school.learner("ada")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(ada)
    assert change(browser, school.PASSWORD, NEW_PASSWORD).status_code == 403
    ada.refresh_from_db()
    assert ada.check_password(school.PASSWORD)


def test_changing_the_password_signs_out_other_browsers() -> None:
    browser, _ = signed_in_as_ada()
    other = Client()
    assert other.login(username="ada", password=school.PASSWORD)
    assert other.get("/home/").status_code == 200

    change(browser, school.PASSWORD, NEW_PASSWORD)
    assert browser.get("/home/").status_code == 200
    assert other.get("/home/")["Location"].startswith("/signin/")


def test_signing_out_everywhere_else_ends_other_browsers_and_api_tokens_but_not_this_one() -> None:
    browser, ada = signed_in_as_ada()
    other = Client()
    assert other.login(username="ada", password=school.PASSWORD)
    issue_token(username="ada", password=school.PASSWORD)
    grace = school.learner("grace")
    graces_browser = Client()
    graces_browser.force_login(grace)

    done = browser.post("/account/", {"form": "everywhere"}, follow=True)
    assert done.redirect_chain == [("/account/", 302)]
    assert "Every other browser and app signed in as you is signed out." in done.content.decode()
    assert browser.get("/home/").status_code == 200
    assert other.get("/home/")["Location"].startswith("/signin/")
    assert not ApiToken.objects.filter(user=ada).exists()
    assert graces_browser.get("/home/").status_code == 200
    again = Client()
    assert again.login(username="ada", password=school.PASSWORD)  # signing in again works
    assert again.get("/home/").status_code == 200


def test_the_account_page_offers_signing_out_everywhere_else_and_asks_first() -> None:
    browser, _ = signed_in_as_ada()
    html = page(browser, "/account/")
    assert 'data-confirm="Sign out every other browser and app signed in as you?' in html
    assert '<input type="hidden" name="form" value="everywhere">' in html
