"""Math that learners (and authors) type, read into SymPy without SymPy's string parser.

`parse_math` runs our own tokenizer and recursive-descent parser and builds SymPy objects
directly, so nothing typed ever reaches eval/exec/sympify. Exact arithmetic on plain numbers
is done as we go (2/4 is 1/2); everything else is built *unevaluated*, as typed: SymPy's
automatic simplification has slow paths (powers of powers, abs, trig of big sums) that a
hostile 200-part input can hit for seconds. `equivalent` therefore decides sameness with
steps whose cost we bound: exact comparison as fractions of polynomials (SymPy's sparse
polynomial rings, with a work budget), exact values at random points modulo a prime when
those get too big, and finally values at fixed sample points computed by our own evaluator.
The printers are our own for the same reason: SymPy's printers rebuild parts of the
expression, with the same slow paths.
"""

from .equivalence import equivalent
from .limits import MathInputError
from .printing import describe, to_latex
from .reading import parse_math

__all__ = ["MathInputError", "describe", "equivalent", "parse_math", "to_latex"]
