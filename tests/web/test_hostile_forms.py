"""Hostile input to every form of the pages is refused, never a 500, and changes nothing.

The table finds the forms as a person would: it opens every page of the site (each URL pattern,
filled with the school's ids) as the class's teacher and as its learner, and reads every form
that posts, and the report filters (sent, like their CSV downloads, as a query string). Each
field then gets the hostile values its input invites — NUL characters, texts
longer than any field, numbers no id can be, dates at the calendar's edges — while the other
fields keep valid values; every address that takes a POST also gets ids beyond 64 bits. Each
is posted over real HTTP with a valid CSRF token, as the teacher and as the learner. The answer
must be a 4xx, or the form again with its error; a fingerprint of the database must not move.
"""

import re
import secrets
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import timedelta
from html import unescape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.client import BOUNDARY, encode_multipart
from django.urls import Resolver404, URLPattern, get_resolver, resolve, reverse
from django.utils import timezone
from tests import hostile
from tests.hostile import LONG, NUL, School, assert_all_refused

school, db = hostile.school, hostile.db  # the fixtures

ROLES = ("teacher", "learner")
OVERSIZE = "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE
# Signing out ends the session the table posts with; it takes no input to be hostile with.
NOT_POSTED = {"web:logout"}
WEB_NAMES = sorted(
    f"web:{pattern.name}"
    for pattern in get_resolver().url_patterns[-1].url_patterns
    if isinstance(pattern, URLPattern) and f"web:{pattern.name}" not in NOT_POSTED
)


def path_values(school: School, name: str) -> dict[str, Any]:
    slugs = {"article": "counting-on", "video": "adding-intro", "exercise": "add-small"}
    return {
        **school.path_values(),
        "slug": slugs.get(name.removeprefix("web:").removesuffix("_done"), "add-small"),
        "position": school.position,
    }


def url_of(school: School, name: str) -> str:
    pattern = next(
        p for p in get_resolver().url_patterns[-1].url_patterns if f"web:{p.name}" == name
    )
    wanted = set(pattern.pattern.converters)
    values = path_values(school, name)
    return reverse(name, kwargs={key: values[key] for key in wanted})


# --- reading the forms of the pages -------------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # the input's type, "select" or "textarea"
    value: str
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    action: str  # the path it sends to
    fields: list[Field]
    role: str  # who saw it
    method: str = "post"  # or "get": the report filters
    # Posted by a button to another address (the hint button sends the answer form): the
    # answer's hidden fields ride along unread, so only NUL in them is to be refused there.
    borrowed: bool = False


class _FormReader(HTMLParser):
    def __init__(self, page_path: str) -> None:
        super().__init__()
        self.page_path, self.forms = page_path, []
        self.ids: dict[str, Form] = {}
        self.elsewhere: list[tuple[str, str]] = []  # (action, form id)
        self.form: Form | None = None
        self.select: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form" and found.get("method", "").lower() in {"get", "post"}:
            self.form = Form(self._path(found.get("action")), [], "", found["method"].lower())
            self.ids[found.get("id", "")] = self.form
        if tag == "button" and "formaction" in found:  # a button posting a form elsewhere
            self.elsewhere.append((self._path(found["formaction"]), found.get("form", "")))
        if self.form is None or ("name" not in found and tag != "option"):
            return
        name = found.get("name", "")
        if tag == "input" and name != "csrfmiddlewaretoken":
            kind = found.get("type", "text")
            if kind in {"checkbox", "radio"} and any(f.name == name for f in self.form.fields):
                next(f for f in self.form.fields if f.name == name).options.append(found["value"])
            elif kind != "file":
                value = found.get("value", "")
                choices = [value] if kind in {"checkbox", "radio"} and value else []
                self.form.fields.append(Field(name, kind, value, choices))
        elif tag == "textarea":
            self.form.fields.append(Field(name, "textarea", ""))
        elif tag == "button":
            self.form.fields.append(Field(name, "button", found.get("value", "")))
        elif tag == "select":
            self.select = Field(name, "select", "")
            self.form.fields.append(self.select)
        elif tag == "option" and self.select is not None and found.get("value"):
            self.select.options.append(found["value"])

    def _path(self, action: str | None) -> str:
        parts = urlsplit(urljoin(self.page_path, action or self.page_path))
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def close(self) -> None:
        super().close()
        for action, form_id in self.elsewhere:
            if form_id in self.ids:
                self.forms.append(Form(action, self.ids[form_id].fields, "", borrowed=True))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.form is not None:
            self.forms.append(self.form)
            self.form = None
        elif tag == "select":
            self.select = None


# --- speaking to the server ---------------------------------------------------------------------


@dataclass
class Browser:
    """A signed-in person's cookies: their session and a CSRF secret that the form echoes."""

    session: str
    csrf: str = field(default_factory=lambda: secrets.token_hex(16))

    def cookie(self) -> str:
        return f"{settings.SESSION_COOKIE_NAME}={self.session}; {settings.CSRF_COOKIE_NAME}={self.csrf}"


def request(
    school: School, browser: Browser, path: str, form: list[tuple[str, str]] | None = None
) -> tuple[int, str]:
    """The answer's status and page; a redirect is followed once, as a browser would, with the
    cookies it sets (the message saying what went wrong travels in one)."""
    data = None
    if form is not None:
        pairs = [("csrfmiddlewaretoken", browser.csrf), *form]
        data = urlencode(pairs, errors="surrogatepass").encode()
    status, page, headers = _send(school.url + path, browser.cookie(), data)
    if status not in {301, 302, 303}:
        return status, page
    cookies = [browser.cookie()] + [
        cookie.split(";", 1)[0] for cookie in headers.get_all("Set-Cookie") or []
    ]
    _, page, _ = _send(urljoin(school.url + path, headers["Location"]), "; ".join(cookies), None)
    return status, page


def _send(url: str, cookie: str, data: bytes | None) -> tuple[int, str, Any]:
    sent = urllib.request.Request(url, data=data)
    sent.add_header("Cookie", cookie)
    if data is not None:
        sent.add_header("Content-Type", "application/x-www-form-urlencoded")
    return _send_request(sent)


def _send_request(sent: urllib.request.Request) -> tuple[int, str, Any]:
    try:
        with _OPENER.open(sent, timeout=30) as response:
            return response.status, response.read().decode(errors="replace"), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace"), error.headers


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


@pytest.fixture(scope="module")
def browsers(school: School, django_db_blocker: Any) -> dict[str, Browser]:
    with django_db_blocker.unblock():
        signed_in = {}
        for role in ROLES:
            client = Client()
            client.force_login(get_user_model().objects.get(username=school.usernames[role]))
            signed_in[role] = Browser(client.cookies[settings.SESSION_COOKIE_NAME].value)
        return signed_in


@pytest.fixture(scope="module")
def forms(school: School, browsers: dict[str, Browser], django_db_blocker: Any) -> list[Form]:
    """Every form that posts, on every page, as each role sees it (each once)."""
    found: dict[tuple[str, tuple[str, ...]], Form] = {}
    with django_db_blocker.unblock():
        for name in WEB_NAMES:
            path = url_of(school, name)
            for role in ROLES:
                status, html = request(school, browsers[role], path)
                if status != 200:
                    continue
                reader = _FormReader(path)
                reader.feed(html)
                reader.close()
                for form in reader.forms:
                    form.role = role
                    found.setdefault((form.action, tuple(f.name for f in form.fields)), form)
    return list(found.values())


# --- the table ----------------------------------------------------------------------------------


def valid_values(school: School) -> dict[str, str]:
    later = timezone.localtime() + timedelta(days=9)
    return {
        "name": "Hostile",
        "title": "Hostile",
        "display_name": "New Comer",
        "username": "newcomer",
        "usernames": school.usernames["learner"],
        "rows": "newcomer,New Comer",
        "code": "NOCODE",
        "response": "0",
        "due_date": later.date().isoformat(),
        "start_date": timezone.localdate().isoformat(),
        "due_at": later.strftime("%Y-%m-%dT%H:%M"),
        "start_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "target_percent": "50",
        "password": "a-long-password",
        "password1": "a-long-password",
        "password2": "a-long-password",
        "old_password": hostile.PASSWORD,
        "new_password1": "another-long-password",
        "new_password2": "another-long-password",
    }


def _valid(form_field: Field, valid: dict[str, str]) -> str:
    bare = form_field.name.split("-")[-1]  # prefixed forms: "new-name"
    if bare in valid:
        return valid[bare]
    return form_field.value or (form_field.options[0] if form_field.options else "")


def hostile_values(form_field: Field) -> list[str]:
    """What the field should refuse, by the kind of input it is."""
    numbers = [str(number) for number in (2**64, 10**30, -1)] + ["²"]
    if form_field.kind in {"checkbox", "radio", "button"} and not form_field.options:
        return [NUL]  # a lone checkbox or button is on whatever it says
    if form_field.kind == "date":
        return [NUL, "0001-01-01", "9999-12-31", "²"]
    if form_field.kind == "datetime-local":
        return [NUL, "9999-12-31T23:59", "0001-01-01T00:00"]
    if form_field.kind == "hidden" and not form_field.value.isdigit():
        return [NUL, LONG]  # e.g. an answer's attempt id: any short text is one
    if form_field.kind in {"number", "select", "checkbox", "radio", "hidden"}:
        return [NUL, LONG, *numbers]
    return [NUL, LONG]


@dataclass(frozen=True)
class Post:
    where: str
    path: str
    form: tuple[tuple[str, str], ...]
    method: str = "post"

    def send(self, school: School, browser: Browser) -> tuple[int, str]:
        if self.method == "get":
            query = urlencode(self.form, errors="surrogatepass")
            return request(school, browser, f"{self.path.split('?')[0]}?{query}")
        return request(school, browser, self.path, list(self.form))


def posts(school: School, name: str, forms: list[Form]) -> Iterator[Post]:
    path = url_of(school, name)
    mine = [form for form in forms if _resolves_to(form.action, name)]
    if name.endswith("_csv"):  # a report's download takes its page's filters
        page = name.removesuffix("_csv")
        mine = [replace(f, action=path) for f in forms if _resolves_to(f.action, page)]
        mine = [form for form in mine if form.method == "get"]
    valid = valid_values(school)
    for form in mine:
        base = [(f.name, _valid(f, valid)) for f in form.fields]
        for index, form_field in enumerate(form.fields):
            unread = form.borrowed and form_field.kind == "hidden"
            for value in [NUL] if unread else hostile_values(form_field):
                if form.method == "get":  # an address longer than servers read is theirs
                    value = value[:3_000]
                changed = [*base[:index], (form_field.name, value), *base[index + 1 :]]
                where = f"{form.method} {form_field.name}={value[:20]!r}"
                yield Post(where, form.action, tuple(changed), form.method)
    yield Post("an unknown field holding NUL", path, (("note", NUL),))
    yield Post("a body over the upload limit", path, (("note", OVERSIZE),))
    for number in (2**64, 10**30):
        huge = re.sub(rf"/{school.ids['class']}/", f"/{number}/", path, count=1)
        if huge != path:
            yield Post(f"class id {number}", huge, ())


def _resolves_to(action: str, name: str) -> bool:
    try:
        match = resolve(urlsplit(action).path)
    except Resolver404:
        return False
    return f"{match.namespace}:{match.url_name}" == name


def refused(status: int, html: str) -> bool:
    """A 4xx, or the page again (or the page it sends back to) with the error shown."""
    if 400 <= status < 500:
        return True
    shown = re.search(r'aria-invalid="true"|role="alert"|field-errors|message-error', html)
    return status in {200, 302} and shown is not None


def test_the_table_reads_the_forms_of_the_pages(forms: list[Form]) -> None:
    posted_to = {resolve(urlsplit(form.action).path).url_name for form in forms}
    # The forms a teacher and a learner meet day to day are all found.
    assert {
        "class_add_learners", "class_import_learners", "class_goals",
        "class_assignments", "class_assignment_due", "class_groups", "class_add_teacher",
        "task_answer", "task_hint", "article_done", "account", "join_class", "task_start",
    } <= posted_to  # fmt: skip


@pytest.mark.parametrize("name", WEB_NAMES)
def test_hostile_form_input_is_refused_and_changes_nothing(
    school: School, browsers: dict[str, Browser], forms: list[Form], db: None, name: str
) -> None:
    def judged(call: tuple[str, Post]) -> str | None:
        role, post = call
        status, html = post.send(school, browsers[role])
        if refused(status, html):
            return None
        return f"{role}, {post.path} {post.where}: {status} {html[:160]!r}"

    assert_all_refused(
        [(role, post) for post in posts(school, name, forms) for role in ROLES], judged
    )


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"username,display_name\n" + b"x" * 140_000 + b",Long\n", "cannot be read as CSV"),
        (b"ne\x00wcomer,New Comer\n", "holds a NUL character"),
        (b"newcomer,\xed\xa0\x80\n", "Save the file as CSV UTF-8"),
    ],
    ids=["a cell over the csv module's limit", "a NUL", "a lone surrogate's bytes"],
)
def test_a_hostile_csv_file_is_refused_beside_the_form_and_imports_nobody(
    school: School, browsers: dict[str, Browser], db: None, content: bytes, words: str
) -> None:
    browser = browsers["teacher"]
    body = encode_multipart(
        BOUNDARY,
        {"csrfmiddlewaretoken": browser.csrf, "rows": "", "file": _upload("roster.csv", content)},
    )
    sent = urllib.request.Request(
        school.url + url_of(school, "web:class_import_learners"), data=body
    )
    sent.add_header("Cookie", browser.cookie())
    sent.add_header("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")

    def judged(_: None) -> str | None:
        status, html, _headers = _send_request(sent)
        if refused(status, html) and words in unescape(html):
            return None
        return f"{status}: {html[:300]!r}"

    assert_all_refused([None], judged)


def _upload(name: str, content: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="text/csv")
