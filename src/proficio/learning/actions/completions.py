"""A video watched or an article read: recorded, and no level changes."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from proficio.content.api import get_course
from proficio.learning.errors import NotFound
from proficio.learning.models import Completion, LearningEvent


def record_completion(
    *, learner: AbstractBaseUser, course_slug: str, kind: str, slug: str,
    assignment_id: int | None = None, now: datetime | None = None,
) -> Completion:  # fmt: skip
    """The learner watched a video or read an article: recorded, and no level changes."""
    now = now or timezone.now()
    course = get_course(course_slug)
    items = course.videos if kind == Completion.Kind.VIDEO else course.articles
    if not items.filter(slug=slug, archived=False).exists():
        raise NotFound(f"There is no {kind} '{slug}' in the course '{course.slug}'.")
    with transaction.atomic():
        completion = Completion.objects.create(
            learner_id=learner.pk,
            course=course,
            kind=kind,
            slug=slug,
            assignment_id=assignment_id,
            completed_at=now,
        )
        LearningEvent.objects.create(
            learner_id=learner.pk, course=course, kind=LearningEvent.Kind.ITEM_COMPLETED,
            data={"kind": kind, "slug": slug}, created_at=now,
        )  # fmt: skip
    return completion


def mark_done(
    *, learner: AbstractBaseUser, course_slug: str, kind: str, slug: str,
    assignment_id: int | None = None, now: datetime | None = None,
) -> tuple[Completion, bool]:  # fmt: skip
    """Record that the learner watched or read an item, unless it is done already.

    Returns the completion and whether it is new. The pages mark an item done by themselves
    each time it is opened, and the API may be called again and again: a repeat adds nothing.
    Without an assignment any earlier completion counts; for an assignment, only one recorded
    for it. The learner's row is locked so that two tabs cannot both record it (on SQLite the
    write lock already orders them).
    """
    with transaction.atomic():
        list(get_user_model().objects.select_for_update().filter(pk=learner.pk).values("pk"))
        earlier = Completion.objects.filter(
            learner_id=learner.pk, course__slug=course_slug, kind=kind, slug=slug
        )
        if assignment_id is not None:
            earlier = earlier.filter(assignment_id=assignment_id)
        if first := earlier.order_by("completed_at", "pk").first():
            return first, False
        completion = record_completion(
            learner=learner, course_slug=course_slug, kind=kind, slug=slug,
            assignment_id=assignment_id, now=now,
        )  # fmt: skip
    return completion, True
