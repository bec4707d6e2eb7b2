"""A class's settings: its name and courses, and the teachers who share it."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from proficio.classroom import api as classrooms
from proficio.classroom.api import ClassNotFound, InvalidTeachingRequest
from proficio.classroom.models import Classroom

from .teacher import NewClassForm, class_page


class CoTeacherForm(forms.Form):
    username = forms.CharField(
        label="Teacher's username", max_length=150,
        help_text="A colleague with a teacher account; they see and change everything here.",
    )  # fmt: skip


def _settings_page(request: HttpRequest, classroom: Classroom, **shown: Any) -> HttpResponse:
    view = classrooms.class_view(classroom, for_teacher=True)
    initial = {"name": classroom.name, "courses": view.courses}
    return render(
        request,
        "web/class_settings.html",
        {
            "classroom": classroom,
            "teachers": view.teachers,
            "class_form": shown.get("class_form") or NewClassForm(initial=initial),
            "teacher_form": shown.get("teacher_form") or CoTeacherForm(),
            "teacher_error": shown.get("teacher_error"),
        },
    )


@require_http_methods(["GET", "POST"])
@class_page
def class_settings(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    """The page, and the name and courses sent from it."""
    if request.method == "GET":
        return _settings_page(request, classroom)
    form = NewClassForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, classroom, class_form=form)
    classrooms.change_class(
        classroom=classroom,
        name=form.cleaned_data["name"].strip(),
        course_slugs=form.cleaned_data["courses"],
    )
    messages.success(request, "The class is saved.")
    return redirect("web:class_settings", class_id=classroom.pk)


@require_POST
@class_page
def add_teacher(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    form = CoTeacherForm(request.POST)
    if form.is_valid():
        try:
            teacher = classrooms.add_co_teacher(
                classroom=classroom, username=form.cleaned_data["username"].strip()
            )
        except (ClassNotFound, InvalidTeachingRequest) as error:
            form.add_error("username", str(error))
        else:
            messages.success(request, f"{teacher.username} now teaches this class too.")
            return redirect("web:class_settings", class_id=classroom.pk)
    return _settings_page(request, classroom, teacher_form=form)


@require_POST
@class_page
def remove_teacher(request: HttpRequest, classroom: Classroom, username: str) -> HttpResponse:
    try:
        classrooms.remove_co_teacher(classroom=classroom, username=username)
    except InvalidTeachingRequest as error:
        return _settings_page(request, classroom, teacher_error=str(error))
    if username.lower() == request.user.get_username().lower():
        messages.success(request, f"You no longer teach {classroom.name}.")
        return redirect("web:my_classes")
    messages.success(request, f"{username} no longer teaches this class.")
    return redirect("web:class_settings", class_id=classroom.pk)
