"""What crosses the classroom app's border: the reads' answers, as frozen dataclasses.

The JSON API's response schemas have these fields in this order (checked as each schema is
defined), and the pages' templates read their attributes as they would a dict's keys.
"""

from dataclasses import dataclass
from datetime import date, datetime

# --- classes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClassSummary:
    """A class in a list of the user's classes: its courses' slugs in slug order."""

    id: int
    name: str
    courses: list[str]


@dataclass(frozen=True)
class ClassView:
    """A class as its members see it: courses by title, teachers by username, and the join
    code and whether it lets learners in for its teachers only (None for its learners)."""

    id: int
    name: str
    courses: list[str]
    teachers: list[str]
    learner_count: int
    join_code: str | None = None
    join_enabled: bool | None = None


@dataclass(frozen=True)
class LearnerRow:
    """A learner on a class's roster."""

    id: int
    username: str
    display_name: str


@dataclass(frozen=True)
class TeacherRow:
    """A teacher of a class."""

    username: str
    display_name: str


@dataclass(frozen=True)
class RecentEvent:
    """One event of a learner's recent work, with the titles a teacher reads it by.

    A level change has `skill`, `before` and `after`; a finished task `task_kind`, `task_title`
    and, when scored, `correct` of `total`; a completion `item_kind` and `item_slug`.
    """

    kind: str
    at: datetime
    course: str
    course_title: str
    skill: str | None
    unit: str | None
    before: str | None
    after: str | None
    item_kind: str | None
    item_slug: str | None
    task_kind: str | None
    task_title: str
    correct: int | None
    total: int | None


# --- goals ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalView:
    """A goal as its class's teachers set it: for its chosen `learners`, else its `group`,
    else the whole class (both None)."""

    id: int
    course: str
    unit: str | None
    title: str
    target_percent: int
    start_date: date
    due_date: date
    learners: list[int] | None
    group: int | None


@dataclass(frozen=True)
class GoalWithStatuses(GoalView):
    """A goal with the status of each learner it is for: learner id → status, by username."""

    statuses: dict[int, str]


@dataclass(frozen=True)
class GoalProgress:
    """A learner's pace toward a goal: their mastery %, the % a straight pace expects today,
    their status, and when they reached it."""

    learner: int
    username: str
    mastery_percent: float
    expected_percent: float
    status: str
    achieved_at: datetime | None


@dataclass(frozen=True)
class LearnerGoal:
    """One of a learner's goals, in any of their classes, with their own pace toward it."""

    id: int
    class_id: int
    class_name: str
    course: str
    unit: str | None
    title: str
    target_percent: int
    start_date: date
    due_date: date
    mastery_percent: float
    expected_percent: float
    status: str
    achieved_at: datetime | None


@dataclass(frozen=True)
class GoalReached:
    """A goal a finished task took its learner to."""

    id: int
    course: str
    unit: str | None
    target_percent: int


# --- assignments ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentItemView:
    """A video, article, exercise, quiz or unit test of an assignment (a unit test's slug is its
    unit's)."""

    kind: str
    course: str
    slug: str
    title: str


@dataclass(frozen=True)
class AssignmentView:
    """An assignment as its class's teachers set it: for its chosen `learners`, else its
    `group`, else the whole class (both None)."""

    id: int
    title: str
    items: list[AssignmentItemView]
    start_at: datetime
    due_at: datetime
    same_questions: bool
    learners: list[int] | None
    group: int | None


@dataclass(frozen=True)
class ItemStanding:
    """A learner's work on an assignment's item: its status, and for exercises, quizzes and
    unit tests the first and the best score once one is finished."""

    kind: str
    course: str
    slug: str
    title: str
    status: str
    best_percent: float | None
    first_percent: float | None


@dataclass(frozen=True)
class AssignmentStanding:
    """A learner's status on an assignment (its least advanced item's), and each item's."""

    status: str
    items: list[ItemStanding]


@dataclass(frozen=True)
class AssignmentScoreRow:
    """A learner's row of an assignment's scores."""

    learner: int
    username: str
    status: str
    items: list[ItemStanding]


@dataclass(frozen=True)
class LearnerAssignment:
    """One of a learner's open assignments, in any of their classes, with their own work."""

    id: int
    class_id: int
    class_name: str
    title: str
    start_at: datetime
    due_at: datetime
    same_questions: bool
    status: str
    items: list[ItemStanding]


# --- skill groups -----------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupView:
    """A skill group: its learners by id (those who left the class too)."""

    id: int
    name: str
    learners: list[int]


@dataclass(frozen=True)
class GroupSuggestion:
    """A group to make from one band of average mastery points: its learners, the levels the
    band stands for, each learner's average (by id, as text) and the reason in words."""

    name: str
    learners: list[int]
    levels: list[str]
    averages: dict[str, float]
    reason: str
