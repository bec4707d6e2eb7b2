"""Reading typed math: the text made plain, tokenized, parsed, and refused when it has
no value anywhere."""

from __future__ import annotations

import sympy

from .limits import MAX_INPUT_LENGTH, MathInputError
from .parser import _Parser
from .tokens import _normalise, _tokenize
from .values import _NoValue, _sample_points, _symbols, _value


def parse_math(text: str) -> sympy.Expr:
    """Read typed math into a SymPy expression, or raise MathInputError saying why not.

    The expression is as typed (3x + 2x stays a sum of two terms); only plain numbers are
    worked out. Use `equivalent` to compare, not SymPy's simplification.
    """
    if not isinstance(text, str):
        raise MathInputError("Type your answer as text.")
    if len(text) > MAX_INPUT_LENGTH:
        raise MathInputError("Your answer is too long. Try a simpler form.")
    normalised = _normalise(text)
    if len(normalised) > 2 * MAX_INPUT_LENGTH:
        raise MathInputError("Your answer is too long. Try a simpler form.")
    expr = _Parser(_tokenize(normalised)).parse()
    _check_has_value(expr)
    return expr


def _check_has_value(expr: sympy.Expr) -> None:
    """Refuse answers with no value anywhere, like 1/(2-2·1) or log(0)."""
    if isinstance(expr, sympy.Rational):
        return
    for point in _sample_points(_symbols(expr)):
        try:
            _value(expr, point, [0.0])
            return
        except (_NoValue, OverflowError):
            # Merely too big for floating point: exact comparison may still work.
            return
        except (ArithmeticError, ValueError):
            continue
    raise MathInputError("Your answer has no value: it divides by zero or takes log(0).")
