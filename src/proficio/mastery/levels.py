"""Skill levels, their mastery points, and the one-level steps that assessments take.

The order of the members is the order of the ladder, so levels compare with < and >.
"""

from enum import IntEnum

from proficio.mastery.policy import DEFAULT_POLICY, MasteryPolicy


class Level(IntEnum):
    """A learner's level on one skill."""

    NOT_STARTED = 0
    ATTEMPTED = 1
    FAMILIAR = 2
    PROFICIENT = 3
    MASTERED = 4

    @property
    def slug(self) -> str:
        """The stable name stored in the database and the API: "not_started" … "mastered"."""
        return self.name.lower()

    @property
    def word(self) -> str:
        """The name a learner reads: "Not started" … "Mastered"."""
        return self.name.replace("_", " ").capitalize()

    @classmethod
    def from_slug(cls, slug: str) -> "Level":
        for level in cls:
            if level.slug == slug:
                return level
        known = ", ".join(level.slug for level in cls)
        raise ValueError(f"unknown level {slug!r}; expected one of: {known}")


def points_for(level: Level, policy: MasteryPolicy = DEFAULT_POLICY) -> int:
    """The mastery points a skill at `level` is worth; Not started and Attempted earn none."""
    if level is Level.MASTERED:
        return policy.mastered_points
    if level is Level.PROFICIENT:
        return policy.proficient_points
    if level is Level.FAMILIAR:
        return policy.familiar_points
    return 0


def level_up(level: Level) -> Level:
    """One level up: Not started and Attempted both go to Familiar; Mastered stays."""
    if level <= Level.ATTEMPTED:
        return Level.FAMILIAR
    return Level(min(level + 1, Level.MASTERED))


def level_down(level: Level) -> Level:
    """One level down: never below Attempted, since the learner has now tried the skill."""
    return Level(max(level - 1, Level.ATTEMPTED))
