"""The rules for account names, one for every way an account is made or named.

A username is compared after NFKC normalisation (so a fullwidth `ａｄａ` is `ada`) and then must be
1 to 150 ASCII letters, digits and `. @ + - _`: no other script's letters or digits, so no
lookalike (a Cyrillic `а`) can pose as another account. Usernames are unique without regard to
case: `folded_username` is the key the database keeps unique.

A display name is free text of at most 150 characters, without control, format (zero-width,
direction) or line-separator characters, with spaces at either end removed.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError

USERNAME_MAX = 150
DISPLAY_NAME_MAX = 150
USERNAME_RULE = (
    "A username is 1 to 150 characters: the letters a to z and A to Z, the digits 0 to 9 and "
    "the signs . @ + - _ (no spaces or other characters)."
)
_USERNAME = re.compile(rf"[A-Za-z0-9.@+_-]{{1,{USERNAME_MAX}}}")
# Unicode categories a name never needs: controls (NUL, tab, new line), formats (zero-width
# spaces and joiners, direction marks), surrogates, private use, unassigned, and line and
# paragraph separators.
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def normalised_username(text: str) -> str:
    """What the username typed stands for: its NFKC form (nothing is stripped)."""
    return unicodedata.normalize("NFKC", text)


def folded_username(text: str) -> str:
    """The key two usernames share when they are the same account name (case ignored)."""
    return normalised_username(text).casefold()


def clean_username(text: str) -> str:
    """The username to store, or ValidationError saying the rule."""
    username = normalised_username(text)
    if not _USERNAME.fullmatch(username):
        raise ValidationError(USERNAME_RULE, code="invalid_username")
    return username


def validate_username(text: str) -> None:
    """The rule as a model field validator (for Django's own commands)."""
    clean_username(text)


def clean_display_name(text: str) -> str:
    """The display name to store (NFC, trimmed), or ValidationError saying what is wrong."""
    name = unicodedata.normalize("NFC", text).strip()
    hidden = next((c for c in name if unicodedata.category(c) in _HIDDEN_CATEGORIES), None)
    if hidden is not None:
        raise ValidationError(
            f"A name cannot contain invisible or control characters (here "
            f"U+{ord(hidden):04X}, {unicodedata.name(hidden, 'a control character').lower()}): "
            "type it again without them.",
            code="invalid_display_name",
        )
    if len(name) > DISPLAY_NAME_MAX:
        raise ValidationError(
            f"A name is at most {DISPLAY_NAME_MAX} characters; this one has {len(name)}.",
            code="display_name_too_long",
        )
    return name
