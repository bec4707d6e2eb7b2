"""Refuse, before any view runs, a request no view could take: too large, or holding NUL.

One check for the API and the pages alike (its bounds are `proficio.bounds`): a body over the
upload limit is 413, and an address, query string or form field holding a NUL character (which
PostgreSQL cannot store) is 400, each with a sentence. The API's JSON bodies are checked by its
parser (`api/parser.py`); form fields cannot carry lone surrogates (Django decodes them with
replacement characters).
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.http.multipartparser import MultiPartParserError

from proficio.bounds import text_problem, too_large
from proficio.web.bounds import refused

Refusal = tuple[int, str]


class RequestBounds:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = _refusal(request)
        if refusal is None:
            return self.get_response(request)
        status, sentence = refusal
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": sentence}, status=status)
        return refused(request, sentence, status)


def _refusal(request: HttpRequest) -> Refusal | None:
    try:
        size = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        size = 0  # Django reads a body of unreadable length as empty
    if size > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        return 413, too_large()
    if problem := text_problem(request.path):
        return 400, f"The address {problem}."
    if in_query := _field_refusal(request.GET, "address"):
        return in_query
    if request.method != "POST" or request.content_type not in _FORMS:
        return None
    try:
        form = request.POST
    except MultiPartParserError:
        return 400, "The form could not be read; reload the page and send it again."
    # Too many fields (a SuspiciousOperation) goes on to Django, whose 400 page says so.
    return _field_refusal(form, "form")


_FORMS = {"application/x-www-form-urlencoded", "multipart/form-data"}


def _field_refusal(fields: QueryDict, where: str) -> Refusal | None:
    for name, values in fields.lists():
        for text in [name, *values]:
            if problem := text_problem(text):
                field = name if text_problem(name) is None else "a field's name"
                return 400, f"The {where}'s field '{field}' {problem}."
    return None
