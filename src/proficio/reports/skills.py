"""The skills report: each learner's level on every skill of a course or unit, and counts."""

from collections.abc import Sequence
from typing import TypedDict

from proficio.classroom.api import class_course
from proficio.classroom.models import Classroom
from proficio.content.models import UnitSkill
from proficio.learning.models import SkillState
from proficio.mastery import Level

from .scope import course_unit, learner_names

LEVELS: tuple[str, ...] = tuple(level.slug for level in Level)  # indexed by the stored int


class LearnerLevels(TypedDict):
    learner: int
    username: str
    display_name: str
    levels: dict[str, str]


class SkillsReport(TypedDict):
    course: str
    unit: str | None
    skills: list[str]
    learners: list[LearnerLevels]
    counts: dict[str, dict[str, int]]


def skills_grid(
    *, classroom: Classroom, course: str, unit: str | None = None, learner_ids: Sequence[int]
) -> SkillsReport:
    """Levels of the learners (in the order given) on the active skills, in course order.

    Skills of the course's active units, or of one unit; a skill taught in two units shows once,
    where it first appears. No skill state means Not started. `counts` has every level for
    every skill, zeros included. Five queries (six for a unit), however many learners or answers.
    """
    found = class_course(classroom, course)
    unit_skills = UnitSkill.objects.filter(skill__archived=False)
    if unit is not None:
        unit_skills = unit_skills.filter(unit=course_unit(course=found, slug=unit))
    else:
        unit_skills = unit_skills.filter(unit__course=found, unit__archived=False)
    skills = dict(
        unit_skills.order_by("unit__position", "position").values_list("skill_id", "skill__slug")
    )  # a skill keeps the place where it first appears; a later unit only rewrites its slug
    states = SkillState.objects.filter(course=found, learner_id__in=learner_ids)
    if unit is not None:
        states = states.filter(skill_id__in=list(skills))
    stored: dict[int, dict[int, int]] = {pk: {} for pk in learner_ids}
    for learner_id, skill_id, level in states.values_list("learner_id", "skill_id", "level"):
        stored[learner_id][skill_id] = level
    names = learner_names(learner_ids)
    counts = {slug: dict.fromkeys(LEVELS, 0) for slug in skills.values()}
    learners: list[LearnerLevels] = []
    for pk in learner_ids:
        levels: dict[str, str] = {}
        for skill_id, slug in skills.items():
            spelled = LEVELS[stored[pk].get(skill_id, Level.NOT_STARTED)]
            levels[slug] = spelled
            counts[slug][spelled] += 1
        learners.append(
            {
                "learner": pk,
                "username": names[pk].username,
                "display_name": names[pk].display_name,
                "levels": levels,
            }
        )
    return {
        "course": found.slug,
        "unit": unit,
        "skills": list(skills.values()),
        "learners": learners,
        "counts": counts,
    }
