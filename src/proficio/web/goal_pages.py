"""A class's goals: the list with a new-goal form, one goal's learners at their pace, delete."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from proficio.classroom import selectors, services
from proficio.classroom.models import Classroom
from proficio.content.selectors import ContentNotFound

from . import planning
from .teacher import class_page


class DateInput(forms.DateInput):
    input_type = "date"


class GoalForm(forms.Form):
    course = forms.ChoiceField(label="Course")
    unit = forms.ChoiceField(
        label="Unit", required=False, help_text="Leave as the whole course for a course goal."
    )
    target_percent = forms.IntegerField(
        label="Target mastery %", min_value=1, max_value=100, initial=100
    )
    start_date = forms.DateField(
        label="Start date", required=False, widget=DateInput, help_text="Today when left empty."
    )
    due_date = forms.DateField(label="Due date", widget=DateInput)
    group = forms.ChoiceField(label="For", required=False)

    def __init__(self, classroom: Classroom, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        courses = planning.class_courses(classroom)
        fields: Any = self.fields
        fields["course"].choices = [(c.slug, c.title) for c in courses]
        fields["unit"].choices = [("", "The whole course")] + [
            (c.title, [(u.slug, u.title) for u in c.units]) for c in courses
        ]
        fields["group"].choices = [("", "The whole class")] + [
            (str(pk), f"Group: {name}") for pk, name in planning.groups_of(classroom)
        ]

    def change(self) -> services.GoalChange:
        data = self.cleaned_data
        return services.GoalChange(
            course=data["course"], unit=data["unit"] or None,
            target_percent=data["target_percent"], start_date=data["start_date"],
            due_date=data["due_date"], group=int(data["group"]) if data["group"] else None,
        )  # fmt: skip


# The service's sentences, each shown next to the field it is about.
GOAL_ERROR_FIELDS = (("unit", "unit"), ("due date", "due_date"), ("target", "target_percent"))


def _field_for(message: str) -> str | None:
    lowered = message.lower()
    return next((name for word, name in GOAL_ERROR_FIELDS if word in lowered), None)


@require_http_methods(["GET", "POST"])
@class_page
def goals(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    form = GoalForm(classroom, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.create_goal(classroom=classroom, change=form.change())
        except (services.InvalidTeachingRequest, ContentNotFound) as error:
            form.add_error(_field_for(str(error)), str(error))
        else:
            messages.success(request, "The goal is set: its learners see it on their course page.")
            return redirect("web:class_goal", class_id=classroom.pk, goal_id=goal.pk)
    page = planning.goals_page(classroom, timezone.localdate())
    return render(request, "web/goals.html", {**page, "form": form})


@class_page
def goal(request: HttpRequest, classroom: Classroom, goal_id: int) -> HttpResponse:
    page = planning.goal_page(classroom, goal_id, timezone.localdate())
    return render(request, "web/goal.html", page)


@require_POST
@class_page
def delete_goal(request: HttpRequest, classroom: Classroom, goal_id: int) -> HttpResponse:
    services.delete_goal(goal=selectors.class_goal(classroom, goal_id))
    messages.success(request, "The goal is removed.")
    return redirect("web:class_goals", class_id=classroom.pk)
