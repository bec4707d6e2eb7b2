"""A learner's first visit, in Debian's Chromium: sign up, join a class, home, course, unit.

These tests also take the screenshots in docs/screenshots/.
"""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.web import school

from proficio.accounts.models import User
from proficio.classroom import actions as classroom

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def klass(tmp_path: Path) -> Any:
    """The journey course in a class with an assignment and a unit goal."""
    school.import_journey(tmp_path)
    found = school.teacher_class()
    school.assign(found, [("exercise", "two"), ("quiz", "numbers-quiz")])
    school.set_goal(found, unit="numbers")
    return found


def sign_in(page: Any, username: str) -> None:
    school.sign_in(page, username)
    expect(page).to_have_url(re.compile(r"/home/$"))


def test_a_learner_signs_up_joins_a_class_and_finds_their_course_up_next(
    page: Any, klass: Any, screenshot: Callable[[Any, str], Path]
) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Your name (optional)").fill("Ada Lovelace")
    page.get_by_label("Password").fill(school.PASSWORD)
    page.get_by_role("button", name="Create my account").click()

    expect(page.get_by_role("heading", name="Join a class")).to_be_visible()
    page.get_by_label("Class code").fill(klass.join_code.lower())
    page.get_by_role("button", name="Join the class").click()

    expect(page.get_by_text("You joined Class 7B.")).to_be_visible()
    expect(page.get_by_role("heading", name="Journey course")).to_be_visible()
    expect(page.locator(".up-next-title").first).to_have_text("Practise: Skill one")
    expect(page.get_by_text("Homework 1")).to_be_visible()
    expect(page.get_by_text("Unit goal: Unit numbers")).to_be_visible()

    # The task pages are not here yet: the learner's practice goes through the service.
    ada = User.objects.get(username="ada")
    school.practise(ada, "one", right=4)
    school.practise(ada, "two", right=3)
    page.reload()
    card = page.locator(".course-card")
    expect(card.locator(".mastery-text")).to_have_text("26% mastery · 130 of 500 points")
    expect(card.locator(".level-counts")).to_contain_text("1 Proficient")
    expect(card.locator(".level-counts")).to_contain_text("1 Familiar")
    expect(card.locator(".up-next-title")).to_have_text("Practise: Skill three")
    screenshot(page, "home")

    page.get_by_role("link", name="Journey course").click()
    expect(page.get_by_role("heading", name="Journey course", level=1)).to_be_visible()
    expect(page.locator(".unit-card")).to_have_count(2)
    expect(page.locator(".unit-card").first.locator(".mastery-text")).to_have_text(
        "43.3% mastery · 130 of 300 points"
    )
    expect(page.locator("#mastery-challenge ~ .challenge-state")).to_contain_text("Locked")
    screenshot(page, "course")

    page.get_by_role("link", name="Unit 1: Unit numbers").click()
    lesson = page.locator(".lesson", has_text="Lesson one")
    expect(lesson.locator(".level")).to_have_text("Proficient")
    # Colour is never the only signal, but it is there: the level's own colour.
    colour = lesson.locator(".level-icon").evaluate("icon => getComputedStyle(icon).color")
    assert colour == "rgb(124, 58, 237)"
    expect(page.get_by_role("button", name="Start the unit test")).to_be_visible()
    screenshot(page, "unit")


def test_keyboard_focus_is_visible_and_follows_the_page(page: Any, klass: Any) -> None:
    page.goto("/signup/")
    focused = []
    for _ in range(10):
        page.keyboard.press("Tab")
        focused.append(
            page.evaluate(
                """() => {
                  const el = document.activeElement, style = getComputedStyle(el);
                  const box = el.getBoundingClientRect();
                  return {name: el.id || el.textContent.trim(), outline: style.outlineStyle,
                          width: parseFloat(style.outlineWidth),
                          onScreen: box.left >= 0 && box.top >= 0 && box.width > 0};
                }"""
            )
        )
    names = [item["name"] for item in focused]
    assert names[0] == "Skip to content"
    assert names.index("id_username") < names.index("id_display_name") < names.index("id_password")
    for item in focused:
        assert item["outline"] != "none" and item["width"] >= 2, item
        assert item["onScreen"], item


def test_the_learner_pages_fit_a_phone_without_sideways_scrolling(page: Any, klass: Any) -> None:
    ada = school.learner("ada", display_name="Ada Lovelace")
    classroom.join_class(learner=ada, code=klass.join_code)
    school.practise(ada, "one", right=4)
    page.set_viewport_size(PHONE)
    for path in ("/signup/", "/signin/"):
        page.goto(path)
        assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"], path
    sign_in(page, "ada")
    for path in (
        "/home/",
        "/classes/join/",
        "/courses/journey/",
        "/courses/journey/units/numbers/",
    ):
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= page.evaluate("innerWidth") == PHONE["width"], (path, width)
