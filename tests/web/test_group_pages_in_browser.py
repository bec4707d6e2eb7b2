"""Skill groups in Debian's Chromium: a teacher asks for suggestions and accepts one.

This test also takes the groups screenshot in docs/screenshots/.
"""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.web import school

from proficio.classroom import actions as classroom

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_teacher_accepts_a_suggested_group(
    page: Any, tmp_path: Path, screenshot: Callable[[Any, str], Path]
) -> None:
    school.import_journey(tmp_path)
    klass = school.teacher_class()
    for name, display in [("ada", "Ada Lovelace"), ("bo", "Bo Diddley"), ("cy", "Cy Twombly")]:
        classroom.join_class(learner=school.learner(name, display), code=klass.join_code)
    for skill in school.UNITS["numbers"]:
        school.practise(klass.learners.get(username="ada"), skill, right=4)

    school.sign_in(page, "ms-rivera")
    page.get_by_role("link", name="Class 7B").click()
    page.locator("nav.class-nav").get_by_role("link", name="Skill groups").click()
    expect(page.get_by_text("No groups yet.")).to_be_visible()

    page.get_by_label("Unit").select_option(label="Unit numbers")
    page.get_by_role("button", name="Suggest groups").click()
    support = page.locator(".suggestion", has_text="Needs support")
    expect(support.locator(".reason")).to_contain_text("2 learners with an average of under 50")
    expect(support.locator(".members")).to_have_text("Bo Diddley, Cy Twombly")
    screenshot(page, "skill-groups")

    support.get_by_role("button", name=re.compile("Accept")).click()
    expect(page.get_by_text("The group Needs support is made.")).to_be_visible()
    made = page.locator(".group", has_text="Needs support")
    expect(made.locator(".members")).to_have_text("Bo Diddley, Cy Twombly")


def test_a_teacher_makes_an_empty_group_then_adds_a_learner(page: Any, tmp_path: Path) -> None:
    school.import_journey(tmp_path)
    klass = school.teacher_class()
    classroom.join_class(learner=school.learner("ada", "Ada Lovelace"), code=klass.join_code)

    school.sign_in(page, "ms-rivera")
    page.goto(f"/classes/{klass.pk}/groups/")

    new = page.locator("form#new-group")
    new.get_by_label("Group name").fill("Table 3")
    new.get_by_role("button", name="Make the group").click()
    expect(page.get_by_text("The group Table 3 is made.")).to_be_visible()
    made = page.locator(".group", has_text="Table 3")
    expect(made.locator(".members")).to_have_text("No learners in this group.")

    made.get_by_text("Edit").click()
    made.get_by_role("checkbox", name="Ada Lovelace").check()
    made.get_by_role("button", name="Save the group").click()
    expect(page.get_by_text("The group Table 3 is saved.")).to_be_visible()
    expect(page.locator(".group", has_text="Table 3").locator(".members")).to_have_text(
        "Ada Lovelace"
    )
