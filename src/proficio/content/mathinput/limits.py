"""How much typed math Proficio reads, and the error when it cannot read it."""

MAX_INPUT_LENGTH = 1000
MAX_NODES = 200
MAX_DEPTH = 50
MAX_LITERAL_DIGITS = 30
MAX_EXPONENT = 100
# Exact numbers bigger than this are refused; no answer a learner types needs them.
MAX_BITS = 1024
# Exact comparison in `equivalent` gives up (and compares values instead) once its
# polynomial products have multiplied this many pairs of terms.
MAX_POLY_WORK = 10_000


class MathInputError(ValueError):
    """Math that cannot be read; the message is a sentence a learner can act on."""
