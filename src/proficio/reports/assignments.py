"""The assignment scores report: each learner's status and score on every class assignment."""

from collections.abc import Sequence
from datetime import datetime
from typing import TypedDict

from proficio.classroom.api import class_assignment_standings
from proficio.classroom.models import Assignment, Classroom

from .scope import learner_names

SCORED = {"exercise", "quiz", "unit_test"}


class AssignmentHeading(TypedDict):
    id: int
    title: str
    due_at: datetime


class LearnerAssignments(TypedDict):
    learner: int
    username: str
    display_name: str
    statuses: dict[str, str]
    best_percent: dict[str, float | None]


class AssignmentsReport(TypedDict):
    assignments: list[AssignmentHeading]
    learners: list[LearnerAssignments]


def assignment_scores_report(
    *, classroom: Classroom, learner_ids: Sequence[int], now: datetime
) -> AssignmentsReport:
    """Learners × the class's assignments (soonest due first).

    An assignment not set for a learner has no key in their row. Its `best_percent` is the
    mean of the best scores of its exercises, quizzes and unit tests, an unfinished one
    counting 0, or null until the learner has finished one of them (or when it has none).
    """
    assignments = list(
        Assignment.objects.filter(classroom=classroom)
        .select_related("classroom", "group")
        .prefetch_related("learners", "items__course")
        .order_by("due_at", "pk")
    )
    ids = list(learner_ids)
    standings = class_assignment_standings(assignments, ids, now)
    names = learner_names(ids)
    rows: list[LearnerAssignments] = []
    for learner_id in ids:
        statuses: dict[str, str] = {}
        best: dict[str, float | None] = {}
        for assignment in assignments:
            standing = standings.get((assignment.pk, learner_id))
            if standing is None:
                continue
            key = str(assignment.pk)
            statuses[key] = standing.status
            scores = [item.best_percent for item in standing.items if item.kind in SCORED]
            finished = [score for score in scores if score is not None]
            best[key] = round(sum(finished) / len(scores), 1) if finished else None
        rows.append(
            {
                "learner": learner_id,
                "username": names[learner_id].username,
                "display_name": names[learner_id].display_name,
                "statuses": statuses,
                "best_percent": best,
            }
        )
    return {
        "assignments": [{"id": a.pk, "title": a.title, "due_at": a.due_at} for a in assignments],
        "learners": rows,
    }
