"""Practice sets on one skill: the new level after a finished set, and the bonus question.

Only a finished set reaches these functions: an abandoned set changes nothing, so callers
simply do not call them for one.
"""

from enum import Enum

from proficio.mastery.levels import Level
from proficio.mastery.policy import DEFAULT_POLICY, MasteryPolicy


class ScoreBand(Enum):
    """The columns of the practice table in docs/mastery-rules.md (default 70 % and 100 %)."""

    NOT_YET = "below the Familiar threshold"  # < 70 %
    MOSTLY_RIGHT = "Familiar threshold to below Proficient"  # 70 % to < 100 %
    ALL_RIGHT = "Proficient threshold"  # 100 %


# The practice table of docs/mastery-rules.md, row by row: level → result for each score band.
# Practice alone never reaches Mastered, and it can lower a level.
_PRACTICE_TABLE: dict[Level, dict[ScoreBand, Level]] = {
    Level.NOT_STARTED: {
        ScoreBand.NOT_YET: Level.ATTEMPTED,
        ScoreBand.MOSTLY_RIGHT: Level.FAMILIAR,
        ScoreBand.ALL_RIGHT: Level.PROFICIENT,
    },
    Level.ATTEMPTED: {
        ScoreBand.NOT_YET: Level.ATTEMPTED,
        ScoreBand.MOSTLY_RIGHT: Level.FAMILIAR,
        ScoreBand.ALL_RIGHT: Level.PROFICIENT,
    },
    Level.FAMILIAR: {
        ScoreBand.NOT_YET: Level.ATTEMPTED,
        ScoreBand.MOSTLY_RIGHT: Level.FAMILIAR,
        ScoreBand.ALL_RIGHT: Level.PROFICIENT,
    },
    Level.PROFICIENT: {
        ScoreBand.NOT_YET: Level.FAMILIAR,
        ScoreBand.MOSTLY_RIGHT: Level.FAMILIAR,
        ScoreBand.ALL_RIGHT: Level.PROFICIENT,
    },
    Level.MASTERED: {
        ScoreBand.NOT_YET: Level.FAMILIAR,
        ScoreBand.MOSTLY_RIGHT: Level.PROFICIENT,
        ScoreBand.ALL_RIGHT: Level.MASTERED,
    },
}


def _check_score(correct: int, total: int) -> None:
    if total <= 0:
        raise ValueError(f"a practice set has at least one question, not {total}")
    if not 0 <= correct <= total:
        raise ValueError(f"{correct} correct is not between 0 and the set's {total} questions")


def score_band(correct: int, total: int, policy: MasteryPolicy = DEFAULT_POLICY) -> ScoreBand:
    """Which column of the practice table a score of `correct` out of `total` falls in."""
    _check_score(correct, total)
    # Compare in whole numbers: 3/4 against 70 % must not depend on float rounding.
    if correct * 100 >= policy.proficient_threshold_percent * total:
        return ScoreBand.ALL_RIGHT
    if correct * 100 >= policy.familiar_threshold_percent * total:
        return ScoreBand.MOSTLY_RIGHT
    return ScoreBand.NOT_YET


def practice_result(
    current: Level, correct: int, total: int, policy: MasteryPolicy = DEFAULT_POLICY
) -> Level:
    """The skill's level after a finished practice set (the practice table)."""
    return _PRACTICE_TABLE[current][score_band(correct, total, policy)]


def bonus_question_offered(
    *,
    correct: int,
    total: int,
    distinct_questions: int | None,
    same_questions_for_everyone: bool,
    policy: MasteryPolicy = DEFAULT_POLICY,
) -> bool:
    """Whether a finished set earns one bonus question that can erase its single miss.

    `distinct_questions` is the size of the exercise's question bank; None means unlimited
    (the exercise generates its questions). A small bank would repeat a question the learner
    just saw, and an assignment that is the same for every student must stay comparable.
    """
    _check_score(correct, total)
    if not policy.bonus_question or same_questions_for_everyone:
        return False
    if distinct_questions is not None and distinct_questions < policy.questions_per_practice + 1:
        return False
    return total - correct == 1


def score_with_bonus(correct: int, total: int, bonus_right: bool | None) -> int:
    """The set's correct count once the bonus question is answered (None: skipped or none).

    A right bonus answer erases the one miss, so the set scores 100 %; a wrong or skipped one
    leaves the score as it was. A bonus answer on a set without exactly one miss is a caller's
    mistake (no bonus was offered), so it is refused rather than silently scored.
    """
    _check_score(correct, total)
    if bonus_right is None:
        return correct
    if total - correct != 1:
        raise ValueError(f"no bonus question is offered for {correct} of {total} correct")
    return total if bonus_right else correct
