"""The bounds every request keeps, whichever face it comes through: ids, dates, text, size.

The API's types and body reader (`api/types.py`, `api/parser.py`), the pages' id converter and
date fields (`web/bounds.py`) and the check of every request (`request_bounds.py`) apply these
rules, so a value is refused with the same sentence everywhere, before it reaches the database
(which would fail on it) or a template (which could not print it).
"""

import re
from datetime import date

from django.conf import settings

# Ids are the databases' 64-bit integers: anything larger cannot name a row.
MAX_ID = 2**63 - 1
ID_RULE = f"a whole number from 1 to {MAX_ID}"

# Dates and times keep well inside the calendar, so that converting a time to UTC or adding
# days, weeks or a year to a date can never leave it.
FIRST_YEAR, LAST_YEAR = 1900, 9000
DATE_RULE = f"between the years {FIRST_YEAR} and {LAST_YEAR}"

# PostgreSQL cannot store NUL; a lone UTF-16 surrogate cannot be written out as UTF-8.
_UNSAFE_CHARACTER = re.compile("[\x00\ud800-\udfff]")


def id_problem(value: int) -> str | None:
    """Why `value` cannot be an id, or None."""
    return None if 1 <= value <= MAX_ID else f"must be {ID_RULE}"


def parse_id(text: str | None) -> int | None:
    """The id a form or query value spells, or None when it spells none."""
    if not text or not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    value = int(text)
    return None if id_problem(value) else value


def date_problem(value: date) -> str | None:
    """Why a date (or a time, read in its own zone) is out of bounds, or None."""
    return None if FIRST_YEAR <= value.year <= LAST_YEAR else f"must be {DATE_RULE}"


def text_problem(text: str) -> str | None:
    """Why a text cannot be taken, or None."""
    found = _UNSAFE_CHARACTER.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return "holds a NUL character (\\u0000); remove it"
    return "holds a broken character (a lone UTF-16 surrogate); send the text as UTF-8"


def first_text_problem(value: object, where: str = "") -> tuple[str, str] | None:
    """(where, why) of the first unsafe text in a decoded JSON value, keys included, or None."""
    if isinstance(value, str):
        problem = text_problem(value)
        # A broken key must not break the sentence that names it.
        return (_UNSAFE_CHARACTER.sub("?", where), problem) if problem else None
    if isinstance(value, dict):
        for key, item in value.items():
            inner = f"{where}.{key}" if where else str(key)
            found = first_text_problem(key, inner) or first_text_problem(item, inner)
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = first_text_problem(item, f"{where}.{index}" if where else str(index))
            if found:
                return found
    return None


def too_large() -> str:
    """What a request over the upload limit is told (413)."""
    megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024**2
    return f"The request is larger than {megabytes:g} MB, the most the server reads; send less."
