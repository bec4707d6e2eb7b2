"""Doing a task through its pages: start, one question at a time, hints, try again, the end card."""

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from tests.web import school
from tests.web.kinds import KINDS_COURSE, KINDS_EXERCISES
from tests.web.school import signed_in

from proficio.classroom import actions as classroom
from proficio.content.services import import_pack
from proficio.learning.models import Attempt
from proficio.web.task_pages import end_card

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def journey(tmp_path: Path) -> None:
    school.import_journey(tmp_path)


@pytest.fixture
def kinds(write_pack: Callable[..., Path]) -> None:
    import_pack(path=write_pack(KINDS_COURSE, KINDS_EXERCISES, name="kinds"))


def question_count(browser: Client, task: str) -> int:
    """How many questions the task's start card announces."""
    found = re.search(r"<strong>(\d+)</strong> questions", text(browser, task))
    assert found, "the start card gives no number of questions"
    return int(found.group(1))


def start(browser: Client, **fields: str) -> str:
    """Post the unit page's start form; the address of the task it leads to."""
    response = browser.post("/tasks/start", {"course": school.COURSE, **fields})
    assert response.status_code == 302, response
    return str(response["Location"])


def text(browser: Client, path: str, status: int = 200) -> str:
    response = browser.get(path, follow=True)
    assert response.status_code == status, response
    return response.content.decode()


def form_fields(html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html))


def answer(browser: Client, task: str, position: int, again: bool = False, **fields: Any) -> Any:
    """Submit the question's form as the page rendered it (its attempt id included)."""
    page = text(browser, f"{task}questions/{position}/{'?again' if again else ''}")
    data = {"attempt_id": form_fields(page)["attempt_id"], **fields}
    return browser.post(f"{task}questions/{position}/answer", data)


def task_id(address: str) -> int:
    return int(re.search(r"/tasks/(\d+)/", address).group(1))  # type: ignore[union-attr]


# --- starting -----------------------------------------------------------------------------------


def test_starting_a_practice_shows_the_start_card_with_its_questions_and_skill() -> None:
    browser = signed_in(school.learner())
    task = start(browser, kind="practice", skill="two")
    assert re.fullmatch(r"/tasks/\d+/", task)
    html = text(browser, task)
    assert "<strong>7</strong> questions" in html or "<strong>4</strong> questions" in html
    assert "<li>Skill two</li>" in html
    assert f'href="{task}questions/1/">Start</a>' in html


def test_starting_the_same_task_again_resumes_it() -> None:
    browser = signed_in(school.learner())
    first = start(browser, kind="unit_test", unit="numbers")
    assert start(browser, kind="unit_test", unit="numbers") == first


def test_starting_an_unknown_skill_is_not_found() -> None:
    browser = signed_in(school.learner())
    response = browser.post("/tasks/start", {"course": school.COURSE, "kind": "practice",
                                             "skill": "nope"})  # fmt: skip
    assert response.status_code == 404


def test_a_signed_out_visitor_is_sent_to_sign_in() -> None:
    response = Client().post("/tasks/start", {"course": school.COURSE, "kind": "practice",
                                              "skill": "one"})  # fmt: skip
    assert response.status_code == 302
    assert response["Location"].startswith("/signin/?next=/tasks/start")


def test_starting_a_task_needs_the_csrf_token() -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(school.learner())
    response = browser.post("/tasks/start", {"course": school.COURSE, "kind": "practice",
                                             "skill": "one"})  # fmt: skip
    assert response.status_code == 403


def test_another_learners_task_is_not_found() -> None:
    task = start(signed_in(school.learner("ada")), kind="practice", skill="one")
    other = signed_in(school.learner("bea"))
    assert other.get(task).status_code == 404
    assert other.get(f"{task}questions/1/").status_code == 404
    assert other.post(f"{task}questions/1/answer", {"response": "1"}).status_code == 404
    assert other.post(f"{task}questions/1/hint").status_code == 404


# --- one question at a time ---------------------------------------------------------------------


def test_a_numeric_question_has_a_labelled_number_field_and_a_check_button() -> None:
    browser = signed_in(school.learner())
    html = text(browser, f"{start(browser, kind='practice', skill='one')}questions/1/")
    assert re.search(r"Question \d of one: type 1\.", html)
    assert '<label for="answer">Your answer (a number)</label>' in html
    assert 'inputmode="decimal"' in html
    assert '<button type="submit">Check</button>' in html
    assert re.search(r'name="attempt_id" value="[0-9a-f]{32}"', html)


def test_a_choice_question_offers_radio_buttons(kinds: None) -> None:
    browser = signed_in(school.learner())
    task = start(browser, kind="practice", skill="choose", course="kinds")
    html = text(browser, f"{task}questions/1/")
    assert "<legend>Pick one answer</legend>" in html
    assert html.count('type="radio" name="choice"') == 3
    assert 'type="checkbox"' not in html


def test_a_choice_question_with_several_right_answers_offers_checkboxes(kinds: None) -> None:
    browser = signed_in(school.learner())
    task = start(browser, kind="practice", skill="choose-many", course="kinds")
    html = text(browser, f"{task}questions/1/")
    assert "<legend>Pick every right answer</legend>" in html
    assert html.count('type="checkbox" name="choice"') == 3
    response = answer(browser, task, 1, choice=["0", "2"])
    assert "Right!" in text(browser, response["Location"])


def test_an_expression_question_previews_how_it_was_read(kinds: None) -> None:
    browser = signed_in(school.learner())
    task = start(browser, kind="practice", skill="simplify", course="kinds")
    html = text(browser, f"{task}questions/1/")
    assert '<label for="answer">Your answer (an expression)</label>' in html
    assert 'hx-get="/tasks/preview"' in html and 'id="answer-preview"' in html
    preview = text(browser, "/tasks/preview?response=5x%5E2")
    assert "We read:" in preview and "<math" in preview and "<msup>" in preview
    assert "We read:" not in text(browser, "/tasks/preview?response=5x%2B")


def test_a_text_question_has_a_plain_text_field(kinds: None) -> None:
    browser = signed_in(school.learner())
    task = start(browser, kind="practice", skill="name-it", course="kinds")
    html = text(browser, f"{task}questions/1/")
    assert '<label for="answer">Your answer</label>' in html
    response = answer(browser, task, 1, response="Sum")
    assert "Right!" in text(browser, response["Location"])


def test_a_right_answer_shows_right_in_words_and_the_explanation_then_next() -> None:
    browser = signed_in(school.learner())
    task = start(browser, kind="practice", skill="one")
    response = answer(browser, task, 1, response="1")
    assert response["Location"] == f"{task}questions/1/"
    html = text(browser, response["Location"])
    assert "Right!" in html and "✓" in html
    assert "The answer is 1." in html  # the worked explanation
    assert f'href="{task}questions/1/?again">Try again</a>' in html
    assert f'href="{task}">Next question</a>' in html
    assert "step step-right" in html and "step step-current" in html


def test_a_wrong_answer_says_so_and_try_again_does_not_change_the_score() -> None:
    browser = signed_in(school.learner())
    task = start(browser, kind="practice", skill="one")
    html = text(browser, answer(browser, task, 1, response="7")["Location"])
    assert "Not quite." in html and "<kbd>7</kbd>" in html
    again = text(browser, f"{task}questions/1/?again")
    assert "doesn&#x27;t change your score" in again or "doesn't change your score" in again
    html = text(browser, answer(browser, task, 1, again=True, response="1")["Location"])
    assert "Right!" in html
    assert "It counts as wrong" in html
    assert "step step-wrong" in html


def test_an_unreadable_answer_keeps_what_was_typed_and_says_why() -> None:
    browser = signed_in(school.learner())
    task = start(browser, kind="practice", skill="one")
    response = answer(browser, task, 1, response="twelve")
    assert response.status_code == 422
    html = response.content.decode()
    assert 'value="twelve"' in html
    assert 'role="alert"' in html and 'aria-invalid="true"' in html
    assert "number" in re.search(r'id="answer-error"[^>]*>(.*?)</p>', html).group(1)  # type: ignore[union-attr]
    # Nothing was counted: the question is still the current one.
    assert "step step-current" in html and "step-wrong" not in html


def test_an_unreadable_expression_shows_how_it_could_not_be_read(kinds: None) -> None:
    browser = signed_in(school.learner())
    task = start(browser, kind="practice", skill="simplify", course="kinds")
    response = answer(browser, task, 1, response="5x+")
    assert response.status_code == 422
    html = response.content.decode()
    assert 'value="5x+"' in html and 'class="preview-error"' in html


def test_a_double_submitted_form_counts_once() -> None:
    browser = signed_in(school.learner())
    task = start(browser, kind="practice", skill="one")
    page = text(browser, f"{task}questions/1/")
    data = {"attempt_id": form_fields(page)["attempt_id"], "response": "1"}
    browser.post(f"{task}questions/1/answer", data)
    browser.post(f"{task}questions/1/answer", data)
    html = text(browser, task)  # the current question, after the one answered
    assert "Question 2 " in html
    assert html.count("step step-right") == 1


def test_a_hint_warns_first_and_then_counts_the_question_wrong() -> None:
    browser = signed_in(school.learner())
    task = start(browser, kind="practice", skill="one")
    html = text(browser, f"{task}questions/1/")
    offer = re.search(r'<details class="hint-offer">.*?</details>', html, re.S).group(0)  # type: ignore[union-attr]
    assert "A hint makes this question count as wrong." in offer
    # The button submits the answer form to the hint address; htmx swaps in just the hints.
    assert 'id="answer-form"' in html
    assert f'form="answer-form" formaction="{task}questions/1/hint"' in offer
    assert f'hx-post="{task}questions/1/hint" hx-target="#hints" hx-swap="outerHTML"' in offer
    assert "The answer is a number." not in html

    html = text(browser, browser.post(f"{task}questions/1/hint")["Location"])
    assert "The answer is a number." in html
    assert "Show the next hint" in html and "hint-offer" not in html
    html = text(browser, answer(browser, task, 1, response="1")["Location"])
    assert "Right!" in html and "you took a hint" in html
    assert "step step-wrong" in html


def hints_taken(who: Any, task: str, position: int = 1) -> tuple[int, int]:
    """How many hints the question shows, and how many hint attempts the log holds."""
    found = who.tasks.get(pk=task_id(task))
    shown = found.questions.get(position=position).hints_shown
    return shown, Attempt.objects.filter(task=found, kind=Attempt.Kind.HINT).count()


def ask_for_hint(browser: Client, task: str, **fields: Any) -> Any:
    """Press a hint button as htmx does: the answer form's fields, with the HX-Request header."""
    return browser.post(f"{task}questions/1/hint", fields, HTTP_HX_REQUEST="true")


def test_a_hint_asked_for_by_htmx_sends_back_only_the_hints_once() -> None:
    who = school.learner()
    browser = signed_in(who)
    task = start(browser, kind="practice", skill="one")
    response = ask_for_hint(browser, task, response="12", attempt_id="x" * 32)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith('<section class="hints" id="hints"')
    assert "<html" not in html and 'class="answer-form"' not in html
    # The new hint takes the focus, so a screen reader reads it out.
    assert re.search(r'<div class="hint-text" id="hint-1" tabindex="-1" autofocus>', html)
    assert "The answer is a number." in html
    assert "hint-offer" not in html and "Show the next hint" in html
    assert hints_taken(who, task) == (1, 1)

    html = ask_for_hint(browser, task).content.decode()
    assert "It is 1." in html and 'id="hint-2" tabindex="-1" autofocus' in html
    assert 'id="hint-1" tabindex="-1">' in html  # only the newest one takes the focus
    assert "Show the next hint" not in html  # no hints are left
    assert hints_taken(who, task) == (2, 2)


def test_asking_htmx_for_a_hint_when_none_is_left_says_so_in_the_hints() -> None:
    who = school.learner()
    browser = signed_in(who)
    task = start(browser, kind="practice", skill="one")
    ask_for_hint(browser, task)
    ask_for_hint(browser, task)
    html = ask_for_hint(browser, task).content.decode()
    assert '<p class="answer-error" role="alert">This question has no more hints.</p>' in html
    assert hints_taken(who, task) == (2, 2)


def test_a_hint_without_javascript_brings_back_the_typed_answer() -> None:
    who = school.learner()
    browser = signed_in(who)
    task = start(browser, kind="practice", skill="one")
    response = browser.post(f"{task}questions/1/hint", {"response": "12", "attempt_id": "a" * 32})
    assert response.status_code == 302
    assert response["Location"] == f"{task}questions/1/?response=12#hints"
    html = text(browser, response["Location"])
    assert 'id="answer" name="response" type="text" value="12"' in html
    assert "The answer is a number." in html
    assert hints_taken(who, task) == (1, 1)
    html = text(browser, answer(browser, task, 1, response="1")["Location"])
    assert "Right!" in html and "you took a hint" in html


def test_a_hint_without_javascript_keeps_the_picked_choice(kinds: None) -> None:
    browser = signed_in(school.learner())
    task = start(browser, kind="practice", skill="choose", course="kinds")
    response = browser.post(f"{task}questions/1/hint", {"choice": "1"})
    assert response["Location"] == f"{task}questions/1/?choice=1#hints"
    html = text(browser, response["Location"])
    assert re.search(r'type="radio" name="choice" value="1"[^>]* checked>', html)
    assert not re.search(r'value="0"[^>]* checked>', html)


def test_a_hint_needs_the_csrf_token_that_the_answer_form_carries() -> None:
    browser = Client(enforce_csrf_checks=True)
    who = school.learner()
    browser.force_login(who)
    task = start(signed_in(who), kind="practice", skill="one")
    assert ask_for_hint(browser, task).status_code == 403
    html = text(browser, f"{task}questions/1/")
    answer_form = re.search(r'<form [^>]*id="answer-form".*?</form>', html, re.S).group(0)  # type: ignore[union-attr]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer_form).group(1)  # type: ignore[union-attr]
    assert ask_for_hint(browser, task, csrfmiddlewaretoken=token).status_code == 200
    assert hints_taken(who, task) == (1, 1)


def test_refreshing_or_coming_back_resumes_the_task_where_it_was() -> None:
    who = school.learner()
    browser = signed_in(who)
    task = start(browser, kind="practice", skill="one")
    answer(browser, task, 1, response="1")
    answer(browser, task, 2, response="5")
    # Another device, later: the task opens at question 3 with the first two settled.
    html = text(signed_in(who), task)
    assert "Question 3 " in html
    assert html.count("step step-right") == 1 and html.count("step step-wrong") == 1


def test_a_later_question_cannot_be_opened_before_its_turn() -> None:
    browser = signed_in(school.learner())
    task = start(browser, kind="practice", skill="one")
    response = browser.get(f"{task}questions/3/")
    assert response.status_code == 302 and response["Location"] == f"/tasks/{task_id(task)}/"


# --- the bonus and the end card -----------------------------------------------------------------


def test_the_bonus_question_announces_itself_and_can_be_skipped() -> None:
    browser = signed_in(school.learner())
    task = start(browser, kind="practice", skill="one")
    count = question_count(browser, task)
    for position in range(1, count + 1):
        answer(browser, task, position, response="1" if position > 1 else "9")
    html = text(browser, task)
    assert "Bonus question" in html and "You earned a bonus question." in html
    response = browser.post(f"{task}skip-bonus")
    html = text(browser, response["Location"])
    assert f"You got {count - 1} of {count} right" in html


def test_the_end_card_shows_levels_before_and_after_points_and_mastery() -> None:
    who = school.learner()
    browser = signed_in(who)
    task = start(browser, kind="unit_test", unit="numbers")
    count = question_count(browser, task)
    for position in range(1, count + 1):
        page = text(browser, f"{task}questions/{position}/")
        number = re.search(r"type (\d+)\.", page).group(1)  # type: ignore[union-attr]
        answer(browser, task, position, response=number)
    last = text(browser, f"{task}questions/{count}/")
    assert f'href="{task}">See your results</a>' in last and "Try again" not in last
    html = text(browser, task)
    assert f"You got {count} of {count} right" in html
    changes = re.findall(r'<li class="skill-change leveled-up">(.*?)</li>', html, re.S)
    assert len(changes) == 3
    assert "Not started" in changes[0] and "Familiar" in changes[0]
    assert "You leveled up 3 skills." in html
    assert re.search(r"<strong>\+\d+ mastery points</strong>", html)
    assert re.search(r"Unit numbers</a>: <strong>[\d.]+%</strong> mastery", html)


def test_the_end_card_lists_the_units_in_course_order_whatever_order_they_were_stored_in() -> None:
    # A course challenge's summary as PostgreSQL gives it back: "more" before "numbers".
    summary = {
        "correct": 2, "total": 4, "skills": [], "points_delta": 0, "course_mastery_percent": 10.0,
        "unit_mastery_percent": {"more": 0.0, "numbers": 26.7},
    }  # fmt: skip
    view: Any = SimpleNamespace(course=school.COURSE, summary=summary)
    card = end_card(view, goals_reached=[])
    assert [(slug, title) for slug, title, _ in card.units] == [
        ("numbers", "Unit numbers"),
        ("more", "Unit more"),
    ]


def test_levelling_up_is_celebrated_with_a_skippable_animation() -> None:
    who = school.learner()
    school.practise(who, "one", right=0)  # Attempted: the next good set levels up
    browser = signed_in(who)
    task = start(browser, kind="practice", skill="one")
    count = question_count(browser, task)
    for position in range(1, count + 1):
        answer(browser, task, position, response="1")
    html = text(browser, task)
    assert "<strong>Level up!</strong> You leveled up 1 skill." in html
    assert "Skip the animation" in html
    assert '<span class="badge open">Leveled up</span>' in html


def test_the_end_card_names_the_class_goals_the_task_reached() -> None:
    klass = school.teacher_class()
    who = school.learner()
    classroom.join_class(learner=who, code=klass.join_code)
    classroom.create_goal(
        classroom=klass,
        change=classroom.GoalChange(
            course=school.COURSE, unit="numbers", target_percent=10,
            due_date=timezone.localdate() + timedelta(days=7),
        ),
    )  # fmt: skip
    browser = signed_in(who)
    task = start(browser, kind="practice", skill="one")
    count = question_count(browser, task)
    for position in range(1, count + 1):
        answer(browser, task, position, response="1")
    html = text(browser, task)
    assert "<h2>Goals reached</h2>" in html
    assert "10% of Unit numbers — your class goal is reached!" in html


def test_a_task_started_for_an_assignment_counts_for_it() -> None:
    klass = school.teacher_class()
    who = school.learner()
    classroom.join_class(learner=who, code=klass.join_code)
    homework = school.assign(klass, [("exercise", "two")])
    browser = signed_in(who)
    task = start(browser, kind="practice", skill="two", assignment=str(homework.pk))
    assert who.tasks.get(pk=task_id(task)).assignment_id == homework.pk
    # A task that is not one of the assignment's items is refused with the reason.
    response = browser.post(
        "/tasks/start",
        {"course": school.COURSE, "kind": "practice", "skill": "one", "assignment": homework.pk},
        follow=True,
    )
    assert f"This task is not part of the assignment {homework.pk}." in response.content.decode()


def test_a_task_that_cannot_start_yet_says_why_on_the_page_it_came_from() -> None:
    browser = signed_in(school.learner())
    unit = f"/courses/{school.COURSE}/units/numbers/"
    response = browser.post(
        "/tasks/start", {"course": school.COURSE, "kind": "mastery_challenge"}, HTTP_REFERER=unit
    )
    assert response.status_code == 302 and response["Location"] == unit
    # A page from elsewhere is not one to go back to.
    away = browser.post("/tasks/start", {"course": school.COURSE, "kind": "mastery_challenge"},
                        HTTP_REFERER="https://elsewhere.example/")  # fmt: skip
    assert away["Location"] == f"/courses/{school.COURSE}/"
    html = text(browser, unit)
    reason = re.search(r'<p class="message message-error">(.*?)</p>', html).group(1)  # type: ignore[union-attr]
    assert "mastery challenge" in reason.lower()
