"""Every page a new user meets with the demo data, checked in Debian's Chromium.

Each page is run through axe-core's WCAG 2 A and AA rules (labels, names, contrast, roles,
landmarks) and must fit a 360 px wide phone: wide tables scroll inside their card, never the
page; and nothing on them may be refused by the Content-Security-Policy (no inline script,
style or event handler). One test walks them all, so its failure lists every page's problems
at once.
"""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from tests.web import school
from tests.web.kinds import KINDS_COURSE, KINDS_EXERCISES

from proficio.classroom.models import Assignment, Classroom, Goal
from proficio.content.models import Article, Course, Video
from proficio.content.services import import_pack
from proficio.demo import DEMO_COURSE, DEMO_LEARNERS, DEMO_PASSWORD, DEMO_TEACHER, seed_demo

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 360, "height": 740}
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def sign_in(page: Any, username: str) -> None:
    school.sign_in(page, username, DEMO_PASSWORD)
    page.wait_for_load_state()


def named_by_math(page: Any, node: dict[str, Any]) -> bool:
    """An input labelled by MathML alone, which Chromium names from the math but axe-core
    cannot read yet (dequelabs/axe-core#3285): Chromium's own name must then be non-empty."""
    field = page.locator(node["target"][0])
    if not field.evaluate("input => Boolean(input.closest('label')?.querySelector('math'))"):
        return False
    return bool(re.fullmatch(r'- (radio|checkbox) "\S.*"', field.aria_snapshot()))


def problems_on(page: Any) -> list[str]:
    """What axe finds on the page as it is now, and whether it fits a phone's width."""
    found = []
    for violation in Axe().run(page, options=WCAG_AA).response["violations"]:
        nodes = violation["nodes"]
        if violation["id"] == "label":
            nodes = [node for node in nodes if not named_by_math(page, node)]
        if nodes:
            targets = "; ".join(node["target"][0] for node in nodes[:5])
            found.append(f"{violation['id']}: {violation['help']} — {targets}")
    width = page.viewport_size["width"]
    page.set_viewport_size(PHONE)
    if not page.evaluate("document.documentElement.scrollWidth <= 360"):
        found.append("the page is wider than a 360 px phone")
    page.set_viewport_size({"width": width, "height": 800})
    return found


def visit(page: Any, path: str, report: dict[str, list[str]]) -> None:
    response = page.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    report[path] = problems_on(page)


def learner_pages() -> list[str]:
    course = Course.objects.get(slug=DEMO_COURSE)
    unit = course.units.filter(archived=False).order_by("position").first()
    article = Article.objects.filter(course=course, archived=False).first()
    video = Video.objects.filter(course=course, archived=False).first()
    skill = unit.unit_skills.order_by("position").first().skill
    paths = ["/home/", f"/courses/{course.slug}/", f"/courses/{course.slug}/units/{unit.slug}/"]
    if article:
        paths.append(f"/courses/{course.slug}/articles/{article.slug}/")
    if video:
        paths.append(f"/courses/{course.slug}/videos/{video.slug}/")
    exercise = f"/courses/{course.slug}/exercises/{skill.slug}/"
    return [*paths, exercise, "/classes/join/", "/account/"]


def teacher_pages() -> list[str]:
    klass = Classroom.objects.get(name="Demo class")
    base = f"/classes/{klass.pk}/"
    goal = Goal.objects.filter(classroom=klass).first()
    assignment = Assignment.objects.filter(classroom=klass).first()
    return [
        "/classes/",
        base,
        f"{base}goals/",
        f"{base}goals/{goal.pk}/",
        f"{base}assignments/",
        f"{base}assignments/{assignment.pk}/",
        f"{base}groups/",
        f"{base}mastery/",
        f"{base}skills/",
        f"{base}activity/",
        f"{base}settings/",
        f"{base}learners/{klass.learners.order_by('pk').first().pk}/",
    ]


def answer_anything(page: Any) -> None:
    """Some answer of the question's kind: wrong answers are fine, the pages are what is checked."""
    choices = page.get_by_role("radio")
    if choices.count():
        choices.first.check()
    else:
        page.get_by_label("Your answer").first.fill("1")
    page.get_by_role("button", name="Check").click()
    page.wait_for_load_state()


def doing_a_task(page: Any, report: dict[str, list[str]]) -> None:
    """The start card, a question, its feedback, a hint, and the end card."""
    page.goto("/home/")
    page.locator(".up-next").first.get_by_role("button").first.click()
    report["task start card"] = problems_on(page)
    page.get_by_role("link", name="Start").click()
    report["task question"] = problems_on(page)
    answer_anything(page)
    report["task question, checked"] = problems_on(page)
    for _ in range(12):  # a practice set is a handful of questions, plus perhaps a bonus one
        finish = page.get_by_role("link", name="See your results")
        if finish.count():
            finish.click()
            break
        skip = page.get_by_role("button", name="Skip the bonus and finish")
        if skip.count():
            skip.click()
            break
        page.get_by_role("link", name=re.compile("^Next")).click()
        answer_anything(page)
    expect(page.get_by_role("heading", name=re.compile("^You got"))).to_be_visible()
    report["task end card"] = problems_on(page)


def each_kind_of_question(page: Any, report: dict[str, list[str]]) -> None:
    """Choices written in math, several choices, an expression with its preview, and text."""
    page.goto("/courses/kinds/units/all/")
    for skill in ["choose", "choose-many", "simplify", "name-it"]:
        title = page.get_by_role("link", name=f"Skill {skill}", exact=True)
        item = page.locator("li.item").filter(has=title)
        item.get_by_role("button", name="Practise").click()
        page.get_by_role("link", name="Start").click()
        report[f"a question of the skill '{skill}'"] = problems_on(page)
        page.goto("/courses/kinds/units/all/")


def test_every_page_is_accessible_fits_a_phone_and_keeps_to_the_content_security_policy(
    page: Any, write_pack: Callable[..., Path], csp_violations: list[str]
) -> None:
    import_pack(path=write_pack(KINDS_COURSE, KINDS_EXERCISES, name="kinds"))
    seed_demo()
    report: dict[str, list[str]] = {}
    for path in ["/", "/signin/", "/signup/"]:
        visit(page, path, report)
    assert page.goto("/no/such/page/").status == 404
    report["the page-not-found page"] = problems_on(page)

    sign_in(page, DEMO_LEARNERS[0][0])
    for path in learner_pages():
        visit(page, path, report)
    doing_a_task(page, report)
    each_kind_of_question(page, report)
    page.context.clear_cookies()

    sign_in(page, DEMO_TEACHER)
    for path in teacher_pages():
        visit(page, path, report)

    # Each refusal names the page it happened on.
    report["what the Content-Security-Policy refused"] = list(csp_violations)
    csp_violations.clear()

    problems = {where: found for where, found in report.items() if found}
    assert not problems, "\n".join(
        f"{where}:\n  " + "\n  ".join(found) for where, found in problems.items()
    )
