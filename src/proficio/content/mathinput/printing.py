"""Printing an expression as it stands, as plain text or LaTeX."""

from __future__ import annotations

import sympy

from .parser import _HALF, _MINUS_ONE, _ONE

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
