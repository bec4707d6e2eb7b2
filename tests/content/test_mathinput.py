"""Typed math: reading it into SymPy, comparing expressions, previews, errors and bounds."""

from typing import cast

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from proficio.content.mathinput import (
    MathInputError,
    describe,
    equivalent,
    parse_math,
    to_latex,
)

x, y = sympy.symbols("x y")


def same(a: str, b: str) -> bool:
    return equivalent(parse_math(a), parse_math(b))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("5x", "5*x"),
        ("5*x", "5*x"),
        ("x*5", "x*5"),
        ("3x+2x", "3*x + 2*x"),
        ("x^2", "x^2"),
        ("x**2", "x^2"),
        ("2 x", "2*x"),
        ("2(x+1)", "2*(x + 1)"),
        ("(x+1)(x-1)", "(x + 1)*(x - 1)"),
        ("x(x+1)", "x*(x + 1)"),
        ("xy", "x*y"),
        ("3sqrt(2)", "3*sqrt(2)"),
        ("2pir^2", "2*pi*r^2"),
        ("[x+1]^2", "(x + 1)^2"),
        ("2/4", "1/2"),
        ("0.75", "3/4"),
        ("-x^2", "-x^2"),
        ("2^3^2", "512"),
        ("x - y", "x - y"),
        ("x/y", "x/y"),
        ("x/2", "x/2"),
        ("1/2x", "1/2*x"),
        ("6/3x", "2*x"),
        ("1/x", "1/x"),
        ("abs(x)", "abs(x)"),
        ("ln(x) + log(y)", "ln(x) + ln(y)"),
        ("sin(x)cos(x)", "sin(x)*cos(x)"),
        ("exp(x)", "exp(x)"),
        ("x^-1", "1/x"),
        ("x^-2", "x^(-2)"),
        ("2*-3", "-6"),
        # Unicode that phones and word processors produce.
        ("5×x", "5*x"),
        ("5·x", "5*x"),
        ("5⋅x", "5*x"),
        ("6÷3", "2"),
        ("3−x", "3 - x"),
        ("3–x", "3 - x"),
        ("x²", "x^2"),
        ("x³+1", "x^3 + 1"),
        ("πr²", "pi*r^2"),
        ("１２x", "12*x"),
        ("√2", "sqrt(2)"),
    ],
)
def test_reading(text: str, shown: str) -> None:
    assert describe(parse_math(text)) == shown


def test_builds_sympy_objects() -> None:
    expr = parse_math("3x^2 - 1/2")
    assert isinstance(expr, sympy.Expr)
    # Built as typed, unevaluated; doit() gives SymPy's usual form.
    assert expr.doit() == 3 * x**2 - sympy.Rational(1, 2)
    assert equivalent(expr, 3 * x**2 - sympy.Rational(1, 2))
    assert parse_math("0.1") == sympy.Rational(1, 10)  # decimals are exact
    assert parse_math("pi") == sympy.pi
    assert parse_math("2/4") == sympy.Rational(1, 2)


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("5x", "5 x"),
        ("x*5", r"x \cdot 5"),
        ("2pir^2", r"2 \pi r^{2}"),
        ("1/2", r"\frac{1}{2}"),
        ("x/2", r"\frac{x}{2}"),
        ("1/2x", r"\frac{1}{2} x"),
        ("2x/(3y)", r"\frac{2 x}{3 y}"),
        ("sqrt(x+1)", r"\sqrt{x + 1}"),
        ("(x+1)^2", r"\left(x + 1\right)^{2}"),
        ("abs(x)", r"\left|x\right|"),
        ("pi r^2", r"\pi r^{2}"),
        ("sin(x)", r"\sin\left(x\right)"),
    ],
)
def test_to_latex(text: str, latex: str) -> None:
    assert to_latex(parse_math(text)) == latex


def test_printers_also_take_sympy_expressions() -> None:
    assert describe(2 * x**2) == "2*x^2"
    assert to_latex(sympy.Rational(-3, 4)) == r"-\frac{3}{4}"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("5x", "5*x"),
        ("5x", "x*5"),
        ("5x", "3x+2x"),
        ("5x", "5 x"),
        ("x^2", "x**2"),
        ("x^2", "x²"),
        ("(x+1)^2", "x^2+2x+1"),
        ("(x+1)(x-1)", "x^2-1"),
        ("2/4", "1/2"),
        ("0.5x", "x/2"),
        ("sqrt(8)", "2sqrt(2)"),
        ("x/(2y)", "0.5x/y"),
        ("(x^2-1)/(x-1)", "x+1"),
        ("1/(x-1) - 1/(x+1)", "2/(x^2-1)"),
        ("sin(x)^2 + cos(x)^2", "1"),
        ("exp(x)exp(y)", "exp(x+y)"),
        ("2^(x+1)", "2*2^x"),
        ("log(x y)", "ln(x) + ln(y)"),
        ("sqrt(x^2)", "x"),  # letters are positive reals
        ("pi r^2", "r^2 pi"),
        ("(x+y)^30", "(y+x)^29 (x+y)"),
        ("(x+1)^100 - x^100", "(x+1)^100 - x^100 + 0"),
        ("((x+1)^100)^3", "(x+1)^100 (x+1)^100 (x+1)^100"),
    ],
)
def test_equivalent(a: str, b: str) -> None:
    assert same(a, b)
    assert same(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("5x", "6x"),
        ("5x", "5y"),
        ("x^2", "2x"),
        ("(x+1)^2", "x^2+1"),
        ("x/y", "y/x"),
        ("sqrt(8)", "3sqrt(2)"),
        ("sin(x)", "cos(x)"),
        ("1/2", "0.5000001"),
        ("x", "x+1"),
        ("(x+y+1)^100", "(x+y+1)^100 + 1"),  # too big to expand: exact values at points
        ("((x+1)^100)^3", "((x+1)^100)^3 + x"),
        ("2^x", "x^2"),
    ],
)
def test_not_equivalent(a: str, b: str) -> None:
    assert not same(a, b)
    assert not same(b, a)


def test_equivalent_never_raises_on_expressions_without_a_value() -> None:
    # parse_math refuses this one, but a caller may build it.
    undefined = sympy.Pow(sympy.Add(x, -x, evaluate=False), -1, evaluate=False)
    assert not equivalent(undefined, parse_math("1"))
    assert equivalent(undefined, undefined)  # the very same expression


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Type an answer."),
        ("   ", "Type an answer."),
        ("2x+", "Your answer ends with '+' — something is missing after it."),
        ("2x*", "ends with '*'"),
        ("(x+1", "never closed"),
        ("x+1)", "without a matching"),
        ("(x+1]", "closed with ']'"),
        ("()", "nothing inside"),
        ("2+*3", "'*' can't come right after '+'"),
        ("*3", "can't start with '*'"),
        ("__import__('os')", "Proficio doesn't know '__import__'."),
        ("os.system('ls')", "can't read '.'"),
        ("foo(x)", "doesn't know the function 'foo'"),
        ("θ + 1", "doesn't know 'θ'"),
        ("x_1", "doesn't know 'x_1'"),
        ("x2", "mixes letters and digits"),
        ("2x3", "mixes letters and digits"),
        ("2 3", "A number comes right after '2'"),
        ("(x+1)2", "A number comes right after ')'"),
        ("1/0", "can't divide by zero"),
        ("x/(2-2)", "can't divide by zero"),
        ("0^-1", "can't divide by zero"),
        ("log(0)", "no value"),
        ("1/(x-x)*0 + log(0)", "no value"),
        ("sin x", "Put brackets after sin"),
        ("sqrt 2", "Put brackets after sqrt"),
        ("y = 2x", "without '='"),
        ("|x|", "abs(x)"),
        ("1,5", "point for decimals"),
        ("9^9^9^9", "too big"),
        ("x^101", "too big"),
        ("(2^100)^100", "too big"),
        ("1" * 31, "too long"),
        ("x" * 1001, "too long"),
        ("x+" * 150 + "x", "too long"),
        ("(" * 60 + "x" + ")" * 60, "too many brackets"),
        ("-" * 60 + "x", "too many brackets"),
        ("(" * 10_000, "too long"),
        ("1" * 10_000, "too long"),
        ("x\x00", "can't read"),
    ],
)
def test_errors(text: str, message: str) -> None:
    with pytest.raises(MathInputError) as raised:
        parse_math(text)
    assert message in str(raised.value)


def test_not_text_is_an_error() -> None:
    with pytest.raises(MathInputError):
        parse_math(cast(str, 12))


def test_bounded_inputs_near_every_limit_still_work() -> None:
    # Deep but allowed, long but allowed, big but allowed: all read and compared.
    deep = "(" * 45 + "x" + ")" * 45
    assert same(deep, "x")
    long = "+".join(["x"] * 100)
    assert same(long, "100x")
    assert same("2^90", "1237940039285380274899124224")
    assert same("(x+y+z)^100", "(x+y+z)^99 (z+y+x)")
    towers = "x^x^x^x^x^x^x^x^x^x"
    assert same(towers, towers + "+0")
    assert not same("exp(exp(exp(exp(x))))", "exp(exp(exp(exp(x)))) + 1")


_MATH_PIECES = [
    "x", "y", "2", "10", "0.5", "99999999999999", "+", "-", "*", "/", "^", "**", "(", ")", "[",
    "]", " ", "sqrt(", "abs(", "sin(", "ln(", "exp(", "pi", "π", "×", "−", "²", "√", ",", ".",
    "=", "_", "e", "xy", "'", "9^9^9",
]  # fmt: skip


def _survives(text: str) -> None:
    try:
        expr = parse_math(text)
    except MathInputError as error:
        assert str(error)
        return
    assert isinstance(describe(expr), str)
    assert isinstance(to_latex(expr), str)
    assert equivalent(expr, expr)
    assert isinstance(equivalent(expr, parse_math("x + 1")), bool)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_reads_or_raises_math_input_error(text: str) -> None:
    _survives(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_MATH_PIECES), max_size=80).map("".join))
def test_grammar_soup_reads_or_raises_math_input_error(text: str) -> None:
    _survives(text)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(_MATH_PIECES), max_size=40).map("".join),
    st.lists(st.sampled_from(_MATH_PIECES), max_size=40).map("".join),
)
def test_equivalent_is_symmetric_and_never_raises(a: str, b: str) -> None:
    try:
        left, right = parse_math(a), parse_math(b)
    except MathInputError:
        return
    assert equivalent(left, right) == equivalent(right, left)
