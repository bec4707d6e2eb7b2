"""Every API error is `{"detail": "<a sentence a person can act on>"}`, never a bare 500."""

import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from proficio.bounds import too_large
from proficio.classroom.api import InvalidTeachingRequest, NotAllowed
from proficio.content.api import ContentNotFound
from proficio.learning.api import InvalidAnswer, TaskConflict

from .parser import NotAnObject, UnsafeText

logger = logging.getLogger(__name__)


class ErrorOut(Schema):
    """Every error: a sentence a person can act on."""

    detail: str


def _field_name(location: Any) -> str:
    # ninja reports ("body", "payload", "username"); the person only needs "username".
    parts = [str(part) for part in location if part not in {"body", "payload", "query", "path"}]
    return ".".join(parts) or "the request body"


def _validation_sentence(errors: list[dict[str, Any]]) -> str:
    sentences = []
    for error in errors[:5]:
        field = _field_name(error.get("loc", ()))
        if error.get("type") == "missing":
            sentences.append(f"'{field}' is required.")
        elif error.get("type") == "json_invalid":
            sentences.append("The request body is not valid JSON.")
        else:
            message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
            sentences.append(f"'{field}': {message[0].lower()}{message[1:]}.")
    return " ".join(sentences)


def install_error_handlers(api: NinjaAPI) -> None:
    def detail(request: HttpRequest, message: str, status: int) -> HttpResponse:
        return api.create_response(request, {"detail": message}, status=status)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
        return detail(request, _validation_sentence(list(error.errors)), 422)

    @api.exception_handler(ContentNotFound)
    def content_not_found(request: HttpRequest, error: ContentNotFound) -> HttpResponse:
        return detail(request, str(error), 404)

    @api.exception_handler(NotAllowed)
    def not_allowed(request: HttpRequest, error: NotAllowed) -> HttpResponse:
        return detail(request, str(error), 403)

    @api.exception_handler(TaskConflict)
    def conflict(request: HttpRequest, error: TaskConflict) -> HttpResponse:
        return detail(request, str(error), 409)

    @api.exception_handler(InvalidTeachingRequest)
    def invalid_teaching_request(
        request: HttpRequest, error: InvalidTeachingRequest
    ) -> HttpResponse:
        return detail(request, str(error), 422)

    @api.exception_handler(InvalidAnswer)
    def invalid_answer(request: HttpRequest, error: InvalidAnswer) -> HttpResponse:
        return detail(request, str(error), 422)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
        return detail(request, str(error) or "Not found.", 404)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
        return detail(request, "Sign in first: send 'Authorization: Bearer <token>'.", 401)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
        message = str(error)
        # ninja reports anything its body reader raised as "Cannot parse request body".
        if isinstance(error.__cause__, UnsafeText | NotAnObject):
            return detail(request, str(error.__cause__), 422)
        if isinstance(error.__cause__, RequestDataTooBig):
            return detail(request, too_large(), 413)
        if error.status_code == 400 and message.startswith("Cannot parse request body"):
            message = "The request body is not valid JSON: send a JSON object."
        return detail(request, message, error.status_code)

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, error: Exception) -> HttpResponse:
        logger.exception("unexpected error on %s %s", request.method, request.path)
        return detail(request, "Something went wrong on the server; it has been logged.", 500)
