"""Every write to classes and rosters, goals, assignments and skill groups, one job per module.

Starting a task for an assignment is here too: `start_task` is the one action every face calls
to start a task, for an assignment or not.
"""

from .assignments import (
    AssignmentChange,
    ItemChoice,
    assignment_task_request,
    change_assignment,
    check_assigned_completion,
    create_assignment,
    delete_assignment,
    start_task,
)
from .classes import (
    add_co_teacher,
    add_learners,
    add_learners_by_username,
    change_class,
    create_class,
    create_class_for,
    join_class,
    new_password_for_learner,
    regenerate_join_code,
    remove_co_teacher,
    remove_learner,
)
from .goals import GoalChange, change_goal, create_goal, delete_goal, record_goals_reached
from .groups import change_group, create_group, delete_group

__all__ = [
    "AssignmentChange",
    "GoalChange",
    "ItemChoice",
    "add_co_teacher",
    "add_learners",
    "add_learners_by_username",
    "assignment_task_request",
    "change_assignment",
    "change_class",
    "change_goal",
    "change_group",
    "check_assigned_completion",
    "create_assignment",
    "create_class",
    "create_class_for",
    "create_goal",
    "create_group",
    "delete_assignment",
    "delete_goal",
    "delete_group",
    "join_class",
    "new_password_for_learner",
    "record_goals_reached",
    "regenerate_join_code",
    "remove_co_teacher",
    "remove_learner",
    "start_task",
]
