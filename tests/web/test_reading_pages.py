"""Articles and videos: their pages, the players, and marking them done once."""

import json
import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests.samples import ADD_SMALL

from proficio.accounts import services as accounts
from proficio.accounts.models import User
from proficio.classroom import actions as classroom
from proficio.classroom.models import Classroom
from proficio.content.services import import_pack
from proficio.learning.actions import record_completion
from proficio.learning.models import Completion
from proficio.web.reading import video_player

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password"
COURSE = "reading"
# One lesson with an article and a video of each kind of address a pack may give.
READING_COURSE = """\
slug: reading
title: Reading course
subject: math
units:
  - slug: adding
    title: Adding
    lessons:
      - slug: add-small
        title: Add small numbers
        items:
          - article: {slug: counting-on, title: Counting on, file: articles/counting-on.md}
          - video: {slug: adding-clip, title: Adding in a minute, url: "https://media.example.org/adding.mp4", duration: 61}
          - video: {slug: adding-talk, title: A talk on adding, url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m5s", duration: 212}
          - video: {slug: adding-film, title: A film on adding, url: "https://vimeo.com/76979871", duration: 90}
          - video: {slug: adding-elsewhere, title: Adding elsewhere, url: "https://videos.example.org/a", duration: 120}
          - exercise: add-small
"""
ARTICLE_PAGE = f"/courses/{COURSE}/articles/counting-on/"
ARTICLE_DONE = f"{ARTICLE_PAGE}done"
VIDEO_PAGE = f"/courses/{COURSE}/videos/adding-clip/"
VIDEO_DONE = f"{VIDEO_PAGE}done"
FROM_SCRIPT = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture(autouse=True)
def reading_course(write_pack: Callable[..., Path]) -> None:
    import_pack(path=write_pack(READING_COURSE, {"add-small": ADD_SMALL}, name="reading"))


@pytest.fixture
def ada() -> User:
    return accounts.sign_up(username="ada", password=PASSWORD)


def signed_in(user: User, **options: Any) -> Client:
    browser = Client(**options)
    browser.force_login(user)
    return browser


def a_class(learners: list[User], name: str = "Class 7B", teacher: str = "ms-rivera") -> Classroom:
    found = classroom.create_class_for(
        teacher=accounts.create_teacher(username=teacher, password=PASSWORD),
        name=name,
        course_slugs=[COURSE],
    )
    for learner in learners:
        classroom.join_class(learner=learner, code=found.join_code)
    return found


def assign(klass: Classroom, *items: tuple[str, str], opens_in_days: int = 0) -> int:
    now = timezone.now()
    change = classroom.AssignmentChange(
        title="Read and watch",
        items=[classroom.ItemChoice(kind=kind, course=COURSE, slug=slug) for kind, slug in items],
        start_at=now + timedelta(days=opens_in_days),
        due_at=now + timedelta(days=opens_in_days + 3),
    )
    return int(classroom.create_assignment(classroom=klass, change=change).pk)


def completions(**filters: Any) -> list[tuple[str, str, int | None]]:
    return list(
        Completion.objects.filter(**filters)
        .order_by("pk")
        .values_list("kind", "slug", "assignment_id")
    )


def page_text(browser: Client, path: str, status: int = 200) -> str:
    response = browser.get(path)
    assert response.status_code == status, response
    return response.content.decode()


def test_an_article_is_recorded_as_read_once_however_often_it_is_marked(ada: User) -> None:
    browser = signed_in(ada)
    page = page_text(browser, ARTICLE_PAGE)
    assert 'data-done="false"' in page and ">Mark as done</button>" in page
    assert "data-reading-end" in page and "web/reading.js" in page and " defer>" in page

    first = browser.post(ARTICLE_DONE, **FROM_SCRIPT)
    assert first.status_code == 200
    assert json.loads(first.content) == {"done": True, "message": "Done — marked as read"}
    again = browser.post(ARTICLE_DONE, **FROM_SCRIPT)
    assert again.status_code == 200
    assert completions(learner=ada) == [("article", "counting-on", None)]

    page = page_text(browser, ARTICLE_PAGE)  # reloaded: it says so, and offers nothing to post
    assert 'data-done="true"' in page and "Done — marked as read" in page
    assert ">Mark as done</button>" not in page
    assert completions(learner=ada) == [("article", "counting-on", None)]


def test_without_javascript_the_button_marks_it_done_and_returns_to_the_page(ada: User) -> None:
    browser = signed_in(ada)
    response = browser.post(VIDEO_DONE)
    assert response.status_code == 302 and response["Location"] == VIDEO_PAGE
    assert "Done — marked as watched" in page_text(browser, VIDEO_PAGE)
    assert completions(learner=ada) == [("video", "adding-clip", None)]


def test_opening_a_page_records_nothing(ada: User) -> None:
    browser = signed_in(ada)
    for path in (ARTICLE_PAGE, VIDEO_PAGE, f"{ARTICLE_PAGE}?assignment=1"):
        page_text(browser, path)
    assert browser.get(ARTICLE_DONE).status_code == 405
    assert completions() == []


def test_marking_needs_the_pages_csrf_token(ada: User) -> None:
    browser = signed_in(ada, enforce_csrf_checks=True)
    assert browser.post(ARTICLE_DONE, **FROM_SCRIPT).status_code == 403
    assert completions() == []
    page = page_text(browser, ARTICLE_PAGE)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    answer = browser.post(ARTICLE_DONE, {"csrfmiddlewaretoken": token.group(1)}, **FROM_SCRIPT)
    assert answer.status_code == 200
    assert completions(learner=ada) == [("article", "counting-on", None)]


def test_an_assigned_article_is_recorded_for_its_assignment_once(ada: User) -> None:
    assignment = assign(a_class([ada]), ("article", "counting-on"), ("video", "adding-clip"))
    browser = signed_in(ada)
    record_completion(learner=ada, course_slug=COURSE, kind="article", slug="counting-on")

    page = page_text(browser, f"{ARTICLE_PAGE}?assignment={assignment}")
    # Read before, but not for the assignment: the assignment needs its own.
    assert 'data-done="false"' in page
    assert f'<input type="hidden" name="assignment" value="{assignment}">' in page
    for _ in range(2):
        answer = browser.post(ARTICLE_DONE, {"assignment": str(assignment)}, **FROM_SCRIPT)
        assert answer.status_code == 200
    assert completions(learner=ada) == [
        ("article", "counting-on", None),
        ("article", "counting-on", assignment),
    ]
    assert "Done — marked as read" in page_text(browser, f"{ARTICLE_PAGE}?assignment={assignment}")

    # The plain form comes back to the assignment's page.
    response = browser.post(VIDEO_DONE, {"assignment": str(assignment)})
    assert response["Location"] == f"{VIDEO_PAGE}?assignment={assignment}"
    assert completions(learner=ada, kind="video") == [("video", "adding-clip", assignment)]


def test_an_article_read_for_an_assignment_counts_as_read(ada: User) -> None:
    assignment = assign(a_class([ada]), ("article", "counting-on"))
    browser = signed_in(ada)
    browser.post(ARTICLE_DONE, {"assignment": str(assignment)}, **FROM_SCRIPT)
    assert 'data-done="true"' in page_text(browser, ARTICLE_PAGE)
    browser.post(ARTICLE_DONE, **FROM_SCRIPT)
    assert completions(learner=ada) == [("article", "counting-on", assignment)]


def test_another_class_assignment_is_refused_and_nothing_is_written(ada: User) -> None:
    grace = accounts.sign_up(username="grace", password=PASSWORD)
    theirs = assign(a_class([grace], "Class 8A", "mr-okafor"), ("article", "counting-on"))
    browser = signed_in(ada)

    answer = browser.post(ARTICLE_DONE, {"assignment": str(theirs)}, **FROM_SCRIPT)
    assert answer.status_code == 404
    assert json.loads(answer.content) == {"detail": f"There is no assignment {theirs}."}
    # The plain form shows the article again with why it was not marked.
    page = browser.post(ARTICLE_DONE, {"assignment": str(theirs)})
    assert page.status_code == 404
    text = page.content.decode()
    assert f"There is no assignment {theirs}." in text and "Counting on" in text
    assert ">Mark as done</button>" in text
    for wrong in ("abc", "99999"):
        assert browser.post(ARTICLE_DONE, {"assignment": wrong}, **FROM_SCRIPT).status_code == 404
    assert completions() == []


def test_an_assignment_must_ask_for_the_item_and_be_open(ada: User) -> None:
    klass = a_class([ada])
    video_only = assign(klass, ("video", "adding-clip"))
    later = assign(klass, ("article", "counting-on"), opens_in_days=2)
    browser = signed_in(ada)

    answer = browser.post(ARTICLE_DONE, {"assignment": str(video_only)}, **FROM_SCRIPT)
    assert answer.status_code == 422
    assert json.loads(answer.content)["detail"] == (
        f"This article is not part of the assignment {video_only}."
    )
    answer = browser.post(ARTICLE_DONE, {"assignment": str(later)}, **FROM_SCRIPT)
    assert answer.status_code == 409
    assert "This assignment opens at" in json.loads(answer.content)["detail"]
    assert completions() == []


def test_visitors_read_and_watch_and_are_invited_to_sign_in() -> None:
    visitor = Client()
    for path in (ARTICLE_PAGE, VIDEO_PAGE):
        page = page_text(visitor, path)
        assert "so that your progress is kept" in page
        assert f'href="/signin/?next={path}"' in page
        assert "Mark as done" not in page and "reading.js" not in page
    assert "<mn>12</mn>" in page_text(visitor, ARTICLE_PAGE)

    response = visitor.post(ARTICLE_DONE)
    assert response.status_code == 302
    assert response["Location"] == f"/signin/?next={ARTICLE_PAGE}"
    assert visitor.post(ARTICLE_DONE, **FROM_SCRIPT).status_code == 403
    assert visitor.post(ARTICLE_DONE, HTTP_HX_REQUEST="true").status_code == 403
    assert completions() == []


def test_unknown_articles_and_videos_are_404(ada: User) -> None:
    browser = signed_in(ada)
    for path in (
        f"/courses/{COURSE}/articles/nope/",
        f"/courses/{COURSE}/videos/nope/",
        "/courses/nope/articles/counting-on/",
    ):
        assert browser.get(path).status_code == 404
        assert browser.post(f"{path}done", **FROM_SCRIPT).status_code == 404
    # A video's slug is not an article's.
    assert browser.post(f"/courses/{COURSE}/articles/adding-clip/done").status_code == 404
    assert completions() == []


def test_the_unit_page_marks_what_the_learner_has_read_and_watched(ada: User) -> None:
    browser = signed_in(ada)
    unit = f"/courses/{COURSE}/units/adding/"
    page_text(browser, unit)  # caches warmed, so both counts below are of the same work
    with CaptureQueriesContext(connection) as nothing_done:
        page = page_text(browser, unit)
    assert "item-done" not in page

    record_completion(learner=ada, course_slug=COURSE, kind="article", slug="counting-on")
    record_completion(learner=ada, course_slug=COURSE, kind="video", slug="adding-talk")
    record_completion(learner=ada, course_slug=COURSE, kind="video", slug="adding-talk")
    with CaptureQueriesContext(connection) as two_done:
        page = page_text(browser, unit)
    # One query for the whole course, however many items are done.
    assert len(two_done) == len(nothing_done)
    done = re.findall(r'<li class="item item-(\w+)">.*?<a [^>]+>([^<]+)</a>(.*?)</li>', page, re.S)
    marked = {title for _, title, rest in done if "✓</span> Done</span>" in rest}
    assert marked == {"Counting on", "A talk on adding"}
    assert "item-done" not in page_text(Client(), unit)


def test_a_video_file_plays_in_the_page(ada: User) -> None:
    page = page_text(signed_in(ada), VIDEO_PAGE)
    assert '<source src="https://media.example.org/adding.mp4" type="video/mp4">' in page
    assert "<video controls" in page and "<iframe" not in page
    assert "Video · 1 min" in page
    assert 'href="https://media.example.org/adding.mp4" target="_blank"' in page
    assert "It marks itself done when the video ends." in page


def test_youtube_and_vimeo_play_in_their_own_players(ada: User) -> None:
    browser = signed_in(ada)
    youtube = page_text(browser, f"/courses/{COURSE}/videos/adding-talk/")
    assert (
        '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?enablejsapi=1&amp;rel=0'
        '&amp;start=65" title="Video: A talk on adding" data-player="youtube"'
    ) in youtube
    assert 'referrerpolicy="strict-origin-when-cross-origin"' in youtube
    assert "Watch on YouTube" in youtube and "Video · 4 min" in youtube
    vimeo = page_text(browser, f"/courses/{COURSE}/videos/adding-film/")
    assert 'src="https://player.vimeo.com/video/76979871?dnt=1"' in vimeo
    assert "Watch on Vimeo" in vimeo


def test_a_video_elsewhere_is_a_link_that_opens_in_a_new_tab(ada: User) -> None:
    page = page_text(signed_in(ada), f"/courses/{COURSE}/videos/adding-elsewhere/")
    assert "<iframe" not in page and "<video" not in page
    assert 'href="https://videos.example.org/a" target="_blank"' in page
    assert "It marks itself done when you open it." in page


@pytest.mark.parametrize(
    ("url", "kind", "embed"),
    [
        ("https://youtu.be/dQw4w9WgXcQ", "youtube", "/embed/dQw4w9WgXcQ?enablejsapi=1&rel=0"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ?start=30", "youtube", "&start=30"),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "/embed/dQw4w9WgXcQ?"),
        ("https://www.youtube.com/watch?v=too-short", "link", ""),
        ("https://vimeo.com/76979871/abcdef1234", "vimeo", "/video/76979871?dnt=1&h=abcdef1234"),
        ("https://player.vimeo.com/video/76979871", "vimeo", "/video/76979871?dnt=1"),
        ("https://example.org/films/clip.WEBM", "file", "clip.WEBM"),
        ("https://example.org/films/clip.ogv?v=2", "file", "clip.ogv?v=2"),
        ("https://example.org/watch.mp4/page", "link", ""),
    ],
)
def test_each_address_gets_its_player(url: str, kind: str, embed: str) -> None:
    player = video_player(url)
    assert player.kind == kind
    assert embed in player.embed_url


def test_an_article_page_names_its_unit_and_offers_the_next_item_of_its_lesson(ada: User) -> None:
    page = signed_in(ada).get(ARTICLE_PAGE).content.decode()

    assert f'<a href="/courses/{COURSE}/units/adding/">Unit 1</a> › Counting on' in page
    assert "Next in <strong>Add small numbers</strong>" in page
    assert "Adding in a minute" in page
    assert f'href="/courses/{COURSE}/videos/adding-clip/">Watch it</a>' in page
    assert "Back to Unit 1: Adding" in page


def test_the_last_video_before_an_exercise_offers_to_practise_it(ada: User) -> None:
    page = signed_in(ada).get(f"/courses/{COURSE}/videos/adding-elsewhere/").content.decode()

    assert re.search(r'<input type="hidden" name="skill" value="add-small"', page)
    assert "Practise it" in page


def test_a_visitor_is_offered_the_exercise_preview_instead_of_practice() -> None:
    page = Client().get(f"/courses/{COURSE}/videos/adding-elsewhere/").content.decode()

    assert f'href="/courses/{COURSE}/exercises/add-small/">See its questions</a>' in page
    assert "Practise it" not in page
    assert f'<a href="/courses/{COURSE}/">Reading course</a>' in page
