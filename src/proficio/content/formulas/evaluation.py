"""A formula's tree evaluated by walking it, with exact numbers and bounded sizes."""

from __future__ import annotations

import random
from collections.abc import Mapping
from fractions import Fraction
from math import gcd

from .formatting import format_value
from .limits import MAX_BITS, MAX_EXPONENT, MAX_ROUND_DIGITS, FormulaError, Value, _normalise
from .parser import _COMPARISONS, _Chain, _Logic, _Name, _Node, _Number, _Power, _Unary


def _show(value: Value) -> str:
    return format_value(value)


def _number(value: Value, what: str) -> int | Fraction:
    if isinstance(value, bool):
        raise FormulaError(f"{what} needs a number, not {_show(value)}")
    return value


def _integer(value: Value, what: str) -> int:
    number = _number(value, what)
    if isinstance(number, Fraction):
        raise FormulaError(f"{what} needs whole numbers, not {_show(number)}")
    return number


def _power(base: int | Fraction, exponent: int | Fraction) -> int | Fraction:
    if isinstance(exponent, Fraction):
        raise FormulaError(f"powers need a whole-number exponent, not {_show(exponent)}")
    if abs(exponent) > MAX_EXPONENT:
        raise FormulaError(f"the exponent {exponent} is too large (at most {MAX_EXPONENT})")
    if base == 0 and exponent < 0:
        raise FormulaError("division by zero (0 to a negative power)")
    fraction = Fraction(base)
    size = max(fraction.numerator.bit_length(), fraction.denominator.bit_length())
    # Check the size before computing, so 9^9^9 is refused instantly rather than computed.
    if (size - 1) * abs(exponent) > MAX_BITS:
        raise FormulaError("a power got too large (more than about 600 digits)")
    return _normalise(fraction**exponent)


def _arithmetic(op: str, left: Value, right: Value) -> int | Fraction:
    a = _number(left, f"'{op}'")
    b = _number(right, f"'{op}'")
    if op == "+":
        return _normalise(a + b)
    if op == "-":
        return _normalise(a - b)
    if op == "*":
        return _normalise(a * b)
    if b == 0:
        raise FormulaError(f"division by zero ('{op}' by 0)")
    if op == "/":
        return _normalise(Fraction(a) / b)
    if op == "//":
        return _normalise(a // b)
    return _normalise(a % b)


def _compare(op: str, left: Value, right: Value) -> bool:
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    a = _number(left, f"'{op}'")
    b = _number(right, f"'{op}'")
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    return a >= b


def _round(value: int | Fraction, digits: int) -> int | Fraction:
    if abs(digits) > MAX_ROUND_DIGITS:
        raise FormulaError(f"round() takes at most {MAX_ROUND_DIGITS} digits")
    scale = Fraction(10) ** digits
    scaled = abs(Fraction(value)) * scale
    # Half away from zero, as taught in school (Python's round() rounds half to even).
    rounded = int(scaled + Fraction(1, 2))
    if value < 0:
        rounded = -rounded
    return _normalise(rounded / scale)


def _call(name: str, args: list[Value], rng: random.Random) -> Value:
    if name == "choice":
        return rng.choice(args)
    if name == "randint":
        lo = _integer(args[0], "randint()")
        hi = _integer(args[1], "randint()")
        if lo > hi:
            raise FormulaError(f"randint({lo}, {hi}) is empty: the low end is above the high end")
        return rng.randint(lo, hi)
    if name == "gcd":
        return gcd(*(_integer(arg, "gcd()") for arg in args))
    numbers = [_number(arg, f"{name}()") for arg in args]
    if name == "abs":
        return -numbers[0] if numbers[0] < 0 else numbers[0]
    if name == "min":
        return min(numbers)
    if name == "max":
        return max(numbers)
    # round
    if len(numbers) == 1:
        return _round(numbers[0], 0)
    return _round(numbers[0], _integer(numbers[1], "round()'s digits"))


def _evaluate(node: _Node, variables: Mapping[str, Value], rng: random.Random) -> Value:
    if isinstance(node, _Number):
        return node.value
    if isinstance(node, _Name):
        if node.name not in variables:
            raise FormulaError(f"unknown variable '{node.name}'")
        value = variables[node.name]
        if isinstance(value, bool):
            return value
        if not isinstance(value, int | Fraction):
            raise FormulaError(f"variable '{node.name}' is not a number")
        return _normalise(value)
    if isinstance(node, _Unary):
        inner = _evaluate(node.operand, variables, rng)
        if node.op == "not":
            return not inner
        number = _number(inner, f"unary '{node.op}'")
        return -number if node.op == "-" else number
    if isinstance(node, _Power):
        base = _number(_evaluate(node.base, variables, rng), "a power")
        exponent = _number(_evaluate(node.exponent, variables, rng), "a power")
        return _power(base, exponent)
    if isinstance(node, _Logic):
        # Short-circuit, so `b != 0 and a / b > 1` is safe; the result is always a bool so
        # that `where` gives True or False.
        want = node.op == "or"
        for operand in node.operands:
            if bool(_evaluate(operand, variables, rng)) is want:
                return want
        return not want
    if isinstance(node, _Chain):
        left = _evaluate(node.first, variables, rng)
        if node.rest[0][0] in _COMPARISONS:
            # Python's chaining: 1 < a < 5 is 1 < a and a < 5, each operand evaluated once.
            for op, operand in node.rest:
                right = _evaluate(operand, variables, rng)
                if not _compare(op, left, right):
                    return False
                left = right
            return True
        for op, operand in node.rest:
            left = _arithmetic(op, left, _evaluate(operand, variables, rng))
        return left
    # Arguments are evaluated left to right, always all of them, so the random stream is
    # consumed the same way every time.
    args = [_evaluate(arg, variables, rng) for arg in node.args]
    return _call(node.function, args, rng)
