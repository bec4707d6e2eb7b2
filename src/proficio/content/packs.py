"""Reading and checking a content pack (docs/content-packs.md): pure Python, no database.

`load_pack(path)` returns the pack ready to import, or every problem found — as
`file:line: message` — so that an author can fix them all in one go. Nothing here imports.
"""

import hashlib
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from proficio.mastery import MasteryPolicy, PolicyError, policy_from_overrides

from . import pack_schema as schema
from .checking import parse_number
from .formulas import FormulaError
from .generator_trial import try_generator
from .markdown import math_problems, render_markdown
from .mathinput import MathInputError, parse_math
from .pack_files import PackError, read_pack_files
from .pack_yaml import Located, Problem, holds, load_yaml
from .questions import Question, compile_formula, fixed_question, stated_answer_problem


@dataclass(frozen=True)
class PackVideo:
    slug: str
    title: str
    url: str
    duration: int | None


@dataclass(frozen=True)
class PackArticle:
    slug: str
    title: str
    markdown: str
    html: str


@dataclass(frozen=True)
class PackExercise:
    slug: str
    title: str
    bank: dict[str, Any]  # {"questions": [...], "generators": [...]}, stored as JSON


@dataclass(frozen=True)
class PackItem:
    kind: str  # video | article | exercise
    slug: str


@dataclass(frozen=True)
class PackLesson:
    slug: str
    title: str
    position: int
    items: tuple[PackItem, ...]


@dataclass(frozen=True)
class PackQuiz:
    slug: str
    title: str
    position: int  # among the unit's lessons: a quiz follows the lessons it covers
    skills: tuple[str, ...]


@dataclass(frozen=True)
class PackUnit:
    slug: str
    title: str
    lessons: tuple[PackLesson, ...]
    quizzes: tuple[PackQuiz, ...]
    unit_test_title: str | None
    skills: tuple[str, ...]


@dataclass
class Pack:
    slug: str
    title: str
    subject: str
    language: str
    description: str
    policy_overrides: dict[str, Any]
    units: list[PackUnit]
    exercises: dict[str, PackExercise]
    articles: dict[str, PackArticle]
    videos: dict[str, PackVideo]
    digest: str
    warnings: list[Problem] = field(default_factory=list)


# --- reading files -------------------------------------------------------------------------


def _text(files: dict[str, bytes], name: str, problems: list[Problem]) -> str | None:
    try:
        return files[name].decode("utf-8")
    except UnicodeDecodeError as error:
        line = files[name][: error.start].count(b"\n") + 1
        problems.append(Problem(name, line, "not UTF-8 text"))
        return None


# --- checking --------------------------------------------------------------------------------


def load_pack(path: Path | str) -> Pack:
    """Read and check a pack; raises PackError with every problem when it is not importable."""
    return check_pack(read_pack_files(Path(path)))


def pack_digest(files: dict[str, bytes]) -> str:
    """A fingerprint of the pack's files: the same pack always gives the same digest."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name] + b"\0")
    return digest.hexdigest()


def check_pack(files: dict[str, bytes]) -> Pack:
    return _PackChecker(files, pack_digest(files)).check()


class _PackChecker:
    def __init__(self, files: dict[str, bytes], digest: str) -> None:
        self.files = files
        self.digest = digest
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, file: str, line: int, message: str) -> None:
        self.problems.append(Problem(file, line, message))

    def warn(self, file: str, line: int, message: str) -> None:
        self.warnings.append(Problem(file, line, message, warning=True))

    def check(self) -> Pack:
        if "course.yaml" not in self.files:
            raise PackError([Problem("course.yaml", 1, "missing: a pack needs a course.yaml")])
        course_doc, course = self._read_model("course.yaml", schema.CourseFile)
        policy = self._policy(course_doc)
        exercise_files = {
            name.removeprefix("exercises/").removesuffix(".yaml"): name
            for name in self.files
            if name.startswith("exercises/") and name.endswith(".yaml") and name.count("/") == 1
        }
        for name in self.files:
            if name.startswith("exercises/") and name.endswith(".yml"):
                self.error(name, 1, "exercise files end in .yaml")
        # With a broken course.yaml every exercise file is still checked, so that one run of
        # the checker reports everything.
        used = self._used_exercises(course) if course is not None else set(exercise_files)
        exercises = {}
        for slug in sorted(used & exercise_files.keys()):
            exercise = self._exercise(slug, exercise_files[slug], policy)
            if exercise is not None:
                exercises[slug] = exercise
        for slug in sorted(exercise_files.keys() - used):
            self.warn(exercise_files[slug], 1, f"exercise '{slug}' is not used by any lesson")
        if course is None:
            raise PackError(sorted(self.problems + self.warnings, key=_problem_order))
        pack = self._build(course_doc, course, exercise_files, exercises)
        if self.problems:
            raise PackError(sorted(self.problems + self.warnings, key=_problem_order))
        pack.warnings = sorted(self.warnings, key=_problem_order)
        return pack

    def _read_model(self, name: str, model: type[Any]) -> tuple[Any, Any]:
        text = _text(self.files, name, self.problems)
        if text is None:
            return None, None
        document, problems = load_yaml(text, name)
        self.problems += problems
        if document is None:
            return None, None
        if not isinstance(document, Located):
            self.error(name, 1, "should be a mapping of keys such as 'slug' and 'title'")
            return None, None
        try:
            return document, model.model_validate(document)
        except ValidationError as error:
            self.problems += schema.validation_problems(error, document, name)
            if any(detail["type"] != "extra_forbidden" for detail in error.errors()):
                return document, None
            # Only unknown keys (typos, mostly): read the rest, so its problems show up too.
            for detail in error.errors():
                _remove_key(document, detail["loc"])
            try:
                return document, model.model_validate(document)
            except ValidationError:
                return document, None

    def _policy(self, course_doc: Any) -> MasteryPolicy:
        overrides = course_doc.get("policy") if isinstance(course_doc, Located) else None
        if not isinstance(overrides, Located):
            return policy_from_overrides(None)
        try:
            return policy_from_overrides(overrides)
        except PolicyError as error:
            for key, message in error.problems.items():
                self.error("course.yaml", overrides.line_of(key), f"policy '{key}': {message}")
            return policy_from_overrides(None)

    @staticmethod
    def _used_exercises(course: schema.CourseFile) -> set[str]:
        return {
            item.exercise
            for unit in course.units
            for entry in unit.lessons
            if isinstance(entry, schema.Lesson)
            for item in entry.items
            if item.exercise
        }

    # --- exercises ---------------------------------------------------------------------------

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

    # --- the course tree -----------------------------------------------------------------------

    def _build(
        self,
        course_doc: Located,
        course: schema.CourseFile,
        exercise_files: dict[str, str],
        exercises: dict[str, PackExercise],
    ) -> Pack:
        seen: dict[tuple[str, str], int] = {}
        units_doc = course_doc["units"]

        def unique(kind: str, slug: str, line: int) -> None:
            if (kind, slug) in seen:
                self.error(
                    "course.yaml",
                    line,
                    f"duplicate {kind} slug '{slug}' (first on line {seen[kind, slug]})",
                )
            else:
                seen[kind, slug] = line

        videos: dict[str, PackVideo] = {}
        articles: dict[str, PackArticle] = {}
        units = []
        for unit, unit_doc in zip(course.units, _located_items(units_doc), strict=True):
            unique("unit", unit.slug, unit_doc.line)
            lessons: list[PackLesson] = []
            quizzes: list[PackQuiz] = []
            unit_skills: list[str] = []
            since_last_quiz: list[str] = []
            for position, (entry, entry_doc) in enumerate(
                zip(unit.lessons, _located_items(unit_doc["lessons"]), strict=True), start=1
            ):
                if isinstance(entry, schema.QuizMarker):
                    unique("quiz", entry.quiz.slug, entry_doc.line)
                    if not since_last_quiz:
                        self.error(
                            "course.yaml",
                            entry_doc.line,
                            f"quiz '{entry.quiz.slug}' covers no exercise: "
                            "put it after lessons with exercises",
                        )
                    quizzes.append(
                        PackQuiz(
                            entry.quiz.slug, entry.quiz.title, position, tuple(since_last_quiz)
                        )
                    )
                    since_last_quiz = []
                    continue
                unique("lesson", entry.slug, entry_doc.line)
                items = []
                for item, item_doc in zip(
                    entry.items, _located_items(entry_doc["items"]), strict=True
                ):
                    items.append(
                        self._item(item, item_doc, exercise_files, videos, articles, unique)
                    )
                    if item.exercise:
                        if item.exercise in (
                            pack_item.slug
                            for pack_item in items[:-1]
                            if pack_item.kind == "exercise"
                        ):
                            self.error(
                                "course.yaml",
                                item_doc.line,
                                f"exercise '{item.exercise}' is listed twice "
                                f"in lesson '{entry.slug}'",
                            )
                        for skills in (unit_skills, since_last_quiz):
                            if item.exercise not in skills:
                                skills.append(item.exercise)
                lessons.append(PackLesson(entry.slug, entry.title, position, tuple(items)))
            test_title = unit.unit_test.title if unit.unit_test else None
            if test_title and not unit_skills:
                self.error(
                    "course.yaml",
                    unit_doc.line,
                    f"unit '{unit.slug}' has a unit test but no exercises: "
                    "add exercises or write 'unit_test: false'",
                )
            units.append(
                PackUnit(
                    unit.slug,
                    unit.title,
                    tuple(lessons),
                    tuple(quizzes),
                    test_title,
                    tuple(unit_skills),
                )
            )
        return Pack(
            slug=course.slug,
            title=course.title,
            subject=course.subject,
            language=course.language,
            description=course.description,
            policy_overrides=dict(course.policy),
            units=units,
            exercises=exercises,
            articles=articles,
            videos=videos,
            digest=self.digest,
        )

    def _item(
        self,
        item: schema.LessonItem,
        item_doc: Located,
        exercise_files: dict[str, str],
        videos: dict[str, PackVideo],
        articles: dict[str, PackArticle],
        unique: Any,
    ) -> PackItem:
        line = item_doc.line
        if item.video:
            video = item.video
            unique("video", video.slug, line)
            videos[video.slug] = PackVideo(video.slug, video.title, video.url, video.duration)
            return PackItem("video", video.slug)
        if item.article:
            article = item.article
            unique("article", article.slug, line)
            path = posixpath.normpath(article.file)
            if path.startswith(("/", "../")) or path == "..":
                self.error(
                    "course.yaml", line, f"article file '{article.file}' must be inside the pack"
                )
            elif path not in self.files:
                self.error("course.yaml", line, f"article file '{article.file}' does not exist")
            elif (body := _text(self.files, path, self.problems)) is not None:
                for message in math_problems(body):
                    self.error(path, _line_of_math(body, message), message)
                articles[article.slug] = PackArticle(
                    article.slug, article.title, body, render_markdown(body)
                )
            return PackItem("article", article.slug)
        assert item.exercise is not None
        if item.exercise not in exercise_files:
            self.error(
                "course.yaml",
                line,
                f"exercise '{item.exercise}' has no file exercises/{item.exercise}.yaml",
            )
        return PackItem("exercise", item.exercise)


def _number_text(value: int | float | str) -> str:
    """A pack's number as a learner would write it: YAML reads 0.00001 as the float 1e-05."""
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    return str(value)


def _remove_key(document: Any, path: tuple[int | str, ...]) -> None:
    """Delete the key at `path`, skipping parts (union tags) that are not in the document."""
    node = document
    for part in path[:-1]:
        if holds(node, part):
            node = node[part]
    if isinstance(node, dict):
        node.pop(path[-1], None)


def _located_items(document: Any) -> Iterator[Any]:
    for item in document:
        yield item if isinstance(item, Located) else Located()


def _line_of_math(body: str, message: str) -> int:
    """The line of an article on which the broken math of `message` starts."""
    start = message.find("$")
    latex = message[start + 1 : message.rfind("$")] if start >= 0 else ""
    index = body.find(latex) if latex else -1
    return body.count("\n", 0, index) + 1 if index >= 0 else 1


def _problem_order(problem: Problem) -> tuple[int, str, int]:
    return (0 if problem.file == "course.yaml" else 1, problem.file, problem.line)
