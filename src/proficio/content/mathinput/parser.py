"""Tokens read into SymPy objects, built as typed: only plain numbers are worked out."""

from __future__ import annotations

from fractions import Fraction

import sympy

from .limits import (
    MAX_BITS,
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_LITERAL_DIGITS,
    MAX_NODES,
    MathInputError,
)
from .tokens import _CLOSING, _FUNCTIONS, _Token

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
