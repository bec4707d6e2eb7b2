"""Mastery points and mastery %, for a unit or a whole course.

The same functions serve both: pass the levels of the unit's skills for unit mastery, of
the course's skills for course mastery. A skill held by two units counts once in each unit
and once in the course, which is up to the caller's choice of levels.
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from proficio.mastery.levels import Level, points_for
from proficio.mastery.policy import DEFAULT_POLICY, MasteryPolicy


def points_earned(levels: Iterable[Level], policy: MasteryPolicy = DEFAULT_POLICY) -> int:
    """The mastery points of these skills at their levels."""
    return sum(points_for(level, policy) for level in levels)


def points_possible(skill_count: int, policy: MasteryPolicy = DEFAULT_POLICY) -> int:
    """The points if every one of `skill_count` skills were Mastered."""
    if skill_count < 0:
        raise ValueError(f"a unit or course cannot have {skill_count} skills")
    return policy.mastered_points * skill_count


def mastery_percent(
    levels: Iterable[Level],
    skill_count: int | None = None,
    policy: MasteryPolicy = DEFAULT_POLICY,
) -> float:
    """Points earned ÷ points possible × 100, to one decimal place (halves round up).

    `skill_count` is the number of skills in the unit or course; it defaults to the number of
    levels given, and when it is given the levels of skills not started may be left out.
    A unit or course with no skills is at 0.0 %.
    """
    levels = list(levels)
    count = len(levels) if skill_count is None else skill_count
    if count < len(levels):
        raise ValueError(f"{len(levels)} levels given for only {count} skills")
    possible = points_possible(count, policy)
    if possible == 0:
        return 0.0
    # Decimal, not round(): round() rounds halves to even on binary floats, so 1 Familiar
    # skill of 8 (exactly 6.25 %) would show as 6.2 % instead of the 6.3 % people expect.
    exact = Decimal(100 * points_earned(levels, policy)) / Decimal(possible)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
