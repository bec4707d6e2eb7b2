"""The activity report: what each learner did per day in the class's courses, and totals.

Only days with some work are listed; a learner with none in the period has zero totals and no
days. Read from the `ActivityDay` cache, summed over the class's courses.
"""

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TypedDict

from proficio.classroom.models import Classroom
from proficio.learning.models import ActivityDay

from .scope import learner_names

DEFAULT_DAYS = 7  # up to and including the last day
MAX_DAYS = 366  # a school year, with room to spare; keeps one report's size bounded
COUNTS = ("tasks_finished", "questions_answered", "skills_leveled_up")


class InvalidPeriod(ValueError):
    """A period a report cannot cover (HTTP 422); the message says how to fix it."""


class DayActivity(TypedDict):
    date: date
    tasks_finished: int
    questions_answered: int
    skills_leveled_up: int


class LearnerActivity(TypedDict):
    learner: int
    username: str
    display_name: str
    tasks_finished: int
    questions_answered: int
    skills_leveled_up: int
    days: list[DayActivity]


def activity_period(*, first: date | None, last: date | None, today: date) -> tuple[date, date]:
    """The days to report, both included: up to today, and the 7 days up to `last`, by default."""
    last = last or today
    first = first or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise InvalidPeriod(f"'from' ({first}) is after 'to' ({last}); swap them.")
    if (last - first).days + 1 > MAX_DAYS:
        raise InvalidPeriod(
            f"A report covers at most {MAX_DAYS} days; {first} to {last} is "
            f"{(last - first).days + 1}. Choose a shorter period."
        )
    return first, last


def class_activity(
    *, classroom: Classroom, learner_ids: Sequence[int], first: date, last: date
) -> list[LearnerActivity]:
    """Each learner's work (in the order given) from `first` to `last`, both included.

    Two queries, however many learners or days.
    """
    by_day: dict[int, dict[date, list[int]]] = {pk: {} for pk in learner_ids}
    rows = ActivityDay.objects.filter(
        course__in=classroom.courses.all(), learner_id__in=learner_ids, day__range=(first, last)
    ).values_list("learner_id", "day", *COUNTS)
    for learner_id, day, *counts in rows:
        summed = by_day[learner_id].setdefault(day, [0, 0, 0])
        for index, count in enumerate(counts):
            summed[index] += count
    names = learner_names(learner_ids)
    report: list[LearnerActivity] = []
    for pk in learner_ids:
        days: list[DayActivity] = [
            {"date": day, "tasks_finished": t, "questions_answered": q, "skills_leveled_up": s}
            for day, (t, q, s) in sorted(by_day[pk].items())
            if t or q or s
        ]
        report.append(
            {
                "learner": pk,
                "username": names[pk].username,
                "display_name": names[pk].display_name,
                "tasks_finished": sum(day["tasks_finished"] for day in days),
                "questions_answered": sum(day["questions_answered"] for day in days),
                "skills_leveled_up": sum(day["skills_leveled_up"] for day in days),
                "days": days,
            }
        )
    return report
