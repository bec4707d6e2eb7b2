"""The mastery engine: pure Python, standard library only, no Django, no I/O.

Its rules are named here, the one door the rest of Proficio goes through; each module holds one
part of the rules in `docs/mastery-rules.md`.
"""

from proficio.mastery.assessments import (
    assessment_result,
    course_challenge_questions,
    quiz_questions,
    shuffled,
    unit_test_questions,
)
from proficio.mastery.challenges import (
    ChallengeAvailability,
    SkillStanding,
    challenge_expired,
    challenge_expires_at,
    mastery_challenge_availability,
    mastery_challenge_questions,
)
from proficio.mastery.levels import Level, level_down, level_up, points_for
from proficio.mastery.policy import (
    DEFAULT_POLICY,
    MasteryPolicy,
    PolicyError,
    policy_from_overrides,
)
from proficio.mastery.practice import (
    ScoreBand,
    bonus_question_offered,
    practice_result,
    score_with_bonus,
)
from proficio.mastery.progress import mastery_percent, points_earned, points_possible
from proficio.mastery.up_next import Recommendation, UnitOutline, up_next

__all__ = [
    "DEFAULT_POLICY",
    "ChallengeAvailability",
    "Level",
    "MasteryPolicy",
    "PolicyError",
    "Recommendation",
    "ScoreBand",
    "SkillStanding",
    "UnitOutline",
    "assessment_result",
    "bonus_question_offered",
    "challenge_expired",
    "challenge_expires_at",
    "course_challenge_questions",
    "level_down",
    "level_up",
    "mastery_challenge_availability",
    "mastery_challenge_questions",
    "mastery_percent",
    "points_earned",
    "points_for",
    "points_possible",
    "policy_from_overrides",
    "practice_result",
    "quiz_questions",
    "score_with_bonus",
    "shuffled",
    "unit_test_questions",
    "up_next",
]
