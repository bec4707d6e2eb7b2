"""The teachers' reports, as the faces use them: each report's rows, and its CSV.

A report reads the progress caches of the learners and skills it shows, never the attempt log.
"""

from .activity import MAX_DAYS, InvalidPeriod, LearnerActivity, activity_period, class_activity
from .assignments import AssignmentsReport, assignment_scores_report
from .export import (
    activity_csv,
    assignments_csv,
    csv_download,
    csv_filename,
    goals_csv,
    mastery_csv,
    skills_csv,
)
from .goals import GoalsReport, goals_report
from .mastery import MasteryReport, mastery_progress
from .scope import ReportNotFound
from .skills import SkillsReport, skills_grid

__all__ = [
    "MAX_DAYS",
    "AssignmentsReport",
    "GoalsReport",
    "InvalidPeriod",
    "LearnerActivity",
    "MasteryReport",
    "ReportNotFound",
    "SkillsReport",
    "activity_csv",
    "activity_period",
    "assignment_scores_report",
    "assignments_csv",
    "class_activity",
    "csv_download",
    "csv_filename",
    "goals_csv",
    "goals_report",
    "mastery_csv",
    "mastery_progress",
    "skills_csv",
    "skills_grid",
]
