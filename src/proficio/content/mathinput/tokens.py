"""Typed text made plain (superscripts, Unicode signs) and split into tokens."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import sympy

from .limits import MathInputError

# --- normalising the text -----------------------------------------------------------------

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
_SUPERSCRIPT_RUN = re.compile("[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_REPLACEMENTS = str.maketrans(
    {
        "×": "*",
        "·": "*",
        "⋅": "*",
        "∙": "*",
        "∗": "*",
        "÷": "/",
        "∕": "/",
        "⁄": "/",
        "−": "-",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "\t": " ",
        "\n": " ",
        "\r": " ",
    }
)


def _superscript(match: re.Match[str]) -> str:
    power = match.group().translate(_SUPERSCRIPTS)
    return f"^{power}" if power.isdigit() else f"^({power})"


def _normalise(text: str) -> str:
    # Superscripts first: NFKC would turn x² into x2, which reads as something else.
    text = _SUPERSCRIPT_RUN.sub(_superscript, text)
    return unicodedata.normalize("NFKC", text).translate(_REPLACEMENTS)


# --- tokens -------------------------------------------------------------------------------

_FUNCTIONS: dict[str, type[sympy.Function]] = {
    "abs": sympy.Abs,
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "ln": sympy.log,
    "log": sympy.log,
    "exp": sympy.exp,
}
# Longest first, so that a run of letters is split greedily into known names.
_KNOWN_NAMES = sorted([*_FUNCTIONS, "sqrt", "pi"], key=len, reverse=True)
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
_OPERATORS = ("**", "+", "-", "*", "/", "^", "(", ")", "[", "]", "√")
_CLOSING = {"(": ")", "[": "]"}
_CHARACTER_HINTS = {
    "=": "Type just the expression, without '='.",
    "|": "For an absolute value, write abs(x).",
    ",": "Write numbers without commas, and use a point for decimals, like 1.5.",
    "!": "Proficio can't read '!' (factorials) in an answer.",
}


@dataclass(frozen=True)
class _Token:
    kind: str  # "number", "symbol", "pi", "function", "op", "end"
    text: str


def _split_letters(word: str, followed_by_bracket: bool) -> list[_Token]:
    """`xy` is x times y, `2pir` is 2·pi·r; known names are matched first."""
    tokens: list[_Token] = []
    position = 0
    while position < len(word):
        for name in _KNOWN_NAMES:
            if word.startswith(name, position):
                kind = "pi" if name == "pi" else "function"
                tokens.append(_Token(kind, name))
                position += len(name)
                break
        else:
            tokens.append(_Token("symbol", word[position]))
            position += 1
    if followed_by_bracket and len(word) >= 3 and all(t.kind == "symbol" for t in tokens):
        # `foo(x)` is far more likely a function Proficio lacks than f·o·o·(x).
        raise MathInputError(f"Proficio doesn't know the function '{word}'.")
    return tokens


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char == " ":
            position += 1
            continue
        number = _NUMBER.match(text, position)
        if number:
            tokens.append(_Token("number", number.group()))
            position = number.end()
            continue
        if char == "π":
            tokens.append(_Token("pi", "pi"))
            position += 1
            continue
        if char.isalpha() or char == "_":
            end = position
            while (
                end < len(text) and (text[end].isalnum() or text[end] == "_") and text[end] != "π"
            ):
                end += 1
            word = text[position:end]
            if not (word.isascii() and word.isalnum()):
                raise MathInputError(f"Proficio doesn't know '{word}'.")
            if not word.isalpha():
                raise MathInputError(
                    f"'{word}' mixes letters and digits; write 2x, x*2 or x^2 instead."
                )
            followed_by_bracket = end < len(text) and text[end] in "(["
            tokens.extend(_split_letters(word, followed_by_bracket))
            position = end
            continue
        operator = next((op for op in _OPERATORS if text.startswith(op, position)), None)
        if operator is None:
            shown = char if char.isprintable() else repr(char)
            hint = _CHARACTER_HINTS.get(char, "")
            raise MathInputError(f"Proficio can't read '{shown}' in an answer. {hint}".strip())
        tokens.append(_Token("op", "^" if operator == "**" else operator))
        position += len(operator)
    tokens.append(_Token("end", ""))
    return tokens
