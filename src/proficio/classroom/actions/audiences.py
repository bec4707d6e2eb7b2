"""Whom a goal, an assignment or a group is for, as a teacher chooses it."""

from ..errors import InvalidTeachingRequest
from ..models import Classroom, SkillGroup
from ..reads.classes import class_group


def chosen_audience(
    classroom: Classroom, learner_ids: list[int] | None, group_id: int | None
) -> tuple[list[int], SkillGroup | None]:
    """Selected learners or a group (not both); nothing selected means the whole class."""
    if learner_ids and group_id is not None:
        raise InvalidTeachingRequest("Give either learners or a group, not both.")
    group = class_group(classroom, group_id) if group_id is not None else None
    if learner_ids:
        ids = list(dict.fromkeys(learner_ids))
        known = set(classroom.learners.filter(pk__in=ids).values_list("pk", flat=True))
        strangers = [str(i) for i in ids if i not in known]
        if strangers:
            raise InvalidTeachingRequest(
                f"These learners are not in this class: {', '.join(strangers)}."
            )
        return ids, None
    return [], group
