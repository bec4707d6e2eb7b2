"""Mastery challenges: when one unlocks, which skills it tests, and when it expires.

A finished challenge changes each tested skill by `assessments.assessment_result` (both
right → up, both wrong → down, one of each → unchanged). All datetimes are timezone-aware.
"""

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from proficio.mastery.assessments import shuffled
from proficio.mastery.levels import Level
from proficio.mastery.policy import DEFAULT_POLICY, MasteryPolicy

# A skill never finished sorts as finished longest ago.
_NEVER = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class SkillStanding:
    """Where a learner stands on one skill of the course."""

    slug: str
    level: Level
    last_finished_at: datetime | None  # the last finished task on this skill; None = never
    position: int  # the skill's place in course order


@dataclass(frozen=True)
class ChallengeAvailability:
    """Whether a mastery challenge can start now, and a sentence telling the learner why.

    `available_at` is when the cooldown ends, if only the cooldown holds it back; None when
    the challenge is ready now or when it waits on the learner's progress, not on the clock.
    """

    available: bool
    reason: str
    available_at: datetime | None


def _require_aware(**moments: datetime | None) -> None:
    for name, moment in moments.items():
        if moment is not None and moment.utcoffset() is None:
            raise ValueError(f"{name} must be timezone-aware, got {moment!r}")


def _count(count: int, noun: str, more: bool = False) -> str:
    """A count in words: `_count(2, "skill")` is "2 skills", with `more` "2 more skills"."""
    return f"{count}{' more' if more else ''} {noun}{'' if count == 1 else 's'}"


def _hours(delta: timedelta) -> str:
    hours = max(1, math.ceil(delta / timedelta(hours=1)))  # "in 0 hours" would read as now
    return _count(hours, "hour")


def mastery_challenge_availability(
    skills: Sequence[SkillStanding],
    last_started_at: datetime | None,
    now: datetime,
    policy: MasteryPolicy = DEFAULT_POLICY,
) -> ChallengeAvailability:
    """The unlock rule: enough skills at Familiar or higher and at Proficient or higher, and
    the cooldown over since the last challenge was started (finished or not).

    A challenge also needs `policy.mastery_challenge_skills` skills at Familiar or higher to
    test, even if a pack lowers the unlock numbers.
    """
    _require_aware(last_started_at=last_started_at, now=now)
    familiar = sum(1 for skill in skills if skill.level >= Level.FAMILIAR)
    proficient = sum(1 for skill in skills if skill.level >= Level.PROFICIENT)
    need_familiar = (
        max(policy.mastery_challenge_unlock_familiar, policy.mastery_challenge_skills) - familiar
    )
    need_proficient = policy.mastery_challenge_unlock_proficient - proficient
    if need_familiar > 0 and need_proficient > 0:
        # One skill raised to Proficient counts towards both numbers.
        return ChallengeAvailability(
            False,
            f"Get {_count(need_familiar, 'skill', more=True)} to Familiar or higher, "
            f"and {need_proficient} more to Proficient or higher, to unlock it.",
            None,
        )
    if need_familiar > 0:
        return ChallengeAvailability(
            False,
            f"Get {_count(need_familiar, 'skill', more=True)} to Familiar or higher to unlock it.",
            None,
        )
    if need_proficient > 0:
        return ChallengeAvailability(
            False,
            f"Get {_count(need_proficient, 'skill', more=True)} to Proficient or higher "
            "to unlock it.",
            None,
        )
    if last_started_at is not None:
        unlocks_at = last_started_at + timedelta(hours=policy.mastery_challenge_cooldown_hours)
        if now < unlocks_at:
            return ChallengeAvailability(
                False,
                f"Your next mastery challenge unlocks in {_hours(unlocks_at - now)}.",
                unlocks_at,
            )
    questions = policy.mastery_challenge_skills * policy.mastery_challenge_questions_per_skill
    return ChallengeAvailability(
        True,
        f"Ready: {_count(questions, 'question')} on "
        f"{_count(policy.mastery_challenge_skills, 'skill')}.",
        None,
    )


def mastery_challenge_skills(
    skills: Sequence[SkillStanding], policy: MasteryPolicy = DEFAULT_POLICY
) -> list[str]:
    """The skills a mastery challenge tests, best first.

    Only skills at Familiar or higher (testing unpractised skills frustrated learners).
    Prefer skills not yet Mastered, then the longest since their last finished task (never
    counts as longest), then course order; Mastered skills fill in when too few others
    qualify. Returns fewer than `policy.mastery_challenge_skills` only when too few skills
    are at Familiar or higher.
    """
    candidates = [skill for skill in skills if skill.level >= Level.FAMILIAR]
    _require_aware(**{skill.slug: skill.last_finished_at for skill in candidates})
    candidates.sort(
        key=lambda skill: (
            skill.level is Level.MASTERED,
            skill.last_finished_at or _NEVER,
            skill.position,
        )
    )
    chosen: list[str] = []
    for skill in candidates:
        if skill.slug not in chosen:
            chosen.append(skill.slug)
        if len(chosen) == policy.mastery_challenge_skills:
            break
    return chosen


def mastery_challenge_questions(
    skills: Sequence[SkillStanding], rng: random.Random, policy: MasteryPolicy = DEFAULT_POLICY
) -> list[str]:
    """The challenge's questions in random order: `questions_per_skill` on each chosen skill."""
    chosen = mastery_challenge_skills(skills, policy)
    if len(chosen) < policy.mastery_challenge_skills:
        raise ValueError(
            f"a mastery challenge needs {_count(policy.mastery_challenge_skills, 'skill')} "
            f"at Familiar or higher; only {len(chosen)} are"
        )
    per_skill = policy.mastery_challenge_questions_per_skill
    return shuffled([skill for skill in chosen for _ in range(per_skill)], rng)


def challenge_expires_at(started_at: datetime, policy: MasteryPolicy = DEFAULT_POLICY) -> datetime:
    """When a challenge started at `started_at` can no longer be finished."""
    _require_aware(started_at=started_at)
    return started_at + timedelta(hours=policy.mastery_challenge_expiry_hours)


def challenge_expired(
    started_at: datetime, now: datetime, policy: MasteryPolicy = DEFAULT_POLICY
) -> bool:
    """Whether a challenge started at `started_at` can no longer be finished (it changes
    nothing once expired)."""
    _require_aware(now=now)
    return now >= challenge_expires_at(started_at, policy)
