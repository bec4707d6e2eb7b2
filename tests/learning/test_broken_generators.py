"""A generator that fails for some seeds never makes starting or answering a task a 500.

`proficio check` now refuses such generators, so the broken banks here are written straight
into the database, as a course imported before that check would hold them.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from tests.api.learner import Learner
from tests.http_client import HttpClient

from proficio.content.models import Course, Skill
from proficio.content.questions import GeneratorError, QuestionBank
from proficio.content.services import import_pack
from proficio.learning.models import Task, TaskQuestion

pytestmark = pytest.mark.django_db(transaction=True)

# Only a = 6 makes a question (12 / (6 - 5) = 12): three seeds in four cannot be made.
NUMERIC_MOSTLY_BROKEN = {
    "type": "numeric",
    "vars": [["a", "choice(5, 5, 5, 6)"], ["b", "randint(1, 1000)"]],
    "prompt": "Question {b}: what is $12 / ({a} - 5)$?",
    "answer": "12 / (a - 5)",
}
# Only a = 5 makes an answer that can be checked (x/(5-4), which is x): x/(4-4) cannot.
EXPRESSION_MOSTLY_BROKEN = {
    "type": "expression",
    "vars": [["a", "choice(4, 4, 4, 5)"], ["b", "randint(1, 1000)"]],
    "prompt": "Question {b}: simplify $x/({a}-4)$.",
    "answer": "x/({a}-4)",
}


@pytest.fixture
def ada(http: HttpClient, write_pack: Callable[..., Path]) -> Learner:
    import_pack(path=write_pack())
    return Learner(http, "ada")


def give_generator(skill: str, generator: dict[str, Any]) -> None:
    """Store a generator that bypassed `proficio check`, as if the course had been imported."""
    Skill.objects.filter(slug=skill).update(
        question_bank={"questions": [], "generators": [generator]}
    )
    Course.objects.update(imported_at=timezone.now())


def start_practice(learner: Learner, skill: str = "add-big") -> Any:
    return learner.post("/tasks", {"kind": "practice", "course": "sample", "skill": skill})


def answer_every_question(learner: Learner, task: dict[str, Any], response: str) -> dict[str, Any]:
    question, reply = task["question"], {}
    while question is not None:
        answered = learner.answer(task["id"], question["position"], response)
        assert answered.status == 200, answered.body
        assert answered.body["correct"] is True, answered.body
        reply = answered.body
        question = reply.get("next_question") if reply["status"] != "finished" else None
        if reply["status"] == "bonus_offered":
            question = reply["next_question"]
    return reply


def stored_items_can_all_be_made(task_id: int) -> bool:
    bank = QuestionBank.from_json("add-big", Skill.objects.get(slug="add-big").question_bank)
    for item in TaskQuestion.objects.filter(task_id=task_id).values_list("item", flat=True):
        try:
            bank.usable_question(item)
        except GeneratorError:
            return False
    return True


@pytest.mark.parametrize(
    ("generator", "answer"),
    [(NUMERIC_MOSTLY_BROKEN, "12"), (EXPRESSION_MOSTLY_BROKEN, "x")],
    ids=["numeric answer divides by zero", "expression answer divides by zero"],
)
def test_a_practice_set_draws_again_the_questions_that_cannot_be_made(
    ada: Learner, generator: dict[str, Any], answer: str
) -> None:
    give_generator("add-big", generator)
    started = start_practice(ada)
    assert started.status == 201, started.body
    assert stored_items_can_all_be_made(started.body["id"])
    assert answer_every_question(ada, started.body, answer)["status"] == "finished"


def test_a_task_whose_questions_cannot_be_made_is_409_and_leaves_nothing_behind(
    ada: Learner,
) -> None:
    give_generator("add-big", {**NUMERIC_MOSTLY_BROKEN, "vars": [["a", "choice(5)"]]})
    for _ in range(2):  # a retry starts afresh: there is no half-made task to resume
        started = start_practice(ada)
        assert started.status == 409, started.body
        assert "cannot be made" in started.body["detail"]
        assert not Task.objects.exists() and not TaskQuestion.objects.exists()


def an_item_that_cannot_be_made(generator: dict[str, Any]) -> str:
    bank = QuestionBank.from_json("add-big", {"generators": [generator]})
    for seed in range(100):
        try:
            bank.usable_question(f"add-big~1:{seed}")
        except GeneratorError:
            return f"add-big~1:{seed}"
    raise AssertionError("every seed works")


def test_a_stored_question_that_cannot_be_checked_is_stood_in_for_by_the_next_good_seed(
    ada: Learner,
) -> None:
    started = start_practice(ada)
    assert started.status == 201, started.body
    task_id = started.body["id"]
    # The course changed under the task: its current question is now one that cannot be made.
    give_generator("add-big", EXPRESSION_MOSTLY_BROKEN)
    broken = an_item_that_cannot_be_made(EXPRESSION_MOSTLY_BROKEN)
    TaskQuestion.objects.filter(task_id=task_id, position=1).update(item=broken)
    shown = ada.get(f"/tasks/{task_id}")
    assert shown.status == 200, shown.body
    assert "simplify" in shown.body["question"]["prompt_html"]
    answered = ada.answer(task_id, 1, "x")
    assert answered.status == 200, answered.body
    assert answered.body["correct"] is True


def test_a_stored_question_with_no_good_seed_near_it_is_409_not_500(ada: Learner) -> None:
    started = start_practice(ada)
    assert started.status == 201, started.body
    task_id = started.body["id"]
    give_generator("add-big", {**EXPRESSION_MOSTLY_BROKEN, "vars": [["a", "choice(4)"]]})
    for reply in (ada.get(f"/tasks/{task_id}"), ada.answer(task_id, 1, "x")):
        assert reply.status == 409, reply.body
        assert "cannot be made" in reply.body["detail"]
