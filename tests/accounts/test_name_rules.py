"""The name rules (proficio.accounts.names), the administrators' commands that follow them, and
the migration that gives existing accounts their case-folded username."""

from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from proficio.accounts import services
from proficio.accounts.models import User
from proficio.accounts.names import (
    USERNAME_RULE,
    clean_display_name,
    clean_username,
    folded_username,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ada", "ada"),
        ("Ada.Lovelace+maths@school_7-b", "Ada.Lovelace+maths@school_7-b"),
        ("\uff41\uff44\uff41", "ada"),  # fullwidth ａｄａ
        ("ada\u00b2", "ada2"),  # a superscript two is a two
        ("a" * 150, "a" * 150),
    ],
)
def test_a_username_is_stored_in_its_nfkc_form(typed: str, stored: str) -> None:
    assert clean_username(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "ada\n",
        " ada",
        "ada lovelace",
        "\u0430da",  # Cyrillic а
        "\u03bfscar",  # Greek ο
        "ada\u0663",  # Arabic-Indic three
        "ada\u0969",  # Devanagari three
        "zo\u00eb",
        "ada\u200b",
        "ada\x00",
        "a" * 151,
    ],
)
def test_a_username_outside_ascii_letters_digits_and_five_signs_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError) as refused:
        clean_username(typed)

    assert refused.value.messages == [USERNAME_RULE]


def test_usernames_that_differ_in_case_or_width_fold_to_one_key() -> None:
    assert {folded_username(name) for name in ("Ada", "ADA", "ada", "\uff21\uff44\uff41")} == {
        "ada"
    }


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Ada Lovelace ", "Ada Lovelace"),
        ("Zoe\u0308", "Zoë"),  # a combining diaeresis is composed (NFC)
        ('Ngọc Ørsted, "Zo"', 'Ngọc Ørsted, "Zo"'),
        ("", ""),
        ("A" * 150, "A" * 150),
    ],
)
def test_a_display_name_is_trimmed_and_composed(typed: str, stored: str) -> None:
    assert clean_display_name(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "Ada\x00",
        "Ada\tL",
        "Ada\nL",
        "Ada\u200bL",
        "Ada\u200dL",
        "Ada\u202eL",
        "Ada\u2028L",
        "A\ue000",
    ],
)
def test_a_display_name_with_a_control_or_invisible_character_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="invisible or control characters"):
        clean_display_name(typed)


def test_a_display_name_over_150_characters_is_refused_with_its_length() -> None:
    with pytest.raises(ValidationError, match="at most 150 characters; this one has 130000"):
        clean_display_name("A" * 130_000)


@pytest.mark.django_db
def test_createteacher_refuses_a_lookalike_username_and_a_hidden_character_in_the_name() -> None:
    with pytest.raises(CommandError, match="A username is 1 to 150 characters"):
        call_command("createteacher", "\u0430da", password="a-long-password")
    with pytest.raises(CommandError, match="invisible or control characters"):
        call_command("createteacher", "ada", password="a-long-password", display_name="A\u200bL")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_createsuperuser_follows_the_username_rule_and_the_case_rule() -> None:
    services.sign_up(username="ada", password="a-long-password")

    with pytest.raises(CommandError, match="A username is 1 to 150 characters"):
        call_command("createsuperuser", interactive=False, username="\u0430dmin", email="")
    with pytest.raises(CommandError, match="already taken"):
        call_command("createsuperuser", interactive=False, username="ADA", email="")
    call_command(
        "createsuperuser", interactive=False, username="\uff48\uff45\uff41\uff44", email=""
    )
    assert User.objects.get(username_folded="head").username == "head"


@pytest.mark.django_db
def test_changing_a_display_name_refuses_a_hidden_character_and_keeps_the_old_name() -> None:
    ada = services.sign_up(username="ada", password="a-long-password", display_name="Ada")

    with pytest.raises(ValidationError):
        services.change_display_name(user=ada, display_name="Ada\x00")
    ada.refresh_from_db()
    assert ada.display_name == "Ada"


class QuickHasher(PBKDF2PasswordHasher):
    iterations = 1  # the accounts of the migration test need a password, not a strong one


def migrate(target: tuple[str, str] | None = None) -> Any:
    """Migrate to the target, or without one to every app's latest migration."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = [target] if target else executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_migration_keys_existing_accounts_and_keeps_clashing_ones_signing_in() -> None:
    before = ("classroom", "0007_sign_out_everywhere")
    apps = migrate(before)
    try:
        old_user = apps.get_model("classroom", "User")
        for username in ("Ada", "ada", "\uff41\uff44\uff41", "zo\u00eb"):
            old_user.objects.create(
                username=username, password=make_password(username, hasher=QuickHasher())
            )
    finally:
        migrate()

    keys = dict(User.objects.order_by("pk").values_list("username", "username_folded"))
    first = User.objects.get(username="Ada").pk
    assert keys["Ada"] == "ada" and keys["zo\u00eb"] == "zo\u00eb"
    assert keys["ada"] == f"ada#{first + 1}" and keys["\uff41\uff44\uff41"] == f"ada#{first + 2}"
    for typed, owner in [("ADA", "Ada"), ("Ada", "Ada"), ("ada", "ada"), ("ZO\u00cb", "zo\u00eb")]:
        user = authenticate(username=typed, password=owner)
        assert user is not None and user.username == owner, typed
    with pytest.raises(services.UsernameTaken):
        services.sign_up(username="aDa", password="a-long-password")
