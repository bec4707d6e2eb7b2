"""Skill groups: making, changing and removing a class's groups."""

from django.db import transaction

from ..errors import InvalidTeachingRequest
from ..models import Assignment, Classroom, Goal, SkillGroup
from .audiences import chosen_audience


def create_group(*, classroom: Classroom, name: str, learner_ids: list[int]) -> SkillGroup:
    with transaction.atomic():
        group = SkillGroup.objects.create(classroom=classroom, name=_group_name(name))
        group.learners.set(_class_learners(classroom, learner_ids))
    return group


def change_group(
    *, group: SkillGroup, name: str | None = None, learner_ids: list[int] | None = None
) -> SkillGroup:
    with transaction.atomic():
        if name is not None:
            group.name = _group_name(name)
            group.save(update_fields=["name"])
        if learner_ids is not None:
            group.learners.set(_class_learners(group.classroom, learner_ids))
    return group


@transaction.atomic
def delete_group(*, group: SkillGroup) -> None:
    """Remove a group; goals and assignments it was for keep its learners of this moment."""
    members = list(group.learners.values_list("pk", flat=True))
    targets: list[Goal | Assignment] = [*group.goals.all(), *group.assignments.all()]
    for target in targets:
        target.group = None
        target.save(update_fields=["group"])
        target.learners.set(members)
    group.delete()


def _group_name(name: str) -> str:
    if not name.strip():
        raise InvalidTeachingRequest("A group needs a name.")
    return name.strip()


def _class_learners(classroom: Classroom, learner_ids: list[int]) -> list[int]:
    ids, _ = chosen_audience(classroom, learner_ids, None)
    return ids
