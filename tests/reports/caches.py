"""Rows put straight into the progress caches that the reports read, and accounts."""

from datetime import date

from django.utils import timezone

from proficio.accounts.models import User
from proficio.accounts.services import create_user
from proficio.content.models import Course, Skill, Unit
from proficio.learning.models import ActivityDay, CourseProgress, SkillState, UnitProgress
from proficio.mastery.levels import Level

# The journey course (tests.samples.write_known_answers_pack): units and skills in this order.
UNITS = {"numbers": ["one", "two", "three"], "more": ["four", "five"]}
PASSWORD = "a-long-password"


def make_user(username: str, display_name: str = "", role: str = User.Role.LEARNER) -> User:
    return create_user(username=username, password=PASSWORD, display_name=display_name, role=role)


def ids(*users: User) -> list[int]:
    return [user.pk for user in users]


def set_mastery(learner: User, course: Course, percent: float, units: dict[str, float]) -> None:
    """Cache rows as the answer path leaves them: the course's % and each named unit's."""
    now = timezone.now()
    CourseProgress.objects.create(
        learner=learner, course=course, mastery_percent=percent, updated_at=now
    )
    for slug, unit_percent in units.items():
        UnitProgress.objects.create(
            learner=learner,
            course=course,
            unit=Unit.objects.get(course=course, slug=slug),
            mastery_percent=unit_percent,
            updated_at=now,
        )


def set_levels(learner: User, course: Course, levels: dict[str, Level]) -> None:
    for slug, level in levels.items():
        SkillState.objects.create(
            learner=learner,
            course=course,
            skill=Skill.objects.get(course=course, slug=slug),
            level=level,
            updated_at=timezone.now(),
        )


def add_activity(
    learner: User, course: Course, day: date, tasks: int, questions: int, level_ups: int
) -> None:
    ActivityDay.objects.create(
        learner=learner,
        course=course,
        day=day,
        tasks_finished=tasks,
        questions_answered=questions,
        skills_leveled_up=level_ups,
    )
