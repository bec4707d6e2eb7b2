"""The whole teacher journey in Debian's Chromium, with a real learner in a second browser.

A teacher creates a class, hands out the code, sets a course goal and assigns an exercise; a
learner signs up, joins with the code and does the exercise from their home page; the teacher
then reads the scores, the heatmap, the goal's pace and the day's activity, and renames the class.
Nothing here is set up behind the pages' backs except the teacher's account, which an operator
creates on the command line.
"""

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from tests.web import school

from proficio.accounts import services as accounts

pytestmark = pytest.mark.django_db(transaction=True)


def open_tab(page: Any, name: str) -> None:
    page.locator("nav.class-nav").get_by_role("link", name=name, exact=True).click()


def teacher_creates_a_class(teacher: Any) -> str:
    school.sign_in(teacher, "ms-rivera")
    teacher.get_by_label("Class name").fill("Class 7B")
    teacher.get_by_label("Journey course").check()
    teacher.get_by_role("button", name="Create the class").click()
    expect(teacher.get_by_role("heading", name="Class 7B", level=1)).to_be_visible()
    code: str = teacher.locator("#join-code").inner_text()
    return code


def teacher_sets_a_course_goal(teacher: Any, due: str) -> None:
    teacher.get_by_role("link", name="All goals and a new goal").click()
    teacher.get_by_label("Unit", exact=True).select_option(label="The whole course")
    teacher.get_by_label("Target mastery %").fill("50")
    teacher.get_by_label("Due date").fill(due)
    teacher.get_by_role("button", name="Set the goal").click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text("Course goal: Journey course")


def teacher_assigns_an_exercise(teacher: Any, due: str) -> None:
    teacher.get_by_role("link", name="Class home").click()
    teacher.get_by_role("link", name="All assignments and a new one").click()
    teacher.get_by_label("Title").fill("Homework 1")
    teacher.get_by_role("checkbox", name="Exercise: Skill one").check()
    teacher.get_by_label("Due", exact=True).fill(f"{due}T17:00")
    teacher.get_by_role("button", name="Assign").click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text("Homework 1")


def learner_signs_up_and_joins(learner: Any, code: str) -> None:
    learner.goto("/signup/")
    learner.get_by_label("Username").fill("ada")
    learner.get_by_label("Your name (optional)").fill("Ada Lovelace")
    learner.get_by_label("Password").fill(school.PASSWORD)
    learner.get_by_role("button", name="Create my account").click()
    # Typed as a learner might copy it off the board: lower case, with a dash in the middle.
    learner.get_by_label("Class code").fill(f"{code[:3].lower()}-{code[3:].lower()}")
    learner.get_by_role("button", name="Join the class").click()
    expect(learner.get_by_text("You joined Class 7B.")).to_be_visible()


def learner_does_the_assigned_exercise(learner: Any) -> None:
    homework = learner.locator(".assignment", has_text="Homework 1")
    homework.get_by_role("button", name="Practise").click()
    facts = learner.locator(".task-facts").inner_text()
    count = int(re.search(r"(\d+) questions?", facts).group(1))  # type: ignore[union-attr]
    learner.get_by_role("link", name="Start").click()
    for position in range(1, count + 1):
        learner.get_by_label(re.compile("^Your answer")).fill(school.ANSWERS["one"])
        learner.keyboard.press("Enter")
        expect(learner.locator(".verdict-word")).to_have_text(re.compile("Right!"))
        next_step = "See your results" if position == count else "Next question"
        learner.get_by_role("link", name=next_step).click()
    expect(learner.get_by_role("heading", name=f"You got {count} of {count} right")).to_be_visible()


def test_a_teacher_runs_a_class_from_creating_it_to_reading_the_heatmap(
    browser: Any, live_server: Any, tmp_path: Path
) -> None:
    school.import_journey(tmp_path)
    accounts.create_teacher(username="ms-rivera", password=school.PASSWORD)
    due = (timezone.localdate() + timedelta(days=14)).isoformat()
    contexts = [
        browser.new_context(viewport={"width": 1280, "height": 800}, base_url=live_server.url)
        for _ in range(2)
    ]
    teacher, learner = (context.new_page() for context in contexts)
    for context in contexts:
        context.set_default_timeout(15_000)
    try:
        code = teacher_creates_a_class(teacher)
        teacher_sets_a_course_goal(teacher, due)
        teacher_assigns_an_exercise(teacher, due)

        learner_signs_up_and_joins(learner, code)
        learner_does_the_assigned_exercise(learner)
        learner.goto("/home/")
        # Done, so no longer due.
        expect(learner.locator(".assignment", has_text="Homework 1")).to_have_count(0)

        teacher.reload()
        cells = teacher.get_by_role("row", name=re.compile("Ada Lovelace")).locator("td")
        expect(cells).to_have_text(["Done", "Done first 100% · best 100%"])

        open_tab(teacher, "Skills heatmap")
        first_skill = teacher.get_by_role("row", name=re.compile("Ada Lovelace")).locator("td")
        expect(first_skill.first).to_have_attribute("title", "Ada Lovelace · Skill one: Proficient")

        open_tab(teacher, "Goals")
        teacher.locator(".goal").get_by_role("link").first.click()
        # One skill of five at Proficient: 80 of 500 points; the goal started today.
        pace = teacher.locator(".pace-row", has_text="Ada Lovelace")
        expect(pace).to_contain_text("16% now · 0% expected")
        expect(pace.locator(".pace-status")).to_have_text("On track")

        open_tab(teacher, "Activity")
        activity = teacher.get_by_role("row", name=re.compile("Ada Lovelace")).locator("td")
        expect(activity.nth(0)).to_have_text("1")  # tasks finished
        expect(activity.nth(3)).to_have_text("1")  # days worked

        open_tab(teacher, "Settings")
        teacher.get_by_label("Class name").fill("Class 7B (mornings)")
        teacher.get_by_role("button", name="Save the class").click()
        expect(teacher.get_by_text("Class 7B (mornings)").first).to_be_visible()
    finally:
        for context in contexts:
            context.close()
