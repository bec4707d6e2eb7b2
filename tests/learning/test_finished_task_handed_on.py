"""The finished task learning hands to the apps built on it (`task_finished`) is read in part by
hand-written SQL: it carries what is known, and saving it writes nothing else."""

import uuid
from pathlib import Path
from typing import Any

import pytest
from django.forms.models import model_to_dict
from tests.api.learner import ANSWERS, COURSE, UNITS
from tests.samples import write_known_answers_pack

from proficio.accounts.services import create_user
from proficio.content.services import import_pack
from proficio.learning.actions import TaskRequest, answer_question, start_task
from proficio.learning.models import Task
from proficio.learning.signals import task_finished

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def course(tmp_path: Path) -> None:
    import_pack(path=write_known_answers_pack(tmp_path / "journey", UNITS))


def test_the_finished_task_handed_on_is_the_stored_one_and_saves_only_what_it_holds() -> None:
    ada = create_user(username="ada", password="a-long-password")
    handed: list[Any] = []

    def keep(sender: Any, task: Task, at: Any, **kwargs: Any) -> None:
        handed.append(task)

    task_finished.connect(keep, dispatch_uid="test-keep-finished-task")
    try:
        task, _ = start_task(learner=ada, request=TaskRequest("practice", COURSE, skill="two"))
        status, question = task.status, task.question
        while status == "in_progress":
            assert question is not None
            reply = answer_question(
                learner=ada, task_id=task.id, position=question["position"],
                response=ANSWERS["two"], attempt_id=uuid.uuid4().hex,
            )  # fmt: skip
            status, question = reply.status, reply.next_question
    finally:
        task_finished.disconnect(dispatch_uid="test-keep-finished-task")
    assert status == "finished"
    (finished,) = handed
    stored = Task.objects.get(pk=task.id)
    fields = (
        "learner_id",
        "course_id",
        "kind",
        "status",
        "finished_at",
        "finish_number",
        "summary",
    )
    assert [getattr(finished, name) for name in fields] == [
        getattr(stored, name) for name in fields
    ]

    finished.save()
    assert model_to_dict(Task.objects.get(pk=task.id)) == model_to_dict(stored)
