"""Answering a task's questions, taking a hint, declining the bonus question."""

from datetime import datetime
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from proficio.learning.data import (
    AnswerReply,
    HintReply,
    QuestionRow,
    QuestionView,
    TaskRecord,
    TaskSummary,
    TaskView,
)
from proficio.learning.errors import InvalidAnswer, NotFound, TaskConflict
from proficio.learning.models import Attempt, Task, TaskQuestion
from proficio.learning.questions import question_bank, question_view, skill_question
from proficio.learning.selectors import course_policy, learner_task, past_its_time, task_view
from proficio.learning.storage import answer_sql, progress_sql
from proficio.mastery import bonus_question_offered

from .expiry import EXPIRED, expire
from .finish import finish_task

# Try-agains change nothing, so the log keeps only the first few of each question: answering
# again and again must not grow the database without bound.
TRY_AGAINS_KEPT = 10


def answer_question(
    *,
    learner: AbstractBaseUser,
    task_id: int,
    position: int,
    response: Any,
    attempt_id: str,
    now: datetime | None = None,
) -> AnswerReply:
    """Check an answer; the first answer to a position settles it and the task moves on.

    A repeated `attempt_id` gets the original reply and changes nothing. An earlier position
    answered again ("try again") gets feedback and changes nothing else; the log keeps the
    first TRY_AGAINS_KEPT of them per question.

    The task is read and the answer checked before the write transaction opens, and the
    writes are guarded by what was read, so SQLite's one write lock is held only for the
    writes. When another request changed the task in between, the answer is taken again
    with the task locked from the start.
    """
    now = now or timezone.now()
    learner_id: int = learner.pk
    try:
        return _answer(learner_id, task_id, position, response, attempt_id, now, locked=False)
    except (_Stale, IntegrityError):  # IntegrityError: a retry of this attempt_id just landed
        pass
    with transaction.atomic():
        answer_sql.lock_task(task_id=task_id, learner_id=learner_id)
        return _answer(learner_id, task_id, position, response, attempt_id, now, locked=True)


class _Stale(Exception):
    """The task changed between reading it and writing the answer."""


def _answer(
    learner_id: int,
    task_id: int,
    position: int,
    response: Any,
    attempt_id: str,
    now: datetime,
    *,
    locked: bool,
) -> AnswerReply:
    read = answer_sql.read_task(task_id=task_id, learner_id=learner_id, attempt_id=attempt_id)
    if read is None:
        raise NotFound(f"There is no task {task_id}.")
    if read.earlier_reply is not None:
        return AnswerReply.from_stored(read.earlier_reply)
    task, rows = read.task, read.rows
    if not locked and past_its_time(task, now):
        expire(task)
        raise TaskConflict(EXPIRED)
    _check_answerable(task, position)
    row = rows[position]
    course = task.course
    question = skill_question(course, row.skill_id, row.item)
    verdict = question.check(response)
    if not verdict.readable:
        raise InvalidAnswer(verdict.message)
    first = position == task.current_position and not row.answered
    counted = (verdict.correct and row.hints_shown == 0) if first else row.counted_correct
    with transaction.atomic(savepoint=False):
        if first:
            assert counted is not None
            status, next_question, summary = _move_on(task, rows, row, counted, now)
        else:
            status, next_question, summary = (
                task.status, question_view(course, rows[task.current_position]), None
            )  # fmt: skip
        reply = AnswerReply(
            correct=verdict.correct, counted_correct=counted,
            explanation_html=question.explanation_html or None, status=status,
            next_question=next_question, summary=summary,
        )  # fmt: skip
        if (
            not first
            and answer_sql.try_agains(task_id=task_id, position=position) >= TRY_AGAINS_KEPT
        ):
            return reply
        answer_sql.insert_attempt(
            task_id=task_id, learner_id=learner_id, skill_id=row.skill_id, position=position,
            attempt_id=attempt_id, response=response, correct=verdict.correct, first=first,
            reply=reply.stored(), at=now,
        )  # fmt: skip
    return reply


def _move_on(
    task: TaskRecord,
    rows: dict[int, QuestionRow],
    answered: QuestionRow,
    counted: bool,
    now: datetime,
) -> tuple[str, QuestionView | None, TaskSummary | None]:
    """Settle a first answer: the next question, the bonus offer, or the finished task.

    Returns the task's status then, and its next question or its summary.

    Both updates are guarded by the state read: a racing request that changed it raises _Stale.
    """
    seen = (task.current_position, task.status)
    answers = [
        (row.skill_id, bool(counted if row is answered else row.counted_correct))
        for row in rows.values()
        if not row.is_bonus
    ]
    if answered.is_bonus or (
        answered.position == task.question_count
        and not (task.kind == Task.Kind.PRACTICE and _bonus_offered(task, answers))
    ):
        _settle(task, seen, (task.current_position, Task.Status.FINISHED), answered, counted)
        bonus_right = counted if answered.is_bonus else None
        _, summary = finish_task(task, now, answers, bonus_right, first_answers=1)
        return Task.Status.FINISHED, None, summary
    next_row = rows[answered.position + 1]
    status = Task.Status.BONUS_OFFERED if next_row.is_bonus else task.status
    _settle(task, seen, (next_row.position, status), answered, counted)
    progress_sql.add_activity(
        learner_id=task.learner_id, course_id=task.course_id, day=timezone.localdate(now),
        questions=1,
    )  # fmt: skip
    return status, question_view(task.course, next_row), None


def _settle(
    task: TaskRecord,
    seen: tuple[int, str],
    to: tuple[int, str],
    answered: QuestionRow,
    counted: bool,
) -> None:
    if not answer_sql.move_task(task_id=task.id, seen=seen, to=to):
        raise _Stale
    if not answer_sql.settle_question(
        task_id=task.id, position=answered.position, hints_shown=answered.hints_shown,
        counted_correct=counted,
    ):  # fmt: skip
        raise _Stale


def _check_answerable(task: Task | TaskRecord, position: int) -> None:
    last = task.question_count + (1 if task.status == Task.Status.BONUS_OFFERED else 0)
    if task.status == Task.Status.FINISHED:
        raise TaskConflict("This task is finished; start it again for a new attempt.")
    if task.status == Task.Status.EXPIRED:
        raise TaskConflict(EXPIRED)
    if not 1 <= position <= max(last, task.question_count):
        raise InvalidAnswer(
            f"There is no question {position}: this task has questions 1 to {last}."
        )
    if position > task.current_position or (
        position == task.question_count + 1 and task.status != Task.Status.BONUS_OFFERED
    ):
        raise TaskConflict(f"Answer question {task.current_position} first.")


def _regular_answers(task: Task) -> list[tuple[int, bool]]:
    """(skill id, counted correct) of each question of the task but the bonus, in order."""
    return [
        (skill_id, bool(counted))
        for skill_id, counted in TaskQuestion.objects.filter(task=task, is_bonus=False)
        .order_by("position")
        .values_list("skill_id", "counted_correct")
    ]


def _bonus_offered(task: TaskRecord, answers: list[tuple[int, bool]]) -> bool:
    assert task.skill_id is not None
    bank = question_bank(task.course, task.skill_id)
    distinct = None if bank.generators else len(bank.questions)
    return bonus_question_offered(
        correct=sum(counted for _, counted in answers),
        total=len(answers),
        distinct_questions=distinct,
        same_questions_for_everyone=task.same_questions_for_everyone,
        policy=course_policy(task.course),
    )


def show_hint(
    *, learner: AbstractBaseUser, task_id: int, position: int, now: datetime | None = None
) -> HintReply:
    """The next hint of a question; taking one makes the question count wrong."""
    now = now or timezone.now()
    with transaction.atomic():
        task = learner_task(learner, task_id, lock=True)
        if not past_its_time(task, now):
            return _hint(task, position, now)
        expire(task)
    raise TaskConflict(EXPIRED)


def _hint(task: Task, position: int, now: datetime) -> HintReply:
    _check_answerable(task, position)
    row = TaskQuestion.objects.get(task=task, position=position)
    question = skill_question(task.course, row.skill_id, row.item)
    if row.hints_shown >= len(question.hints):
        raise TaskConflict("This question has no more hints.")
    hint_html = question.hint_html(row.hints_shown)
    row.hints_shown += 1
    row.save(update_fields=["hints_shown"])
    Attempt.objects.create(
        task=task, learner_id=task.learner_id, skill_id=row.skill_id, position=position,
        kind=Attempt.Kind.HINT, created_at=now,
    )  # fmt: skip
    return HintReply(hint_html=hint_html, hints_left=len(question.hints) - row.hints_shown)


def skip_bonus(*, learner: AbstractBaseUser, task_id: int, now: datetime | None = None) -> TaskView:
    """Decline the bonus question: the set finishes with its score as it stood."""
    now = now or timezone.now()
    with transaction.atomic():
        task = learner_task(learner, task_id, lock=True)
        if task.status != Task.Status.BONUS_OFFERED:
            raise TaskConflict("There is no bonus question to skip in this task.")
        number, summary = finish_task(
            task, now, _regular_answers(task), bonus_right=None, first_answers=0
        )
        # The task in hand, as it was just written, is the one shown.
        task.status, task.finished_at = Task.Status.FINISHED, now
        task.finish_number, task.summary = number, summary
        return task_view(task)
