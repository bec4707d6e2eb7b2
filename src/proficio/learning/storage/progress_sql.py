"""The statements that keep a learner's progress caches current, written by hand.

Finishing a task changes a few rows of each cache; through the ORM, building those statements
cost more CPU than running them (docs/benchmarks.md). Portable SQL for SQLite and PostgreSQL;
rows written together go in one `executemany` (one round trip in psycopg's pipeline mode).
"""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django.db import connection

from proficio.learning.data import CourseProgressRow, TaskSummary

_PROGRESS = (
    "SELECT id, points, points_possible, mastery_percent, finished_tasks "
    "FROM learning_courseprogress WHERE learner_id = %s AND course_id = %s"
)
_PROGRESS_FOR_UPDATE = (
    "SELECT id, points, points_possible, mastery_percent, finished_tasks "
    "FROM learning_courseprogress WHERE learner_id = %s AND course_id = %s FOR UPDATE"
)


def lock_course_progress(*, learner_id: int, course_id: int, at: datetime) -> CourseProgressRow:
    """The learner's progress row in the course, created if need be, locked until commit.

    The lock orders every change to the learner's levels in the course (on SQLite the write
    lock already does).
    """
    select = _PROGRESS_FOR_UPDATE if connection.features.has_select_for_update else _PROGRESS
    with connection.cursor() as cursor:
        for _ in range(2):
            cursor.execute(select, [learner_id, course_id])
            row = cursor.fetchone()
            if row is not None:
                return CourseProgressRow(*row)
            cursor.execute(
                "INSERT INTO learning_courseprogress (learner_id, course_id, points, "
                "points_possible, mastery_percent, finished_tasks, updated_at) "
                "VALUES (%s, %s, 0, 0, 0, 0, %s) ON CONFLICT (learner_id, course_id) DO NOTHING",
                [learner_id, course_id, connection.ops.adapt_datetimefield_value(at)],
            )
    raise AssertionError("the progress row was inserted but cannot be read")


def save_course_progress(progress: CourseProgressRow, *, at: datetime) -> None:
    """Write the learner's progress row as it now stands, updated at `at`."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE learning_courseprogress SET points = %s, points_possible = %s, "
            "mastery_percent = %s, finished_tasks = %s, updated_at = %s WHERE id = %s",
            [
                progress.points, progress.points_possible, progress.mastery_percent,
                progress.finished_tasks, connection.ops.adapt_datetimefield_value(at),
                progress.id,
            ],
        )  # fmt: skip


def skill_levels(*, learner_id: int, course_id: int) -> dict[int, int]:
    """The learner's level on each skill of the course they have a state for."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT skill_id, level FROM learning_skillstate "
            "WHERE learner_id = %s AND course_id = %s",
            [learner_id, course_id],
        )
        return dict(cursor.fetchall())


def save_skill_states(
    *, learner_id: int, course_id: int, states: Sequence[tuple[int, int, int]], at: datetime
) -> None:
    """Insert or update the learner's (skill id, level, points), finished at `at`."""
    when = connection.ops.adapt_datetimefield_value(at)
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO learning_skillstate (learner_id, skill_id, course_id, level, points, "
            "last_finished_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (learner_id, skill_id) DO UPDATE SET level = excluded.level, "
            "points = excluded.points, last_finished_at = excluded.last_finished_at, "
            "updated_at = excluded.updated_at",
            [
                (learner_id, skill_id, course_id, level, points, when, when)
                for skill_id, level, points in states
            ],
        )


def unit_progress(*, learner_id: int, course_id: int) -> dict[int, tuple[int, int, float]]:
    """(points, points possible, mastery %) of each of the learner's unit rows in the course."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT unit_id, points, points_possible, mastery_percent FROM learning_unitprogress "
            "WHERE learner_id = %s AND course_id = %s",
            [learner_id, course_id],
        )
        return {unit_id: (points, possible, percent) for unit_id, points, possible, percent in
                cursor.fetchall()}  # fmt: skip


def save_unit_progress(
    *,
    learner_id: int,
    course_id: int,
    units: Sequence[tuple[int, int, int, float]],
    at: datetime,
) -> None:
    """Insert or update the learner's (unit id, points, points possible, mastery %)."""
    if not units:
        return
    when = connection.ops.adapt_datetimefield_value(at)
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO learning_unitprogress (learner_id, unit_id, course_id, points, "
            "points_possible, mastery_percent, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (learner_id, unit_id) DO UPDATE SET points = excluded.points, "
            "points_possible = excluded.points_possible, "
            "mastery_percent = excluded.mastery_percent, updated_at = excluded.updated_at",
            [
                (learner_id, unit_id, course_id, points, possible, percent, when)
                for unit_id, points, possible, percent in units
            ],
        )


def insert_events(
    *,
    learner_id: int,
    course_id: int,
    task_id: int,
    events: Sequence[tuple[str, int | None, int | None, dict[str, Any]]],
    at: datetime,
) -> None:
    """Record (kind, skill id, unit id, data) events of a finished task."""
    ops = connection.ops
    when = ops.adapt_datetimefield_value(at)
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO learning_learningevent (learner_id, course_id, kind, task_id, skill_id, "
            "unit_id, data, created_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            [
                (learner_id, course_id, kind, task_id, skill_id, unit_id,
                 ops.adapt_json_value(data, None), when)
                for kind, skill_id, unit_id, data in events
            ],
        )  # fmt: skip


def finish_task(
    *, task_id: int, status: str, at: datetime, finish_number: int, summary: TaskSummary
) -> None:
    ops = connection.ops
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE learning_task SET status = %s, finished_at = %s, finish_number = %s, "
            "summary = %s WHERE id = %s",
            [
                status, ops.adapt_datetimefield_value(at), finish_number,
                ops.adapt_json_value(summary, None), task_id,
            ],
        )  # fmt: skip


def add_activity(
    *, learner_id: int, course_id: int, day: date, tasks: int = 0, questions: int = 0,
    level_ups: int = 0,
) -> None:  # fmt: skip
    """Add to the learner's counts for the day in one upsert: racing requests add up."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO learning_activityday (learner_id, course_id, day, tasks_finished, "
            "questions_answered, skills_leveled_up) VALUES (%s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (learner_id, course_id, day) DO UPDATE SET "
            "tasks_finished = learning_activityday.tasks_finished + excluded.tasks_finished, "
            "questions_answered = "
            "learning_activityday.questions_answered + excluded.questions_answered, "
            "skills_leveled_up = "
            "learning_activityday.skills_leveled_up + excluded.skills_leveled_up",
            [
                learner_id, course_id, connection.ops.adapt_datefield_value(day),
                tasks, questions, level_ups,
            ],
        )  # fmt: skip
