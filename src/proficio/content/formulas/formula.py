"""A formula read once, then evaluated for every question drawn from it."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field

from .evaluation import _evaluate
from .limits import MAX_FORMULA_LENGTH, FormulaError, Value
from .parser import _Node, _Parser


@dataclass(frozen=True)
class Formula:
    """A parsed formula; `names` are the variables it reads (function names excluded)."""

    source: str
    names: frozenset[str]
    _root: _Node = field(repr=False, compare=False)

    def evaluate(self, variables: Mapping[str, Value], rng: random.Random) -> Value:
        """The formula's value; FormulaError (never another exception) when it has none."""
        return _evaluate(self._root, variables, rng)


def parse_formula(text: str) -> Formula:
    """Read a formula, or raise FormulaError saying what is wrong and where."""
    if not isinstance(text, str):
        raise FormulaError("a formula must be text")
    if len(text) > MAX_FORMULA_LENGTH:
        raise FormulaError(f"the formula is too long (at most {MAX_FORMULA_LENGTH} characters)")
    if not text.strip():
        raise FormulaError("the formula is empty")
    parser = _Parser(text)
    root = parser.parse()
    return Formula(text, frozenset(parser.names), root)
