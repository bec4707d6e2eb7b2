"""The activity report, read from the daily activity cache, and the period it covers."""

from datetime import date
from typing import Any

import pytest
from tests.reports.caches import add_activity, ids

from proficio.accounts.models import User
from proficio.classroom.models import Classroom
from proficio.classroom.reads import class_learner_ids
from proficio.content.models import Course
from proficio.reports.activity import InvalidPeriod, activity_period, class_activity

MONDAY, TUESDAY, WEDNESDAY = date(2026, 11, 16), date(2026, 11, 17), date(2026, 11, 18)


@pytest.mark.django_db
def test_work_in_the_class_courses_is_summed_per_day_and_in_totals(
    classroom: Classroom, course: Course, sample_course: Course, learners: dict[str, User]
) -> None:
    classroom.courses.add(sample_course)
    ada = learners["ada"]
    add_activity(ada, course, TUESDAY, tasks=2, questions=9, level_ups=1)
    add_activity(ada, sample_course, TUESDAY, tasks=1, questions=4, level_ups=2)
    add_activity(ada, course, MONDAY, tasks=1, questions=5, level_ups=0)

    (row,) = class_activity(classroom=classroom, learner_ids=ids(ada), first=MONDAY, last=WEDNESDAY)

    assert row["days"] == [
        {"date": MONDAY, "tasks_finished": 1, "questions_answered": 5, "skills_leveled_up": 0},
        {"date": TUESDAY, "tasks_finished": 3, "questions_answered": 13, "skills_leveled_up": 3},
    ]
    assert (row["tasks_finished"], row["questions_answered"], row["skills_leveled_up"]) == (
        4,
        18,
        3,
    )
    assert (row["learner"], row["username"], row["display_name"]) == (
        ada.pk,
        "ada",
        "Ada Lovelace",
    )


@pytest.mark.django_db
def test_a_course_the_class_does_not_take_is_not_counted(
    classroom: Classroom, sample_course: Course, learners: dict[str, User]
) -> None:
    add_activity(learners["ada"], sample_course, TUESDAY, tasks=5, questions=20, level_ups=4)

    (row,) = class_activity(
        classroom=classroom, learner_ids=ids(learners["ada"]), first=MONDAY, last=WEDNESDAY
    )

    assert (row["tasks_finished"], row["days"]) == (0, [])


@pytest.mark.django_db
def test_only_days_in_the_period_with_some_work_are_listed(
    classroom: Classroom, course: Course, learners: dict[str, User]
) -> None:
    ada = learners["ada"]
    add_activity(ada, course, date(2026, 11, 15), tasks=7, questions=7, level_ups=7)  # before
    add_activity(ada, course, WEDNESDAY, tasks=1, questions=3, level_ups=0)  # the last day
    add_activity(ada, course, TUESDAY, tasks=0, questions=0, level_ups=0)  # nothing done
    add_activity(ada, course, date(2026, 11, 19), tasks=7, questions=7, level_ups=7)  # after

    (row,) = class_activity(classroom=classroom, learner_ids=ids(ada), first=MONDAY, last=WEDNESDAY)

    assert [day["date"] for day in row["days"]] == [WEDNESDAY]
    assert row["questions_answered"] == 3


@pytest.mark.django_db
def test_every_learner_given_is_listed_in_order_even_without_work(
    classroom: Classroom, course: Course, learners: dict[str, User]
) -> None:
    add_activity(learners["edsger"], course, MONDAY, tasks=1, questions=4, level_ups=1)

    report = class_activity(
        classroom=classroom,
        learner_ids=class_learner_ids(classroom),
        first=MONDAY,
        last=MONDAY,
    )

    assert [(row["username"], row["questions_answered"]) for row in report] == [
        ("ada", 0),
        ("alan", 0),
        ("edsger", 4),
    ]
    assert report[0]["days"] == []


TODAY = date(2026, 11, 24)


def test_by_default_the_period_is_the_seven_days_up_to_today() -> None:
    assert activity_period(first=None, last=None, today=TODAY) == (date(2026, 11, 18), TODAY)


def test_with_only_an_end_the_period_is_the_seven_days_up_to_it() -> None:
    assert activity_period(first=None, last=date(2026, 10, 7), today=TODAY) == (
        date(2026, 10, 1),
        date(2026, 10, 7),
    )


def test_with_only_a_start_the_period_runs_to_today() -> None:
    assert activity_period(first=date(2026, 9, 1), last=None, today=TODAY) == (
        date(2026, 9, 1),
        TODAY,
    )


def test_a_start_after_the_end_is_refused_with_a_sentence() -> None:
    with pytest.raises(InvalidPeriod, match=r"'from' \(2026-11-20\) is after 'to' \(2026-11-10\)"):
        activity_period(first=date(2026, 11, 20), last=date(2026, 11, 10), today=TODAY)


def test_a_period_of_up_to_366_days_is_allowed_and_a_longer_one_refused() -> None:
    year = (date(2025, 11, 24), TODAY)  # 366 days, both ends included
    assert activity_period(first=year[0], last=year[1], today=TODAY) == year
    with pytest.raises(InvalidPeriod, match="at most 366 days"):
        activity_period(first=date(2025, 11, 23), last=TODAY, today=TODAY)


def test_a_single_day_is_a_period() -> None:
    assert activity_period(first=TODAY, last=TODAY, today=TODAY) == (TODAY, TODAY)


@pytest.mark.django_db
def test_the_report_takes_two_queries_however_many_learners_and_days(
    classroom: Classroom,
    course: Course,
    learners: dict[str, User],
    django_assert_num_queries: Any,
) -> None:
    for learner in learners.values():
        for day in (MONDAY, TUESDAY, WEDNESDAY):
            add_activity(learner, course, day, tasks=1, questions=4, level_ups=1)

    with django_assert_num_queries(2):
        class_activity(
            classroom=classroom,
            learner_ids=ids(*learners.values()),
            first=MONDAY,
            last=WEDNESDAY,
        )
