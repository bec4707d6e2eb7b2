"""Mastery challenges: the unlock rule, the cooldown and expiry, and the choice of skills."""

import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from proficio.mastery.assessments import assessment_result
from proficio.mastery.challenges import (
    ChallengeAvailability,
    SkillStanding,
    challenge_expired,
    challenge_expires_at,
    mastery_challenge_availability,
    mastery_challenge_questions,
    mastery_challenge_skills,
)
from proficio.mastery.levels import Level
from proficio.mastery.policy import policy_from_overrides

NS, AT, FA, PR, MA = Level
NOW = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


def standings(*levels: Level) -> list[SkillStanding]:
    """Skills s0, s1, … at these levels, in course order, never finished."""
    return [SkillStanding(f"s{n}", level, None, n) for n, level in enumerate(levels)]


def skill(slug: str, level: Level, position: int, finished_days_ago: float | None) -> SkillStanding:
    finished = None if finished_days_ago is None else NOW - timedelta(days=finished_days_ago)
    return SkillStanding(slug, level, finished, position)


# Per skill: both right → up one level, both wrong → down one level, one of each → unchanged.

CHALLENGE_RULE = [
    (FA, [True, True], PR),
    (PR, [True, True], MA),
    (MA, [True, True], MA),
    (FA, [False, False], AT),
    (PR, [False, False], FA),
    (MA, [False, False], PR),
    (FA, [True, False], FA),
    (PR, [False, True], PR),
    (MA, [True, False], MA),
]


@pytest.mark.parametrize(
    ("current", "answers", "result"),
    CHALLENGE_RULE,
    ids=[
        f"{c.slug}-{'-'.join('right' if a else 'wrong' for a in answers)}-becomes-{r.slug}"
        for c, answers, r in CHALLENGE_RULE
    ],
)
def test_mastery_challenge_rule_per_skill(
    current: Level, answers: list[bool], result: Level
) -> None:
    assert assessment_result(current, answers) is result


# Unlocking.


def availability(*levels: Level, last_started_at: datetime | None = None) -> ChallengeAvailability:
    return mastery_challenge_availability(standings(*levels), last_started_at, NOW)


def test_unlocks_with_three_familiar_or_higher_and_one_proficient() -> None:
    assert availability(FA, FA, PR, AT) == ChallengeAvailability(
        True, "Ready: 6 questions on 3 skills.", None
    )


def test_mastered_counts_as_proficient_and_familiar() -> None:
    assert availability(MA, MA, MA).available


def test_locked_without_enough_familiar_skills() -> None:
    assert availability(FA, PR, AT, NS) == ChallengeAvailability(
        False, "Get 1 more skill to Familiar or higher to unlock it.", None
    )


def test_locked_without_a_proficient_skill() -> None:
    assert availability(FA, FA, FA) == ChallengeAvailability(
        False, "Get 1 more skill to Proficient or higher to unlock it.", None
    )


def test_locked_for_a_new_learner_says_both_numbers() -> None:
    assert availability(NS, NS).reason == (
        "Get 3 more skills to Familiar or higher, and 1 more to Proficient or higher, to unlock it."
    )


def test_locked_during_the_cooldown_says_the_hours_left_rounded_up() -> None:
    started = NOW - timedelta(hours=6, minutes=30)
    assert availability(FA, FA, PR, last_started_at=started) == ChallengeAvailability(
        False, "Your next mastery challenge unlocks in 6 hours.", started + timedelta(hours=12)
    )


def test_one_second_before_the_cooldown_ends_it_is_still_locked() -> None:
    started = NOW - timedelta(hours=12) + timedelta(seconds=1)
    result = availability(FA, FA, PR, last_started_at=started)
    assert not result.available
    assert result.reason == "Your next mastery challenge unlocks in 1 hour."


def test_unlocks_exactly_12_hours_after_the_last_one_started() -> None:
    assert availability(FA, FA, PR, last_started_at=NOW - timedelta(hours=12)).available


def test_progress_is_reported_before_the_cooldown() -> None:
    result = availability(FA, FA, last_started_at=NOW - timedelta(hours=1))
    assert result.reason.startswith("Get 1 more skill") and result.available_at is None


def test_never_available_with_fewer_skills_to_test_than_a_challenge_needs() -> None:
    policy = policy_from_overrides({"mastery_challenge_unlock_familiar": 1})
    result = mastery_challenge_availability(standings(PR, FA), None, NOW, policy)
    assert result == ChallengeAvailability(
        False, "Get 1 more skill to Familiar or higher to unlock it.", None
    )


def test_the_unlock_numbers_come_from_the_policy() -> None:
    policy = policy_from_overrides(
        {"mastery_challenge_unlock_proficient": 2, "mastery_challenge_cooldown_hours": 24}
    )
    assert not mastery_challenge_availability(standings(FA, FA, PR), None, NOW, policy).available
    last = NOW - timedelta(hours=13)
    result = mastery_challenge_availability(standings(FA, PR, PR), last, NOW, policy)
    assert result.reason == "Your next mastery challenge unlocks in 11 hours."


def test_times_without_a_time_zone_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        mastery_challenge_availability(standings(FA, FA, PR), None, datetime(2025, 3, 10))


# Expiry.


@pytest.mark.parametrize(
    ("elapsed", "expired"),
    [
        (timedelta(hours=11, minutes=59, seconds=59), False),
        (timedelta(hours=12), True),
        (timedelta(days=3), True),
    ],
    ids=["just-before-12h", "exactly-12h", "days-later"],
)
def test_a_challenge_expires_12_hours_after_it_started(elapsed: timedelta, expired: bool) -> None:
    assert challenge_expired(NOW - elapsed, NOW) is expired


def test_a_challenge_expires_when_its_courses_expiry_hours_have_passed() -> None:
    policy = policy_from_overrides({"mastery_challenge_expiry_hours": 2})
    assert challenge_expires_at(NOW, policy) == NOW + timedelta(hours=2)
    assert challenge_expired(NOW, NOW + timedelta(hours=2), policy)
    assert not challenge_expired(NOW, NOW + timedelta(hours=1, minutes=59), policy)


# Which skills.


def test_only_skills_at_familiar_or_higher_are_tested() -> None:
    skills = [
        skill("never", NS, 0, None),
        skill("tried", AT, 1, 30),
        skill("a", FA, 2, 1),
        skill("b", PR, 3, 2),
        skill("c", FA, 4, 3),
    ]
    assert sorted(mastery_challenge_skills(skills)) == ["a", "b", "c"]


def test_skills_not_yet_mastered_come_before_mastered_ones() -> None:
    skills = [
        skill("old-mastered", MA, 0, 90),
        skill("a", FA, 1, 1),
        skill("b", PR, 2, 1),
        skill("c", FA, 3, 1),
    ]
    assert mastery_challenge_skills(skills) == ["a", "b", "c"]


def test_the_longest_unpractised_skills_come_first_and_never_counts_as_longest() -> None:
    skills = [
        skill("yesterday", FA, 0, 1),
        skill("last-month", PR, 1, 30),
        skill("last-week", FA, 2, 7),
        skill("never", FA, 3, None),
    ]
    assert mastery_challenge_skills(skills) == ["never", "last-month", "last-week"]


def test_equal_skills_are_taken_in_course_order() -> None:
    skills = [
        skill(slug, FA, position, 2) for position, slug in [(3, "d"), (1, "b"), (0, "a"), (2, "c")]
    ]
    assert mastery_challenge_skills(skills) == ["a", "b", "c"]


def test_mastered_skills_fill_in_when_too_few_others_qualify() -> None:
    skills = [
        skill("m-recent", MA, 0, 1),
        skill("m-old", MA, 1, 40),
        skill("m-older", MA, 2, 50),
        skill("p", PR, 3, 2),
    ]
    assert mastery_challenge_skills(skills) == ["p", "m-older", "m-old"]


def test_with_too_few_skills_the_choice_is_short_and_no_questions_are_made() -> None:
    skills = standings(FA, PR, AT)
    assert mastery_challenge_skills(skills) == ["s0", "s1"]
    with pytest.raises(ValueError, match="needs 3 skills"):
        mastery_challenge_questions(skills, random.Random(0))


def test_six_questions_two_per_skill_in_random_order() -> None:
    skills = standings(FA, FA, PR, MA, AT)
    questions = mastery_challenge_questions(skills, random.Random(5))
    assert Counter(questions) == {"s0": 2, "s1": 2, "s2": 2}
    assert mastery_challenge_questions(skills, random.Random(5)) == questions
    orders = {tuple(mastery_challenge_questions(skills, random.Random(seed))) for seed in range(10)}
    assert len(orders) > 1
