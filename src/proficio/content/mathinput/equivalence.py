"""Whether two expressions are the same, decided in steps whose cost is bounded."""

from __future__ import annotations

import random

import sympy
from sympy import ZZ
from sympy.polys.rings import PolyElement, ring

from .limits import MAX_BITS, MAX_POLY_WORK
from .values import _SAMPLES, _numerically_equal


class _TooBig(Exception):
    """Exact comparison would cost more than we allow; compare numerically instead."""


# (numerator, denominator): a fraction of polynomials.
_Fraction = tuple[PolyElement, PolyElement]


class _Exact:
    """Rewrites expressions as fractions of polynomials and compares them exactly.

    Every part that is not +, ×, a whole power, a letter or a number (roots, sin, log, …)
    becomes an opaque variable, identical parts sharing one; an identity that holds with
    them as free variables holds for their values too. The arithmetic is SymPy's sparse
    polynomial rings, with the work of every product counted so that none can run away.
    """

    def __init__(self, *exprs: sympy.Basic) -> None:
        self.variables: dict[sympy.Basic, int] = {}
        self.opaque = False
        for expr in exprs:
            self.collect(expr)
        count = max(1, len(self.variables))
        # Generic generator names: the ring depends only on how many there are.
        self.ring, *self.gens = ring([f"_g{index}" for index in range(count)], ZZ)
        self.work = 0

    def collect(self, expr: sympy.Basic) -> None:
        if isinstance(expr, sympy.Rational):
            return
        if isinstance(expr, sympy.Add | sympy.Mul):
            for arg in expr.args:
                self.collect(arg)
        elif isinstance(expr, sympy.Pow) and isinstance(expr.exp, sympy.Integer):
            self.collect(expr.base)
        elif expr not in self.variables:
            self.opaque = self.opaque or not isinstance(expr, sympy.Symbol)
            self.variables[expr] = len(self.variables)

    def multiply(self, a: PolyElement, b: PolyElement) -> PolyElement:
        # Pairs of terms multiplied, weighted by the size of their coefficients and of their
        # monomials (one exponent per variable).
        bits = _coefficient_bits(a) + _coefficient_bits(b)
        self.work += len(a) * len(b) * (1 + bits // 1024) * (1 + len(self.gens) // 16)
        if self.work > MAX_POLY_WORK or bits > 16 * MAX_BITS:
            raise _TooBig
        return a * b

    def power(self, base: PolyElement, exponent: int) -> PolyElement:
        result = self.ring.one
        while exponent:
            if exponent & 1:
                result = self.multiply(result, base)
            exponent >>= 1
            if exponent:
                base = self.multiply(base, base)
        return result

    def convert(self, expr: sympy.Basic) -> _Fraction:
        one = self.ring.one
        if isinstance(expr, sympy.Rational):
            # Integer coefficients, with the denominator kept apart: no gcds to compute.
            return self.ring.ground_new(ZZ(int(expr.p))), self.ring.ground_new(ZZ(int(expr.q)))
        if isinstance(expr, sympy.Add):
            numerator, denominator = self.ring.zero, one
            for arg in expr.args:
                top, bottom = self.convert(arg)
                if bottom == denominator:
                    numerator = numerator + top
                else:
                    numerator = self.multiply(numerator, bottom) + self.multiply(top, denominator)
                    denominator = self.multiply(denominator, bottom)
            return numerator, denominator
        if isinstance(expr, sympy.Mul):
            numerator, denominator = one, one
            for arg in expr.args:
                top, bottom = self.convert(arg)
                numerator = self.multiply(numerator, top)
                denominator = self.multiply(denominator, bottom)
            return numerator, denominator
        if isinstance(expr, sympy.Pow) and isinstance(expr.exp, sympy.Integer):
            top, bottom = self.convert(expr.base)
            exponent = int(expr.exp)
            if exponent < 0:
                if not top:
                    raise ZeroDivisionError
                top, bottom, exponent = bottom, top, -exponent
            return self.power(top, exponent), self.power(bottom, exponent)
        return self.gens[self.variables[expr]], one

    def same(self, a: sympy.Basic, b: sympy.Basic) -> bool:
        top_a, bottom_a = self.convert(a)
        top_b, bottom_b = self.convert(b)
        if not bottom_a or not bottom_b:
            raise ZeroDivisionError
        # a/b = c/d exactly when a·d = c·b: no common factors need cancelling.
        return bool(self.multiply(top_a, bottom_b) == self.multiply(top_b, bottom_a))


def _coefficient_bits(poly: PolyElement) -> int:
    return max((int(coefficient).bit_length() for coefficient in poly.values()), default=0)


# A prime near 2^61: arithmetic modulo it never grows, whatever the powers.
_PRIME = 2**61 - 1


def _modular_value(expr: sympy.Basic, point: dict[sympy.Basic, int]) -> int:
    """The value of a fraction of polynomials at a point, modulo _PRIME (ValueError when a
    denominator vanishes there)."""
    if isinstance(expr, sympy.Rational):
        return int(expr.p) * pow(int(expr.q), -1, _PRIME) % _PRIME
    if isinstance(expr, sympy.Add):
        return sum(_modular_value(arg, point) for arg in expr.args) % _PRIME
    if isinstance(expr, sympy.Mul):
        value = 1
        for arg in expr.args:
            value = value * _modular_value(arg, point) % _PRIME
        return value
    if isinstance(expr, sympy.Pow) and isinstance(expr.exp, sympy.Integer):
        base = _modular_value(expr.base, point)
        exponent = int(expr.exp)
        if exponent < 0:
            base, exponent = pow(base, -1, _PRIME), -exponent
        return pow(base, exponent, _PRIME)
    return point[expr]


def _same_at_points(a: sympy.Expr, b: sympy.Expr, variables: list[sympy.Basic]) -> bool:
    """Polynomial identity testing: two different fractions of polynomials agree at a random
    point modulo a 61-bit prime with odds of about degree / 2^61, and never once they
    disagree at one. Used when the polynomials are too big to expand."""
    rng = random.Random(20240602)
    agreed = 0
    for _ in range(2 * _SAMPLES):
        point = {variable: rng.randrange(1, _PRIME) for variable in variables}
        try:
            if _modular_value(a, point) != _modular_value(b, point):
                return False
        except ValueError:
            continue  # a denominator is zero at this point: try another
        agreed += 1
        if agreed == _SAMPLES:
            return True
    raise _TooBig


def equivalent(a: sympy.Expr, b: sympy.Expr) -> bool:
    """Whether a and b are the same expression (5x, 5*x, 3x+2x; x^2+2x+1, (x+1)^2).

    Polynomials and fractions of them are compared exactly. Anything with roots, sin, log, …
    that exact rewriting cannot show equal is compared at sample points where every letter
    is a positive real, so sqrt(x^2) counts as x.
    """
    try:
        if a == b:
            return True
        exact = _Exact(a, b)
        try:
            if exact.same(a, b):
                return True
            if not exact.opaque:
                return False
        except (_TooBig, ZeroDivisionError):
            # Too big to expand: compare exact values at random points instead.
            try:
                if _same_at_points(a, b, list(exact.variables)):
                    return True
                if not exact.opaque:
                    return False
            except _TooBig:
                pass
        return _numerically_equal(a, b)
    except (ArithmeticError, ValueError, TypeError, RecursionError):
        return False
