"""Every write to the course content: importing a content pack."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone

from .models import (
    Article,
    Course,
    Lesson,
    LessonItem,
    Quiz,
    QuizSkill,
    Skill,
    Unit,
    UnitSkill,
    Video,
)
from .pack_files import read_pack_files
from .packs import Pack, Problem, check_pack, pack_digest
from .signals import course_imported

Row = TypeVar("Row", bound=models.Model)


@dataclass(frozen=True)
class ImportResult:
    course: Course
    created: bool  # a new course, not an update
    unchanged: bool  # the same pack was imported before: nothing was written
    added: int  # rows added (units, lessons, quizzes, skills, videos, articles)
    updated: int
    archived: int
    warnings: list[Problem]


def import_pack(*, path: Path | str, force: bool = False) -> ImportResult:
    """Check the pack and import it, all or nothing; raises PackError when it is not valid.

    Importing a pack whose course exists updates it in place, matching every row by slug, and
    archives rows the pack no longer has, so learners' levels and attempts stay attached. Apps
    that keep figures about the course bring them up to date in the same transaction, on
    `course_imported`.
    """
    files = read_pack_files(Path(path))
    if not force:
        # A pack imported before, byte for byte, needs neither checking nor writing.
        same = Course.objects.filter(pack_digest=pack_digest(files)).first()
        if same is not None:
            return ImportResult(same, False, True, 0, 0, 0, [])
    return import_loaded_pack(pack=check_pack(files), force=force)


@transaction.atomic
def import_loaded_pack(*, pack: Pack, force: bool = False) -> ImportResult:
    now = timezone.now()
    # "No key" so that learners' work inserting rows that refer to the course does not wait
    # for the import, which itself waits for their progress rows on `course_imported`.
    course = Course.objects.select_for_update(no_key=True).filter(slug=pack.slug).first()
    created = course is None
    if course is not None and course.pack_digest == pack.digest and not force:
        return ImportResult(course, False, True, 0, 0, 0, pack.warnings)
    if course is None:
        course = Course(slug=pack.slug, imported_at=now)
    course.title, course.subject, course.language = pack.title, pack.subject, pack.language
    course.description, course.policy_overrides = pack.description, pack.policy_overrides
    course.pack_digest, course.imported_at = pack.digest, now
    course.save()

    counts = _Counts()
    skill_order = {
        slug: position
        for position, slug in enumerate(
            dict.fromkeys(slug for unit in pack.units for slug in unit.skills), start=1
        )
    }
    skills = _sync(
        Skill, course, counts,
        {
            slug: {"title": e.title, "question_bank": e.bank, "position": skill_order[slug]}
            for slug, e in pack.exercises.items()
        },
    )  # fmt: skip
    videos = _sync(
        Video, course, counts,
        {
            slug: {"title": v.title, "url": v.url, "duration_seconds": v.duration}
            for slug, v in pack.videos.items()
        },
    )  # fmt: skip
    articles = _sync(
        Article, course, counts,
        {
            slug: {"title": a.title, "body_markdown": a.markdown, "body_html": a.html}
            for slug, a in pack.articles.items()
        },
    )  # fmt: skip
    units = _sync(
        Unit, course, counts,
        {
            unit.slug: {
                "title": unit.title,
                "position": position,
                "has_unit_test": unit.unit_test_title is not None,
                "unit_test_title": unit.unit_test_title or "",
            }
            for position, unit in enumerate(pack.units, start=1)
        },
    )  # fmt: skip
    lessons = _sync(
        Lesson, course, counts,
        {
            lesson.slug: {
                "unit": units[unit.slug], "title": lesson.title, "position": lesson.position
            }
            for unit in pack.units
            for lesson in unit.lessons
        },
    )  # fmt: skip
    quizzes = _sync(
        Quiz, course, counts,
        {
            quiz.slug: {"unit": units[unit.slug], "title": quiz.title, "position": quiz.position}
            for unit in pack.units
            for quiz in unit.quizzes
        },
    )  # fmt: skip

    # The structure holds no learner data: rewrite it.
    LessonItem.objects.filter(lesson__course=course).delete()
    UnitSkill.objects.filter(unit__course=course).delete()
    QuizSkill.objects.filter(quiz__course=course).delete()
    targets: dict[str, tuple[str, dict[str, Any]]] = {
        "video": ("video", videos),
        "article": ("article", articles),
        "exercise": ("skill", skills),
    }
    LessonItem.objects.bulk_create(
        LessonItem(
            lesson=lessons[lesson.slug],
            position=position,
            kind=item.kind,
            **{targets[item.kind][0]: targets[item.kind][1][item.slug]},
        )
        for unit in pack.units
        for lesson in unit.lessons
        for position, item in enumerate(lesson.items, start=1)
    )
    UnitSkill.objects.bulk_create(
        UnitSkill(unit=units[unit.slug], skill=skills[slug], position=position)
        for unit in pack.units
        for position, slug in enumerate(unit.skills, start=1)
    )
    QuizSkill.objects.bulk_create(
        QuizSkill(quiz=quizzes[quiz.slug], skill=skills[slug], position=position)
        for unit in pack.units
        for quiz in unit.quizzes
        for position, slug in enumerate(quiz.skills, start=1)
    )
    course_imported.send(sender=Course, course=course, at=now)
    return ImportResult(
        course, created, False, counts.added, counts.updated, counts.archived, pack.warnings
    )


class _Counts:
    added = updated = archived = 0


def _sync(
    model: type[Row], course: Course, counts: _Counts, wanted: dict[str, dict[str, Any]]
) -> dict[str, Row]:
    """Make the course's rows of `model` match `wanted` (by slug); archive the rest."""
    manager: Any = model._default_manager  # every synced model has `course` and `slug`
    existing: dict[str, Any] = {row.slug: row for row in manager.filter(course=course)}
    fields = sorted({name for values in wanted.values() for name in values} | {"archived"})
    changed, new = [], []
    for slug, values in wanted.items():
        row = existing.get(slug)
        if row is None:
            new.append(model(course=course, slug=slug, archived=False, **values))
            continue
        values = {**values, "archived": False}
        if any(_value(getattr(row, name)) != _value(value) for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            changed.append(row)
    gone = [row for slug, row in existing.items() if slug not in wanted and not row.archived]
    for row in gone:
        row.archived = True
    if changed or gone:
        manager.bulk_update([*changed, *gone], fields, batch_size=500)
    # bulk_create returns the new rows with their ids on SQLite and PostgreSQL alike.
    created: list[Any] = manager.bulk_create(new)
    counts.added += len(new)
    counts.updated += len(changed)
    counts.archived += len(gone)
    return {row.slug: row for row in [*existing.values(), *created] if row.slug in wanted}


def _value(value: Any) -> Any:
    # Compare related rows by id, so an unchanged unit does not count as an update.
    return value.pk if isinstance(value, models.Model) else value
