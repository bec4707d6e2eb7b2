"""The small, safe formula language of generators: `vars`, `where` and a numeric `answer`.

Formulas come from content packs, so they are untrusted text. They are read by our own
tokenizer and Pratt parser into a tiny tree and evaluated by walking it; nothing here ever
reaches eval/exec or SymPy's string parser. Every input is bounded (length, nodes, nesting,
literal size, power size) so that a hostile pack can neither hang nor crash the importer.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from math import gcd

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


# --- tokens -----------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<space>[ \t\r\n]+)
    | (?P<number>[0-9]+(?:\.[0-9]*)? | \.[0-9]+)
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<op>\*\*|//|==|!=|<=|>=|[-+*/%^<>(),])
    """,
    re.VERBOSE,
)
_KEYWORDS = frozenset({"and", "or", "not"})
_COMPARISONS = frozenset({"==", "!=", "<", "<=", ">", ">="})


@dataclass(frozen=True)
class _Token:
    kind: str  # "number", "name", "op", "end"
    text: str
    column: int  # 1-based, for messages


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            char = text[position]
            hint = " (strings are not allowed)" if char in "'\"" else ""
            if char == "=":
                hint = " (use '==' to compare)"
            raise FormulaError(f"unexpected {char!r} at column {position + 1}{hint}")
        kind = match.lastgroup
        assert kind is not None
        if kind != "space":
            token_kind = "op" if kind == "name" and match.group() in _KEYWORDS else kind
            tokens.append(_Token(token_kind, match.group(), position + 1))
        position = match.end()
    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


# --- tree -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Number:
    value: int | Fraction


@dataclass(frozen=True)
class _Name:
    name: str


@dataclass(frozen=True)
class _Unary:
    op: str  # "-", "+", "not"
    operand: _Node


@dataclass(frozen=True)
class _Chain:
    """A left-associative run `first op x op y …`, kept flat so evaluation needs no deep
    recursion for long sums; comparisons use it too, with Python's chaining meaning."""

    first: _Node
    rest: tuple[tuple[str, _Node], ...]


@dataclass(frozen=True)
class _Power:
    base: _Node
    exponent: _Node


@dataclass(frozen=True)
class _Logic:
    op: str  # "and", "or"
    operands: tuple[_Node, ...]


@dataclass(frozen=True)
class _Call:
    function: str
    args: tuple[_Node, ...]


_Node = _Number | _Name | _Unary | _Chain | _Power | _Logic | _Call

# name → (fewest arguments, most arguments or None for no limit)
_FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "randint": (2, 2),
    "choice": (1, None),
    "round": (1, 2),
    "abs": (1, 1),
    "min": (1, None),
    "max": (1, None),
    "gcd": (2, None),
}

# Binding powers, loosest first, as in Python.
_BP_OR = 1
_BP_AND = 2
_BP_NOT = 3
_BP_COMPARE = 4
_BP_ADD = 5
_BP_MUL = 6
_BP_UNARY = 7
_BP_POWER = 8

_INFIX: dict[str, int] = {
    "or": _BP_OR,
    "and": _BP_AND,
    **dict.fromkeys(_COMPARISONS, _BP_COMPARE),
    "+": _BP_ADD,
    "-": _BP_ADD,
    "*": _BP_MUL,
    "/": _BP_MUL,
    "//": _BP_MUL,
    "%": _BP_MUL,
    "**": _BP_POWER,
    "^": _BP_POWER,
}


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokenize(text)
        self.index = 0
        self.depth = 0
        self.nodes = 0
        self.names: set[str] = set()

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        if token.kind != "end":
            self.index += 1
        return token

    def error(self, token: _Token, expected: str = "") -> FormulaError:
        if token.kind == "end":
            message = "the formula ends too early"
        else:
            message = f"unexpected {token.text!r} at column {token.column}"
        return FormulaError(f"{message}; expected {expected}" if expected else message)

    def count(self) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise FormulaError(f"the formula is too long (more than {MAX_NODES} parts)")

    def expect(self, text: str) -> _Token:
        if self.current.text != text or self.current.kind != "op":
            raise self.error(self.current, repr(text))
        return self.advance()

    def parse(self) -> _Node:
        node = self.expression(0)
        if self.current.kind != "end":
            token = self.current
            if token.kind in ("number", "name") or token.text == "(":
                raise FormulaError(
                    f"unexpected {token.text!r} at column {token.column}; "
                    "an operator is missing before it (write '2*a', not '2a')"
                )
            raise self.error(token)
        return node

    def nested(self, min_bp: int) -> _Node:
        # Every recursive entry counts towards the depth bound, so '((((…' or '----…' or
        # '2^2^2^…' stop early with a clear message instead of exhausting Python's stack.
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FormulaError(f"the formula is nested too deeply (more than {MAX_DEPTH} levels)")
        try:
            return self.expression(min_bp)
        finally:
            self.depth -= 1

    def expression(self, min_bp: int) -> _Node:
        left = self.prefix()
        while True:
            token = self.current
            bp = _INFIX.get(token.text) if token.kind == "op" else None
            if bp is None or bp < min_bp:
                return left
            self.count()
            if token.text in ("or", "and"):
                operands = [left]
                while self.current.kind == "op" and self.current.text == token.text:
                    self.advance()
                    operands.append(self.nested(bp + 1))
                left = _Logic(token.text, tuple(operands))
            elif token.text in _COMPARISONS:
                rest: list[tuple[str, _Node]] = []
                while self.current.kind == "op" and self.current.text in _COMPARISONS:
                    op = self.advance().text
                    rest.append((op, self.nested(bp + 1)))
                left = _Chain(left, tuple(rest))
            elif bp == _BP_POWER:
                self.advance()
                # Right-associative, and the exponent may carry a sign: 2^-1, 2^3^2 = 2^9.
                left = _Power(left, self.nested(_BP_UNARY))
            else:
                # `(a+b)+c` is the same as `a+b+c`, so extending an existing run is safe.
                op = self.advance().text
                right = self.nested(bp + 1)
                if isinstance(left, _Chain) and _INFIX[left.rest[0][0]] == bp:
                    left = _Chain(left.first, (*left.rest, (op, right)))
                else:
                    left = _Chain(left, ((op, right),))

    def prefix(self) -> _Node:
        token = self.advance()
        self.count()
        if token.kind == "number":
            return _Number(_literal(token))
        if token.kind == "name":
            return self.name_or_call(token)
        if token.kind == "op":
            if token.text == "(":
                node = self.nested(0)
                self.expect(")")
                return node
            if token.text in ("-", "+"):
                # Like Python: -2**2 is -(2**2), and -a*b is (-a)*b.
                return _Unary(token.text, self.nested(_BP_UNARY))
            if token.text == "not":
                return _Unary("not", self.nested(_BP_NOT))
        raise self.error(token, "a number, a variable or '('")

    def name_or_call(self, token: _Token) -> _Node:
        name = token.text
        is_call = self.current.kind == "op" and self.current.text == "("
        if not is_call:
            if name in _FUNCTIONS:
                raise FormulaError(
                    f"'{name}' is a function; call it with brackets, like {name}(…), "
                    f"at column {token.column}"
                )
            self.names.add(name)
            return _Name(name)
        if name not in _FUNCTIONS:
            raise FormulaError(f"unknown function '{name}' at column {token.column}")
        self.advance()
        args: list[_Node] = []
        if not (self.current.kind == "op" and self.current.text == ")"):
            args.append(self.nested(0))
            while self.current.kind == "op" and self.current.text == ",":
                self.advance()
                args.append(self.nested(0))
        self.expect(")")
        fewest, most = _FUNCTIONS[name]
        if len(args) < fewest or (most is not None and len(args) > most):
            if most == fewest:
                wanted = f"exactly {fewest}"
            elif most is None:
                wanted = f"at least {fewest}"
            else:
                wanted = f"{fewest} or {most}"
            plural = "" if wanted == "exactly 1" else "s"
            raise FormulaError(
                f"{name}() takes {wanted} argument{plural}, not {len(args)} (column {token.column})"
            )
        return _Call(name, tuple(args))


def _literal(token: _Token) -> int | Fraction:
    digits = token.text.replace(".", "")
    if len(digits.lstrip("0")) > MAX_LITERAL_DIGITS:
        raise FormulaError(
            f"the number at column {token.column} is too long (at most {MAX_LITERAL_DIGITS} digits)"
        )
    if "." not in token.text:
        return int(token.text)
    whole, _, decimals = token.text.partition(".")
    # Decimals are exact: 0.1 is 1/10, never a binary float.
    return _normalise(
        Fraction(
            int(whole or "0") * 10 ** len(decimals) + int(decimals or "0"), 10 ** len(decimals)
        )
    )


# --- evaluation -------------------------------------------------------------------------


def _normalise(value: int | Fraction) -> int | Fraction:
    if isinstance(value, Fraction):
        if value.denominator == 1:
            value = value.numerator
        elif max(value.numerator.bit_length(), value.denominator.bit_length()) > MAX_BITS:
            raise FormulaError("a value got too large (more than about 600 digits)")
    if isinstance(value, int) and value.bit_length() > MAX_BITS:
        raise FormulaError("a value got too large (more than about 600 digits)")
    return value


def _show(value: Value) -> str:
    return format_value(value)


def _number(value: Value, what: str) -> int | Fraction:
    if isinstance(value, bool):
        raise FormulaError(f"{what} needs a number, not {_show(value)}")
    return value


def _integer(value: Value, what: str) -> int:
    number = _number(value, what)
    if isinstance(number, Fraction):
        raise FormulaError(f"{what} needs whole numbers, not {_show(number)}")
    return number


def _power(base: int | Fraction, exponent: int | Fraction) -> int | Fraction:
    if isinstance(exponent, Fraction):
        raise FormulaError(f"powers need a whole-number exponent, not {_show(exponent)}")
    if abs(exponent) > MAX_EXPONENT:
        raise FormulaError(f"the exponent {exponent} is too large (at most {MAX_EXPONENT})")
    if base == 0 and exponent < 0:
        raise FormulaError("division by zero (0 to a negative power)")
    fraction = Fraction(base)
    size = max(fraction.numerator.bit_length(), fraction.denominator.bit_length())
    # Check the size before computing, so 9^9^9 is refused instantly rather than computed.
    if (size - 1) * abs(exponent) > MAX_BITS:
        raise FormulaError("a power got too large (more than about 600 digits)")
    return _normalise(fraction**exponent)


def _arithmetic(op: str, left: Value, right: Value) -> int | Fraction:
    a = _number(left, f"'{op}'")
    b = _number(right, f"'{op}'")
    if op == "+":
        return _normalise(a + b)
    if op == "-":
        return _normalise(a - b)
    if op == "*":
        return _normalise(a * b)
    if b == 0:
        raise FormulaError(f"division by zero ('{op}' by 0)")
    if op == "/":
        return _normalise(Fraction(a) / b)
    if op == "//":
        return _normalise(a // b)
    return _normalise(a % b)


def _compare(op: str, left: Value, right: Value) -> bool:
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    a = _number(left, f"'{op}'")
    b = _number(right, f"'{op}'")
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    return a >= b


def _round(value: int | Fraction, digits: int) -> int | Fraction:
    if abs(digits) > MAX_ROUND_DIGITS:
        raise FormulaError(f"round() takes at most {MAX_ROUND_DIGITS} digits")
    scale = Fraction(10) ** digits
    scaled = abs(Fraction(value)) * scale
    # Half away from zero, as taught in school (Python's round() rounds half to even).
    rounded = int(scaled + Fraction(1, 2))
    if value < 0:
        rounded = -rounded
    return _normalise(rounded / scale)


def _call(name: str, args: list[Value], rng: random.Random) -> Value:
    if name == "choice":
        return rng.choice(args)
    if name == "randint":
        lo = _integer(args[0], "randint()")
        hi = _integer(args[1], "randint()")
        if lo > hi:
            raise FormulaError(f"randint({lo}, {hi}) is empty: the low end is above the high end")
        return rng.randint(lo, hi)
    if name == "gcd":
        return gcd(*(_integer(arg, "gcd()") for arg in args))
    numbers = [_number(arg, f"{name}()") for arg in args]
    if name == "abs":
        return -numbers[0] if numbers[0] < 0 else numbers[0]
    if name == "min":
        return min(numbers)
    if name == "max":
        return max(numbers)
    # round
    if len(numbers) == 1:
        return _round(numbers[0], 0)
    return _round(numbers[0], _integer(numbers[1], "round()'s digits"))


def _evaluate(node: _Node, variables: Mapping[str, Value], rng: random.Random) -> Value:
    if isinstance(node, _Number):
        return node.value
    if isinstance(node, _Name):
        if node.name not in variables:
            raise FormulaError(f"unknown variable '{node.name}'")
        value = variables[node.name]
        if isinstance(value, bool):
            return value
        if not isinstance(value, int | Fraction):
            raise FormulaError(f"variable '{node.name}' is not a number")
        return _normalise(value)
    if isinstance(node, _Unary):
        inner = _evaluate(node.operand, variables, rng)
        if node.op == "not":
            return not inner
        number = _number(inner, f"unary '{node.op}'")
        return -number if node.op == "-" else number
    if isinstance(node, _Power):
        base = _number(_evaluate(node.base, variables, rng), "a power")
        exponent = _number(_evaluate(node.exponent, variables, rng), "a power")
        return _power(base, exponent)
    if isinstance(node, _Logic):
        # Short-circuit, so `b != 0 and a / b > 1` is safe; the result is always a bool so
        # that `where` gives True or False.
        want = node.op == "or"
        for operand in node.operands:
            if bool(_evaluate(operand, variables, rng)) is want:
                return want
        return not want
    if isinstance(node, _Chain):
        left = _evaluate(node.first, variables, rng)
        if node.rest[0][0] in _COMPARISONS:
            # Python's chaining: 1 < a < 5 is 1 < a and a < 5, each operand evaluated once.
            for op, operand in node.rest:
                right = _evaluate(operand, variables, rng)
                if not _compare(op, left, right):
                    return False
                left = right
            return True
        for op, operand in node.rest:
            left = _arithmetic(op, left, _evaluate(operand, variables, rng))
        return left
    # Arguments are evaluated left to right, always all of them, so the random stream is
    # consumed the same way every time.
    args = [_evaluate(arg, variables, rng) for arg in node.args]
    return _call(node.function, args, rng)


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
