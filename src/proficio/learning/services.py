"""Every write of a learner's work: starting tasks, answering, hints, the bonus, completions.

Each service is one transaction. Answers to a task are serialised by locking the task's row;
everything that changes a learner's levels in a course is serialised by locking their
`CourseProgress` row, so two tabs or two servers never lose an update nor count one twice.
"""

import logging
import random
import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from proficio.content.models import Course, Quiz, Skill, Unit, UnitSkill
from proficio.content.questions import GeneratorError, UnknownQuestion
from proficio.content.selectors import get_course
from proficio.mastery.assessments import (
    assessment_result,
    course_challenge_questions,
    quiz_questions,
    shuffled,
    unit_test_questions,
)
from proficio.mastery.challenges import (
    mastery_challenge_availability,
    mastery_challenge_questions,
)
from proficio.mastery.levels import Level, points_for
from proficio.mastery.policy import MasteryPolicy
from proficio.mastery.practice import bonus_question_offered, practice_result
from proficio.mastery.progress import mastery_percent, points_earned, points_possible

from . import answer_sql, progress_sql, start_sql
from .data import QuestionRow, TaskResult
from .errors import InvalidAnswer, NotFound, TaskConflict
from .models import (
    ActivityDay,
    Attempt,
    Completion,
    CourseProgress,
    LearningEvent,
    SkillState,
    Task,
    TaskQuestion,
    UnitProgress,
)
from .questions import made_question, question_bank, question_view, skill_question
from .selectors import (
    course_policy,
    expired_at,
    learner_task,
    past_its_time,
    result_from_log,
    skill_standings,
    task_view,
)
from .signals import task_finished

OPEN = (Task.Status.IN_PROGRESS, Task.Status.BONUS_OFFERED)
# How many times one question of a task may be drawn again because it could not be made.
MAX_REDRAWS = 50
logger = logging.getLogger(__name__)


# --- starting a task ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskRequest:
    kind: str
    course: str
    skill: str | None = None
    quiz: str | None = None
    unit: str | None = None
    assignment_id: int | None = None
    # For an assignment whose questions are the same for every learner: the seed they share.
    question_seed: int | None = None

    @property
    def missing_target(self) -> str | None:
        """The target its kind needs that the request lacks ('skill', 'quiz' or 'unit')."""
        needed = TARGET_OF_KIND.get(self.kind)
        return needed if needed and not getattr(self, needed) else None


# The target each kind of task needs besides the course; the challenges need none.
TARGET_OF_KIND = {"practice": "skill", "quiz": "quiz", "unit_test": "unit"}
TASK_KINDS = (*TARGET_OF_KIND, "course_challenge", "mastery_challenge")


def start_task(
    *, learner: Any, request: TaskRequest, now: datetime | None = None
) -> tuple[dict[str, Any], bool]:
    """The learner's task for this request: their open one resumed, or a new one.

    Returns the task as the API shows it and whether it was created. Raises NotFound for an
    unknown course, skill, quiz or unit and TaskConflict when the task is not available.
    """
    now = now or timezone.now()
    practised = request.skill if request.kind == Task.Kind.PRACTICE else None
    found = start_sql.course_and_skill(course_slug=request.course, skill_slug=practised or "")
    if found is None:
        raise NotFound(f"There is no course '{request.course}'.")
    course, skill = found
    policy = course_policy(course)
    target, skill, quiz, unit = _target(course, request, skill)
    if request.kind == Task.Kind.MASTERY_CHALLENGE:
        expire_overdue_challenges(learner=learner, course=course, now=now)
    for _ in range(2):
        open_id = start_sql.open_task_id(learner_id=learner.pk, target=target)
        if open_id is not None:
            open_task = Task.objects.get(pk=open_id)
            open_task.course = course
            return task_view(open_task), False
        plan = _question_plan(learner, course, policy, request.kind, skill, quiz, unit, now)
        seed = request.question_seed if request.question_seed is not None else secrets.randbits(63)
        # Questions are made before the transaction: generating them is the slow part, and
        # SQLite lets one writer at a time.
        questions = _draw_task_questions(course, request, skill, plan, seed)
        try:
            # All or nothing: the task, its questions and the view of its first question.
            with transaction.atomic():
                task = _create_task(
                    learner, course, request, target, skill, quiz, unit, questions, now
                )
                view = task_view(task, questions)
        except IntegrityError:
            continue  # another request opened the same task a moment ago: resume that one
        return view, True
    raise TaskConflict("This task is being started in another window; try again.")


def _target(
    course: Course, request: TaskRequest, skill: Skill | None
) -> tuple[str, Skill | None, Quiz | None, Unit | None]:
    """The task's target, and its skill (found with the course), quiz or unit."""
    quiz = unit = None
    kind = request.kind
    if kind == Task.Kind.PRACTICE:
        if skill is None:
            raise NotFound(f"There is no skill '{request.skill}' in the course '{course.slug}'.")
        name = skill.slug
    elif kind == Task.Kind.QUIZ:
        quiz = Quiz.objects.filter(course=course, slug=request.quiz or "", archived=False).first()
        if quiz is None:
            raise NotFound(f"There is no quiz '{request.quiz}' in the course '{course.slug}'.")
        name = quiz.slug
    elif kind == Task.Kind.UNIT_TEST:
        unit = Unit.objects.filter(course=course, slug=request.unit or "", archived=False).first()
        if unit is None:
            raise NotFound(f"There is no unit '{request.unit}' in the course '{course.slug}'.")
        if not unit.has_unit_test:
            raise TaskConflict(f"The unit '{unit.slug}' has no unit test.")
        name = unit.slug
    else:
        name = ""
    assignment = f":assignment-{request.assignment_id}" if request.assignment_id else ""
    return f"{kind}:{course.slug}:{name}{assignment}", skill, quiz, unit


def _question_plan(
    learner: Any,
    course: Course,
    policy: MasteryPolicy,
    kind: str,
    skill: Skill | None,
    quiz: Quiz | None,
    unit: Unit | None,
    now: datetime,
) -> list[str]:
    """The skill slug of each question, in the order they will be asked."""
    rng = random.Random(secrets.randbits(63))
    if kind == Task.Kind.PRACTICE:
        assert skill is not None
        return [skill.slug] * policy.questions_per_practice
    if kind == Task.Kind.QUIZ:
        assert quiz is not None
        skills = list(
            quiz.quiz_skills.filter(skill__archived=False).values_list("skill__slug", flat=True)
        )
        return shuffled(quiz_questions(skills, policy), rng)
    if kind == Task.Kind.UNIT_TEST:
        assert unit is not None
        skills = list(
            unit.unit_skills.filter(skill__archived=False).values_list("skill__slug", flat=True)
        )
        return shuffled(unit_test_questions(skills, rng, policy), rng)
    if kind == Task.Kind.COURSE_CHALLENGE:
        by_unit: dict[int, list[str]] = defaultdict(list)
        for unit_id, slug in UnitSkill.objects.filter(
            unit__course=course, unit__archived=False, skill__archived=False
        ).values_list("unit_id", "skill__slug"):
            by_unit[unit_id].append(slug)
        return shuffled(course_challenge_questions(list(by_unit.values()), rng, policy), rng)
    standings = skill_standings(learner, course)
    last_started = (
        Task.objects.filter(learner=learner, course=course, kind=Task.Kind.MASTERY_CHALLENGE)
        .order_by("-started_at")
        .values_list("started_at", flat=True)
        .first()
    )
    availability = mastery_challenge_availability(standings, last_started, now, policy)
    if not availability.available:
        raise TaskConflict(f"The mastery challenge is locked. {availability.reason}")
    return mastery_challenge_questions(standings, rng, policy)


def _draw_task_questions(
    course: Course, request: TaskRequest, skill: Skill | None, plan: list[str], seed: int
) -> list[QuestionRow]:
    """The task's questions (position, skill, item), drawn from `seed`; each can be made."""
    if not plan:
        raise TaskConflict("This task has no questions: its skills are not in the course any more.")
    skills = (
        {skill.slug: skill.pk}  # a practice set's only skill
        if skill is not None
        else dict(Skill.objects.filter(course=course, slug__in=set(plan)).values_list("slug", "pk"))
    )
    rng = random.Random(seed)
    # Each skill's questions are drawn together so that a skill asked twice gets two different ones.
    wanted: dict[str, int] = defaultdict(int)
    for slug in plan:
        wanted[slug] += 1
    if request.kind == Task.Kind.PRACTICE:
        wanted[plan[0]] += 1  # one more, kept back for the bonus question
    drawn = {
        slug: _draw_questions(course, skills[slug], count, rng)
        for slug, count in sorted(wanted.items())
    }
    rows = [
        QuestionRow(position, skills[slug], drawn[slug].pop(0), False, 0, False, None)
        for position, slug in enumerate(plan, start=1)
    ]
    if request.kind == Task.Kind.PRACTICE:
        bonus = drawn[plan[0]].pop(0)
        rows.append(QuestionRow(len(plan) + 1, skills[plan[0]], bonus, True, 0, False, None))
    return rows


def _create_task(
    learner: Any,
    course: Course,
    request: TaskRequest,
    target: str,
    skill: Skill | None,
    quiz: Quiz | None,
    unit: Unit | None,
    questions: list[QuestionRow],
    now: datetime,
) -> Task:
    task = Task(
        learner_id=learner.pk,
        course=course,
        kind=request.kind,
        skill=skill,
        quiz=quiz,
        unit=unit,
        assignment_id=request.assignment_id,
        same_questions_for_everyone=request.question_seed is not None,
        target=target,
        question_count=sum(1 for row in questions if not row.is_bonus),
        started_at=now,
    )
    start_sql.insert_task(task)
    start_sql.insert_questions(
        task_id=task.pk,
        questions=[(row.position, row.skill_id, row.item, row.is_bonus) for row in questions],
    )
    return task


def _draw_questions(course: Course, skill_id: int, count: int, rng: random.Random) -> list[str]:
    """`count` questions of the skill that can all be made and checked.

    A question its generator cannot make (a seed `proficio check` did not try) is drawn again
    with another seed, and logged; after MAX_REDRAWS tries the task is not started at all.
    """
    bank = question_bank(course, skill_id)
    items = bank.sample_items(count, rng)
    for index, item in enumerate(items):
        redraws = 0
        while True:
            try:
                made_question(course, skill_id, item)
                break
            except (GeneratorError, UnknownQuestion) as error:
                logger.warning("question %s cannot be made, drawing another: %s", item, error)
            redraws += 1
            if redraws > MAX_REDRAWS:
                raise TaskConflict(
                    f"The questions of the exercise '{bank.skill}' cannot be made: the exercise "
                    "is broken. Tell your teacher; it works again once its course is fixed."
                )
            item = bank.sample_items(1, rng)[0]
        items[index] = item
    return items


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
            _expire(task)


# --- answering ---------------------------------------------------------------------------------

# Try-agains change nothing, so the log keeps only the first few of each question: answering
# again and again must not grow the database without bound.
TRY_AGAINS_KEPT = 10


def answer_question(
    *,
    learner: Any,
    task_id: int,
    position: int,
    response: Any,
    attempt_id: str,
    now: datetime | None = None,
) -> dict[str, Any]:
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
    try:
        return _answer(learner.pk, task_id, position, response, attempt_id, now, locked=False)
    except (_Stale, IntegrityError):  # IntegrityError: a retry of this attempt_id just landed
        pass
    with transaction.atomic():
        answer_sql.lock_task(task_id=task_id, learner_id=learner.pk)
        return _answer(learner.pk, task_id, position, response, attempt_id, now, locked=True)


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
) -> dict[str, Any]:
    read = answer_sql.read_task(task_id=task_id, learner_id=learner_id, attempt_id=attempt_id)
    if read is None:
        raise NotFound(f"There is no task {task_id}.")
    if read.earlier_reply is not None:
        return read.earlier_reply
    task, rows = read.task, read.rows
    if not locked and past_its_time(task, now):
        _expire(task)
        raise TaskConflict(EXPIRED)
    _check_answerable(task, position)
    row = rows[position]
    course = task.course
    question = skill_question(course, row.skill_id, row.item)
    verdict = question.check(response)
    if not verdict.readable:
        raise InvalidAnswer(verdict.message)
    first = position == task.current_position and not row.answered
    reply: dict[str, Any] = {"correct": verdict.correct}
    if question.explanation_html:
        reply["explanation_html"] = question.explanation_html
    counted = (verdict.correct and row.hints_shown == 0) if first else row.counted_correct
    reply["counted_correct"] = counted
    with transaction.atomic(savepoint=False):
        if first:
            assert counted is not None
            reply.update(_move_on(task, rows, row, counted, now))
        else:
            reply["status"] = task.status
            reply["next_question"] = question_view(course, rows[task.current_position])
            if answer_sql.try_agains(task_id=task_id, position=position) >= TRY_AGAINS_KEPT:
                return reply
        answer_sql.insert_attempt(
            task_id=task_id, learner_id=learner_id, skill_id=row.skill_id, position=position,
            attempt_id=attempt_id, response=response, correct=verdict.correct, first=first,
            reply=reply, at=now,
        )  # fmt: skip
    return reply


def _move_on(
    task: Task, rows: dict[int, QuestionRow], answered: QuestionRow, counted: bool, now: datetime
) -> dict[str, Any]:
    """Settle a first answer: the next question, the bonus offer, or the finished task.

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
        return _finish(task, now, answers, bonus_right, first_answers=1)
    next_row = rows[answered.position + 1]
    status = Task.Status.BONUS_OFFERED if next_row.is_bonus else task.status
    _settle(task, seen, (next_row.position, status), answered, counted)
    progress_sql.add_activity(
        learner_id=task.learner_id, course_id=task.course_id, day=timezone.localdate(now),
        questions=1,
    )  # fmt: skip
    task.current_position, task.status = next_row.position, status
    return {"status": status, "next_question": question_view(task.course, next_row)}


def _settle(
    task: Task,
    seen: tuple[int, str],
    to: tuple[int, str],
    answered: QuestionRow,
    counted: bool,
) -> None:
    if not answer_sql.move_task(task_id=task.pk, seen=seen, to=to):
        raise _Stale
    if not answer_sql.settle_question(
        task_id=task.pk, position=answered.position, hints_shown=answered.hints_shown,
        counted_correct=counted,
    ):  # fmt: skip
        raise _Stale
    task.status = to[1]


EXPIRED = "This mastery challenge expired: it was not finished within its time."


def _expire(task: Task) -> None:
    """Write down that an open mastery challenge past its time expired (when its time ran out);
    it changes nothing else."""
    task.status, task.finished_at = Task.Status.EXPIRED, expired_at(task)
    Task.objects.filter(pk=task.pk, status__in=OPEN).update(
        status=task.status, finished_at=task.finished_at
    )


def _check_answerable(task: Task, position: int) -> None:
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


def _bonus_offered(task: Task, answers: list[tuple[int, bool]]) -> bool:
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
    *, learner: Any, task_id: int, position: int, now: datetime | None = None
) -> dict[str, Any]:
    """The next hint of a question; taking one makes the question count wrong."""
    now = now or timezone.now()
    with transaction.atomic():
        task = learner_task(learner, task_id, lock=True)
        if not past_its_time(task, now):
            return _hint(task, position, now)
        _expire(task)
    raise TaskConflict(EXPIRED)


def _hint(task: Task, position: int, now: datetime) -> dict[str, Any]:
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
    return {"hint_html": hint_html, "hints_left": len(question.hints) - row.hints_shown}


def skip_bonus(*, learner: Any, task_id: int, now: datetime | None = None) -> dict[str, Any]:
    """Decline the bonus question: the set finishes with its score as it stood."""
    now = now or timezone.now()
    with transaction.atomic():
        task = learner_task(learner, task_id, lock=True)
        if task.status != Task.Status.BONUS_OFFERED:
            raise TaskConflict("There is no bonus question to skip in this task.")
        _finish(task, now, _regular_answers(task), bonus_right=None, first_answers=0)
        return task_view(task)


# --- finishing: the one place levels change ----------------------------------------------------


def _finish(
    task: Task,
    now: datetime,
    answers: list[tuple[int, bool]],
    bonus_right: bool | None,
    *,
    first_answers: int,
) -> dict[str, Any]:
    result = TaskResult(task.kind, answers, bonus_right)
    task.status = Task.Status.FINISHED
    task.finished_at = now
    task.summary = apply_result(task=task, result=result, at=now, record_events=True)
    progress_sql.finish_task(
        task_id=task.pk, status=task.status, at=now, finish_number=task.finish_number,
        summary=task.summary,
    )  # fmt: skip
    progress_sql.add_activity(
        learner_id=task.learner_id, course_id=task.course_id, day=timezone.localdate(now),
        tasks=1, questions=first_answers, level_ups=levels_up(task.summary),
    )  # fmt: skip
    task_finished.send(sender=Task, task=task, at=now)
    return {"status": task.status, "summary": task.summary}


def levels_up(summary: dict[str, Any]) -> int:
    """How many skills a finished task moved up to Familiar or above (not to Attempted)."""
    return sum(
        1
        for change in summary["skills"]
        if Level.from_slug(change["after"])
        > max(Level.from_slug(change["before"]), Level.ATTEMPTED)
    )


def apply_result(
    *, task: Task, result: TaskResult, at: datetime, record_events: bool
) -> dict[str, Any]:
    """Change the learner's levels for a finished task and refresh their progress rows.

    Used for live answers and by `rebuild_progress`, so both always agree. The learner's
    CourseProgress row is locked first: it orders every change to their levels in the course.
    """
    course, learner_id = task.course, task.learner_id
    policy = course_policy(course)
    progress = progress_sql.lock_course_progress(learner_id=learner_id, course_id=course.pk, at=at)
    progress.finished_tasks += 1
    task.finish_number = progress.finished_tasks
    levels = progress_sql.skill_levels(learner_id=learner_id, course_id=course.pk)
    tested = list(dict.fromkeys(skill_id for skill_id, _ in result.answers))
    before = {skill_id: Level(levels.get(skill_id, Level.NOT_STARTED)) for skill_id in tested}
    after = dict(before)
    if result.kind == Task.Kind.PRACTICE:
        skill_id = tested[0]
        after[skill_id] = practice_result(
            before[skill_id], result.correct, len(result.answers), policy
        )
    else:
        by_skill: dict[int, list[bool]] = defaultdict(list)
        for skill_id, counted in result.answers:
            by_skill[skill_id].append(counted)
        for skill_id, answers in by_skill.items():
            after[skill_id] = assessment_result(before[skill_id], answers)
    progress_sql.save_skill_states(
        learner_id=learner_id, course_id=course.pk, at=at,
        states=[(s, int(after[s]), points_for(after[s], policy)) for s in tested],
    )  # fmt: skip
    levels.update((skill_id, int(after[skill_id])) for skill_id in tested)

    unit_percents, unit_rows_mastered = _refresh_progress(
        learner_id, course, progress, policy, at, levels
    )
    structure = _structure(course)
    slugs = structure.skill_slugs
    tested_units = {
        unit_id: structure.unit_slugs[unit_id]
        for unit_id, skill_ids in structure.unit_skills.items()
        if any(skill_id in skill_ids for skill_id in tested)
    }
    summary = {
        "correct": result.correct,
        "total": len(result.answers),
        "skills": [
            {
                "skill": slugs[skill_id],
                "before": before[skill_id].slug,
                "after": after[skill_id].slug,
            }
            for skill_id in tested
        ],
        "points_delta": sum(
            points_for(after[s], policy) - points_for(before[s], policy) for s in tested
        ),
        "unit_mastery_percent": {
            slug: unit_percents[unit_id] for unit_id, slug in tested_units.items()
        },
        "course_mastery_percent": progress.mastery_percent,
    }
    if record_events:
        _record_events(task, before, after, unit_rows_mastered, progress, at)
    return summary


@dataclass(frozen=True)
class _CourseStructure:
    """Which active skills each active unit holds, and their slugs: fixed between imports."""

    unit_skills: dict[int, tuple[int, ...]]
    unit_slugs: dict[int, str]
    skill_slugs: dict[int, str]


def _structure(course: Course) -> _CourseStructure:
    return _structure_of(course.pk, course.imported_at)


@lru_cache(maxsize=64)
def _structure_of(course_id: int, imported_at: datetime) -> _CourseStructure:
    # Keyed by the import's time: any import that changes the course makes a new key.
    unit_skills: dict[int, list[int]] = defaultdict(list)
    unit_slugs: dict[int, str] = {}
    skill_slugs: dict[int, str] = {}
    for unit_id, unit_slug, skill_id, skill_slug in (
        UnitSkill.objects.filter(
            unit__course_id=course_id, unit__archived=False, skill__archived=False
        )
        .order_by("unit__position", "position")
        .values_list("unit_id", "unit__slug", "skill_id", "skill__slug")
    ):
        unit_skills[unit_id].append(skill_id)
        unit_slugs[unit_id], skill_slugs[skill_id] = unit_slug, skill_slug
    for skill_id, slug in Skill.objects.filter(course_id=course_id).values_list("pk", "slug"):
        skill_slugs.setdefault(skill_id, slug)
    return _CourseStructure(
        {unit: tuple(skills) for unit, skills in unit_skills.items()}, unit_slugs, skill_slugs
    )


def _refresh_progress(
    learner_id: int,
    course: Course,
    progress: CourseProgress,
    policy: MasteryPolicy,
    at: datetime,
    levels: dict[int, int],
) -> tuple[dict[int, float], list[int]]:
    """Recompute the learner's unit and course mastery from their levels (skill id → level)."""
    unit_skills = _structure(course).unit_skills
    existing = progress_sql.unit_progress(learner_id=learner_id, course_id=course.pk)
    percents: dict[int, float] = {}
    newly_mastered: list[int] = []
    changed: list[tuple[int, int, int, float]] = []
    for unit_id, skill_ids in unit_skills.items():
        unit_levels = [Level(levels[s]) for s in skill_ids if s in levels]
        points = points_earned(unit_levels, policy)
        possible = points_possible(len(skill_ids), policy)
        percent = mastery_percent(unit_levels, len(skill_ids), policy)
        percents[unit_id] = percent
        row = existing.get(unit_id)
        if row == (points, possible, percent):
            continue
        changed.append((unit_id, points, possible, percent))
        if percent >= 100 > (row[2] if row else 0.0):
            newly_mastered.append(unit_id)
    progress_sql.save_unit_progress(
        learner_id=learner_id, course_id=course.pk, units=changed, at=at
    )
    course_skills = {s for skill_ids in unit_skills.values() for s in skill_ids}
    course_levels = [Level(levels[s]) for s in course_skills if s in levels]
    progress.points = points_earned(course_levels, policy)
    progress.points_possible = points_possible(len(course_skills), policy)
    progress.mastery_percent = mastery_percent(course_levels, len(course_skills), policy)
    progress.updated_at = at
    progress_sql.save_course_progress(progress)
    return percents, newly_mastered


def _record_events(
    task: Task,
    before: dict[int, Level],
    after: dict[int, Level],
    units_mastered: list[int],
    progress: CourseProgress,
    at: datetime,
) -> None:
    kinds = LearningEvent.Kind
    events: list[tuple[str, int | None, int | None, dict[str, Any]]] = [
        (kinds.TASK_FINISHED.value, None, None, {"kind": task.kind})
    ]
    for skill_id, level in after.items():
        if level != before[skill_id]:
            kind = kinds.SKILL_LEVELED_UP if level > before[skill_id] else kinds.SKILL_LEVELED_DOWN
            events.append(
                (kind.value, skill_id, None, {"before": before[skill_id].slug, "after": level.slug})
            )
    events += [(kinds.UNIT_MASTERED.value, None, unit_id, {}) for unit_id in units_mastered]
    if (
        progress.points_possible
        and progress.mastery_percent >= 100
        and any(after[s] != before[s] for s in after)
    ):
        events.append((kinds.COURSE_MASTERED.value, None, None, {}))
    progress_sql.insert_events(
        learner_id=task.learner_id, course_id=task.course_id, task_id=task.pk, events=events,
        at=at,
    )  # fmt: skip


# --- completions -------------------------------------------------------------------------------


def record_completion(
    *, learner: Any, course_slug: str, kind: str, slug: str, assignment_id: int | None = None,
    now: datetime | None = None,
) -> Completion:  # fmt: skip
    """The learner watched a video or read an article: recorded, and no level changes."""
    now = now or timezone.now()
    course = get_course(course_slug)
    items = course.videos if kind == Completion.Kind.VIDEO else course.articles
    if not items.filter(slug=slug, archived=False).exists():
        raise NotFound(f"There is no {kind} '{slug}' in the course '{course.slug}'.")
    with transaction.atomic():
        completion = Completion.objects.create(
            learner=learner,
            course=course,
            kind=kind,
            slug=slug,
            assignment_id=assignment_id,
            completed_at=now,
        )
        LearningEvent.objects.create(
            learner=learner, course=course, kind=LearningEvent.Kind.ITEM_COMPLETED,
            data={"kind": kind, "slug": slug}, created_at=now,
        )  # fmt: skip
    return completion


def mark_done(
    *, learner: Any, course_slug: str, kind: str, slug: str, assignment_id: int | None = None,
    now: datetime | None = None,
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
            learner=learner, course__slug=course_slug, kind=kind, slug=slug
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
            _refresh_progress(learner_id, course, progress, policy, at, levels)
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
        summary = apply_result(
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
