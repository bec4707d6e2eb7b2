"""A course's mastery policy: the numbers of docs/mastery-rules.md, as data.

A pack may override any of them under `policy:` in course.yaml; the engine reads the policy,
it never hard-codes the numbers.
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any


class PolicyError(ValueError):
    """The pack's policy overrides are not valid; `problems` maps each key to what is wrong."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{key}: {message}" for key, message in problems.items()))


@dataclass(frozen=True)
class MasteryPolicy:
    # Practice (one exercise = one skill).
    questions_per_practice: int = 4
    familiar_threshold_percent: int = 70
    # A score at or above this reaches Proficient: the practice table's "full" column.
    proficient_threshold_percent: int = 100
    bonus_question: bool = True
    # Points of each level; Not started and Attempted are worth 0.
    familiar_points: int = 50
    proficient_points: int = 80
    mastered_points: int = 100
    # Mixed-skill assessments.
    quiz_questions_per_skill: int = 1
    unit_test_questions_per_skill: int = 1
    unit_test_max_skills: int = 30
    course_challenge_questions: int = 30
    # "a second question goes to as many skills as the cap allows": at most 2 per skill.
    course_challenge_max_questions_per_skill: int = 2
    # Mastery challenges.
    mastery_challenge_skills: int = 3
    mastery_challenge_questions_per_skill: int = 2
    mastery_challenge_unlock_familiar: int = 3
    mastery_challenge_unlock_proficient: int = 1
    mastery_challenge_cooldown_hours: int = 12
    mastery_challenge_expiry_hours: int = 12


DEFAULT_POLICY = MasteryPolicy()

# The smallest and largest value each integer setting may take, so that a typo in a pack
# (questions_per_practice: 400) is caught when the pack is checked, not when a learner meets it.
_BOUNDS: dict[str, tuple[int, int]] = {
    "questions_per_practice": (1, 50),
    "familiar_threshold_percent": (1, 99),
    "proficient_threshold_percent": (1, 100),
    "familiar_points": (1, 99),
    "proficient_points": (1, 99),
    "mastered_points": (1, 1000),
    "quiz_questions_per_skill": (1, 10),
    "unit_test_questions_per_skill": (1, 10),
    "unit_test_max_skills": (1, 200),
    "course_challenge_questions": (1, 200),
    "course_challenge_max_questions_per_skill": (1, 10),
    "mastery_challenge_skills": (1, 20),
    "mastery_challenge_questions_per_skill": (1, 10),
    "mastery_challenge_unlock_familiar": (0, 100),
    "mastery_challenge_unlock_proficient": (0, 100),
    "mastery_challenge_cooldown_hours": (0, 24 * 30),
    "mastery_challenge_expiry_hours": (1, 24 * 30),
}


def policy_from_overrides(overrides: Mapping[str, Any] | None) -> MasteryPolicy:
    """The defaults with a pack's overrides applied; PolicyError lists every bad key."""
    if not overrides:
        return DEFAULT_POLICY
    known = {field.name: field for field in fields(MasteryPolicy)}
    problems: dict[str, str] = {}
    values: dict[str, Any] = {}
    for key, value in overrides.items():
        if key not in known:
            problems[str(key)] = "unknown policy setting"
            continue
        default = getattr(DEFAULT_POLICY, key)
        if isinstance(default, bool):
            if not isinstance(value, bool):
                problems[key] = "should be true or false"
                continue
        else:
            low, high = _BOUNDS[key]
            if isinstance(value, bool) or not isinstance(value, int):
                problems[key] = "should be a whole number"
                continue
            if not low <= value <= high:
                problems[key] = f"should be between {low} and {high}"
                continue
        values[key] = value
    policy = replace(DEFAULT_POLICY, **values)
    if not policy.familiar_points < policy.proficient_points < policy.mastered_points:
        problems["mastered_points"] = (
            "points must rise with the level: familiar < proficient < mastered"
        )
    if policy.familiar_threshold_percent >= policy.proficient_threshold_percent:
        problems["familiar_threshold_percent"] = (
            "must be below proficient_threshold_percent, or no score would make a skill Familiar"
        )
    if problems:
        raise PolicyError(problems)
    return policy
