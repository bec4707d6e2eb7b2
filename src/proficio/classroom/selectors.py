"""Reads of accounts and classes, and who may see which class."""

from typing import Any

from proficio.content.selectors import ContentNotFound

from .models import Classroom, SkillGroup, User


class ClassNotFound(ContentNotFound):
    """A class, group, goal or assignment that does not exist or is not the caller's (404)."""


class TeachersOnly(Exception):
    """A learner of the class asked for something only its teachers may do or see (403)."""


def roles_of(user: User) -> list[str]:
    """The roles a user acts in: an administrator also teaches; everyone else learns."""
    if user.role == User.Role.ADMINISTRATOR or user.is_superuser:
        return [User.Role.ADMINISTRATOR, User.Role.TEACHER]
    return [user.role]


def can_teach(user: User) -> bool:
    return User.Role.TEACHER in roles_of(user)


def member_class(user: Any, class_id: int) -> Classroom:
    """A class the user teaches or has joined; any other is reported as not existing."""
    found = (
        Classroom.objects.filter(pk=class_id, teachers=user).first()
        or Classroom.objects.filter(pk=class_id, learners=user).first()
    )
    if found is None:
        raise ClassNotFound(f"There is no class {class_id}.")
    return found


def taught_class(user: Any, class_id: int) -> Classroom:
    """A class the user teaches: 404 when they are not in it, 403 when they only learn in it."""
    classroom = member_class(user, class_id)
    if not classroom.teachers.filter(pk=user.pk).exists():
        raise TeachersOnly("Only the class's teachers can do this.")
    return classroom


def class_group(classroom: Classroom, group_id: int) -> SkillGroup:
    group = SkillGroup.objects.filter(classroom=classroom, pk=group_id).first()
    if group is None:
        raise ClassNotFound(f"There is no group {group_id} in this class.")
    return group


def class_learner_ids(classroom: Classroom, group_id: int | None = None) -> list[int]:
    """The class's learners (only those of the group, when given), in username order.

    A group keeps learners who have left the class; they are not shown.
    """
    learners = classroom.learners.order_by("username")
    if group_id is not None:
        learners = learners.filter(pk__in=class_group(classroom, group_id).learners.all())
    return list(learners.values_list("pk", flat=True))
