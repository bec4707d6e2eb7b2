"""What a report covers: one of the class's courses, an active unit of it, the learners shown."""

from collections.abc import Sequence
from typing import NamedTuple

from proficio.accounts.models import User
from proficio.classroom.models import Classroom
from proficio.content.api import ContentNotFound
from proficio.content.models import Course, Unit


class ReportNotFound(ContentNotFound):
    """A course or unit the report cannot cover (HTTP 404); the message names it."""


class LearnerName(NamedTuple):
    username: str
    display_name: str


def class_course(*, classroom: Classroom, slug: str) -> Course:
    """The class's course with this slug; a course the class does not take is not found."""
    course = Course.objects.filter(slug=slug).first()
    if course is None:
        raise ReportNotFound(f"There is no course '{slug}'.")
    if not classroom.courses.filter(pk=course.pk).exists():
        raise ReportNotFound(f"The course '{slug}' is not one of this class's courses.")
    return course


def course_unit(*, course: Course, slug: str) -> Unit:
    """An active unit of the course (an archived one is gone for reports, as for learners)."""
    unit = Unit.objects.filter(course=course, slug=slug, archived=False).first()
    if unit is None:
        raise ReportNotFound(f"There is no unit '{slug}' in the course '{course.slug}'.")
    return unit


def learner_names(learner_ids: Sequence[int]) -> dict[int, LearnerName]:
    rows = User.objects.filter(pk__in=learner_ids).values_list("pk", "username", "display_name")
    return {pk: LearnerName(username, display_name) for pk, username, display_name in rows}
