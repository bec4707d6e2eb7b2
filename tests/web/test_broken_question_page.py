"""A question its exercise can no longer make gets a page saying so (409), never a 500."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from tests.learning.test_broken_generators import EXPRESSION_MOSTLY_BROKEN, give_generator

from proficio.accounts import services as accounts
from proficio.content.services import import_pack
from proficio.learning import actions as learning
from proficio.learning.models import Attempt

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_question_that_cannot_be_made_is_a_page_that_says_so(
    write_pack: Callable[..., Path],
) -> None:
    import_pack(path=write_pack())
    ada = accounts.sign_up(username="ada", password="a-long-password")
    task, _ = learning.start_task(
        learner=ada, request=learning.TaskRequest(kind="practice", course="sample", skill="add-big")
    )
    # The course changed under the task: no seed near its questions can be made any more.
    give_generator("add-big", {**EXPRESSION_MOSTLY_BROKEN, "vars": [["a", "choice(4)"]]})
    client = Client(raise_request_exception=False)
    client.force_login(ada)
    base = f"/tasks/{task.id}/"
    for reply in (
        client.get(base),
        client.get(f"{base}questions/1/"),
        client.post(
            f"{base}questions/1/answer", {"response": "x", "attempt_id": "a1"}, follow=True
        ),
        client.post(f"{base}questions/1/hint", follow=True),
    ):
        assert reply.status_code == 409, reply.content
        page = reply.content.decode()
        assert "This question cannot be shown" in page
        assert "cannot be made" in page and "Back to the courses" in page
    assert not Attempt.objects.exists()
