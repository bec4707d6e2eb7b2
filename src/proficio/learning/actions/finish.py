"""Finishing a task: the one place a learner's levels change, and their progress follows."""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.db import connection
from django.utils import timezone

from proficio.content.models import Skill, UnitSkill
from proficio.learning.data import (
    CourseProgressRow,
    CourseVersion,
    SkillLevelChange,
    TaskRecord,
    TaskResult,
    TaskSummary,
)
from proficio.learning.models import LearningEvent, Task
from proficio.learning.selectors import course_policy
from proficio.learning.signals import task_finished
from proficio.learning.storage import progress_sql
from proficio.mastery import (
    Level,
    MasteryPolicy,
    assessment_result,
    mastery_percent,
    points_earned,
    points_for,
    points_possible,
    practice_result,
)


def finish_task(
    task: Task | TaskRecord,
    now: datetime,
    answers: list[tuple[int, bool]],
    bonus_right: bool | None,
    *,
    first_answers: int,
) -> tuple[int, TaskSummary]:
    """Write the task finished at `now`, with the learner's levels and progress that follow.

    Returns its finish number and summary. `first_answers`: how many questions this finish
    answered (for the day's count).
    """
    result = TaskResult(task.kind, answers, bonus_right)
    number, summary = apply_result(task=task, result=result, at=now, record_events=True)
    progress_sql.finish_task(
        task_id=task.id, status=Task.Status.FINISHED, at=now, finish_number=number,
        summary=summary,
    )  # fmt: skip
    progress_sql.add_activity(
        learner_id=task.learner_id, course_id=task.course_id, day=timezone.localdate(now),
        tasks=1, questions=first_answers, level_ups=levels_up(summary),
    )  # fmt: skip
    task_finished.send(sender=Task, task=_finished(task, now, number, summary), at=now)
    return number, summary


def _finished(task: Task | TaskRecord, at: datetime, number: int, summary: TaskSummary) -> Task:
    """The finished task as `task_finished` hands it on: a Task of the fields known here (the
    others are read only if asked for, and a `.save()` writes only the known ones)."""
    known: dict[str, Any] = {
        "id": task.id, "learner_id": task.learner_id, "course_id": task.course_id,
        "kind": task.kind, "skill_id": task.skill_id, "assignment_id": task.assignment_id,
        "same_questions_for_everyone": task.same_questions_for_everyone,
        "status": Task.Status.FINISHED, "question_count": task.question_count,
        "current_position": task.current_position, "started_at": task.started_at,
        "finished_at": at, "finish_number": number, "summary": summary,
    }  # fmt: skip
    # from_db takes the values in the order of the model's fields.
    names = [field.attname for field in Task._meta.concrete_fields if field.attname in known]
    return Task.from_db(connection.alias, names, [known[name] for name in names])


def levels_up(summary: TaskSummary) -> int:
    """How many skills a finished task moved up to Familiar or above (not to Attempted)."""
    return sum(
        1
        for change in summary["skills"]
        if Level.from_slug(change["after"])
        > max(Level.from_slug(change["before"]), Level.ATTEMPTED)
    )


def apply_result(
    *, task: Task | TaskRecord, result: TaskResult, at: datetime, record_events: bool
) -> tuple[int, TaskSummary]:
    """Change the learner's levels for a finished task and refresh their progress rows.

    Returns the task's finish number (the order in which the learner's tasks in the course
    changed their levels) and its summary. Used for live answers and by `rebuild_progress`, so
    both always agree. The learner's CourseProgress row is locked first: it orders every
    change to their levels in the course.
    """
    course, learner_id = task.course, task.learner_id
    policy = course_policy(course)
    progress = progress_sql.lock_course_progress(learner_id=learner_id, course_id=course.id, at=at)
    progress = replace(progress, finished_tasks=progress.finished_tasks + 1)
    levels = progress_sql.skill_levels(learner_id=learner_id, course_id=course.id)
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
        learner_id=learner_id, course_id=course.id, at=at,
        states=[(s, int(after[s]), points_for(after[s], policy)) for s in tested],
    )  # fmt: skip
    levels.update((skill_id, int(after[skill_id])) for skill_id in tested)

    progress, unit_percents, unit_rows_mastered = refresh_progress(
        learner_id, course, progress, policy, at, levels
    )
    structure = _structure(course)
    slugs = structure.skill_slugs
    tested_units = {
        unit_id: structure.unit_slugs[unit_id]
        for unit_id, skill_ids in structure.unit_skills.items()
        if any(skill_id in skill_ids for skill_id in tested)
    }
    summary: TaskSummary = {
        "correct": result.correct,
        "total": len(result.answers),
        "skills": [
            SkillLevelChange(
                skill=slugs[skill_id],
                before=before[skill_id].slug,
                after=after[skill_id].slug,
            )
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
    return progress.finished_tasks, summary


@dataclass(frozen=True)
class _CourseStructure:
    """Which active skills each active unit holds, and their slugs: fixed between imports."""

    unit_skills: dict[int, tuple[int, ...]]
    unit_slugs: dict[int, str]
    skill_slugs: dict[int, str]


def _structure(course: CourseVersion) -> _CourseStructure:
    return _structure_of(course.id, course.imported_at)


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


def refresh_progress(
    learner_id: int,
    course: CourseVersion,
    progress: CourseProgressRow,
    policy: MasteryPolicy,
    at: datetime,
    levels: dict[int, int],
) -> tuple[CourseProgressRow, dict[int, float], list[int]]:
    """Recompute the learner's unit and course mastery from their levels (skill id → level).

    Returns their course row as written, each unit's mastery % and the units newly mastered.
    """
    unit_skills = _structure(course).unit_skills
    existing = progress_sql.unit_progress(learner_id=learner_id, course_id=course.id)
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
        learner_id=learner_id, course_id=course.id, units=changed, at=at
    )
    course_skills = {s for skill_ids in unit_skills.values() for s in skill_ids}
    course_levels = [Level(levels[s]) for s in course_skills if s in levels]
    progress = replace(
        progress,
        points=points_earned(course_levels, policy),
        points_possible=points_possible(len(course_skills), policy),
        mastery_percent=mastery_percent(course_levels, len(course_skills), policy),
    )
    progress_sql.save_course_progress(progress, at=at)
    return progress, percents, newly_mastered


def _record_events(
    task: Task | TaskRecord,
    before: dict[int, Level],
    after: dict[int, Level],
    units_mastered: list[int],
    progress: CourseProgressRow,
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
        learner_id=task.learner_id, course_id=task.course_id, task_id=task.id, events=events,
        at=at,
    )  # fmt: skip
