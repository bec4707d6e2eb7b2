"""The small, safe formula language of generators: `vars`, `where` and a numeric `answer`.

Formulas come from content packs, so they are untrusted text. They are read by our own
tokenizer and Pratt parser into a tiny tree and evaluated by walking it; nothing here ever
reaches eval/exec or SymPy's string parser. Every input is bounded (length, nodes, nesting,
literal size, power size) so that a hostile pack can neither hang nor crash the importer.
"""

from .formatting import format_value
from .formula import Formula, parse_formula
from .limits import FormulaError, Value

__all__ = ["Formula", "FormulaError", "Value", "format_value", "parse_formula"]
