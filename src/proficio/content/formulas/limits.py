"""What a formula's values are, how large a formula and its values may grow, and the error
when one cannot be read or evaluated."""

from __future__ import annotations

from fractions import Fraction

Value = int | Fraction | bool

MAX_FORMULA_LENGTH = 500
MAX_NODES = 500
MAX_DEPTH = 50
MAX_LITERAL_DIGITS = 30
MAX_EXPONENT = 100
# Any exact value larger than this (numerator or denominator) is refused: it keeps every
# operation fast and no sensible exercise needs numbers with more than ~600 digits.
MAX_BITS = 2048
MAX_ROUND_DIGITS = 30


class FormulaError(ValueError):
    """A formula that cannot be read or evaluated; the message is a sentence for an author."""


def _normalise(value: int | Fraction) -> int | Fraction:
    if isinstance(value, Fraction):
        if value.denominator == 1:
            value = value.numerator
        elif max(value.numerator.bit_length(), value.denominator.bit_length()) > MAX_BITS:
            raise FormulaError("a value got too large (more than about 600 digits)")
    if isinstance(value, int) and value.bit_length() > MAX_BITS:
        raise FormulaError("a value got too large (more than about 600 digits)")
    return value
