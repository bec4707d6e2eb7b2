"""Articles and videos mark themselves done, in Debian's Chromium.

The video is tests/web/clip.mp4: 1.3 seconds of coloured frames (H.264 in MP4) that Chromium's own
MediaRecorder made from a canvas. The browser fetches it from an address outside the site, which
the test answers with the file, and really plays it to its end.
"""

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from tests.samples import ADD_SMALL
from tests.web import school
from tests.web.test_reading_pages import READING_COURSE

from proficio.accounts import services as accounts
from proficio.accounts.models import User
from proficio.classroom import actions as classroom
from proficio.content.services import import_pack
from proficio.learning.models import Completion

pytestmark = pytest.mark.django_db(transaction=True)

CLIP = Path(__file__).with_name("clip.mp4")
COURSE = "reading"
PASSWORD = "a-long-password"
# Stand-ins for YouTube's and Vimeo's players, served at their addresses: they answer the page's
# messages as the real players do, and "end" the video when the test presses their button.
STAND_IN_PLAYERS = {
    "adding-talk": (
        "https://www.youtube-nocookie.com/embed/**",
        """
        let listener = null;
        addEventListener("message", (event) => {
          const data = JSON.parse(event.data);
          if (data.event === "listening") {
            listener = event.origin;
            parent.postMessage(JSON.stringify({event: "initialDelivery", info: {playerState: -1}}), listener);
          }
        });
        function end() {
          parent.postMessage(JSON.stringify({event: "infoDelivery", info: {playerState: 0}}), listener);
        }
        """,
    ),
    "adding-film": (
        "https://player.vimeo.com/video/**",
        """
        let listener = null;
        parent.postMessage({event: "ready"}, "*");
        addEventListener("message", (event) => {
          if (event.data.method === "addEventListener" && event.data.value === "ended") {
            listener = event.origin;
          }
        });
        function end() { parent.postMessage({event: "ended", data: {}}, listener); }
        """,
    ),
}
# Long enough that its end is out of sight until the learner scrolls.
ARTICLE = """\
**Goal:** add two numbers by counting on from the bigger one.

## Count on from the bigger number

To add $7 + 5$, start at the bigger number, 7, and count on 5 more: 8, 9, 10, 11, 12.

$$7 + 5 = 12$$

Counting on is quicker than counting all: you do not count the first 7 again.

Hold up one finger for each number you say, and stop when five fingers are up.

Start with the bigger number: counting on 2 from 9 is quicker than counting on 9 from 2.

## Try it

$6 + 3$: start at 6 and count on 7, 8, 9. So $6 + 3 = 9$.

$8 + 4$: start at 8 and count on 9, 10, 11, 12. So $8 + 4 = 12$.

$2 + 9$: the bigger number is 9, so start there and count on 10, 11. So $2 + 9 = 11$.

A number line helps: put your finger on the bigger number and hop once for each one added.

When one of the numbers is 1, 2 or 3, counting on is the quickest way there is.

## Check your answer

Count on the other way: $5 + 7$ starts at 5, counts on 7 and also gives 12.

Adding the same two numbers in either order always gives the same sum.

If the two answers differ, count again slowly, one finger for each number.

## What next

Practise adding within 20 until counting on feels easy; then try the quiz.
"""


@pytest.fixture
def learner(write_pack: Callable[..., Path]) -> User:
    """Ada, in a class whose assignment asks for the article and the video file."""
    import_pack(
        path=write_pack(
            READING_COURSE, {"add-small": ADD_SMALL}, {"counting-on.md": ARTICLE}, name="reading"
        )
    )
    ada = accounts.sign_up(username="ada", password=PASSWORD, display_name="Ada Lovelace")
    klass = classroom.create_class_for(
        teacher=accounts.create_teacher(username="ms-rivera", password=PASSWORD),
        name="Class 7B",
        course_slugs=[COURSE],
    )
    classroom.join_class(learner=ada, code=klass.join_code)
    due = (timezone.now() + timedelta(days=3)).replace(hour=17, minute=0, second=0, microsecond=0)
    change = classroom.AssignmentChange(
        title="Read and watch",
        items=[
            classroom.ItemChoice(kind="article", course=COURSE, slug="counting-on"),
            classroom.ItemChoice(kind="video", course=COURSE, slug="adding-clip"),
        ],
        due_at=due,
    )
    classroom.create_assignment(classroom=klass, change=change)
    return ada


def sign_in(page: Any) -> None:
    school.sign_in(page, "ada", PASSWORD)
    expect(page).to_have_url(re.compile(r"/home/$"))


def completions(learner: User) -> list[tuple[str, str, int | None]]:
    rows = Completion.objects.filter(learner=learner).order_by("pk")
    return list(rows.values_list("kind", "slug", "assignment_id"))


def test_an_assigned_article_read_to_its_end_is_done_on_the_home_page(
    page: Any, learner: User, screenshot: Callable[[Any, str], Path]
) -> None:
    sign_in(page)
    homework = page.locator(".assignment", has_text="Read and watch")
    homework.locator(".item", has_text="Counting on").get_by_role("link", name="Read").click()
    expect(page).to_have_url(re.compile(r"/articles/counting-on/\?assignment=\d+$"))
    expect(page.get_by_role("heading", name="Counting on", level=1)).to_be_visible()
    status = page.get_by_role("status")
    expect(page.get_by_text("It marks itself done when you reach the end.")).to_be_visible()
    page.wait_for_timeout(300)  # time for a post that must not happen while the end is unseen
    assert completions(learner) == []

    page.keyboard.press("End")
    expect(status).to_have_text("✓ Done — marked as read")
    expect(page.get_by_role("button", name="Mark as done")).to_be_hidden()
    assignment_id = int(page.url.rsplit("=", 1)[1])
    assert completions(learner) == [("article", "counting-on", assignment_id)]
    # The button's card shrank as it hid: settle at the very end, so every run's picture is alike.
    page.evaluate("window.scrollTo({top: document.body.scrollHeight, behavior: 'instant'})")
    screenshot(page, "article")

    page.reload()  # says so on load, and posts nothing more
    expect(status).to_have_text("✓ Done — marked as read")
    page.goto("/home/")
    article = homework.locator(".item", has_text="Counting on")
    expect(article.locator(".status")).to_have_text("Done")
    expect(article.get_by_role("link", name="Read")).to_have_count(0)
    video = homework.locator(".item", has_text="Adding in a minute")
    expect(video.locator(".status")).to_have_text("Not started")
    assert completions(learner) == [("article", "counting-on", assignment_id)]


def test_a_video_file_played_to_its_end_is_marked_watched(page: Any, learner: User) -> None:
    page.route(
        "https://media.example.org/adding.mp4",
        lambda route: route.fulfill(body=CLIP.read_bytes(), content_type="video/mp4"),
    )
    sign_in(page)
    page.goto(f"/courses/{COURSE}/videos/adding-clip/")
    expect(page.get_by_text("Video · 1 min")).to_be_visible()
    video = page.locator("video")
    expect(video).to_have_js_property("readyState", 4, timeout=10_000)
    assert completions(learner) == []

    # A person presses the player's play button; the test starts it by script, muted.
    video.evaluate("player => { player.muted = true; return player.play(); }")
    expect(video).to_have_js_property("ended", True)
    expect(page.get_by_role("status")).to_have_text("✓ Done — marked as watched")
    assert completions(learner) == [("video", "adding-clip", None)]


@pytest.mark.parametrize("slug", ["adding-talk", "adding-film"])
def test_an_embedded_player_that_says_the_video_ended_marks_it_watched(
    page: Any, learner: User, slug: str
) -> None:
    address, script = STAND_IN_PLAYERS[slug]
    player = f"<button onclick='end()'>End the video</button><script>{script}</script>"
    page.context.route(address, lambda route: route.fulfill(body=player, content_type="text/html"))
    sign_in(page)
    page.goto(f"/courses/{COURSE}/videos/{slug}/")
    frame = page.frame_locator("iframe[data-player]")
    expect(frame.get_by_role("button", name="End the video")).to_be_visible()
    page.wait_for_timeout(1_000)  # the page has asked, and the player has answered
    assert completions(learner) == []
    frame.get_by_role("button", name="End the video").click()
    expect(page.get_by_role("status")).to_have_text("✓ Done — marked as watched")
    assert completions(learner) == [("video", slug, None)]


def test_opening_a_video_that_lives_elsewhere_marks_it_watched(page: Any, learner: User) -> None:
    page.context.route(
        "https://videos.example.org/a",
        lambda route: route.fulfill(body="<title>Adding</title>", content_type="text/html"),
    )
    sign_in(page)
    page.goto(f"/courses/{COURSE}/videos/adding-elsewhere/")
    expect(page.locator("video, iframe")).to_have_count(0)
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Watch the video").click()
    expect(opened.value).to_have_url("https://videos.example.org/a")
    expect(page.get_by_role("status")).to_have_text("✓ Done — marked as watched")
    assert completions(learner) == [("video", "adding-elsewhere", None)]


def test_without_javascript_the_button_marks_the_article_read(
    browser: Any, live_server: Any, learner: User
) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    sign_in(page)
    page.goto(f"/courses/{COURSE}/articles/counting-on/")
    page.keyboard.press("End")
    expect(page.get_by_text("It marks itself done")).to_be_hidden()
    assert completions(learner) == []
    page.get_by_role("button", name="Mark as done").click()
    expect(page).to_have_url(re.compile(r"/articles/counting-on/$"))
    expect(page.get_by_role("status")).to_have_text("✓ Done — marked as read")
    assert completions(learner) == [("article", "counting-on", None)]
    context.close()
