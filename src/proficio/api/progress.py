"""A learner's progress in a course and what to do next."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from proficio.learning import api as learning
from proficio.learning.data import (
    CourseProgressView,
    SkillProgressView,
    UnitProgressView,
    UpNextStep,
)
from proficio.mastery import ChallengeAvailability

from .auth import signed_in
from .errors import ErrorOut
from .shapes import mirrors

router = Router(tags=["Progress"])


@mirrors(UnitProgressView)
class UnitProgressOut(Schema):
    slug: str
    title: str
    mastery_percent: float
    points: int
    points_possible: int


@mirrors(SkillProgressView)
class SkillProgressOut(Schema):
    slug: str
    level: str
    points: int


@mirrors(ChallengeAvailability)
class ChallengeOut(Schema):
    available: bool
    reason: str
    available_at: datetime | None


@mirrors(CourseProgressView)
class ProgressOut(Schema):
    course: str
    course_mastery_percent: float
    points: int
    points_possible: int
    units: list[UnitProgressOut]
    skills: list[SkillProgressOut]
    mastery_challenge: ChallengeOut


@mirrors(UpNextStep)
class RecommendationOut(Schema):
    kind: str
    course: str
    skill: str | None = None
    unit: str | None = None
    quiz: str | None = None
    reason: str


@router.get(
    "/me/courses/{course}/progress",
    response={200: ProgressOut, 404: ErrorOut},
    summary="Mastery %, points and levels in a course",
)
def progress(request: HttpRequest, course: str) -> CourseProgressView:
    return learning.course_progress(signed_in(request), course)


@router.get(
    "/me/courses/{course}/up-next",
    response={200: list[RecommendationOut], 404: ErrorOut},
    summary="What to do next, best first, each with its reason",
)
def up_next(request: HttpRequest, course: str) -> list[UpNextStep]:
    return learning.recommendations(signed_in(request), course)
