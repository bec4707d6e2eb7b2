"""What a report covers: an active unit of one of the class's courses, the learners shown.

That the course is one of the class's is classroom's `class_course`, as for goals and
assignments.
"""

from collections.abc import Sequence
from typing import NamedTuple

from proficio.accounts.models import User
from proficio.content.api import ContentNotFound
from proficio.content.models import Course, Unit


class ReportNotFound(ContentNotFound):
    """A unit the report cannot cover (HTTP 404); the message names it."""


class LearnerName(NamedTuple):
    username: str
    display_name: str


def course_unit(*, course: Course, slug: str) -> Unit:
    """An active unit of the course (an archived one is gone for reports, as for learners)."""
    unit = Unit.objects.filter(course=course, slug=slug, archived=False).first()
    if unit is None:
        raise ReportNotFound(f"There is no unit '{slug}' in the course '{course.slug}'.")
    return unit


def learner_names(learner_ids: Sequence[int]) -> dict[int, LearnerName]:
    rows = User.objects.filter(pk__in=learner_ids).values_list("pk", "username", "display_name")
    return {pk: LearnerName(username, display_name) for pk, username, display_name in rows}
