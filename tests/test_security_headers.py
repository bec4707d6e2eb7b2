"""Security headers over real HTTP: the Content-Security-Policy of every page, and for HTTPS
deployments Secure cookies, the proxy's header, HSTS and the redirect to HTTPS, each turned on
from the environment of `proficio serve`."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.page_visitor import Visitor
from tests.processes import run_proficio

HTTPS_SETTINGS = {
    "PROFICIO_SECURE_COOKIES": "1",
    "PROFICIO_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "PROFICIO_SSL_REDIRECT": "1",
    "PROFICIO_HSTS_SECONDS": "31536000",
    "PROFICIO_HSTS_INCLUDE_SUBDOMAINS": "1",
    "PROFICIO_HSTS_PRELOAD": "1",
}


def test_behind_an_https_proxy_cookies_are_secure_hsts_is_sent_and_plain_http_is_redirected(
    serve: Callable[..., tuple[str, str]], tmp_path: Path
) -> None:
    teacher = run_proficio(
        "manage", "createteacher", "rivera", "--password", "a-long-password", home=tmp_path / "home"
    )
    assert teacher.returncode == 0, teacher.stderr
    url, _ = serve(demo=False, env=HTTPS_SETTINGS)
    host = url.removeprefix("http://")

    plain = Visitor(url).get("/signin/?next=/classes/")
    assert plain.status == 301
    assert plain.headers["Location"] == f"https://{host}/signin/?next=/classes/"

    # What the proxy passes on from an HTTPS request.
    browser = Visitor(url, headers={"X-Forwarded-Proto": "https"})
    form = browser.get("/signin/")
    assert form.status == 200
    assert form.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert form.cookies["csrftoken"]["secure"] is True
    signed_in = browser.post_form(
        "/signin/",
        {"username": "rivera", "password": "a-long-password"},
        headers={"Referer": f"https://{host}/signin/"},
    )
    assert signed_in.status == 302, signed_in.text
    assert signed_in.headers["Location"] == "/classes/"
    session = signed_in.cookies["sessionid"]
    assert session["secure"] is True and session["httponly"] is True
    assert browser.get("/classes/").status == 200


def test_by_default_cookies_are_not_marked_secure_and_no_hsts_is_sent(live_server: Any) -> None:
    form = Visitor(live_server.url).get("/signin/")
    assert form.status == 200
    assert "Strict-Transport-Security" not in form.headers
    assert form.cookies["csrftoken"]["secure"] == ""


def test_an_unreadable_https_setting_stops_the_server_with_a_sentence(tmp_path: Path) -> None:
    started = run_proficio(
        "serve", "--no-demo", home=tmp_path, env={"PROFICIO_HSTS_SECONDS": "a year"}
    )
    assert started.returncode != 0
    assert "PROFICIO_HSTS_SECONDS is 'a year': set it to a number of seconds." in started.stderr
    assert "Traceback" not in started.stderr


def test_every_page_carries_a_content_security_policy_without_inline_code(live_server: Any) -> None:
    page = Visitor(live_server.url).get("/signin/")
    directives = page.headers["Content-Security-Policy"].split("; ")
    policy = {name: sources for name, _, sources in (d.partition(" ") for d in directives)}
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert policy["frame-src"] == "https://www.youtube-nocookie.com https://player.vimeo.com"
