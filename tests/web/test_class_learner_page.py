"""A class's learner page for its teachers, the links to it, and level-downs under Needs attention."""

import re
import uuid
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests.samples import write_known_answers_pack
from tests.web import school
from tests.web.school import page, signed_in, teacher_of, text

from proficio.accounts import services as accounts
from proficio.accounts.models import User
from proficio.classroom import actions as classroom
from proficio.classroom.data import RecentEvent
from proficio.classroom.models import Classroom
from proficio.content.services import import_pack
from proficio.learning import actions as learning
from proficio.web.class_learner import activity_line

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def journey(tmp_path: Path) -> None:
    school.import_journey(tmp_path)


@pytest.fixture
def klass() -> Classroom:
    return school.teacher_class()


def learner_path(klass: Classroom, learner: User | int) -> str:
    return f"/classes/{klass.pk}/learners/{getattr(learner, 'pk', learner)}/"


def practise(
    who: User, skill: str, right: int, *, of: int = 4, course: str = school.COURSE,
    answer: str | None = None, assignment: int | None = None, at: datetime | None = None,
) -> None:  # fmt: skip
    """A practice set through the real services: `right` right answers first, then wrong ones."""
    at = at or timezone.now()
    request = learning.TaskRequest(
        kind="practice", course=course, skill=skill, assignment_id=assignment
    )
    task, _ = learning.start_task(learner=who, request=request, now=at)
    question, reply = task.question, {}
    for number in range(of):
        response = (answer or school.ANSWERS[skill]) if number < right else "999"
        reply = learning.answer_question(
            learner=who, task_id=task.id, position=question["position"], response=response,
            attempt_id=uuid.uuid4().hex, now=at,
        )  # fmt: skip
        question = reply.next_question
        if reply.status != "in_progress" or question is None:
            break
    if reply.status == "bonus_offered":
        learning.skip_bonus(learner=who, task_id=task.id, now=at)


def behind_goal(klass: Classroom) -> None:
    """A unit goal ten of fourteen days in: the pace expects about 71 % today."""
    today = timezone.localdate()
    change = classroom.GoalChange(
        course=school.COURSE, unit="numbers", start_date=today - timedelta(days=10),
        due_date=today + timedelta(days=4),
    )  # fmt: skip
    classroom.create_goal(classroom=klass, change=change)


# --- what the page shows ----------------------------------------------------------------------


@pytest.fixture
def worked(klass: Classroom) -> Classroom:
    """Ada: Skill one Proficient; Skill two Proficient after an assignment done twice (50 %, 100 %)."""
    ada, grace = school.learner("ada", "Ada Lovelace"), school.learner("grace")
    classroom.add_learners(classroom=klass, learners=[ada, grace])
    behind_goal(klass)
    homework = school.assign(klass, [("exercise", "two")])
    start = timezone.now() - timedelta(hours=2)
    practise(ada, "one", right=4, at=start)
    practise(ada, "two", right=2, assignment=homework.pk, at=start + timedelta(minutes=10))
    practise(ada, "two", right=4, assignment=homework.pk, at=start + timedelta(minutes=20))
    return klass


def bar_texts(html: str) -> list[str]:
    return [text(found) for found in re.findall(r'<p class="mastery-text">(.*?)</p>', html, re.S)]


def test_the_page_shows_the_course_and_unit_bars_and_each_skills_level(worked: Classroom) -> None:
    ada = worked.learners.get(username="ada")
    html = page(teacher_of(worked), learner_path(worked, ada))
    assert re.search(r"<h1>Ada Lovelace</h1>\s*<p[^>]*>Username ada</p>", html)
    assert bar_texts(html) == [
        "32% mastery · 160 of 500 points",  # the course
        "53.3% mastery · 160 of 300 points",  # Unit numbers
        "0% mastery · 0 of 200 points",  # Unit more
    ]
    levels = re.findall(
        r'<li class="skill-level cell-(\w+)"><span class="skill-title">([^<]+)</span>\s*'
        r'<span class="level level-\1">.*?<span class="level-word">([^<]+)</span>',
        html,
        re.S,
    )
    assert levels == [
        ("proficient", "Skill one", "Proficient"),
        ("proficient", "Skill two", "Proficient"),
        ("not_started", "Skill three", "Not started"),
        ("not_started", "Skill four", "Not started"),
        ("not_started", "Skill five", "Not started"),
    ]
    words = text(html)
    assert "Unit 1: Unit numbers" in words and "Unit 2: Unit more" in words


def test_the_page_shows_goals_with_pace_and_assignments_with_first_and_best_scores(
    worked: Classroom,
) -> None:
    ada = worked.learners.get(username="ada")
    words = text(page(teacher_of(worked), learner_path(worked, ada)))
    assert "Unit goal: Unit numbers Behind 53.3% 71.4% 100% by" in words
    assert "Homework 1 Done due" in words
    assert "Exercise Skill two Done 50% 100%" in words


def test_recent_activity_lists_level_changes_and_finished_tasks_in_words_newest_first(
    worked: Classroom,
) -> None:
    ada = worked.learners.get(username="ada")
    practise(ada, "one", right=1, at=timezone.now() - timedelta(minutes=5))
    html = page(teacher_of(worked), learner_path(worked, ada))
    lines = [
        text(re.sub(r"<time[^>]*>.*?</time>", "", line))
        for line in re.findall(r'<li class="activity-line[^"]*">(.*?)</li>', html, re.S)
    ]
    assert lines == [
        "Finished practice: Skill one — 1 of 4 right",
        "Levelled down: Skill one, Proficient → Familiar",
        "Finished practice: Skill two — 4 of 4 right",
        "Levelled up: Skill two, Attempted → Proficient",
        "Finished practice: Skill two — 2 of 4 right",
        "Levelled up: Skill two, Not started → Attempted",
        "Finished practice: Skill one — 4 of 4 right",
        "Levelled up: Skill one, Not started → Proficient",
    ]
    today = timezone.now().strftime("%-d %b")
    assert len(re.findall(rf'<time datetime="[^"]+">\w+ {today}, \d\d:\d\d</time>', html)) >= 1


def test_reading_watching_and_mastering_read_as_words() -> None:
    at = timezone.now()
    base = RecentEvent(
        kind="", at=at, course="journey", course_title="Journey course", skill=None, unit=None,
        before=None, after=None, item_kind=None, item_slug=None, task_kind=None,
        task_title="Journey course", correct=None, total=None,
    )  # fmt: skip
    titles = {("journey", "video", "counting"): "Counting to ten"}
    watched = replace(base, kind="item_completed", item_kind="video", item_slug="counting")
    read = replace(base, kind="item_completed", item_kind="article", item_slug="gone")
    unit = replace(base, kind="unit_mastered", unit="Unit numbers")
    course = replace(base, kind="course_mastered")
    assert [activity_line(event, titles).words for event in (watched, read, unit, course)] == [
        "Watched: Counting to ten",
        "Read: gone",  # an article since removed keeps its slug
        "Mastered the unit: Unit numbers",
        "Mastered the course: Journey course",
    ]


def test_recent_activity_stops_at_twenty_events(klass: Classroom) -> None:
    ada = school.learner("ada")
    classroom.add_learners(classroom=klass, learners=[ada])
    start = timezone.now() - timedelta(hours=3)
    for minutes in range(12):  # up, down, up, down…: two events a set
        practise(
            ada, "one", right=4 if minutes % 2 == 0 else 0, at=start + timedelta(minutes=minutes)
        )
    html = page(teacher_of(klass), learner_path(klass, ada))
    assert html.count('<li class="activity-line') == 20


def test_a_learner_with_nothing_done_gets_empty_states_in_words(klass: Classroom) -> None:
    grace = school.learner("grace")
    classroom.add_learners(classroom=klass, learners=[grace])
    words = text(page(teacher_of(klass), learner_path(klass, grace)))
    assert "0% mastery · 0 of 500 points" in words
    assert "No goals for grace yet — set a course or unit goal on the Goals page." in words
    assert "No open assignments for grace — give one on the Assignments page." in words
    assert "No activity yet — when grace finishes a practice set, quiz or test" in words


def test_work_outside_the_classs_courses_stays_off_the_page(
    tmp_path: Path, klass: Classroom
) -> None:
    import_pack(path=write_known_answers_pack(tmp_path / "other", {"u": ["six"]}, slug="other"))
    ada = school.learner("ada")
    classroom.add_learners(classroom=klass, learners=[ada])
    practise(ada, "six", right=4, course="other", answer="1")
    html = page(teacher_of(klass), learner_path(klass, ada))
    assert "Skill six" not in html and "No activity yet" in html


# --- who may open it --------------------------------------------------------------------------


def test_only_the_classs_teachers_may_open_a_learners_page(klass: Classroom) -> None:
    ada, grace = school.learner("ada"), school.learner("grace")
    classroom.add_learners(classroom=klass, learners=[ada, grace])
    other = accounts.create_teacher(username="mr-chen", password=school.PASSWORD)
    path = learner_path(klass, ada)
    assert signed_in(ada).get(path).status_code == 403
    assert signed_in(grace).get(path).status_code == 403  # another learner of the class
    assert signed_in(other).get(path).status_code == 404
    assert signed_in(school.learner("lin")).get(path).status_code == 404
    visitor = Client().get(path)
    assert visitor.status_code == 302 and visitor["Location"].startswith("/signin/?next=")


def test_a_learner_of_another_class_is_not_found_like_a_missing_one(klass: Classroom) -> None:
    other_class = school.teacher_class("Class 8C", username="mr-chen")
    lin = school.learner("lin")
    classroom.add_learners(classroom=other_class, learners=[lin])
    browser = teacher_of(klass)
    teacher = klass.teachers.get()
    for who in (lin.pk, 999_999, teacher.pk):
        response = browser.get(learner_path(klass, who))
        assert response.status_code == 404
        assert f"There is no learner {who} in this class." in response.content.decode()


# --- its cost ---------------------------------------------------------------------------------


def queries_for(browser: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(path).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_however_many_skills_and_events(
    tmp_path: Path, klass: Classroom
) -> None:
    # The same shape of class twice: one goal, one assignment, one learner. The journey course
    # has 5 skills and Ada did one practice set; the big course has 15 and Bo did 13 sets.
    units = {f"u{n}": [f"s{n}{m}" for m in "abcde"] for n in range(1, 4)}
    import_pack(path=write_known_answers_pack(tmp_path / "big", units, slug="big"))
    big = classroom.create_class_for(
        teacher=klass.teachers.get(), name="Big class", course_slugs=["big"]
    )
    ada, bo = school.learner("ada"), school.learner("bo")
    classroom.add_learners(classroom=klass, learners=[ada])
    classroom.add_learners(classroom=big, learners=[bo])
    for found, course, skill in ((klass, school.COURSE, "two"), (big, "big", "s1b")):
        change = classroom.GoalChange(
            course=course, unit=None, due_date=timezone.localdate() + timedelta(days=9)
        )
        classroom.create_goal(classroom=found, change=change)
        item = classroom.ItemChoice(kind="exercise", course=course, slug=skill)
        classroom.create_assignment(
            classroom=found,
            change=classroom.AssignmentChange(
                items=[item], due_at=timezone.now() + timedelta(days=2)
            ),
        )
    practise(ada, "one", right=4)
    skills = [skill for unit in units.values() for skill in unit]
    for number, skill in enumerate(skills[:12], start=1):
        practise(bo, skill, right=4, course="big", answer=str(number))
    practise(bo, "s1a", right=0, course="big", answer="1")
    browser = teacher_of(klass)
    few = queries_for(browser, learner_path(klass, ada))
    many = queries_for(browser, learner_path(big, bo))
    assert few == many, (few, many)
    assert many <= 50  # one course, one goal, one assignment: a few dozen small reads


# --- links to it ------------------------------------------------------------------------------


def test_the_grid_heatmap_and_roster_link_each_learner_to_their_page(worked: Classroom) -> None:
    ada = worked.learners.get(username="ada")
    grace = worked.learners.get(username="grace")
    browser = teacher_of(worked)
    for report in ("mastery", "skills"):
        html = page(browser, f"/classes/{worked.pk}/{report}/")
        for learner, name in ((ada, "Ada Lovelace"), (grace, "grace")):
            link = f'<th scope="row"><a href="{learner_path(worked, learner)}">{name}</a></th>'
            assert link in html, (report, name)
    home = page(browser, f"/classes/{worked.pk}/")
    roster = home[home.index('id="roster"') :]
    assert f'<a class="learner-name" href="{learner_path(worked, ada)}">Ada Lovelace</a>' in roster
    assert f'<a class="learner-name" href="{learner_path(worked, grace)}">grace</a>' in roster


# --- Needs attention on the class home --------------------------------------------------------


def attention(html: str) -> list[str]:
    found = re.search(r'<ul class="attention-list">(.*?)</ul>', html, re.S)
    return (
        [text(item) for item in re.findall(r"<li>(.*?)</li>", found.group(1), re.S)]
        if found
        else []
    )


def test_needs_attention_lists_learners_who_levelled_down_this_week(klass: Classroom) -> None:
    ada, grace, lin = (
        school.learner("ada", "Ada Lovelace"),
        school.learner("grace"),
        school.learner("lin"),
    )
    classroom.add_learners(classroom=klass, learners=[ada, grace, lin])
    now = timezone.now()
    for skill in ("one", "two"):  # Proficient, then down to Familiar: two skills down
        practise(ada, skill, right=4, at=now - timedelta(days=2))
        practise(ada, skill, right=1, at=now - timedelta(days=1))
    practise(ada, "one", right=0, at=now - timedelta(hours=1))  # one more time down: same skill
    # Grace levelled down eight days ago: that is not this week any more.
    practise(grace, "one", right=4, at=now - timedelta(days=9))
    practise(grace, "one", right=1, at=now - timedelta(days=8))
    practise(lin, "one", right=4)  # only up
    html = page(teacher_of(klass), f"/classes/{klass.pk}/")
    assert attention(html) == ["Ada Lovelace levelled down 2 skills this week"]
    assert f'<a class="learner-name" href="{learner_path(klass, ada)}">Ada Lovelace</a>' in html


def test_a_learner_behind_and_levelled_down_appears_once_with_both_reasons(
    klass: Classroom,
) -> None:
    ada, grace = school.learner("ada", "Ada Lovelace"), school.learner("grace")
    classroom.add_learners(classroom=klass, learners=[ada, grace])
    behind_goal(klass)
    start = timezone.now() - timedelta(hours=2)
    practise(ada, "one", right=4, at=start)
    practise(ada, "one", right=1, at=start + timedelta(minutes=5))  # down to Familiar: 16.7 %
    practise(grace, "one", right=4, at=start)
    practise(grace, "two", right=3, at=start)
    practise(grace, "two", right=0, at=start + timedelta(minutes=5))  # Familiar to Attempted
    assert attention(page(teacher_of(klass), f"/classes/{klass.pk}/")) == [
        "Ada Lovelace is behind the pace of Unit numbers and levelled down 1 skill this week",
        "grace is behind the pace of Unit numbers and levelled down 1 skill this week",
    ]


def test_level_downs_in_another_course_or_by_a_leaver_are_not_the_classs_concern(
    tmp_path: Path, klass: Classroom
) -> None:
    import_pack(path=write_known_answers_pack(tmp_path / "other", {"u": ["six"]}, slug="other"))
    ada, grace = school.learner("ada"), school.learner("grace")
    classroom.add_learners(classroom=klass, learners=[ada, grace])
    practise(ada, "six", right=4, course="other", answer="1")
    practise(ada, "six", right=0, course="other", answer="1")
    practise(grace, "one", right=4)
    practise(grace, "one", right=0)
    classroom.remove_learner(classroom=klass, learner_id=grace.pk)
    assert "Needs attention" not in page(teacher_of(klass), f"/classes/{klass.pk}/")
