"""The API's bounded types: every id, date and time a schema or parameter takes uses these.

The bounds themselves are `proficio.bounds`, shared with the pages.
"""

from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, StrictInt

from proficio import bounds


def _id(value: int) -> int:
    if problem := bounds.id_problem(value):
        raise ValueError(problem)
    return value


def _written(example: str) -> BeforeValidator:
    # pydantic would read a number as seconds since 1970; a date is written as text.
    def check(value: object) -> object:
        if not isinstance(value, str | date):
            raise ValueError(f"must be written like {example}")
        return value

    return BeforeValidator(check)


def _day(value: date) -> date:
    if problem := bounds.date_problem(value):
        raise ValueError(problem)
    return value


def _moment(value: datetime) -> datetime:
    # Checked in its own zone, before anything converts it; a time without a zone is UTC,
    # as every time in the API is.
    _day(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# An id in a JSON body: a number (not "12"), and one a database row can have.
Id = Annotated[StrictInt, AfterValidator(_id)]
# An id in the path or the query string, read from its text.
IdParam = Annotated[int, AfterValidator(_id)]
# The learners a goal, an assignment or a group is for.
LearnerIds = Annotated[list[Id], Field(max_length=2000)]
Day = Annotated[date, _written("2025-03-01"), AfterValidator(_day)]
Moment = Annotated[datetime, _written("2025-03-01T17:00:00Z"), AfterValidator(_moment)]
