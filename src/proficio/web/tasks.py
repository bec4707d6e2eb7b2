"""Doing a task in the browser: start it, answer one question at a time, see the end card.

Every answer, hint and skip is a POST that redirects to the page showing its result, so a
refresh never repeats it and the address always says where the learner is:
`/tasks/<id>` (the start card, or the end card) and `/tasks/<id>/questions/<n>`. A hint asked
for through htmx is the one exception: it answers with the hints alone, so nothing else on the
page (above all the answer being typed) changes.
"""

import re
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from proficio.accounts.models import User
from proficio.bounds import parse_id
from proficio.classroom import api as classrooms
from proficio.classroom.api import InvalidTeachingRequest, NotAllowed, goals_reached_by_task
from proficio.content.api import (
    MAX_RESPONSE_LENGTH,
    ContentNotFound,
    MathInputError,
    parse_math,
    render_inline,
    to_latex,
)
from proficio.learning import api as learning
from proficio.learning.api import InvalidAnswer, QuestionUnavailable, TaskConflict
from proficio.learning.data import QuestionView

from . import task_pages
from .bounds import refused
from .signed_in import signed_in


def _task_or_404(learner: User, task_id: int) -> Any:
    try:
        return learning.learner_task(learner, task_id)
    except ContentNotFound as error:  # another learner's task is as good as none
        raise Http404(str(error)) from error


def _unless_unavailable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A question its exercise can no longer make (a broken course) gets a page saying so.

    The API answers 409 with the same sentence; nothing was recorded.
    """

    @wraps(view)
    def guarded(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, **kwargs)
        except QuestionUnavailable as error:
            context = {"message": str(error)}
            return render(request, "web/task_unavailable.html", context, status=409)

    return guarded


_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")
# As in the API: an answer's client-made id is 1 to 100 characters (docs/api.md).
MAX_ATTEMPT_ID = 100


def _question_url(task_id: int, position: int) -> str:
    return reverse("web:task_question", args=[task_id, position])


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    """Start the task the form names, or resume the open one; then show it."""
    kind, course = request.POST.get("kind", ""), request.POST.get("course", "")
    named = [request.POST.get(name) or "" for name in ("course", "skill", "quiz", "unit")]
    task_request = learning.TaskRequest(
        kind=kind,
        course=course,
        skill=request.POST.get("skill") or None,
        quiz=request.POST.get("quiz") or None,
        unit=request.POST.get("unit") or None,
    )
    if (
        kind not in learning.TASK_KINDS
        or not course
        or task_request.missing_target
        or not all(_SLUG.fullmatch(slug) for slug in named if slug)
    ):
        raise Http404("There is no such task to start.")
    assignment = request.POST.get("assignment")
    assignment_id = parse_id(assignment) if assignment else None
    if assignment and assignment_id is None:
        raise Http404("There is no such assignment.")
    learner = signed_in(request)
    try:
        task, _ = classrooms.start_task(
            learner=learner, request=task_request, assignment_id=assignment_id
        )
    except (ContentNotFound, NotAllowed) as error:
        raise Http404(str(error)) from error
    except (TaskConflict, InvalidTeachingRequest) as error:
        messages.error(request, str(error))
        came_from = request.headers.get("referer", "")
        if not url_has_allowed_host_and_scheme(came_from, {request.get_host()}):
            came_from = reverse("web:course", args=[course])
        return redirect(came_from)
    return redirect("web:task", task.id)


@login_required
@require_GET
@_unless_unavailable
def task(request: HttpRequest, task_id: int) -> HttpResponse:
    """The start card before the first answer, the end card once finished; else the question."""
    learner = signed_in(request)
    found = _task_or_404(learner, task_id)
    view = learning.task_view(found)
    if view.status == "finished":
        card = task_pages.end_card(view, goals_reached_by_task(learner, task_id))
        return render(request, "web/task_end.html", {"card": card})
    if view.status == "expired":
        return render(request, "web/task_expired.html", {"task": view})
    if view.position == 1 and not task_pages.has_begun(found):
        names = task_pages.course_names(view.course)
        return render(
            request,
            "web/task_start.html",
            {
                "task": view,
                "course_title": names.course,
                "skills": [names.skills.get(slug, slug) for slug in view.skills],
                "minutes": max(1, view.question_count * task_pages.MINUTES_PER_QUESTION),
            },
        )
    return redirect(_question_url(task_id, view.position))


@login_required
@require_GET
@_unless_unavailable
def question(request: HttpRequest, task_id: int, position: int) -> HttpResponse:
    """One question: its form, or (once answered) how the answer went, with "Try again"."""
    found = _task_or_404(signed_in(request), task_id)
    page = task_pages.question_page(found, position)
    if page is None:
        return redirect("web:task", task_id)
    # An answer typed before a hint (asked for without JavaScript) comes back in the address.
    typed = _response_of(page.question, request.GET) if _has_response(request.GET) else None
    return _render_question(request, page, again="again" in request.GET, typed=typed)


def _question_context(
    page: task_pages.QuestionPage, *, again: bool = False, typed: Any = None, error: str = ""
) -> dict[str, Any]:
    asking = page.is_current or (again and page.task.status in task_pages.OPEN)
    return {
        "page": page,
        "task": page.task,
        "question": page.question,
        "asking": asking,
        "again": again and not page.is_current,
        # One id per form shown: a double submit of this form is counted once.
        "attempt_id": uuid.uuid4().hex,
        "typed": typed,
        "picked": typed if isinstance(typed, list) else [],
        "error": error,
        "preview": read_expression(typed) if isinstance(typed, str) else {},
    }


def _render_question(
    request: HttpRequest,
    page: task_pages.QuestionPage,
    *,
    again: bool = False,
    typed: Any = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = _question_context(page, again=again, typed=typed, error=error)
    return render(request, "web/task_question.html", context, status=status)


def _response_of(question: QuestionView, data: QueryDict) -> Any:
    """What the learner typed, or the indexes of the choices they picked, as the form sent it."""
    if question["type"] == "choice":
        picked = data.getlist("choice")
        return [int(index) for index in picked if index.isascii() and index.isdigit()]
    return data.get("response", "")


def _has_response(data: QueryDict) -> bool:
    return "response" in data or "choice" in data


@login_required
@require_POST
@_unless_unavailable
def answer(request: HttpRequest, task_id: int, position: int) -> HttpResponse:
    learner = signed_in(request)
    found = _task_or_404(learner, task_id)
    page = task_pages.question_page(found, position)
    if page is None:
        return redirect("web:task", task_id)
    response = _response_of(page.question, request.POST)
    attempt_id = request.POST.get("attempt_id") or uuid.uuid4().hex
    if len(attempt_id) > MAX_ATTEMPT_ID:  # the page makes 32; longer is not from the page
        return refused(request, "This answer form is out of date; reload the page to answer.")
    try:
        learning.answer_question(
            learner=learner,
            task_id=task_id,
            position=position,
            response=response,
            attempt_id=attempt_id,
        )
    except InvalidAnswer as error:
        # Keep what the learner typed, with the reason it could not be read beside it.
        return _render_question(
            request, page, again=True, typed=response, error=str(error), status=422
        )
    except TaskConflict as error:
        messages.error(request, str(error))
        return redirect("web:task", task_id)
    return redirect(_question_url(task_id, position))


@login_required
@require_POST
@_unless_unavailable
def hint(request: HttpRequest, task_id: int, position: int) -> HttpResponse:
    """The next hint; the page warned that the question now counts wrong.

    The hint buttons submit the answer form, so what the learner typed arrives here too: htmx
    gets the hints back alone (the typed answer never left its box); a plain form post is sent
    back to the question with the typed answer in the address.
    """
    learner = signed_in(request)
    found = _task_or_404(learner, task_id)
    if any(len(typed) > MAX_RESPONSE_LENGTH for typed in request.POST.getlist("response")):
        # It would not fit in the question's address; nor would it be taken as an answer.
        return refused(
            request, f"An answer is at most {MAX_RESPONSE_LENGTH:,} characters; shorten it.", 422
        )
    problem = ""
    try:
        learning.show_hint(learner=learner, task_id=task_id, position=position)
    except (TaskConflict, InvalidAnswer) as error:
        problem = str(error)
    if request.headers.get("HX-Request") == "true":
        return _hints(request, found, position, problem)
    if problem:
        messages.error(request, problem)
    return redirect(f"{_question_url(task_id, position)}{_typed_query(request.POST)}#hints")


def _hints(request: HttpRequest, found: Any, position: int, problem: str) -> HttpResponse:
    """The question's hints section, the newest hint ready to take the focus."""
    found.refresh_from_db(fields=["status", "current_position"])
    page = task_pages.question_page(found, position)
    if page is None:  # the question is out of reach: show the task where it is
        return HttpResponseClientRedirect(reverse("web:task", args=[found.pk]))
    context = _question_context(page, again=bool(request.POST.get("again")))
    context.update(hint_added=not problem, hint_error=problem)
    return render(request, "web/_task_hints.html", context)


def _typed_query(posted: QueryDict) -> str:
    """The typed answer (and whether it was a try-again) as the question address's query."""
    kept = [("again", "")] if posted.get("again") else []
    kept += [
        (name, value) for name in ("response", "choice") for value in posted.getlist(name) if value
    ]
    return f"?{urlencode(kept)}" if kept else ""


@login_required
@require_POST
def skip_bonus(request: HttpRequest, task_id: int) -> HttpResponse:
    learner = signed_in(request)
    _task_or_404(learner, task_id)
    try:
        learning.skip_bonus(learner=learner, task_id=task_id)
    except TaskConflict as error:
        messages.error(request, str(error))
    return redirect("web:task", task_id)


@require_GET
def preview(request: HttpRequest) -> HttpResponse:
    """How a typed expression was read, as MathML, or the sentence saying why it can't be."""
    return render(
        request, "web/_math_preview.html", read_expression(request.GET.get("response", ""))
    )


def read_expression(typed: str) -> dict[str, str]:
    """`math`: the typed expression as we read it, in MathML; or `error`: why we can't."""
    if not typed.strip():
        return {}
    try:
        return {"math": render_inline(f"${to_latex(parse_math(typed))}$")}
    except MathInputError as error:
        return {"error": str(error)}
