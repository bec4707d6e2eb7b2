"""The statements of starting a task, written by hand for SQLite and PostgreSQL alike.

A set is started once for every four or five answers; through the ORM its statements cost
more CPU than the answers' own (docs/benchmarks.md).
"""

import json
from collections.abc import Sequence
from datetime import datetime

from django.db import connection

from proficio.learning.data import PractisedSkill, TaskCourse
from proficio.learning.models import Task
from proficio.sql_times import aware

_COURSE_AND_SKILL = (
    "SELECT c.id, c.pack_digest, c.imported_at, c.policy_overrides, s.id "
    "FROM content_course c LEFT JOIN content_skill s "
    "ON s.course_id = c.id AND s.slug = %s AND s.archived = %s WHERE c.slug = %s"
)


def course_and_skill(
    *, course_slug: str, skill_slug: str
) -> tuple[TaskCourse, PractisedSkill | None] | None:
    """The course (what tasks need of it) and its active skill with that slug, if any."""
    with connection.cursor() as cursor:
        cursor.execute(_COURSE_AND_SKILL, [skill_slug, False, course_slug])
        row = cursor.fetchone()
    if row is None:
        return None
    course_id, digest, imported_at, overrides, skill_id = row
    course = TaskCourse(
        id=course_id, slug=course_slug, pack_digest=digest, imported_at=aware(imported_at),
        policy_overrides=json.loads(overrides) if isinstance(overrides, str) else overrides,
    )  # fmt: skip
    return course, None if skill_id is None else PractisedSkill(id=skill_id, slug=skill_slug)


def open_task_id(*, learner_id: int, target: str) -> int | None:
    """The learner's open task with this target, if there is one."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM learning_task WHERE learner_id = %s AND target = %s "
            "AND status IN (%s, %s)",
            [learner_id, target, Task.Status.IN_PROGRESS.value, Task.Status.BONUS_OFFERED.value],
        )
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def insert_task(
    *, learner_id: int, course_id: int, kind: str, skill_id: int | None, quiz_id: int | None,
    unit_id: int | None, assignment_id: int | None, same_questions_for_everyone: bool,
    target: str, question_count: int, started_at: datetime,
) -> int:  # fmt: skip
    """Insert a new task, in progress at its first question: its id. IntegrityError if the
    learner has one open with this target already."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO learning_task (learner_id, course_id, kind, skill_id, quiz_id, unit_id, "
            "assignment_id, same_questions_for_everyone, status, target, question_count, "
            "current_position, started_at) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
            [
                learner_id, course_id, kind, skill_id, quiz_id, unit_id, assignment_id,
                same_questions_for_everyone, Task.Status.IN_PROGRESS.value, target,
                question_count, 1, connection.ops.adapt_datetimefield_value(started_at),
            ],
        )  # fmt: skip
        row = cursor.fetchone()
    return int(row[0])


def insert_questions(*, task_id: int, questions: Sequence[tuple[int, int, str, bool]]) -> None:
    """Insert the task's (position, skill id, item, is bonus), none answered yet."""
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO learning_taskquestion (task_id, position, skill_id, item, is_bonus, "
            "hints_shown, answered) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [
                (task_id, position, skill_id, item, is_bonus, 0, False)
                for position, skill_id, item, is_bonus in questions
            ],
        )
