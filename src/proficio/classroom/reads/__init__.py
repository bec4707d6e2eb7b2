"""The reads of classes, goals, assignments and skill groups, shaped for their views, one job
per module; each raises ClassNotFound for what is not the caller's."""

from .assignments import (
    assignment_scores,
    assignment_view,
    class_assignment,
    class_assignment_standings,
    class_assignments,
    learner_assignment,
    learner_assignments,
)
from .audiences import assignment_audience, goal_audience
from .classes import (
    class_course,
    class_group,
    class_learner,
    class_learner_ids,
    class_learners,
    class_teachers,
    class_view,
    classes_of,
    is_teacher_of,
    member_class,
    taught_class,
)
from .goals import (
    class_goal,
    class_goals,
    class_goals_with_statuses,
    goal_progress,
    goal_view,
    goals_reached_by_task,
    learner_goals,
)
from .groups import class_groups, group_view, suggested_groups
from .recent_work import recent_learning, skills_levelled_down_since

__all__ = [
    "assignment_audience",
    "assignment_scores",
    "assignment_view",
    "class_assignment",
    "class_assignment_standings",
    "class_assignments",
    "class_course",
    "class_goal",
    "class_goals",
    "class_goals_with_statuses",
    "class_group",
    "class_groups",
    "class_learner",
    "class_learner_ids",
    "class_learners",
    "class_teachers",
    "class_view",
    "classes_of",
    "goal_audience",
    "goal_progress",
    "goal_view",
    "goals_reached_by_task",
    "group_view",
    "is_teacher_of",
    "learner_assignment",
    "learner_assignments",
    "learner_goals",
    "member_class",
    "recent_learning",
    "skills_levelled_down_since",
    "suggested_groups",
    "taught_class",
]
