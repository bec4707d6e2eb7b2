"""Answer checkers: is a learner's response right, wrong, or not readable as an answer?

A response comes straight from the API, so it may be of any type and any content. Every
checker returns a Verdict and never raises: `readable=False` means the response could not
be read as an answer of the question's type (nothing is counted) and `message` says what
was expected, in words a learner can act on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import sympy

from .mathinput import MathInputError, equivalent, parse_math

MAX_RESPONSE_LENGTH = 1000
MAX_NUMBER_LENGTH = 60


@dataclass(frozen=True)
class Verdict:
    correct: bool
    readable: bool = True
    message: str = ""


class _Unreadable(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _unreadable(message: str) -> Verdict:
    return Verdict(correct=False, readable=False, message=message)


def _text(response: object) -> str:
    """The response as text, with tabs as spaces; _Unreadable if it can't be an answer."""
    if not isinstance(response, str):
        raise _Unreadable("Send your answer as text.")
    if len(response) > MAX_RESPONSE_LENGTH:
        raise _Unreadable(f"Your answer is too long (at most {MAX_RESPONSE_LENGTH} characters).")
    response = response.replace("\t", " ")
    # Cc: the ASCII controls (line breaks included) and their Latin-1 cousins.
    if any(unicodedata.category(char) == "Cc" for char in response):
        raise _Unreadable("Your answer has characters that can't be typed, like a line break.")
    return response


# --- choice -------------------------------------------------------------------------------


def check_choice(correct: Sequence[int], choice_count: int, response: object) -> Verdict:
    """Right when the picked choices (0-based indexes) are exactly the correct ones."""
    # bool is an int subclass in Python, but true/false is never a choice.
    if isinstance(response, int) and not isinstance(response, bool):
        response = [response]
    if not isinstance(response, list) or len(response) > MAX_RESPONSE_LENGTH:
        return _unreadable("Send the numbers of the choices you picked.")
    if not response:
        return _unreadable("Pick an answer.")
    picked: set[int] = set()
    for index in response:
        if not isinstance(index, int) or isinstance(index, bool):
            return _unreadable("Send the numbers of the choices you picked.")
        if not 0 <= index < choice_count:
            return _unreadable(f"Choice {index} doesn't exist; pick from 0 to {choice_count - 1}.")
        if index in picked:
            return _unreadable(f"Choice {index} is picked twice; pick each choice once.")
        picked.add(index)
    return Verdict(correct=picked == set(correct))


# --- numeric ------------------------------------------------------------------------------

_SIGNS = str.maketrans(
    {
        **dict.fromkeys("\u2212\u2010\u2011\u2012\u2013\u2014\u2015", "-"),
        "\u2044": "/",  # NFKC turns ½ into 1⁄2 with this fraction slash
        "\u2215": "/",
        "\u00f7": "/",
    }
)
_DIGITS = "[0-9]"
_MIXED = re.compile(rf"({_DIGITS}+) +({_DIGITS}+) */ *({_DIGITS}+)")
_FRACTION = re.compile(rf"({_DIGITS}+) */ *({_DIGITS}+)")
# Whole part (plain, or in comma groups of three) and an optional decimal part.
_DECIMAL = re.compile(rf"({_DIGITS}{{1,3}}(?:,{_DIGITS}{{3}})+|{_DIGITS}*)(?:\.({_DIGITS}*))?")
_EXAMPLES = "like 12, -3, 0.75, 3/4 or 1 1/2"


def parse_number(text: str) -> Fraction:
    """Read a typed number exactly; ValueError with a message for the learner otherwise.

    Accepts 12, -3, +4, 0.75, .5, 3/4, -3/4, 1 1/2 (a mixed number), 1,000 and 12,345,678.
    """
    text = unicodedata.normalize("NFKC", text).translate(_SIGNS).replace("\t", " ").strip()
    if not text:
        raise ValueError("Type a number.")
    if len(text) > MAX_NUMBER_LENGTH:
        raise ValueError("That number is too long.")
    negative = text[0] == "-"
    body = text[1:].lstrip() if text[0] in "+-" else text
    value = _unsigned(body)
    return -value if negative else value


def _unsigned(text: str) -> Fraction:
    if match := _MIXED.fullmatch(text):
        whole, numerator, denominator = (int(group) for group in match.groups())
        if denominator == 0:
            raise ValueError("You can't divide by zero.")
        if numerator >= denominator:
            raise ValueError("In a mixed number like 1 1/2, the fraction part must be below 1.")
        return whole + Fraction(numerator, denominator)
    if match := _FRACTION.fullmatch(text):
        numerator, denominator = (int(group) for group in match.groups())
        if denominator == 0:
            raise ValueError("You can't divide by zero.")
        return Fraction(numerator, denominator)
    match = _DECIMAL.fullmatch(text)
    if match and (match.group(1) or match.group(2)):
        whole = int(match.group(1).replace(",", "") or "0")
        decimals = match.group(2) or ""
        return whole + Fraction(int(decimals or "0"), 10 ** len(decimals))
    raise ValueError(_number_hint(text))


def _number_hint(text: str) -> str:
    """Why text is not a number, as specifically as we can tell."""
    if any(char.isalpha() for char in text):
        return f"Type just a number, {_EXAMPLES} — no letters."
    if re.fullmatch(rf"{_DIGITS}+,(?:{_DIGITS}{{1,2}}|{_DIGITS}{{4,}})", text):
        return "Use a point for decimals, like 1.5 (commas only group thousands, like 1,000)."
    if "," in text:
        return "Put commas only between groups of three digits, like 12,345."
    if re.fullmatch(rf"{_DIGITS}+(?: {_DIGITS}+)+", text):
        return "Write the number without spaces, like 1000 or 1,000."
    return f"Type a single number, {_EXAMPLES}."


def check_numeric(answer: Fraction, tolerance: Fraction, response: object) -> Verdict:
    """Right when the typed number is within tolerance of the answer (exactly computed)."""
    try:
        value = parse_number(_text(response))
    except _Unreadable as error:
        return _unreadable(error.message)
    except ValueError as error:
        return _unreadable(str(error))
    return Verdict(correct=abs(value - answer) <= tolerance)


# --- expression ---------------------------------------------------------------------------


def check_expression(answer: sympy.Expr, response: object) -> Verdict:
    """Right when the typed expression is equivalent to the answer (5x = 3x + 2x)."""
    try:
        parsed = parse_math(_text(response))
    except _Unreadable as error:
        return _unreadable(error.message)
    except MathInputError as error:
        return _unreadable(str(error))
    return Verdict(correct=equivalent(parsed, answer))


# --- text ---------------------------------------------------------------------------------


def normalise_text(text: str) -> str:
    """What a text answer is compared by: case, spacing and one final . or ! ignored."""
    text = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    if text.endswith((".", "!")):
        text = text[:-1].rstrip()
    return text


def check_text(accepted: Sequence[str], response: object) -> Verdict:
    """Right when the normalised response is one of the normalised accepted answers."""
    try:
        typed = normalise_text(_text(response))
    except _Unreadable as error:
        return _unreadable(error.message)
    if not typed:
        return _unreadable("Type an answer.")
    return Verdict(correct=typed in {normalise_text(text) for text in accepted})
