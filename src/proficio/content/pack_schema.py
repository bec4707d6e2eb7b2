"""The shape of course.yaml and exercises/*.yaml, as pydantic models.

Shape only: keys, types and slugs. Cross-file rules (references, quizzes, generators,
answers that fail their own checker) live in `packs/`.
"""

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainValidator,
    StringConstraints,
    Tag,
    ValidationError,
    model_validator,
)

from .pack_yaml import Problem, line_at

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,79}$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]


def _number_as_text(value: Any) -> Any:
    """YAML reads `choices: [3, 4]` as numbers; authors mean the text "3" and "4"."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _number(value: Any) -> int | float | str:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError('should be a number such as 12, 0.75 or "3/4"')
    return value


def _one_or_more_texts(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    texts = [_number_as_text(item) for item in values]
    if not texts or not all(isinstance(text, str) and text.strip() for text in texts):
        raise ValueError("should be a text or a list of texts, none of them empty")
    return texts


Text = Annotated[str, BeforeValidator(_number_as_text)]
Title = Annotated[
    str,
    BeforeValidator(_number_as_text),
    StringConstraints(min_length=1, max_length=200, strip_whitespace=True),
]
# A formula may be written as a bare number (`a: 3`).
Formula = Annotated[str, BeforeValidator(_number_as_text), StringConstraints(max_length=500)]
Number = Annotated[int | float | str, PlainValidator(_number)]
Texts = Annotated[list[str], PlainValidator(_one_or_more_texts)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Video(_Strict):
    slug: Slug
    title: Title
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=2000)]
    duration: Annotated[int, Field(ge=0, le=24 * 3600)] | None = None


class Article(_Strict):
    slug: Slug
    title: Title
    file: Annotated[str, StringConstraints(min_length=1, max_length=300)]


class LessonItem(_Strict):
    video: Video | None = None
    article: Article | None = None
    exercise: Slug | None = None

    @model_validator(mode="after")
    def _exactly_one_kind(self) -> "LessonItem":
        if sum(kind is not None for kind in (self.video, self.article, self.exercise)) != 1:
            raise ValueError("an item is exactly one of 'video', 'article' or 'exercise'")
        return self


class Lesson(_Strict):
    slug: Slug
    title: Title
    items: Annotated[list[LessonItem], Field(min_length=1)]


class QuizSpec(_Strict):
    slug: Slug
    title: Title


class QuizMarker(_Strict):
    quiz: QuizSpec


class UnitTestSpec(_Strict):
    title: Title = "Unit test"


def _lesson_or_quiz(value: Any) -> str:
    return "quiz" if isinstance(value, dict) and "quiz" in value else "lesson"


LessonEntry = Annotated[
    Annotated[Lesson, Tag("lesson")] | Annotated[QuizMarker, Tag("quiz")],
    Discriminator(_lesson_or_quiz),
]


class Unit(_Strict):
    slug: Slug
    title: Title
    lessons: Annotated[list[LessonEntry], Field(min_length=1)]
    unit_test: UnitTestSpec | Literal[False] = UnitTestSpec()


class CourseFile(_Strict):
    slug: Slug
    title: Title
    subject: Text = ""
    language: Annotated[str, StringConstraints(max_length=20)] = "en"
    description: Text = ""
    policy: dict[str, Any] = {}
    units: Annotated[list[Unit], Field(min_length=1)]


# --- exercises -----------------------------------------------------------------------------


class _Question(_Strict):
    prompt: Annotated[Text, StringConstraints(min_length=1, max_length=5000)]
    hints: list[Text] = []
    explanation: Text | None = None


class ChoiceQuestion(_Question):
    type: Literal["choice"]
    choices: Annotated[list[Text], Field(min_length=2, max_length=10)]
    correct: Annotated[list[int], Field(min_length=1)]


class NumericQuestion(_Question):
    type: Literal["numeric"]
    answer: Number
    tolerance: Number = 0


class ExpressionQuestion(_Question):
    type: Literal["expression"]
    answer: Text


class TextQuestion(_Question):
    type: Literal["text"]
    answer: Texts


class _Generator(_Strict):
    vars: dict[str, Formula] = {}
    where: Formula | None = None


class ChoiceGenerator(_Generator, ChoiceQuestion):
    pass


class NumericGenerator(_Generator, _Question):
    type: Literal["numeric"]
    answer: Formula
    tolerance: Number = 0


class ExpressionGenerator(_Generator, ExpressionQuestion):
    pass


class TextGenerator(_Generator, TextQuestion):
    pass


Question = Annotated[
    ChoiceQuestion | NumericQuestion | ExpressionQuestion | TextQuestion,
    Field(discriminator="type"),
]
Generator = Annotated[
    ChoiceGenerator | NumericGenerator | ExpressionGenerator | TextGenerator,
    Field(discriminator="type"),
]


class ExerciseFile(_Strict):
    slug: Slug
    title: Title
    questions: list[Question] = []
    generators: list[Generator] = []

    @model_validator(mode="after")
    def _has_questions(self) -> "ExerciseFile":
        if not self.questions and not self.generators:
            raise ValueError("an exercise needs 'questions', 'generators' or both")
        return self


# --- errors → problems ---------------------------------------------------------------------


def _message(error: Any) -> str:
    loc = [part for part in error["loc"] if isinstance(part, str)]
    field = loc[-1] if loc else "value"
    kind = error["type"]
    if kind == "missing":
        return f"missing required key '{field}'"
    if kind == "extra_forbidden":
        return f"unknown key '{field}'"
    if kind == "string_pattern_mismatch" and error["ctx"]["pattern"] == SLUG_PATTERN:
        return (
            f"'{error['input']}' is not a valid slug: use lower-case letters, digits and "
            "hyphens (at most 80)"
        )
    if kind == "string_pattern_mismatch" and field == "url":
        return f"'{error['input']}' is not a web address (http:// or https://)"
    if kind == "union_tag_invalid":
        expected = error["ctx"]["expected_tags"]
        return f"unknown question type '{error['ctx']['tag']}': use one of {expected}"
    if kind == "union_tag_not_found":
        return "missing required key 'type'"
    if kind == "literal_error" and field == "unit_test":
        return "'unit_test' is either a mapping like {title: Unit test} or false"
    message = str(error["msg"]).removeprefix("Value error, ")
    message = message[0].lower() + message[1:]
    # A rule about the whole mapping (not one key) reads as a sentence of its own.
    return f"'{field}': {message}" if loc and kind != "value_error" else message


def validation_problems(error: ValidationError, document: Any, file: str) -> list[Problem]:
    problems = []
    seen = set()
    for detail in error.errors():
        if (
            detail["type"] == "literal_error"
            and "unit_test" in detail["loc"]
            and any(
                other["loc"][: len(detail["loc"]) - 1] == detail["loc"][:-1]
                and other["type"] != "literal_error"
                for other in error.errors()
            )
        ):
            # `unit_test` is a mapping or false: a broken mapping reports both; keep the mapping's.
            continue
        problem = Problem(file, line_at(document, detail["loc"]), _message(detail))
        if problem not in seen:
            seen.add(problem)
            problems.append(problem)
    return sorted(problems, key=lambda problem: problem.line)
