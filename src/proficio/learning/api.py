"""What learning offers the rest of Proficio: the one door other apps and the faces go through.

The actions write a learner's work (each one transaction); the reads derive what a learner sees
and never write. What crosses the border is in `learning.data`; `learning.models` is open for
foreign keys and for the reports' queries over the progress caches.
"""

from .actions import (
    TASK_KINDS,
    TaskRequest,
    answer_question,
    levels_up,
    mark_done,
    rebuild_progress,
    record_completion,
    refresh_course_progress,
    show_hint,
    skip_bonus,
    start_task,
)
from .errors import InvalidAnswer, NotFound, QuestionUnavailable, TaskConflict
from .questions import question_view, skill_question
from .selectors import (
    completed_items,
    course_progress,
    courses_worked_in,
    latest_answer,
    learner_task,
    learners_with_progress,
    recommendations,
    task_has_begun,
    task_question_rows,
    task_view,
)
from .signals import task_finished

__all__ = [
    "TASK_KINDS",
    "InvalidAnswer",
    "NotFound",
    "QuestionUnavailable",
    "TaskConflict",
    "TaskRequest",
    "answer_question",
    "completed_items",
    "course_progress",
    "courses_worked_in",
    "latest_answer",
    "learner_task",
    "learners_with_progress",
    "levels_up",
    "mark_done",
    "question_view",
    "rebuild_progress",
    "recommendations",
    "record_completion",
    "refresh_course_progress",
    "show_hint",
    "skill_question",
    "skip_bonus",
    "start_task",
    "task_finished",
    "task_has_begun",
    "task_question_rows",
    "task_view",
]
