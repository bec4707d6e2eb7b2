"""A task as its pages show it: the start card, one question with its answer so far, the end card.

The task's state is all in the database (its questions and the attempt log), so a refresh, or
coming back on another day, shows exactly where the learner was. The current question comes
from `learning.selectors.task_view`, as the API shows it; an earlier question (to see its
feedback or try it again) and its last answer come from the learning selectors too.
"""

from dataclasses import dataclass
from typing import Any

from proficio.classroom.data import GoalReached
from proficio.content.api import ContentNotFound, CourseTree, course_tree
from proficio.learning.api import (
    latest_answer,
    levels_up,
    question_view,
    skill_question,
    task_has_begun,
    task_question_rows,
    task_view,
)
from proficio.learning.data import QuestionRow, QuestionView, TaskView
from proficio.learning.models import Task
from proficio.mastery import Level

from .shown import shown_with

# A question takes about a minute: the start card's "usually takes" estimate.
MINUTES_PER_QUESTION = 1


@dataclass(frozen=True)
class Step:
    """One position of the progress strip."""

    position: int
    state: str  # right | wrong | current | ahead
    is_bonus: bool


@dataclass(frozen=True)
class LastAnswer:
    """The latest answer to a question: what was typed or picked and whether it was right."""

    response: Any
    correct: bool


@dataclass
class QuestionPage:
    task: TaskView
    question: QuestionView
    steps: list[Step]
    hints_html: list[str]
    answered: bool  # settled: its first answer is in
    counted_correct: bool | None
    last_answer: LastAnswer | None = None
    explanation_html: str | None = None
    names: "CourseNames | None" = None

    @property
    def position(self) -> int:
        return int(self.question["position"])

    @property
    def is_current(self) -> bool:
        return self.position == self.task.position and self.task.status in OPEN

    @property
    def skill_title(self) -> str:
        skill = self.question["skill"]
        return self.names.skills.get(skill, skill) if self.names else skill


OPEN = (Task.Status.IN_PROGRESS, Task.Status.BONUS_OFFERED)


def has_begun(task: Task) -> bool:
    """Whether the learner has answered or taken a hint: the start card is behind them."""
    return task_has_begun(task)


def _steps(task: Task, rows: list[QuestionRow]) -> list[Step]:
    steps = []
    for row in rows:
        if row.is_bonus and not (row.answered or task.status == Task.Status.BONUS_OFFERED):
            continue  # the bonus shows only once it is offered
        if row.answered:
            state = "right" if row.counted_correct else "wrong"
        elif row.position == task.current_position and task.status in OPEN:
            state = "current"
        else:
            state = "ahead"
        steps.append(Step(row.position, state, row.is_bonus))
    return steps


def skill_titles(tree: CourseTree) -> dict[str, str]:
    return {skill.slug: skill.title for unit in tree.units for skill in unit.skills}


@dataclass(frozen=True)
class CourseNames:
    """What a task's pages call its course and skills."""

    course: str
    skills: dict[str, str]


def course_names(course: str) -> CourseNames:
    try:
        tree = course_tree(course)
    except ContentNotFound:  # a course removed since: slugs will do
        return CourseNames(course, {})
    return CourseNames(tree.title, skill_titles(tree))


def question_page(task: Task, position: int) -> QuestionPage | None:
    """The question at `position` with its answer so far; None if it is not reachable yet."""
    rows = task_question_rows(task)
    view = task_view(task, rows)
    row = next((r for r in rows if r.position == position), None)
    if row is None or (not row.answered and position != view.position):
        return None
    if row.is_bonus and not row.answered and task.status != Task.Status.BONUS_OFFERED:
        return None
    question = skill_question(task.course, row.skill_id, row.item)
    page = QuestionPage(
        task=view,
        question=question_view(task.course, row),
        steps=_steps(task, rows),
        hints_html=[question.hint_html(index) for index in range(row.hints_shown)],
        answered=row.answered,
        counted_correct=row.counted_correct,
        names=course_names(view.course),
    )
    if row.answered:
        latest = latest_answer(task, position)
        if latest is not None:
            page.last_answer = LastAnswer(*latest)
        page.explanation_html = question.explanation_html
    return page


@dataclass(frozen=True)
class SkillChange:
    title: str
    before: Level
    after: Level

    @property
    def leveled_up(self) -> bool:
        return self.after > max(self.before, Level.ATTEMPTED)


@dataclass(frozen=True)
class EndCard:
    task: TaskView
    skills: list[SkillChange]
    points_delta: int
    units: list[tuple[str, str, float]]  # (unit slug, title, mastery %)
    course_title: str
    course_mastery_percent: float
    correct: int
    total: int
    level_ups: int
    goals_reached: list[dict[str, Any]]


def end_card(view: TaskView, goals_reached: list[GoalReached]) -> EndCard:
    """What a finished task did: every skill before → after, points, unit and course mastery."""
    summary = view.summary
    assert summary is not None  # the task is finished
    try:
        tree: CourseTree | None = course_tree(view.course)
    except ContentNotFound:
        tree = None
    titles = skill_titles(tree) if tree else {}
    unit_titles = {unit.slug: unit.title for unit in tree.units} if tree else {}
    return EndCard(
        task=view,
        skills=[
            SkillChange(
                titles.get(change["skill"], change["skill"]),
                Level.from_slug(change["before"]),
                Level.from_slug(change["after"]),
            )
            for change in summary["skills"]
        ],
        points_delta=summary["points_delta"],
        # In course order: PostgreSQL keeps a JSON object's keys in an order of its own.
        units=sorted(
            (
                (slug, unit_titles.get(slug, slug), percent)
                for slug, percent in summary["unit_mastery_percent"].items()
            ),
            key=lambda unit: list(unit_titles).index(unit[0]) if unit[0] in unit_titles else 0,
        ),
        course_title=tree.title if tree else view.course,
        course_mastery_percent=summary["course_mastery_percent"],
        correct=summary["correct"],
        total=summary["total"],
        level_ups=levels_up(summary),
        goals_reached=[
            shown_with(goal, title=unit_titles.get(goal.unit or "") or (tree.title if tree else ""))
            for goal in goals_reached
        ],
    )
