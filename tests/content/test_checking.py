"""Answer checkers: right, wrong and unreadable responses for every question type."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proficio.content.checking import (
    MAX_RESPONSE_LENGTH,
    Verdict,
    check_choice,
    check_expression,
    check_numeric,
    check_text,
    normalise_text,
    parse_number,
)
from proficio.content.mathinput import parse_math

RIGHT = Verdict(correct=True)
WRONG = Verdict(correct=False)

# Responses no checker can read, whatever the question.
_NOT_TEXT: list[object] = [None, 12, 1.5, True, ["12"], {"answer": "12"}, b"12"]
_BAD_TEXT = [
    "1" * (MAX_RESPONSE_LENGTH + 1),
    "12\x00",
    "12\n",
    "a\rb",
    "\x1b[31m12",
    "12\x7f",
    "\x85",
]


# --- choice -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("correct", "response", "verdict"),
    [
        ([1], [1], RIGHT),
        ([1], 1, RIGHT),
        ([1], [2], WRONG),
        ([1], 0, WRONG),
        ([0, 2], [2, 0], RIGHT),
        ([0, 2], [0], WRONG),
        ([0, 2], [0, 1, 2], WRONG),
        ([3], [3], RIGHT),
    ],
)
def test_choice(correct: list[int], response: object, verdict: Verdict) -> None:
    assert check_choice(correct, 4, response) == verdict


@pytest.mark.parametrize(
    ("response", "message"),
    [
        ([], "Pick an answer."),
        ([7], "Choice 7 doesn't exist; pick from 0 to 3."),
        (4, "Choice 4 doesn't exist; pick from 0 to 3."),
        ([-1], "Choice -1 doesn't exist"),
        ([1, 1], "Choice 1 is picked twice"),
        (True, "Send the numbers of the choices you picked."),
        ([True], "Send the numbers"),
        ([1.0], "Send the numbers"),
        (["1"], "Send the numbers"),
        ("1", "Send the numbers"),
        (None, "Send the numbers"),
        ((1,), "Send the numbers"),
        ({1}, "Send the numbers"),
        ([[1]], "Send the numbers"),
        ([0] * (MAX_RESPONSE_LENGTH + 1), "Send the numbers"),
    ],
)
def test_choice_unreadable(response: object, message: str) -> None:
    verdict = check_choice([1], 4, response)
    assert not verdict.correct
    assert not verdict.readable
    assert message in verdict.message


# --- numeric ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", Fraction(12)),
        (" -3 ", Fraction(-3)),
        ("+4", Fraction(4)),
        ("0.75", Fraction(3, 4)),
        (".5", Fraction(1, 2)),
        ("5.", Fraction(5)),
        ("3/4", Fraction(3, 4)),
        ("3 / 4", Fraction(3, 4)),
        ("-3/4", Fraction(-3, 4)),
        ("6/8", Fraction(3, 4)),
        ("1 1/2", Fraction(3, 2)),
        ("-1 1/2", Fraction(-3, 2)),
        ("1,000", Fraction(1000)),
        ("12,345,678", Fraction(12_345_678)),
        ("1,000.25", Fraction(4001, 4)),
        ("−3", Fraction(-3)),  # U+2212 minus sign
        ("–3", Fraction(-3)),  # en dash
        ("１２", Fraction(12)),  # full-width digits
        ("½", Fraction(1, 2)),
        ("0.1", Fraction(1, 10)),
        ("007", Fraction(7)),
        ("\t12\t", Fraction(12)),
    ],
)
def test_parse_number(text: str, value: Fraction) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Type a number."),
        ("   ", "Type a number."),
        ("1,5", "Use a point for decimals"),
        ("1,5000", "Use a point for decimals"),
        ("1234,567", "groups of three digits"),
        ("12,34,567", "groups of three digits"),
        ("1/0", "can't divide by zero"),
        ("1 1/0", "can't divide by zero"),
        ("1 3/2", "fraction part must be below 1"),
        ("2x+", "no letters"),
        ("x", "no letters"),
        ("1e3", "no letters"),
        ("twelve", "no letters"),
        ("1 000", "without spaces"),
        ("1.2.3", "single number"),
        ("--3", "single number"),
        ("3/-4", "single number"),
        ("1/2/3", "single number"),
        (".", "single number"),
        ("-", "single number"),
        ("1" * 61, "too long"),
    ],
)
def test_parse_number_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_number(text)
    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("answer", "tolerance", "response", "correct"),
    [
        (Fraction(12), Fraction(0), "12", True),
        (Fraction(12), Fraction(0), "12.0", True),
        (Fraction(12), Fraction(0), "24/2", True),
        (Fraction(12), Fraction(0), "13", False),
        (Fraction(12), Fraction(0), "-12", False),
        (Fraction(3, 4), Fraction(0), "0.75", True),
        (Fraction(3, 4), Fraction(0), "3/4", True),
        (Fraction(3, 4), Fraction(0), "0.7500000000000001", False),
        (Fraction(3, 2), Fraction(0), "1 1/2", True),
        (Fraction(1000), Fraction(0), "1,000", True),
        (Fraction(1, 3), Fraction(1, 100), "0.33", True),
        (Fraction(1, 3), Fraction(1, 100), "0.32", False),
        (Fraction(10), Fraction(1, 2), "10.5", True),  # the boundary is included
        (Fraction(10), Fraction(1, 2), "9.5", True),
        (Fraction(10), Fraction(1, 2), "10.51", False),
    ],
)
def test_numeric(answer: Fraction, tolerance: Fraction, response: str, correct: bool) -> None:
    assert check_numeric(answer, tolerance, response) == Verdict(correct=correct)


@pytest.mark.parametrize(
    "response",
    [*_NOT_TEXT, *_BAD_TEXT, "", "1/0", "1,5", "2x+", "12 apples", "1" * 100],
)
def test_numeric_unreadable(response: object) -> None:
    verdict = check_numeric(Fraction(12), Fraction(0), response)
    assert verdict.readable is False
    assert verdict.correct is False
    assert verdict.message


# --- expression ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "response", "correct"),
    [
        ("5x", "5x", True),
        ("5x", "5*x", True),
        ("5x", "x*5", True),
        ("5x", "3x+2x", True),
        ("5x", "5 × x", True),
        ("5x", "6x", False),
        ("5x", "5y", False),
        ("5x", "5", False),
        ("x^2 - 1", "(x+1)(x-1)", True),
        ("x^2 - 1", "x²−1", True),
        ("x^2 - 1", "x^2 + 1", False),
        ("x^2", "x**2", True),
        ("x^2", "2x", False),
        ("(x+1)^2", "x^2+2x+1", True),
        ("1/2", "2/4", True),
        ("1/2", "0.5", True),
        ("2sqrt(2)", "sqrt(8)", True),
        ("2sqrt(2)", "sqrt(6)", False),
        ("pi r^2", "πr²", True),
    ],
)
def test_expression(answer: str, response: str, correct: bool) -> None:
    assert check_expression(parse_math(answer), response) == Verdict(correct=correct)


@pytest.mark.parametrize(
    ("response", "message"),
    [
        ("2x+", "Your answer ends with '+' — something is missing after it."),
        ("", "Type an answer."),
        ("(x+1", "never closed"),
        ("__import__('os')", "Proficio doesn't know '__import__'."),
        ("1/0", "can't divide by zero"),
        ("9^9^9^9", "too big"),
        ("(" * 10_000, "too long"),
        ("x" * 10_000, "too long"),
        ("x\n", "line break"),
        (5, "as text"),
    ],
)
def test_expression_unreadable(response: object, message: str) -> None:
    verdict = check_expression(parse_math("5x"), response)
    assert verdict.readable is False
    assert verdict.correct is False
    assert message in verdict.message


# --- text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("Sum", "sum"),
        ("  the   SUM  ", "the sum"),
        ("the\tsum", "the sum"),
        ("Sum.", "sum"),
        ("Sum!", "sum"),
        ("Sum..", "sum."),
        ("sum .", "sum"),
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),  # casefold, not lower
        ("ｓｕｍ", "sum"),  # NFKC
        (".", ""),
        ("", ""),
    ],
)
def test_normalise_text(text: str, normal: str) -> None:
    assert normalise_text(text) == normal


@pytest.mark.parametrize(
    ("response", "correct"),
    [
        ("sum", True),
        ("SUM", True),
        ("The sum.", True),
        ("  the   sum ", True),
        ("Sum!", True),
        ("a sum", False),
        ("summ", False),
        ("difference", False),
    ],
)
def test_text(response: str, correct: bool) -> None:
    assert check_text(["sum", "The Sum"], response) == Verdict(correct=correct)


@pytest.mark.parametrize("response", [*_NOT_TEXT, *_BAD_TEXT, "", "   ", ".", " ! "])
def test_text_unreadable(response: object) -> None:
    verdict = check_text(["sum"], response)
    assert verdict.readable is False
    assert verdict.correct is False
    assert verdict.message


def test_text_empty_message() -> None:
    assert check_text(["sum"], "  ") == Verdict(False, False, "Type an answer.")


# --- every checker, any input -------------------------------------------------------------

_ANSWER = parse_math("x^2 - 1")


def _check_all(response: object) -> None:
    verdicts = [
        check_choice([0, 2], 4, response),
        check_numeric(Fraction(3, 4), Fraction(0), response),
        check_expression(_ANSWER, response),
        check_text(["sum", "the sum"], response),
    ]
    for verdict in verdicts:
        assert isinstance(verdict, Verdict)
        assert isinstance(verdict.correct, bool)
        assert verdict.readable or (not verdict.correct and verdict.message)


_PIECES = [
    "1", "2", "0", "x", "y", " ", ".", ",", "/", "-", "+", "*", "^", "(", ")", "−", "1,000",
    "sqrt(", "pi", "²", "sum", "The", "!", "\t", "\n", "\x00", "e", "9^9^9",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_verdict(text: str) -> None:
    _check_all(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_answer_soup_gives_a_verdict(text: str) -> None:
    _check_all(text)


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=5), inner),
        max_leaves=10,
    )
)
def test_any_json_value_gives_a_verdict(response: object) -> None:
    _check_all(response)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_parse_number_raises_only_value_error(text: str) -> None:
    try:
        value = parse_number(text)
    except ValueError as error:
        assert str(error)
    else:
        assert isinstance(value, Fraction)


@pytest.mark.parametrize(
    "response",
    ["9^9^9^9", "(" * 10_000, "1" * 10_000, "__import__('os')", "1/0", "x" * 1000],
)
def test_pathological_responses_are_unreadable_everywhere(response: str) -> None:
    assert check_numeric(Fraction(1), Fraction(0), response).readable is False
    assert check_expression(_ANSWER, response).readable is False
    assert check_choice([0], 2, response).readable is False
    text = check_text(["sum"], response)
    assert not text.correct
