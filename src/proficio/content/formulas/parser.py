"""Formulas read into a tree: the tokens, the tree's nodes and a Pratt parser."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from .limits import MAX_DEPTH, MAX_LITERAL_DIGITS, MAX_NODES, FormulaError, _normalise

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
