"""The reports as CSV downloads: UTF-8 with a BOM, a header row, one row per learner.

Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula,
so such text cells are prefixed with a quote, as OWASP advises for CSV injection. Spreadsheets
skip leading spaces and invisible characters, so the sign is looked for after them.
"""

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils.text import slugify

from proficio.classroom.models import Classroom
from proficio.mastery import Level

from .activity import LearnerActivity
from .assignments import AssignmentsReport
from .goals import GoalsReport
from .mastery import MasteryReport
from .skills import SkillsReport

_FORMULA_SIGNS = ("=", "+", "-", "@")
_LEVEL_WORDS = {level.slug: level.word for level in Level}


def _text(value: str) -> str:
    return "'" + value if value.startswith(("\t", "\r")) or _runs_as_formula(value) else value


def _runs_as_formula(value: str) -> bool:
    """Whether the first visible character is a formula sign (fullwidth ＝ included)."""
    for char in value:
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
            continue
        return unicodedata.normalize("NFKC", char) in _FORMULA_SIGNS
    return False


def _percent(value: float) -> str:
    return f"{value:g}"  # 66.7, 100, 0


def _table(header: Sequence[str], rows: Iterable[Sequence[str | int]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_text(cell) for cell in header])
    writer.writerows(
        [_text(cell) if isinstance(cell, str) else cell for cell in row] for row in rows
    )
    # The BOM tells spreadsheet programs the file is UTF-8 (accented names stay intact).
    return out.getvalue().encode("utf-8-sig")


def mastery_csv(report: MasteryReport) -> bytes:
    """username, display_name, course_mastery_percent, then each unit's %."""
    return _table(
        ["username", "display_name", "course_mastery_percent", *report["units"]],
        (
            [
                row["username"],
                row["display_name"],
                _percent(row["course_mastery_percent"]),
                *(_percent(row["units"][unit]) for unit in report["units"]),
            ]
            for row in report["learners"]
        ),
    )


def skills_csv(report: SkillsReport) -> bytes:
    """username, display_name, then each skill's level in words ("Not started" … "Mastered")."""
    return _table(
        ["username", "display_name", *report["skills"]],
        (
            [
                row["username"],
                row["display_name"],
                *(_LEVEL_WORDS[row["levels"][skill]] for skill in report["skills"]),
            ]
            for row in report["learners"]
        ),
    )


ACTIVITY_COLUMNS = ("tasks_finished", "questions_answered", "skills_leveled_up", "active_days")


def activity_csv(report: list[LearnerActivity]) -> bytes:
    """username, display_name, the period's totals, and on how many days the learner worked.

    One column per day would make a year's report hundreds of columns wide; the JSON has days.
    """
    return _table(
        ["username", "display_name", *ACTIVITY_COLUMNS],
        (
            [
                row["username"],
                row["display_name"],
                row["tasks_finished"],
                row["questions_answered"],
                row["skills_leveled_up"],
                len(row["days"]),
            ]
            for row in report
        ),
    )


_STATUS_WORDS = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "completed": "Completed",
    "late": "Late",
    "past_due": "Past due",
    "on_track": "On track",
    "behind": "Behind",
    "achieved": "Achieved",
}


def assignments_csv(report: AssignmentsReport) -> bytes:
    """username, display_name, then two columns per assignment: its status and best %.

    A cell is empty where the assignment is not set for the learner (or has no score yet).
    """
    header = ["username", "display_name"]
    for heading in report["assignments"]:
        header += [f"{heading['title']} (status)", f"{heading['title']} (best %)"]
    rows = []
    for row in report["learners"]:
        cells: list[str | int] = [row["username"], row["display_name"]]
        for heading in report["assignments"]:
            key = str(heading["id"])
            status = row["statuses"].get(key)
            best = row["best_percent"].get(key)
            cells += [
                _STATUS_WORDS[status] if status else "",
                "" if best is None else _percent(best),
            ]
        rows.append(cells)
    return _table(header, rows)


def goals_csv(report: GoalsReport) -> bytes:
    """username, display_name, then two columns per goal: the learner's mastery % and status."""
    header = ["username", "display_name"]
    for goal in report["goals"]:
        name = f"{goal['title']} by {goal['due_date']}"
        header += [f"{name} (mastery %)", f"{name} (status)"]
    rows = []
    for row in report["learners"]:
        cells: list[str | int] = [row["username"], row["display_name"]]
        for goal in report["goals"]:
            standing = row["goals"].get(str(goal["id"]))
            cells += (
                [_percent(standing["mastery_percent"]), _STATUS_WORDS[standing["status"]]]
                if standing
                else ["", ""]
            )
        rows.append(cells)
    return _table(header, rows)


def csv_filename(*, classroom: Classroom, report: str, detail: str) -> str:
    """e.g. "year-7-maths-skills-fractions.csv": the class, the report and what it covers."""
    name = slugify(classroom.name) or f"class-{classroom.pk}"
    return f"{name}-{report}-{slugify(detail)}.csv"


def csv_download(content: bytes, filename: str) -> HttpResponse:
    """A report's CSV as a file download, for the API and the pages alike."""
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
