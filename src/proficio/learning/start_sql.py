"""The statements of starting a task, written by hand for SQLite and PostgreSQL alike.

A set is started once for every four or five answers; through the ORM its statements cost
more CPU than the answers' own (docs/benchmarks.md).
"""

import json
from collections.abc import Sequence

from django.db import connection

from proficio.content.models import Course, Skill
from proficio.sql_times import aware

from .models import Task

_COURSE_AND_SKILL = (
    "SELECT c.id, c.pack_digest, c.imported_at, c.policy_overrides, s.id "
    "FROM content_course c LEFT JOIN content_skill s "
    "ON s.course_id = c.id AND s.slug = %s AND s.archived = %s WHERE c.slug = %s"
)


def course_and_skill(*, course_slug: str, skill_slug: str) -> tuple[Course, Skill | None] | None:
    """The course (what tasks need of it) and its active skill with that slug, if any."""
    with connection.cursor() as cursor:
        cursor.execute(_COURSE_AND_SKILL, [skill_slug, False, course_slug])
        row = cursor.fetchone()
    if row is None:
        return None
    course_id, digest, imported_at, overrides, skill_id = row
    course = Course(
        pk=course_id, slug=course_slug, pack_digest=digest, imported_at=aware(imported_at),
        policy_overrides=json.loads(overrides) if isinstance(overrides, str) else overrides,
    )  # fmt: skip
    course._state.adding = False
    if skill_id is None:
        return course, None
    skill = Skill(pk=skill_id, course=course, slug=skill_slug)
    skill._state.adding = False
    return course, skill


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


def insert_task(task: Task) -> None:
    """Insert a new in-progress task and set its id; IntegrityError if one is open already."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO learning_task (learner_id, course_id, kind, skill_id, quiz_id, unit_id, "
            "assignment_id, same_questions_for_everyone, status, target, question_count, "
            "current_position, started_at) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
            [
                task.learner_id, task.course_id, task.kind, task.skill_id, task.quiz_id,
                task.unit_id, task.assignment_id, task.same_questions_for_everyone, task.status,
                task.target, task.question_count, task.current_position,
                connection.ops.adapt_datetimefield_value(task.started_at),
            ],
        )  # fmt: skip
        row = cursor.fetchone()
    task.pk = int(row[0])
    task._state.adding = False


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
