"""A signed-in learner's standing, shaped for the home, course and unit pages.

It composes the selectors the API answers with (course progress, up next, goals, assignments),
so a page and the API never disagree; it only adds titles and the mastery bars' level counts.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from proficio.accounts.models import User
from proficio.classroom.api import classes_of, learner_assignments, learner_goals
from proficio.classroom.data import LearnerAssignment, LearnerGoal
from proficio.content.api import ContentNotFound, CourseTree, UnitEntry, course_tree
from proficio.learning.api import (
    completed_items,
    course_progress,
    courses_worked_in,
    recommendations,
)
from proficio.learning.data import UpNextStep
from proficio.mastery import ChallengeAvailability, Level

# Bars and legends read from the top level down: Mastered first, at the left.
LEVELS_TOP_DOWN = sorted(Level, reverse=True)

# Assignment statuses that still ask something of the learner.
UNFINISHED = ("past_due", "not_started", "in_progress")


@dataclass(frozen=True)
class LevelShare:
    """One segment of a mastery bar: how many skills are at this level."""

    level: Level
    count: int
    percent: float  # of the bar's width


@dataclass(frozen=True)
class MasteryBar:
    mastery_percent: float
    points: int
    points_possible: int
    shares: list[LevelShare]

    @property
    def skill_count(self) -> int:
        return sum(share.count for share in self.shares)


@dataclass(frozen=True)
class NextStep:
    """The up-next recommendation, with what the page shows and posts to start it."""

    kind: str
    title: str
    reason: str
    start: dict[str, str]
    label: str  # the start button's words


@dataclass
class CourseStanding:
    tree: CourseTree
    bar: MasteryBar
    unit_bars: dict[str, MasteryBar]
    levels: dict[str, Level]
    next_step: NextStep | None
    mastery_challenge: ChallengeAvailability
    assignments: list[LearnerAssignment] = field(default_factory=list)
    goals: list[LearnerGoal] = field(default_factory=list)

    @property
    def units(self) -> list[tuple[UnitEntry, MasteryBar]]:
        return [(unit, self.unit_bars[unit.slug]) for unit in self.tree.units]


def level_shares(levels: list[Level]) -> list[LevelShare]:
    """Every level with its count of skills, top level first (zero counts included)."""
    counts = Counter(levels)
    total = len(levels) or 1
    return [
        LevelShare(level, counts[level], round(100 * counts[level] / total, 2))
        for level in LEVELS_TOP_DOWN
    ]


def course_standing(learner: User, course_slug: str, now: datetime) -> CourseStanding:
    """The learner's course page: bars, up next, the mastery challenge, its goals and work due."""
    tree = course_tree(course_slug)
    progress = course_progress(learner, course_slug, now)
    levels = {skill.slug: Level.from_slug(skill.level) for skill in progress.skills}
    unit_rows = {unit.slug: unit for unit in progress.units}
    unit_bars = {}
    for unit in tree.units:
        row = unit_rows.get(unit.slug)
        unit_bars[unit.slug] = MasteryBar(
            row.mastery_percent if row else 0.0,
            row.points if row else 0,
            row.points_possible if row else 0,
            level_shares([levels.get(skill.slug, Level.NOT_STARTED) for skill in unit.skills]),
        )
    return CourseStanding(
        tree=tree,
        bar=MasteryBar(
            progress.course_mastery_percent,
            progress.points,
            progress.points_possible,
            level_shares(list(levels.values())),
        ),
        unit_bars=unit_bars,
        levels=levels,
        next_step=_next_step(tree, recommendations(learner, course_slug, now)),
        mastery_challenge=progress.mastery_challenge,
    )


def _next_step(tree: CourseTree, recommended: list[UpNextStep]) -> NextStep | None:
    if not recommended:
        return None
    best = recommended[0]
    start = {"kind": best.kind, "course": tree.slug}
    if best.kind == "practice":
        assert best.skill is not None  # practice is recommended for a skill
        titles = {skill.slug: skill.title for unit in tree.units for skill in unit.skills}
        title = f"Practise: {titles.get(best.skill, best.skill)}"
        start["skill"] = best.skill
        label = "Start practising"
    elif best.kind == "unit_test":
        assert best.unit is not None  # a unit test is recommended for a unit
        unit = next((u for u in tree.units if u.slug == best.unit), None)
        title = f"Unit test: {unit.title if unit else best.unit}"
        start["unit"] = best.unit
        label = "Start the unit test"
    else:
        title, label = "Mastery challenge", "Start the mastery challenge"
    return NextStep(best.kind, title, best.reason, start, label)


def my_course_slugs(learner: User) -> list[str]:
    """The courses of the learner's classes and the courses they have worked in."""
    slugs = {slug for classroom in classes_of(learner) for slug in classroom.courses}
    slugs.update(courses_worked_in(learner))
    return sorted(slugs)


def my_courses(learner: User, now: datetime) -> list[CourseStanding]:
    """Each of the learner's courses with its bar and up next, by title."""
    standings = []
    for slug in my_course_slugs(learner):
        try:
            standings.append(course_standing(learner, slug, now))
        except ContentNotFound:  # a course removed since; nothing to show
            continue
    return sorted(standings, key=lambda standing: standing.tree.title.lower())


def assignments_due(
    learner: User, now: datetime, course: str | None = None
) -> list[LearnerAssignment]:
    """The learner's unfinished assignments, due soonest first (only this course's, if given)."""
    return [
        assignment
        for assignment in learner_assignments(learner, now)
        if assignment.status in UNFINISHED
        and (course is None or any(item.course == course for item in assignment.items))
    ]


def my_goals(learner: User, now: datetime, course: str | None = None) -> list[LearnerGoal]:
    """The learner's goals with their pace and status (only this course's, if given)."""
    return [
        goal
        for goal in learner_goals(learner, now.date())
        if course is None or goal.course == course
    ]


def home_page(learner: User, now: datetime) -> dict[str, Any]:
    """Home: my courses with their bars and up next, assignments due soon, goals."""
    return {
        "courses": my_courses(learner, now),
        "assignments": assignments_due(learner, now),
        "goals": my_goals(learner, now),
    }


def course_page(learner: User, course_slug: str, now: datetime) -> CourseStanding:
    """The course page: the standing, with this course's assignments due and goals."""
    standing = course_standing(learner, course_slug, now)
    standing.assignments = assignments_due(learner, now, course_slug)
    standing.goals = my_goals(learner, now, course_slug)
    return standing


def items_done(learner: User, course_slug: str) -> dict[str, set[str]]:
    """The slugs of the articles and of the videos the learner has read or watched in a course."""
    done: dict[str, set[str]] = {"article": set(), "video": set()}
    for kind, slug in completed_items(learner, course_slug):
        done.setdefault(kind, set()).add(slug)
    return done
