"""Whom a goal or an assignment is for: its chosen learners, else its group's, else the class."""

from ..models import Assignment, Classroom, Goal, SkillGroup


def _audience_of(classroom: Classroom, chosen: list[int], group: SkillGroup | None) -> list[int]:
    members = list(classroom.learners.order_by("username").values_list("pk", flat=True))
    if chosen:
        wanted = set(chosen)
    elif group is not None:
        wanted = set(group.learners.values_list("pk", flat=True))
    else:
        return members
    return [pk for pk in members if pk in wanted]


def goal_audience(goal: Goal) -> list[int]:
    """The class's learners a goal is for, in username order (leavers drop out)."""
    return _audience_of(goal.classroom, [u.pk for u in goal.learners.all()], goal.group)


def assignment_audience(assignment: Assignment) -> list[int]:
    chosen = [u.pk for u in assignment.learners.all()]
    return _audience_of(assignment.classroom, chosen, assignment.group)
