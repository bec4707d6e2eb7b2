"""What crosses the learning app's border, and what its hand-written SQL reads: plain values.

The statements of `storage/` return these frozen dataclasses, never a model instance filled in
part (whose `.save()` would blank the fields it was not given).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, NotRequired, Protocol, TypedDict

from proficio.mastery import ChallengeAvailability, score_with_bonus

from .models import Task


class CourseVersion(Protocol):
    """What tasks need of a course: which import of its pack, and its policy.

    A `content` Course is one; so is a TaskCourse read by hand-written SQL.
    """

    @property
    def id(self) -> int: ...
    @property
    def slug(self) -> str: ...
    @property
    def pack_digest(self) -> str: ...
    @property
    def imported_at(self) -> datetime: ...
    @property
    def policy_overrides(self) -> Any: ...


@dataclass(frozen=True)
class TaskCourse:
    """A course as its tasks read it: id and slug, the import of its pack, its policy overrides."""

    id: int
    slug: str
    pack_digest: str
    imported_at: datetime
    policy_overrides: dict[str, Any]


@dataclass(frozen=True)
class PractisedSkill:
    """The active skill a practice set is started for."""

    id: int
    slug: str


@dataclass(frozen=True)
class QuestionRow:
    """A question of a task in its place, and how far it has been answered."""

    position: int
    skill_id: int
    item: str
    is_bonus: bool
    hints_shown: int
    answered: bool
    counted_correct: bool | None


@dataclass(frozen=True)
class TaskRecord:
    """A task as starting and answering read it, with its course: all but how it finished.

    Its finish (time, number, summary) is read with the ORM where it is shown.
    """

    id: int
    learner_id: int
    course: TaskCourse
    kind: str
    status: str
    question_count: int
    current_position: int
    started_at: datetime
    same_questions_for_everyone: bool
    skill_id: int | None
    assignment_id: int | None

    @property
    def course_id(self) -> int:
        return self.course.id


@dataclass(frozen=True)
class TaskRead:
    """What an answer reads of its task in one statement."""

    task: TaskRecord
    rows: dict[int, QuestionRow]  # every question of the task, by position
    earlier_reply: dict[str, Any] | None  # the stored reply to this attempt_id, if any


@dataclass(frozen=True)
class CourseProgressRow:
    """A learner's progress row in a course, as finishing a task reads and writes it."""

    id: int
    points: int
    points_possible: int
    mastery_percent: float
    finished_tasks: int


@dataclass(frozen=True)
class TaskResult:
    """What a finished task's answers say, ready for the engine."""

    kind: str
    answers: list[tuple[int, bool]]  # (skill id, counted correct) of each regular question
    bonus_right: bool | None

    @property
    def correct(self) -> int:
        right = sum(counted for _, counted in self.answers)
        if self.kind == Task.Kind.PRACTICE:
            return score_with_bonus(right, len(self.answers), self.bonus_right)
        return right


class SkillLevelChange(TypedDict):
    """A skill a finished task tested: its level's slug before and after."""

    skill: str
    before: str
    after: str


class TaskSummary(TypedDict):
    """What a finished task did, as its summary is stored and shown (`summary` in the API)."""

    correct: int
    total: int
    skills: list[SkillLevelChange]
    points_delta: int
    unit_mastery_percent: dict[str, float]  # unit slug → mastery %, for the units it tested
    course_mastery_percent: float


@dataclass(frozen=True)
class UnitProgressView:
    """A unit's mastery and points in a learner's course progress."""

    slug: str
    title: str
    mastery_percent: float
    points: int
    points_possible: int


@dataclass(frozen=True)
class SkillProgressView:
    """A skill's level and the points it is worth in a learner's course progress."""

    slug: str
    level: str
    points: int


@dataclass(frozen=True)
class CourseProgressView:
    """A learner's mastery in a course, from the progress caches (`GET .../progress`)."""

    course: str
    course_mastery_percent: float
    points: int
    points_possible: int
    units: list[UnitProgressView]
    skills: list[SkillProgressView]
    mastery_challenge: ChallengeAvailability


@dataclass(frozen=True, kw_only=True)
class UpNextStep:
    """What to do next in a course, and why (`GET .../up-next`).

    `quiz` is part of the shape the API promises, though no rule recommends a quiz yet.
    """

    kind: str
    course: str
    skill: str | None
    unit: str | None
    quiz: str | None = None
    reason: str


class QuestionView(TypedDict):
    """A question as the learner sees it before answering: never its answer.

    A TypedDict, as it is stored inside an answer's reply (`next_question`), where a question
    that is not a choice question has no `choices_html` or `multiple` key at all.
    """

    position: int
    skill: str
    item: str
    type: str
    prompt_html: str
    hints_available: int
    is_bonus: bool
    choices_html: NotRequired[list[str]]
    multiple: NotRequired[bool]


@dataclass(frozen=True)
class TaskView:
    """A task as `POST /tasks` and `GET /tasks/{id}` show it.

    `question` is the current question while the task is open; `summary` what it did once
    finished.
    """

    id: int
    kind: str
    course: str
    skills: list[str]
    question_count: int
    status: str
    position: int
    assignment: int | None
    started_at: datetime
    finished_at: datetime | None
    question: QuestionView | None = None
    summary: TaskSummary | None = None


@dataclass(frozen=True, kw_only=True)
class AnswerReply:
    """What an answer gets back: whether it was right, and the next question or the summary.

    The reply is stored with its attempt, so that the same attempt sent again gets the same
    reply: `stored()` writes it as it has always been stored (`explanation_html`,
    `next_question` and `summary` only when there is one) and `from_stored` reads it back.
    """

    correct: bool
    counted_correct: bool | None
    explanation_html: str | None = None
    status: str
    next_question: QuestionView | None = None
    summary: TaskSummary | None = None

    def stored(self) -> dict[str, Any]:
        reply: dict[str, Any] = {"correct": self.correct}
        if self.explanation_html is not None:
            reply["explanation_html"] = self.explanation_html
        reply["counted_correct"] = self.counted_correct
        reply["status"] = self.status
        if self.summary is not None:
            reply["summary"] = self.summary
        if self.next_question is not None:
            reply["next_question"] = self.next_question
        return reply

    @classmethod
    def from_stored(cls, stored: dict[str, Any]) -> "AnswerReply":
        return cls(**stored)


@dataclass(frozen=True)
class HintReply:
    """A hint just shown, and how many the question has left."""

    hint_html: str
    hints_left: int
