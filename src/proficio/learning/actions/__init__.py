"""Every write of a learner's work, one job per module: each action is one transaction.

Answers to a task are serialised by locking the task's row; everything that changes a
learner's levels in a course is serialised by locking their `CourseProgress` row, so two tabs
or two servers never lose an update nor count one twice.
"""

from .answer import answer_question, show_hint, skip_bonus
from .completions import mark_done, record_completion
from .finish import levels_up
from .replay import rebuild_progress, refresh_course_progress
from .start import TASK_KINDS, TaskRequest, start_task

__all__ = [
    "TASK_KINDS",
    "TaskRequest",
    "answer_question",
    "levels_up",
    "mark_done",
    "rebuild_progress",
    "record_completion",
    "refresh_course_progress",
    "show_hint",
    "skip_bonus",
    "start_task",
]
