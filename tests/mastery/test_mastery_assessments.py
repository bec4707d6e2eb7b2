"""Mixed-skill assessments: the per-skill rule, and which skills get how many questions."""

import random
from collections import Counter

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from proficio.mastery.assessments import (
    assessment_result,
    course_challenge_questions,
    quiz_questions,
    shuffled,
    unit_question_counts,
    unit_test_questions,
)
from proficio.mastery.levels import Level, level_down, level_up
from proficio.mastery.policy import policy_from_overrides

NS, AT, FA, PR, MA = Level

ALL_RIGHT, ALL_WRONG, MIXED = [True, True, True], [False, False], [True, False, True]

ASSESSMENT_RULE = [
    (NS, "all_right", ALL_RIGHT, FA),
    (NS, "all_wrong", ALL_WRONG, AT),
    (NS, "mixed", MIXED, NS),
    (AT, "all_right", ALL_RIGHT, FA),
    (AT, "all_wrong", ALL_WRONG, AT),
    (AT, "mixed", MIXED, AT),
    (FA, "all_right", ALL_RIGHT, PR),
    (FA, "all_wrong", ALL_WRONG, AT),
    (FA, "mixed", MIXED, FA),
    (PR, "all_right", ALL_RIGHT, MA),
    (PR, "all_wrong", ALL_WRONG, FA),
    (PR, "mixed", MIXED, PR),
    (MA, "all_right", ALL_RIGHT, MA),
    (MA, "all_wrong", ALL_WRONG, PR),
    (MA, "mixed", MIXED, MA),
]


@pytest.mark.parametrize(
    ("current", "outcome", "answers", "result"),
    ASSESSMENT_RULE,
    ids=[
        f"{current.slug}-{outcome}-becomes-{result.slug}"
        for current, outcome, _, result in ASSESSMENT_RULE
    ],
)
def test_assessment_rule(current: Level, outcome: str, answers: list[bool], result: Level) -> None:
    assert assessment_result(current, answers) is result


def test_a_single_question_is_all_right_or_all_wrong() -> None:
    assert assessment_result(FA, [True]) is PR
    assert assessment_result(FA, [False]) is AT


def test_a_skill_without_answers_is_refused() -> None:
    with pytest.raises(ValueError):
        assessment_result(FA, [])


def rung(level: Level) -> int:
    """Not started and Attempted are one rung of the ladder: both go up to Familiar."""
    return max(level, AT)


@given(st.sampled_from(Level), st.lists(st.booleans(), min_size=1, max_size=40))
def test_an_assessment_moves_a_skill_at_most_one_level(current: Level, answers: list[bool]) -> None:
    result = assessment_result(current, answers)
    assert result in {level_down(current), current, level_up(current)}
    assert abs(rung(result) - rung(current)) <= 1


# Quizzes and unit tests.


def test_a_quiz_asks_one_question_per_skill_in_course_order() -> None:
    assert quiz_questions(["add", "subtract", "add"]) == ["add", "subtract"]


def test_a_quiz_asks_as_many_questions_per_skill_as_the_policy_says() -> None:
    policy = policy_from_overrides({"quiz_questions_per_skill": 2})
    assert quiz_questions(["add", "subtract"], policy) == ["add", "add", "subtract", "subtract"]


def test_a_unit_test_asks_every_skill_of_the_unit_once() -> None:
    skills = [f"s{n}" for n in range(30)]
    assert unit_test_questions([*skills, "s0"], random.Random(1)) == skills


def test_a_unit_with_more_than_30_skills_gets_a_random_sample_of_30() -> None:
    skills = [f"s{n}" for n in range(45)]
    plans = [unit_test_questions(skills, random.Random(seed)) for seed in range(5)]
    for plan in plans:
        assert len(plan) == len(set(plan)) == 30
        assert plan == [skill for skill in skills if skill in plan]  # in unit order
    assert len({tuple(plan) for plan in plans}) > 1
    assert unit_test_questions(skills, random.Random(3)) == plans[3]


def test_a_unit_test_asks_as_many_questions_per_skill_as_the_policy_says() -> None:
    policy = policy_from_overrides({"unit_test_questions_per_skill": 2, "unit_test_max_skills": 2})
    plan = unit_test_questions(["a", "b", "c"], random.Random(0), policy)
    assert len(plan) == 4 and set(Counter(plan).values()) == {2}


def test_shuffled_keeps_the_questions_and_follows_the_seed() -> None:
    plan = [f"s{n}" for n in range(20)]
    order = shuffled(plan, random.Random(7))
    assert sorted(order) == sorted(plan) and order != plan
    assert plan == [f"s{n}" for n in range(20)]
    assert shuffled(plan, random.Random(7)) == order


# Course challenges.


def unit(name: str, size: int) -> list[str]:
    return [f"{name}{n}" for n in range(size)]


def by_unit(plan: list[str], units: list[list[str]]) -> list[int]:
    return [sum(1 for skill in plan if skill in own) for own in units]


def test_a_course_with_fewer_than_30_skills_tests_every_skill_and_some_twice() -> None:
    units = [unit("a", 12), unit("b", 8)]
    plan = course_challenge_questions(units, random.Random(0))
    counts = Counter(plan)
    assert len(plan) == 30
    assert set(counts) == {skill for own in units for skill in own}
    assert sorted(Counter(counts.values()).items()) == [(1, 10), (2, 10)]


def test_a_course_of_at_most_15_skills_asks_each_twice() -> None:
    units = [unit("a", 6), unit("b", 4)]
    plan = course_challenge_questions(units, random.Random(0))
    assert Counter(plan) == {skill: 2 for own in units for skill in own}


def test_which_skills_get_a_second_question_is_random() -> None:
    units = [unit("a", 25)]
    twice = {
        frozenset(
            s
            for s, n in Counter(course_challenge_questions(units, random.Random(seed))).items()
            if n == 2
        )
        for seed in range(5)
    }
    assert len(twice) > 1


def test_a_course_of_exactly_30_skills_asks_each_once() -> None:
    units = [unit("a", 10), unit("b", 20)]
    plan = course_challenge_questions(units, random.Random(0))
    assert plan == units[0] + units[1]


def test_a_larger_course_samples_units_in_proportion_to_their_size() -> None:
    # Exact shares of 30 among 50 skills: 15, 9, 4.2 and 1.8; the largest remainder rounds up.
    units = [unit("a", 25), unit("b", 15), unit("c", 7), unit("d", 3)]
    for seed in range(10):
        plan = course_challenge_questions(units, random.Random(seed))
        assert len(plan) == len(set(plan)) == 30
        assert by_unit(plan, units) == [15, 9, 4, 2]


def test_a_larger_course_draws_different_skills_on_each_attempt_but_follows_the_seed() -> None:
    units = [unit("a", 40), unit("b", 20)]
    first = course_challenge_questions(units, random.Random(1))
    assert course_challenge_questions(units, random.Random(1)) == first
    assert course_challenge_questions(units, random.Random(2)) != first


def test_every_unit_gets_a_question_even_when_its_share_is_below_one() -> None:
    # Exact shares: 28.5, 0.5 and 1; a tiny unit is still part of the course.
    assert unit_question_counts([57, 1, 2], 30, random.Random(0)) == [28, 1, 1]


def test_with_more_units_than_questions_the_largest_remainders_decide() -> None:
    policy = policy_from_overrides({"course_challenge_questions": 3})
    units = [unit("a", 4), unit("b", 1), unit("c", 1), unit("d", 1), unit("e", 1)]
    for seed in range(10):
        plan = course_challenge_questions(units, random.Random(seed), policy)
        counts = by_unit(plan, units)
        assert sum(counts) == 3 and counts[0] >= 1 and max(counts) <= 2


def test_equal_units_share_the_odd_question_at_random() -> None:
    units = [unit("a", 20), unit("b", 20), unit("c", 20), unit("d", 20)]  # 7.5 each
    splits = {
        tuple(by_unit(course_challenge_questions(units, random.Random(seed)), units))
        for seed in range(20)
    }
    assert all(sorted(split) == [7, 7, 8, 8] for split in splits)
    assert len(splits) > 1


def test_a_skill_in_two_units_counts_once_small_course() -> None:
    plan = course_challenge_questions([["a", "shared"], ["shared", "b"]], random.Random(0))
    assert Counter(plan) == {"a": 2, "shared": 2, "b": 2}


def test_a_skill_in_two_units_counts_once_in_its_first_unit() -> None:
    # Unit b holds 20 skills, 10 of them already in unit a: its size is 10 of the course's 50.
    a = unit("a", 40)
    b = a[:10] + unit("b", 10)
    for seed in range(5):
        plan = course_challenge_questions([a, b], random.Random(seed))
        assert len(plan) == len(set(plan)) == 30
        assert by_unit(plan, [a, unit("b", 10)]) == [24, 6]


def test_a_course_without_skills_has_no_questions() -> None:
    assert course_challenge_questions([[], []], random.Random(0)) == []


def test_a_third_question_per_skill_when_the_policy_allows_it() -> None:
    policy = policy_from_overrides({"course_challenge_max_questions_per_skill": 3})
    plan = course_challenge_questions([unit("a", 12)], random.Random(0), policy)
    assert len(plan) == 30 and sorted(Counter(Counter(plan).values()).items()) == [(2, 6), (3, 6)]


def test_questions_cannot_outnumber_skills_when_shared_between_units() -> None:
    with pytest.raises(ValueError):
        unit_question_counts([2, 3], 6, random.Random(0))


courses = st.lists(st.lists(st.integers(0, 80).map(lambda n: f"s{n}"), max_size=25), max_size=8)


@given(courses, st.integers(1, 40), st.randoms(use_true_random=False))
def test_course_challenge_plans_keep_the_cap_and_cover_small_courses(
    units: list[list[str]], cap: int, rng: random.Random
) -> None:
    policy = policy_from_overrides({"course_challenge_questions": cap})
    skills = {skill for own in units for skill in own}
    plan = course_challenge_questions(units, rng, policy)
    counts = Counter(plan)
    assert len(plan) <= cap
    assert all(count <= 2 for count in counts.values())
    assert set(counts) <= skills
    if len(skills) <= cap:
        assert set(counts) == skills
        assert len(plan) == min(cap, 2 * len(skills))
    else:
        assert len(plan) == cap and max(counts.values()) == 1


@given(
    st.lists(st.integers(0, 60), min_size=1, max_size=10),
    st.integers(0, 200),
    st.randoms(use_true_random=False),
)
def test_unit_shares_are_proportional_and_reach_every_unit(
    sizes: list[int], seats: int, rng: random.Random
) -> None:
    total = sum(sizes)
    assume(total > 0)
    seats = min(seats, total)
    counts = unit_question_counts(sizes, seats, rng)
    assert sum(counts) == seats
    assert all(0 <= count <= size for count, size in zip(counts, sizes, strict=True))
    units_with_skills = [unit for unit, size in enumerate(sizes) if size]
    if len(units_with_skills) <= seats:
        assert all(counts[unit] >= 1 for unit in units_with_skills)
    if all(seats * size >= total for size in sizes if size) or len(units_with_skills) > seats:
        # No unit needed lifting to one question: each is within one of its exact share.
        for count, size in zip(counts, sizes, strict=True):
            assert abs(count * total - seats * size) < total
