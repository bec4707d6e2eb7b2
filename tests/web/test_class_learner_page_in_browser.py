"""A teacher opens one learner from the mastery grid in Debian's Chromium.

This test also takes the learner page screenshot in docs/screenshots/.
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
from tests.web.test_class_learner_page import practise

from proficio.classroom import actions as classroom

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}


def test_a_teacher_opens_a_learner_from_the_mastery_grid(
    page: Any, tmp_path: Path, screenshot: Callable[[Any, str], Path]
) -> None:
    school.import_journey(tmp_path)
    klass = school.teacher_class()
    ada = school.learner("ada", "Ada Lovelace")
    classroom.add_learners(classroom=klass, learners=[ada, school.learner("grace")])
    school.set_goal(klass, unit="numbers", days=14)
    homework = school.assign(klass, [("exercise", "two"), ("exercise", "three")])
    # Yesterday from 09:00, so the screenshot changes once a day, not with every run.
    start = (timezone.now() - timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    practise(ada, "one", right=4, at=start)
    practise(ada, "two", right=2, assignment=homework.pk, at=start + timedelta(minutes=8))
    practise(ada, "two", right=4, assignment=homework.pk, at=start + timedelta(minutes=15))
    practise(ada, "one", right=1, at=start + timedelta(minutes=24))

    school.sign_in(page, "ms-rivera")
    page.get_by_role("link", name="Class 7B").click()
    expect(page.locator(".attention-list")).to_contain_text(
        "Ada Lovelace levelled down 1 skill this week"
    )

    page.get_by_role("link", name="Mastery progress").click()
    row = page.get_by_role("row", name=re.compile("Ada Lovelace"))
    expect(row.locator("td")).to_have_text(["43.3%", "0%", "26%"])
    # The name is a link: reachable with the keyboard, opened with Enter.
    row.get_by_role("link", name="Ada Lovelace").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/classes/{klass.pk}/learners/{ada.pk}/$"))
    expect(page.get_by_role("heading", name="Ada Lovelace", level=1)).to_be_visible()
    expect(page.locator(".mastery-text").first).to_have_text("26% mastery · 130 of 500 points")
    skill_one = page.locator(".skill-level", has_text="Skill one")
    expect(skill_one.locator(".level-word")).to_have_text("Familiar")
    expect(page.locator(".activity-line").nth(1)).to_contain_text(
        "Levelled down: Skill one, Proficient → Familiar"
    )
    homework_row = page.locator(".learner-assignments tr", has_text="Skill two")
    expect(homework_row.locator("td")).to_have_text(["Done", "50%", "100%"])
    # Tall enough for the whole page: levels, goals, assignments and recent activity.
    page.set_viewport_size({"width": 1280, "height": 1800})
    screenshot(page, "class-learner")

    # At phone width the tables scroll sideways inside their card; the page itself does not.
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for table in page.locator(".table-scroll").all():
        assert table.evaluate("box => box.getBoundingClientRect().right") <= PHONE["width"]
