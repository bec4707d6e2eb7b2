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

from __future__ import annotations

import cmath
import math
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import sympy
from sympy import ZZ
from sympy.polys.rings import PolyElement, ring

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


# --- normalising the text -----------------------------------------------------------------

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
_SUPERSCRIPT_RUN = re.compile("[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_REPLACEMENTS = str.maketrans(
    {
        "×": "*",
        "·": "*",
        "⋅": "*",
        "∙": "*",
        "∗": "*",
        "÷": "/",
        "∕": "/",
        "⁄": "/",
        "−": "-",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "\t": " ",
        "\n": " ",
        "\r": " ",
    }
)


def _superscript(match: re.Match[str]) -> str:
    power = match.group().translate(_SUPERSCRIPTS)
    return f"^{power}" if power.isdigit() else f"^({power})"


def _normalise(text: str) -> str:
    # Superscripts first: NFKC would turn x² into x2, which reads as something else.
    text = _SUPERSCRIPT_RUN.sub(_superscript, text)
    return unicodedata.normalize("NFKC", text).translate(_REPLACEMENTS)


# --- tokens -------------------------------------------------------------------------------

_FUNCTIONS: dict[str, type[sympy.Function]] = {
    "abs": sympy.Abs,
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "ln": sympy.log,
    "log": sympy.log,
    "exp": sympy.exp,
}
# Longest first, so that a run of letters is split greedily into known names.
_KNOWN_NAMES = sorted([*_FUNCTIONS, "sqrt", "pi"], key=len, reverse=True)
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
_OPERATORS = ("**", "+", "-", "*", "/", "^", "(", ")", "[", "]", "√")
_CLOSING = {"(": ")", "[": "]"}
_CHARACTER_HINTS = {
    "=": "Type just the expression, without '='.",
    "|": "For an absolute value, write abs(x).",
    ",": "Write numbers without commas, and use a point for decimals, like 1.5.",
    "!": "Proficio can't read '!' (factorials) in an answer.",
}


@dataclass(frozen=True)
class _Token:
    kind: str  # "number", "symbol", "pi", "function", "op", "end"
    text: str


def _split_letters(word: str, followed_by_bracket: bool) -> list[_Token]:
    """`xy` is x times y, `2pir` is 2·pi·r; known names are matched first."""
    tokens: list[_Token] = []
    position = 0
    while position < len(word):
        for name in _KNOWN_NAMES:
            if word.startswith(name, position):
                kind = "pi" if name == "pi" else "function"
                tokens.append(_Token(kind, name))
                position += len(name)
                break
        else:
            tokens.append(_Token("symbol", word[position]))
            position += 1
    if followed_by_bracket and len(word) >= 3 and all(t.kind == "symbol" for t in tokens):
        # `foo(x)` is far more likely a function Proficio lacks than f·o·o·(x).
        raise MathInputError(f"Proficio doesn't know the function '{word}'.")
    return tokens


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char == " ":
            position += 1
            continue
        number = _NUMBER.match(text, position)
        if number:
            tokens.append(_Token("number", number.group()))
            position = number.end()
            continue
        if char == "π":
            tokens.append(_Token("pi", "pi"))
            position += 1
            continue
        if char.isalpha() or char == "_":
            end = position
            while (
                end < len(text) and (text[end].isalnum() or text[end] == "_") and text[end] != "π"
            ):
                end += 1
            word = text[position:end]
            if not (word.isascii() and word.isalnum()):
                raise MathInputError(f"Proficio doesn't know '{word}'.")
            if not word.isalpha():
                raise MathInputError(
                    f"'{word}' mixes letters and digits; write 2x, x*2 or x^2 instead."
                )
            followed_by_bracket = end < len(text) and text[end] in "(["
            tokens.extend(_split_letters(word, followed_by_bracket))
            position = end
            continue
        operator = next((op for op in _OPERATORS if text.startswith(op, position)), None)
        if operator is None:
            shown = char if char.isprintable() else repr(char)
            hint = _CHARACTER_HINTS.get(char, "")
            raise MathInputError(f"Proficio can't read '{shown}' in an answer. {hint}".strip())
        tokens.append(_Token("op", "^" if operator == "**" else operator))
        position += len(operator)
    tokens.append(_Token("end", ""))
    return tokens


# --- building SymPy objects ----------------------------------------------------------------

_ONE = sympy.Integer(1)
_MINUS_ONE = sympy.Integer(-1)
_HALF = sympy.Rational(1, 2)


def _bits(number: sympy.Rational) -> int:
    return max(int(number.p).bit_length(), int(number.q).bit_length())


def _fraction(number: sympy.Rational) -> Fraction:
    return Fraction(int(number.p), int(number.q))


def _rational(value: Fraction) -> sympy.Rational:
    number = sympy.Rational(value.numerator, value.denominator)
    if _bits(number) > MAX_BITS:
        raise MathInputError("A number in your answer gets too big.")
    return number


def _negate(expr: sympy.Expr) -> sympy.Expr:
    if isinstance(expr, sympy.Rational):
        return -expr
    return sympy.Mul(_MINUS_ONE, expr, evaluate=False)


class _Parser:
    """Recursive descent over the tokens, building SymPy objects as it goes.

    sum     := product (("+" | "-") product)*
    product := signed (("*" | "/") signed | implicit)*     implicit: 5x, 2(x+1), x y
    signed  := ("+" | "-") signed | power
    power   := primary ("^" signed)?                       right-associative: 2^3^2 = 2^9
    primary := number | letter | pi | function group | group | "√" power
    group   := "(" sum ")" | "[" sum "]"
    """

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0
        self.nodes = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        if token.kind != "end":
            self.index += 1
        return token

    def at(self, *texts: str) -> bool:
        return self.current.kind == "op" and self.current.text in texts

    def count(self) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise MathInputError("Your answer is too long. Try a simpler form.")

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise MathInputError("Your answer has too many brackets or signs inside each other.")

    def parse(self) -> sympy.Expr:
        if self.current.kind == "end":
            raise MathInputError("Type an answer.")
        expr = self.sum()
        token = self.current
        if token.kind != "end":
            if token.text in (")", "]"):
                raise MathInputError(f"There's a '{token.text}' without a matching opening one.")
            raise MathInputError(f"Proficio didn't expect '{token.text}' there.")
        return expr

    def sum(self) -> sympy.Expr:
        terms = [self.product()]
        while self.at("+", "-"):
            op = self.advance().text
            self.count()
            term = self.product()
            terms.append(_negate(term) if op == "-" else term)
        if len(terms) == 1:
            return terms[0]
        if all(isinstance(term, sympy.Rational) for term in terms):
            return _rational(sum((_fraction(term) for term in terms), Fraction(0)))
        return sympy.Add(*terms, evaluate=False)

    def starts_factor(self) -> bool:
        token = self.current
        return token.kind in ("symbol", "pi", "function") or self.at("(", "[", "√")

    def product(self) -> sympy.Expr:
        factors = [self.signed()]
        divisors: set[int] = set()  # positions of numbers we divide by
        while True:
            if self.at("*", "/"):
                op = self.advance().text
                self.count()
                factor = self.signed()
                if op == "/":
                    if isinstance(factor, sympy.Rational):
                        if factor == 0:
                            raise MathInputError("You can't divide by zero.")
                        divisors.add(len(factors))
                    else:
                        factor = self.power_of(factor, _MINUS_ONE)
                factors.append(factor)
            elif self.starts_factor():
                self.count()
                factors.append(self.power())
            elif self.current.kind == "number":
                shown = self.tokens[self.index - 1].text
                raise MathInputError(
                    f"A number comes right after '{shown}'. Put an operator between them, "
                    "like '*' or '^'."
                )
            else:
                break
        if len(factors) == 1:
            return factors[0]
        if all(isinstance(factor, sympy.Rational) for factor in factors):
            value = Fraction(1)
            for position, factor in enumerate(factors):
                number = _fraction(factor)
                value = value / number if position in divisors else value * number
            return _rational(value)
        # A leading run of numbers is worked out (6/3x is 2x); the rest is kept as typed, so
        # x/2 still shows as x/2.
        lead = 0
        while isinstance(factors[lead], sympy.Rational):  # stops: not all are numbers
            lead += 1
        kept: list[sympy.Expr] = []
        if lead > 1:
            value = Fraction(1)
            for position, factor in enumerate(factors[:lead]):
                number = _fraction(factor)
                value = value / number if position in divisors else value * number
            kept.append(_rational(value))
        for position in range(len(kept) and lead, len(factors)):
            factor = factors[position]
            kept.append(
                sympy.Pow(factor, _MINUS_ONE, evaluate=False) if position in divisors else factor
            )
        return kept[0] if len(kept) == 1 else sympy.Mul(*kept, evaluate=False)

    def signed(self) -> sympy.Expr:
        if self.at("+", "-"):
            op = self.advance().text
            self.count()
            self.enter()
            operand = self.signed()
            self.depth -= 1
            return _negate(operand) if op == "-" else operand
        return self.power()

    def power(self) -> sympy.Expr:
        base = self.primary()
        if not self.at("^"):
            return base
        self.advance()
        self.count()
        self.enter()
        exponent = self.signed()
        self.depth -= 1
        return self.power_of(base, exponent)

    def power_of(self, base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
        if isinstance(exponent, sympy.Rational):
            if abs(exponent) > MAX_EXPONENT:
                raise MathInputError(
                    f"That power is too big; keep exponents between -{MAX_EXPONENT} "
                    f"and {MAX_EXPONENT}."
                )
            if isinstance(base, sympy.Rational):
                if base == 0 and exponent < 0:
                    raise MathInputError("You can't divide by zero.")
                if isinstance(exponent, sympy.Integer):
                    # Check the size first, so 9^99 is refused instead of computed.
                    if (_bits(base) - 1) * abs(int(exponent)) > MAX_BITS:
                        raise MathInputError("That power makes a number that is too big.")
                    return _rational(_fraction(base) ** int(exponent))
        return sympy.Pow(base, exponent, evaluate=False)

    def primary(self) -> sympy.Expr:
        token = self.advance()
        self.count()
        if token.kind == "number":
            return self.number(token.text)
        if token.kind == "symbol":
            return sympy.Symbol(token.text)
        if token.kind == "pi":
            return sympy.pi
        if token.kind == "function":
            if not self.at("(", "["):
                raise MathInputError(f"Put brackets after {token.text}, like {token.text}(2).")
            argument = self.group()
            if token.text == "sqrt":
                return sympy.Pow(argument, _HALF, evaluate=False)
            return _FUNCTIONS[token.text](argument, evaluate=False)
        if token.kind == "op":
            if token.text in _CLOSING:
                self.index -= 1
                return self.group()
            if token.text == "√":
                self.enter()
                argument = self.power()
                self.depth -= 1
                return sympy.Pow(argument, _HALF, evaluate=False)
        raise self.unexpected(token)

    def group(self) -> sympy.Expr:
        opening = self.advance().text
        self.enter()
        if self.at(")", "]"):
            raise MathInputError(f"There's nothing inside '{opening}{self.current.text}'.")
        inside = self.sum()
        self.depth -= 1
        closing = self.current
        if closing.kind == "end":
            raise MathInputError(f"A '{opening}' is never closed — add a '{_CLOSING[opening]}'.")
        if not self.at(")", "]"):
            raise MathInputError(f"Proficio didn't expect '{closing.text}' there.")
        if closing.text != _CLOSING[opening]:
            raise MathInputError(f"A '{opening}' is closed with '{closing.text}'.")
        self.advance()
        return inside

    def unexpected(self, token: _Token) -> MathInputError:
        # advance() stays on the end token, so the token before it sits one place closer.
        back = 1 if token.kind == "end" else 2
        before = self.tokens[self.index - back].text if self.index >= back else ""
        if token.kind == "end":
            if before:
                return MathInputError(
                    f"Your answer ends with '{before}' — something is missing after it."
                )
            return MathInputError("Type an answer.")
        if not before:
            return MathInputError(f"Your answer can't start with '{token.text}'.")
        if token.text in (")", "]"):
            return MathInputError(f"Something is missing before '{token.text}'.")
        return MathInputError(f"'{token.text}' can't come right after '{before}'.")

    def number(self, text: str) -> sympy.Expr:
        whole, _, decimals = text.partition(".")
        if len((whole + decimals).lstrip("0")) > MAX_LITERAL_DIGITS:
            raise MathInputError(f"That number is too long (at most {MAX_LITERAL_DIGITS} digits).")
        # Decimals are exact: 0.1 is 1/10.
        scale = 10 ** len(decimals)
        return _rational(Fraction(int(whole or "0") * scale + int(decimals or "0"), scale))


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


# --- numeric values -------------------------------------------------------------------------


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


# --- equivalence ----------------------------------------------------------------------------


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


# --- printing -------------------------------------------------------------------------------

_ADD, _MUL, _POW, _ATOM = 1, 2, 3, 4
_TEXT_NAMES = {sympy.log: "ln", sympy.Abs: "abs"}
_LATEX_NAMES = {sympy.sin: r"\sin", sympy.cos: r"\cos", sympy.tan: r"\tan", sympy.log: r"\ln"}


def _is_negative(expr: sympy.Basic) -> bool:
    if isinstance(expr, sympy.Rational):
        return bool(expr < 0)
    return isinstance(expr, sympy.Mul) and bool(expr.args) and expr.args[0] == _MINUS_ONE


def _without_sign(expr: sympy.Basic) -> sympy.Basic:
    if isinstance(expr, sympy.Rational):
        return -expr
    rest = expr.args[1:]
    return rest[0] if len(rest) == 1 else sympy.Mul(*rest, evaluate=False)


class _Printer:
    """Prints the tree as it stands, without asking SymPy to rebuild any part of it."""

    latex = False

    def __call__(self, expr: sympy.Basic) -> str:
        return self.show(expr)[0]

    def wrap(self, expr: sympy.Basic, level: int) -> str:
        text, own = self.show(expr)
        return text if own > level else self.brackets(text)

    def brackets(self, text: str) -> str:
        return rf"\left({text}\right)" if self.latex else f"({text})"

    def show(self, expr: sympy.Basic) -> tuple[str, int]:
        """The text and how tightly it binds (_ADD loosest)."""
        if isinstance(expr, sympy.Rational):
            return self.number(expr)
        if isinstance(expr, sympy.Symbol):
            return expr.name, _ATOM
        if expr is sympy.pi:
            return (r"\pi" if self.latex else "pi"), _ATOM
        if isinstance(expr, sympy.Add):
            parts = [self.wrap(expr.args[0], _ADD - 1)]
            for arg in expr.args[1:]:
                if _is_negative(arg):
                    parts.append(f"- {self.wrap(_without_sign(arg), _ADD)}")
                else:
                    parts.append(f"+ {self.wrap(arg, _ADD)}")
            return " ".join(parts), _ADD
        if _is_negative(expr):
            return f"-{self.wrap(_without_sign(expr), _MUL)}", _MUL
        if isinstance(expr, sympy.Mul):
            return self.product(list(expr.args)), _MUL
        if isinstance(expr, sympy.Pow):
            return self.power(expr)
        if isinstance(expr, sympy.Function) and len(expr.args) == 1:
            return self.function(expr), _ATOM
        # Not something parse_math makes (a caller's own expression): SymPy's printer.
        return (sympy.latex(expr) if self.latex else sympy.sstr(expr)), _ADD

    def number(self, number: sympy.Rational) -> tuple[str, int]:
        if number.q == 1:
            # -2 may lead a product (-2*x) but needs brackets after one (x*(-2)) or in a power.
            return str(number.p), (_ATOM if number >= 0 else _MUL)
        if self.latex:
            sign = "-" if number < 0 else ""
            return rf"{sign}\frac{{{abs(int(number.p))}}}{{{number.q}}}", _MUL
        return f"{number.p}/{number.q}", _MUL

    def product(self, factors: list[sympy.Basic]) -> str:
        if not self.latex:
            text = self.wrap(factors[0], _MUL - 1)
            for factor in factors[1:]:
                if isinstance(factor, sympy.Pow) and factor.exp == _MINUS_ONE:
                    text += f"/{self.wrap(factor.base, _MUL)}"
                else:
                    text += f"*{self.wrap(factor, _MUL)}"
            return text
        top = [f for f in factors if not (isinstance(f, sympy.Pow) and f.exp == _MINUS_ONE)]
        bottom = [f.base for f in factors if isinstance(f, sympy.Pow) and f.exp == _MINUS_ONE]
        top = [factor for factor in top if factor != _ONE] or [_ONE]
        if not bottom:
            return self.juxtapose(top)
        # Inside \frac a lone factor needs no brackets.
        numerator = self(top[0]) if len(top) == 1 else self.juxtapose(top)
        denominator = self(bottom[0]) if len(bottom) == 1 else self.juxtapose(bottom)
        return rf"\frac{{{numerator}}}{{{denominator}}}"

    def juxtapose(self, factors: list[sympy.Basic]) -> str:
        texts = [self.wrap(factors[0], _MUL - 1)]
        texts += [self.wrap(factor, _MUL) for factor in factors[1:]]
        text = texts[0]
        for current in texts[1:]:
            # x·2 and 2·3 need a dot; 2x and x y read fine side by side.
            joiner = r" \cdot " if current[:1].isdigit() else " "
            text += joiner + current
        return text

    def power(self, expr: sympy.Pow) -> tuple[str, int]:
        base, exponent = expr.args
        if exponent == _HALF:
            inner = self(base)
            return (rf"\sqrt{{{inner}}}" if self.latex else f"sqrt({inner})"), _ATOM
        if exponent == _MINUS_ONE:
            if self.latex:
                return rf"\frac{{1}}{{{self(base)}}}", _MUL
            return f"1/{self.wrap(base, _MUL)}", _MUL
        shown_base = self.wrap(base, _POW)
        if self.latex:
            return f"{shown_base}^{{{self(exponent)}}}", _POW
        return f"{shown_base}^{self.wrap(exponent, _POW)}", _POW

    def function(self, expr: sympy.Basic) -> str:
        kind = type(expr)
        inner = self(expr.args[0])
        if not self.latex:
            return f"{_TEXT_NAMES.get(kind, kind.__name__)}({inner})"
        if kind is sympy.Abs:
            return rf"\left|{inner}\right|"
        if kind is sympy.exp:
            return f"e^{{{inner}}}"
        name = _LATEX_NAMES.get(kind, rf"\operatorname{{{kind.__name__}}}")
        return rf"{name}\left({inner}\right)"


class _LatexPrinter(_Printer):
    latex = True


def describe(expr: sympy.Expr) -> str:
    """How an input was read, as plain text for a live preview: 5*x, x^2 + 2*x + 1."""
    return _Printer()(expr)


def to_latex(expr: sympy.Expr) -> str:
    """The expression as LaTeX, as it was typed: 5 x, \\frac{1}{2}, \\sqrt{8}."""
    return _LatexPrinter()(expr)
