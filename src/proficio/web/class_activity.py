"""A class's activity: each learner's totals over a period, as a page and as a CSV download.

The download is the JSON API's `?format=csv` file (same `reports.export` function and file name),
reached with the browser's session.
"""

from datetime import date
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone

from proficio.classroom import api as classrooms
from proficio.classroom.models import Classroom
from proficio.reports import api as reports

from .bounds import DayField
from .teacher import class_page


class ActivityForm(forms.Form):
    """The period (both days included) and an optional group; `from` and `to` as in the API."""

    group = forms.TypedChoiceField(label="Group", required=False, coerce=int, empty_value=None)

    def __init__(self, classroom: Classroom, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = DayField(label="From", required=False)
        self.fields["to"] = DayField(label="To", required=False)
        self.order_fields(["from", "to", "group"])
        groups = classroom.groups.order_by("name", "pk").values_list("pk", "name")
        group: Any = self.fields["group"]
        group.choices = [("", "Whole class"), *groups]

    def clean(self) -> dict[str, Any]:
        """Adds `period`, the days the report covers, or says next to `from` what is wrong."""
        cleaned = super().clean() or {}
        if "from" in cleaned and "to" in cleaned:
            try:
                cleaned["period"] = reports.activity_period(
                    first=cleaned["from"], last=cleaned["to"], today=timezone.localdate()
                )
            except reports.InvalidPeriod as error:
                self.add_error("from", str(error))
        return cleaned


def activity_report(classroom: Classroom, form: ActivityForm) -> list[reports.LearnerActivity]:
    first, last = form.cleaned_data["period"]
    return reports.class_activity(
        classroom=classroom,
        learner_ids=classrooms.class_learner_ids(classroom, form.cleaned_data["group"]),
        first=first,
        last=last,
    )


def _filename(classroom: Classroom, period: tuple[date, date]) -> str:
    detail = f"{period[0]}-to-{period[1]}"
    return reports.csv_filename(classroom=classroom, report="activity", detail=detail)


@class_page
def activity_page(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    form = ActivityForm(classroom, request.GET)
    page: dict[str, Any] = {"classroom": classroom, "form": form, "rows": []}
    if form.is_valid():
        page["rows"] = activity_report(classroom, form)
        page["period"] = form.cleaned_data["period"]
    return render(request, "web/class_activity.html", page)


@class_page
def activity_csv(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    form = ActivityForm(classroom, request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text(), content_type="text/plain")
    content = reports.activity_csv(activity_report(classroom, form))
    return reports.csv_download(content, _filename(classroom, form.cleaned_data["period"]))
