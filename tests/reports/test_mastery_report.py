"""The mastery progress report, read from the course and unit progress caches."""

from typing import Any

import pytest
from tests.reports.caches import ids, set_mastery

from proficio.accounts.models import User
from proficio.classroom.actions import create_group
from proficio.classroom.errors import CourseNotInClass
from proficio.classroom.models import Classroom
from proficio.classroom.reads import class_learner_ids
from proficio.content.models import Course, Unit
from proficio.reports.mastery import mastery_progress

pytestmark = pytest.mark.django_db


def test_each_learner_has_the_course_and_every_units_percent_and_missing_rows_are_zero(
    classroom: Classroom, course: Course, learners: dict[str, User]
) -> None:
    set_mastery(learners["ada"], course, 62.5, {"numbers": 80.0, "more": 33.3})
    set_mastery(learners["alan"], course, 10.0, {"numbers": 16.7})  # nothing in "more" yet

    report = mastery_progress(
        classroom=classroom, course="journey", learner_ids=class_learner_ids(classroom)
    )

    assert report["units"] == ["numbers", "more"]
    assert [
        (row["username"], row["course_mastery_percent"], row["units"]) for row in report["learners"]
    ] == [
        ("ada", 62.5, {"numbers": 80.0, "more": 33.3}),
        ("alan", 10.0, {"numbers": 16.7, "more": 0.0}),
        ("edsger", 0.0, {"numbers": 0.0, "more": 0.0}),
    ]
    assert report["learners"][0]["learner"] == learners["ada"].pk
    assert report["learners"][0]["display_name"] == "Ada Lovelace"


def test_units_follow_the_course_order_not_the_alphabet_or_creation(
    classroom: Classroom, course: Course, learners: dict[str, User]
) -> None:
    Unit.objects.filter(course=course, slug="more").update(position=0)

    report = mastery_progress(
        classroom=classroom, course="journey", learner_ids=ids(learners["ada"])
    )

    assert report["units"] == ["more", "numbers"]
    assert list(report["learners"][0]["units"]) == ["more", "numbers"]


def test_archived_units_are_left_out_even_when_learners_have_progress_in_them(
    classroom: Classroom, course: Course, learners: dict[str, User]
) -> None:
    set_mastery(learners["ada"], course, 50.0, {"numbers": 40.0, "more": 70.0})
    Unit.objects.filter(course=course, slug="more").update(archived=True)

    report = mastery_progress(
        classroom=classroom, course="journey", learner_ids=ids(learners["ada"])
    )

    assert report["units"] == ["numbers"]
    assert report["learners"][0]["units"] == {"numbers": 40.0}


def test_only_the_learners_given_are_shown_in_the_order_given(
    classroom: Classroom, course: Course, learners: dict[str, User]
) -> None:
    set_mastery(learners["alan"], course, 20.0, {})

    report = mastery_progress(
        classroom=classroom,
        course="journey",
        learner_ids=ids(learners["edsger"], learners["alan"]),
    )

    assert [row["username"] for row in report["learners"]] == ["edsger", "alan"]
    assert [row["course_mastery_percent"] for row in report["learners"]] == [0.0, 20.0]


def test_a_group_shows_only_its_learners(
    classroom: Classroom, course: Course, learners: dict[str, User]
) -> None:
    group = create_group(
        classroom=classroom, name="Ready", learner_ids=ids(learners["edsger"], learners["ada"])
    )

    report = mastery_progress(
        classroom=classroom,
        course="journey",
        learner_ids=class_learner_ids(classroom, group.pk),
    )

    assert [row["username"] for row in report["learners"]] == ["ada", "edsger"]


def test_progress_in_another_course_does_not_count(
    classroom: Classroom, course: Course, sample_course: Course, learners: dict[str, User]
) -> None:
    classroom.courses.add(sample_course)
    set_mastery(learners["ada"], sample_course, 90.0, {"adding": 90.0})

    report = mastery_progress(
        classroom=classroom, course="journey", learner_ids=ids(learners["ada"])
    )

    assert report["learners"][0]["course_mastery_percent"] == 0.0
    assert report["learners"][0]["units"] == {"numbers": 0.0, "more": 0.0}


def test_an_unknown_course_is_refused(classroom: Classroom) -> None:
    with pytest.raises(CourseNotInClass, match="There is no course 'algebra'"):
        mastery_progress(classroom=classroom, course="algebra", learner_ids=[])


def test_a_course_the_class_does_not_take_is_refused(
    classroom: Classroom, sample_course: Course
) -> None:
    with pytest.raises(CourseNotInClass, match="'sample' is not one of this class's courses"):
        mastery_progress(classroom=classroom, course="sample", learner_ids=[])


def test_the_report_takes_six_queries_however_many_learners(
    classroom: Classroom,
    course: Course,
    learners: dict[str, User],
    django_assert_num_queries: Any,
) -> None:
    for learner in learners.values():
        set_mastery(learner, course, 50.0, {"numbers": 50.0, "more": 50.0})

    with django_assert_num_queries(6):
        mastery_progress(classroom=classroom, course="journey", learner_ids=ids(*learners.values()))
