"""A class's goals and assignments as the server renders them: lists, forms, pace and scores."""

from datetime import timedelta
from pathlib import Path
from uuid import uuid4

import pytest
from django.test import Client
from django.utils import timezone
from tests.web import school
from tests.web.test_teacher_pages import field_block, page, signed_in, teacher_of, text

from proficio.classroom import services as classroom
from proficio.classroom.models import Assignment, Classroom, Goal
from proficio.learning import services as learning

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def journey(tmp_path: Path) -> None:
    school.import_journey(tmp_path)


@pytest.fixture
def klass() -> Classroom:
    klass = school.teacher_class()
    classroom.add_learners(
        classroom=klass, learners=[school.learner("ada", "Ada Lovelace"), school.learner("grace")]
    )
    return klass


def in_days(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def teacher_paths(klass: Classroom) -> tuple[list[str], list[str]]:
    """The pages to open, and the forms to send, for a goal and an assignment of the class."""
    goal, homework = school.set_goal(klass), school.assign(klass, [("exercise", "one")])
    base = f"/classes/{klass.pk}"
    pages = [
        f"{base}/goals/", f"{base}/goals/{goal.pk}/",
        f"{base}/assignments/", f"{base}/assignments/{homework.pk}/",
    ]  # fmt: skip
    actions = [
        f"{base}/goals/", f"{base}/goals/{goal.pk}/delete", f"{base}/assignments/",
        f"{base}/assignments/{homework.pk}/due", f"{base}/assignments/{homework.pk}/delete",
    ]  # fmt: skip
    return pages, actions


def practise_for(who: object, homework: Assignment, skill: str, right: int) -> None:
    """A practice set of four done for the assignment: `right` right answers, then wrong ones."""
    request = learning.TaskRequest(
        kind="practice", course=school.COURSE, skill=skill, assignment_id=homework.pk
    )
    task, _ = learning.start_task(learner=who, request=request)
    question, reply = task["question"], {}
    for number in range(4):
        reply = learning.answer_question(
            learner=who, task_id=task["id"], position=question["position"],
            response=school.ANSWERS[skill] if number < right else "999", attempt_id=uuid4().hex,
        )  # fmt: skip
        question = reply.get("next_question")
        if question is None:
            break
    if reply["status"] == "bonus_offered":
        learning.skip_bonus(learner=who, task_id=task["id"])


# --- who may open them ------------------------------------------------------------------------


def test_a_learner_of_the_class_gets_403_and_changes_nothing(klass: Classroom) -> None:
    pages, actions = teacher_paths(klass)
    due = Assignment.objects.get().due_at
    ada = signed_in(klass.learners.get(username="ada"))
    for path in pages:
        assert ada.get(path).status_code == 403, path
    for path in actions:
        sent = {"course": "journey", "due_date": in_days(3), "due_at": in_days(9) + "T17:00"}
        assert ada.post(path, sent).status_code == 403, path
    assert Goal.objects.count() == 1 and Assignment.objects.get().due_at == due


def test_another_teacher_gets_404(klass: Classroom) -> None:
    pages, actions = teacher_paths(klass)
    other = signed_in(classroom.create_teacher(username="mr-chen", password=school.PASSWORD))
    for path in pages:
        assert other.get(path).status_code == 404, path
    for path in actions:
        assert other.post(path, {"course": "journey"}).status_code == 404, path
    assert Goal.objects.count() == 1 and Assignment.objects.count() == 1


def test_an_unknown_goal_or_assignment_is_not_found(klass: Classroom) -> None:
    browser = teacher_of(klass)
    assert browser.get(f"/classes/{klass.pk}/goals/999/").status_code == 404
    assert browser.get(f"/classes/{klass.pk}/assignments/999/").status_code == 404


def test_forms_without_their_csrf_token_are_refused(klass: Classroom) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(klass.teachers.get())
    goal = {"course": "journey", "target_percent": "80", "due_date": in_days(7)}
    assert browser.post(f"/classes/{klass.pk}/goals/", goal).status_code == 403
    homework = {"items": ["exercise:journey:one"], "due_at": in_days(3) + "T17:00"}
    assert browser.post(f"/classes/{klass.pk}/assignments/", homework).status_code == 403
    assert not Goal.objects.exists() and not Assignment.objects.exists()


# --- goals ------------------------------------------------------------------------------------


def test_a_teacher_sets_a_unit_goal_and_sees_it_listed(klass: Classroom) -> None:
    browser = teacher_of(klass)
    form = page(browser, f"/classes/{klass.pk}/goals/")
    assert '<option value="numbers">Unit numbers</option>' in field_block(form, "unit")
    response = browser.post(
        f"/classes/{klass.pk}/goals/",
        {"course": "journey", "unit": "numbers", "target_percent": "80", "due_date": in_days(10)},
    )
    goal = Goal.objects.get()
    assert response["Location"] == f"/classes/{klass.pk}/goals/{goal.pk}/"
    assert (goal.unit.slug, goal.target_percent, goal.group) == ("numbers", 80, None)
    words = text(page(browser, f"/classes/{klass.pk}/goals/"))
    assert (
        "Unit goal: Unit numbers 0 of 2 on track Target 80%" in words
        and "for the whole class" in words
    )


def test_goal_errors_stand_next_to_their_fields(klass: Classroom) -> None:
    browser = teacher_of(klass)
    url = f"/classes/{klass.pk}/goals/"
    html = browser.post(url, {"course": "journey", "target_percent": "120"}).content.decode()
    assert "This field is required." in field_block(html, "due_date")
    assert "less than or equal to 100" in field_block(html, "target_percent")
    backwards = {
        "course": "journey", "target_percent": "80",
        "start_date": in_days(5), "due_date": in_days(1),
    }  # fmt: skip
    html = browser.post(url, backwards).content.decode()
    assert "The due date must be on or after the start date." in field_block(html, "due_date")
    assert not Goal.objects.exists()


def test_a_goal_shows_each_learner_against_the_pace_as_bars_and_words(klass: Classroom) -> None:
    # Halfway from start to due with a target of 80%: on pace today means 40%.
    today = timezone.localdate()
    change = classroom.GoalChange(
        course="journey", unit="numbers", target_percent=80,
        start_date=today - timedelta(days=7), due_date=today + timedelta(days=7),
    )  # fmt: skip
    goal = classroom.create_goal(classroom=klass, change=change)
    school.practise(klass.learners.get(username="ada"), "one", right=4)
    school.practise(klass.learners.get(username="grace"), "one", right=4)
    school.practise(klass.learners.get(username="grace"), "two", right=4)
    html = page(teacher_of(klass), f"/classes/{klass.pk}/goals/{goal.pk}/")
    words = text(html)
    assert "on pace today means 40%" in words
    assert "Ada Lovelace 27% now · 40% expected Behind" in words
    assert "grace 53% now · 40% expected On track" in words
    ada = html[html.index("Ada Lovelace") :].split("</li>")[0]
    assert 'class="bar now" style="width: 27%"' in ada
    assert 'class="bar expected" style="width: 40%"' in ada


def test_deleting_a_goal(klass: Classroom) -> None:
    goal = school.set_goal(klass)
    response = teacher_of(klass).post(f"/classes/{klass.pk}/goals/{goal.pk}/delete")
    assert response["Location"] == f"/classes/{klass.pk}/goals/"
    assert not Goal.objects.exists()
    assert teacher_of(klass).get(f"/classes/{klass.pk}/goals/{goal.pk}/delete").status_code == 405


# --- assignments ------------------------------------------------------------------------------


def test_the_form_offers_the_course_tree_but_not_the_course_challenge(klass: Classroom) -> None:
    html = page(teacher_of(klass), f"/classes/{klass.pk}/assignments/")
    tree = html[html.index('class="field choices-field course-tree') : html.index('id="id_group"')]
    units = [unit.split("</legend>")[0] for unit in tree.split("<legend>")[2:]]
    assert units == ["Journey course › Unit numbers", "Journey course › Unit more"]
    for value in ("exercise:journey:one", "exercise:journey:four", "unit_test:journey:numbers"):
        assert f'name="items" value="{value}"' in tree
    assert "challenge" not in tree.lower()
    learners = field_block(html, "learners")
    assert "Ada Lovelace" in learners and "grace" in learners


def test_a_teacher_assigns_to_chosen_learners(klass: Classroom) -> None:
    ada = klass.learners.get(username="ada")
    response = teacher_of(klass).post(
        f"/classes/{klass.pk}/assignments/",
        {
            "title": "Warm-up", "items": ["exercise:journey:one", "unit_test:journey:numbers"],
            "learners": [str(ada.pk)], "due_at": in_days(3) + "T17:00", "same_questions": "on",
        },
    )  # fmt: skip
    made = Assignment.objects.get()
    assert response["Location"] == f"/classes/{klass.pk}/assignments/{made.pk}/"
    assert made.title == "Warm-up" and made.same_questions
    assert list(made.learners.all()) == [ada]
    assert [i.kind for i in made.items.order_by("position")] == ["exercise", "unit_test"]
    listed = text(page(teacher_of(klass), f"/classes/{klass.pk}/assignments/"))
    assert "Warm-up due" in listed and "2 items · for 1 chosen learner" in listed


def test_assignment_errors_stand_next_to_their_fields(klass: Classroom) -> None:
    browser = teacher_of(klass)
    url = f"/classes/{klass.pk}/assignments/"
    html = browser.post(url, {"due_at": "tomorrow"}).content.decode()
    assert "This field is required." in field_block(html, "items")
    assert "Enter a valid date/time." in field_block(html, "due_at")
    challenge = browser.post(
        url, {"items": ["course_challenge:journey:journey"], "due_at": in_days(2) + "T09:00"}
    ).content.decode()
    assert "is not one of the available choices" in field_block(challenge, "items")
    early = browser.post(
        url,
        {
            "items": ["exercise:journey:one"],
            "start_at": in_days(3) + "T09:00", "due_at": in_days(2) + "T09:00",
        },
    ).content.decode()  # fmt: skip
    assert "The due time must be after the start time." in field_block(early, "due_at")
    assert 'value="exercise:journey:one" checked' in field_block(early, "items")
    assert not Assignment.objects.exists()


def test_a_group_and_chosen_learners_together_are_refused_next_to_the_learners(
    klass: Classroom,
) -> None:
    ada = klass.learners.get(username="ada")
    group = classroom.create_group(classroom=klass, name="Ready to extend", learner_ids=[ada.pk])
    sent = {
        "items": ["exercise:journey:one"], "group": str(group.pk),
        "learners": [str(ada.pk)], "due_at": in_days(2) + "T09:00",
    }  # fmt: skip
    html = teacher_of(klass).post(f"/classes/{klass.pk}/assignments/", sent).content.decode()
    assert "Give either learners or a group, not both." in field_block(html, "learners")
    assert f'<option value="{group.pk}" selected>Group: Ready to extend</option>' in html
    assert not Assignment.objects.exists()


def test_a_class_without_learners_says_so_instead_of_offering_learners() -> None:
    empty = school.teacher_class()
    html = page(teacher_of(empty), f"/classes/{empty.pk}/assignments/")
    assert 'name="learners"' not in html and "No learners in the class yet" in html


def test_the_scores_table_shows_status_in_words_with_first_and_best(klass: Classroom) -> None:
    homework = school.assign(klass, [("exercise", "one"), ("exercise", "two")])
    ada = klass.learners.get(username="ada")
    practise_for(ada, homework, "one", right=3)
    html = page(teacher_of(klass), f"/classes/{klass.pk}/assignments/{homework.pk}/")
    words = text(html)
    assert "Learner Overall Exercise: Skill one Exercise: Skill two" in words
    assert "Ada Lovelace Not started Done first 75% · best 75% Not started" in words
    assert "grace Not started Not started Not started" in words


def test_extending_the_due_time_and_deleting(klass: Classroom) -> None:
    homework = school.assign(klass, [("exercise", "one")])
    browser = teacher_of(klass)
    base = f"/classes/{klass.pk}/assignments/{homework.pk}"
    later = in_days(20) + "T18:30"
    assert browser.post(f"{base}/due", {"due_at": later})["Location"] == f"{base}/"
    homework.refresh_from_db()
    assert homework.due_at.isoformat().startswith(later)
    html = browser.post(f"{base}/due", {"due_at": "2000-01-01T09:00"}).content.decode()
    assert "The due time must be after the start time." in field_block(html, "due_at")
    assert browser.post(f"{base}/delete")["Location"] == f"/classes/{klass.pk}/assignments/"
    assert not Assignment.objects.exists()


def test_class_home_links_to_goals_and_assignments(klass: Classroom) -> None:
    html = page(teacher_of(klass), f"/classes/{klass.pk}/")
    assert f'href="/classes/{klass.pk}/goals/"' in html
    assert f'href="/classes/{klass.pk}/assignments/"' in html
