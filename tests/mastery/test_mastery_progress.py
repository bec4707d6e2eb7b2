"""Mastery points and unit/course mastery %."""

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proficio.mastery.levels import Level, points_for
from proficio.mastery.policy import policy_from_overrides
from proficio.mastery.progress import mastery_percent, points_earned, points_possible

NS, AT, FA, PR, MA = Level


def test_familiar_on_every_skill_of_a_unit_is_50_percent() -> None:
    assert mastery_percent([FA] * 6) == 50.0


def test_every_skill_mastered_is_100_percent() -> None:
    assert mastery_percent([MA] * 4) == 100.0


def test_not_started_and_attempted_are_0_percent() -> None:
    assert mastery_percent([NS, AT]) == 0.0


def test_points_add_up_over_the_levels() -> None:
    levels = [MA, PR, FA, AT, NS]
    assert points_earned(levels) == 230
    assert points_possible(5) == 500
    assert mastery_percent(levels) == 46.0


def test_unstarted_skills_may_be_left_out_when_the_skill_count_is_given() -> None:
    assert mastery_percent([FA, FA], skill_count=4) == mastery_percent([FA, FA, NS, NS]) == 25.0


def test_mastery_percent_rounds_to_one_decimal_place() -> None:
    assert mastery_percent([FA], skill_count=3) == 16.7  # 16.66…


def test_mastery_percent_rounds_halves_up() -> None:
    assert mastery_percent([FA], skill_count=8) == 6.3  # exactly 6.25; round() would say 6.2


def test_no_skills_is_0_percent() -> None:
    assert mastery_percent([]) == 0.0
    assert mastery_percent([], skill_count=0) == 0.0


def test_more_levels_than_skills_is_refused() -> None:
    with pytest.raises(ValueError):
        mastery_percent([FA, FA], skill_count=1)
    with pytest.raises(ValueError):
        points_possible(-1)


def test_points_come_from_the_policy() -> None:
    policy = policy_from_overrides({"familiar_points": 25, "mastered_points": 200})
    assert points_earned([FA, MA], policy) == 225
    assert points_possible(2, policy) == 400
    assert mastery_percent([FA, MA], policy=policy) == 56.3  # 56.25


levels = st.lists(st.sampled_from(Level), max_size=60)


@given(levels)
def test_points_always_match_the_levels(skill_levels: list[Level]) -> None:
    assert points_earned(skill_levels) == sum(points_for(level) for level in skill_levels)


@given(levels, st.integers(0, 40))
def test_mastery_percent_is_the_rounded_share_of_points(
    skill_levels: list[Level], unstarted: int
) -> None:
    count = len(skill_levels) + unstarted
    percent = mastery_percent(skill_levels, skill_count=count)
    assert 0.0 <= percent <= 100.0
    if count == 0:
        assert percent == 0.0
        return
    exact = Fraction(100 * points_earned(skill_levels), points_possible(count))
    assert percent == math.floor(exact * 10 + Fraction(1, 2)) / 10  # halves up
    if (exact * 10) % 1 != Fraction(1, 2):  # round() agrees except on exact halves
        assert percent == round(100 * points_earned(skill_levels) / points_possible(count), 1)
