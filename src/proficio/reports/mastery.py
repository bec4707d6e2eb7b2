"""The mastery progress report: each learner's course mastery % and every active unit's."""

from collections.abc import Sequence
from typing import TypedDict

from proficio.classroom.api import class_course
from proficio.classroom.models import Classroom
from proficio.content.models import Unit
from proficio.learning.models import CourseProgress, UnitProgress

from .scope import learner_names


class LearnerMastery(TypedDict):
    learner: int
    username: str
    display_name: str
    course_mastery_percent: float
    units: dict[str, float]


class MasteryReport(TypedDict):
    course: str
    units: list[str]
    learners: list[LearnerMastery]


def mastery_progress(
    *, classroom: Classroom, course: str, learner_ids: Sequence[int]
) -> MasteryReport:
    """Mastery % of the learners (in the order given) in the course and its active units.

    A learner with no progress row yet has 0 %. Six queries, however many learners or answers.
    """
    found = class_course(classroom, course)
    units = dict(
        Unit.objects.filter(course=found, archived=False)
        .order_by("position")
        .values_list("pk", "slug")
    )
    course_percents = dict(
        CourseProgress.objects.filter(course=found, learner_id__in=learner_ids).values_list(
            "learner_id", "mastery_percent"
        )
    )
    unit_percents: dict[int, dict[str, float]] = {pk: {} for pk in learner_ids}
    # A row at 0 % reads as no row: skipping them spares most of a new class's rows.
    for learner_id, unit_id, percent in UnitProgress.objects.filter(
        course=found, learner_id__in=learner_ids, mastery_percent__gt=0
    ).values_list("learner_id", "unit_id", "mastery_percent"):
        # Rows of archived units stay in the cache; the report leaves them out.
        if unit_id in units:
            unit_percents[learner_id][units[unit_id]] = percent
    names = learner_names(learner_ids)
    slugs = list(units.values())
    return {
        "course": found.slug,
        "units": slugs,
        "learners": [
            {
                "learner": pk,
                "username": names[pk].username,
                "display_name": names[pk].display_name,
                "course_mastery_percent": course_percents.get(pk, 0.0),
                "units": {slug: unit_percents[pk].get(slug, 0.0) for slug in slugs},
            }
            for pk in learner_ids
        ],
    }
