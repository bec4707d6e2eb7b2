"""The statements of the answer path, written by hand for SQLite and PostgreSQL alike.

Building these queries with the ORM cost several times the database's own work
(docs/benchmarks.md, "Graded answers under load"): an answer reads its task in one statement
here and writes with a few guarded ones.
"""

import json
from datetime import datetime
from typing import Any

from django.db import connection

from proficio.learning.data import QuestionRow, TaskCourse, TaskRead, TaskRecord
from proficio.learning.models import Attempt
from proficio.sql_times import aware

_READ = """
SELECT t.kind, t.status, t.question_count, t.current_position, t.started_at,
       t.same_questions_for_everyone, t.skill_id, t.assignment_id, t.course_id,
       c.slug, c.pack_digest, c.imported_at, c.policy_overrides, a.reply,
       q.position, q.skill_id, q.item, q.is_bonus, q.hints_shown, q.answered, q.counted_correct
FROM learning_task t
JOIN content_course c ON c.id = t.course_id
JOIN learning_taskquestion q ON q.task_id = t.id
LEFT JOIN learning_attempt a ON a.task_id = t.id AND a.attempt_id = %s
WHERE t.id = %s AND t.learner_id = %s
ORDER BY q.position
"""


def read_task(*, task_id: int, learner_id: int, attempt_id: str) -> TaskRead | None:
    """The learner's task with all its questions, or None if it is not theirs."""
    with connection.cursor() as cursor:
        cursor.execute(_READ, [attempt_id, task_id, learner_id])
        found = cursor.fetchall()
    if not found:
        return None
    (kind, status, count, current, started_at, same, skill_id, assignment_id, course_id,
     slug, digest, imported_at, overrides, reply) = found[0][:14]  # fmt: skip
    course = TaskCourse(
        id=course_id, slug=slug, pack_digest=digest, imported_at=aware(imported_at),
        policy_overrides=_json(overrides),
    )  # fmt: skip
    task = TaskRecord(
        id=task_id, learner_id=learner_id, course=course, kind=kind, status=status,
        question_count=count, current_position=current, started_at=aware(started_at),
        same_questions_for_everyone=bool(same), skill_id=skill_id, assignment_id=assignment_id,
    )  # fmt: skip
    rows = {
        row[14]: QuestionRow(row[14], row[15], row[16], bool(row[17]), row[18], bool(row[19]),
                             None if row[20] is None else bool(row[20]))
        for row in found
    }  # fmt: skip
    return TaskRead(task, rows, None if reply is None else _json(reply))


def lock_task(*, task_id: int, learner_id: int) -> None:
    """Lock the task's row until the transaction ends (SQLite's write lock already does)."""
    if not connection.features.has_select_for_update:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM learning_task WHERE id = %s AND learner_id = %s FOR UPDATE",
            [task_id, learner_id],
        )


def move_task(*, task_id: int, seen: tuple[int, str], to: tuple[int, str]) -> bool:
    """Set the task's (current position, status) if it still has the ones `seen`."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE learning_task SET current_position = %s, status = %s "
            "WHERE id = %s AND current_position = %s AND status = %s",
            [*to, task_id, *seen],
        )
        return cursor.rowcount == 1


def settle_question(
    *, task_id: int, position: int, hints_shown: int, counted_correct: bool
) -> bool:
    """Mark the question answered if it was not, and no hint was taken since it was read."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE learning_taskquestion SET answered = %s, counted_correct = %s "
            "WHERE task_id = %s AND position = %s AND answered = %s AND hints_shown = %s",
            [True, counted_correct, task_id, position, False, hints_shown],
        )
        return cursor.rowcount == 1


def try_agains(*, task_id: int, position: int) -> int:
    """How many answers to an already settled question the log holds."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM learning_attempt "
            "WHERE task_id = %s AND position = %s AND kind = %s AND first = %s",
            [task_id, position, Attempt.Kind.ANSWER.value, False],
        )
        (count,) = cursor.fetchone() or (0,)
        return int(count)


def insert_attempt(
    *, task_id: int, learner_id: int, skill_id: int, position: int, attempt_id: str,
    response: Any, correct: bool, first: bool, reply: dict[str, Any], at: datetime,
) -> None:  # fmt: skip
    """Append an answer to the log; IntegrityError if the attempt_id is in the task already."""
    ops = connection.ops
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO learning_attempt (task_id, learner_id, skill_id, position, kind, "
            "attempt_id, response, correct, first, reply, created_at) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [
                task_id, learner_id, skill_id, position, Attempt.Kind.ANSWER.value, attempt_id,
                ops.adapt_json_value(response, None), correct, first,
                ops.adapt_json_value(reply, None), ops.adapt_datetimefield_value(at),
            ],
        )  # fmt: skip


def _json(value: Any) -> Any:
    # Django has both databases return JSON columns as text.
    return json.loads(value) if isinstance(value, str) else value
