"""A teacher sets a goal and an assignment in Debian's Chromium, then reads the scores.

These tests also take the goals and assignment scores screenshots in docs/screenshots/.
"""

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from tests.web import school
from tests.web.test_goal_and_assignment_pages import practise_for

from proficio.classroom import actions as classroom
from proficio.classroom.models import Assignment, Goal

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_teacher_sets_a_goal_and_an_assignment_and_reads_the_scores(
    page: Any, tmp_path: Path, screenshot: Callable[[Any, str], Path]
) -> None:
    school.import_journey(tmp_path)
    klass = school.teacher_class()
    ada = school.learner("ada", "Ada Lovelace")
    classroom.add_learners(classroom=klass, learners=[ada, school.learner("grace")])
    school.practise(ada, "one", right=4)
    due = timezone.localdate() + timedelta(days=14)

    school.sign_in(page, "ms-rivera")
    page.get_by_role("link", name="Class 7B").click()

    page.get_by_role("link", name="All goals and a new goal").click()
    page.get_by_label("Unit", exact=True).select_option(label="Unit numbers")
    page.get_by_label("Target mastery %").fill("80")
    page.get_by_label("Due date").fill(due.isoformat())
    page.get_by_role("button", name="Set the goal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unit goal: Unit numbers")
    ada_row = page.locator(".pace-row", has_text="Ada Lovelace")
    expect(ada_row).to_contain_text("27% now · 0% expected")
    expect(ada_row.locator(".pace-status")).to_have_text("On track")
    page.locator("nav.class-nav").get_by_role("link", name="Goals", exact=True).click()
    expect(page.locator(".goal")).to_contain_text("1 of 2 on track")
    screenshot(page, "goals")

    page.get_by_role("link", name="Class home").click()
    page.get_by_role("link", name="All assignments and a new one").click()
    page.get_by_label("Title").fill("Homework 1")
    page.get_by_role("checkbox", name="Exercise: Skill two").check()
    page.get_by_role("checkbox", name="Quiz:").first.check()
    # Opening at 08:00 today, so the screenshot changes once a day, not with every run.
    page.get_by_label("Opens").fill(f"{timezone.localdate().isoformat()}T08:00")
    page.get_by_label("Due", exact=True).fill(f"{due.isoformat()}T17:00")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Homework 1")
    expect(page.get_by_role("row", name=re.compile("Ada Lovelace"))).to_contain_text("Not started")

    # Ada does the exercise for the assignment; the learner side has its own browser tests.
    practise_for(ada, Assignment.objects.get(), "two", right=3)
    page.reload()
    cells = page.get_by_role("row", name=re.compile("Ada Lovelace")).locator("td")
    expect(cells).to_have_count(3)
    expect(cells.nth(0)).to_have_text("Not started 1 of 2 done")  # overall: the quiz is to do
    expect(cells.nth(1)).to_have_text("Done first 75% · best 75%")
    expect(cells.nth(2)).to_have_text("Not started")
    expect(cells.nth(1)).to_have_class("status-completed")
    screenshot(page, "assignment-scores")


def test_a_teacher_moves_a_goals_due_date(page: Any, tmp_path: Path) -> None:
    school.import_journey(tmp_path)
    klass = school.teacher_class()
    classroom.add_learners(classroom=klass, learners=[school.learner("ada", "Ada Lovelace")])
    goal = school.set_goal(klass, unit="numbers")
    later = goal.due_date + timedelta(days=7)

    school.sign_in(page, "ms-rivera")
    page.goto(f"/classes/{klass.pk}/goals/")
    page.get_by_role("link", name="Change the goal Unit numbers").click()

    form = page.locator("form#change")
    expect(form).to_be_in_viewport()  # the link goes straight to the form
    expect(form.get_by_label("Due date")).to_have_value(goal.due_date.isoformat())
    form.get_by_label("Due date").fill(later.isoformat())
    form.get_by_role("button", name="Save the goal").click()
    expect(page.get_by_text("The goal is changed.")).to_be_visible()
    expect(page.locator("p.meta time").last).to_have_attribute("datetime", later.isoformat())
    goal.refresh_from_db()
    assert goal.due_date == later


def test_deleting_a_goal_asks_first_and_cancel_keeps_it(page: Any, tmp_path: Path) -> None:
    school.import_journey(tmp_path)
    klass = school.teacher_class()
    school.set_goal(klass, unit="numbers")
    school.sign_in(page, "ms-rivera")
    page.goto(f"/classes/{klass.pk}/goals/")
    questions: list[str] = []

    def answer(dialog: Any, accept: bool) -> None:
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    page.get_by_role("button", name="Delete the goal Unit numbers").click()
    expect(page.locator(".goal")).to_have_count(1)
    assert questions == [
        "Delete the goal “Unit numbers”? Learners stop seeing it; their mastery stays."
    ]
    assert Goal.objects.filter(classroom=klass).count() == 1

    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    page.get_by_role("button", name="Delete the goal Unit numbers").click()
    expect(page.locator(".goal")).to_have_count(0)
    assert len(questions) == 2
    assert not Goal.objects.filter(classroom=klass).exists()
