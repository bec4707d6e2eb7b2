"""Markdown with LaTeX math → sanitised HTML with MathML.

Math is converted on the server, so it shows in any current browser without JavaScript.
Authored HTML is escaped by the Markdown parser, and the final HTML goes through an
allow-list sanitiser: latex2mathml copies `\\text{…}` verbatim, so its output is not trusted.
"""

import re
from functools import lru_cache

import nh3
from latex2mathml.converter import convert as latex_to_mathml
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

_MATHML_TAGS = {
    "math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace",
    "mfrac", "msqrt", "mroot", "msup", "msub", "msubsup", "munder", "mover", "munderover",
    "mtable", "mtr", "mtd", "mstyle", "mpadded", "mphantom", "menclose", "merror",
}  # fmt: skip
_HTML_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "span",
    "div", "img", "del", "sup", "sub",
}  # fmt: skip
_MATHML_ATTRIBUTES = {
    "display", "xmlns", "mathvariant", "stretchy", "fence", "separator", "lspace", "rspace",
    "accent", "accentunder", "columnalign", "columnspacing", "rowspacing", "linethickness",
    "minsize", "maxsize", "movablelimits", "symmetric", "width", "height", "depth",
    "scriptlevel", "displaystyle", "notation", "form", "largeop", "encoding", "align",
}  # fmt: skip
_ATTRIBUTES = {
    **{tag: _MATHML_ATTRIBUTES for tag in _MATHML_TAGS},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "span": {"class"},
    "div": {"class"},
    "code": {"class"},
    "th": {"align"},
    "td": {"align"},
}
_UNKNOWN_COMMAND = re.compile(r">(\\[A-Za-z]+)<")


class MathError(ValueError):
    """A piece of LaTeX that cannot be turned into MathML."""


@lru_cache(maxsize=16384)
def _to_mathml(latex: str, display: bool) -> str:
    try:
        mathml = latex_to_mathml(latex, display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises bare Exception subclasses
        raise MathError(f"cannot read the math ${latex}$ ({type(error).__name__})") from error
    if unknown := _UNKNOWN_COMMAND.search(mathml):
        raise MathError(f"unknown LaTeX command {unknown.group(1)} in ${latex}$")
    return mathml


def _render_math_or_show_source(latex: str, options: dict[str, object]) -> str:
    display = bool(options.get("display_mode"))
    try:
        return _to_mathml(latex, display)
    except MathError:
        # A page must still render; the checker reports the broken math to the author.
        return f'<code class="math-error">{nh3.clean_text(latex)}</code>'


_markdown = (
    MarkdownIt("commonmark", {"html": False, "typographer": False})
    .enable("table")
    .enable("strikethrough")
    .use(dollarmath_plugin, renderer=_render_math_or_show_source, double_inline=True)
)


def _sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=_HTML_TAGS | _MATHML_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


@lru_cache(maxsize=16384)
def render_markdown(text: str) -> str:
    """Block-level HTML (paragraphs, lists, math) for articles, explanations and hints."""
    return _sanitise(_markdown.render(text))


@lru_cache(maxsize=16384)
def render_inline(text: str) -> str:
    """HTML without the wrapping paragraph, for prompts of one line and choices."""
    return _sanitise(_markdown.renderInline(text))


def math_problems(text: str) -> list[str]:
    """Every piece of math in `text` that does not convert, for the pack checker."""
    if "$" not in text:
        return []
    problems = []
    for token in _markdown.parse(text):
        for child in [token, *(token.children or [])]:
            if child.type in {"math_inline", "math_block", "math_inline_double"}:
                try:
                    _to_mathml(child.content, display=child.type != "math_inline")
                except MathError as error:
                    problems.append(str(error))
    return problems
