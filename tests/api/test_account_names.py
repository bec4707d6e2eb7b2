"""Account names over real HTTP: one rule for usernames and display names on every face, and one
account per username whatever its case, even when two roster imports run at once."""

import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.test import Client
from tests.api.teaching import Teacher
from tests.http_client import HttpClient, Reply

from proficio.accounts.models import User
from proficio.accounts.names import USERNAME_RULE
from proficio.classroom.models import Classroom

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-password"


def sign_up(http: HttpClient, username: str, display_name: str = "") -> Reply:
    body = {"username": username, "password": PASSWORD, "display_name": display_name}
    return http.post("/api/v1/auth/signup", body)


@pytest.mark.parametrize(
    "username",
    [
        "ada\n",  # a trailing new line
        "\u0430da",  # Cyrillic а, a lookalike of a
        "ada\u200b",  # a zero-width space
        "ada\u0663",  # an Arabic-Indic digit three
        "zo\u00eb",  # a letter outside a to z
        "ada lovelace",
        "a" * 151,
    ],
)
def test_sign_up_refuses_a_username_outside_the_rule_with_the_rule(
    http: HttpClient, username: str
) -> None:
    reply = sign_up(http, username)

    assert reply.status == 422
    detail = reply.body["detail"]
    assert detail == USERNAME_RULE or "username': string should have at most 150" in detail
    assert not User.objects.exists()


def test_a_fullwidth_username_is_its_ascii_form_and_signs_in_as_typed_anywhere(
    http: HttpClient, live_server: Any
) -> None:
    signed_up = sign_up(http, "\uff41\uff44\uff41")  # ａｄａ

    assert signed_up.status == 201 and signed_up.body["username"] == "ada"
    for typed in ("\uff41\uff44\uff41", "ada", "ADA"):
        token = http.post("/api/v1/auth/token", {"username": typed, "password": PASSWORD})
        assert token.status == 200, (typed, token.body)
    browser = Client()
    page = browser.post("/signin/", {"username": "\uff21\uff24\uff21", "password": PASSWORD})
    assert page.status_code == 302
    assert browser.session["_auth_user_id"] == str(signed_up.body["id"])


def test_a_username_taken_in_another_case_or_width_is_refused(http: HttpClient) -> None:
    assert sign_up(http, "Ada").status == 201

    for taken in ("ada", "ADA", "\uff41\uff44\uff41"):
        reply = sign_up(http, taken)
        assert reply.status == 409 and "taken" in reply.body["detail"], reply.body
    assert list(User.objects.values_list("username", flat=True)) == ["Ada"]


INVISIBLE = "invisible or control characters"


@pytest.mark.parametrize(
    ("display_name", "says"),
    [
        # A NUL is refused for every text field of every call, before the name rules look.
        ("Ada\x00", ("'display_name' holds a NUL character",)),
        ("Ada\x1b[31m", (INVISIBLE, "U+001B")),
        ("Ada\u200bLovelace", (INVISIBLE, "U+200B, zero width space")),
        ("Ada\u202eecalevol", (INVISIBLE, "U+202E")),
        ("Ada\nLovelace", (INVISIBLE, "U+000A")),
    ],
)
def test_sign_up_refuses_invisible_and_control_characters_in_a_display_name(
    http: HttpClient, display_name: str, says: tuple[str, ...]
) -> None:
    reply = sign_up(http, "ada", display_name)

    assert reply.status == 422
    for words in says:
        assert words in reply.body["detail"]
    assert not User.objects.exists()


def test_a_display_name_is_trimmed_and_its_spaces_and_accents_kept(http: HttpClient) -> None:
    assert sign_up(http, "ada", "  Zoë  Ngọc ").status == 201

    assert User.objects.get().display_name == "Zoë  Ngọc"


def import_csv(teacher: Teacher, classroom: dict[str, Any], text: str) -> Reply:
    return teacher.post(f"/classes/{classroom['id']}/learners/import", {"csv": text})


def test_a_roster_import_applies_the_same_name_rules_row_by_row(http: HttpClient) -> None:
    teacher = Teacher(http, "ms-hopper")
    classroom = teacher.create_class("Year 7", [])
    rows = [
        "ada\u0663,Ada",
        "\u0430da,Ada",
        "\uff47\uff52\uff41\uff43\uff45,Grace Hopper",  # ｇｒａｃｅ
        "emmy,Emmy\u200bNoether",
        f"alan,{'A' * 130_000}",
        "carl,Carl Gauss",
    ]

    report = import_csv(teacher, classroom, "\n".join(rows)).body

    assert report["created"] == ["grace", "carl"]
    errors = {error["row"]: error["message"] for error in report["errors"]}
    assert sorted(errors) == [1, 2, 4, 5]
    assert errors[1] == f"'ada\u0663' is not a valid username. {USERNAME_RULE}"
    assert errors[2] == f"'\u0430da' is not a valid username. {USERNAME_RULE}"
    assert "U+200B" in errors[4]
    assert errors[5] == "A name is at most 150 characters; this one has 130000."
    assert sorted(User.objects.filter(role="learner").values_list("username", flat=True)) == [
        "carl",
        "grace",
    ]


def at_once(calls: list[Callable[[], Reply]]) -> list[Reply]:
    """The replies of calls made from threads released together."""
    replies: dict[int, Reply] = {}
    start = threading.Barrier(len(calls))

    def run(number: int) -> None:
        start.wait()
        replies[number] = calls[number]()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [replies[number] for number in range(len(calls))]


def test_two_imports_at_once_make_one_account_per_name_whatever_its_case(
    http: HttpClient,
) -> None:
    """Two teachers import the same 150 names at the same moment, one in capitals."""
    first, second = Teacher(http, "ms-hopper"), Teacher(http, "mr-babbage")
    names = [f"dupb{number}" for number in range(150)]
    imports = [
        (first, first.create_class("7A", []), "\n".join(names)),
        (second, second.create_class("7B", []), "\n".join(name.upper() for name in names)),
    ]
    replies = at_once([partial(import_csv, *job) for job in imports])

    assert [reply.status for reply in replies] == [200, 200], [r.body for r in replies]
    reports = [reply.body for reply in replies]
    assert all(report["errors"] == [] for report in reports)
    created = [{name.lower() for name in report["created"]} for report in reports]
    assert created[0] | created[1] == set(names) and not created[0] & created[1]
    for report in reports:  # each import has every name: made by it, or added
        assert {name.lower() for name in report["created"] + report["added"]} == set(names)
    assert User.objects.filter(role="learner").count() == len(names)
    for classroom in Classroom.objects.all():
        assert classroom.learners.count() == len(names)


def test_two_imports_of_the_same_names_at_once_both_answer_and_keep_each_row(
    http: HttpClient,
) -> None:
    teacher = Teacher(http, "ms-hopper")
    classroom = teacher.create_class("7A", [])
    text = "\n".join(f"same{number},Same {number}" for number in range(150))
    replies = at_once([lambda: import_csv(teacher, classroom, text)] * 2)

    assert [reply.status for reply in replies] == [200, 200], [r.body for r in replies]
    assert sorted(len(reply.body["created"]) for reply in replies) == [0, 150]
    assert User.objects.filter(role="learner").count() == 150
    assert Classroom.objects.get().learners.count() == 150


def test_imported_passwords_sign_in_and_are_rehashed_at_full_strength(http: HttpClient) -> None:
    teacher = Teacher(http, "ms-hopper")
    classroom = teacher.create_class("7A", [])
    report = import_csv(teacher, classroom, "ada,Ada,rings-and-fields\ncarl,Carl").body
    passwords = {"ada": "rings-and-fields", **report["generated_passwords"]}
    site_strength = User.objects.get(username="ms-hopper").password.split("$")[3]

    for username, password in passwords.items():
        assert User.objects.get(username=username).password.split("$")[3] != site_strength
        token = http.post("/api/v1/auth/token", {"username": username, "password": password})
        assert token.status == 200
        assert User.objects.get(username=username).password.split("$")[3] == site_strength


def test_signing_in_with_a_nul_in_the_username_is_refused_with_a_sentence(http: HttpClient) -> None:
    assert sign_up(http, "ada").status == 201

    reply = http.post("/api/v1/auth/token", {"username": "ada\x00", "password": PASSWORD})

    assert reply.status == 422
    assert reply.body["detail"] == "'username' holds a NUL character (\\u0000); remove it."
