"""The pages' side of `proficio.bounds`: the id path converter, every form's date fields, and
the page that refuses what no form could take."""

from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from proficio.bounds import DATE_RULE, MAX_ID, date_problem, id_problem


class IdConverter:
    """Like Django's `int`, but only 1 to 2**63 - 1: a larger number is a 404, not a crash."""

    regex = f"[0-9]{{1,{len(str(MAX_ID))}}}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if id_problem(number):
            raise ValueError(value)  # the address matches no page: 404
        return number

    def to_url(self, value: int) -> str:
        return str(value)


def within_calendar(value: date) -> None:
    if date_problem(value):
        raise ValidationError(f"Choose a date {DATE_RULE}.", code="out_of_range")


class DateInput(forms.DateInput):
    input_type = "date"


class DayField(forms.DateField):
    """A date in an <input type="date"> (YYYY-MM-DD), within the calendar's safe years."""

    widget = DateInput
    default_validators = [within_calendar]

    def prepare_value(self, value: Any) -> Any:
        return value.isoformat() if isinstance(value, date) else value


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class MomentField(forms.DateTimeField):
    """A time in an <input type="datetime-local">, in local time, within the safe years."""

    widget = DateTimeInput
    default_validators = [within_calendar]

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime):
            return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")
        return value


def refused(request: HttpRequest, sentence: str, status: int = 400) -> HttpResponse:
    """A page saying, in a sentence, why what was sent could not be taken."""
    return render(request, "web/refused.html", {"message": sentence}, status=status)
