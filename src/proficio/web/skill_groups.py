"""A class's skill groups: the groups with their learners, suggestions to accept, a group made
by hand, edits.

Suggestions are not saved: each one's "Accept" posts its name and learners as a new group.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from proficio.classroom import api as classrooms
from proficio.classroom.api import ClassNotFound, InvalidTeachingRequest
from proficio.classroom.models import Classroom
from proficio.content.api import course_tree, get_course

from .shown import shown_with
from .teacher import class_page


def _learner_choices(classroom: Classroom) -> list[tuple[int, str]]:
    return [
        (row.id, row.display_name or row.username) for row in classrooms.class_learners(classroom)
    ]


class SuggestForm(forms.Form):
    """Which skills to group by: a course's, one of its units', or the skills ticked."""

    course = forms.ChoiceField(label="Course")
    unit = forms.ChoiceField(label="Unit", required=False)
    skills = forms.MultipleChoiceField(
        label="Only these skills", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Leave them all unticked to use every skill of the course or unit.",
    )  # fmt: skip

    def __init__(self, classroom: Classroom, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        slugs = classrooms.class_view(classroom, for_teacher=True).courses
        self.trees = {slug: course_tree(slug) for slug in slugs}
        course: Any = self.fields["course"]
        course.choices = [(slug, tree.title) for slug, tree in self.trees.items()]
        unit: Any = self.fields["unit"]
        unit.choices = [("", "All units")] + [
            (u.slug, u.title) for tree in self.trees.values() for u in tree.units
        ]
        skills: Any = self.fields["skills"]
        titles = {
            s.slug: s.title for tree in self.trees.values() for u in tree.units for s in u.skills
        }
        skills.choices = list(titles.items())

    def units(self) -> list[dict[str, Any]]:
        """Each unit of the class's courses with its skills, for the ticks grouped by unit."""
        return [
            {"title": f"{tree.title} › {u.title}", "skills": [(s.slug, s.title) for s in u.skills]}
            for tree in self.trees.values()
            for u in tree.units
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        tree = self.trees.get(cleaned.get("course", ""))
        if tree is None:
            return cleaned
        unit = next((u for u in tree.units if u.slug == cleaned.get("unit")), None)
        if cleaned.get("unit") and unit is None:
            self.add_error("unit", f"This unit is not in {tree.title}: choose one of its units.")
            return cleaned
        allowed = {s.slug for u in ([unit] if unit else tree.units) for s in u.skills}
        if any(slug not in allowed for slug in cleaned.get("skills", [])):
            where = unit.title if unit else tree.title
            self.add_error("skills", f"Some ticked skills are not in {where}: untick them.")
        return cleaned


class GroupForm(forms.Form):
    name = forms.CharField(label="Group name", max_length=100)
    learners = forms.MultipleChoiceField(
        label="Learners", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, classroom: Classroom, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        learners: Any = self.fields["learners"]
        learners.choices = _learner_choices(classroom)

    def learner_ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["learners"]]


def suggestions(classroom: Classroom, form: SuggestForm) -> list[dict[str, Any]]:
    """The suggested groups for a valid form, each with its learners' names."""
    course = get_course(form.cleaned_data["course"])
    unit_slug = form.cleaned_data["unit"]
    unit = course.units.filter(slug=unit_slug, archived=False).first() if unit_slug else None
    names = dict(_learner_choices(classroom))
    try:
        found = classrooms.suggested_groups(classroom, course, unit, form.cleaned_data["skills"])
    except ClassNotFound as error:  # no skills to group by
        form.add_error("unit" if unit else "course", str(error))
        return []
    return [
        shown_with(suggestion, members=[names[pk] for pk in suggestion.learners])
        for suggestion in found
    ]


def _groups_page(
    request: HttpRequest,
    classroom: Classroom,
    edited: GroupForm | None = None,
    edited_id: int = 0,
    new_group: GroupForm | None = None,
) -> HttpResponse:
    suggest = SuggestForm(classroom, request.GET or None)
    found = suggestions(classroom, suggest) if suggest.is_valid() else []
    names = dict(_learner_choices(classroom))
    groups = []
    for group in classroom.groups.order_by("name", "pk"):
        members = classrooms.class_learner_ids(classroom, group.pk)
        initial = {"name": group.name, "learners": [str(pk) for pk in members]}
        form = edited if edited and group.pk == edited_id else None
        form = form or GroupForm(classroom, initial=initial, prefix=f"g{group.pk}")
        groups.append({"group": group, "form": form, "names": [names[pk] for pk in members]})
    page = {
        "classroom": classroom, "groups": groups, "suggest": suggest, "suggestions": found,
        "new_group": new_group or GroupForm(classroom, prefix="new"),
    }  # fmt: skip
    return render(request, "web/class_groups.html", page)


@require_http_methods(["GET", "POST"])
@class_page
def groups(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    """The groups page; a POST makes a group by hand, empty or with the learners ticked."""
    if request.method != "POST":
        return _groups_page(request, classroom)
    form = GroupForm(classroom, request.POST, prefix="new")
    if form.is_valid():
        try:
            group = classrooms.create_group(
                classroom=classroom, name=form.cleaned_data["name"], learner_ids=form.learner_ids()
            )
        except InvalidTeachingRequest as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, f"The group {group.name} is made.")
            return redirect(f"{reverse('web:class_groups', args=[classroom.pk])}#group-{group.pk}")
    return _groups_page(request, classroom, new_group=form)


@require_POST
@class_page
def accept(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    """A new group from a suggestion (or any name and learners)."""
    form = GroupForm(classroom, request.POST)
    if not form.is_valid():
        problems = " ".join(str(error) for errors in form.errors.values() for error in errors)
        messages.error(request, f"That group could not be made. {problems}")
        return redirect("web:class_groups", class_id=classroom.pk)
    group = classrooms.create_group(
        classroom=classroom, name=form.cleaned_data["name"], learner_ids=form.learner_ids()
    )
    messages.success(request, f"The group {group.name} is made.")
    return redirect("web:class_groups", class_id=classroom.pk)


@require_POST
@class_page
def change(request: HttpRequest, classroom: Classroom, group_id: int) -> HttpResponse:
    group = classrooms.class_group(classroom, group_id)
    form = GroupForm(classroom, request.POST, prefix=f"g{group.pk}")
    if not form.is_valid():
        return _groups_page(request, classroom, edited=form, edited_id=group.pk)
    try:
        classrooms.change_group(
            group=group, name=form.cleaned_data["name"], learner_ids=form.learner_ids()
        )
    except InvalidTeachingRequest as error:
        form.add_error("name", str(error))
        return _groups_page(request, classroom, edited=form, edited_id=group.pk)
    messages.success(request, f"The group {group.name} is saved.")
    return redirect("web:class_groups", class_id=classroom.pk)


@require_POST
@class_page
def delete(request: HttpRequest, classroom: Classroom, group_id: int) -> HttpResponse:
    group = classrooms.class_group(classroom, group_id)
    classrooms.delete_group(group=group)
    messages.success(request, f"The group {group.name} is gone; its learners stay in the class.")
    return redirect("web:class_groups", class_id=classroom.pk)
