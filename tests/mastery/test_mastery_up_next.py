"""Up next: each rule of the spec, and their order."""

from collections.abc import Mapping

from hypothesis import given
from hypothesis import strategies as st

from proficio.mastery.levels import Level
from proficio.mastery.up_next import Recommendation, UnitOutline, up_next

NS, AT, FA, PR, MA = Level

COURSE = [
    UnitOutline("add", ("add-small", "add-big"), has_unit_test=True),
    UnitOutline("subtract", ("sub-small", "sub-big", "add-big"), has_unit_test=True),
    UnitOutline("review", ("add-small", "sub-big"), has_unit_test=False),
]


def kinds(recommendations: list[Recommendation]) -> list[str]:
    return [recommendation.kind for recommendation in recommendations]


def test_a_mastery_challenge_comes_first_when_available() -> None:
    first = up_next(COURSE, {}, challenge_available=True)[0]
    assert first == Recommendation(
        "mastery_challenge",
        None,
        None,
        "A mastery challenge is ready: it can level up skills from across the course.",
    )


def test_no_mastery_challenge_when_none_is_available() -> None:
    assert "mastery_challenge" not in kinds(up_next(COURSE, {}, challenge_available=False))


def test_the_unit_test_of_the_first_unit_all_familiar_or_higher() -> None:
    levels = {"add-small": FA, "add-big": PR}
    assert up_next(COURSE, levels, False)[0] == Recommendation(
        "unit_test",
        None,
        "add",
        "All 2 skills of this unit are Familiar or better: the unit test can take them up a level.",
    )


def test_no_unit_test_for_a_unit_with_a_skill_below_familiar() -> None:
    levels = {"add-small": FA, "add-big": AT, "sub-small": FA, "sub-big": FA}
    assert "unit_test" not in kinds(up_next(COURSE, levels, False))


def test_no_unit_test_for_a_unit_already_all_mastered() -> None:
    levels = {"add-small": MA, "add-big": MA, "sub-small": FA, "sub-big": PR}
    recommendation = up_next(COURSE, levels, False)[0]
    assert (recommendation.kind, recommendation.unit) == ("unit_test", "subtract")
    assert recommendation.reason == (
        "All 3 skills of this unit are Familiar or better: "
        "the unit test can take the ones not yet Mastered up a level."
    )


def test_no_unit_test_for_a_unit_without_one() -> None:
    units = [UnitOutline("review", ("a", "b"), has_unit_test=False)]
    assert kinds(up_next(units, {"a": FA, "b": FA}, False)) == ["practice"]


def test_a_unit_without_skills_has_nothing_to_test() -> None:
    units = [UnitOutline("intro", (), has_unit_test=True), UnitOutline("u", ("a",), True)]
    assert up_next(units, {"a": FA}, False)[0].unit == "u"


def test_practice_the_first_skill_not_started_in_course_order() -> None:
    levels = {"add-small": PR, "add-big": FA}
    practice = up_next(COURSE, levels, False)[1]
    assert practice == Recommendation(
        "practice",
        "sub-small",
        "subtract",
        "You haven't started this skill yet — it's the next one in the course.",
    )


def test_practice_the_first_skill_attempted_in_course_order() -> None:
    levels = {"add-small": PR, "add-big": AT}
    practice = up_next(COURSE, levels, False)[0]
    assert (practice.kind, practice.skill, practice.unit) == ("practice", "add-big", "add")
    assert practice.reason == (
        "You've tried this skill but aren't Familiar with it yet — "
        "it's the next one to work on in the course."
    )


def test_a_skill_in_two_units_is_placed_at_its_first_unit() -> None:
    units = [UnitOutline("one", ("a", "shared"), False), UnitOutline("two", ("shared", "b"), False)]
    practice = up_next(units, {"a": FA}, False)[0]
    assert (practice.skill, practice.unit) == ("shared", "one")


def test_otherwise_practice_the_lowest_level_skill() -> None:
    levels = {"add-small": PR, "add-big": MA, "sub-small": MA, "sub-big": FA}
    practice = up_next(COURSE, levels, False)[-1]
    assert practice == Recommendation(
        "practice", "sub-big", "subtract", "At Familiar, this is your lowest-level skill."
    )


def test_the_lowest_level_ties_go_to_course_order() -> None:
    levels = {"add-small": MA, "add-big": PR, "sub-small": PR, "sub-big": PR}
    assert up_next(COURSE, levels, False)[-1].skill == "add-big"


def test_every_skill_mastered_still_suggests_practice() -> None:
    levels = dict.fromkeys(["add-small", "add-big", "sub-small", "sub-big"], MA)
    assert up_next(COURSE, levels, False) == [
        Recommendation(
            "practice",
            "add-small",
            "add",
            "You've mastered every skill; practising this one keeps it sharp.",
        )
    ]


def test_all_rules_that_apply_come_in_the_specs_order() -> None:
    levels = {"add-small": FA, "add-big": FA}
    assert kinds(up_next(COURSE, levels, True)) == ["mastery_challenge", "unit_test", "practice"]
    assert up_next(COURSE, levels, True)[2].skill == "sub-small"


def test_an_empty_course_has_nothing_up_next_but_a_challenge() -> None:
    assert up_next([], {}, False) == []
    assert kinds(up_next([], {}, True)) == ["mastery_challenge"]


def test_every_reason_is_a_sentence() -> None:
    for levels in [
        {},
        {"add-small": FA, "add-big": FA},
        dict.fromkeys(["add-small", "add-big", "sub-small", "sub-big"], PR),
    ]:
        for recommendation in up_next(COURSE, levels, True):
            assert recommendation.reason[0].isupper() and recommendation.reason.endswith(".")


# The spec's order, checked against a straightforward reading of it.


def expected_first(
    units: list[UnitOutline], levels: Mapping[str, Level], challenge: bool
) -> tuple[str, str | None, str | None] | None:
    def level(skill: str) -> Level:
        return levels.get(skill, NS)

    if challenge:
        return ("mastery_challenge", None, None)
    for unit in units:
        skill_levels = [level(skill) for skill in unit.skills]
        if (
            unit.has_unit_test
            and skill_levels
            and min(skill_levels) >= FA
            and min(skill_levels) < MA
        ):
            return ("unit_test", None, unit.slug)
    in_order: list[tuple[str, str]] = []
    for unit in units:
        in_order += [(skill, unit.slug) for skill in unit.skills if skill not in dict(in_order)]
    for skill, unit_slug in in_order:
        if level(skill) in (NS, AT):
            return ("practice", skill, unit_slug)
    if not in_order:
        return None
    lowest = min(level(skill) for skill, _ in in_order)
    skill, unit_slug = next((s, u) for s, u in in_order if level(s) == lowest)
    return ("practice", skill, unit_slug)


skill_names = st.sampled_from([f"s{n}" for n in range(8)])
outlines = st.lists(
    st.builds(
        UnitOutline,
        slug=st.sampled_from(["u1", "u2", "u3", "u4"]),
        skills=st.lists(skill_names, max_size=4).map(tuple),
        has_unit_test=st.booleans(),
    ),
    max_size=4,
)


@given(outlines, st.dictionaries(skill_names, st.sampled_from(Level)), st.booleans())
def test_the_first_recommendation_follows_the_specs_order(
    units: list[UnitOutline], levels: dict[str, Level], challenge: bool
) -> None:
    recommendations = up_next(units, levels, challenge)
    first = recommendations[0] if recommendations else None
    got = None if first is None else (first.kind, first.skill, first.unit)
    assert got == expected_first(units, levels, challenge)
    assert kinds(recommendations).count("practice") <= 1
