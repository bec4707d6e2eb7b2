"""The pages a person meets when something goes wrong: 400, 403 (and a refused form), 404, 405,
500.

Each is in the site's style with a way back, and says nothing of the server's insides: no URL
patterns, file paths or tracebacks. Under /api/ the same errors are `{"detail": …}` JSON.
Only sentences written for people are shown: our own Http404 and PermissionDenied messages;
Django's own exceptions (the URL resolver's, the request parser's) get a sentence of ours.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import Resolver404
from django.views.decorators.csrf import requires_csrf_token

NOT_FOUND = "There is no page at this address."
FORBIDDEN = "You are not allowed to see this page."
BAD_REQUEST = "The server could not read this request. Go back and try again."
TOO_LARGE = "What you sent is too large. Send less at once, or a smaller file."
EXPIRED_FORM = (
    "This form could not be sent: it had expired, or this browser blocks cookies for this site. "
    "Go back, reload the page and send the form again."
)
SERVER_ERROR = "Something went wrong on the server; it has been logged."
WRONG_METHOD = (
    "This address is not for opening: it is where a button or a form sends what you chose. "
    "Go back and use the button."
)


def _for_people(exception: Exception, default: str) -> str:
    """The exception's own sentence when it is one of ours, else `default`."""
    if isinstance(exception, Resolver404):  # its argument is the resolver's dump
        return default
    if isinstance(exception, Http404 | PermissionDenied) and exception.args:
        message = exception.args[0]
        if isinstance(message, str) and message:
            return message
    return default


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _api_error(sentence: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": sentence}, status=status)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _api_error(f"There is no API call {request.path}.", 404)
    message = _for_people(exception, NOT_FOUND)
    return render(request, "404.html", {"message": message}, status=404)


def forbidden(request: HttpRequest, exception: Exception) -> HttpResponse:
    message = _for_people(exception, FORBIDDEN)
    if _is_api(request):
        return _api_error(message, 403)
    return render(request, "403.html", {"message": message}, status=403)


@requires_csrf_token
def form_refused(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: Django's reason names its checks, so the person gets ours."""
    if _is_api(request):
        return _api_error(EXPIRED_FORM, 403)
    return render(request, "403.html", {"message": EXPIRED_FORM}, status=403)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    too_large = isinstance(exception, RequestDataTooBig | TooManyFieldsSent)
    message = TOO_LARGE if too_large else BAD_REQUEST
    if _is_api(request):
        return _api_error(message, 400)
    # No request context: the request itself is what could not be read (a bad Host header).
    html = loader.render_to_string("400.html", {"message": message})
    return HttpResponse(html, status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return _api_error(SERVER_ERROR, 500)
    # Rendered without the request: no session, user or database is needed, for any of them
    # may be what failed.
    return HttpResponse(loader.render_to_string("500.html"), status=500)


def method_not_allowed(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., Any]:
    """Middleware: a method an address does not take (a GET of a button's address, say) is
    answered by Django and ninja with an empty or bare-text 405; people get the site's page,
    clients JSON, and both keep the Allow header."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.status_code != 405 or response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        allowed = response.get("Allow", "")
        if _is_api(request):
            sentence = f"{request.path} does not take {request.method}; it takes {allowed}."
            answer: HttpResponse = _api_error(sentence, 405)
        else:
            answer = render(request, "405.html", {"message": WRONG_METHOD}, status=405)
        answer["Allow"] = allowed
        return answer

    return middleware
