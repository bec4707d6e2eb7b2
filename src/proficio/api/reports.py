"""Teachers' reports on a class: mastery progress, skill levels and activity, as JSON or CSV."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import P, QueryEx, Router, Schema
from ninja.errors import HttpError
from pydantic import StringConstraints

from proficio.classroom.api import class_learner_ids, taught_class
from proficio.reports import api as reports
from proficio.reports.api import (
    assignment_scores_report,
    goals_report,
    mastery_progress,
    skills_grid,
)

from .auth import signed_in
from .errors import ErrorOut
from .types import Day, IdParam

router = Router(tags=["Reports"])

Slug = Annotated[str, StringConstraints(min_length=1, max_length=80)]
ReportFormat = Literal["json", "csv"]
ERRORS: dict[int, type[Schema]] = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
# The CSV download is the same route's other face; tell OpenAPI readers it exists.
CSV_TOO: dict[str, Any] = {
    "responses": {
        200: {
            "content": {
                "text/csv": {"schema": {"type": "string", "description": "with ?format=csv"}}
            }
        }
    }
}


class LearnerMasteryOut(Schema):
    learner: int
    username: str
    display_name: str
    course_mastery_percent: float
    units: dict[str, float]


class MasteryReportOut(Schema):
    course: str
    units: list[str]
    learners: list[LearnerMasteryOut]


class LearnerLevelsOut(Schema):
    learner: int
    username: str
    display_name: str
    levels: dict[str, str]


class SkillsReportOut(Schema):
    course: str
    unit: str | None
    skills: list[str]
    learners: list[LearnerLevelsOut]
    counts: dict[str, dict[str, int]]


class DayActivityOut(Schema):
    date: date
    tasks_finished: int
    questions_answered: int
    skills_leveled_up: int


class LearnerActivityOut(Schema):
    learner: int
    username: str
    display_name: str
    tasks_finished: int
    questions_answered: int
    skills_leveled_up: int
    days: list[DayActivityOut]


class AssignmentHeadingOut(Schema):
    id: int
    title: str
    due_at: datetime


class LearnerAssignmentsOut(Schema):
    learner: int
    username: str
    display_name: str
    statuses: dict[str, str]
    best_percent: dict[str, float | None]


class AssignmentsReportOut(Schema):
    assignments: list[AssignmentHeadingOut]
    learners: list[LearnerAssignmentsOut]


class GoalHeadingOut(Schema):
    id: int
    title: str
    course: str
    unit: str | None
    target_percent: int
    start_date: date
    due_date: date
    expected_percent: float


class GoalStandingOut(Schema):
    mastery_percent: float
    status: str


class LearnerGoalsOut(Schema):
    learner: int
    username: str
    display_name: str
    goals: dict[str, GoalStandingOut]


class GoalsReportOut(Schema):
    goals: list[GoalHeadingOut]
    learners: list[LearnerGoalsOut]


@router.get(
    "/classes/{class_id}/reports/mastery",
    response={200: MasteryReportOut, **ERRORS},
    summary="Each learner's course and unit mastery % (add format=csv for a download)",
    openapi_extra=CSV_TOO,
)
def mastery(
    request: HttpRequest,
    class_id: IdParam,
    course: Slug,
    group: IdParam | None = None,
    format: ReportFormat = "json",
) -> Any:
    classroom = taught_class(signed_in(request), class_id)
    report = mastery_progress(
        classroom=classroom, course=course, learner_ids=class_learner_ids(classroom, group)
    )
    if format == "csv":
        name = reports.csv_filename(classroom=classroom, report="mastery", detail=course)
        return reports.csv_download(reports.mastery_csv(report), name)
    return report


@router.get(
    "/classes/{class_id}/reports/skills",
    response={200: SkillsReportOut, **ERRORS},
    summary="Each learner's level on every skill of a course or unit, with counts per level",
    openapi_extra=CSV_TOO,
)
def skills(
    request: HttpRequest,
    class_id: IdParam,
    course: Slug,
    unit: Slug | None = None,
    group: IdParam | None = None,
    format: ReportFormat = "json",
) -> Any:
    classroom = taught_class(signed_in(request), class_id)
    report = skills_grid(
        classroom=classroom,
        course=course,
        unit=unit,
        learner_ids=class_learner_ids(classroom, group),
    )
    if format == "csv":
        detail = f"{course}-{unit}" if unit else course
        name = reports.csv_filename(classroom=classroom, report="skills", detail=detail)
        return reports.csv_download(reports.skills_csv(report), name)
    return report


@router.get(
    "/classes/{class_id}/reports/activity",
    response={200: list[LearnerActivityOut], **ERRORS},
    summary="Tasks finished, questions answered and skills leveled up, per learner and day",
    description=(
        "`from` and `to` are dates, both included; by default the 7 days up to `to`, and `to`"
        f" is today. At most {reports.MAX_DAYS} days. Only days with some work are listed. The"
        " CSV has each learner's totals and the number of days they worked."
    ),
    openapi_extra=CSV_TOO,
)
def activity_report(
    request: HttpRequest,
    class_id: IdParam,
    first: QueryEx[Day | None, P(alias="from")] = None,
    last: QueryEx[Day | None, P(alias="to")] = None,
    group: IdParam | None = None,
    format: ReportFormat = "json",
) -> Any:
    classroom = taught_class(signed_in(request), class_id)
    try:
        first, last = reports.activity_period(first=first, last=last, today=timezone.localdate())
    except reports.InvalidPeriod as error:
        raise HttpError(422, str(error)) from error
    report = reports.class_activity(
        classroom=classroom,
        learner_ids=class_learner_ids(classroom, group),
        first=first,
        last=last,
    )
    if format == "csv":
        name = reports.csv_filename(
            classroom=classroom, report="activity", detail=f"{first}-to-{last}"
        )
        return reports.csv_download(reports.activity_csv(report), name)
    return report


@router.get(
    "/classes/{class_id}/reports/assignments",
    response={200: AssignmentsReportOut, **ERRORS},
    summary="Each learner's status and best % on every assignment of the class",
    description=(
        "Keys of `statuses` and `best_percent` are assignment ids; an assignment not set for a"
        " learner is absent from their row. An assignment's `best_percent` is the mean of the"
        " best scores of its exercises, quizzes and unit tests (an unfinished one counts 0),"
        " or null until one is finished."
    ),
    openapi_extra=CSV_TOO,
)
def assignments_report(
    request: HttpRequest,
    class_id: IdParam,
    group: IdParam | None = None,
    format: ReportFormat = "json",
) -> Any:
    classroom = taught_class(signed_in(request), class_id)
    report = assignment_scores_report(
        classroom=classroom, learner_ids=class_learner_ids(classroom, group), now=timezone.now()
    )
    if format == "csv":
        name = reports.csv_filename(classroom=classroom, report="assignments", detail="scores")
        return reports.csv_download(reports.assignments_csv(report), name)
    return report


@router.get(
    "/classes/{class_id}/reports/goals",
    response={200: GoalsReportOut, **ERRORS},
    summary="Each learner's mastery % and status on every goal of the class",
    description=(
        "Keys of `goals` in a learner's row are goal ids; a goal not set for a learner is absent."
        " `expected_percent` is where a learner on a straight pace would be today."
    ),
    openapi_extra=CSV_TOO,
)
def goals(
    request: HttpRequest,
    class_id: IdParam,
    group: IdParam | None = None,
    format: ReportFormat = "json",
) -> Any:
    classroom = taught_class(signed_in(request), class_id)
    report = goals_report(
        classroom=classroom,
        learner_ids=class_learner_ids(classroom, group),
        today=timezone.localdate(),
    )
    if format == "csv":
        name = reports.csv_filename(classroom=classroom, report="goals", detail="pace")
        return reports.csv_download(reports.goals_csv(report), name)
    return report
