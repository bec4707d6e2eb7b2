"""A class's goals and assignments as the server renders them: lists, forms, pace and scores."""

from datetime import timedelta
from pathlib import Path
from uuid import uuid4

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests.web import school
from tests.web.school import field_block, page, signed_in, teacher_of, text

from proficio.accounts import services as accounts
from proficio.classroom import actions as classroom
from proficio.classroom import reads
from proficio.classroom.models import Assignment, Classroom, Goal
from proficio.learning import actions as learning

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
        f"{base}/goals/", f"{base}/goals/{goal.pk}/", f"{base}/goals/{goal.pk}/delete",
        f"{base}/assignments/", f"{base}/assignments/{homework.pk}/",
        f"{base}/assignments/{homework.pk}/due", f"{base}/assignments/{homework.pk}/delete",
    ]  # fmt: skip
    return pages, actions


def practise_for(who: object, homework: Assignment, skill: str, right: int) -> None:
    """A practice set of four done for the assignment: `right` right answers, then wrong ones."""
    request = learning.TaskRequest(
        kind="practice", course=school.COURSE, skill=skill, assignment_id=homework.pk
    )
    task, _ = learning.start_task(learner=who, request=request)
    question, reply = task.question, {}
    for number in range(4):
        reply = learning.answer_question(
            learner=who, task_id=task.id, position=question["position"],
            response=school.ANSWERS[skill] if number < right else "999", attempt_id=uuid4().hex,
        )  # fmt: skip
        question = reply.next_question
        if question is None:
            break
    if reply.status == "bonus_offered":
        learning.skip_bonus(learner=who, task_id=task.id)


# --- who may open them ------------------------------------------------------------------------


def test_a_learner_of_the_class_gets_403_and_changes_nothing(klass: Classroom) -> None:
    pages, actions = teacher_paths(klass)
    due, goal_due = Assignment.objects.get().due_at, Goal.objects.get().due_date
    ada = signed_in(klass.learners.get(username="ada"))
    for path in pages:
        assert ada.get(path).status_code == 403, path
    for path in actions:
        sent = {
            "course": "journey", "due_date": in_days(3), "due_at": in_days(9) + "T17:00",
            "change-title": "Mine", "change-due_at": in_days(9) + "T17:00",
        }  # fmt: skip
        assert ada.post(path, sent).status_code == 403, path
    assert Goal.objects.get().due_date == goal_due
    assert Assignment.objects.get().due_at == due and Assignment.objects.get().title == "Homework 1"


def test_another_teacher_gets_404(klass: Classroom) -> None:
    pages, actions = teacher_paths(klass)
    other = signed_in(accounts.create_teacher(username="mr-chen", password=school.PASSWORD))
    for path in pages:
        assert other.get(path).status_code == 404, path
    for path in actions:
        sent = {"course": "journey", "due_date": in_days(3), "change-title": "Theirs"}
        assert other.post(path, sent).status_code == 404, path
    assert Goal.objects.count() == 1 and Assignment.objects.count() == 1
    assert Assignment.objects.get().title == "Homework 1"


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
    assert 'class="bar now" width="27%"' in ada
    assert 'class="bar expected" width="40%"' in ada


def goal_form(goal: Goal, **changes: object) -> dict[str, object]:
    """The goal page's change form as it comes, with `changes` made to it."""
    sent: dict[str, object] = {
        "target_percent": str(goal.target_percent),
        "start_date": goal.start_date.isoformat(), "due_date": goal.due_date.isoformat(),
        "group": "", "learners": [],
    }  # fmt: skip
    return {**sent, **changes}


def test_the_goal_page_offers_its_target_dates_and_learners_to_change(klass: Classroom) -> None:
    goal = school.set_goal(klass, unit="numbers")
    html = page(teacher_of(klass), f"/classes/{klass.pk}/goals/{goal.pk}/")
    assert f'value="{goal.due_date.isoformat()}"' in field_block(html, "due_date")
    assert 'type="date"' in field_block(html, "start_date")
    assert 'value="100"' in field_block(html, "target_percent")
    assert '<option value="" selected>The whole class</option>' in field_block(html, "group")
    assert "Ada Lovelace" in field_block(html, "learners")
    assert "for the whole class" in text(html)


def test_a_teacher_changes_a_goals_due_date_target_and_learners(klass: Classroom) -> None:
    goal = school.set_goal(klass, unit="numbers")
    ada = klass.learners.get(username="ada")
    browser = teacher_of(klass)
    url = f"/classes/{klass.pk}/goals/{goal.pk}/"
    sent = goal_form(goal, due_date=in_days(30), target_percent="70", learners=[str(ada.pk)])
    response = browser.post(url, sent)
    assert response.status_code == 302 and response["Location"] == url
    goal.refresh_from_db()
    assert goal.due_date.isoformat() == in_days(30) and goal.target_percent == 70
    assert list(goal.learners.all()) == [ada] and goal.group is None
    words = text(page(browser, url))
    assert "The goal is changed." in words and "Target 70%" in words
    assert "for 1 chosen learner" in words and "grace" not in words.split("Change this goal")[0]
    assert "for 1 chosen learner" in text(page(browser, f"/classes/{klass.pk}/goals/"))

    # Back to a group of both; then to the whole class.
    both = classroom.create_group(
        classroom=klass,
        name="Table 1",
        learner_ids=[ada.pk, klass.learners.get(username="grace").pk],
    )
    browser.post(url, goal_form(goal, group=str(both.pk), learners=[str(ada.pk)]))
    goal.refresh_from_db()
    assert goal.group is None  # a group and learners together are refused
    browser.post(url, {**goal_form(goal, group=str(both.pk)), "learners": []})
    goal.refresh_from_db()
    assert goal.group == both and not goal.learners.exists()
    assert "for the group Table 1" in text(page(browser, url))
    browser.post(url, goal_form(goal, group=""))
    goal.refresh_from_db()
    assert goal.group is None and "for the whole class" in text(page(browser, url))


def test_goal_change_errors_stand_next_to_their_fields_and_change_nothing(
    klass: Classroom,
) -> None:
    goal = school.set_goal(klass)
    ada = klass.learners.get(username="ada")
    group = classroom.create_group(classroom=klass, name="Table 1", learner_ids=[ada.pk])
    before = (goal.target_percent, goal.start_date, goal.due_date)
    browser = teacher_of(klass)
    url = f"/classes/{klass.pk}/goals/{goal.pk}/"

    backwards = goal_form(goal, start_date=in_days(5), due_date=in_days(1), target_percent="60")
    html = browser.post(url, backwards).content.decode()
    assert "The due date must be on or after the start date." in field_block(html, "due_date")
    # What was typed stays in the form; the page above still says what the goal is.
    assert f'value="{in_days(1)}"' in field_block(html, "due_date")
    assert 'value="60"' in field_block(html, "target_percent")
    assert "Target 100%" in text(html)

    html = browser.post(url, goal_form(goal, target_percent="0", due_date="soon")).content.decode()
    assert "greater than or equal to 1" in field_block(html, "target_percent")
    assert "Enter a valid date." in field_block(html, "due_date")

    both = goal_form(goal, group=str(group.pk), learners=[str(ada.pk)])
    html = browser.post(url, both).content.decode()
    assert "Give either learners or a group, not both." in field_block(html, "learners")
    assert f'value="{ada.pk}" checked' in field_block(html, "learners")

    goal.refresh_from_db()
    assert (goal.target_percent, goal.start_date, goal.due_date) == before
    assert goal.group is None and not goal.learners.exists()


def test_a_new_goal_can_be_for_chosen_learners(klass: Classroom) -> None:
    ada = klass.learners.get(username="ada")
    sent = {"course": "journey", "target_percent": "80", "due_date": in_days(10),
            "learners": [str(ada.pk)]}  # fmt: skip
    teacher_of(klass).post(f"/classes/{klass.pk}/goals/", sent)
    assert list(Goal.objects.get().learners.all()) == [ada]


def test_the_goals_list_reads_every_goal_in_a_fixed_number_of_queries(klass: Classroom) -> None:
    ada, grace = klass.learners.get(username="ada"), klass.learners.get(username="grace")
    school.practise(ada, "one", right=4)
    school.practise(grace, "four", right=1)
    group = classroom.create_group(classroom=klass, name="Table 1", learner_ids=[grace.pk])
    browser = teacher_of(klass)

    def goals_page_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            page(browser, f"/classes/{klass.pk}/goals/")
        return len(queries)

    def goals_of_every_kind() -> None:
        """A course goal and a unit goal for the class, a group and a chosen learner."""
        due = timezone.localdate() + timedelta(days=7)
        for unit, learners, group_id in [
            (None, None, None), ("numbers", None, None), ("more", None, group.pk),
            (None, [ada.pk], None),
        ]:  # fmt: skip
            change = classroom.GoalChange(
                course="journey", unit=unit, due_date=due, learners=learners, group=group_id
            )
            classroom.create_goal(classroom=klass, change=change)

    goals_of_every_kind()
    few = goals_page_queries()
    goals_of_every_kind()
    goals_of_every_kind()
    assert Goal.objects.count() == 12
    assert goals_page_queries() == few

    # Each goal's learners and statuses are those its own page shows.
    today = timezone.localdate()
    for view in reads.class_goals_with_statuses(klass, today):
        one = reads.goal_progress(reads.class_goal(klass, view.id), today)
        assert view.statuses == {row.learner: row.status for row in one}, view


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
    assert "Ada Lovelace Not started 1 of 2 done Done first 75% · best 75% Not started" in words
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


def assignment_form(homework: Assignment, **changes: object) -> dict[str, object]:
    """The assignment page's change form as it comes, with `changes` made to it."""
    minute = "%Y-%m-%dT%H:%M"
    sent: dict[str, object] = {
        "change-title": homework.title,
        "change-start_at": timezone.localtime(homework.start_at).strftime(minute),
        "change-due_at": timezone.localtime(homework.due_at).strftime(minute),
        "change-group": "", "change-learners": [],
    }  # fmt: skip
    return {**sent, **{f"change-{name}": value for name, value in changes.items()}}


def test_the_assignment_page_offers_its_title_learners_and_times_to_change(
    klass: Classroom,
) -> None:
    homework = school.assign(klass, [("exercise", "one")])
    html = page(teacher_of(klass), f"/classes/{klass.pk}/assignments/{homework.pk}/")
    due = timezone.localtime(homework.due_at).strftime("%Y-%m-%dT%H:%M")
    assert f'type="datetime-local" value="{due}"' in field_block(html, "change-due_at")
    assert 'value="Homework 1"' in field_block(html, "change-title")
    assert "Ada Lovelace" in field_block(html, "change-learners")
    assert "for the whole class" in text(html)
    assert html.count('id="id_due_at"') == 1  # the quick due-time form keeps its own field


def test_a_teacher_changes_an_assignments_title_learners_and_times(klass: Classroom) -> None:
    homework = school.assign(klass, [("exercise", "one")])
    group = classroom.create_group(
        classroom=klass, name="Table 1", learner_ids=[klass.learners.get(username="ada").pk]
    )
    browser = teacher_of(klass)
    url = f"/classes/{klass.pk}/assignments/{homework.pk}/"
    opens, due = in_days(1) + "T08:00", in_days(6) + "T16:30"
    sent = assignment_form(homework, title="Numbers homework", group=str(group.pk),
                           start_at=opens, due_at=due)  # fmt: skip
    response = browser.post(url, sent)
    assert response.status_code == 302 and response["Location"] == url
    homework.refresh_from_db()
    assert homework.title == "Numbers homework" and homework.group == group
    assert timezone.localtime(homework.start_at).isoformat().startswith(opens)
    assert timezone.localtime(homework.due_at).isoformat().startswith(due)
    words = text(page(browser, url))
    assert "Numbers homework is changed." in words and "for the group Table 1" in words
    scores = words.split("Extend the due time")[0]
    assert "Ada Lovelace" in scores and "grace" not in scores
    listed = text(page(browser, f"/classes/{klass.pk}/assignments/"))
    assert "Numbers homework due" in listed and "for the group Table 1" in listed


def test_an_untouched_time_stays_exactly_as_it_was(klass: Classroom) -> None:
    homework = school.assign(klass, [("exercise", "one")])  # opened now, to the microsecond
    start = homework.start_at
    url = f"/classes/{klass.pk}/assignments/{homework.pk}/"
    teacher_of(klass).post(url, assignment_form(homework, title="Renamed"))
    homework.refresh_from_db()
    assert homework.title == "Renamed" and homework.start_at == start


def test_assignment_change_errors_stand_next_to_their_fields_and_change_nothing(
    klass: Classroom,
) -> None:
    homework = school.assign(klass, [("exercise", "one")])
    before = (homework.title, homework.start_at, homework.due_at)
    ada = klass.learners.get(username="ada")
    browser = teacher_of(klass)
    url = f"/classes/{klass.pk}/assignments/{homework.pk}/"

    early = assignment_form(homework, title="Renamed", due_at="2000-01-01T09:00")
    html = browser.post(url, early).content.decode()
    assert "The due time must be after the start time." in field_block(html, "change-due_at")
    assert 'value="Renamed"' in field_block(html, "change-title")
    assert 'value="2000-01-01T09:00"' in field_block(html, "change-due_at")

    html = browser.post(url, assignment_form(homework, title=" ", start_at="")).content.decode()
    assert "This field is required." in field_block(html, "change-title")
    assert "This field is required." in field_block(html, "change-start_at")

    group = classroom.create_group(classroom=klass, name="Table 1", learner_ids=[ada.pk])
    both = assignment_form(homework, group=str(group.pk), learners=[str(ada.pk)])
    html = browser.post(url, both).content.decode()
    assert "Give either learners or a group, not both." in field_block(html, "change-learners")

    homework.refresh_from_db()
    assert (homework.title, homework.start_at, homework.due_at) == before
    assert homework.group is None and not homework.learners.exists()


def test_class_home_links_to_goals_and_assignments(klass: Classroom) -> None:
    html = page(teacher_of(klass), f"/classes/{klass.pk}/")
    assert f'href="/classes/{klass.pk}/goals/"' in html
    assert f'href="/classes/{klass.pk}/assignments/"' in html
