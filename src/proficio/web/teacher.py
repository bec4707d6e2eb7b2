"""A teacher's classes: My classes, a new class, and a class's home with its roster.

Every page here is the class's teachers' alone: a learner of the class gets 403, anyone else
404 (as if the class did not exist), and a visitor is sent to sign in.
"""

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from proficio.accounts.api import can_teach
from proficio.classroom import api as classrooms
from proficio.classroom.api import CourseNotInClass, InvalidTeachingRequest, TeachersOnly
from proficio.classroom.models import Classroom
from proficio.content.api import ContentNotFound, list_courses

from . import teaching
from .signed_in import signed_in

ClassPage = Callable[..., HttpResponse]


def class_page(view: ClassPage) -> ClassPage:
    """Hand the view the class its signed-in teacher asked for, as `classroom`."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, class_id: int, **kwargs: Any) -> HttpResponse:
        try:
            teacher = signed_in(request)
            classroom = classrooms.taught_class(teacher, class_id)
            return view(request, classroom, **kwargs)
        except TeachersOnly as error:
            raise PermissionDenied(str(error)) from error
        except (ContentNotFound, CourseNotInClass) as error:  # ClassNotFound, ReportNotFound too
            raise Http404(str(error)) from error

    return wrapped


class NewClassForm(forms.Form):
    name = forms.CharField(
        label="Class name", max_length=200, help_text="For example, Year 7 Maths."
    )
    courses = forms.MultipleChoiceField(
        label="Courses", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Your learners see these courses; you can add more later.",
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        courses: Any = self.fields["courses"]
        courses.choices = [(c.slug, c.title) for c in list_courses()]


class AddLearnersForm(forms.Form):
    usernames = forms.CharField(
        label="Usernames", max_length=20_000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Learners who already have an account: separate usernames with spaces, commas "
        "or new lines.",
    )  # fmt: skip

    def clean_usernames(self) -> list[str]:
        return [name for name in re.split(r"[\s,;]+", self.cleaned_data["usernames"]) if name]


class ImportLearnersForm(forms.Form):
    rows = forms.CharField(
        label="Rows to import", required=False, max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One learner a line: username, display name, password (optional — we make one).",
    )  # fmt: skip
    file = forms.FileField(label="…or a CSV file", required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        if upload is not None:
            try:
                cleaned["rows"] = upload.read(200_001).decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("file", "Save the file as CSV UTF-8 and upload it again.")
        if not cleaned.get("rows", "").strip() and not self.errors:
            self.add_error("rows", "Paste some rows or choose a CSV file.")
        return cleaned


@login_required
@require_http_methods(["GET", "POST"])
def my_classes(request: HttpRequest) -> HttpResponse:
    teacher = signed_in(request)
    if not can_teach(teacher):
        raise PermissionDenied("Only teachers have classes to look after.")
    form = NewClassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        classroom = classrooms.create_class_for(
            teacher=teacher,
            name=form.cleaned_data["name"].strip(),
            course_slugs=form.cleaned_data["courses"],
        )
        messages.success(request, f"{classroom.name} is ready: give your learners its join code.")
        return redirect("web:class_home", class_id=classroom.pk)
    return render(
        request, "web/my_classes.html", {**teaching.my_classes_page(teacher), "form": form}
    )


def _class_home(request: HttpRequest, classroom: Classroom, **forms_shown: Any) -> HttpResponse:
    page = teaching.class_home_page(classroom, timezone.now())
    page["add_form"] = forms_shown.pop("add_form", None) or AddLearnersForm()
    page["import_form"] = forms_shown.pop("import_form", None) or ImportLearnersForm()
    return render(request, "web/class_home.html", {**page, **forms_shown})


@class_page
def class_home(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    return _class_home(request, classroom)


@require_POST
@class_page
def new_join_code(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    code = classrooms.regenerate_join_code(classroom=classroom)
    messages.success(request, f"The new join code is {code}; the old one no longer works.")
    return redirect("web:class_home", class_id=classroom.pk)


@require_POST
@class_page
def joining(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    turn_on = request.POST.get("join_enabled") == "on"
    classrooms.change_class(classroom=classroom, join_enabled=turn_on)
    messages.success(
        request, "Learners can join with the code." if turn_on else "Joining with the code is off."
    )
    return redirect("web:class_home", class_id=classroom.pk)


@require_POST
@class_page
def add_learners(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    form = AddLearnersForm(request.POST)
    if not form.is_valid():
        return _class_home(request, classroom, add_form=form)
    added, not_found = classrooms.add_learners_by_username(
        classroom=classroom, usernames=form.cleaned_data["usernames"]
    )
    if added:
        messages.success(request, f"Added {', '.join(added)}.")
    if not_found:
        # Keep the unknown names in the box, so the teacher corrects them rather than retypes.
        form = AddLearnersForm({"usernames": " ".join(not_found)})
        form.is_valid()
        form.add_error(
            "usernames", f"No learner account is called {', '.join(not_found)}: check the spelling."
        )
        return _class_home(request, classroom, add_form=form)
    return redirect("web:class_home", class_id=classroom.pk)


@require_POST
@class_page
def import_learners(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    form = ImportLearnersForm(request.POST, request.FILES)
    if not form.is_valid():
        return _class_home(request, classroom, import_form=form)
    try:
        report = classrooms.import_learners(classroom=classroom, text=form.cleaned_data["rows"])
    except InvalidTeachingRequest as error:
        form.add_error("rows", str(error))
        return _class_home(request, classroom, import_form=form)
    # Shown once, on this answer: the generated passwords are not kept anywhere readable.
    return _class_home(request, classroom, import_report=report)


@require_POST
@class_page
def remove_learner(request: HttpRequest, classroom: Classroom, learner_id: int) -> HttpResponse:
    classrooms.remove_learner(classroom=classroom, learner_id=learner_id)
    messages.success(request, "The learner left the class; their work stays theirs.")
    return redirect("web:class_home", class_id=classroom.pk)
