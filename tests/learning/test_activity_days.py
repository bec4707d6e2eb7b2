"""The daily activity counts: first answers, finished tasks and level-ups, on the day they
happened, kept in the same transaction as the answer."""

from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.api.learner import ANSWERS, COURSE, UNITS, WRONG
from tests.samples import write_known_answers_pack

from proficio.accounts.services import create_user
from proficio.content.services import import_pack
from proficio.learning.actions import (
    TaskRequest,
    answer_question,
    show_hint,
    skip_bonus,
    start_task,
)
from proficio.learning.data import AnswerReply, TaskView
from proficio.learning.models import ActivityDay

pytestmark = pytest.mark.django_db

DAY = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def course(tmp_path: Path) -> None:
    import_pack(path=write_known_answers_pack(tmp_path / "journey", UNITS))


@pytest.fixture
def ada() -> Any:
    return create_user(username="ada", password="a-long-password")


def counts(learner: Any, day: date | None = None) -> tuple[int, int, int]:
    """(tasks finished, questions answered, skills levelled up) on that day; zeros if none."""
    row = ActivityDay.objects.filter(learner=learner, day=day or DAY.date()).first()
    return (row.tasks_finished, row.questions_answered, row.skills_leveled_up) if row else (0, 0, 0)


def respond(learner: Any, task: TaskView, position: int, right: bool, attempt: str,
            now: datetime = DAY) -> AnswerReply:  # fmt: skip
    skill = task.skills[0] if len(task.skills) == 1 else None
    return answer_question(
        learner=learner, task_id=task.id, position=position,
        response=ANSWERS[skill] if right and skill else WRONG, attempt_id=attempt, now=now,
    )  # fmt: skip


def practise(learner: Any, skill: str, right: list[bool], now: datetime = DAY) -> dict[str, Any]:
    """The reply to the last answer, with the task's id added."""
    task, _ = start_task(learner=learner, request=TaskRequest("practice", COURSE, skill=skill))
    reply: Any = None
    for position, is_right in enumerate(right, start=1):
        reply = respond(learner, task, position, is_right, f"{task.id}-{position}", now)
    return {**asdict(reply), "task": task.id}


def test_only_the_first_answer_to_a_position_counts(ada: Any) -> None:
    task, _ = start_task(learner=ada, request=TaskRequest("practice", COURSE, skill="one"))
    show_hint(learner=ada, task_id=task.id, position=1, now=DAY)
    assert counts(ada) == (0, 0, 0)  # a hint is not an answer
    respond(ada, task, 1, right=False, attempt="first")
    assert counts(ada) == (0, 1, 0)
    respond(ada, task, 1, right=False, attempt="first")  # the same submission, retried
    respond(ada, task, 1, right=True, attempt="try-again")  # an earlier question again
    show_hint(learner=ada, task_id=task.id, position=2, now=DAY)
    assert counts(ada) == (0, 1, 0)
    respond(ada, task, 2, right=True, attempt="second")
    assert counts(ada) == (0, 2, 0)


def test_work_counts_on_the_day_it_was_done(ada: Any) -> None:
    task, _ = start_task(learner=ada, request=TaskRequest("practice", COURSE, skill="one"))
    respond(ada, task, 1, right=True, attempt="a")
    later = DAY + timedelta(days=1)
    for position in (2, 3, 4):
        reply = respond(ada, task, position, right=True, attempt=str(position), now=later)
    assert reply.status == "finished"
    assert counts(ada) == (0, 1, 0)
    assert counts(ada, later.date()) == (1, 3, 1)


def test_levelling_up_counts_moves_to_familiar_and_above_only(ada: Any) -> None:
    # Not started → attempted: a finished set, but no level-up to count.
    reply = practise(ada, "one", [False, False, False, False])
    assert reply["summary"]["skills"][0]["after"] == "attempted"
    assert counts(ada) == (1, 4, 0)
    # Not started → proficient, and attempted → proficient: one each.
    practise(ada, "two", [True, True, True, True])
    practise(ada, "one", [True, True, True, True])
    assert counts(ada) == (3, 12, 2)
    # A quiz of both skills, all right: proficient → mastered twice.
    quiz, _ = start_task(learner=ada, request=TaskRequest("quiz", COURSE, quiz="numbers-quiz"))
    question = quiz.question
    for _ in range(quiz.question_count):
        reply = answer_question(
            learner=ada, task_id=quiz.id, position=question["position"],
            response=ANSWERS[question["skill"]], attempt_id=f"q{question['position']}", now=DAY,
        )  # fmt: skip
        question = reply.next_question
    assert {s["after"] for s in reply.summary["skills"]} == {"mastered"}
    total = 12 + quiz.question_count
    assert counts(ada) == (4, total, 4)
    # Levels going down count nothing but the finished set and its answers.
    practise(ada, "two", [False, False, False, False])
    assert counts(ada) == (5, total + 4, 4)


def test_a_declined_bonus_finishes_the_set_without_another_answer(ada: Any) -> None:
    reply = practise(ada, "three", [True, True, True, False])
    assert reply["status"] == "bonus_offered"
    assert counts(ada) == (0, 4, 0)
    assert skip_bonus(learner=ada, task_id=reply["task"], now=DAY).status == "finished"
    assert counts(ada) == (1, 4, 1)  # 3 of 4: not started → familiar
