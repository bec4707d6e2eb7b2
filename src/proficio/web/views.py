"""Server-rendered pages: thin views that call one selector and render a template."""

import random
from collections.abc import Callable
from typing import TypeVar

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from proficio.content import api as content
from proficio.content.api import exercise_preview

Found = TypeVar("Found")


def catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "web/catalogue.html", {"courses": content.list_courses()})


def course(request: HttpRequest, course: str) -> HttpResponse:
    tree = _found(content.course_tree, course)
    return render(request, "web/course.html", {"course": tree})


def exercise(request: HttpRequest, course: str, slug: str) -> HttpResponse:
    """A preview of an exercise's questions, without their answers."""
    skill = _found(content.get_skill, course, slug)
    seed_text = request.GET.get("seed", "")
    seed = (
        int(seed_text) if seed_text.isdigit() and len(seed_text) < 10 else random.randrange(10**6)
    )
    questions = exercise_preview(skill, seed)
    return render(
        request,
        "web/exercise.html",
        {"skill": skill, "course": skill.course, "questions": questions, "seed": seed},
    )


def _found(lookup: Callable[..., Found], *slugs: str) -> Found:
    """What a selector finds, or the page's 404 with the selector's sentence."""
    try:
        return lookup(*slugs)
    except content.ContentNotFound as error:
        raise Http404(str(error)) from error
