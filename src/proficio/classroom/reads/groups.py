"""Reads of skill groups: a class's groups, and groups suggested from the learners' mastery
points."""

from collections import defaultdict

from proficio.content.models import Course, Skill, Unit, UnitSkill
from proficio.learning.models import SkillState

from ..data import GroupSuggestion, GroupView
from ..errors import ClassNotFound
from ..models import Classroom, SkillGroup
from ..rules import BANDS, band_for
from .classes import class_learner_ids


def group_view(group: SkillGroup) -> GroupView:
    """A group with all its learners, those who have left the class too."""
    return GroupView(
        id=group.pk,
        name=group.name,
        learners=sorted(group.learners.values_list("pk", flat=True)),
    )


def class_groups(classroom: Classroom) -> list[GroupView]:
    """The class's groups, by name."""
    return [group_view(group) for group in classroom.groups.order_by("name", "pk")]


def suggested_groups(
    classroom: Classroom, course: Course, unit: Unit | None, skill_slugs: list[str]
) -> list[GroupSuggestion]:
    """The class's learners put in bands by their average mastery points on the skills."""
    if skill_slugs:
        skills = list(
            Skill.objects.filter(course=course, slug__in=skill_slugs, archived=False).values_list(
                "pk", "slug", "title"
            )
        )
        missing = sorted(set(skill_slugs) - {slug for _, slug, _ in skills})
        if missing:
            raise ClassNotFound(f"There is no skill '{missing[0]}' in the course '{course.slug}'.")
        # Teachers read the reason: the skill's title, not its slug.
        what = (
            f"the skill '{skills[0][2]}'"
            if len(skills) == 1
            else f"the {len(skills)} chosen skills"
        )
    else:
        unit_skills = UnitSkill.objects.filter(skill__archived=False)
        if unit is not None:
            unit_skills = unit_skills.filter(unit=unit)
            what = f"the skills of the unit '{unit.title}'"
        else:
            unit_skills = unit_skills.filter(unit__course=course, unit__archived=False)
            what = f"the skills of the course '{course.title}'"
        skills = list(
            dict.fromkeys(unit_skills.values_list("skill_id", "skill__slug", "skill__title"))
        )
        if not skills:
            raise ClassNotFound("There are no skills to group by here.")
    skill_ids = [pk for pk, _, _ in skills]
    learner_ids = class_learner_ids(classroom)
    totals: dict[int, int] = defaultdict(int)
    for learner_id, points in SkillState.objects.filter(
        learner_id__in=learner_ids, skill_id__in=skill_ids
    ).values_list("learner_id", "points"):
        totals[learner_id] += points
    averages = {pk: round(totals[pk] / len(skill_ids), 1) for pk in learner_ids}
    suggestions = []
    for band in BANDS:
        members = [pk for pk in learner_ids if band_for(averages[pk]) is band]
        if not members:
            continue
        limit = (
            f"under {band.high:g}" if band.low == 0 else
            f"{band.low:g} and over" if band.high == float("inf") else
            f"{band.low:g} to under {band.high:g}"
        )  # fmt: skip
        suggestions.append(
            GroupSuggestion(
                name=band.name,
                learners=members,
                levels=list(band.levels),
                averages={str(pk): averages[pk] for pk in members},
                reason=(
                    f"{len(members)} learner{'s' if len(members) != 1 else ''} with an average of "
                    f"{limit} mastery points on {what}: {band.meaning}."
                ),
            )
        )
    return suggestions
