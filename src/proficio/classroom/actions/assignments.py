"""Assignments: setting, changing and removing them, and starting their work: a task for one
of an assignment's items, or a completion of its videos and articles."""

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from proficio.accounts.models import User
from proficio.content.models import Article, Course, Quiz, Skill, Unit, Video
from proficio.learning.api import TaskConflict, TaskRequest
from proficio.learning.api import start_task as start_learning_task
from proficio.learning.data import TaskView
from proficio.learning.models import Task

from ..errors import ClassNotFound, InvalidTeachingRequest
from ..models import Assignment, AssignmentItem, Classroom
from ..reads.assignments import learner_assignment
from ..reads.classes import class_course
from .audiences import chosen_audience

ASSIGNABLE = {kind.value for kind in AssignmentItem.Kind}
MAX_ASSIGNMENT_ITEMS = 50


@dataclass(frozen=True)
class ItemChoice:
    kind: str
    course: str
    slug: str


@dataclass(frozen=True)
class AssignmentChange:
    """The fields of an assignment a teacher sets; None leaves a field as it is."""

    title: str | None = None
    items: list[ItemChoice] | None = None
    start_at: datetime | None = None
    due_at: datetime | None = None
    learners: list[int] | None = None
    group: int | None = None
    same_questions: bool | None = None


@transaction.atomic
def create_assignment(
    *, classroom: Classroom, change: AssignmentChange, now: datetime | None = None
) -> Assignment:
    if not change.items:
        raise InvalidTeachingRequest("An assignment needs at least one item.")
    if change.due_at is None:
        raise InvalidTeachingRequest("An assignment needs a due time ('due_at').")
    items = _assignment_items(classroom, change.items)
    start_at = change.start_at or now or timezone.now()
    title = change.title or items[0].title + (
        f" and {len(items) - 1} more" if len(items) > 1 else ""
    )
    assignment = Assignment(classroom=classroom, title=title, start_at=start_at)
    assignment.same_questions = bool(change.same_questions)
    assignment.question_seed = secrets.randbits(62) if assignment.same_questions else None
    _set_assignment(assignment, change, {"due_at", "learners", "group"})
    for position, item in enumerate(items, start=1):
        item.assignment, item.position = assignment, position
    AssignmentItem.objects.bulk_create(items)
    return assignment


@transaction.atomic
def change_assignment(
    *, assignment: Assignment, change: AssignmentChange, fields_set: set[str]
) -> Assignment:
    """Edit the title, dates or audience; items and same-questions stay once learners began."""
    if change.items is not None:
        if Task.objects.filter(assignment_id=assignment.pk).exists():
            raise InvalidTeachingRequest(
                "Learners have started this assignment, so its items cannot change; "
                "make a new assignment instead."
            )
        items = _assignment_items(assignment.classroom, change.items)
        assignment.items.all().delete()
        for position, item in enumerate(items, start=1):
            item.assignment, item.position = assignment, position
        AssignmentItem.objects.bulk_create(items)
    if change.same_questions is not None and change.same_questions != assignment.same_questions:
        if Task.objects.filter(assignment_id=assignment.pk).exists():
            raise InvalidTeachingRequest(
                "Learners have started this assignment, so 'same_questions' cannot change."
            )
        assignment.same_questions = change.same_questions
        assignment.question_seed = secrets.randbits(62) if change.same_questions else None
    _set_assignment(assignment, change, fields_set)
    return assignment


def _set_assignment(assignment: Assignment, change: AssignmentChange, fields_set: set[str]) -> None:
    if change.title is not None:
        if not change.title.strip():
            raise InvalidTeachingRequest("The title cannot be empty.")
        assignment.title = change.title.strip()
    if change.start_at is not None:
        assignment.start_at = change.start_at
    if change.due_at is not None:
        assignment.due_at = change.due_at
    if assignment.due_at <= assignment.start_at:
        raise InvalidTeachingRequest("The due time must be after the start time.")
    audience_changed = fields_set & {"learners", "group"}
    if audience_changed:
        learners, assignment.group = chosen_audience(
            assignment.classroom, change.learners, change.group
        )
    assignment.save()
    if audience_changed:
        assignment.learners.set(learners)


def _assignment_items(classroom: Classroom, choices: list[ItemChoice]) -> list[AssignmentItem]:
    if len(choices) > MAX_ASSIGNMENT_ITEMS:
        raise InvalidTeachingRequest(
            f"An assignment holds at most {MAX_ASSIGNMENT_ITEMS} items; split it in two."
        )
    items: list[AssignmentItem] = []
    seen: set[tuple[str, str, str]] = set()
    for choice in choices:
        if choice.kind in {"course_challenge", "mastery_challenge"}:
            what = choice.kind.replace("_", " ")
            raise InvalidTeachingRequest(
                f"Only videos, articles, exercises, quizzes and unit tests can be assigned: "
                f"the {what} cannot be assigned."
            )
        if choice.kind not in ASSIGNABLE:
            raise InvalidTeachingRequest(
                f"'{choice.kind}' cannot be assigned: choose video, article, exercise, quiz "
                "or unit_test."
            )
        key = (choice.kind, choice.course, choice.slug)
        if key in seen:
            raise InvalidTeachingRequest(f"The {choice.kind} '{choice.slug}' is listed twice.")
        seen.add(key)
        course = class_course(classroom, choice.course)
        items.append(
            AssignmentItem(
                kind=choice.kind, course=course, slug=choice.slug,
                title=_item_title(course, choice.kind, choice.slug),
            )
        )  # fmt: skip
    return items


def _item_title(course: Course, kind: str, slug: str) -> str:
    found: Any
    if kind == AssignmentItem.Kind.VIDEO:
        found = Video.objects.filter(course=course, slug=slug, archived=False).first()
    elif kind == AssignmentItem.Kind.ARTICLE:
        found = Article.objects.filter(course=course, slug=slug, archived=False).first()
    elif kind == AssignmentItem.Kind.EXERCISE:
        found = Skill.objects.filter(course=course, slug=slug, archived=False).first()
    elif kind == AssignmentItem.Kind.QUIZ:
        found = Quiz.objects.filter(course=course, slug=slug, archived=False).first()
    else:
        found = Unit.objects.filter(course=course, slug=slug, archived=False).first()
        if found is not None and not found.has_unit_test:
            raise InvalidTeachingRequest(f"The unit '{slug}' has no unit test.")
        if found is not None:
            return f"Unit test: {found.title}"
    if found is None:
        what = "unit" if kind == AssignmentItem.Kind.UNIT_TEST else kind
        raise ClassNotFound(f"There is no {what} '{slug}' in the course '{course.slug}'.")
    return str(found.title)


def delete_assignment(*, assignment: Assignment) -> None:
    """Remove the assignment; work done for it still counts toward mastery."""
    assignment.delete()


# --- doing an assignment ----------------------------------------------------------------------

_TASK_KIND = {
    AssignmentItem.Kind.EXERCISE: Task.Kind.PRACTICE,
    AssignmentItem.Kind.QUIZ: Task.Kind.QUIZ,
    AssignmentItem.Kind.UNIT_TEST: Task.Kind.UNIT_TEST,
}


def assignment_task_request(
    *, learner: User, assignment_id: int, request: TaskRequest, now: datetime | None = None
) -> TaskRequest:
    """The task request for doing an assignment's item, with its shared question seed.

    404 unless the assignment is one of the learner's; 422 when the task is not one of its
    items; 409 before it opens.
    """
    assignment = learner_assignment(learner=learner, assignment_id=assignment_id)
    kinds: dict[str, str] = {task: item for item, task in _TASK_KIND.items()}
    item_kind = kinds.get(request.kind)
    slug = request.skill if request.kind == Task.Kind.PRACTICE else request.quiz or request.unit
    if (
        item_kind is None
        or not assignment.items.filter(
            kind=item_kind, course__slug=request.course, slug=slug
        ).exists()
    ):
        raise InvalidTeachingRequest(f"This task is not part of the assignment {assignment.pk}.")
    _check_open(assignment, now or timezone.now())
    return TaskRequest(
        kind=request.kind, course=request.course, skill=request.skill, quiz=request.quiz,
        unit=request.unit, assignment_id=assignment.pk, question_seed=assignment.question_seed,
    )  # fmt: skip


def start_task(
    *, learner: User, request: TaskRequest, assignment_id: int | None = None
) -> tuple[TaskView, bool]:
    """The learner's task for this request, for an assignment when one is named: their open
    one resumed, or a new one, and whether it was created. The one action every face calls.

    Errors as `assignment_task_request` and learning's `start_task` say."""
    if assignment_id is not None:
        request = assignment_task_request(
            learner=learner, assignment_id=assignment_id, request=request
        )
    return start_learning_task(learner=learner, request=request)


def check_assigned_completion(
    *, learner: User, assignment_id: int, course: str, kind: str, slug: str,
    now: datetime | None = None,
) -> None:  # fmt: skip
    """404 unless the video or article is an item of one of the learner's assignments."""
    assignment = learner_assignment(learner=learner, assignment_id=assignment_id)
    if not assignment.items.filter(kind=kind, course__slug=course, slug=slug).exists():
        raise InvalidTeachingRequest(f"This {kind} is not part of the assignment {assignment.pk}.")
    _check_open(assignment, now or timezone.now())


def _check_open(assignment: Assignment, now: datetime) -> None:
    if now < assignment.start_at:
        raise TaskConflict(
            f"This assignment opens at {assignment.start_at:%Y-%m-%d %H:%M} UTC; "
            "it can be started then."
        )
