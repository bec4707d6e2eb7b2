"""The mastery policy: defaults from docs/mastery-rules.md, overrides validated."""

import pytest

from proficio.mastery.policy import DEFAULT_POLICY, PolicyError, policy_from_overrides


def test_defaults_are_the_specs_numbers() -> None:
    assert DEFAULT_POLICY.questions_per_practice == 4
    assert (
        DEFAULT_POLICY.familiar_points,
        DEFAULT_POLICY.proficient_points,
        DEFAULT_POLICY.mastered_points,
    ) == (50, 80, 100)
    assert DEFAULT_POLICY.familiar_threshold_percent == 70
    assert DEFAULT_POLICY.unit_test_max_skills == 30
    assert DEFAULT_POLICY.course_challenge_questions == 30
    assert (
        DEFAULT_POLICY.mastery_challenge_skills,
        DEFAULT_POLICY.mastery_challenge_questions_per_skill,
    ) == (3, 2)
    assert (
        DEFAULT_POLICY.mastery_challenge_cooldown_hours
        == DEFAULT_POLICY.mastery_challenge_expiry_hours
        == 12
    )


def test_an_override_changes_only_its_setting() -> None:
    policy = policy_from_overrides({"questions_per_practice": 5})
    assert policy.questions_per_practice == 5
    assert policy.mastered_points == 100


@pytest.mark.parametrize(
    ("overrides", "key", "message"),
    [
        ({"questions_per_practise": 5}, "questions_per_practise", "unknown policy setting"),
        ({"questions_per_practice": "four"}, "questions_per_practice", "should be a whole number"),
        ({"questions_per_practice": True}, "questions_per_practice", "should be a whole number"),
        ({"questions_per_practice": 0}, "questions_per_practice", "should be between 1 and 50"),
        ({"bonus_question": "yes"}, "bonus_question", "should be true or false"),
        ({"familiar_points": 90}, "mastered_points", "points must rise with the level"),
        (
            {"familiar_threshold_percent": 90, "proficient_threshold_percent": 80},
            "familiar_threshold_percent",
            "must be below proficient_threshold_percent",
        ),
    ],
)
def test_a_bad_override_is_refused_with_its_reason(
    overrides: dict[str, object], key: str, message: str
) -> None:
    with pytest.raises(PolicyError) as raised:
        policy_from_overrides(overrides)
    assert message in raised.value.problems[key]
