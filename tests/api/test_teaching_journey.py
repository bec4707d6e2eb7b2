"""A teacher runs a class through the API, as docs/api.md "Teaching" describes, over real HTTP."""

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from tests.api.learner import COURSE, UNITS, Learner
from tests.api.teaching import Teacher
from tests.http_client import HttpClient
from tests.samples import write_known_answers_pack

from proficio.accounts.models import User
from proficio.accounts.services import create_user
from proficio.classroom.models import Assignment, Classroom, Goal, GoalAchievement
from proficio.content.services import import_pack
from proficio.learning.models import Task, TaskQuestion

pytestmark = pytest.mark.django_db(transaction=True)

# Practice sets (docs/mastery-rules.md): 3 of 4 and a missed bonus → Familiar (50 points);
# 4 of 4 → Proficient (80 points).
FAMILIAR = [True, True, True, False, False]
PROFICIENT = [True] * 4


@pytest.fixture(autouse=True)
def course(tmp_path: Path) -> None:
    import_pack(path=write_known_answers_pack(tmp_path / "journey", UNITS))


@pytest.fixture
def teacher(http: HttpClient) -> Teacher:
    return Teacher(http, "ms-hopper")


@pytest.fixture
def classroom(teacher: Teacher) -> dict[str, Any]:
    return teacher.create_class("Year 7 maths", [COURSE])


def joined(http: HttpClient, username: str, code: str) -> Learner:
    learner = Learner(http, username)
    reply = learner.post("/classes/join", {"code": code})
    assert reply.status == 200, reply.body
    return learner


def today() -> str:
    return timezone.localdate().isoformat()


def days_from_today(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


# --- classes and rosters ----------------------------------------------------------------------


def test_an_administrator_creates_a_teacher_who_creates_a_class(http: HttpClient) -> None:
    create_user(username="head", password="head-password", role=User.Role.ADMINISTRATOR)
    token = http.post("/api/v1/auth/token", {"username": "head", "password": "head-password"})
    created = http.post(
        "/api/v1/admin/teachers",
        {"username": "mr-turing", "password": "enigma-machine", "display_name": "Mr Turing"},
        token=token.body["token"],
    )
    assert created.status == 201 and created.body["username"] == "mr-turing"
    signed_in = http.post(
        "/api/v1/auth/token", {"username": "mr-turing", "password": "enigma-machine"}
    )
    teacher_token = signed_in.body["token"]
    me = http.get("/api/v1/me", token=teacher_token)
    assert me.body["roles"] == ["teacher"]
    made = http.post("/api/v1/classes", {"name": "Codes", "courses": [COURSE]}, token=teacher_token)
    assert made.status == 201
    assert made.body["teachers"] == ["mr-turing"] and made.body["courses"] == [COURSE]
    assert made.body["join_enabled"] is True and len(made.body["join_code"]) == 6


def test_a_class_with_an_unknown_course_is_404_and_not_created(teacher: Teacher) -> None:
    reply = teacher.post("/classes", {"name": "Nope", "courses": [COURSE, "astrology"]})
    assert reply.status == 404 and "astrology" in reply.body["detail"]
    assert not Classroom.objects.exists()


def test_learners_join_with_the_code_however_they_type_it(
    http: HttpClient, teacher: Teacher, classroom: dict[str, Any]
) -> None:
    code = classroom["join_code"]
    typed = f" {code[:3].lower()}-{code[3:].lower()} "
    ada = joined(http, "ada", typed)
    again = ada.post("/classes/join", {"code": code})
    assert again.status == 200 and again.body == {"id": classroom["id"], "name": "Year 7 maths"}
    assert ada.get("/classes").body == [
        {"id": classroom["id"], "name": "Year 7 maths", "courses": [COURSE]}
    ]
    seen_by_learner = ada.get(f"/classes/{classroom['id']}").body
    assert seen_by_learner["learner_count"] == 1
    assert seen_by_learner.get("join_code") is None
    roster = teacher.ok("GET", f"/classes/{classroom['id']}/learners")
    assert roster == [{"id": ada.id, "username": "ada", "display_name": ""}]


def test_a_new_code_retires_the_old_and_joining_can_be_turned_off(
    http: HttpClient, teacher: Teacher, classroom: dict[str, Any]
) -> None:
    old = classroom["join_code"]
    new = teacher.ok("POST", f"/classes/{classroom['id']}/join-code")["join_code"]
    assert new != old
    grace = Learner(http, "grace")
    refused = grace.post("/classes/join", {"code": old})
    assert refused.status == 404 and "code" in refused.body["detail"]
    teacher.ok("PATCH", f"/classes/{classroom['id']}", {"join_enabled": False})
    assert grace.post("/classes/join", {"code": new}).status == 404
    teacher.ok("PATCH", f"/classes/{classroom['id']}", {"join_enabled": True})
    assert grace.post("/classes/join", {"code": new}).status == 200


def test_teachers_add_learners_by_username_and_remove_them(
    http: HttpClient, teacher: Teacher, classroom: dict[str, Any]
) -> None:
    ada, grace = Learner(http, "ada"), Learner(http, "grace")
    Teacher(http, "mr-babbage")
    path = f"/classes/{classroom['id']}/learners"
    added = teacher.ok("POST", path, {"usernames": ["ADA", "grace", "nobody", "mr-babbage"]})
    assert added == {"added": ["ada", "grace"], "not_found": ["nobody", "mr-babbage"]}
    assert teacher.delete(f"{path}/{grace.id}").status == 204
    assert [row["username"] for row in teacher.ok("GET", path)] == ["ada"]
    assert teacher.delete(f"{path}/{grace.id}").status == 404
    assert ada.get("/classes").body[0]["id"] == classroom["id"]
    assert grace.get("/classes").body == []


def test_a_csv_import_creates_adds_and_reports_each_failed_row(
    http: HttpClient, teacher: Teacher, classroom: dict[str, Any]
) -> None:
    Learner(http, "ada")
    Teacher(http, "mr-babbage")
    csv_text = (
        "username,display_name,password\n"
        "emmy,Emmy Noether,rings-and-fields\n"
        "ada,Ada Lovelace,\n"
        "bad name,Bad,long-enough-1\n"
        "sofia,Sofia K,short\n"
        "EMMY,Emmy again,rings-and-fields\n"
        "mr-babbage,,\n"
        "carl,Carl Gauss\n"
        "a,b,c,d\n"
    )
    report = teacher.ok("POST", f"/classes/{classroom['id']}/learners/import", {"csv": csv_text})
    assert report["created"] == ["emmy", "carl"]
    assert report["added"] == ["ada"]
    assert [error["row"] for error in report["errors"]] == [4, 5, 6, 7, 9]
    messages = " ".join(error["message"] for error in report["errors"])
    assert "not a valid username" in messages and "at least 8 characters" in messages
    assert "earlier row" in messages and "teacher" in messages and "three columns" in messages
    assert list(report["generated_passwords"]) == ["carl"]
    roster = teacher.ok("GET", f"/classes/{classroom['id']}/learners")
    assert [(row["username"], row["display_name"]) for row in roster] == [
        ("ada", ""), ("carl", "Carl Gauss"), ("emmy", "Emmy Noether"),
    ]  # fmt: skip
    signed_in = http.post(
        "/api/v1/auth/token",
        {"username": "carl", "password": report["generated_passwords"]["carl"]},
    )
    assert signed_in.status == 200
    assert not User.objects.filter(username__in=["sofia", "bad name"]).exists()


def test_co_teachers_share_a_class_which_keeps_at_least_one_teacher(
    http: HttpClient, teacher: Teacher, classroom: dict[str, Any]
) -> None:
    babbage = Teacher(http, "mr-babbage")
    Learner(http, "ada")
    path = f"/classes/{classroom['id']}/teachers"
    assert babbage.get(f"/classes/{classroom['id']}").status == 404
    assert teacher.post(path, {"username": "ada"}).status == 422
    assert teacher.ok("POST", path, {"username": "mr-babbage"}, 201)["username"] == "mr-babbage"
    assert babbage.ok("GET", f"/classes/{classroom['id']}")["teachers"] == [
        "mr-babbage",
        "ms-hopper",
    ]
    assert babbage.delete(f"{path}/ms-hopper").status == 204
    assert teacher.get(f"/classes/{classroom['id']}").status == 404
    last = babbage.delete(f"{path}/mr-babbage")
    assert last.status == 422 and "at least one teacher" in last.body["detail"]


# --- goals ------------------------------------------------------------------------------------


def test_goals_show_each_learners_mastery_pace_and_status(
    http: HttpClient, teacher: Teacher, classroom: dict[str, Any]
) -> None:
    code, class_id = classroom["join_code"], classroom["id"]
    ada, grace, alan = (joined(http, name, code) for name in ("ada", "grace", "alan"))
    ada.practise("one", FAMILIAR)
    ada.practise("two", FAMILIAR)
    alan.practise("one", [False] * 4)  # Attempted: started, no points
    course_goal = teacher.ok(
        "POST",
        f"/classes/{class_id}/goals",
        {"course": COURSE, "start_date": days_from_today(-5), "due_date": days_from_today(5)},
        201,
    )
    assert course_goal["unit"] is None and course_goal["target_percent"] == 100
    numbers = teacher.ok(
        "POST",
        f"/classes/{class_id}/goals",
        {
            "course": COURSE,
            "unit": "numbers",
            "target_percent": 60,
            "due_date": days_from_today(10),
        },
        201,
    )
    assert numbers["start_date"] == today()
    more = teacher.ok(
        "POST",
        f"/classes/{class_id}/goals",
        {"course": COURSE, "unit": "more", "target_percent": 50, "start_date": days_from_today(-10),
         "due_date": days_from_today(-1), "learners": [ada.id, grace.id]},
        201,
    )  # fmt: skip
    assert more["learners"] == sorted([ada.id, grace.id])
    assert [g["id"] for g in teacher.ok("GET", f"/classes/{class_id}/goals")] == [
        more["id"], course_goal["id"], numbers["id"],
    ]  # fmt: skip

    detail = teacher.ok("GET", f"/classes/{class_id}/goals/{course_goal['id']}")
    assert detail["expected_percent"] == 50.0
    by_name = {row["username"]: row for row in detail["progress"]}
    assert by_name["ada"]["mastery_percent"] == 20.0  # 100 of 500 points
    assert by_name["ada"]["status"] == "behind"
    assert by_name["alan"]["status"] == "behind" and by_name["alan"]["mastery_percent"] == 0.0
    assert by_name["grace"]["status"] == "not_started"

    unit_detail = teacher.ok("GET", f"/classes/{class_id}/goals/{numbers['id']}")
    assert unit_detail["expected_percent"] == 0.0  # starts today
    assert {row["username"]: row["status"] for row in unit_detail["progress"]} == {
        "ada": "on_track", "alan": "on_track", "grace": "not_started",
    }  # fmt: skip
    more_detail = teacher.ok("GET", f"/classes/{class_id}/goals/{more['id']}")
    assert [row["username"] for row in more_detail["progress"]] == ["ada", "grace"]
    assert {row["status"] for row in more_detail["progress"]} == {"not_started"}

    mine = {goal["id"]: goal for goal in ada.get("/me/goals").body}
    assert set(mine) == {course_goal["id"], numbers["id"], more["id"]}
    assert (
        mine[numbers["id"]]["mastery_percent"] == 33.3
        and mine[numbers["id"]]["status"] == "on_track"
    )
    assert {goal["id"] for goal in alan.get("/me/goals").body} == {course_goal["id"], numbers["id"]}


def test_reaching_a_goal_is_recorded_once_and_told_to_the_learner(
    http: HttpClient, teacher: Teacher, classroom: dict[str, Any]
) -> None:
    ada = joined(http, "ada", classroom["join_code"])
    goal = teacher.ok(
        "POST",
        f"/classes/{classroom['id']}/goals",
        {"course": COURSE, "unit": "more", "target_percent": 25, "due_date": days_from_today(7)},
        201,
    )
    first = ada.practise("four", FAMILIAR)  # 50 of 200 points: 25 %
    assert first["summary"]["unit_mastery_percent"]["more"] == 25.0
    assert first["goals_reached"] == [
        {"id": goal["id"], "course": COURSE, "unit": "more", "target_percent": 25}
    ]
    again = ada.practise("five", FAMILIAR)
    assert again["goals_reached"] == []
    assert GoalAchievement.objects.filter(goal_id=goal["id"]).count() == 1
    (mine,) = ada.get("/me/goals").body
    assert mine["status"] == "achieved" and mine["achieved_at"] is not None
    task = Task.objects.filter(learner_id=ada.id, skill__slug="four").get()
    assert ada.get(f"/tasks/{task.pk}").body["goals_reached"][0]["id"] == goal["id"]


def test_a_bad_goal_is_refused_with_a_reason_and_nothing_is_saved(
    http: HttpClient, teacher: Teacher, classroom: dict[str, Any]
) -> None:
    stranger = Learner(http, "stranger")
    path = f"/classes/{classroom['id']}/goals"
    cases = [
        ({"course": COURSE, "due_date": days_from_today(3), "target_percent": 0}, 422, "target_percent"),
        ({"course": COURSE, "start_date": days_from_today(3), "due_date": today()}, 422, "on or after"),
        ({"course": COURSE, "unit": "nowhere", "due_date": today()}, 404, "nowhere"),
        ({"course": "astrology", "due_date": today()}, 422, "astrology"),
        ({"course": COURSE, "due_date": today(), "learners": [stranger.id]}, 422, "not in this class"),
        ({"course": COURSE, "due_date": today(), "group": 999999}, 404, "group"),
        ({"course": COURSE}, 422, "due_date"),
    ]  # fmt: skip
    for body, status, words in cases:
        reply = teacher.post(path, body)
        assert reply.status == status and words in reply.body["detail"], (body, reply.body)
    assert not Goal.objects.exists()


def test_goals_can_be_edited_and_removed(teacher: Teacher, classroom: dict[str, Any]) -> None:
    path = f"/classes/{classroom['id']}/goals"
    goal = teacher.ok("POST", path, {"course": COURSE, "due_date": days_from_today(3)}, 201)
    changed = teacher.ok("PATCH", f"{path}/{goal['id']}", {"unit": "numbers", "target_percent": 80})
    assert changed["unit"] == "numbers" and changed["target_percent"] == 80
    assert changed["due_date"] == goal["due_date"]
    assert teacher.patch(f"{path}/{goal['id']}", {"due_date": "2000-01-01"}).status == 422
    assert teacher.delete(f"{path}/{goal['id']}").status == 204
    assert teacher.get(f"{path}/{goal['id']}").status == 404


# --- skill groups and assignments -------------------------------------------------------------


def test_suggested_groups_put_learners_by_average_points_and_become_real_groups(
    http: HttpClient, teacher: Teacher, classroom: dict[str, Any]
) -> None:
    code, class_id = classroom["join_code"], classroom["id"]
    ada, grace, alan = (joined(http, name, code) for name in ("ada", "grace", "alan"))
    for skill in UNITS["numbers"]:
        ada.practise(skill, FAMILIAR)
        grace.practise(skill, PROFICIENT)  # average 80
    ada.practise("one", PROFICIENT)  # Proficient, Familiar, Familiar: average 60
    suggested = teacher.ok(
        "POST", f"/classes/{class_id}/groups/suggest", {"course": COURSE, "unit": "numbers"}
    )
    assert [(s["name"], s["learners"]) for s in suggested] == [
        ("Needs support", [alan.id]),
        ("Practising", [ada.id]),
        ("Ready to extend", [grace.id]),
    ]
    assert suggested[1]["levels"] == ["familiar"]
    assert suggested[1]["averages"] == {str(ada.id): 60.0}
    assert "unit" in suggested[1]["reason"] and "50 to under 80" in suggested[1]["reason"]
    one_skill = teacher.ok(
        "POST", f"/classes/{class_id}/groups/suggest", {"course": COURSE, "skills": ["two"]}
    )
    assert [s["name"] for s in one_skill] == ["Needs support", "Practising", "Ready to extend"]
    assert one_skill[1]["learners"] == [ada.id]

    group = teacher.ok(
        "POST",
        f"/classes/{class_id}/groups",
        {"name": suggested[0]["name"], "learners": suggested[0]["learners"]},
        201,
    )
    moved = teacher.ok(
        "PATCH", f"/classes/{class_id}/groups/{group['id']}", {"learners": [alan.id, ada.id]}
    )
    assert moved["learners"] == sorted([alan.id, ada.id])
    assert teacher.ok("GET", f"/classes/{class_id}/groups") == [moved]
    unknown = teacher.post(
        f"/classes/{class_id}/groups/suggest", {"course": COURSE, "skills": ["juggling"]}
    )
    assert unknown.status == 404 and "juggling" in unknown.body["detail"]


def work_assignment(
    learner: Learner, assignment_id: int, kind: str, right: bool = True, **target: str
) -> dict[str, Any]:
    started = learner.post(
        "/tasks", {"kind": kind, "course": COURSE, "assignment": assignment_id, **target}
    )
    assert started.status == 201, started.body
    return learner.work(started.body, [right] * 12)


def test_an_exercise_and_a_quiz_assigned_to_a_group_are_scored(
    http: HttpClient, teacher: Teacher, classroom: dict[str, Any]
) -> None:
    code, class_id = classroom["join_code"], classroom["id"]
    ada, grace, alan = (joined(http, name, code) for name in ("ada", "grace", "alan"))
    group = teacher.ok(
        "POST", f"/classes/{class_id}/groups", {"name": "Needs support", "learners": [ada.id, alan.id]}, 201
    )  # fmt: skip
    due = datetime.now(UTC) + timedelta(days=2)
    assignment = teacher.ok(
        "POST",
        f"/classes/{class_id}/assignments",
        {
            "items": [
                {"kind": "exercise", "course": COURSE, "slug": "two"},
                {"kind": "quiz", "course": COURSE, "slug": "numbers-quiz"},
            ],
            "due_at": due.isoformat(),
            "group": group["id"],
            "same_questions": True,
        },
        201,
    )
    assert assignment["title"] == "Skill two and 1 more"
    assert [item["title"] for item in assignment["items"]] == ["Skill two", "Quiz of numbers"]

    mine = ada.get("/me/assignments").body
    assert [a["id"] for a in mine] == [assignment["id"]] and mine[0]["status"] == "not_started"
    assert grace.get("/me/assignments").body == []
    refused = grace.post(
        "/tasks", {"kind": "practice", "course": COURSE, "skill": "two", "assignment": assignment["id"]}
    )  # fmt: skip
    assert refused.status == 404

    practice = work_assignment(ada, assignment["id"], "practice", skill="two")
    assert practice["status"] == "finished" and practice["summary"]["total"] == 4
    alan_start = alan.post(
        "/tasks", {"kind": "practice", "course": COURSE, "skill": "two", "assignment": assignment["id"]}
    )  # fmt: skip
    ada_task = Task.objects.get(learner_id=ada.id, assignment_id=assignment["id"], kind="practice")
    items = lambda task_id: list(  # noqa: E731
        TaskQuestion.objects.filter(task_id=task_id, is_bonus=False).values_list("item", flat=True)
    )
    assert items(ada_task.pk) == items(alan_start.body["id"])  # the same questions for everyone
    assert ada_task.status == "finished" and ada_task.summary["correct"] == 4
    assert not TaskQuestion.objects.filter(task=ada_task, answered=True, is_bonus=True).exists()

    scores = teacher.ok("GET", f"/classes/{class_id}/assignments/{assignment['id']}/scores")
    assert [row["username"] for row in scores] == ["ada", "alan"]
    ada_row, alan_row = scores
    assert ada_row["status"] == "not_started"  # the quiz is still to do
    assert ada_row["items"][0] == {
        "kind": "exercise", "course": COURSE, "slug": "two", "title": "Skill two",
        "status": "completed", "best_percent": 100.0, "first_percent": 100.0,
    }  # fmt: skip
    assert alan_row["items"][0]["status"] == "in_progress"

    quiz = work_assignment(ada, assignment["id"], "quiz", right=False, quiz="numbers-quiz")
    assert quiz["summary"]["correct"] == 0
    quiz_again = work_assignment(ada, assignment["id"], "quiz", quiz="numbers-quiz")
    assert quiz_again["summary"]["correct"] == quiz_again["summary"]["total"]
    (ada_row, _) = teacher.ok("GET", f"/classes/{class_id}/assignments/{assignment['id']}/scores")
    assert ada_row["status"] == "completed"
    assert (ada_row["items"][1]["best_percent"], ada_row["items"][1]["first_percent"]) == (
        100.0,
        0.0,
    )
    assert ada.get("/me/assignments").body[0]["status"] == "completed"
    # Work for an assignment counts toward mastery like any other.
    assert ada.levels()["two"] == "proficient"


def test_work_done_without_the_assignment_does_not_count_for_it(
    http: HttpClient, teacher: Teacher, classroom: dict[str, Any]
) -> None:
    ada = joined(http, "ada", classroom["join_code"])
    assignment = teacher.ok(
        "POST",
        f"/classes/{classroom['id']}/assignments",
        {"items": [{"kind": "exercise", "course": COURSE, "slug": "one"}],
         "due_at": (datetime.now(UTC) + timedelta(days=1)).isoformat()},
        201,
    )  # fmt: skip
    ada.practise("one", [True] * 5)
    (row,) = teacher.ok("GET", f"/classes/{classroom['id']}/assignments/{assignment['id']}/scores")
    assert row["status"] == "not_started" and row["items"][0]["best_percent"] is None


def test_late_and_past_due_work_and_an_extended_due_time(
    http: HttpClient, teacher: Teacher, classroom: dict[str, Any]
) -> None:
    ada, _grace = (joined(http, name, classroom["join_code"]) for name in ("ada", "grace"))
    path = f"/classes/{classroom['id']}/assignments"
    assignment = teacher.ok(
        "POST",
        path,
        {"items": [{"kind": "exercise", "course": COURSE, "slug": "one"}],
         "start_at": (datetime.now(UTC) - timedelta(days=3)).isoformat(),
         "due_at": (datetime.now(UTC) - timedelta(days=1)).isoformat()},
        201,
    )  # fmt: skip
    work_assignment(ada, assignment["id"], "practice", skill="one")
    scores = {
        row["username"]: row["status"]
        for row in teacher.ok("GET", f"{path}/{assignment['id']}/scores")
    }
    assert scores == {"ada": "late", "grace": "past_due"}
    later = (datetime.now(UTC) + timedelta(days=7)).isoformat()
    extended = teacher.ok("PATCH", f"{path}/{assignment['id']}", {"due_at": later})
    assert extended["due_at"].startswith(later[:16])
    scores = {
        row["username"]: row["status"]
        for row in teacher.ok("GET", f"{path}/{assignment['id']}/scores")
    }
    assert scores == {"ada": "completed", "grace": "not_started"}
    assert teacher.delete(f"{path}/{assignment['id']}").status == 204
    assert not Assignment.objects.exists()
    assert ada.levels()["one"] == "proficient"  # the work stays


def test_videos_and_articles_are_complete_once_marked(
    http: HttpClient, teacher: Teacher, write_pack: Any
) -> None:
    import_pack(path=write_pack())
    classroom = teacher.create_class("Sample", ["sample"])
    ada = joined(http, "ada", classroom["join_code"])
    assignment = teacher.ok(
        "POST",
        f"/classes/{classroom['id']}/assignments",
        {"title": "Watch and read",
         "items": [{"kind": "video", "course": "sample", "slug": "adding-intro"},
                   {"kind": "article", "course": "sample", "slug": "counting-on"}],
         "due_at": (datetime.now(UTC) + timedelta(days=1)).isoformat()},
        201,
    )  # fmt: skip
    done = ada.post(
        "/me/completions",
        {"course": "sample", "kind": "video", "slug": "adding-intro", "assignment": assignment["id"]},
    )  # fmt: skip
    assert done.status == 201
    (mine,) = ada.get("/me/assignments").body
    assert [item["status"] for item in mine["items"]] == ["completed", "not_started"]
    assert mine["status"] == "not_started" and mine["items"][0]["best_percent"] is None
    wrong = ada.post(
        "/me/completions",
        {"course": "sample", "kind": "article", "slug": "adding-intro", "assignment": assignment["id"]},
    )  # fmt: skip
    assert wrong.status == 422


@pytest.mark.parametrize(
    ("items", "words"),
    [
        ([{"kind": "course_challenge", "course": COURSE, "slug": COURSE}], "the course challenge cannot be assigned"),
        ([{"kind": "mastery_challenge", "course": COURSE, "slug": COURSE}], "cannot be assigned"),
        ([{"kind": "exercise", "course": COURSE, "slug": "juggling"}], "juggling"),
        ([{"kind": "unit_test", "course": COURSE, "slug": "numbers"}] * 2, "twice"),
        ([], "items"),
    ],
)  # fmt: skip
def test_a_bad_assignment_is_refused_and_nothing_is_saved(
    teacher: Teacher, classroom: dict[str, Any], items: list[dict[str, str]], words: str
) -> None:
    reply = teacher.post(
        f"/classes/{classroom['id']}/assignments",
        {"items": items, "due_at": (datetime.now(UTC) + timedelta(days=1)).isoformat()},
    )
    assert reply.status in {404, 422} and words in reply.body["detail"], reply.body
    assert not Assignment.objects.exists()


def test_an_assignment_not_yet_open_cannot_be_started(
    http: HttpClient, teacher: Teacher, classroom: dict[str, Any]
) -> None:
    ada = joined(http, "ada", classroom["join_code"])
    assignment = teacher.ok(
        "POST",
        f"/classes/{classroom['id']}/assignments",
        {"items": [{"kind": "unit_test", "course": COURSE, "slug": "numbers"}],
         "start_at": (datetime.now(UTC) + timedelta(days=1)).isoformat(),
         "due_at": (datetime.now(UTC) + timedelta(days=2)).isoformat()},
        201,
    )  # fmt: skip
    assert ada.get("/me/assignments").body == []
    early = ada.post(
        "/tasks", {"kind": "unit_test", "course": COURSE, "unit": "numbers", "assignment": assignment["id"]}
    )  # fmt: skip
    assert early.status == 409 and "opens" in early.body["detail"]
    assert not Task.objects.exists()


# --- the whole journey, and every report ------------------------------------------------------


def csv_rows(reply_text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(reply_text.lstrip("\ufeff"))))


def test_a_teacher_runs_a_class_and_every_report_shows_the_right_numbers(
    http: HttpClient, teacher: Teacher
) -> None:
    made = teacher.create_class("Year 7 maths", [COURSE])
    class_id = made["id"]
    ada, alan, grace = (joined(http, name, made["join_code"]) for name in ("ada", "alan", "grace"))
    teacher_get_csv = lambda path: http.request(  # noqa: E731
        "GET", f"/api/v1/classes/{class_id}/reports/{path}", token=teacher.token, raw=True
    )

    # Goals: the course, and two units.
    course_goal = teacher.ok(
        "POST", f"/classes/{class_id}/goals",
        {"course": COURSE, "start_date": days_from_today(-5), "due_date": days_from_today(5)}, 201,
    )  # fmt: skip
    numbers_goal = teacher.ok(
        "POST", f"/classes/{class_id}/goals",
        {"course": COURSE, "unit": "numbers", "target_percent": 50, "due_date": days_from_today(10)},
        201,
    )  # fmt: skip
    more_goal = teacher.ok(
        "POST", f"/classes/{class_id}/goals",
        {"course": COURSE, "unit": "more", "target_percent": 80, "due_date": days_from_today(20),
         "learners": [ada.id]},
        201,
    )  # fmt: skip

    # Work before grouping: ada 50 + 50 + 80 points on the unit, alan tries and misses.
    ada.practise("one", FAMILIAR)
    ada.practise("two", FAMILIAR)
    ada.practise("three", PROFICIENT)
    alan.practise("one", [False] * 4)

    suggested = teacher.ok(
        "POST", f"/classes/{class_id}/groups/suggest", {"course": COURSE, "unit": "numbers"}
    )
    assert [(s["name"], s["learners"]) for s in suggested] == [
        ("Needs support", [alan.id, grace.id]),
        ("Practising", [ada.id]),
    ]
    group = teacher.ok(
        "POST", f"/classes/{class_id}/groups",
        {"name": suggested[0]["name"], "learners": suggested[0]["learners"]}, 201,
    )  # fmt: skip
    assignment = teacher.ok(
        "POST", f"/classes/{class_id}/assignments",
        {"items": [{"kind": "exercise", "course": COURSE, "slug": "one"},
                   {"kind": "quiz", "course": COURSE, "slug": "numbers-quiz"}],
         "due_at": (datetime.now(UTC) + timedelta(days=3)).isoformat(), "group": group["id"]},
        201,
    )  # fmt: skip

    # alan does both items: Attempted → Proficient on one, then the quiz all right lifts one to
    # Mastered and two to Familiar. grace does nothing.
    work_assignment(alan, assignment["id"], "practice", skill="one")
    quiz = work_assignment(alan, assignment["id"], "quiz", quiz="numbers-quiz")
    assert quiz["summary"]["skills"] == [
        {"skill": "one", "before": "proficient", "after": "mastered"},
        {"skill": "two", "before": "not_started", "after": "familiar"},
    ] or quiz["summary"]["skills"] == [
        {"skill": "two", "before": "not_started", "after": "familiar"},
        {"skill": "one", "before": "proficient", "after": "mastered"},
    ]
    quiz_questions = Task.objects.get(learner_id=alan.id, kind="quiz").question_count

    # Mastery progress.
    mastery = teacher.ok("GET", f"/classes/{class_id}/reports/mastery?course={COURSE}")
    assert mastery["units"] == ["numbers", "more"]
    assert [
        (row["username"], row["course_mastery_percent"], row["units"])
        for row in mastery["learners"]
    ] == [
        ("ada", 36.0, {"numbers": 60.0, "more": 0.0}),
        ("alan", 30.0, {"numbers": 50.0, "more": 0.0}),
        ("grace", 0.0, {"numbers": 0.0, "more": 0.0}),
    ]
    assert csv_rows(teacher_get_csv(f"mastery?course={COURSE}&format=csv").body) == [
        ["username", "display_name", "course_mastery_percent", "numbers", "more"],
        ["ada", "", "36", "60", "0"],
        ["alan", "", "30", "50", "0"],
        ["grace", "", "0", "0", "0"],
    ]
    in_group = teacher.ok(
        "GET", f"/classes/{class_id}/reports/mastery?course={COURSE}&group={group['id']}"
    )
    assert [row["username"] for row in in_group["learners"]] == ["alan", "grace"]

    # Skills of the unit.
    skills = teacher.ok("GET", f"/classes/{class_id}/reports/skills?course={COURSE}&unit=numbers")
    assert skills["skills"] == ["one", "two", "three"]
    assert [row["levels"] for row in skills["learners"]] == [
        {"one": "familiar", "two": "familiar", "three": "proficient"},
        {"one": "mastered", "two": "familiar", "three": "not_started"},
        {"one": "not_started", "two": "not_started", "three": "not_started"},
    ]
    assert skills["counts"]["two"] == {
        "not_started": 1, "attempted": 0, "familiar": 2, "proficient": 0, "mastered": 0,
    }  # fmt: skip
    assert csv_rows(teacher_get_csv(f"skills?course={COURSE}&unit=numbers&format=csv").body)[
        1:
    ] == [
        ["ada", "", "Familiar", "Familiar", "Proficient"],
        ["alan", "", "Mastered", "Familiar", "Not started"],
        ["grace", "", "Not started", "Not started", "Not started"],
    ]

    # Goals and their pace.
    goals = teacher.ok("GET", f"/classes/{class_id}/reports/goals")
    assert [goal["id"] for goal in goals["goals"]] == [
        course_goal["id"], numbers_goal["id"], more_goal["id"],
    ]  # fmt: skip
    assert goals["goals"][0]["expected_percent"] == 50.0
    standings = {
        row["username"]: {int(key): value["status"] for key, value in row["goals"].items()}
        for row in goals["learners"]
    }
    assert standings == {
        "ada": {course_goal["id"]: "behind", numbers_goal["id"]: "achieved",
                more_goal["id"]: "not_started"},
        "alan": {course_goal["id"]: "behind", numbers_goal["id"]: "achieved"},
        "grace": {course_goal["id"]: "not_started", numbers_goal["id"]: "not_started"},
    }  # fmt: skip
    goals_csv = csv_rows(teacher_get_csv("goals?format=csv").body)
    assert goals_csv[2] == ["alan", "", "30", "Behind", "50", "Achieved", "", ""]
    assert GoalAchievement.objects.filter(goal_id=numbers_goal["id"]).count() == 2

    # Assignment scores.
    report = teacher.ok("GET", f"/classes/{class_id}/reports/assignments")
    assert report["assignments"][0]["id"] == assignment["id"]
    key = str(assignment["id"])
    assert [(row["username"], row["statuses"], row["best_percent"]) for row in report["learners"]] == [
        ("ada", {}, {}),
        ("alan", {key: "completed"}, {key: 100.0}),
        ("grace", {key: "not_started"}, {key: None}),
    ]  # fmt: skip
    assert csv_rows(teacher_get_csv("assignments?format=csv").body)[1:] == [
        ["ada", "", "", ""],
        ["alan", "", "Completed", "100"],
        ["grace", "", "Not started", ""],
    ]

    # Activity today: first answers, finished tasks and moves up to Familiar or higher.
    activity = teacher.ok("GET", f"/classes/{class_id}/reports/activity")
    totals = {
        row["username"]: (
            row["tasks_finished"],
            row["questions_answered"],
            row["skills_leveled_up"],
        )
        for row in activity
    }
    assert totals == {
        "ada": (3, 5 + 5 + 4, 3),
        "alan": (3, 4 + 4 + quiz_questions, 3),
        "grace": (0, 0, 0),
    }
    assert [day["date"] for day in activity[0]["days"]] == [today()]
    assert csv_rows(teacher_get_csv("activity?format=csv").body)[1][:5] == [
        "ada", "", "3", "14", "3",
    ]  # fmt: skip


def test_a_goal_for_a_group_follows_the_group_and_survives_its_deletion(
    http: HttpClient, teacher: Teacher, classroom: dict[str, Any]
) -> None:
    class_id = classroom["id"]
    ada, alan, grace = (
        joined(http, name, classroom["join_code"]) for name in ("ada", "alan", "grace")
    )
    group = teacher.ok(
        "POST", f"/classes/{class_id}/groups", {"name": "Extend", "learners": [ada.id]}, 201
    )
    goal = teacher.ok(
        "POST",
        f"/classes/{class_id}/goals",
        {"course": COURSE, "unit": "more", "due_date": days_from_today(7), "group": group["id"]},
        201,
    )
    assert goal["group"] == group["id"] and goal["learners"] is None
    learners_of = lambda: [  # noqa: E731
        row["username"]
        for row in teacher.ok("GET", f"/classes/{class_id}/goals/{goal['id']}")["progress"]
    ]
    assert learners_of() == ["ada"]
    assert [g["id"] for g in grace.get("/me/goals").body] == []
    teacher.ok(
        "PATCH", f"/classes/{class_id}/groups/{group['id']}", {"learners": [ada.id, alan.id]}
    )
    assert learners_of() == ["ada", "alan"]  # the goal follows the group as learners move
    assert teacher.delete(f"/classes/{class_id}/groups/{group['id']}").status == 204
    kept = teacher.ok("GET", f"/classes/{class_id}/goals/{goal['id']}")
    assert kept["group"] is None and kept["learners"] == sorted([ada.id, alan.id])
    assert learners_of() == ["ada", "alan"]
