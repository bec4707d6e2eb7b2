"""A mastery challenge not finished within its time expires, and changes nothing else."""

from datetime import datetime
from typing import Any

from django.utils import timezone

from proficio.content.models import Course
from proficio.learning.models import Task
from proficio.learning.selectors import expired_at, past_its_time

OPEN = (Task.Status.IN_PROGRESS, Task.Status.BONUS_OFFERED)
EXPIRED = "This mastery challenge expired: it was not finished within its time."


def expire_overdue_challenges(
    *, learner: Any, course: Course | None = None, now: datetime | None = None
) -> None:
    """A mastery challenge not finished within its time expires and changes nothing."""
    now = now or timezone.now()
    overdue = Task.objects.filter(
        learner=learner, kind=Task.Kind.MASTERY_CHALLENGE, status__in=OPEN
    )
    if course is not None:
        overdue = overdue.filter(course=course)
    for task in overdue.select_related("course"):
        if past_its_time(task, now):
            expire(task)


def expire(task: Task) -> None:
    """Write down that an open mastery challenge past its time expired (when its time ran out);
    it changes nothing else."""
    task.status, task.finished_at = Task.Status.EXPIRED, expired_at(task)
    Task.objects.filter(pk=task.pk, status__in=OPEN).update(
        status=task.status, finished_at=task.finished_at
    )
