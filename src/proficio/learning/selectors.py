"""Reads of a learner's work, shaped for the API: tasks, progress and what to do next."""

from collections import defaultdict
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone

from proficio.content.api import get_course
from proficio.content.models import Course, Skill, Unit, UnitSkill
from proficio.mastery import (
    Level,
    MasteryPolicy,
    SkillStanding,
    UnitOutline,
    challenge_expired,
    challenge_expires_at,
    mastery_challenge_availability,
    points_for,
    points_possible,
    policy_from_overrides,
    up_next,
)

from .data import (
    CourseProgressView,
    CourseVersion,
    QuestionRow,
    SkillProgressView,
    TaskRecord,
    TaskResult,
    TaskView,
    UnitProgressView,
    UpNextStep,
)
from .errors import NotFound
from .models import (
    Attempt,
    Completion,
    CourseProgress,
    SkillState,
    Task,
    TaskQuestion,
    UnitProgress,
)
from .questions import question_bank, question_view

OPEN = (Task.Status.IN_PROGRESS, Task.Status.BONUS_OFFERED)


def course_policy(course: CourseVersion) -> MasteryPolicy:
    return _policy(course.id, course.pack_digest, tuple(sorted(course.policy_overrides.items())))


@lru_cache(maxsize=256)
def _policy(course_id: int, digest: str, overrides: tuple[tuple[str, Any], ...]) -> MasteryPolicy:
    # The pack was checked on import, so its overrides are valid.
    return policy_from_overrides(dict(overrides))


def learner_task(learner: AbstractBaseUser, task_id: int, lock: bool = False) -> Task:
    """The learner's own task; anyone else's is reported as not existing."""
    tasks = Task.objects.select_related("course")
    if lock:
        tasks = tasks.select_for_update(of=("self",))
    task = tasks.filter(pk=task_id, learner_id=learner.pk).first()
    if task is None:
        raise NotFound(f"There is no task {task_id}.")
    return task


def past_its_time(task: Task | TaskRecord, now: datetime) -> bool:
    """Whether the task is an open mastery challenge whose time has run out."""
    return (
        task.kind == Task.Kind.MASTERY_CHALLENGE
        and task.status in OPEN
        and challenge_expired(task.started_at, now, course_policy(task.course))
    )


def expired_at(task: Task | TaskRecord) -> datetime:
    """When a mastery challenge's time runs out."""
    return challenge_expires_at(task.started_at, course_policy(task.course))


def task_view(
    task: Task | TaskRecord, questions: list[QuestionRow] | None = None, now: datetime | None = None
) -> TaskView:
    """The task as `POST /tasks` and `GET /tasks/{id}` return it (given its questions, if known).

    A mastery challenge past its time reads as expired, though it is written so only when it
    is next answered or a task of its course is started: a read never writes. A Task read with
    the ORM reads so in memory too, for the page shown from it. A TaskRecord (a task being
    started) has not finished."""
    status = task.status
    finished_at, summary = (
        (task.finished_at, task.summary) if isinstance(task, Task) else (None, None)
    )
    if past_its_time(task, now or timezone.now()):
        status, finished_at = Task.Status.EXPIRED, expired_at(task)
        if isinstance(task, Task):
            task.status, task.finished_at = status, finished_at
    rows = questions or task_question_rows(task)
    course = task.course
    skills = list(
        dict.fromkeys(question_bank(course, row.skill_id).skill for row in rows if not row.is_bonus)
    )
    question = None
    if status in OPEN:
        current = next(row for row in rows if row.position == task.current_position)
        question = question_view(course, current)
    return TaskView(
        id=task.id,
        kind=task.kind,
        course=course.slug,
        skills=skills,
        question_count=task.question_count,
        status=status,
        position=task.current_position,
        assignment=task.assignment_id,
        started_at=task.started_at,
        finished_at=finished_at,
        question=question,
        summary=summary,
    )


def skill_standings(learner_id: int, course: CourseVersion) -> list[SkillStanding]:
    """Every active skill of the course with the learner's level, in course order."""
    states = {
        state.skill_id: state
        for state in SkillState.objects.filter(learner_id=learner_id, course_id=course.id)
    }
    return [
        SkillStanding(
            slug=skill.slug,
            level=Level(states[skill.pk].level) if skill.pk in states else Level.NOT_STARTED,
            last_finished_at=states[skill.pk].last_finished_at if skill.pk in states else None,
            position=skill.position,
        )
        for skill in _course_skills(course)
    ]


def _course_skills(course: CourseVersion) -> list[Skill]:
    return list(
        Skill.objects.filter(course_id=course.id, archived=False, unit_skills__unit__archived=False)
        .distinct()
        .order_by("position")
    )


def last_challenge_started(learner_id: int, course: CourseVersion) -> datetime | None:
    """When the learner last started a mastery challenge in the course, if ever."""
    return (
        Task.objects.filter(
            learner_id=learner_id, course_id=course.id, kind=Task.Kind.MASTERY_CHALLENGE
        )
        .order_by("-started_at")
        .values_list("started_at", flat=True)
        .first()
    )


def course_progress(
    learner: AbstractBaseUser, course_slug: str, now: datetime | None = None
) -> CourseProgressView:
    """The learner's mastery in a course, from the progress caches."""
    course = get_course(course_slug)
    policy = course_policy(course)
    standings = skill_standings(learner.pk, course)
    progress = CourseProgress.objects.filter(learner_id=learner.pk, course=course).first()
    unit_rows = {
        row.unit_id: row
        for row in UnitProgress.objects.filter(learner_id=learner.pk, course=course)
    }
    skill_counts: dict[int, int] = defaultdict(int)
    for unit_id in UnitSkill.objects.filter(unit__course=course, skill__archived=False).values_list(
        "unit_id", flat=True
    ):
        skill_counts[unit_id] += 1
    units = []
    for unit in Unit.objects.filter(course=course, archived=False).order_by("position"):
        row = unit_rows.get(unit.pk)
        units.append(
            UnitProgressView(
                slug=unit.slug,
                title=unit.title,
                mastery_percent=row.mastery_percent if row else 0.0,
                points=row.points if row else 0,
                points_possible=points_possible(skill_counts[unit.pk], policy),
            )
        )
    availability = mastery_challenge_availability(
        standings, last_challenge_started(learner.pk, course), now or timezone.now(), policy
    )
    return CourseProgressView(
        course=course.slug,
        course_mastery_percent=progress.mastery_percent if progress else 0.0,
        points=progress.points if progress else 0,
        points_possible=points_possible(len(standings), policy),
        units=units,
        skills=[
            SkillProgressView(slug=s.slug, level=s.level.slug, points=points_for(s.level, policy))
            for s in standings
        ],
        mastery_challenge=availability,
    )


def recommendations(
    learner: AbstractBaseUser, course_slug: str, now: datetime | None = None
) -> list[UpNextStep]:
    """Up next: every rule of docs/mastery-rules.md that applies, best first, with its reason."""
    course = get_course(course_slug)
    policy = course_policy(course)
    standings = skill_standings(learner.pk, course)
    availability = mastery_challenge_availability(
        standings, last_challenge_started(learner.pk, course), now or timezone.now(), policy
    )
    skills_by_unit: dict[int, list[str]] = defaultdict(list)
    for unit_id, slug in UnitSkill.objects.filter(
        unit__course=course, unit__archived=False, skill__archived=False
    ).values_list("unit_id", "skill__slug"):
        skills_by_unit[unit_id].append(slug)
    outline = [
        UnitOutline(unit.slug, tuple(skills_by_unit[unit.pk]), unit.has_unit_test)
        for unit in Unit.objects.filter(course=course, archived=False).order_by("position")
    ]
    levels = {standing.slug: standing.level for standing in standings}
    return [
        UpNextStep(
            kind=rec.kind,
            course=course.slug,
            skill=rec.skill,
            unit=rec.unit,
            reason=availability.reason if rec.kind == "mastery_challenge" else rec.reason,
        )
        for rec in up_next(outline, levels, availability.available)
    ]


def result_from_log(task: Task) -> TaskResult:
    """What a finished task's answers were, read from the attempt log alone."""
    settled: dict[int, tuple[int, bool]] = {}
    hinted: set[int] = set()
    for attempt in Attempt.objects.filter(task=task).order_by("id"):
        if attempt.position in settled:
            continue
        if attempt.kind == Attempt.Kind.HINT:
            hinted.add(attempt.position)
        elif attempt.first:
            settled[attempt.position] = (
                attempt.skill_id,
                bool(attempt.correct) and attempt.position not in hinted,
            )
    answers = [settled[position] for position in range(1, task.question_count + 1)]
    bonus = settled.get(task.question_count + 1)
    return TaskResult(task.kind, answers, bonus[1] if bonus else None)


def courses_worked_in(learner: AbstractBaseUser) -> list[str]:
    """The slugs of the courses in which the learner has finished a task."""
    return list(
        CourseProgress.objects.filter(learner_id=learner.pk)
        .order_by("course__slug")
        .values_list("course__slug", flat=True)
    )


def learners_with_progress(course: Course) -> int:
    """How many learners have progress in the course (all recomputed when it is imported)."""
    return CourseProgress.objects.filter(course=course).count()


def completed_items(
    learner: AbstractBaseUser, course_slug: str, assignment_id: int | None = None
) -> set[tuple[str, str]]:
    """The (kind, slug) of each video and article the learner has watched or read in a course.

    With an assignment, only those done for that assignment: the assignment needs its own.
    """
    completions = Completion.objects.filter(learner_id=learner.pk, course__slug=course_slug)
    if assignment_id is not None:
        completions = completions.filter(assignment_id=assignment_id)
    return set(completions.values_list("kind", "slug").distinct())


def task_question_rows(task: Task | TaskRecord) -> list[QuestionRow]:
    """Every question of the task in order, with how far each has been answered."""
    return [
        QuestionRow(*values)
        for values in TaskQuestion.objects.filter(task_id=task.id)
        .order_by("position")
        .values_list(
            "position", "skill_id", "item", "is_bonus", "hints_shown", "answered",
            "counted_correct",
        )
    ]  # fmt: skip


def task_has_begun(task: Task) -> bool:
    """Whether the learner has answered a question or taken a hint in the task."""
    return Attempt.objects.filter(task=task).exists()


def latest_answer(task: Task, position: int) -> tuple[Any, bool] | None:
    """The learner's last answer to a question (response, whether it was right), if any."""
    latest = (
        Attempt.objects.filter(task=task, position=position, kind=Attempt.Kind.ANSWER)
        .order_by("-id")
        .values_list("response", "correct")
        .first()
    )
    return None if latest is None else (latest[0], bool(latest[1]))
