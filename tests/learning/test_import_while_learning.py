"""A course re-imported while its learners work: nobody waits on the other forever, and the
progress rows end as the attempt log says."""

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from tests.api.learner import COURSE, UNITS
from tests.learning.test_progress_integrity import (
    do_task,
    new_learner,
    progress_figures,
    run_together,
)
from tests.samples import write_known_answers_pack

from proficio.content.services import import_pack
from proficio.learning.actions import TaskRequest

pytestmark = pytest.mark.django_db(transaction=True)


def test_learners_finishing_tasks_during_a_reimport_neither_deadlock_nor_lose_work(
    tmp_path: Path,
) -> None:
    pack = write_known_answers_pack(tmp_path / "journey", UNITS)
    import_pack(path=pack)
    learners = [new_learner(f"learner-{number}") for number in range(4)]
    for learner in learners:
        # Each has a progress row, which the re-import locks to recompute it.
        do_task(learner, TaskRequest("practice", COURSE, skill="one"), lambda p: True)
    for skill in ("two", "four", "five"):

        def finish(learner: Any, skill: str = skill) -> Any:
            return do_task(learner, TaskRequest("practice", COURSE, skill=skill), lambda p: True)

        calls = [lambda learner=learner: finish(learner) for learner in learners]
        calls += [lambda: import_pack(path=pack, force=True) for _ in range(2)]
        failed = [reply for reply in run_together(calls) if isinstance(reply, Exception)]
        assert not failed, failed
    after = progress_figures()
    call_command("rebuild_progress", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert progress_figures() == after
