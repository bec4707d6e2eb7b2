"""A learner leaves a class from their home page, and signs out everywhere else from their
account page, in Debian's Chromium; both ask first."""

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.web import school

from proficio.classroom import actions as classroom

pytestmark = pytest.mark.django_db(transaction=True)


def answering(page: Any, accept: bool, questions: list[str]) -> None:
    """The next confirmation the page asks is noted and answered."""

    def answer(dialog: Any) -> None:
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", answer)


def test_leaving_a_class_asks_first_and_cancel_keeps_it(page: Any, tmp_path: Path) -> None:
    school.import_journey(tmp_path)
    klass = school.teacher_class()
    ada = school.learner("ada")
    classroom.add_learners(classroom=klass, learners=[ada])
    school.sign_in(page, "ada")
    expect(page.get_by_role("heading", name="My classes")).to_be_visible()
    questions: list[str] = []

    answering(page, accept=False, questions=questions)
    page.get_by_role("button", name="Leave Class 7B").click()
    expect(page.locator(".my-classes li")).to_have_count(1)
    assert questions == [
        "Leave Class 7B? Your work stays yours, and you can join again with the class code."
    ]
    assert klass.learners.filter(pk=ada.pk).exists()

    answering(page, accept=True, questions=questions)
    page.get_by_role("button", name="Leave Class 7B").click()
    expect(page.get_by_text("You left Class 7B.")).to_be_visible()
    expect(page.get_by_role("heading", name="My classes")).to_have_count(0)
    assert not klass.learners.filter(pk=ada.pk).exists()


def test_signing_out_everywhere_else_keeps_this_browser_and_ends_the_other(
    page: Any, browser: Any, live_server: Any
) -> None:
    school.learner("ada")
    elsewhere = browser.new_context(base_url=live_server.url).new_page()
    school.sign_in(elsewhere, "ada")
    expect(elsewhere).to_have_url(re.compile("/home/$"))
    school.sign_in(page, "ada")
    page.goto("/account/")
    questions: list[str] = []

    answering(page, accept=True, questions=questions)
    page.get_by_role("button", name="Sign out everywhere else").click()
    expect(
        page.get_by_text("Every other browser and app signed in as you is signed out.")
    ).to_be_visible()
    assert questions == [
        "Sign out every other browser and app signed in as you? This browser stays signed in."
    ]
    page.goto("/home/")
    expect(page).to_have_url(re.compile("/home/$"))
    elsewhere.goto("/home/")
    expect(elsewhere).to_have_url(re.compile("/signin/"))
    elsewhere.context.close()
