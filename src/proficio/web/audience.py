"""Whom a goal or an assignment is for, as a form: the whole class, a group, or chosen learners."""

from typing import Any

from django import forms

from proficio.classroom import api as classrooms
from proficio.classroom.data import AssignmentView, GoalView
from proficio.classroom.models import Classroom

from . import planning


class AudienceForm(forms.Form):
    """The "For" drop-down and the learners' checkboxes; nothing chosen is the whole class."""

    group = forms.ChoiceField(label="For", required=False)
    learners = forms.MultipleChoiceField(
        label="…or these learners", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, classroom: Classroom, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["group"].choices = [("", "The whole class")] + [
            (str(pk), f"Group: {name}") for pk, name in planning.groups_of(classroom)
        ]
        fields["learners"].choices = [
            (str(row.id), row.display_name or row.username)
            for row in classrooms.class_learners(classroom)
        ]

    def audience(self) -> dict[str, Any]:
        """`learners` and `group` as the classroom actions take them."""
        data = self.cleaned_data
        return {
            "learners": [int(pk) for pk in data["learners"]] or None,
            "group": int(data["group"]) if data["group"] else None,
        }

    def audience_changed(self) -> bool:
        return bool({"group", "learners"} & set(self.changed_data))


def audience_initial(view: GoalView | AssignmentView) -> dict[str, Any]:
    """A goal's or an assignment's view as the audience fields' first values."""
    return {
        "group": str(view.group) if view.group is not None else "",
        "learners": [str(pk) for pk in view.learners or []],
    }
