"""A teacher's first class, in Debian's Chromium: create it, hand out the code, read the reports.

These tests also take the class home and heatmap screenshots in docs/screenshots/.
"""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.web import school

from proficio.accounts import services as accounts
from proficio.classroom import actions as classroom
from proficio.classroom.models import Classroom

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}


def test_a_teacher_creates_a_class_and_sees_its_learners_levels(
    page: Any, tmp_path: Path, screenshot: Callable[[Any, str], Path]
) -> None:
    school.import_journey(tmp_path)
    accounts.create_teacher(username="ms-rivera", password=school.PASSWORD)

    school.sign_in(page, "ms-rivera")
    expect(page).to_have_url(re.compile(r"/classes/$"))
    expect(page.get_by_text("No classes yet — create your first class")).to_be_visible()

    page.get_by_label("Class name").fill("Class 7B")
    page.get_by_label("Journey course").check()
    page.get_by_role("button", name="Create the class").click()
    expect(page.get_by_role("heading", name="Class 7B", level=1)).to_be_visible()
    code = page.locator("#join-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy the code").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == code

    # A learner joins with the code and practises; the learner side has its own browser tests.
    ada = school.learner("ada", "Ada Lovelace")
    classroom.join_class(learner=ada, code=code)
    school.practise(ada, "one", right=4)
    school.practise(ada, "two", right=3)
    # A fixed code from here on, so the screenshot reads the same every run.
    Classroom.objects.filter(join_code=code).update(join_code="K7PXQ2")
    page.reload()
    expect(page.locator(".roster-size")).to_have_text("1 learner")
    expect(page.locator(".roster")).to_contain_text("Ada Lovelace")
    expect(page.locator("#join-code")).to_have_text("K7PXQ2")
    screenshot(page, "class-home")

    page.get_by_role("link", name="Mastery progress").click()
    ada_row = page.get_by_role("row", name=re.compile("Ada Lovelace"))
    expect(ada_row.locator("td")).to_have_text(["43.3%", "0%", "26%"])

    page.get_by_role("link", name="Skills heatmap").click()
    cells = page.get_by_role("row", name=re.compile("Ada Lovelace")).locator("td")
    expect(cells).to_have_count(5)
    expect(cells.nth(0)).to_have_attribute("title", "Ada Lovelace · Skill one: Proficient")
    expect(cells.nth(0)).to_have_class(re.compile(r"\bcell-proficient\b"))
    expect(cells.nth(1)).to_have_attribute("title", "Ada Lovelace · Skill two: Familiar")
    expect(cells.nth(2)).to_have_attribute("title", "Ada Lovelace · Skill three: Not started")
    screenshot(page, "heatmap")

    # At phone width the heatmap scrolls sideways inside its card; the page itself does not.
    page.set_viewport_size(PHONE)
    scroller = page.locator(".heatmap-scroll")
    assert scroller.evaluate("box => box.scrollWidth > box.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    scroller.evaluate("box => box.scrollLeft = box.scrollWidth")
    # The learner's name stays in view while the skills scroll under the sticky column.
    name = page.get_by_role("rowheader", name="Ada Lovelace")
    assert name.bounding_box()["x"] >= 0
    assert name.evaluate("cell => getComputedStyle(cell).position") == "sticky"
