"""A mastery challenge not finished within its time expires, and changes nothing else."""

from datetime import datetime

from django.utils import timezone

from proficio.learning.data import CourseVersion, TaskRecord
from proficio.learning.models import Task
from proficio.learning.selectors import OPEN, expired_at, past_its_time

EXPIRED = "This mastery challenge expired: it was not finished within its time."


def expire_overdue_challenges(
    *, learner_id: int, course: CourseVersion | None = None, now: datetime | None = None
) -> None:
    """A mastery challenge not finished within its time expires and changes nothing."""
    now = now or timezone.now()
    overdue = Task.objects.filter(
        learner_id=learner_id, kind=Task.Kind.MASTERY_CHALLENGE, status__in=OPEN
    )
    if course is not None:
        overdue = overdue.filter(course_id=course.id)
    for task in overdue.select_related("course"):
        if past_its_time(task, now):
            expire(task)


def expire(task: Task | TaskRecord) -> None:
    """Write down that an open mastery challenge past its time expired (when its time ran out);
    it changes nothing else."""
    Task.objects.filter(pk=task.id, status__in=OPEN).update(
        status=Task.Status.EXPIRED, finished_at=expired_at(task)
    )
