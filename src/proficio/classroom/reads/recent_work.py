"""What a class's learners did lately, read from learning's event log."""

from datetime import datetime

from django.db.models import Count

from proficio.learning.models import LearningEvent

from ..data import RecentEvent
from ..models import Classroom


def recent_learning(classroom: Classroom, learner_id: int, limit: int) -> list[RecentEvent]:
    """The learner's latest events in the class's courses, newest first (one query).

    A task's events share its finishing time: its finish comes first, then the levels it changed.
    """
    rows = (
        LearningEvent.objects.filter(learner_id=learner_id, course__in=classroom.courses.all())
        .order_by("-created_at", "pk")
        .values_list(
            "kind", "created_at", "data", "course__slug", "course__title", "skill__title",
            "unit__title", "task__kind", "task__skill__title", "task__quiz__title",
            "task__unit__title", "task__summary",
        )[:limit]
    )  # fmt: skip
    events = []
    for (
        kind, at, data, course, course_title, skill, unit,
        task_kind, practised, quiz, tested_unit, summary,
    ) in rows:  # fmt: skip
        score = summary if isinstance(summary, dict) else {}  # only a finished task has one
        completed = kind == LearningEvent.Kind.ITEM_COMPLETED
        events.append(
            RecentEvent(
                kind=kind,
                at=at,
                course=course,
                course_title=course_title,
                skill=skill,
                unit=unit,
                before=data.get("before"),
                after=data.get("after"),
                item_kind=data.get("kind") if completed else None,
                item_slug=data.get("slug") if completed else None,
                task_kind=task_kind,
                task_title=practised or quiz or tested_unit or course_title,
                correct=score.get("correct"),
                total=score.get("total"),
            )
        )
    return events


def skills_levelled_down_since(classroom: Classroom, since: datetime) -> dict[int, int]:
    """Learner id → how many different skills they levelled down since then (one query).

    Only the class's learners, in the class's courses.
    """
    return dict(
        LearningEvent.objects.filter(
            kind=LearningEvent.Kind.SKILL_LEVELED_DOWN,
            created_at__gte=since,
            learner__in=classroom.learners.all(),
            course__in=classroom.courses.all(),
        )
        .order_by()
        .values("learner_id")
        .annotate(skills=Count("skill_id", distinct=True))
        .values_list("learner_id", "skills")
    )
