"""A class's reports as pages, and their CSV downloads for a signed-in teacher.

The downloads are the JSON API's `?format=csv` files, made by the same `reports.export`
functions, but reached with the browser's session rather than a bearer token.
"""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from proficio.bounds import parse_id
from proficio.classroom.models import Classroom
from proficio.reports import api as reports

from . import teaching
from .teacher import class_page


def _scope(request: HttpRequest, classroom: Classroom, *, with_unit: bool) -> teaching.ReportScope:
    """The course, unit and group chosen with GET parameters (empty means none)."""
    group = request.GET.get("group") or None
    group_id = parse_id(group)
    if group is not None and group_id is None:
        raise Http404(f"There is no group '{group}' in this class.")
    return teaching.report_scope(
        classroom,
        course=request.GET.get("course") or None,
        unit=(request.GET.get("unit") or None) if with_unit else None,
        group=group_id,
    )


def _course_of(scope: teaching.ReportScope) -> Any:
    if scope.course is None:
        raise Http404("This class has no course to report on yet.")
    return scope.course


@class_page
def mastery(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    scope = _scope(request, classroom, with_unit=False)
    by_progress = request.GET.get("sort") == "progress"
    page = teaching.mastery_page(classroom, scope, by_progress=by_progress)
    return render(request, "web/report_mastery.html", page)


@class_page
def mastery_csv(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    scope = _scope(request, classroom, with_unit=False)
    detail = _course_of(scope).slug
    report = teaching.mastery_report(classroom, scope)
    name = reports.csv_filename(classroom=classroom, report="mastery", detail=detail)
    return reports.csv_download(reports.mastery_csv(report), name)


@class_page
def skills(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    scope = _scope(request, classroom, with_unit=True)
    return render(request, "web/report_skills.html", teaching.skills_page(classroom, scope))


@class_page
def skills_csv(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    scope = _scope(request, classroom, with_unit=True)
    course = _course_of(scope).slug
    report = teaching.skills_report(classroom, scope)
    detail = f"{course}-{scope.unit}" if scope.unit else course
    name = reports.csv_filename(classroom=classroom, report="skills", detail=detail)
    return reports.csv_download(reports.skills_csv(report), name)
