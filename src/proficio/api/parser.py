"""The API's JSON reader: one check of every text a body carries, whatever the schema."""

from typing import Any

from django.http import HttpRequest
from ninja.parser import Parser

from proficio.bounds import first_text_problem


class UnsafeText(ValueError):
    """A text in the body that no field may hold (NUL, a lone surrogate)."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"'{where}' {problem}." if where else f"The request body {problem}.")


class NotAnObject(ValueError):
    """Every body the API reads is a JSON object of named fields."""

    def __init__(self) -> None:
        super().__init__('The request body must be a JSON object, like {"name": "…"}.')


class CheckedParser(Parser):
    """Refuse a body that is not a JSON object, or holds NUL characters or lone surrogates.

    PostgreSQL cannot store NUL, and a lone surrogate is taken but cannot be written out again
    as UTF-8: the page showing it would fail. Checking the decoded body covers every string
    field of every schema, keys and list items included. (The path and query string are
    checked for every request by `proficio.request_bounds`.)
    """

    def parse_body(self, request: HttpRequest) -> Any:
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise NotAnObject
        if found := first_text_problem(data):
            raise UnsafeText(*found)
        return data
