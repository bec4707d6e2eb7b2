"""A class's goals: the list with a new-goal form, one goal's learners at their pace, changing
its dates, target or learners, delete."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from proficio.classroom import api as classrooms
from proficio.classroom.api import InvalidTeachingRequest
from proficio.classroom.data import GoalView
from proficio.classroom.models import Classroom
from proficio.content.api import ContentNotFound

from . import planning
from .audience import AudienceForm, audience_initial
from .bounds import DayField
from .teacher import class_page


class GoalForm(AudienceForm):
    course = forms.ChoiceField(label="Course")
    unit = forms.ChoiceField(
        label="Unit", required=False, help_text="Leave as the whole course for a course goal."
    )
    target_percent = forms.IntegerField(
        label="Target mastery %", min_value=1, max_value=100, initial=100
    )
    start_date = DayField(label="Start date", required=False, help_text="Today when left empty.")
    due_date = DayField(label="Due date")

    def __init__(self, classroom: Classroom, *args: Any, **kwargs: Any) -> None:
        super().__init__(classroom, *args, **kwargs)
        courses = planning.class_courses(classroom)
        fields: Any = self.fields
        fields["course"].choices = [(c.slug, c.title) for c in courses]
        fields["unit"].choices = [("", "The whole course")] + [
            (c.title, [(u.slug, u.title) for u in c.units]) for c in courses
        ]

    def change(self) -> classrooms.GoalChange:
        data = self.cleaned_data
        return classrooms.GoalChange(
            course=data["course"], unit=data["unit"] or None,
            target_percent=data["target_percent"], start_date=data["start_date"],
            due_date=data["due_date"], **self.audience(),
        )  # fmt: skip


class GoalChangeForm(AudienceForm):
    """A goal's target, dates and learners; its course and unit stay what the goal is about."""

    target_percent = forms.IntegerField(label="Target mastery %", min_value=1, max_value=100)
    start_date = DayField(label="Start date")
    due_date = DayField(label="Due date")

    def __init__(self, classroom: Classroom, view: GoalView, *args: Any) -> None:
        initial = {
            "target_percent": view.target_percent,
            "start_date": view.start_date,
            "due_date": view.due_date,
        }
        super().__init__(classroom, *args, initial={**initial, **audience_initial(view)})

    def change(self) -> tuple[classrooms.GoalChange, set[str]]:
        """Only what the teacher changed, and the names of those fields."""
        changed = {"target_percent", "start_date", "due_date"} & set(self.changed_data)
        values = {name: self.cleaned_data[name] for name in changed}
        if self.audience_changed():
            values.update(self.audience())
        return classrooms.GoalChange(**values), set(values)


# The actions' sentences, each shown next to the field it is about.
GOAL_ERROR_FIELDS = (
    ("unit", "unit"), ("due date", "due_date"), ("target", "target_percent"),
    ("learners", "learners"), ("group", "group"),
)  # fmt: skip


def _field_for(message: str) -> str | None:
    lowered = message.lower()
    return next((name for word, name in GOAL_ERROR_FIELDS if word in lowered), None)


@require_http_methods(["GET", "POST"])
@class_page
def goals(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    form = GoalForm(classroom, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            goal = classrooms.create_goal(classroom=classroom, change=form.change())
        except (InvalidTeachingRequest, ContentNotFound) as error:
            form.add_error(_field_for(str(error)), str(error))
        else:
            messages.success(request, "The goal is set: its learners see it on their course page.")
            return redirect("web:class_goal", class_id=classroom.pk, goal_id=goal.pk)
    page = planning.goals_page(classroom, timezone.localdate())
    return render(request, "web/goals.html", {**page, "form": form})


@require_http_methods(["GET", "POST"])
@class_page
def goal(request: HttpRequest, classroom: Classroom, goal_id: int) -> HttpResponse:
    """One goal's learners at their pace; a POST changes its target, dates or learners."""
    chosen = classrooms.class_goal(classroom, goal_id)
    form = GoalChangeForm(classroom, classrooms.goal_view(chosen), request.POST or None)
    if request.method == "POST" and form.is_valid():
        change, fields_set = form.change()
        try:
            classrooms.change_goal(goal=chosen, change=change, fields_set=fields_set)
        except InvalidTeachingRequest as error:
            form.add_error(_field_for(str(error)), str(error))
        else:
            messages.success(request, "The goal is changed.")
            return redirect("web:class_goal", class_id=classroom.pk, goal_id=chosen.pk)
    page = planning.goal_page(classroom, goal_id, timezone.localdate())
    return render(request, "web/goal.html", {**page, "form": form})


@require_POST
@class_page
def delete_goal(request: HttpRequest, classroom: Classroom, goal_id: int) -> HttpResponse:
    classrooms.delete_goal(goal=classrooms.class_goal(classroom, goal_id))
    messages.success(request, "The goal is removed.")
    return redirect("web:class_goals", class_id=classroom.pk)
