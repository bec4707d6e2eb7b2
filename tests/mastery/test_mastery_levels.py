"""Levels and mastery points: the spec's table, and the one-level steps of assessments."""

import pytest

from proficio.mastery.levels import Level, level_down, level_up, points_for
from proficio.mastery.policy import DEFAULT_POLICY, PolicyError, policy_from_overrides


@pytest.mark.parametrize(
    ("level", "slug", "word", "points"),
    [
        (Level.NOT_STARTED, "not_started", "Not started", 0),
        (Level.ATTEMPTED, "attempted", "Attempted", 0),
        (Level.FAMILIAR, "familiar", "Familiar", 50),
        (Level.PROFICIENT, "proficient", "Proficient", 80),
        (Level.MASTERED, "mastered", "Mastered", 100),
    ],
    ids=["not_started_0", "attempted_0", "familiar_50", "proficient_80", "mastered_100"],
)
def test_each_level_has_its_slug_word_and_points(
    level: Level, slug: str, word: str, points: int
) -> None:
    assert (level.slug, level.word, points_for(level)) == (slug, word, points)
    assert Level.from_slug(slug) is level


def test_levels_are_ordered_from_not_started_to_mastered() -> None:
    assert sorted(Level, reverse=True)[0] is Level.MASTERED
    assert Level.NOT_STARTED < Level.ATTEMPTED < Level.FAMILIAR < Level.PROFICIENT
    assert Level.PROFICIENT < Level.MASTERED


def test_an_unknown_slug_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown level 'expert'"):
        Level.from_slug("expert")


def test_points_come_from_the_policy() -> None:
    policy = policy_from_overrides({"familiar_points": 40, "proficient_points": 70})
    assert [points_for(level, policy) for level in Level] == [0, 0, 40, 70, 100]


@pytest.mark.parametrize(
    ("level", "up"),
    [
        (Level.NOT_STARTED, Level.FAMILIAR),
        (Level.ATTEMPTED, Level.FAMILIAR),
        (Level.FAMILIAR, Level.PROFICIENT),
        (Level.PROFICIENT, Level.MASTERED),
        (Level.MASTERED, Level.MASTERED),
    ],
    ids=lambda level: level.slug,
)
def test_level_up(level: Level, up: Level) -> None:
    assert level_up(level) is up


@pytest.mark.parametrize(
    ("level", "down"),
    [
        (Level.NOT_STARTED, Level.ATTEMPTED),
        (Level.ATTEMPTED, Level.ATTEMPTED),
        (Level.FAMILIAR, Level.ATTEMPTED),
        (Level.PROFICIENT, Level.FAMILIAR),
        (Level.MASTERED, Level.PROFICIENT),
    ],
    ids=lambda level: level.slug,
)
def test_level_down(level: Level, down: Level) -> None:
    assert level_down(level) is down


def test_the_engines_policy_fields_default_to_the_spec() -> None:
    # The "100 %" column of the practice table, and "a second question" of course challenges.
    assert DEFAULT_POLICY.proficient_threshold_percent == 100
    assert DEFAULT_POLICY.course_challenge_max_questions_per_skill == 2


def test_the_engines_policy_fields_can_be_overridden_within_bounds() -> None:
    policy = policy_from_overrides(
        {"proficient_threshold_percent": 90, "course_challenge_max_questions_per_skill": 3}
    )
    assert policy.proficient_threshold_percent == 90
    assert policy.course_challenge_max_questions_per_skill == 3
    with pytest.raises(PolicyError) as raised:
        policy_from_overrides(
            {"proficient_threshold_percent": 101, "course_challenge_max_questions_per_skill": 0}
        )
    assert raised.value.problems == {
        "proficient_threshold_percent": "should be between 1 and 100",
        "course_challenge_max_questions_per_skill": "should be between 1 and 10",
    }
