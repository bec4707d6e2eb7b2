"""Up next: what a learner should do next in a self-paced course, and why.

The rules, best first: 1. a mastery challenge, when one is available; 2. the unit test of
the first unit whose skills are all Familiar or higher and not all Mastered; 3. practice of
the first skill in course order that is Not started or Attempted; 4. otherwise practice of
the lowest-level skill. Reasons are whole sentences that make sense under the title of the
thing recommended, so the engine needs no titles.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from proficio.mastery.levels import Level

RecommendationKind = Literal["mastery_challenge", "unit_test", "practice"]


@dataclass(frozen=True)
class UnitOutline:
    """A unit as up next sees it: its skills in course order, and whether it has a unit test."""

    slug: str
    skills: tuple[str, ...]
    has_unit_test: bool


@dataclass(frozen=True)
class Recommendation:
    """One thing to do next: `skill` is set for practice, `unit` for a unit test and for
    practice (the unit where the skill first appears), neither for a mastery challenge."""

    kind: RecommendationKind
    skill: str | None
    unit: str | None
    reason: str


def up_next(
    units: Sequence[UnitOutline], levels: Mapping[str, Level], challenge_available: bool
) -> list[Recommendation]:
    """Every up-next rule that applies, in the order of docs/mastery-rules.md, best first.

    Skills missing from `levels` are Not started. Rules 3 and 4 exclude each other, so the
    list holds at most three recommendations; it is empty only for a course without skills
    and without an available challenge.
    """
    recommendations: list[Recommendation] = []
    if challenge_available:
        recommendations.append(
            Recommendation(
                "mastery_challenge",
                None,
                None,
                "A mastery challenge is ready: it can level up skills from across the course.",
            )
        )

    for unit in units:
        unit_levels = [_level(levels, skill) for skill in dict.fromkeys(unit.skills)]
        if (
            unit.has_unit_test
            and all(level >= Level.FAMILIAR for level in unit_levels)
            and not all(level is Level.MASTERED for level in unit_levels)
        ):
            recommendations.append(
                Recommendation("unit_test", None, unit.slug, _unit_test_reason(unit_levels))
            )
            break

    # Course order: units in order, skills in unit order, a shared skill at its first unit.
    course: dict[str, str] = {}
    for unit in units:
        for skill in unit.skills:
            course.setdefault(skill, unit.slug)
    for skill, unit_slug in course.items():
        level = _level(levels, skill)
        if level <= Level.ATTEMPTED:
            reason = (
                "You haven't started this skill yet — it's the next one in the course."
                if level is Level.NOT_STARTED
                else "You've tried this skill but aren't Familiar with it yet — "
                "it's the next one to work on in the course."
            )
            recommendations.append(Recommendation("practice", skill, unit_slug, reason))
            break
    else:
        if course:
            # min() keeps the first of equal levels, so ties go to course order.
            skill = min(course, key=lambda slug: _level(levels, slug))
            level = _level(levels, skill)
            reason = (
                "You've mastered every skill; practising this one keeps it sharp."
                if level is Level.MASTERED
                else f"At {level.word}, this is your lowest-level skill."
            )
            recommendations.append(Recommendation("practice", skill, course[skill], reason))
    return recommendations


def _level(levels: Mapping[str, Level], skill: str) -> Level:
    return levels.get(skill, Level.NOT_STARTED)


def _unit_test_reason(unit_levels: Sequence[Level]) -> str:
    if len(unit_levels) == 1:
        return "This unit's skill is Familiar or better: the unit test can take it up a level."
    some_mastered = any(level is Level.MASTERED for level in unit_levels)
    return (
        f"All {len(unit_levels)} skills of this unit are Familiar or better: the unit test can "
        f"take {'the ones not yet Mastered' if some_mastered else 'them'} up a level."
    )
