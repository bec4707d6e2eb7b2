"""Questions: fixed or generated from a seed, checked on the server, shown without answers.

A skill's question bank is stored as JSON (see `packs/exercises.py` for its shape). A
question is named by its *item*: `"<exercise>#<n>"` for the n-th fixed question and
`"<exercise>~<generator n>:<seed>"` for a generated one (both 1-based), so a task can store
which questions it holds and rebuild them exactly.
"""

import random
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

from .checking import (
    Verdict,
    check_choice,
    check_expression,
    check_numeric,
    check_text,
    parse_number,
)
from .formulas import Formula, FormulaError, Value, format_value, parse_formula
from .markdown import render_inline, render_markdown
from .mathinput import MathInputError, parse_math

# How many times a generator may draw its variables before giving up on its `where`.
MAX_DRAWS = 1000
# The processor time one generated question may take, drawing and checking included: a pack
# whose generator takes longer is refused by `proficio check` (docs/content-packs.md).
QUESTION_BUDGET_SECONDS = 0.05
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_ITEM = re.compile(
    r"^(?P<skill>[a-z0-9][a-z0-9-]*)(?:#(?P<n>\d{1,6})|~(?P<g>\d{1,4}):(?P<seed>\d{1,20}))$"
)


class UnknownQuestion(LookupError):
    """An item that names no question of this bank."""


class GeneratorError(ValueError):
    """A generator could not make a question (its `where` never held, a formula failed)."""


class GeneratorTooSlow(GeneratorError):
    """A generator went past its time budget while drawing its variables."""


@dataclass(frozen=True)
class Question:
    item: str
    skill: str
    type: str
    prompt: str
    choices: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    explanation: str | None = None
    correct_choices: tuple[int, ...] = ()
    numeric_answer: Fraction | None = None
    tolerance: Fraction = Fraction(0)
    expression_answer: str | None = None
    text_answers: tuple[str, ...] = ()

    def check(self, response: object) -> Verdict:
        """Right, wrong, or unreadable (with what was expected); never raises on bad input."""
        if self.type == "choice":
            return check_choice(self.correct_choices, len(self.choices), response)
        if self.type == "numeric":
            assert self.numeric_answer is not None
            return check_numeric(self.numeric_answer, self.tolerance, response)
        if self.type == "expression":
            assert self.expression_answer is not None
            return check_expression(_parsed_math(self.expression_answer), response)
        return check_text(self.text_answers, response)

    @property
    def answer_text(self) -> str:
        """The right answer as a learner would type it (for reviews after answering)."""
        if self.type == "choice":
            return ", ".join(self.choices[index] for index in self.correct_choices)
        if self.type == "numeric":
            assert self.numeric_answer is not None
            return format_value(self.numeric_answer)
        if self.type == "expression":
            return self.expression_answer or ""
        return self.text_answers[0]

    def public_view(self) -> dict[str, Any]:
        """What a learner may see before answering: never the answer."""
        view: dict[str, Any] = {
            "item": self.item,
            "skill": self.skill,
            "type": self.type,
            "prompt_html": render_markdown(self.prompt),
            "hint_count": len(self.hints),
        }
        if self.type == "choice":
            view["choices_html"] = [render_inline(choice) for choice in self.choices]
            view["multiple"] = len(self.correct_choices) > 1
        return view

    def hint_html(self, index: int) -> str:
        return render_markdown(self.hints[index])

    @property
    def explanation_html(self) -> str | None:
        return render_markdown(self.explanation) if self.explanation else None


@lru_cache(maxsize=4096)
def _parsed_math(text: str) -> Any:
    return parse_math(text)


@lru_cache(maxsize=65536)
def compile_formula(text: str) -> Formula:
    return parse_formula(text)


def fill_template(template: str, values: Mapping[str, Value]) -> str:
    """Put each variable's value in place of `{name}`; other braces (LaTeX) stay as written."""

    def value_of(match: re.Match[str]) -> str:
        name = match.group(1)
        return format_value(values[name]) if name in values else match.group(0)

    return _PLACEHOLDER.sub(value_of, template)


def variables_in_order(variables: Any) -> list[tuple[str, Formula]]:
    """The generator's variables, each after the ones it reads, to be drawn in that order.

    Imports store `vars` as [name, formula] pairs: the author's order, which `proficio check`
    has proved drawable. Banks imported before that hold a JSON object, whose key order
    PostgreSQL's jsonb does not keep; those keep their stored order wherever it works (so a
    question already shown stays the same), and a variable moves after the ones it reads.
    """
    pairs = list(variables.items()) if isinstance(variables, Mapping) else variables
    waiting = [(str(name), compile_formula(source)) for name, source in pairs]
    defined = {name for name, _ in waiting}
    ordered: list[tuple[str, Formula]] = []
    known: set[str] = set()
    while waiting:
        ready = next(
            (at for at, (_, formula) in enumerate(waiting) if formula.names & defined <= known),
            0,  # a cycle: draw as stored, and the draw says which variable is unknown
        )
        name, formula = waiting.pop(ready)
        ordered.append((name, formula))
        known.add(name)
    return ordered


def draw_values(
    generator: Mapping[str, Any], rng: random.Random, deadline: float | None = None
) -> dict[str, Value]:
    """Draw the generator's variables until its `where` holds, at most MAX_DRAWS times.

    With a `deadline` (a `time.thread_time()`), GeneratorTooSlow once it has passed.
    """
    formulas = variables_in_order(generator.get("vars", []))
    where = compile_formula(generator["where"]) if generator.get("where") else None
    last_error = ""
    for _ in range(MAX_DRAWS):
        if deadline is not None and time.thread_time() > deadline:
            raise GeneratorTooSlow("it took too long to draw its variables")
        values: dict[str, Value] = {}
        try:
            for name, formula in formulas:
                values[name] = formula.evaluate(values, rng)
            if where is None or where.evaluate(values, rng) is True:
                return values
        except FormulaError as error:
            last_error = str(error)
    if last_error:
        raise GeneratorError(f"no draw of its variables worked in {MAX_DRAWS} tries: {last_error}")
    raise GeneratorError(f"its 'where' did not hold in {MAX_DRAWS} draws of its variables")


def seeded_values(
    skill: str, number: int, generator: Mapping[str, Any], seed: int, deadline: float | None = None
) -> tuple[dict[str, Value], random.Random]:
    """The variables generator `number` draws from `seed`, and its random source for the rest."""
    rng = random.Random(f"{skill}~{number}:{seed}")
    return draw_values(generator, rng, deadline), rng


def generate(
    skill: str, number: int, generator: Mapping[str, Any], seed: int, deadline: float | None = None
) -> Question:
    """The question that generator `number` (1-based) makes from `seed`: always the same one.

    GeneratorError when it makes none: its `where` never held, its answer has no value.
    """
    values, rng = seeded_values(skill, number, generator, seed, deadline)
    kind = generator["type"]
    common: dict[str, Any] = {
        "item": f"{skill}~{number}:{seed}",
        "skill": skill,
        "type": kind,
        "prompt": fill_template(generator["prompt"], values),
        "hints": tuple(fill_template(hint, values) for hint in generator.get("hints", [])),
        "explanation": (
            fill_template(generator["explanation"], values)
            if generator.get("explanation")
            else None
        ),
    }
    if kind == "choice":
        return Question(
            **common,
            choices=tuple(fill_template(choice, values) for choice in generator["choices"]),
            correct_choices=tuple(generator["correct"]),
        )
    if kind == "numeric":
        try:
            answer = compile_formula(generator["answer"]).evaluate(values, rng)
        except FormulaError as error:
            raise GeneratorError(f"its 'answer' has no value: {error}") from error
        if isinstance(answer, bool):
            raise GeneratorError("its 'answer' is a comparison, not a number")
        return Question(
            **common,
            numeric_answer=Fraction(answer),
            tolerance=parse_number(str(generator.get("tolerance", "0"))),
        )
    if kind == "expression":
        return Question(**common, expression_answer=fill_template(generator["answer"], values))
    return Question(
        **common, text_answers=tuple(fill_template(text, values) for text in generator["answer"])
    )


def stated_answer_problem(question: Question) -> str | None:
    """Why the question's own answer cannot be checked as right; None when it can.

    The learner's answer is checked against this stated answer, so a question whose stated
    answer is unreadable (`x/0`) or marked wrong would fail every learner, or fail to answer.
    """
    if question.type == "choice":
        response: object = list(question.correct_choices)
    elif question.type == "text":
        response = question.text_answers[0] if question.text_answers else ""
    else:
        response = question.answer_text
    try:
        verdict = question.check(response)
    except MathInputError as error:
        return f"the answer '{question.answer_text}' is not a math expression: {error}"
    except (ValueError, TypeError, ArithmeticError, RecursionError) as error:
        return f"the answer '{question.answer_text}' cannot be checked: {error}"
    if not verdict.correct:
        reason = verdict.message or "its checker marks it wrong"
        return f"the stated answer '{question.answer_text}' fails its own checker: {reason}"
    return None


def fixed_question(skill: str, number: int, data: Mapping[str, Any]) -> Question:
    """The n-th (1-based) fixed question of a bank."""
    kind = data["type"]
    common: dict[str, Any] = {
        "item": f"{skill}#{number}",
        "skill": skill,
        "type": kind,
        "prompt": data["prompt"],
        "hints": tuple(data.get("hints", [])),
        "explanation": data.get("explanation"),
    }
    if kind == "choice":
        return Question(
            **common, choices=tuple(data["choices"]), correct_choices=tuple(data["correct"])
        )
    if kind == "numeric":
        return Question(
            **common,
            numeric_answer=parse_number(str(data["answer"])),
            tolerance=parse_number(str(data.get("tolerance", "0"))),
        )
    if kind == "expression":
        return Question(**common, expression_answer=str(data["answer"]))
    return Question(**common, text_answers=tuple(data["answer"]))


@dataclass(frozen=True)
class QuestionBank:
    """One skill's fixed questions and generators, as stored."""

    skill: str
    questions: Sequence[Mapping[str, Any]]
    generators: Sequence[Mapping[str, Any]]

    @classmethod
    def from_json(cls, skill: str, bank: Mapping[str, Any]) -> "QuestionBank":
        return cls(skill, bank.get("questions", []), bank.get("generators", []))

    def fixed_items(self) -> list[str]:
        return [f"{self.skill}#{n}" for n in range(1, len(self.questions) + 1)]

    def question(self, item: str) -> Question:
        """The question an item names; UnknownQuestion when it names none of this bank's."""
        match = _ITEM.match(item)
        if not match or match.group("skill") != self.skill:
            raise UnknownQuestion(f"'{item}' is not a question of '{self.skill}'")
        if match.group("n") is not None:
            number = int(match.group("n"))
            if not 1 <= number <= len(self.questions):
                raise UnknownQuestion(f"'{self.skill}' has no question {number}")
            return fixed_question(self.skill, number, self.questions[number - 1])
        number = int(match.group("g"))
        if not 1 <= number <= len(self.generators):
            raise UnknownQuestion(f"'{self.skill}' has no generator {number}")
        return generate(self.skill, number, self.generators[number - 1], int(match.group("seed")))

    def usable_question(self, item: str) -> Question:
        """The question an item names, if it can be shown and checked; else GeneratorError.

        UnknownQuestion when the item names none of this bank's questions.
        """
        try:
            question = self.question(item)
        except GeneratorError:
            raise
        except ValueError as error:  # a formula or number of a bank stored before it was checked
            raise GeneratorError(str(error)) from error
        problem = stated_answer_problem(question)
        if problem is not None:
            raise GeneratorError(problem)
        return question

    def substitutes(self, item: str, count: int) -> list[str]:
        """Items that may stand in for a generated item its generator cannot make: the next
        seeds of the same generator, always the same ones. None for a fixed question."""
        match = _ITEM.match(item)
        if not match or match.group("seed") is None:
            return []
        seed, prefix = int(match.group("seed")), f"{self.skill}~{match.group('g')}"
        return [f"{prefix}:{(seed + step) % 10**20}" for step in range(1, count + 1)]

    def sample_items(self, count: int, rng: random.Random) -> list[str]:
        """`count` different questions drawn from the whole bank, fixed and generated alike.

        Each generator stands for as many questions as the set needs, so a bank of a few fixed
        questions and a generator mixes both instead of always showing the fixed ones. Fixed
        questions repeat only in a bank without generators that has fewer than `count`.
        """
        fixed = self.fixed_items()
        pool = list(fixed)
        for number in range(1, len(self.generators) + 1):
            pool += [f"{self.skill}~{number}:{rng.randrange(2**31)}" for _ in range(count)]
        rng.shuffle(pool)
        chosen = pool[:count]
        while len(chosen) < count and fixed:
            chosen.append(fixed[len(chosen) % len(fixed)])
        return chosen
