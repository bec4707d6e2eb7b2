"""A signed-in learner's pages: home ("My courses", with their classes to leave), a course and a
unit with their levels."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from proficio.classroom import api as classrooms
from proficio.classroom.api import NotAllowed
from proficio.content.api import ContentNotFound, course_tree

from . import standing, views
from .signed_in import signed_in


@login_required
def home(request: HttpRequest) -> HttpResponse:
    page = standing.home_page(signed_in(request), timezone.now())
    page["classes"] = classrooms.joined_classes(signed_in(request))
    return render(request, "web/home.html", page)


@login_required
@require_POST
def leave_class(request: HttpRequest, class_id: int) -> HttpResponse:
    learner = signed_in(request)
    try:
        left = classrooms.leave_class(learner=learner, class_id=class_id)
    except NotAllowed as error:
        messages.error(request, str(error))
        return redirect("web:class_settings", class_id)
    except ContentNotFound as error:  # a class they are not in reads as one that does not exist
        raise Http404(str(error)) from error
    messages.success(
        request, f"You left {left.name}. Your work stays yours; join again with the class code."
    )
    return redirect("web:home")


def course(request: HttpRequest, course: str) -> HttpResponse:
    """A learner's course page; visitors get the public course tree."""
    if not request.user.is_authenticated:
        return views.course(request, course)
    try:
        found = standing.course_page(signed_in(request), course, timezone.now())
    except ContentNotFound as error:
        raise Http404(str(error)) from error
    return render(request, "web/my_course.html", {"course": found.tree, "standing": found})


def unit(request: HttpRequest, course: str, unit: str) -> HttpResponse:
    """A unit's lessons, quizzes and unit test; with the learner's levels when signed in."""
    try:
        if request.user.is_authenticated:
            found: Any = standing.course_standing(signed_in(request), course, timezone.now())
            tree = found.tree
        else:
            found, tree = None, course_tree(course)
    except ContentNotFound as error:
        raise Http404(str(error)) from error
    position, entry = next(
        ((number, u) for number, u in enumerate(tree.units, start=1) if u.slug == unit),
        (0, None),
    )
    if entry is None:
        raise Http404(f"There is no unit '{unit}' in the course '{course}'.")
    return render(
        request,
        "web/unit.html",
        {
            "course": tree,
            "unit": entry,
            "number": position,
            "standing": found,
            "levels": found.levels if found else {},
            "bar": found.unit_bars[entry.slug] if found else None,
            "done": standing.items_done(signed_in(request), course) if found else {},
        },
    )
