"""The skills report, read from the skill states cache."""

from typing import Any

import pytest
from tests.reports.caches import ids, set_levels

from proficio.accounts.models import User
from proficio.classroom.errors import CourseNotInClass
from proficio.classroom.models import Classroom
from proficio.classroom.reads import class_learner_ids
from proficio.content.models import Course, Skill, Unit, UnitSkill
from proficio.mastery.levels import Level
from proficio.reports.scope import ReportNotFound
from proficio.reports.skills import skills_grid

pytestmark = pytest.mark.django_db

NONE_AT_ANY_LEVEL = {
    "not_started": 0,
    "attempted": 0,
    "familiar": 0,
    "proficient": 0,
    "mastered": 0,
}


def test_each_learners_level_is_spelled_and_a_skill_without_a_state_is_not_started(
    classroom: Classroom, course: Course, learners: dict[str, User]
) -> None:
    set_levels(learners["ada"], course, {"one": Level.MASTERED, "four": Level.ATTEMPTED})
    set_levels(learners["alan"], course, {"two": Level.FAMILIAR, "five": Level.PROFICIENT})

    report = skills_grid(
        classroom=classroom, course="journey", learner_ids=class_learner_ids(classroom)
    )

    assert report["skills"] == ["one", "two", "three", "four", "five"]
    assert {row["username"]: row["levels"] for row in report["learners"]} == {
        "ada": {
            "one": "mastered",
            "two": "not_started",
            "three": "not_started",
            "four": "attempted",
            "five": "not_started",
        },
        "alan": {
            "one": "not_started",
            "two": "familiar",
            "three": "not_started",
            "four": "not_started",
            "five": "proficient",
        },
        "edsger": dict.fromkeys(["one", "two", "three", "four", "five"], "not_started"),
    }
    assert [row["learner"] for row in report["learners"]] == ids(
        learners["ada"], learners["alan"], learners["edsger"]
    )


def test_counts_have_every_level_for_every_skill_with_zeros(
    classroom: Classroom, course: Course, learners: dict[str, User]
) -> None:
    set_levels(learners["ada"], course, {"one": Level.MASTERED})
    set_levels(learners["alan"], course, {"one": Level.MASTERED})
    set_levels(learners["edsger"], course, {"one": Level.FAMILIAR, "two": Level.ATTEMPTED})

    counts = skills_grid(
        classroom=classroom, course="journey", learner_ids=class_learner_ids(classroom)
    )["counts"]

    assert counts["one"] == {**NONE_AT_ANY_LEVEL, "mastered": 2, "familiar": 1}
    assert counts["two"] == {**NONE_AT_ANY_LEVEL, "not_started": 2, "attempted": 1}
    assert counts["five"] == {**NONE_AT_ANY_LEVEL, "not_started": 3}
    assert list(counts) == ["one", "two", "three", "four", "five"]
    assert all(list(levels) == list(NONE_AT_ANY_LEVEL) for levels in counts.values())


def test_a_unit_shows_only_its_own_skills(
    classroom: Classroom, course: Course, learners: dict[str, User]
) -> None:
    set_levels(learners["ada"], course, {"one": Level.MASTERED, "five": Level.FAMILIAR})

    report = skills_grid(
        classroom=classroom, course="journey", unit="more", learner_ids=ids(learners["ada"])
    )

    assert report["skills"] == ["four", "five"]
    assert report["learners"][0]["levels"] == {"four": "not_started", "five": "familiar"}
    assert list(report["counts"]) == ["four", "five"]


def test_skills_follow_unit_order_then_their_place_in_the_unit(
    classroom: Classroom, course: Course, learners: dict[str, User]
) -> None:
    Unit.objects.filter(course=course, slug="more").update(position=0)
    unit_skills = UnitSkill.objects.filter(unit__course=course, unit__slug="numbers")
    unit_skills.filter(skill__slug="three").update(position=0)

    report = skills_grid(classroom=classroom, course="journey", learner_ids=[])

    assert report["skills"] == ["four", "five", "three", "one", "two"]


def test_a_skill_in_two_units_shows_once_where_it_first_appears(
    classroom: Classroom, course: Course, learners: dict[str, User]
) -> None:
    more = Unit.objects.get(course=course, slug="more")
    UnitSkill.objects.create(
        unit=more, skill=Skill.objects.get(course=course, slug="two"), position=99
    )
    set_levels(learners["ada"], course, {"two": Level.PROFICIENT})

    whole_course = skills_grid(
        classroom=classroom, course="journey", learner_ids=ids(learners["ada"])
    )
    unit = skills_grid(
        classroom=classroom, course="journey", unit="more", learner_ids=ids(learners["ada"])
    )

    assert whole_course["skills"] == ["one", "two", "three", "four", "five"]
    assert whole_course["counts"]["two"]["proficient"] == 1
    assert unit["skills"] == ["four", "five", "two"]
    assert unit["learners"][0]["levels"]["two"] == "proficient"


def test_archived_skills_and_units_are_left_out(
    classroom: Classroom, course: Course, learners: dict[str, User]
) -> None:
    set_levels(learners["ada"], course, {"two": Level.MASTERED, "four": Level.MASTERED})
    Skill.objects.filter(course=course, slug="two").update(archived=True)
    Unit.objects.filter(course=course, slug="more").update(archived=True)

    report = skills_grid(classroom=classroom, course="journey", learner_ids=ids(learners["ada"]))

    assert report["skills"] == ["one", "three"]
    assert report["learners"][0]["levels"] == {"one": "not_started", "three": "not_started"}
    with pytest.raises(ReportNotFound, match="There is no unit 'more' in the course 'journey'"):
        skills_grid(classroom=classroom, course="journey", unit="more", learner_ids=[])


def test_an_unknown_unit_is_not_found(classroom: Classroom) -> None:
    with pytest.raises(ReportNotFound, match="There is no unit 'fractions' in the course"):
        skills_grid(classroom=classroom, course="journey", unit="fractions", learner_ids=[])


def test_a_course_the_class_does_not_take_is_refused(
    classroom: Classroom, sample_course: Course
) -> None:
    with pytest.raises(CourseNotInClass, match="'sample' is not one of this class's courses"):
        skills_grid(classroom=classroom, course="sample", learner_ids=[])


def test_the_report_takes_five_queries_however_many_learners(
    classroom: Classroom,
    course: Course,
    learners: dict[str, User],
    django_assert_num_queries: Any,
) -> None:
    for learner in learners.values():
        set_levels(learner, course, {"one": Level.FAMILIAR, "four": Level.MASTERED})

    with django_assert_num_queries(5):
        skills_grid(classroom=classroom, course="journey", learner_ids=ids(*learners.values()))
