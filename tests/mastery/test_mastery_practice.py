"""Practice sets: the spec's practice table, cell by cell, and the bonus question."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proficio.mastery.levels import Level
from proficio.mastery.policy import DEFAULT_POLICY, MasteryPolicy, policy_from_overrides
from proficio.mastery.practice import (
    ScoreBand,
    bonus_question_offered,
    practice_result,
    score_band,
    score_with_bonus,
)

NS, AT, FA, PR, MA = Level  # the table's rows, in its order

# Each column of the table, with a four-question score that falls in it.
BELOW_70, FROM_70, ALL_100 = ("below_70", 2), ("70_to_below_100", 3), ("100", 4)

PRACTICE_TABLE = [
    (NS, BELOW_70, AT),
    (NS, FROM_70, FA),
    (NS, ALL_100, PR),
    (AT, BELOW_70, AT),
    (AT, FROM_70, FA),
    (AT, ALL_100, PR),
    (FA, BELOW_70, AT),
    (FA, FROM_70, FA),
    (FA, ALL_100, PR),
    (PR, BELOW_70, FA),
    (PR, FROM_70, FA),
    (PR, ALL_100, PR),
    (MA, BELOW_70, FA),
    (MA, FROM_70, PR),
    (MA, ALL_100, MA),
]


@pytest.mark.parametrize(
    ("current", "column", "result"),
    PRACTICE_TABLE,
    ids=[
        f"{current.slug}-scoring-{column[0]}-becomes-{result.slug}"
        for current, column, result in PRACTICE_TABLE
    ],
)
def test_practice_table_cell(current: Level, column: tuple[str, int], result: Level) -> None:
    assert practice_result(current, column[1], 4) is result


@pytest.mark.parametrize(
    ("correct", "total", "band"),
    [
        (0, 4, ScoreBand.NOT_YET),
        (2, 4, ScoreBand.NOT_YET),
        (69, 100, ScoreBand.NOT_YET),
        (7, 10, ScoreBand.MOSTLY_RIGHT),  # exactly 70 % is in the middle column
        (3, 4, ScoreBand.MOSTLY_RIGHT),
        (99, 100, ScoreBand.MOSTLY_RIGHT),
        (4, 4, ScoreBand.ALL_RIGHT),
        (1, 1, ScoreBand.ALL_RIGHT),
    ],
)
def test_score_columns_have_exact_edges(correct: int, total: int, band: ScoreBand) -> None:
    assert score_band(correct, total) is band


def test_thresholds_come_from_the_policy() -> None:
    policy = policy_from_overrides(
        {"familiar_threshold_percent": 80, "proficient_threshold_percent": 90}
    )
    assert practice_result(NS, 3, 4, policy) is AT  # 75 % is below this course's 80 %
    assert practice_result(NS, 9, 10, policy) is PR


@pytest.mark.parametrize(("correct", "total"), [(0, 0), (1, -1), (5, 4), (-1, 4)])
def test_an_impossible_score_is_refused(correct: int, total: int) -> None:
    with pytest.raises(ValueError):
        practice_result(FA, correct, total)


@given(
    st.sampled_from(Level),
    st.integers(1, 50).flatmap(lambda t: st.tuples(st.integers(0, t), st.just(t))),
)
def test_practice_never_reaches_mastered_and_never_raises_above_proficient(
    current: Level, score: tuple[int, int]
) -> None:
    result = practice_result(current, *score)
    if current is not MA:
        assert result is not MA
    if result > current:
        assert result <= PR


def offered(
    correct: int = 3,
    total: int = 4,
    *,
    distinct_questions: int | None = None,
    same_questions_for_everyone: bool = False,
    policy: MasteryPolicy = DEFAULT_POLICY,
) -> bool:
    """A set of 3 right out of 4 from an unlimited bank, unless told otherwise."""
    return bonus_question_offered(
        correct=correct,
        total=total,
        distinct_questions=distinct_questions,
        same_questions_for_everyone=same_questions_for_everyone,
        policy=policy,
    )


def test_bonus_offered_after_exactly_one_wrong_answer() -> None:
    assert offered(3, 4)


@pytest.mark.parametrize(("correct", "total"), [(4, 4), (2, 4), (0, 4)])
def test_bonus_not_offered_without_exactly_one_wrong_answer(correct: int, total: int) -> None:
    assert not offered(correct, total)


def test_bonus_offered_for_generated_questions() -> None:
    assert offered(distinct_questions=None)


def test_bonus_offered_when_the_bank_has_one_more_question_than_a_set() -> None:
    assert offered(distinct_questions=DEFAULT_POLICY.questions_per_practice + 1)


def test_bonus_not_offered_when_the_bank_is_too_small() -> None:
    assert not offered(distinct_questions=DEFAULT_POLICY.questions_per_practice)


def test_bonus_not_offered_when_everyone_gets_the_same_questions() -> None:
    assert not offered(same_questions_for_everyone=True)


def test_bonus_not_offered_when_the_course_turns_it_off() -> None:
    assert not offered(policy=policy_from_overrides({"bonus_question": False}))


def test_a_right_bonus_erases_the_miss() -> None:
    assert score_with_bonus(3, 4, bonus_right=True) == 4
    assert practice_result(FA, score_with_bonus(3, 4, bonus_right=True), 4) is PR


@pytest.mark.parametrize("bonus_right", [False, None], ids=["wrong", "skipped"])
def test_a_wrong_or_skipped_bonus_leaves_the_score(bonus_right: bool | None) -> None:
    assert score_with_bonus(3, 4, bonus_right) == 3


def test_a_bonus_answer_without_a_single_miss_is_refused() -> None:
    with pytest.raises(ValueError, match="no bonus question"):
        score_with_bonus(2, 4, bonus_right=True)
