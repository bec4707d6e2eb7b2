"""The public catalogue and course trees."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import BeforeValidator

from proficio.content import api as content

from .errors import ErrorOut

router = Router(tags=["Courses"])


class CourseOut(Schema):
    slug: str
    title: str
    subject: str
    description: str
    unit_count: int
    skill_count: int


def _slugs(skills: list[Any]) -> list[str]:
    return [skill.slug if hasattr(skill, "slug") else skill for skill in skills]


# The tree's selector names skills with their titles; the API names them by slug.
SkillSlugs = Annotated[list[str], BeforeValidator(_slugs)]


class ItemOut(Schema):
    kind: str
    slug: str
    title: str


class LessonOut(Schema):
    slug: str
    title: str
    items: list[ItemOut]


class QuizOut(Schema):
    slug: str
    title: str
    skills: SkillSlugs


class UnitTestOut(Schema):
    title: str
    skills: SkillSlugs


class UnitOut(Schema):
    slug: str
    title: str
    lessons: list[LessonOut]
    quizzes: list[QuizOut]
    unit_test: UnitTestOut | None
    skills: SkillSlugs


class CourseTreeOut(Schema):
    slug: str
    title: str
    subject: str
    language: str
    description: str
    units: list[UnitOut]


@router.get("/courses", response=list[CourseOut], auth=None, summary="The course catalogue")
def list_courses(request: HttpRequest) -> list[content.CourseSummary]:
    return content.list_courses()


@router.get(
    "/courses/{course}",
    response={200: CourseTreeOut, 404: ErrorOut},
    auth=None,
    summary="A course's tree of units, lessons, items, quizzes and unit test",
)
def course_tree(request: HttpRequest, course: str) -> content.CourseTree:
    return content.course_tree(course)
