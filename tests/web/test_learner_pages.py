"""The learner's pages as a browser gets them: sign up, join a class, home, course and unit."""

import re
from pathlib import Path

import pytest
from django.test import Client
from tests.web import school
from tests.web.school import field_block, page, signed_in

from proficio.accounts import services as accounts
from proficio.accounts.models import User
from proficio.classroom import actions as classroom
from proficio.classroom.join_code_limits import FOR_LEARNER

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def journey(tmp_path: Path) -> None:
    school.import_journey(tmp_path)


def hidden_fields(form_html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form_html))


def start_forms(html: str) -> list[dict[str, str]]:
    """Every start-task form of a page: its hidden fields (not the CSRF token) and button."""
    forms = re.findall(
        r'<form method="post" action="/tasks/start" class="start-task">(.*?)</form>', html, re.S
    )
    found = []
    for form in forms:
        fields = hidden_fields(form)
        fields.pop("csrfmiddlewaretoken", None)
        fields["button"] = re.search(r"<button[^>]*>(.*?)</button>", form).group(1)
        found.append(fields)
    return found


# --- sign up ----------------------------------------------------------------------------------


def test_signing_up_signs_the_learner_in_and_asks_for_their_class_code() -> None:
    browser = Client(enforce_csrf_checks=True)
    token = browser.get("/signup/").cookies["csrftoken"].value
    response = browser.post(
        "/signup/",
        {"username": "ada", "display_name": "Ada", "password": "a-long-password",
         "csrfmiddlewaretoken": token},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/classes/join/"
    join = page(browser, "/classes/join/")
    assert "Signed in as Ada" in join
    assert '<label for="id_code">Class code</label>' in join


def test_sign_up_errors_stand_next_to_their_field_and_keep_what_was_typed() -> None:
    school.learner("ada")
    browser = Client()
    taken = browser.post(
        "/signup/", {"username": "ADA", "display_name": "Second Ada", "password": "a-long-password"}
    ).content.decode()
    assert "The username &#x27;ADA&#x27; is taken; choose another." in field_block(
        taken, "username"
    )
    assert 'value="Second Ada"' in field_block(taken, "display_name")
    short = browser.post("/signup/", {"username": "grace", "password": "short"}).content.decode()
    password = field_block(short, "password")
    assert "at least 8 characters" in password and 'aria-invalid="true"' in password
    assert 'value="grace"' in field_block(short, "username")
    assert "field-errors" not in field_block(short, "username")
    spaces = browser.post("/signup/", {"username": "a b", "password": "a-long-password"})
    assert "no spaces" in field_block(spaces.content.decode(), "username")
    assert "_auth_user_id" not in browser.session


def test_a_sign_up_without_its_csrf_token_is_refused() -> None:
    browser = Client(enforce_csrf_checks=True)
    refused = browser.post("/signup/", {"username": "ada", "password": "a-long-password"})
    assert refused.status_code == 403
    assert not User.objects.filter(username="ada").exists()


def test_signing_in_leads_to_my_courses() -> None:
    school.learner("ada")
    browser = Client()
    response = browser.post("/signin/", {"username": "ada", "password": school.PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/home/"


# --- joining a class --------------------------------------------------------------------------


def test_joining_with_the_code_brings_the_class_course_home() -> None:
    klass = school.teacher_class()
    browser = signed_in(school.learner())
    assert "No courses yet" in page(browser, "/home/")
    joined = browser.post("/classes/join/", {"code": klass.join_code.lower()}, follow=True)
    html = joined.content.decode()
    assert joined.redirect_chain == [("/home/", 302)]
    assert "You joined Class 7B." in html
    assert '<a href="/courses/journey/">Journey course</a>' in html


def test_a_wrong_or_turned_off_code_is_refused_next_to_the_field() -> None:
    klass = school.teacher_class()
    ada = school.learner()
    browser = signed_in(ada)
    wrong = browser.post("/classes/join/", {"code": "NOPE42"}).content.decode()
    assert "No class has this join code" in field_block(wrong, "code")
    assert 'value="NOPE42"' in field_block(wrong, "code")
    classroom.change_class(classroom=klass, join_enabled=False)
    off = browser.post("/classes/join/", {"code": klass.join_code}).content.decode()
    assert "joining it is turned off" in field_block(off, "code")
    empty = browser.post("/classes/join/", {"code": ""}).content.decode()
    assert "This field is required." in field_block(empty, "code")
    assert not klass.learners.filter(pk=ada.pk).exists()


def test_too_many_wrong_codes_pause_joining_with_a_sentence_by_the_field() -> None:
    klass = school.teacher_class()
    ada = school.learner()
    browser = signed_in(ada)
    for _ in range(FOR_LEARNER.allowed):
        browser.post("/classes/join/", {"code": "NOPE42"})
    paused = browser.post("/classes/join/", {"code": klass.join_code}).content.decode()
    assert "Too many wrong class codes. Wait 15 minutes" in field_block(paused, "code")
    assert not klass.learners.filter(pk=ada.pk).exists()


# --- leaving a class ----------------------------------------------------------------------------


def test_home_lists_the_learners_classes_each_with_a_leave_button_that_asks_first() -> None:
    klass = school.teacher_class()
    browser = signed_in(school.learner())
    assert "My classes" not in page(browser, "/home/")
    browser.post("/classes/join/", {"code": klass.join_code})
    html = page(browser, "/home/")
    form = re.search(r'<form method="post" action="/classes/(\d+)/leave"[^>]*>', html)
    assert form and int(form.group(1)) == klass.pk
    assert 'data-confirm="Leave Class 7B? Your work stays yours' in form.group(0)


def test_leaving_a_class_takes_it_off_home_and_keeps_the_work() -> None:
    klass = school.teacher_class()
    ada = school.learner()
    browser = signed_in(ada)
    browser.post("/classes/join/", {"code": klass.join_code})
    school.practise(ada, "one", right=4)
    left = browser.post(f"/classes/{klass.pk}/leave", follow=True)
    assert left.redirect_chain == [("/home/", 302)]
    html = left.content.decode()
    assert "You left Class 7B. Your work stays yours" in html and "My classes" not in html
    assert not klass.learners.filter(pk=ada.pk).exists()
    assert "80 of 500 points" in page(browser, "/courses/journey/")  # the work is still theirs


def test_leaving_a_class_one_is_not_in_is_404_and_a_get_changes_nothing() -> None:
    klass = school.teacher_class()
    ada = school.learner()
    browser = signed_in(ada)
    assert browser.post(f"/classes/{klass.pk}/leave").status_code == 404
    browser.post("/classes/join/", {"code": klass.join_code})
    assert browser.get(f"/classes/{klass.pk}/leave").status_code == 405
    assert klass.learners.filter(pk=ada.pk).exists()


def test_a_teacher_is_told_they_do_not_join_with_a_code() -> None:
    klass = school.teacher_class()
    other = accounts.create_teacher(username="mr-chen", password=school.PASSWORD)
    html = signed_in(other).post("/classes/join/", {"code": klass.join_code}).content.decode()
    assert "Teachers do not join with a code" in field_block(html, "code")


def test_joining_a_class_needs_signing_in() -> None:
    response = Client().get("/classes/join/")
    assert response.status_code == 302 and response["Location"] == "/signin/?next=/classes/join/"


# --- home -------------------------------------------------------------------------------------


def test_home_needs_signing_in() -> None:
    response = Client().get("/home/")
    assert response.status_code == 302 and response["Location"] == "/signin/?next=/home/"


def test_an_empty_home_says_what_to_do_next() -> None:
    html = page(signed_in(school.learner()), "/home/")
    assert "No courses yet." in html and 'href="/classes/join/"' in html
    assert "Nothing due." in html and "No goals yet." in html


def test_home_shows_a_course_worked_in_with_its_bar_and_up_next() -> None:
    ada = school.learner()
    school.practise(ada, "one", right=4)  # Proficient: 80 of 500 points
    html = page(signed_in(ada), "/home/")
    assert '<a href="/courses/journey/">Journey course</a>' in html
    assert "<strong>16% mastery</strong> · 80 of 500 points" in html
    assert re.search(r'<span class="count">1</span> <span class="level level-proficient">', html)
    assert re.search(r'<span class="count">4</span> <span class="level level-not_started">', html)
    assert [f for f in start_forms(html)] == [
        {"kind": "practice", "course": "journey", "skill": "two", "button": "Start practising"}
    ]
    assert "Practise: Skill two" in html
    assert "You haven&#x27;t started this skill yet" in html


def test_the_mastery_bar_puts_mastered_first_and_sizes_each_level_by_its_skills() -> None:
    ada = school.learner()
    school.practise(ada, "one", right=4)
    school.practise(ada, "two", right=3)
    html = page(signed_in(ada), "/courses/journey/")
    course_bar = re.search(r'<div class="mastery-bar" aria-hidden="true">(.*?)</div>', html).group(
        1
    )
    assert re.findall(r"level-(\w+)\" width=\"([\d.]+)%", course_bar) == [
        ("proficient", "20.00"),
        ("familiar", "20.00"),
        ("not_started", "60.00"),
    ]


def test_home_lists_assignments_due_with_their_start_buttons_and_goals_with_their_pace() -> None:
    klass = school.teacher_class()
    ada = school.learner()
    classroom.join_class(learner=ada, code=klass.join_code)
    homework = school.assign(klass, [("exercise", "two"), ("quiz", "numbers-quiz")])
    school.set_goal(klass, unit="numbers")
    html = page(signed_in(ada), "/home/")
    assert "Homework 1" in html and "Class 7B · due" in html
    forms = start_forms(html)
    assert {
        "kind": "practice",
        "course": "journey",
        "skill": "two",
        "assignment": str(homework.pk),
        "button": "Practise",
    } in forms
    assert {
        "kind": "quiz",
        "course": "journey",
        "quiz": "numbers-quiz",
        "assignment": str(homework.pk),
        "button": "Start the quiz",
    } in forms
    assert "Unit goal: Unit numbers" in html
    assert '<span class="status status-not_started">Not started</span>' in html
    assert "You are at 0%; the pace for today is 0%. Target 100% by" in html


def test_a_finished_assignment_leaves_the_due_list() -> None:
    klass = school.teacher_class()
    ada = school.learner()
    classroom.join_class(learner=ada, code=klass.join_code)
    school.assign(klass, [("exercise", "one")])
    assert "Homework 1" in page(signed_in(ada), "/home/")
    from proficio.learning import actions as learning

    task, _ = learning.start_task(
        learner=ada,
        request=learning.TaskRequest(
            kind="practice", course="journey", skill="one", assignment_id=klass.assignments.get().pk
        ),
    )
    for position in range(1, 5):
        learning.answer_question(
            learner=ada,
            task_id=task.id,
            position=position,
            response="1",
            attempt_id=f"a{position}",
        )
    html = page(signed_in(ada), "/home/")
    assert "Homework 1" not in html and "Nothing due." in html


def test_a_learner_never_sees_another_learners_levels() -> None:
    klass = school.teacher_class()
    ada, bob = school.learner("ada"), school.learner("bob")
    for who in (ada, bob):
        classroom.join_class(learner=who, code=klass.join_code)
    school.practise(ada, "one", right=4)
    html = page(signed_in(bob), "/home/")
    assert "<strong>0% mastery</strong> · 0 of 500 points" in html
    assert "level-proficient" not in page(signed_in(bob), "/courses/journey/units/numbers/")


# --- course and unit --------------------------------------------------------------------------


def test_the_course_page_shows_each_unit_bar_up_next_and_the_challenges() -> None:
    ada = school.learner()
    school.practise(ada, "one", right=4)
    html = page(signed_in(ada), "/courses/journey/")
    assert "<strong>16% mastery</strong> · 80 of 500 points" in html
    assert '<a href="/courses/journey/units/numbers/">Unit 1: Unit numbers</a>' in html
    assert "<strong>26.7% mastery</strong> · 80 of 300 points" in html
    assert "<strong>0% mastery</strong> · 0 of 200 points" in html
    assert '<span class="badge locked">Locked</span>' in html
    forms = start_forms(html)
    assert forms[0] == {
        "kind": "practice",
        "course": "journey",
        "skill": "two",
        "button": "Start practising",
    }
    assert {
        "kind": "course_challenge",
        "course": "journey",
        "button": "Start the course challenge",
    } in forms
    assert not any(form["kind"] == "mastery_challenge" for form in forms)


def test_an_open_mastery_challenge_is_offered_first() -> None:
    ada = school.learner()
    school.practise(ada, "one", right=4)
    school.practise(ada, "two", right=3)
    school.practise(ada, "three", right=3)
    html = page(signed_in(ada), "/courses/journey/")
    assert '<span class="badge open">Ready</span>' in html
    challenge = {
        "kind": "mastery_challenge",
        "course": "journey",
        "button": "Start the mastery challenge",
    }
    assert start_forms(html)[0] == challenge
    assert start_forms(html).count(challenge) == 2  # up next, and its own card


def test_visitors_get_the_public_course_tree() -> None:
    html = page(Client(), "/courses/journey/")
    assert "Unit 1: Unit numbers" in html and "% mastery" not in html
    assert start_forms(html) == []


def test_the_unit_page_lists_lessons_in_order_with_each_skill_level_and_its_assessments() -> None:
    ada = school.learner()
    school.practise(ada, "one", right=3)
    html = page(signed_in(ada), "/courses/journey/units/numbers/")
    assert "<h1>Unit 1: Unit numbers</h1>" in html
    assert html.index("Lesson one") < html.index("Lesson two") < html.index("Quiz of numbers")
    assert html.index("Quiz of numbers") < html.index("Lesson three")
    lesson_one = html[html.index("Lesson one") : html.index("Lesson two")]
    assert '<span class="level level-familiar">' in lesson_one and ">Familiar</span>" in lesson_one
    quiz = html[html.index("Quiz of numbers") : html.index("Lesson three")]
    assert "Tests 2 skills." in quiz and "Skill one" in quiz and "Skill two" in quiz
    assert {
        "kind": "quiz",
        "course": "journey",
        "quiz": "numbers-quiz",
        "button": "Start the quiz",
    } in start_forms(html)
    unit_test = html[html.index('id="unit-test"') :]
    assert "Tests all 3 skills of this unit." in unit_test
    assert unit_test.count('class="level ') == 3
    assert start_forms(html)[-1] == {
        "kind": "unit_test",
        "course": "journey",
        "unit": "numbers",
        "button": "Start the unit test",
    }
    assert [f["skill"] for f in start_forms(html) if f["kind"] == "practice"] == [
        "one",
        "two",
        "three",
    ]


def test_a_visitor_sees_the_unit_without_levels_or_start_buttons() -> None:
    html = page(Client(), "/courses/journey/units/more/")
    assert "<h1>Unit 2: Unit more</h1>" in html and "Lesson four" in html
    assert 'class="level ' not in html and start_forms(html) == []
    assert 'Sign in</a> or <a href="/signup/">create an account</a>' in html


def test_unknown_courses_and_units_are_404() -> None:
    browser = signed_in(school.learner())
    for path in ("/courses/nope/", "/courses/journey/units/nope/", "/courses/nope/units/numbers/"):
        assert browser.get(path).status_code == 404
        assert Client().get(path).status_code == 404


def test_each_level_has_its_own_icon_and_word() -> None:
    from django.template import Context, Template

    rendered = {
        slug: Template("{% load levels %}{% level_badge slug %}").render(Context({"slug": slug}))
        for slug in ("not_started", "attempted", "familiar", "proficient", "mastered")
    }
    words = [
        re.search(r'<span class="level-word">(.*?)</span>', html).group(1)
        for html in rendered.values()
    ]
    assert words == ["Not started", "Attempted", "Familiar", "Proficient", "Mastered"]
    icons = [
        re.search(r"<svg.*</svg>", html).group(0).replace(slug, "")
        for slug, html in rendered.items()
    ]
    assert len(set(icons)) == 5


def test_an_assignment_begun_says_how_many_of_its_items_are_done() -> None:
    from tests.web.test_goal_and_assignment_pages import practise_for

    klass = school.teacher_class()
    ada = school.learner()
    classroom.join_class(learner=ada, code=klass.join_code)
    homework = school.assign(klass, [("exercise", "one"), ("exercise", "two")])
    assert "of 2 done" not in page(signed_in(ada), "/home/")

    practise_for(ada, homework, "one", right=4)
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page(signed_in(ada), "/home/")))
    # Its status is its least-advanced item's (docs/api.md); the count shows the work done.
    assert "Homework 1 Not started 1 of 2 done" in words
