"""The report routes over real HTTP: JSON shapes, CSV downloads, who may see them, bad queries."""

import csv
import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from tests.api.learner import Learner
from tests.http_client import HttpClient, Reply
from tests.reports.caches import PASSWORD, add_activity, ids, make_user, set_levels, set_mastery

from proficio.accounts.models import User
from proficio.accounts.tokens import issue_token
from proficio.classroom.actions import add_learners, create_class, create_group
from proficio.classroom.models import Classroom
from proficio.content.models import Course
from proficio.mastery.levels import Level

pytestmark = pytest.mark.django_db(transaction=True)

REPORTS = [
    "/reports/mastery?course=journey",
    "/reports/skills?course=journey",
    "/reports/activity",
]


def token_of(user: User) -> str:
    return issue_token(username=user.username, password=PASSWORD)


@pytest.fixture
def teacher_token(teacher: User) -> str:
    return token_of(teacher)


def report(
    http: HttpClient, token: str, classroom: Classroom, path: str, raw: bool = False
) -> Reply:
    return http.get(f"/api/v1/classes/{classroom.pk}{path}", token=token, raw=raw)


def body_of(reply: Reply) -> Any:
    assert reply.status == 200, reply.body
    return reply.body


def csv_rows(reply: Reply) -> list[list[str]]:
    assert reply.status == 200, reply.body
    assert reply.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert reply.body.startswith("\ufeff"), "a UTF-8 byte order mark opens the file"
    return list(csv.reader(io.StringIO(reply.body.removeprefix("\ufeff"))))


# --- JSON ----------------------------------------------------------------------------------------


def test_the_mastery_report_gives_the_units_and_each_learners_percents(
    http: HttpClient,
    teacher_token: str,
    classroom: Classroom,
    course: Course,
    learners: dict[str, User],
) -> None:
    set_mastery(learners["alan"], course, 37.5, {"numbers": 50.0, "more": 20.0})

    body = body_of(report(http, teacher_token, classroom, "/reports/mastery?course=journey"))

    assert body["units"] == ["numbers", "more"]
    assert body["learners"][1] == {
        "learner": learners["alan"].pk,
        "username": "alan",
        "display_name": "Alan Turing",
        "course_mastery_percent": 37.5,
        "units": {"numbers": 50.0, "more": 20.0},
    }
    assert [row["username"] for row in body["learners"]] == ["ada", "alan", "edsger"]
    assert body["learners"][0]["units"] == {"numbers": 0.0, "more": 0.0}


def test_the_skills_report_of_a_unit_for_a_group(
    http: HttpClient,
    teacher_token: str,
    classroom: Classroom,
    course: Course,
    learners: dict[str, User],
) -> None:
    set_levels(learners["ada"], course, {"four": Level.PROFICIENT, "one": Level.MASTERED})
    group = create_group(
        classroom=classroom, name="Extend", learner_ids=ids(learners["ada"], learners["edsger"])
    )

    body = body_of(
        report(
            http,
            teacher_token,
            classroom,
            f"/reports/skills?course=journey&unit=more&group={group.pk}",
        )
    )

    assert body["skills"] == ["four", "five"]
    assert [(row["username"], row["levels"]) for row in body["learners"]] == [
        ("ada", {"four": "proficient", "five": "not_started"}),
        ("edsger", {"four": "not_started", "five": "not_started"}),
    ]
    assert body["counts"]["four"] == {
        "not_started": 1,
        "attempted": 0,
        "familiar": 0,
        "proficient": 1,
        "mastered": 0,
    }


def test_the_activity_report_lists_each_learners_days_and_totals(
    http: HttpClient,
    teacher_token: str,
    classroom: Classroom,
    course: Course,
    learners: dict[str, User],
) -> None:
    add_activity(learners["ada"], course, date(2026, 11, 17), tasks=2, questions=9, level_ups=1)
    add_activity(learners["ada"], course, date(2026, 11, 19), tasks=1, questions=4, level_ups=0)

    body = body_of(
        report(http, teacher_token, classroom, "/reports/activity?from=2026-11-16&to=2026-11-22")
    )

    assert body[0] == {
        "learner": learners["ada"].pk,
        "username": "ada",
        "display_name": "Ada Lovelace",
        "tasks_finished": 3,
        "questions_answered": 13,
        "skills_leveled_up": 1,
        "days": [
            {
                "date": "2026-11-17",
                "tasks_finished": 2,
                "questions_answered": 9,
                "skills_leveled_up": 1,
            },
            {
                "date": "2026-11-19",
                "tasks_finished": 1,
                "questions_answered": 4,
                "skills_leveled_up": 0,
            },
        ],
    }
    assert [row["username"] for row in body] == ["ada", "alan", "edsger"]
    assert body[1]["days"] == [] and body[1]["tasks_finished"] == 0


def test_the_activity_report_covers_the_last_seven_days_by_default(
    http: HttpClient,
    teacher_token: str,
    classroom: Classroom,
    course: Course,
    learners: dict[str, User],
) -> None:
    today = timezone.localdate()
    add_activity(learners["ada"], course, today, tasks=1, questions=1, level_ups=0)
    add_activity(
        learners["ada"], course, today - timedelta(days=6), tasks=1, questions=2, level_ups=0
    )
    add_activity(
        learners["ada"], course, today - timedelta(days=7), tasks=1, questions=4, level_ups=0
    )

    body = body_of(report(http, teacher_token, classroom, "/reports/activity"))

    assert [day["date"] for day in body[0]["days"]] == [
        (today - timedelta(days=6)).isoformat(),
        today.isoformat(),
    ]
    assert body[0]["questions_answered"] == 3


def test_a_learners_real_practice_shows_in_the_skills_and_mastery_reports(
    http: HttpClient, teacher_token: str, classroom: Classroom
) -> None:
    grace = Learner(http, "grace")
    assert grace.post("/classes/join", {"code": classroom.join_code}).status == 200
    grace.practise("one", [True] * 4)  # 4 of 4: Proficient
    own = grace.progress()

    skills = body_of(report(http, teacher_token, classroom, "/reports/skills?course=journey"))
    mastery = body_of(report(http, teacher_token, classroom, "/reports/mastery?course=journey"))

    (grace_levels,) = [row for row in skills["learners"] if row["username"] == "grace"]
    assert grace_levels["levels"]["one"] == "proficient"
    assert skills["counts"]["one"]["proficient"] == 1
    (grace_mastery,) = [row for row in mastery["learners"] if row["username"] == "grace"]
    assert grace_mastery["course_mastery_percent"] == own["course_mastery_percent"] > 0
    assert grace_mastery["units"] == {u["slug"]: u["mastery_percent"] for u in own["units"]}


def test_a_learners_real_answers_show_in_the_activity_report(
    http: HttpClient, teacher_token: str, classroom: Classroom
) -> None:
    grace = Learner(http, "grace")
    assert grace.post("/classes/join", {"code": classroom.join_code}).status == 200
    reply = grace.practise("one", [True] * 4)  # 4 first answers, finished: Proficient
    assert reply["status"] == "finished"
    second = grace.start("practice", skill="two")
    assert grace.answer(second.body["id"], 1, "2").status == 200  # a set not finished yet

    body = body_of(report(http, teacher_token, classroom, "/reports/activity"))

    (row,) = [row for row in body if row["username"] == "grace"]
    assert row["days"] == [
        {
            "date": timezone.localdate().isoformat(),
            "tasks_finished": 1,
            "questions_answered": 5,  # the second set's first answer too
            "skills_leveled_up": 1,
        }
    ]
    assert (row["tasks_finished"], row["questions_answered"], row["skills_leveled_up"]) == (1, 5, 1)


# --- CSV -----------------------------------------------------------------------------------------


def test_the_mastery_csv_has_a_row_per_learner_and_names_class_and_report(
    http: HttpClient,
    teacher_token: str,
    classroom: Classroom,
    course: Course,
    learners: dict[str, User],
) -> None:
    set_mastery(learners["ada"], course, 62.5, {"numbers": 100.0, "more": 6.3})

    reply = report(
        http, teacher_token, classroom, "/reports/mastery?course=journey&format=csv", raw=True
    )

    assert csv_rows(reply) == [
        ["username", "display_name", "course_mastery_percent", "numbers", "more"],
        ["ada", "Ada Lovelace", "62.5", "100", "6.3"],
        ["alan", "Alan Turing", "0", "0", "0"],
        ["edsger", "Edsger Dijkstra", "0", "0", "0"],
    ]
    assert (
        reply.headers["Content-Disposition"]
        == 'attachment; filename="year-7-maths-mastery-journey.csv"'
    )


def test_the_skills_csv_has_each_learners_levels_in_words(
    http: HttpClient,
    teacher_token: str,
    classroom: Classroom,
    course: Course,
    learners: dict[str, User],
) -> None:
    set_levels(learners["alan"], course, {"two": Level.FAMILIAR})

    reply = report(
        http,
        teacher_token,
        classroom,
        "/reports/skills?course=journey&unit=numbers&format=csv",
        raw=True,
    )

    assert csv_rows(reply) == [
        ["username", "display_name", "one", "two", "three"],
        ["ada", "Ada Lovelace", "Not started", "Not started", "Not started"],
        ["alan", "Alan Turing", "Not started", "Familiar", "Not started"],
        ["edsger", "Edsger Dijkstra", "Not started", "Not started", "Not started"],
    ]
    assert (
        'filename="year-7-maths-skills-journey-numbers.csv"' in reply.headers["Content-Disposition"]
    )


def test_the_activity_csv_has_each_learners_totals_for_the_period(
    http: HttpClient,
    teacher_token: str,
    classroom: Classroom,
    course: Course,
    learners: dict[str, User],
) -> None:
    add_activity(learners["edsger"], course, date(2026, 11, 2), tasks=2, questions=8, level_ups=1)
    add_activity(learners["edsger"], course, date(2026, 11, 5), tasks=1, questions=3, level_ups=2)

    reply = report(
        http,
        teacher_token,
        classroom,
        "/reports/activity?from=2026-11-01&to=2026-11-30&format=csv",
        raw=True,
    )

    table = csv_rows(reply)
    assert table[0] == [
        "username",
        "display_name",
        "tasks_finished",
        "questions_answered",
        "skills_leveled_up",
        "active_days",
    ]
    assert table[1:] == [
        ["ada", "Ada Lovelace", "0", "0", "0", "0"],
        ["alan", "Alan Turing", "0", "0", "0", "0"],
        ["edsger", "Edsger Dijkstra", "3", "11", "3", "2"],
    ]
    assert (
        'filename="year-7-maths-activity-2026-11-01-to-2026-11-30.csv"'
        in reply.headers["Content-Disposition"]
    )


def test_a_display_name_written_as_a_formula_stays_text_in_the_csv(
    http: HttpClient, teacher_token: str, classroom: Classroom
) -> None:
    add_learners(
        classroom=classroom,
        learners=[
            make_user("zz-1", '=HYPERLINK("http://evil.example","Hi")'),
            make_user("zz-2", "@SUM(1+1)"),
            make_user("+zz-3", "-1+1"),
        ],
    )

    table = csv_rows(
        report(
            http, teacher_token, classroom, "/reports/skills?course=journey&format=csv", raw=True
        )
    )

    names = {username: name for username, name, *_ in table[1:]}  # the order is the database's
    assert names["zz-1"] == '\'=HYPERLINK("http://evil.example","Hi")'
    assert names["zz-2"] == "'@SUM(1+1)"
    assert names["'+zz-3"] == "'-1+1"


# --- who may see a report, and what is not found -----------------------------------------------


@pytest.mark.parametrize("path", REPORTS)
def test_a_teacher_of_another_class_is_told_the_class_does_not_exist(
    http: HttpClient, classroom: Classroom, path: str
) -> None:
    other = make_user("mr-other", role=User.Role.TEACHER)
    create_class(teacher=other, name="Other class", courses=[])

    reply = report(http, token_of(other), classroom, path)

    assert reply.status == 404
    assert reply.body == {"detail": f"There is no class {classroom.pk}."}


@pytest.mark.parametrize("path", REPORTS)
def test_a_learner_of_the_class_may_not_see_its_reports(
    http: HttpClient, classroom: Classroom, learners: dict[str, User], path: str
) -> None:
    reply = report(http, token_of(learners["ada"]), classroom, path)

    assert reply.status == 403
    assert reply.body == {"detail": "Only the class's teachers can do this."}


@pytest.mark.parametrize("path", REPORTS)
def test_a_report_needs_a_signed_in_caller(
    http: HttpClient, classroom: Classroom, path: str
) -> None:
    assert http.get(f"/api/v1/classes/{classroom.pk}{path}").status == 401


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("/reports/mastery?course=algebra", "There is no course 'algebra'."),
        (
            "/reports/skills?course=sample",
            "The course 'sample' is not one of this class's courses.",
        ),
    ],
)
def test_a_course_not_in_the_class_is_422_naming_it(
    http: HttpClient,
    teacher_token: str,
    classroom: Classroom,
    sample_course: Course,
    path: str,
    detail: str,
) -> None:
    reply = report(http, teacher_token, classroom, path)

    assert (reply.status, reply.body) == (422, {"detail": detail})


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        (
            "/reports/skills?course=journey&unit=fractions",
            "There is no unit 'fractions' in the course 'journey'.",
        ),
        ("/reports/mastery?course=journey&group=999999", "There is no group 999999 in this class."),
        ("/reports/activity?group=999999", "There is no group 999999 in this class."),
    ],
)
def test_what_a_report_cannot_find_is_404_naming_it(
    http: HttpClient,
    teacher_token: str,
    classroom: Classroom,
    sample_course: Course,
    path: str,
    detail: str,
) -> None:
    reply = report(http, teacher_token, classroom, path)

    assert (reply.status, reply.body) == (404, {"detail": detail})


def test_a_group_of_another_class_is_not_found(
    http: HttpClient, teacher: User, teacher_token: str, classroom: Classroom, course: Course
) -> None:
    other = create_class(teacher=teacher, name="Year 8", courses=[course])
    group = create_group(classroom=other, name="Elsewhere", learner_ids=[])

    reply = report(
        http, teacher_token, classroom, f"/reports/mastery?course=journey&group={group.pk}"
    )

    assert reply.status == 404


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        (
            "/reports/activity?from=2026-11-20&to=2026-11-10",
            "'from' (2026-11-20) is after 'to' (2026-11-10); swap them.",
        ),
        (
            "/reports/activity?from=2025-01-01&to=2026-06-30",
            "A report covers at most 366 days; 2025-01-01 to 2026-06-30 is 546. "
            "Choose a shorter period.",
        ),
    ],
)
def test_a_period_the_activity_report_cannot_cover_is_422_saying_why(
    http: HttpClient, teacher_token: str, classroom: Classroom, path: str, detail: str
) -> None:
    reply = report(http, teacher_token, classroom, path)

    assert (reply.status, reply.body) == (422, {"detail": detail})


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/reports/activity?from=2026-02-30", "'from'"),
        ("/reports/activity?to=yesterday", "'to'"),
        ("/reports/mastery?course=journey&format=xlsx", "'format'"),
        ("/reports/skills?course=journey&group=ready", "'group'"),
        ("/reports/mastery", "'course' is required."),
    ],
)
def test_a_query_parameter_that_cannot_be_read_is_422_naming_it(
    http: HttpClient, teacher_token: str, classroom: Classroom, path: str, field: str
) -> None:
    reply = report(http, teacher_token, classroom, path)

    assert reply.status == 422
    assert field in reply.body["detail"]
