"""Bringing every learner's progress up to date: after an import, or replayed from the log."""

from collections import defaultdict
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from proficio.content.models import Course
from proficio.learning.models import (
    ActivityDay,
    Attempt,
    CourseProgress,
    SkillState,
    Task,
    UnitProgress,
)
from proficio.learning.selectors import course_policy, result_from_log
from proficio.learning.storage import progress_sql

from .finish import apply_result, levels_up, refresh_progress


def refresh_course_progress(*, course: Course, at: datetime | None = None) -> int:
    """Recompute every learner's unit and course mastery in a course whose skills changed.

    A re-imported pack may add, archive or move skills: levels stay, percentages follow the
    new course. Returns how many learners were refreshed.
    """
    at = at or timezone.now()
    policy = course_policy(course)
    learner_ids = list(
        CourseProgress.objects.filter(course=course).values_list("learner_id", flat=True)
    )
    for learner_id in learner_ids:
        with transaction.atomic():
            progress = progress_sql.lock_course_progress(
                learner_id=learner_id, course_id=course.pk, at=at
            )
            levels = progress_sql.skill_levels(learner_id=learner_id, course_id=course.pk)
            refresh_progress(learner_id, course, progress, policy, at, levels)
    return len(learner_ids)


@transaction.atomic
def rebuild_progress() -> int:
    """Replace every skill state, progress row and activity day by a replay of the attempt log.

    Finished tasks are replayed in the order they finished, through the same `apply_result`
    as live answers, so the rebuilt rows equal the live ones. Returns how many were replayed.
    """
    SkillState.objects.all().delete()
    UnitProgress.objects.all().delete()
    CourseProgress.objects.all().delete()
    ActivityDay.objects.all().delete()
    # (learner, course, day) → [tasks finished, questions answered, skills levelled up]
    activity: dict[tuple[int, int, date], list[int]] = defaultdict(lambda: [0, 0, 0])
    first_answers = Attempt.objects.filter(kind=Attempt.Kind.ANSWER, first=True).values_list(
        "learner_id", "task__course_id", "created_at"
    )
    for learner_id, course_id, at in first_answers.iterator(chunk_size=2000):
        activity[learner_id, course_id, timezone.localdate(at)][1] += 1
    finished = Task.objects.filter(status=Task.Status.FINISHED).select_related("course")
    count = 0
    # Each learner's tasks in a course in the order they changed levels; courses and learners
    # do not affect one another.
    order = ("learner_id", "course_id", "finish_number", "id")
    for task in finished.order_by(*order).iterator(chunk_size=500):
        assert task.finished_at is not None
        _, summary = apply_result(
            task=task, result=result_from_log(task), at=task.finished_at, record_events=False
        )
        day = activity[task.learner_id, task.course_id, timezone.localdate(task.finished_at)]
        day[0] += 1
        day[2] += levels_up(summary)
        count += 1
    ActivityDay.objects.bulk_create(
        [
            ActivityDay(
                learner_id=learner_id, course_id=course_id, day=day, tasks_finished=tasks,
                questions_answered=questions, skills_leveled_up=level_ups,
            )
            for (learner_id, course_id, day), (tasks, questions, level_ups) in activity.items()
        ],
        batch_size=500,
    )  # fmt: skip
    return count
