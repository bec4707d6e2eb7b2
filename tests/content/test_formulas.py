"""The formula language of generators: parsing, evaluation, errors and bounds."""

import random
from fractions import Fraction
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proficio.content.formulas import (
    Formula,
    FormulaError,
    Value,
    format_value,
    parse_formula,
)


def evaluate(text: str, seed: int = 1, **variables: Value) -> Value:
    return parse_formula(text).evaluate(variables, random.Random(seed))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        ("0.1", Fraction(1, 10)),
        ("0.1 + 0.2", Fraction(3, 10)),
        (".5", Fraction(1, 2)),
        ("7 / 2", Fraction(7, 2)),
        ("6 / 3", 2),
        ("7 // 2", 3),
        ("7 % 3", 1),
        ("-7 // 2", -4),
        ("2 ** 10", 1024),
        ("2 ^ 10", 1024),
        ("2 ^ 3 ^ 2", 512),
        ("-2 ** 2", -4),
        ("(-2) ** 2", 4),
        ("2 ** -2", Fraction(1, 4)),
        ("(2/3) ** 2", Fraction(4, 9)),
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 - 3 - 2", 5),
        ("24 / 4 / 3", 2),
        ("+5", 5),
        ("--5", 5),
        ("abs(-7/2)", Fraction(7, 2)),
        ("min(3, 1, 2)", 1),
        ("max(3, 1/2, 2)", 3),
        ("gcd(12, 18)", 6),
        ("gcd(12, 18, 8)", 2),
        ("round(2.5)", 3),
        ("round(-2.5)", -3),
        ("round(2.4)", 2),
        ("round(7/3, 2)", Fraction(233, 100)),
        ("round(2.345, 2)", Fraction(235, 100)),
        ("round(1250, -2)", 1300),
        ("round(5)", 5),
    ],
)
def test_arithmetic(text: str, expected: Value) -> None:
    value = evaluate(text)
    assert value == expected
    assert type(value) is type(expected)  # whole results are ints, never Fraction(n, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 < 3 < 5", True),
        ("1 < 5 < 3", False),
        ("3 > 2 > 1", True),
        ("1 < a < 5", True),
        ("1 < a <= 3 != 4", True),
        ("a == 3", True),
        ("a != 3", False),
        ("a >= 4", False),
        ("(1 < 2) == (2 < 3)", True),
        ("not a == 4", True),
        ("a > 1 and a < 2", False),
        ("a > 1 or a < 2", True),
        ("not 0", True),
        ("b != 0 and a / b > 1", False),  # short-circuit: a / 0 is never computed
        ("b == 0 or a / b > 1", True),
    ],
)
def test_comparisons_and_logic(text: str, expected: bool) -> None:
    assert evaluate(text, a=3, b=0) is expected


def test_names_are_the_variables_read_not_the_functions() -> None:
    formula = parse_formula("randint(1, n) + max(a, b) * a")
    assert formula.names == frozenset({"n", "a", "b"})
    assert formula.source == "randint(1, n) + max(a, b) * a"
    assert parse_formula("2 + 3").names == frozenset()


def test_later_variables_use_earlier_ones() -> None:
    rng = random.Random(5)
    values: dict[str, Value] = {}
    for name, source in [("a", "randint(2, 9)"), ("b", "a * 2"), ("c", "b - a")]:
        values[name] = parse_formula(source).evaluate(values, rng)
    assert values["b"] == 2 * values["a"]
    assert values["c"] == values["a"]


def test_same_seed_gives_the_same_values() -> None:
    formula = parse_formula("randint(1, 1000) * 1000 + choice(1, 2, 3, randint(4, 9))")
    first = [formula.evaluate({}, random.Random(seed)) for seed in range(20)]
    again = [formula.evaluate({}, random.Random(seed)) for seed in range(20)]
    assert first == again
    assert len(set(first)) > 1


def test_randint_is_inclusive_and_choice_picks_an_argument() -> None:
    rng = random.Random(0)
    randint = parse_formula("randint(1, 3)")
    choice = parse_formula("choice(2, 1/2, a)")
    assert {randint.evaluate({}, rng) for _ in range(200)} == {1, 2, 3}
    assert {choice.evaluate({"a": 7}, rng) for _ in range(200)} == {2, Fraction(1, 2), 7}
    assert evaluate("randint(4, 4)") == 4
    assert evaluate("randint(6/2, 3)") == 3  # whole fractions are whole numbers


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (12, "12"),
        (-3, "-3"),
        (0, "0"),
        (Fraction(3, 4), "0.75"),
        (Fraction(2, 3), "2/3"),
        (Fraction(-2, 3), "-2/3"),
        (Fraction(-5, 2), "-2.5"),
        (Fraction(1, 1000), "0.001"),
        (Fraction(-1, 8), "-0.125"),
        (Fraction(10, 5), "2"),
        (Fraction(-6, 3), "-2"),
        (Fraction(7, 20), "0.35"),
        (True, "true"),
        (False, "false"),
    ],
)
def test_format_value(value: Value, text: str) -> None:
    assert format_value(value) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("1 +", "ends too early"),
        ("(1 + 2", "expected ')'"),
        ("1 + 2)", "unexpected ')' at column 6"),
        ("foo(1)", "unknown function 'foo'"),
        ("__import__('os')", "column 12"),
        ("randint(1)", "randint() takes exactly 2 arguments"),
        ("round(1, 2, 3)", "round() takes 1 or 2 arguments"),
        ("choice()", "at least 1"),
        ("gcd(4)", "at least 2"),
        ("abs(1, 2)", "exactly 1 argument,"),
        ("2a", "operator is missing"),
        ("a.b", "unexpected '.'"),
        ("a.__class__", "unexpected '.'"),
        ("x = 1", "'=='"),
        ("'text'", "strings are not allowed"),
        ("max", "is a function"),
        ("1 2", "operator is missing"),
        ("* 2", "unexpected '*'"),
        ("a[0]", "unexpected '['"),
        ("lambda: 1", "unexpected ':'"),
        ("1" * 31, "too long"),
        ("1" + "0" * 30 + ".5", "too long"),
        ("1+" * 300 + "1", "too long"),
        ("(" * 60 + "1" + ")" * 60, "nested too deeply"),
        ("-" * 100 + "1", "nested too deeply"),
        ("not " * 60 + "1", "nested too deeply"),
        ("2^" * 60 + "2", "nested too deeply"),
        ("(" * 10_000, "too long"),
        ("1" * 10_000, "too long"),
    ],
)
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(FormulaError) as raised:
        parse_formula(text)
    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1 / 0", "division by zero"),
        ("1 // (a - 3)", "division by zero"),
        ("5 % 0", "division by zero"),
        ("0 ** -1", "division by zero"),
        ("missing + 1", "unknown variable 'missing'"),
        ("randint(5, 1)", "low end is above the high end"),
        ("randint(1, 2.5)", "whole numbers"),
        ("gcd(1.5, 2)", "whole numbers"),
        ("9^9^9^9", "too large"),
        ("2 ** 101", "too large"),
        ("(2^100)^100", "too large"),
        ("2 ** (1/2)", "whole-number exponent"),
        ("(10^30)^30 * (10^30)^30", "too large"),
        ("round(a, 31)", "at most 30 digits"),
        ("(a < 1) + 1", "needs a number, not false"),
        ("-(a < 1)", "needs a number"),
        ("abs(a == 3)", "needs a number"),
        ("1 < (a == 3)", "needs a number"),
    ],
)
def test_evaluation_errors(text: str, message: str) -> None:
    formula = parse_formula(text)
    with pytest.raises(FormulaError) as raised:
        formula.evaluate({"a": 3}, random.Random(0))
    assert message in str(raised.value)


def test_a_variable_that_is_not_a_number_is_an_error() -> None:
    with pytest.raises(FormulaError):
        parse_formula("a + 1").evaluate(cast(dict[str, Value], {"a": 0.5}), random.Random(0))


def test_formula_is_a_frozen_value() -> None:
    formula = parse_formula("a + 1")
    assert isinstance(formula, Formula)
    assert formula == parse_formula("a + 1")
    with pytest.raises(AttributeError):
        setattr(formula, "source", "2")  # noqa: B010 - a frozen dataclass refuses it


def test_long_but_flat_formulas_are_fine() -> None:
    # 250 terms: kept flat, so neither parsing nor evaluation recurses 250 levels deep.
    assert evaluate("+".join(["1"] * 240)) == 240
    assert evaluate(" and ".join(["1 < 2"] * 40)) is True


_FORMULA_PIECES = [
    "1", "2", "0.5", "a", "b", "(", ")", "+", "-", "*", "/", "//", "%", "**", "^", "<", "<=",
    "==", "!=", ">", " and ", " or ", "not ", ",", "randint(", "choice(", "round(", "abs(",
    "min(", "max(", "gcd(", "99999999999", " ",
]  # fmt: skip


def _survives(text: str) -> None:
    try:
        formula = parse_formula(text)
    except FormulaError:
        return
    try:
        value = formula.evaluate({"a": 3, "b": Fraction(1, 2)}, random.Random(0))
    except FormulaError:
        return
    assert isinstance(value, int | Fraction)
    format_value(value)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses_or_raises_formula_error(text: str) -> None:
    _survives(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_FORMULA_PIECES), max_size=60).map("".join))
def test_grammar_soup_parses_or_raises_formula_error(text: str) -> None:
    _survives(text)
