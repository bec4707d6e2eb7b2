"""Hostile input to every API operation is a 4xx with a sentence and changes nothing.

The table is built from the OpenAPI document: every operation, every path and query parameter
and every body field (nested ones too) gets each hostile value its type invites — ids beyond
64 bits and below 1, dates at the calendar's edges, NUL characters, lone surrogates, texts
longer than any field (and than the csv module reads), values of the wrong JSON type — while
the rest of the request is valid; every operation with a body also gets bodies that are not
JSON, nested too deep or over the upload limit. Each is sent over real HTTP as the class's
teacher and as its learner. Every answer must be 4xx with `{"detail": "<sentence>"}`, and a
fingerprint of the whole database must not move.
"""

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.utils import timezone
from tests import hostile
from tests.hostile import (
    EDGE_DATES,
    EDGE_TIMES,
    HUGE_NUMBERS,
    LONE_SURROGATE,
    LONG,
    NUL,
    PASSWORD,
    School,
    assert_all_refused,
)

from proficio.api.urls import api

school, db = hostile.school, hostile.db  # the fixtures

DOCUMENT = api.get_openapi_schema(path_prefix="/api/v1/")
SCHEMAS = DOCUMENT["components"]["schemas"]
OPERATIONS = [
    (method.upper(), path, operation)
    for path, methods in DOCUMENT["paths"].items()
    for method, operation in methods.items()
]

# --- valid values, by name: the rest of each request is right, so the hostile part is judged --


def valid_params(school: School) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        **school.path_values(),
        "group": school.ids["group"],
        "from": (today - timedelta(days=6)).isoformat(),
        "to": today.isoformat(),
        "format": "json",
    }


def valid_fields(school: School) -> dict[str, Any]:
    return {
        "kind": "practice",
        "course": "sample",
        "skill": "add-small",
        "unit": "adding",
        "slug": "add-small",
        "items": [{"kind": "exercise", "course": "sample", "slug": "add-small"}],
        "position": 1,  # answered already: a try-again, or a hint for review
        "response": "12",
        "attempt_id": "try-again-1",
        "username": "newcomer",
        "password": "a-long-password",
        "display_name": "New Comer",
        "name": "Hostile",
        "title": "Hostile",
        "code": school.join_code,
        "csv": "newcomer,New Comer",
        "usernames": [school.usernames["learner"]],
        "courses": ["sample"],
        "skills": ["add-small"],
        "learners": [school.ids["learner"]],
        "group": school.ids["group"],
        "assignment": school.ids["assignment"],
        "target_percent": 50,
        "start_date": timezone.localdate().isoformat(),
        "due_date": (timezone.localdate() + timedelta(days=9)).isoformat(),
        "start_at": timezone.now().isoformat(),
        "due_at": (timezone.now() + timedelta(days=9)).isoformat(),
        "join_enabled": True,
        "same_questions": False,
    }


# --- hostile values, by type --------------------------------------------------------------------


def _resolved(schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        return _resolved(SCHEMAS[schema["$ref"].rsplit("/", 1)[1]])
    kinds = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
    if kinds:  # `X | None`: the X; `str | list[int]`: the first, the rest also tried below
        return {**_resolved(kinds[0]), "alternatives": [_resolved(s) for s in kinds[1:]]}
    return schema


def hostile_values(schema: dict[str, Any]) -> list[Any]:
    """What a field of this schema should refuse: each value with the wrong type or range."""
    schema = _resolved(schema)
    kind, form = schema.get("type"), schema.get("format")
    values: list[Any] = [NUL, {"an": "object"}]
    if kind == "integer":
        values += [*HUGE_NUMBERS, 1.5, "12", True]
    elif kind == "string" and form == "date":
        values += [*EDGE_DATES, LONE_SURROGATE, 12]
    elif kind == "string" and form == "date-time":
        values += [*EDGE_TIMES, LONE_SURROGATE, 12]
    elif kind == "string":
        values += [LONE_SURROGATE, LONG, 12, [[1]]]
    elif kind == "boolean":
        values += ["maybe", 2]
    elif kind == "array":
        values += ["text", [[[1]]], *[[value] for value in hostile_values(schema["items"])]]
    for alternative in schema.get("alternatives", []):
        values += [v for v in hostile_values(alternative) if v not in values]
    return values


@dataclass(frozen=True)
class Case:
    where: str  # e.g. "path task_id", "body items.0.slug", "body"
    path: str
    query: dict[str, Any]
    body: bytes | None


def _encoded(value: Any) -> str:
    # A lone surrogate goes out as the bytes a careless client would send (ED A0 80).
    text = value if isinstance(value, str) else json.dumps(value)
    return quote(text, safe="", errors="surrogatepass")


def _url(path: str, params: dict[str, Any]) -> str:
    for name, value in params.items():
        path = path.replace("{" + name + "}", _encoded(value))
    return path


def _json(body: Any) -> bytes:
    return json.dumps(body).encode()  # lone surrogates go out as "\ud800", as a client sends


def _body_cases(schema: dict[str, Any], valid: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(field, body) with each hostile value in each field, nested fields included."""
    schema = _resolved(schema)
    properties = schema.get("properties", {})
    base = {name: valid[name] for name in schema.get("required", [])}
    for name, field in properties.items():
        for value in hostile_values(field):
            yield name, {**base, name: value}
        items = _resolved(field).get("items", {})
        if "$ref" in items:  # a list of objects: each of their fields, in the first one
            for inner, body in _body_cases(items, valid):
                yield f"{name}.0.{inner}", {**base, name: [body]}


OVERSIZE = b'{"csv": "' + b"x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE + b'"}'
BROKEN_BODIES = {
    "not JSON": b"{not json",
    "a JSON list": b"[1, 2]",
    "nested too deep": b"[" * 100_000,
    "a NUL in a key": b'{"a\\u0000": 1}',
    "a lone surrogate in a key": b'{"\\ud800": 1}',
    "over the upload limit": OVERSIZE,
}


def cases(method: str, path: str, operation: dict[str, Any], school: School) -> Iterator[Case]:
    params = valid_params(school)
    in_path = [p["name"] for p in operation.get("parameters", []) if p["in"] == "path"]
    in_query = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "query"}
    path_values = {name: params[name] for name in in_path}
    query = {name: params[name] for name, p in in_query.items() if p.get("required")}
    body_schema = (
        operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    ).get("schema")
    valid_body = None
    if body_schema is not None:
        fields = valid_fields(school)
        resolved = _resolved(body_schema)
        valid_body = {name: fields[name] for name in resolved.get("required", [])}
    body = None if valid_body is None else _json(valid_body)
    for name in in_path:
        for value in [*HUGE_NUMBERS, 1.5, NUL, "%ED%A0%80", "y" * 3_000]:
            url = _url(path, {**path_values, name: value})
            yield Case(f"path {name}={str(value)[:20]!r}", url, query, body)
    url = _url(path, path_values)
    for name, parameter in in_query.items():
        for value in hostile_values(parameter["schema"]):
            if isinstance(value, str) and len(value) > 3_000:
                value = value[:3_000]  # an address longer than servers read is theirs to refuse
            yield Case(f"query {name}={str(value)[:20]!r}", url, {**query, name: value}, body)
    if body_schema is not None:
        for field, hostile in _body_cases(body_schema, valid_fields(school)):
            shown = repr(hostile)[:40]
            yield Case(f"body {field}={shown}", url, query, _json(hostile))
        for what, raw in BROKEN_BODIES.items():
            yield Case(f"body {what}", url, query, raw)
    elif method != "GET":
        yield Case("body over the upload limit", url, query, OVERSIZE)


# --- sending and judging ------------------------------------------------------------------------


def send(school: School, method: str, case: Case, token: str | None) -> tuple[int, Any]:
    pairs = {name: str(value) for name, value in case.query.items()}
    query = "?" + urlencode(pairs, errors="surrogatepass") if case.query else ""
    request = urllib.request.Request(school.url + case.path + query, method=method, data=case.body)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, payload = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, payload = error.code, error.read()
    try:
        return status, json.loads(payload)
    except ValueError:
        return status, payload[:300]


def refused_with_a_sentence(status: int, body: Any) -> bool:
    if not 400 <= status < 500 or not isinstance(body, dict) or set(body) != {"detail"}:
        return False
    detail = body["detail"]
    return isinstance(detail, str) and len(detail) > 10 and detail.rstrip(")").endswith(".")


@pytest.fixture(scope="module")
def tokens(school: School, django_db_blocker: Any) -> dict[str, str]:
    from proficio.accounts.tokens import issue_token

    with django_db_blocker.unblock():
        return {
            role: issue_token(username=school.usernames[role], password=PASSWORD)
            for role in ("teacher", "learner")
        }


def test_the_table_covers_every_operation_the_server_documents(school: School) -> None:
    with urllib.request.urlopen(school.url + "/api/v1/openapi.json", timeout=30) as response:
        served = json.loads(response.read())
    assert {(method.upper(), path) for path, ops in served["paths"].items() for method in ops} == {
        (method, path) for method, path, _ in OPERATIONS
    }


@pytest.mark.parametrize(
    ("method", "path", "operation"),
    OPERATIONS,
    ids=[f"{method} {path.removeprefix('/api/v1')}" for method, path, _ in OPERATIONS],
)
def test_hostile_input_is_refused_with_a_sentence_and_changes_nothing(
    school: School, tokens: dict[str, str], db: None, method: str, path: str,
    operation: dict[str, Any],
) -> None:  # fmt: skip
    def judged(call: tuple[str, Case]) -> str | None:
        role, case = call
        status, body = send(school, method, case, tokens[role])
        if refused_with_a_sentence(status, body):
            return None
        return f"{role}, {case.where}: {status} {str(body)[:160]}"

    calls = [(role, case) for case in cases(method, path, operation, school) for role in tokens]
    assert_all_refused(calls, judged)
