"""A small school for the web tests: the journey course, a teacher's class, and a learner's work."""

import re
import uuid
from datetime import timedelta
from html import unescape
from pathlib import Path
from typing import Any

from django.test import Client
from django.utils import timezone
from tests.samples import write_known_answers_pack

from proficio.accounts import services as accounts
from proficio.accounts.models import User
from proficio.classroom import actions as classroom
from proficio.classroom.models import Classroom
from proficio.content.services import import_pack
from proficio.learning import actions as learning

# Skill number N answers N (tests.samples.write_known_answers_pack).
UNITS = {"numbers": ["one", "two", "three"], "more": ["four", "five"]}
ANSWERS = {
    skill: str(number)
    for number, skill in enumerate([s for skills in UNITS.values() for s in skills], start=1)
}
COURSE = "journey"
PASSWORD = "a-long-password"


def import_journey(root: Path) -> None:
    import_pack(path=write_known_answers_pack(root / "journey", UNITS))


def teacher_class(name: str = "Class 7B", username: str = "ms-rivera") -> Classroom:
    teacher = accounts.create_teacher(username=username, password=PASSWORD)
    return classroom.create_class_for(teacher=teacher, name=name, course_slugs=[COURSE])


def learner(username: str = "ada", display_name: str = "") -> User:
    return accounts.sign_up(username=username, password=PASSWORD, display_name=display_name)


def practise(who: Any, skill: str, right: int, of: int = 4) -> Any:
    """A practice set answered with `right` right answers first, then wrong ones; the last reply."""
    task, _ = learning.start_task(
        learner=who, request=learning.TaskRequest(kind="practice", course=COURSE, skill=skill)
    )
    reply: Any = None
    question = task.question
    for number in range(of):
        response = ANSWERS[skill] if number < right else "999"
        reply = learning.answer_question(
            learner=who, task_id=task.id, position=question["position"],
            response=response, attempt_id=uuid.uuid4().hex,
        )  # fmt: skip
        question = reply.next_question
        if reply.status != "in_progress" or question is None:
            break
    if reply.status == "bonus_offered":
        reply = learning.skip_bonus(learner=who, task_id=task.id)
    return reply


def assign(klass: Classroom, items: list[tuple[str, str]], days: int = 3) -> Any:
    change = classroom.AssignmentChange(
        title="Homework 1",
        items=[classroom.ItemChoice(kind=kind, course=COURSE, slug=slug) for kind, slug in items],
        # At 17:00, so the screenshots change once a day, not with every run.
        due_at=(timezone.now() + timedelta(days=days)).replace(
            hour=17, minute=0, second=0, microsecond=0
        ),
    )
    return classroom.create_assignment(classroom=klass, change=change)


def set_goal(klass: Classroom, unit: str | None = None, days: int = 14) -> Any:
    change = classroom.GoalChange(
        course=COURSE, unit=unit, due_date=timezone.localdate() + timedelta(days=days)
    )
    return classroom.create_goal(classroom=klass, change=change)


def sign_in(page: Any, username: str, password: str = PASSWORD) -> None:
    """Sign in through the browser's sign-in page, as a person would."""
    page.goto("/signin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


# --- reading pages as the server renders them ---------------------------------------------------


def signed_in(user: Any) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def teacher_of(klass: Classroom) -> Client:
    return signed_in(klass.teachers.get())


def page(browser: Client, path: str) -> str:
    response = browser.get(path)
    assert response.status_code == 200, response
    return response.content.decode()


def field_block(html: str, name: str) -> str:
    """The form field's block (label, hint, errors, input), or its fieldset for checkboxes."""
    match = re.search(
        rf'<div class="field[^"]*">\s*<label for="id_{name}">.*?</div>'
        rf'|<fieldset class="field[^"]*"[^>]*>\s*<legend>[^<]*</legend>(?:(?!</fieldset>).)*'
        rf'name="{name}".*?</fieldset>',
        html,
        re.S,
    )
    assert match, f"no field {name}"
    return match.group(0)


def text(html: str) -> str:
    """The page's words, tags dropped and spaces squeezed, to read as a person would."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()
