"""Values of an expression in floating point, at fixed sample points."""

from __future__ import annotations

import cmath
import math
import random
from collections.abc import Callable

import sympy

from .parser import _HALF


class _NoValue(Exception):
    """The expression has no finite value at a sample point (or has parts we don't know)."""


_UNARY: dict[type, Callable[[complex], complex]] = {
    sympy.sin: cmath.sin,
    sympy.cos: cmath.cos,
    sympy.tan: cmath.tan,
    sympy.exp: cmath.exp,
    sympy.log: cmath.log,
    sympy.Abs: lambda value: complex(abs(value)),
}


def _value(expr: sympy.Basic, point: dict[sympy.Symbol, complex], scale: list[float]) -> complex:
    """The value of expr at point, in floating point; scale[0] tracks the largest term met so
    the comparison can allow for rounding when big terms cancel."""
    if isinstance(expr, sympy.Rational):
        return complex(int(expr.p) / int(expr.q))
    if isinstance(expr, sympy.Symbol):
        if expr not in point:
            raise _NoValue
        return point[expr]
    if expr is sympy.pi:
        return complex(math.pi)
    if expr is sympy.E:
        return complex(math.e)
    if expr is sympy.I:
        return 1j
    if isinstance(expr, sympy.Add):
        value = 0j
        for arg in expr.args:
            term = _value(arg, point, scale)
            scale[0] = max(scale[0], abs(term))
            value += term
    elif isinstance(expr, sympy.Mul):
        value = 1 + 0j
        for arg in expr.args:
            value *= _value(arg, point, scale)
    elif isinstance(expr, sympy.Pow):
        base = _value(expr.base, point, scale)
        if expr.exp == _HALF:
            value = cmath.sqrt(base)
        elif isinstance(expr.exp, sympy.Integer):
            value = base ** int(expr.exp)
        else:
            value = base ** _value(expr.exp, point, scale)
    elif type(expr) in _UNARY and len(expr.args) == 1:
        value = _UNARY[type(expr)](_value(expr.args[0], point, scale))
    else:
        raise _NoValue
    if not cmath.isfinite(value):
        raise _NoValue
    return value


_SAMPLES = 6
_RELATIVE_TOLERANCE = 1e-9


def _symbols(*exprs: sympy.Expr) -> list[sympy.Symbol]:
    found = {atom for expr in exprs for atom in expr.atoms(sympy.Symbol)}
    return sorted(found, key=lambda symbol: symbol.name)


def _sample_points(symbols: list[sympy.Symbol]) -> list[dict[sympy.Symbol, complex]]:
    # A fixed seed: the same two expressions always get the same verdict. Positive reals
    # away from 0 and 1 keep roots and logs on their usual branch, as in school algebra.
    rng = random.Random(20240601)
    return [
        {symbol: complex(rng.uniform(0.55, 1.65)) for symbol in symbols} for _ in range(_SAMPLES)
    ]


def _numerically_equal(a: sympy.Expr, b: sympy.Expr) -> bool:
    for point in _sample_points(_symbols(a, b)):
        scale = [0.0]
        try:
            value_a = _value(a, point, scale)
            value_b = _value(b, point, scale)
        except (_NoValue, ArithmeticError, ValueError):
            return False
        size = max(abs(value_a), abs(value_b), scale[0])
        if abs(value_a - value_b) > _RELATIVE_TOLERANCE * size:
            return False
    return True
