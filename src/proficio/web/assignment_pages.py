"""A class's assignments: the list with a form over the course tree, the scores table, a later
due time, changing its title, learners or times, delete."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from proficio.classroom import api as classrooms
from proficio.classroom.api import InvalidTeachingRequest
from proficio.classroom.data import AssignmentView
from proficio.classroom.models import Classroom
from proficio.content.api import ContentNotFound

from . import planning
from .audience import AudienceForm, audience_initial
from .bounds import MomentField
from .teacher import class_page


class AssignmentForm(AudienceForm):
    title = forms.CharField(
        label="Title", required=False, max_length=200,
        help_text="Left empty, it is named after the first item.",
    )  # fmt: skip
    items = forms.MultipleChoiceField(label="What to do", widget=forms.CheckboxSelectMultiple)
    start_at = MomentField(label="Opens", required=False, help_text="Now when left empty.")
    due_at = MomentField(label="Due")
    same_questions = forms.BooleanField(label="Everyone gets the same questions", required=False)

    def __init__(self, classroom: Classroom, *args: Any, **kwargs: Any) -> None:
        super().__init__(classroom, *args, **kwargs)
        self.units = planning.assignable_units(classroom)
        fields: Any = self.fields
        fields["items"].choices = [
            (value, title) for unit in self.units for value, _, title in unit["items"]
        ]

    def change(self) -> classrooms.AssignmentChange:
        data = self.cleaned_data
        return classrooms.AssignmentChange(
            title=data["title"].strip() or None,
            items=[classrooms.ItemChoice(*value.split(":", 2)) for value in data["items"]],
            start_at=data["start_at"], due_at=data["due_at"],
            same_questions=data["same_questions"], **self.audience(),
        )  # fmt: skip


class AssignmentChangeForm(AudienceForm):
    """An assignment's title, learners and times; what is in it stays as learners found it."""

    title = forms.CharField(label="Title", max_length=200)
    start_at = MomentField(label="Opens")
    due_at = MomentField(label="Due")

    def __init__(self, classroom: Classroom, view: AssignmentView, *args: Any) -> None:
        # To the minute, as the inputs show it: an untouched time is not a change.
        initial = {
            "title": view.title,
            "start_at": view.start_at.replace(second=0, microsecond=0),
            "due_at": view.due_at.replace(second=0, microsecond=0),
            **audience_initial(view),
        }
        super().__init__(classroom, *args, initial=initial, prefix="change")

    def change(self) -> tuple[classrooms.AssignmentChange, set[str]]:
        """Only what the teacher changed, and the names of those fields."""
        changed = {"title", "start_at", "due_at"} & set(self.changed_data)
        values = {name: self.cleaned_data[name] for name in changed}
        if self.audience_changed():
            values.update(self.audience())
        return classrooms.AssignmentChange(**values), set(values)


class DueForm(forms.Form):
    due_at = MomentField(label="New due time")


# The actions' sentences, each shown next to the field it is about.
ASSIGNMENT_ERROR_FIELDS = (
    ("due time", "due_at"), ("learners", "learners"), ("title", "title"),
)  # fmt: skip


def _field_for(message: str, otherwise: str = "items") -> str:
    lowered = message.lower()
    return next((name for word, name in ASSIGNMENT_ERROR_FIELDS if word in lowered), otherwise)


@require_http_methods(["GET", "POST"])
@class_page
def assignments(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    form = AssignmentForm(classroom, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = classrooms.create_assignment(classroom=classroom, change=form.change())
        except (InvalidTeachingRequest, ContentNotFound) as error:
            form.add_error(_field_for(str(error)), str(error))
        else:
            messages.success(request, f"{made.title} is assigned.")
            return redirect("web:class_assignment", class_id=classroom.pk, assignment_id=made.pk)
    page = planning.assignments_page(classroom)
    return render(request, "web/assignments.html", {**page, "form": form})


def _scores(
    request: HttpRequest,
    classroom: Classroom,
    assignment_id: int,
    due_form: DueForm | None = None,
    change_form: AssignmentChangeForm | None = None,
) -> HttpResponse:
    page = planning.scores_page(classroom, assignment_id, timezone.now())
    forms_shown = {
        "due_form": due_form or DueForm(),
        "change_form": change_form or AssignmentChangeForm(classroom, page["assignment"]),
    }
    return render(request, "web/assignment_scores.html", {**page, **forms_shown})


@require_http_methods(["GET", "POST"])
@class_page
def assignment(request: HttpRequest, classroom: Classroom, assignment_id: int) -> HttpResponse:
    """The scores table; a POST changes the assignment's title, learners or times."""
    if request.method != "POST":
        return _scores(request, classroom, assignment_id)
    chosen = classrooms.class_assignment(classroom, assignment_id)
    form = AssignmentChangeForm(classroom, classrooms.assignment_view(chosen), request.POST)
    if form.is_valid():
        change, fields_set = form.change()
        try:
            classrooms.change_assignment(assignment=chosen, change=change, fields_set=fields_set)
        except InvalidTeachingRequest as error:
            form.add_error(_field_for(str(error), otherwise="due_at"), str(error))
        else:
            messages.success(request, f"{chosen.title} is changed.")
            return redirect("web:class_assignment", class_id=classroom.pk, assignment_id=chosen.pk)
    return _scores(request, classroom, assignment_id, change_form=form)


@require_POST
@class_page
def new_due_time(request: HttpRequest, classroom: Classroom, assignment_id: int) -> HttpResponse:
    chosen = classrooms.class_assignment(classroom, assignment_id)
    form = DueForm(request.POST)
    if form.is_valid():
        try:
            classrooms.change_assignment(
                assignment=chosen,
                change=classrooms.AssignmentChange(due_at=form.cleaned_data["due_at"]),
                fields_set={"due_at"},
            )
        except InvalidTeachingRequest as error:
            form.add_error("due_at", str(error))
        else:
            messages.success(request, "The new due time is set.")
            return redirect("web:class_assignment", class_id=classroom.pk, assignment_id=chosen.pk)
    return _scores(request, classroom, assignment_id, due_form=form)


@require_POST
@class_page
def delete_assignment(
    request: HttpRequest, classroom: Classroom, assignment_id: int
) -> HttpResponse:
    classrooms.delete_assignment(assignment=classrooms.class_assignment(classroom, assignment_id))
    messages.success(request, "The assignment is removed; work done for it still counts.")
    return redirect("web:class_assignments", class_id=classroom.pk)
