"""The classes a learner has joined, and leaving one."""

from proficio.accounts.models import User

from .actions import remove_learner
from .errors import ClassNotFound, NotAllowed
from .models import Classroom


def joined_classes(learner: User) -> list[Classroom]:
    """The classes the learner has joined, by name."""
    return list(Classroom.objects.filter(learners=learner).order_by("name", "pk"))


def leave_class(*, learner: User, class_id: int) -> Classroom:
    """Take the learner out of the class and its groups; their own work stays theirs.

    A class they are not a learner of is ClassNotFound, worded as for a class that does not
    exist; its teachers get NotAllowed, as they leave it on the class's settings page."""
    classroom = Classroom.objects.filter(pk=class_id, learners=learner).first()
    if classroom is None:
        if Classroom.objects.filter(pk=class_id, teachers=learner).exists():
            raise NotAllowed(
                "You teach this class: a teacher is removed from it on the class's settings page."
            )
        raise ClassNotFound(f"There is no class {class_id}.")
    remove_learner(classroom=classroom, learner_id=learner.pk)
    return classroom
