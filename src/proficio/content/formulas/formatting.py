"""How a formula's value is shown in a question."""

from __future__ import annotations

from .limits import Value


def format_value(value: Value) -> str:
    """How a value is printed in a question: 12, 0.75, 2/3, -2.5, true."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if value.denominator == 1:
        return str(value.numerator)
    denominator = value.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1:
        # Not a terminating decimal: print the exact fraction rather than a rounded one.
        return f"{value.numerator}/{value.denominator}"
    places = max(twos, fives)
    scaled = abs(value.numerator) * 10**places // value.denominator
    whole, fraction = divmod(scaled, 10**places)
    sign = "-" if value < 0 else ""
    return f"{sign}{whole}.{str(fraction).zfill(places)}"
