"""Checking exercise files: fixed questions, generators and their formulas."""

from decimal import Decimal
from typing import Any

from proficio.mastery import MasteryPolicy

from .. import pack_schema as schema
from ..checking import parse_number
from ..formulas import FormulaError
from ..generator_trial import try_generator
from ..markdown import math_problems
from ..mathinput import MathInputError, parse_math
from ..pack_yaml import Located
from ..questions import Question, compile_formula, fixed_question, stated_answer_problem
from .pack import PackExercise
from .reading import _located_items, _PackReader


class _ExerciseChecks(_PackReader):
    """The checks of exercises/*.yaml, each giving the exercise's bank or None."""

    def _exercise(self, slug: str, name: str, policy: MasteryPolicy) -> PackExercise | None:
        document, exercise = self._read_model(name, schema.ExerciseFile)
        if exercise is None:
            return None
        if exercise.slug != slug:
            self.error(
                name,
                document.line_of("slug"),
                f"slug '{exercise.slug}' should match the file name '{slug}'",
            )
        before = len(self.problems)
        questions = [
            self._fixed_question(slug, number, question, name, question_doc)
            for number, (question, question_doc) in enumerate(
                zip(exercise.questions, _located_items(document.get("questions", [])), strict=True),
                start=1,
            )
        ]
        generators = [
            self._generator(slug, number, generator, name, generator_doc)
            for number, (generator, generator_doc) in enumerate(
                zip(
                    exercise.generators, _located_items(document.get("generators", [])), strict=True
                ),
                start=1,
            )
        ]
        if not exercise.generators and len(exercise.questions) < policy.questions_per_practice:
            self.error(
                name,
                document.line,
                f"has {len(exercise.questions)} questions and no generators, but a practice set "
                f"needs {policy.questions_per_practice} different questions",
            )
        if len(self.problems) > before:
            return None
        bank = {"questions": questions, "generators": generators}
        return PackExercise(slug, exercise.title, bank)

    def _check_markdown(self, texts: list[str | None], file: str, line: int) -> None:
        for text in texts:
            for message in math_problems(text or ""):
                self.error(file, line, message)

    def _fixed_question(
        self, skill: str, number: int, spec: Any, file: str, doc: Located
    ) -> dict[str, Any]:
        data = spec.model_dump(exclude_none=True)
        self._check_question_markdown(spec, file, doc)
        answer_line = doc.line_of("answer")
        if spec.type == "numeric":
            for key in ("answer", "tolerance"):
                try:
                    value = parse_number(_number_text(data[key]))
                except ValueError as error:
                    self.error(file, doc.line_of(key), f"'{key}' is not a number: {error}")
                    return data
                if key == "tolerance" and value < 0:
                    self.error(file, doc.line_of(key), "'tolerance' cannot be negative")
                data[key] = str(value)
        elif spec.type == "choice":
            if not self._choices_are_valid(spec.choices, spec.correct, file, doc):
                return data
            answer_line = doc.line_of("correct")
        elif spec.type == "expression":
            try:
                parse_math(spec.answer)
            except MathInputError as error:
                self.error(
                    file, answer_line, f"answer '{spec.answer}' is not a math expression: {error}"
                )
                return data
        self._answer_passes_checker(fixed_question(skill, number, data), file, answer_line)
        return data

    def _check_question_markdown(self, spec: Any, file: str, doc: Located) -> None:
        for key in ("prompt", "explanation", "hints", "choices"):
            value = getattr(spec, key, None)
            texts = value if isinstance(value, list) else [value]
            self._check_markdown(texts, file, doc.line_of(key))

    def _choices_are_valid(
        self, choices: list[str], correct: list[int], file: str, doc: Located
    ) -> bool:
        valid = True
        line = doc.line_of("correct")
        for index in correct:
            if not 0 <= index < len(choices):
                self.error(
                    file, line, f"'correct' index {index} is not a choice (0 to {len(choices) - 1})"
                )
                valid = False
        if len(set(correct)) != len(correct):
            self.error(file, line, "'correct' lists the same choice twice")
            valid = False
        repeated = {choice for choice in choices if choices.count(choice) > 1}
        if repeated:
            self.error(
                file,
                doc.line_of("choices"),
                f"the choice '{sorted(repeated)[0]}' appears more than once",
            )
            valid = False
        return valid

    def _answer_passes_checker(self, question: Question, file: str, line: int) -> None:
        problem = stated_answer_problem(question)
        if problem is not None:
            self.error(file, line, problem)

    def _generator(
        self, skill: str, number: int, spec: Any, file: str, doc: Located
    ) -> dict[str, Any]:
        data = spec.model_dump(exclude_none=True)
        before = len(self.problems)
        known: set[str] = set()
        vars_doc = doc.get("vars")
        for name, source in spec.vars.items():
            line = vars_doc.line_of(name) if isinstance(vars_doc, Located) else doc.line_of("vars")
            if not name.isidentifier() or name.startswith("_"):
                self.error(file, line, f"'{name}' is not a valid variable name")
            self._formula(source, known, f"variable '{name}'", file, line)
            known.add(name)
        if spec.where is not None:
            self._formula(spec.where, known, "'where'", file, doc.line_of("where"))
        if spec.type == "numeric":
            self._formula(spec.answer, known, "'answer'", file, doc.line_of("answer"))
            try:
                data["tolerance"] = str(parse_number(_number_text(spec.tolerance)))
            except ValueError as error:
                self.error(file, doc.line_of("tolerance"), f"'tolerance' is not a number: {error}")
        elif spec.type == "choice":
            self._choices_are_valid(spec.choices, spec.correct, file, doc)
        # Pairs, not an object: PostgreSQL's jsonb would reorder the keys, and a variable must
        # be drawn after those it reads (and always in one order, for the same questions).
        data["vars"] = [[name, source] for name, source in data.get("vars", {}).items()]
        if len(self.problems) > before:
            return data
        self._try_generator(skill, number, data, file, doc.line)
        return data

    def _formula(self, source: str, known: set[str], what: str, file: str, line: int) -> None:
        try:
            formula = compile_formula(source)
        except FormulaError as error:
            self.error(file, line, f"{what}: {error}")
            return
        for unknown in sorted(formula.names - known):
            self.error(
                file, line, f"{what} uses '{unknown}', which is not a variable defined before it"
            )

    def _try_generator(
        self, skill: str, number: int, data: dict[str, Any], file: str, line: int
    ) -> None:
        trial = try_generator(skill, number, data)
        for message in trial.errors:
            self.error(file, line, message)
        for message in trial.warnings:
            self.warn(file, line, message)


def _number_text(value: int | float | str) -> str:
    """A pack's number as a learner would write it: YAML reads 0.00001 as the float 1e-05."""
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    return str(value)
