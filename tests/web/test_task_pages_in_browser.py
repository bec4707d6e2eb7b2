"""Doing a task in Debian's Chromium: practising to a level-up, and a unit test to its summary.

These tests also take the task screenshots in docs/screenshots/.
"""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.web import school
from tests.web.kinds import KINDS_COURSE, KINDS_EXERCISES

from proficio.content.services import import_pack

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}


@pytest.fixture(autouse=True)
def journey(tmp_path: Path) -> None:
    school.import_journey(tmp_path)


def wait_for_htmx(page: Any) -> None:
    """Until htmx has loaded: asked from outside the page, as its policy refuses eval, which
    Playwright's wait_for_function would need."""
    for _ in range(200):
        if page.evaluate("window.htmx !== undefined"):
            return
        page.wait_for_timeout(25)
    raise AssertionError("htmx never loaded")


def sign_in(page: Any, username: str) -> None:
    school.sign_in(page, username)
    expect(page).to_have_url(re.compile(r"/home/$"))


def question_count(page: Any) -> int:
    facts = page.locator(".task-facts").inner_text()
    return int(re.search(r"(\d+) questions?", facts).group(1))  # type: ignore[union-attr]


def answer_by_keyboard(page: Any, response: str) -> None:
    """Type the answer and press Enter: Enter checks, as on every question page."""
    page.get_by_label(re.compile("^Your answer")).fill(response)
    page.keyboard.press("Enter")


def fits_the_width(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_a_learner_practises_until_a_skill_levels_up_and_sees_the_celebration(
    page: Any, screenshot: Callable[[Any, str], Path]
) -> None:
    ada = school.learner("ada")
    school.practise(ada, "one", right=0)  # Attempted: one good set takes it up a level
    sign_in(page, "ada")
    page.goto(f"/courses/{school.COURSE}/units/numbers/")
    page.locator("li.item", has_text="Skill one").get_by_role("button", name="Practise").click()

    expect(page.get_by_role("heading", name="Practise Skill one")).to_be_visible()
    count = question_count(page)
    page.get_by_role("link", name="Start").click()

    for position in range(1, count + 1):
        expect(
            page.get_by_role("heading", name=re.compile(f"^Question {position} "))
        ).to_be_visible()
        expect(page.get_by_label(re.compile("^Your answer"))).to_be_focused()
        answer_by_keyboard(page, "1")
        expect(page.locator(".verdict-word")).to_have_text(re.compile("Right!"))
        expect(page.get_by_role("list", name="Progress").locator(".step-right")).to_have_count(
            position
        )
        next_step = "See your results" if position == count else "Next question"
        page.get_by_role("link", name=next_step).click()

    celebration = page.get_by_role("status").filter(has_text="Level up!")
    expect(celebration).to_contain_text("You leveled up 1 skill.")
    expect(page.locator(".skill-change")).to_contain_text("Attempted")
    expect(page.locator(".skill-change")).to_contain_text("Proficient")
    expect(page.locator(".points")).to_have_text(re.compile(r"^\+\d+ mastery points$"))
    page.get_by_role("button", name="Skip the animation").click()
    expect(page.locator(".celebration.is-skipped")).to_have_count(1)
    screenshot(page, "task-end")

    page.set_viewport_size(PHONE)
    assert fits_the_width(page)


def test_a_learner_takes_a_unit_test_and_sees_the_summary(page: Any) -> None:
    school.learner("bea")
    page.set_viewport_size(PHONE)
    sign_in(page, "bea")
    page.goto(f"/courses/{school.COURSE}/units/numbers/")
    page.get_by_role("button", name="Start the unit test").click()

    expect(page.get_by_role("heading", name="Skills tested")).to_be_visible()
    count = question_count(page)
    page.get_by_role("link", name="Start").click()
    for position in range(1, count + 1):
        prompt = page.locator(".prompt").inner_text()
        right = re.search(r"type (\d+)\.", prompt).group(1)  # type: ignore[union-attr]
        # The first question is answered wrong, then tried again: only the first answer counts.
        answer_by_keyboard(page, "0" if position == 1 else right)
        if position == 1:
            expect(page.locator(".verdict-word")).to_have_text(re.compile("Not quite."))
            assert fits_the_width(page)
            page.get_by_role("link", name="Try again").click()
            answer_by_keyboard(page, right)
            expect(page.locator(".verdict-word")).to_have_text(re.compile("Right!"))
            expect(page.get_by_text("It counts as wrong")).to_be_visible()
        next_step = "See your results" if position == count else "Next question"
        page.get_by_role("link", name=next_step).click()

    expect(
        page.get_by_role("heading", name=f"You got {count - 1} of {count} right")
    ).to_be_visible()
    expect(page.locator(".skill-change")).to_have_count(3)
    expect(page.get_by_role("heading", name="Your mastery now")).to_be_visible()
    expect(page.locator(".mastery-now")).to_contain_text("Unit numbers")
    expect(page.locator(".mastery-now")).to_contain_text("Journey course")
    assert fits_the_width(page)


def test_a_learner_picks_a_choice_and_checks_it_with_the_keyboard_alone(
    page: Any, write_pack: Callable[..., Path], screenshot: Callable[[Any, str], Path]
) -> None:
    import_pack(path=write_pack(KINDS_COURSE, KINDS_EXERCISES, name="kinds"))
    school.learner("cy")
    sign_in(page, "cy")
    page.goto("/courses/kinds/units/all/")
    page.locator("li.item", has_text="Skill choose").first.get_by_role(
        "button", name="Practise"
    ).click()
    page.get_by_role("link", name="Start").click()

    choices = page.get_by_role("group", name="Pick one answer").get_by_role("radio")
    expect(choices).to_have_count(3)
    expect(choices.first).to_be_focused()
    page.keyboard.press("ArrowDown")  # 6 + 4, the second choice
    expect(choices.nth(1)).to_be_checked()
    screenshot(page, "task-question")
    page.keyboard.press("Enter")

    expect(page.locator(".verdict-word")).to_have_text(re.compile("Right!"))
    page.get_by_role("link", name="Next question").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile("^Question 2 "))).to_be_visible()


def test_an_expression_shows_how_it_was_read_while_it_is_typed(
    page: Any, write_pack: Callable[..., Path]
) -> None:
    import_pack(path=write_pack(KINDS_COURSE, KINDS_EXERCISES, name="kinds"))
    school.learner("cy")
    sign_in(page, "cy")
    page.goto("/courses/kinds/units/all/")
    page.locator("li.item", has_text="Skill simplify").get_by_role(
        "button", name="Practise"
    ).click()
    page.get_by_role("link", name="Start").click()

    field = page.get_by_label(re.compile("^Your answer"))
    # htmx (a deferred script) listens once the page has loaded; a person never types sooner.
    page.wait_for_load_state("load")
    wait_for_htmx(page)
    field.press_sequentially("5x^2")
    preview = page.locator("#answer-preview")
    expect(preview).to_contain_text("We read:")
    expect(preview.locator("math msup")).to_have_count(1)
    field.fill("5x+")
    field.press("End")
    field.press_sequentially(" ")  # an input event, as typing makes
    expect(preview).not_to_contain_text("We read:")


def test_a_hint_keeps_the_typed_answer_and_then_the_answer_is_checked(page: Any) -> None:
    school.learner("dee")
    sign_in(page, "dee")
    page.goto(f"/courses/{school.COURSE}/units/numbers/")
    page.locator("li.item", has_text="Skill one").get_by_role("button", name="Practise").click()
    page.get_by_role("link", name="Start").click()
    wait_for_htmx(page)

    field = page.get_by_label(re.compile("^Your answer"))
    field.fill("1")
    page.evaluate("window.stillThisPage = true")  # gone if the page were loaded again
    page.get_by_text("Get a hint").click()
    expect(page.get_by_text("A hint makes this question count as wrong.")).to_be_visible()
    page.get_by_role("button", name="Show me a hint anyway").click()

    hint = page.locator("#hint-1")
    expect(hint).to_contain_text("The answer is a number.")
    expect(hint).to_be_focused()  # a screen reader reads the new hint out
    expect(field).to_have_value("1")
    page.get_by_role("button", name="Show the next hint").click()
    expect(page.locator("#hint-2")).to_be_focused()
    expect(field).to_have_value("1")
    assert page.evaluate("window.stillThisPage === true")

    field.press("Enter")
    expect(page.locator(".verdict-word")).to_have_text(re.compile("Right!"))
    expect(page.get_by_text("you took a hint")).to_be_visible()


def test_without_javascript_a_hint_reloads_the_page_with_the_typed_answer(
    browser: Any, live_server: Any
) -> None:
    school.learner("eli")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, "eli")
    page.goto(f"/courses/{school.COURSE}/units/numbers/")
    page.locator("li.item", has_text="Skill one").get_by_role("button", name="Practise").click()
    page.get_by_role("link", name="Start").click()

    page.get_by_label(re.compile("^Your answer")).fill("1")
    page.get_by_text("Get a hint").click()
    page.get_by_role("button", name="Show me a hint anyway").click()
    expect(page.locator("#hint-1")).to_contain_text("The answer is a number.")
    expect(page.get_by_label(re.compile("^Your answer"))).to_have_value("1")
    page.get_by_role("button", name="Check").click()
    expect(page.locator(".verdict-word")).to_have_text(re.compile("Right!"))
    context.close()
