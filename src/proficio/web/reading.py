"""Articles and videos: the content, then "Mark as done" that happens by itself.

An article is done once its end has come into view, a video once it has played to its end (see
static/web/reading.js); a "Mark as done" button does the same without JavaScript. Marking is a
POST that records the item once for the learner (and once more for an assignment that asks for
it), so opening a page again never piles up completions. Visitors read and watch freely.
"""

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from proficio.accounts.models import User
from proficio.bounds import parse_id
from proficio.classroom import api as classrooms
from proficio.classroom.api import InvalidTeachingRequest
from proficio.content.api import ContentNotFound, get_article, get_video, item_place
from proficio.learning import api as learning
from proficio.learning.api import TaskConflict

# What the page says once the item is done, by kind.
from .signed_in import signed_in

DONE_WORDS = {"article": "Done — marked as read", "video": "Done — marked as watched"}

# Direct media files play in the page's own <video> element.
MEDIA_TYPES = {
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".webm": "video/webm",
    ".ogv": "video/ogg",
    ".ogg": "video/ogg",
}
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
YOUTUBE_HOSTS = {"youtube.com", "m.youtube.com", "youtube-nocookie.com", "youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "player.vimeo.com"}


@dataclass(frozen=True)
class VideoPlayer:
    """How a video's page plays it: `file` (<video>), `youtube` or `vimeo` (an embedded
    player), or `link` (only the link to where it lives)."""

    kind: str
    link_words: str  # the link to the original: "Watch on YouTube", "Open the video file"…
    embed_url: str = ""
    media_type: str = ""

    @property
    def marks_itself(self) -> str:
        """When the page marks the video done by itself, in the learner's words."""
        return "when you open it" if self.kind == "link" else "when the video ends"


def video_player(url: str) -> VideoPlayer:
    """The player for a video's address (a pack allows any http or https address)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    query = parse_qs(parts.query)
    extension = PurePosixPath(parts.path).suffix.lower()
    if extension in MEDIA_TYPES:
        return VideoPlayer("file", "Open the video file", url, MEDIA_TYPES[extension])
    if host in YOUTUBE_HOSTS and (video_id := _youtube_id(host, parts.path, query)):
        return VideoPlayer("youtube", "Watch on YouTube", _youtube_embed(video_id, query))
    vimeo = re.search(r"(?:^|/)(\d{5,})(?:/([0-9a-f]{6,}))?/?$", parts.path)
    if host in VIMEO_HOSTS and vimeo:
        # dnt=1: Vimeo's player then tracks nothing about the learner.
        private_hash = vimeo.group(2) or query.get("h", [""])[0]
        options = {"dnt": "1", **({"h": private_hash} if private_hash else {})}
        embed = f"https://player.vimeo.com/video/{vimeo.group(1)}?{urlencode(options)}"
        return VideoPlayer("vimeo", "Watch on Vimeo", embed)
    return VideoPlayer("link", "Watch the video")


def _youtube_id(host: str, path: str, query: dict[str, list[str]]) -> str:
    if host == "youtu.be":
        candidate = path.strip("/").split("/")[0]
    elif path == "/watch":
        candidate = query.get("v", [""])[0]
    else:
        found = re.match(r"/(?:embed|shorts|live|v)/([^/]+)", path)
        candidate = found.group(1) if found else ""
    return candidate if YOUTUBE_ID.fullmatch(candidate) else ""


def _youtube_embed(video_id: str, query: dict[str, list[str]]) -> str:
    # youtube-nocookie.com sets no cookies until the learner plays the video; enablejsapi=1
    # lets the player tell this page (by postMessage) when the video has ended.
    options = {"enablejsapi": "1", "rel": "0"}
    if start := _seconds((query.get("t") or query.get("start") or [""])[0]):
        options["start"] = str(start)
    return f"https://www.youtube-nocookie.com/embed/{video_id}?{urlencode(options)}"


def _seconds(text: str) -> int:
    """A start time as YouTube links write it: `90`, `90s` or `1m30s` (0 when unreadable)."""
    found = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", text)
    if not text or not found:
        return 0
    hours, minutes, seconds = (int(part or 0) for part in found.groups())
    return hours * 3600 + minutes * 60 + seconds


@dataclass(frozen=True)
class Progress:
    """The learner's "Mark as done" box on an article or video page."""

    kind: str
    action: str  # where the box posts
    assignment: int | None
    done: bool
    done_words: str  # what the page says once it is done
    marks_itself: str  # when the page marks it done by itself (with JavaScript)
    error: str = ""


def article(request: HttpRequest, course: str, slug: str) -> HttpResponse:
    return _page(request, "article", course, slug)


def video(request: HttpRequest, course: str, slug: str) -> HttpResponse:
    return _page(request, "video", course, slug)


def _page(
    request: HttpRequest, kind: str, course: str, slug: str, error: str = "", status: int = 200
) -> HttpResponse:
    item = _item(kind, course, slug)
    assignment = parse_id(request.GET.get("assignment") or request.POST.get("assignment"))
    player = video_player(item.url) if kind == "video" else None
    context: dict[str, Any] = {
        kind: item,
        "course": item.course,
        "player": player,
        "place": item_place(course, kind, slug),
    }
    if request.user.is_authenticated:
        done = (kind, slug) in learning.completed_items(signed_in(request), course, assignment)
        context["progress"] = Progress(
            kind=kind,
            action=reverse(f"web:{kind}_done", args=[course, slug]),
            assignment=assignment,
            done=done,
            done_words=DONE_WORDS[kind],
            marks_itself=player.marks_itself if player else "when you reach the end",
            error=error,
        )
    return render(request, f"web/{kind}.html", context, status=status)


def _item(kind: str, course: str, slug: str) -> Any:
    lookup = get_article if kind == "article" else get_video
    try:
        return lookup(course, slug)
    except ContentNotFound as error:
        raise Http404(str(error)) from error


@require_POST
def mark_done(request: HttpRequest, course: str, kind: str, slug: str) -> HttpResponse:
    """Record that the learner read the article or watched the video (once), then say so.

    The page's script asks for JSON; the plain form is sent back to the page, which now says
    it is done, or shows why it could not be marked, with the error's status.
    """
    from_script = _from_script(request)
    page_url = reverse(f"web:{kind}", args=[course, slug])
    if not request.user.is_authenticated:
        if from_script:
            return JsonResponse({"detail": "Sign in so that your progress is kept."}, status=403)
        return redirect_to_login(page_url)
    _item(kind, course, slug)
    text = request.POST.get("assignment", "")
    assignment = parse_id(text)
    try:
        if text and assignment is None:
            raise ContentNotFound(f"There is no assignment {text}.")
        _record(signed_in(request), course, kind, slug, assignment)
    except ContentNotFound as error:  # an unknown assignment, or another learner's
        return _refused(request, from_script, kind, course, slug, str(error), 404)
    except InvalidTeachingRequest as error:
        return _refused(request, from_script, kind, course, slug, str(error), 422)
    except TaskConflict as error:  # the assignment has not opened yet
        return _refused(request, from_script, kind, course, slug, str(error), 409)
    if from_script:
        return JsonResponse({"done": True, "message": DONE_WORDS[kind]})
    query = f"?{urlencode({'assignment': assignment})}" if assignment is not None else ""
    return redirect(page_url + query)


def _record(learner: User, course: str, kind: str, slug: str, assignment: int | None) -> None:
    # As POST /api/v1/me/completions: the assignment must ask for this item, and be open.
    if assignment is not None:
        classrooms.check_assigned_completion(
            learner=learner, assignment_id=assignment, course=course, kind=kind, slug=slug
        )
    learning.mark_done(
        learner=learner, course_slug=course, kind=kind, slug=slug, assignment_id=assignment
    )


def _refused(
    request: HttpRequest,
    from_script: bool,
    kind: str,
    course: str,
    slug: str,
    message: str,
    status: int,
) -> HttpResponse:
    if from_script:
        return JsonResponse({"detail": message}, status=status)
    return _page(request, kind, course, slug, error=message, status=status)


def _from_script(request: HttpRequest) -> bool:
    """Whether the page's script (or htmx) sent this, rather than the plain form."""
    wanted = request.get_preferred_type(["text/html", "application/json"])
    return request.headers.get("HX-Request") == "true" or wanted == "application/json"
