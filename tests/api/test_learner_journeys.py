"""The learner journeys of docs/api.md and docs/mastery-rules.md, over real HTTP."""

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from tests.api.learner import ANSWERS, COURSE, UNITS, WRONG, Learner
from tests.http_client import HttpClient
from tests.samples import write_known_answers_pack

from proficio.content.services import import_pack
from proficio.learning.models import Attempt, LearningEvent, SkillState, Task

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def course(tmp_path: Path) -> None:
    import_pack(path=write_known_answers_pack(tmp_path / "journey", UNITS))


@pytest.fixture
def ada(http: HttpClient) -> Learner:
    return Learner(http, "ada")


# --- accounts --------------------------------------------------------------------------------


def test_signup_token_and_me(http: HttpClient) -> None:
    learner = Learner(http, "grace")
    me = learner.get("/me")
    assert me.status == 200
    assert me.body == {
        "id": learner.id,
        "username": "grace",
        "display_name": "",
        "roles": ["learner"],
    }


def test_a_taken_username_is_409_whatever_its_case(http: HttpClient, ada: Learner) -> None:
    reply = http.post("/api/v1/auth/signup", {"username": "ADA", "password": "another-password"})
    assert reply.status == 409 and "taken" in reply.body["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"username": "bob", "password": "short"}, "at least 8 characters"),
        ({"username": "bob smith", "password": "long-enough-pw"}, "no spaces"),
        ({"password": "long-enough-pw"}, "'username' is required"),
        ({"username": "bob", "password": 12345678}, "'password'"),
    ],
)
def test_a_bad_signup_is_422_and_creates_nobody(
    http: HttpClient, body: dict[str, object], field: str
) -> None:
    reply = http.post("/api/v1/auth/signup", body)
    assert reply.status == 422 and field in reply.body["detail"], reply.body
    assert (
        http.post("/api/v1/auth/token", {"username": "bob", "password": "long-enough-pw"}).status
        == 401
    )


def test_a_wrong_password_or_token_is_401(http: HttpClient, ada: Learner) -> None:
    assert (
        http.post("/api/v1/auth/token", {"username": "ada", "password": "wrong-password"}).status
        == 401
    )
    assert (
        http.post("/api/v1/auth/token", {"username": "nobody", "password": "wrong-password"}).status
        == 401
    )
    assert http.get("/api/v1/me").status == 401
    assert http.get("/api/v1/me", token="not-a-token").status == 401


def test_an_expired_token_is_401(http: HttpClient, ada: Learner) -> None:
    from proficio.accounts.models import ApiToken

    ApiToken.objects.update(expires_at=ApiToken.objects.get().created_at - timedelta(seconds=1))
    reply = ada.get("/me")
    assert reply.status == 401 and reply.body["detail"]


# --- practice ------------------------------------------------------------------------------------


def test_a_perfect_practice_set_makes_a_skill_proficient(ada: Learner) -> None:
    reply = ada.practise("one", [True, True, True, True])
    assert reply["status"] == "finished"
    summary = reply["summary"]
    assert (summary["correct"], summary["total"]) == (4, 4)
    assert summary["skills"] == [{"skill": "one", "before": "not_started", "after": "proficient"}]
    assert summary["points_delta"] == 80
    assert summary["unit_mastery_percent"] == {"numbers": pytest.approx(26.7)}
    assert summary["course_mastery_percent"] == pytest.approx(16.0)
    assert ada.levels()["one"] == "proficient"


@pytest.mark.parametrize(
    ("right", "level"),
    [([True, True, False, False], "attempted"), ([False, False, False, False], "attempted")],
)
def test_a_weak_practice_set_leaves_a_new_skill_attempted(
    ada: Learner, right: list[bool], level: str
) -> None:
    assert ada.practise("two", right)["summary"]["skills"][0]["after"] == level


def test_one_miss_offers_a_bonus_question_that_erases_it(ada: Learner) -> None:
    reply = ada.practise("one", [True, False, True, True])
    assert reply["status"] == "bonus_offered"
    bonus = reply["next_question"]
    assert bonus["position"] == 5 and bonus["is_bonus"]
    task_id = Task.objects.get().pk
    finished = ada.answer(task_id, 5, ANSWERS["one"]).body
    assert finished["status"] == "finished"
    assert (finished["summary"]["correct"], finished["summary"]["total"]) == (4, 4)
    assert ada.levels()["one"] == "proficient"


def test_a_wrong_or_skipped_bonus_keeps_the_score(ada: Learner) -> None:
    ada.practise("one", [True, False, True, True])
    first = Task.objects.get()
    wrong = ada.answer(first.pk, 5, WRONG).body
    assert (wrong["summary"]["correct"], wrong["summary"]["skills"][0]["after"]) == (3, "familiar")
    ada.practise("two", [False, True, True, True])
    second = Task.objects.exclude(pk=first.pk).get()
    skipped = ada.post(f"/tasks/{second.pk}/skip-bonus").body
    assert skipped["status"] == "finished" and skipped["summary"]["correct"] == 3
    assert ada.levels()["two"] == "familiar"
    assert ada.post(f"/tasks/{second.pk}/skip-bonus").status == 409


def test_a_hint_makes_the_question_count_wrong(ada: Learner) -> None:
    task = ada.start("practice", skill="one").body
    hint = ada.post(f"/tasks/{task['id']}/hints", {"position": 1})
    assert (
        hint.status == 200 and hint.body["hints_left"] == 1 and "number" in hint.body["hint_html"]
    )
    assert ada.post(f"/tasks/{task['id']}/hints", {"position": 1}).body["hints_left"] == 0
    assert ada.post(f"/tasks/{task['id']}/hints", {"position": 1}).status == 409
    reply = ada.answer(task["id"], 1, ANSWERS["one"]).body
    assert reply["correct"] is True and reply["counted_correct"] is False


def test_try_again_gives_feedback_and_changes_nothing(ada: Learner) -> None:
    task = ada.start("practice", skill="one").body
    first = ada.answer(task["id"], 1, WRONG).body
    assert (first["correct"], first["counted_correct"]) == (False, False)
    assert first["explanation_html"].strip() == "<p>The answer is 1.</p>"
    again = ada.answer(task["id"], 1, ANSWERS["one"]).body
    assert (again["correct"], again["counted_correct"]) == (True, False)
    assert again["next_question"]["position"] == 2
    assert Task.objects.get().current_position == 2


def test_the_same_attempt_id_is_answered_again_but_counted_once(ada: Learner) -> None:
    task = ada.start("practice", skill="one").body
    first = ada.answer(task["id"], 1, ANSWERS["one"], attempt_id="same-id")
    again = ada.answer(task["id"], 1, WRONG, attempt_id="same-id")
    assert first.body == again.body and again.body["counted_correct"] is True
    assert Attempt.objects.count() == 1
    ada.work(ada.get(f"/tasks/{task['id']}").body, [True, True, True])
    after_finish = ada.answer(task["id"], 1, ANSWERS["one"], attempt_id="same-id")
    assert after_finish.status == 200 and after_finish.body == first.body


def test_asking_again_resumes_the_open_task_with_the_same_questions(ada: Learner) -> None:
    started = ada.start("practice", skill="one")
    ada.answer(started.body["id"], 1, ANSWERS["one"])
    again = ada.start("practice", skill="one")
    assert again.status == 200 and again.body["id"] == started.body["id"]
    assert again.body["question"]["position"] == 2
    fetched = ada.get(f"/tasks/{started.body['id']}").body
    assert fetched["question"] == again.body["question"]
    assert Task.objects.count() == 1


def test_watching_and_reading_are_recorded_and_change_no_level(
    ada: Learner, write_pack: object
) -> None:
    import_pack(path=write_pack())  # the sample course, with a video and an article
    for kind, slug in (("video", "adding-intro"), ("article", "counting-on")):
        reply = ada.post("/me/completions", {"course": "sample", "kind": kind, "slug": slug})
        assert reply.status == 201 and reply.body["slug"] == slug
    assert (
        ada.post("/me/completions", {"course": "sample", "kind": "video", "slug": "nope"}).status
        == 404
    )
    assert (
        ada.post("/me/completions", {"course": "sample", "kind": "podcast", "slug": "x"}).status
        == 422
    )
    assert not SkillState.objects.exists()
    assert LearningEvent.objects.filter(kind="item_completed").count() == 2


# --- mixed-skill assessments -------------------------------------------------------------------


def test_a_quiz_tests_the_skills_of_the_lessons_before_it(ada: Learner) -> None:
    quiz = ada.start("quiz", quiz="numbers-quiz").body
    assert sorted(quiz["skills"]) == ["one", "two"] and quiz["question_count"] == 2
    reply = ada.work(quiz, [True, True])
    assert {s["skill"]: s["after"] for s in reply["summary"]["skills"]} == {
        "one": "familiar",
        "two": "familiar",
    }


def test_a_unit_test_takes_proficient_to_mastered_and_drops_failed_skills(ada: Learner) -> None:
    ada.practise("one", [True] * 4)  # proficient
    ada.practise("two", [True] * 4)  # proficient
    test = ada.start("unit_test", unit="numbers").body
    assert sorted(test["skills"]) == ["one", "three", "two"] and test["question_count"] == 3
    question, reply = test["question"], {}
    while question:
        response = WRONG if question["skill"] == "two" else ANSWERS[question["skill"]]
        reply = ada.answer(test["id"], question["position"], response).body
        question = reply.get("next_question")
    changes = {s["skill"]: (s["before"], s["after"]) for s in reply["summary"]["skills"]}
    assert changes == {
        "one": ("proficient", "mastered"),
        "two": ("proficient", "familiar"),
        "three": ("not_started", "familiar"),
    }
    assert ada.levels() == {
        "one": "mastered",
        "two": "familiar",
        "three": "familiar",
        "four": "not_started",
        "five": "not_started",
    }
    assert LearningEvent.objects.filter(kind="skill_leveled_down", skill__slug="two").exists()


def test_a_finished_assessment_cannot_be_answered_again(ada: Learner) -> None:
    quiz = ada.start("quiz", quiz="numbers-quiz").body
    ada.work(quiz, [True, True])
    reply = ada.answer(quiz["id"], 1, "1")
    assert reply.status == 409 and "finished" in reply.body["detail"]
    new = ada.start("quiz", quiz="numbers-quiz")
    assert new.status == 201 and new.body["id"] != quiz["id"]


def test_the_course_challenge_tests_every_skill(ada: Learner) -> None:
    challenge = ada.start("course_challenge").body
    assert sorted(challenge["skills"]) == sorted(ANSWERS)
    # Fewer than 30 skills: every skill, and second questions as the cap allows.
    assert challenge["question_count"] == 2 * len(ANSWERS)
    reply = ada.work(challenge, [True] * challenge["question_count"])
    assert all(s["after"] == "familiar" for s in reply["summary"]["skills"])


# --- mastery challenges ------------------------------------------------------------------------


def test_the_mastery_challenge_unlocks_then_cools_down_and_expires(ada: Learner) -> None:
    locked = ada.start("mastery_challenge")
    assert locked.status == 409 and "locked" in locked.body["detail"]
    assert ada.progress()["mastery_challenge"]["available"] is False
    ada.practise("one", [True] * 4)
    for skill in ("two", "three"):
        reply = ada.practise(skill, [True, True, True, False])
        ada.post(f"/tasks/{Task.objects.get(skill__slug=skill).pk}/skip-bonus")
    assert ada.progress()["mastery_challenge"]["available"] is True
    assert ada.get(f"/me/courses/{COURSE}/up-next").body[0]["kind"] == "mastery_challenge"

    challenge = ada.start("mastery_challenge").body
    assert challenge["question_count"] == 6 and sorted(challenge["skills"]) == [
        "one",
        "three",
        "two",
    ]
    reply = ada.work(challenge, [True] * 6)
    assert {s["after"] for s in reply["summary"]["skills"]} == {"proficient", "mastered"}
    cooling = ada.start("mastery_challenge")
    assert cooling.status == 409 and "hours" in cooling.body["detail"]

    Task.objects.filter(kind="mastery_challenge").update(
        started_at=Task.objects.get(kind="mastery_challenge").started_at - timedelta(hours=12)
    )
    second = ada.start("mastery_challenge").body
    levels_before = ada.levels()
    Task.objects.filter(pk=second["id"]).update(
        started_at=Task.objects.get(pk=second["id"]).started_at - timedelta(hours=12, seconds=1)
    )
    # Reading it shows it expired, when its time ran out, and writes nothing.
    shown = ada.get(f"/tasks/{second['id']}").body
    started_at = Task.objects.get(pk=second["id"]).started_at
    assert shown["status"] == "expired" and shown.get("question") is None
    expired_at = started_at + timedelta(hours=12)  # shown to the millisecond
    assert abs(datetime.fromisoformat(shown["finished_at"]) - expired_at) < timedelta(
        milliseconds=1
    )
    assert Task.objects.get(pk=second["id"]).status == "in_progress"
    expired = ada.answer(second["id"], 1, "1")
    assert expired.status == 409 and "expired" in expired.body["detail"]
    written = Task.objects.get(pk=second["id"])
    assert (written.status, written.finished_at) == ("expired", expired_at)
    assert ada.get(f"/tasks/{second['id']}").body["status"] == "expired"
    assert ada.levels() == levels_before


# --- up next -----------------------------------------------------------------------------------


def test_up_next_follows_the_spec_order(ada: Learner) -> None:
    first = ada.get(f"/me/courses/{COURSE}/up-next").body
    assert first[0] == {
        "kind": "practice",
        "course": COURSE,
        "skill": "one",
        "unit": "numbers",
        "quiz": None,
        "reason": first[0]["reason"],
    }
    assert first[0]["reason"]
    for skill in ("one", "two", "three"):
        ada.practise(skill, [True] * 4)
    recommendations = ada.get(f"/me/courses/{COURSE}/up-next").body
    kinds = [(rec["kind"], rec["skill"] or rec["unit"]) for rec in recommendations]
    assert kinds[:3] == [
        ("mastery_challenge", None),
        ("unit_test", "numbers"),
        ("practice", "four"),
    ]


# --- bad input changes nothing -----------------------------------------------------------------


def snapshot() -> tuple[
    list[tuple[object, ...]], list[tuple[object, ...]], list[tuple[object, ...]]
]:
    return (
        list(Attempt.objects.order_by("id").values_list("id", "position", "correct")),
        list(SkillState.objects.order_by("id").values_list("skill_id", "level", "points")),
        list(Task.objects.order_by("id").values_list("id", "status", "current_position")),
    )


def test_bad_requests_get_clear_errors_and_change_nothing(http: HttpClient, ada: Learner) -> None:
    task = ada.start("practice", skill="one").body
    ada.answer(task["id"], 1, ANSWERS["one"])
    other = Learner(http, "eve")
    before = snapshot()
    cases = [
        (
            ada.start("practice", skill="nope"),
            404,
            "There is no skill 'nope' in the course 'journey'.",
        ),
        (
            ada.post("/tasks", {"kind": "practice", "course": "nope", "skill": "one"}),
            404,
            "There is no course 'nope'.",
        ),
        (ada.start("quiz", quiz="nope"), 404, "There is no quiz 'nope'"),
        (ada.start("unit_test", unit="nope"), 404, "There is no unit 'nope'"),
        (ada.start("practice"), 422, "'skill' is required"),
        (ada.post("/tasks", {"course": COURSE}), 422, "'kind' is required."),
        (ada.post("/tasks", {"kind": "dance", "course": COURSE}), 422, "'kind'"),
        (ada.post("/tasks", b"{not json"), 400, "not valid JSON"),
        (ada.answer(task["id"], 3, ANSWERS["one"]), 409, "Answer question 2 first."),
        (ada.answer(task["id"], 9, ANSWERS["one"]), 422, "There is no question 9"),
        (ada.answer(task["id"], 0, ANSWERS["one"]), 422, "There is no question 0"),
        (ada.answer(task["id"], 2, "one"), 422, ""),
        (ada.answer(task["id"], 2, "1" * 1001), 422, ""),
        (ada.answer(task["id"], 2, "1\x00"), 422, ""),
        (ada.answer(task["id"], 2, "1", attempt_id="x" * 101), 422, "'attempt_id'"),
        (
            ada.post(f"/tasks/{task['id']}/answers", {"position": 2, "response": "1"}),
            422,
            "'attempt_id' is required.",
        ),
        (
            ada.post(
                f"/tasks/{task['id']}/answers",
                {"position": "two", "response": "1", "attempt_id": "a"},
            ),
            422,
            "'position'",
        ),
        (ada.post(f"/tasks/{task['id']}/hints", {"position": 5}), 422, "There is no question 5"),
        (other.get(f"/tasks/{task['id']}"), 404, f"There is no task {task['id']}."),
        (other.answer(task["id"], 2, ANSWERS["one"]), 404, "There is no task"),
        (other.post(f"/tasks/{task['id']}/hints", {"position": 2}), 404, "There is no task"),
        (other.post(f"/tasks/{task['id']}/skip-bonus"), 404, "There is no task"),
        (
            http.post(
                f"/api/v1/tasks/{task['id']}/answers",
                {"position": 2, "response": "1", "attempt_id": "z"},
            ),
            401,
            "",
        ),
        (ada.get("/me/courses/nope/progress"), 404, "There is no course 'nope'."),
        (ada.get("/tasks/999999"), 404, "There is no task 999999."),
    ]
    for reply, status, detail in cases:
        assert reply.status == status, (reply.status, reply.body)
        assert isinstance(reply.body, dict) and set(reply.body) == {"detail"}, reply.body
        assert detail in reply.body["detail"], reply.body
    assert snapshot() == before


def test_mastering_every_skill_of_a_unit_records_unit_mastered(ada: Learner) -> None:
    for skill in UNITS["numbers"]:
        ada.practise(skill, [True] * 4)
    test = ada.start("unit_test", unit="numbers").body
    reply = ada.work(test, [True] * test["question_count"])
    assert reply["summary"]["unit_mastery_percent"] == {"numbers": 100.0}
    progress = ada.progress()
    assert {unit["slug"]: unit["mastery_percent"] for unit in progress["units"]} == {
        "numbers": 100.0,
        "more": 0.0,
    }
    assert progress["course_mastery_percent"] == 60.0 and progress["points"] == 300
    events = LearningEvent.objects.filter(learner__username="ada")
    assert events.filter(kind="unit_mastered", unit__slug="numbers").count() == 1
    assert (
        events.filter(kind="skill_leveled_up").count() == 6
    )  # 3 practice sets, then 3 to Mastered
    assert not events.filter(kind="course_mastered").exists()


def test_no_bonus_question_when_the_bank_is_too_small(ada: Learner, tmp_path: Path) -> None:
    small = write_known_answers_pack(tmp_path / "small", {"tiny": ["only"]}, slug="small")
    four_questions = "".join(
        f'  - type: numeric\n    prompt: "Question {n}: type 1."\n    answer: 1\n'
        for n in range(1, 5)
    )
    (small / "exercises" / "only.yaml").write_text(
        f"slug: only\ntitle: Only\nquestions:\n{four_questions}"
    )
    import_pack(path=small)
    task = ada.post("/tasks", {"kind": "practice", "course": "small", "skill": "only"}).body
    assert task["question_count"] == 4
    reply = {}
    question = task["question"]
    for right in (True, False, True, True):
        reply = ada.answer(task["id"], question["position"], "1" if right else WRONG).body
        question = reply.get("next_question")
    # One miss, but 4 questions cannot make a set of 4 plus a different bonus question.
    assert reply["status"] == "finished" and reply["summary"]["correct"] == 3
