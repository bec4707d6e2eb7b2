"""The reports as CSV: a BOM, a header, one row per learner, and no cell a spreadsheet would run."""

import csv
import io
from datetime import date

import pytest

from proficio.reports.activity import LearnerActivity
from proficio.reports.export import activity_csv, mastery_csv, skills_csv
from proficio.reports.mastery import MasteryReport
from proficio.reports.skills import SkillsReport


def rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "the file starts with a UTF-8 byte order mark"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def mastery_of(display_name: str) -> MasteryReport:
    return {
        "course": "journey",
        "units": ["numbers", "more"],
        "learners": [
            {
                "learner": 1,
                "username": "ada",
                "display_name": display_name,
                "course_mastery_percent": 62.5,
                "units": {"numbers": 100.0, "more": 0.0},
            }
        ],
    }


def test_mastery_csv_has_a_column_per_unit_in_order_and_a_row_per_learner() -> None:
    assert rows(mastery_csv(mastery_of("Ada Lovelace"))) == [
        ["username", "display_name", "course_mastery_percent", "numbers", "more"],
        ["ada", "Ada Lovelace", "62.5", "100", "0"],
    ]


def test_skills_csv_spells_levels_in_words() -> None:
    report: SkillsReport = {
        "course": "journey",
        "unit": None,
        "skills": ["one", "two"],
        "learners": [
            {
                "learner": 1,
                "username": "ada",
                "display_name": "Ada",
                "levels": {"one": "not_started", "two": "mastered"},
            }
        ],
        "counts": {},
    }

    assert rows(skills_csv(report)) == [
        ["username", "display_name", "one", "two"],
        ["ada", "Ada", "Not started", "Mastered"],
    ]


def test_activity_csv_has_the_totals_and_the_number_of_days_worked() -> None:
    report: list[LearnerActivity] = [
        {
            "learner": 1,
            "username": "ada",
            "display_name": "Ada",
            "tasks_finished": 3,
            "questions_answered": 14,
            "skills_leveled_up": 2,
            "days": [
                {
                    "date": date(2026, 11, d),
                    "tasks_finished": 1,
                    "questions_answered": 1,
                    "skills_leveled_up": 1,
                }
                for d in (17, 19)
            ],
        }
    ]

    assert rows(activity_csv(report)) == [
        [
            "username",
            "display_name",
            "tasks_finished",
            "questions_answered",
            "skills_leveled_up",
            "active_days",
        ],
        ["ada", "Ada", "3", "14", "2", "2"],
    ]


@pytest.mark.parametrize(
    "name",
    [
        '=HYPERLINK("http://evil.example","Click")', "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1+1",
        " =1+1", "\n=1+1", "\u200b=1+1", "\ufeff @SUM(A1)", "\r\n-2+3", "\uff1d1+1",
    ],
)  # fmt: skip
def test_a_name_that_a_spreadsheet_would_run_as_a_formula_is_quoted(name: str) -> None:
    (_, row) = rows(mastery_csv(mastery_of(name)))

    assert row[1] == "'" + name


@pytest.mark.parametrize("name", ["Ada - maths", "Ada = Lovelace", "a@b", " Ada", "\u200bAda"])
def test_a_sign_past_the_first_visible_character_is_left_alone(name: str) -> None:
    (_, row) = rows(mastery_csv(mastery_of(name)))

    assert row[1] == name


def test_names_with_accents_commas_and_quotes_survive_the_round_trip() -> None:
    name = 'Zoë "Zo" Ngọc, Ørsted'

    (_, row) = rows(mastery_csv(mastery_of(name)))

    assert row[1] == name
