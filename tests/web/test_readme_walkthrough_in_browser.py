"""The README's first walk through the browser, step by step, on the demo data `make run` loads.

If this test fails, the README promises a new user something the demo does not show.
"""

import re
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.web import school

from proficio.demo import DEMO_NEW_LEARNER, DEMO_PASSWORD, DEMO_TEACHER, seed_demo

pytestmark = pytest.mark.django_db(transaction=True)


def answer_something(page: Any) -> None:
    choices = page.get_by_role("radio")
    if choices.count():
        choices.first.check()
    else:
        page.get_by_label(re.compile("^Your answer")).fill("7")
    page.get_by_role("button", name="Check").click()


def test_the_readme_walk_through_works_on_the_demo_data(page: Any) -> None:
    seed_demo()

    # 1. The new learner: their course, up next, an assignment and the class's goals.
    school.sign_in(page, DEMO_NEW_LEARNER[0], DEMO_PASSWORD)
    expect(page).to_have_url(re.compile("/home/$"))
    expect(page.get_by_role("heading", name="From arithmetic to algebra")).to_be_visible()
    expect(page.locator(".up-next").first).to_be_visible()
    assignment = page.locator(".assignment").first
    expect(assignment).to_contain_text("Catch up")
    expect(page.get_by_role("region", name="My goals")).to_contain_text("Course goal")

    assignment.get_by_role("button", name="Practise").click()
    page.get_by_role("link", name="Start").click()
    page.get_by_text("Get a hint").click()
    page.get_by_role("button", name="Show me a hint anyway").click()
    expect(page.locator(".hint-text").first).to_be_visible()
    for _ in range(12):  # a practice set, and perhaps its bonus question
        answer_something(page)
        finish = page.get_by_role("link", name="See your results")
        skip = page.get_by_role("button", name="Skip the bonus and finish")
        expect(
            finish.or_(skip).or_(page.get_by_role("link", name=re.compile("^Next")))
        ).to_be_visible()
        if finish.count() or skip.count():
            (finish if finish.count() else skip).click()
            break
        page.get_by_role("link", name=re.compile("^Next")).click()
    expect(page.get_by_role("heading", name=re.compile("^You got"))).to_be_visible()

    page.goto("/home/")
    page.locator(".course-card, .card").get_by_role(
        "link", name="From arithmetic to algebra"
    ).first.click()
    page.locator("a[href*='/units/']").first.click()
    page.locator("li.item-article a").first.click()
    expect(page.get_by_role("article")).to_be_visible()
    page.keyboard.press("End")
    expect(page.get_by_role("status").filter(has_text="Done")).to_be_visible()

    # 2. The demo teacher: the class and every tab the README names.
    page.context.clear_cookies()
    school.sign_in(page, DEMO_TEACHER, DEMO_PASSWORD)
    expect(page).to_have_url(re.compile("/classes/$"))
    page.get_by_role("link", name="Demo class").click()
    expect(page.locator("#join-code")).to_have_text(re.compile(r"^[A-Z2-9]{6}$"))
    expect(page.get_by_role("heading", name="Needs attention")).to_be_visible()
    page.locator("nav.class-nav").get_by_role("link", name="Assignments").click()
    page.get_by_role("link", name=re.compile("^Catch up")).first.click()
    learner_row = page.get_by_role("row", name=re.compile(DEMO_NEW_LEARNER[1]))
    expect(learner_row).to_contain_text("first")
    for tab in ["Goals", "Skill groups", "Skills heatmap", "Activity", "Settings"]:
        page.locator("nav.class-nav").get_by_role("link", name=tab, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.locator("nav.class-nav").get_by_role("link", name="Mastery progress").click()
    page.get_by_role("row", name=re.compile(DEMO_NEW_LEARNER[1])).get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_NEW_LEARNER[1])
