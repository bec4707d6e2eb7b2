"""Reads of assignments: a class's assignments, each learner's work on them, a learner's own."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from proficio.accounts.models import User
from proficio.learning.models import Completion, Task

from ..data import (
    AssignmentItemView,
    AssignmentScoreRow,
    AssignmentStanding,
    AssignmentView,
    ItemStanding,
    LearnerAssignment,
)
from ..errors import ClassNotFound
from ..models import Assignment, AssignmentItem, Classroom
from ..rules import assignment_status, item_status, score_percent
from .audiences import assignment_audience

_ITEM_KIND_OF_TASK: dict[str, str] = {
    Task.Kind.PRACTICE: AssignmentItem.Kind.EXERCISE,
    Task.Kind.QUIZ: AssignmentItem.Kind.QUIZ,
    Task.Kind.UNIT_TEST: AssignmentItem.Kind.UNIT_TEST,
}


def class_assignment(classroom: Classroom, assignment_id: int) -> Assignment:
    assignment = (
        Assignment.objects.filter(classroom=classroom, pk=assignment_id)
        .select_related("classroom")
        .first()
    )
    if assignment is None:
        raise ClassNotFound(f"There is no assignment {assignment_id} in this class.")
    return assignment


def learner_assignment(*, learner: User, assignment_id: int) -> Assignment:
    """One of the learner's assignments; anyone else's, or none, is reported alike as none."""
    assignment = (
        Assignment.objects.filter(pk=assignment_id, classroom__learners=learner)
        .select_related("classroom")
        .first()
    )
    if assignment is None or learner.pk not in assignment_audience(assignment):
        raise ClassNotFound(f"There is no assignment {assignment_id}.")
    return assignment


def assignment_view(assignment: Assignment) -> AssignmentView:
    return AssignmentView(
        id=assignment.pk,
        title=assignment.title,
        items=[
            AssignmentItemView(
                kind=item.kind, course=item.course.slug, slug=item.slug, title=item.title
            )
            for item in assignment.items.select_related("course")
        ],
        start_at=assignment.start_at,
        due_at=assignment.due_at,
        same_questions=assignment.same_questions,
        learners=sorted(u.pk for u in assignment.learners.all()) or None,
        group=assignment.group_id,
    )


def class_assignments(classroom: Classroom, for_learner: int | None = None) -> list[AssignmentView]:
    """The class's assignments, soonest due first; only `for_learner`'s open ones when given."""
    assignments = (
        Assignment.objects.filter(classroom=classroom)
        .select_related("classroom", "group")
        .prefetch_related("learners")
        .order_by("due_at", "pk")
    )
    if for_learner is not None:
        assignments = assignments.filter(start_at__lte=timezone.now())
    return [
        assignment_view(assignment)
        for assignment in assignments
        if for_learner is None or for_learner in assignment_audience(assignment)
    ]


@dataclass
class _ItemWork:
    started: bool = False
    first_finished_at: datetime | None = None
    first_percent: float | None = None
    best_percent: float | None = None


_WorkKey = tuple[int, int, str, int, str]  # assignment, learner, item kind, course id, slug


def _work_on(assignment_ids: list[int], learner_ids: list[int]) -> dict[_WorkKey, _ItemWork]:
    """What each learner did for each item: tasks started with the assignment, completions."""
    work: dict[_WorkKey, _ItemWork] = defaultdict(_ItemWork)
    tasks = (
        Task.objects.filter(assignment_id__in=assignment_ids, learner_id__in=learner_ids)
        .order_by("finished_at", "pk")
        .values_list(
            "assignment_id", "learner_id", "kind", "course_id", "skill__slug", "quiz__slug",
            "unit__slug", "status", "finished_at", "summary",
        )
    )  # fmt: skip
    for assignment_id, learner_id, kind, course_id, skill, quiz, unit, status, at, summary in tasks:
        item_kind = _ITEM_KIND_OF_TASK.get(kind)
        if item_kind is None or assignment_id is None:
            continue
        slug = {"exercise": skill, "quiz": quiz, "unit_test": unit}[item_kind]
        item = work[(assignment_id, learner_id, item_kind, course_id, slug)]
        item.started = True
        if status != Task.Status.FINISHED or not summary:
            continue
        percent = score_percent(summary["correct"], summary["total"])
        if item.first_finished_at is None:
            item.first_finished_at, item.first_percent = at, percent
        item.best_percent = max(item.best_percent or 0.0, percent)
    completions = (
        Completion.objects.filter(assignment_id__in=assignment_ids, learner_id__in=learner_ids)
        .order_by("completed_at")
        .values_list("assignment_id", "learner_id", "kind", "course_id", "slug", "completed_at")
    )
    for assignment_id, learner_id, kind, course_id, slug, at in completions:
        assert assignment_id is not None
        item = work[(assignment_id, learner_id, kind, course_id, slug)]
        item.started = True
        if item.first_finished_at is None:
            item.first_finished_at = at
    return work


def _learner_items(
    assignment: Assignment, learner_id: int, work: dict[_WorkKey, _ItemWork], now: datetime
) -> list[ItemStanding]:
    views = []
    for item in assignment.items.all():
        done = work.get((assignment.pk, learner_id, item.kind, item.course_id, item.slug))
        done = done or _ItemWork()
        views.append(
            ItemStanding(
                kind=item.kind,
                course=item.course.slug,
                slug=item.slug,
                title=item.title,
                status=item_status(
                    first_finished_at=done.first_finished_at,
                    started=done.started,
                    due_at=assignment.due_at,
                    now=now,
                ),
                best_percent=done.best_percent,
                first_percent=done.first_percent,
            )
        )
    return views


def class_assignment_standings(
    assignments: list[Assignment], learner_ids: list[int], now: datetime
) -> dict[tuple[int, int], AssignmentStanding]:
    """(assignment id, learner id) → the learner's standing, for each learner it is for."""
    work = _work_on([a.pk for a in assignments], learner_ids)
    wanted = set(learner_ids)
    standings = {}
    for assignment in assignments:
        for learner_id in assignment_audience(assignment):
            if learner_id not in wanted:
                continue
            items = _learner_items(assignment, learner_id, work, now)
            status = assignment_status(item.status for item in items)
            standings[(assignment.pk, learner_id)] = AssignmentStanding(status, items)
    return standings


def assignment_scores(assignment: Assignment, now: datetime) -> list[AssignmentScoreRow]:
    """Each learner the assignment is for: their status and every item's status and scores."""
    ids = assignment_audience(assignment)
    work = _work_on([assignment.pk], ids)
    names = dict(User.objects.filter(pk__in=ids).values_list("pk", "username"))
    rows = []
    for learner_id in ids:
        items = _learner_items(assignment, learner_id, work, now)
        rows.append(
            AssignmentScoreRow(
                learner=learner_id,
                username=names[learner_id],
                status=assignment_status(item.status for item in items),
                items=items,
            )
        )
    return rows


def learner_assignments(learner: User, now: datetime) -> list[LearnerAssignment]:
    """The learner's open assignments across their classes, due soonest first."""
    assignments = [
        assignment
        for assignment in Assignment.objects.filter(classroom__learners=learner, start_at__lte=now)
        .select_related("classroom", "group")
        .prefetch_related("learners", "items__course")
        .order_by("due_at", "pk")
        if learner.pk in assignment_audience(assignment)
    ]
    work = _work_on([a.pk for a in assignments], [learner.pk])
    views = []
    for assignment in assignments:
        items = _learner_items(assignment, learner.pk, work, now)
        views.append(
            LearnerAssignment(
                id=assignment.pk,
                class_id=assignment.classroom_id,
                class_name=assignment.classroom.name,
                title=assignment.title,
                start_at=assignment.start_at,
                due_at=assignment.due_at,
                same_questions=assignment.same_questions,
                status=assignment_status(item.status for item in items),
                items=items,
            )
        )
    return views
