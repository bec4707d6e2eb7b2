"""The hostile-input tables' shared ground: one committed school, hostile values, a fingerprint.

The tables send hundreds of hostile requests; none may change anything, so the school is built
once per module (like tests/api/test_teaching_permissions.py) and every table compares a
fingerprint of the whole database (every row of every table) before and after.
"""

import hashlib
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

import pytest
from django.db import connection, transaction
from django.utils import timezone
from tests.module_server import module_live_server
from tests.samples import ADD_BIG, write_sample_pack

from proficio.accounts import services as accounts
from proficio.accounts.models import User
from proficio.classroom import actions
from proficio.learning import actions as learning

Call = TypeVar("Call")
PASSWORD = "hostile-input-password"
COURSE = "sample"  # tests.samples.MINIMAL_COURSE

# Text no field may hold, a text longer than the csv module reads (131,072) and than any field
# allows, numbers no id can be, and times at the calendar's edges.
NUL = "a\x00b"
LONE_SURROGATE = "\ud800"
LONG = "x" * 140_000
HUGE_NUMBERS = [2**64, 10**30, 2**63, -1, 0]
EDGE_DATES = ["0001-01-01", "9999-12-31"]
EDGE_TIMES = ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59"]


@dataclass
class School:
    """An administrator teaching a class of one learner, with a goal, an assignment, a group,
    a co-teacher, and the learner halfway through a practice set of numeric questions
    (question 1 answered, so it can be tried again)."""

    url: str
    ids: dict[str, int]  # class, goal, assignment, group, learner, teacher, task
    usernames: dict[str, str]  # teacher, co-teacher, learner
    join_code: str
    position: int  # the task's current question; question 1 can be tried again

    def path_values(self) -> dict[str, Any]:
        """A valid value for each parameter the addresses of the API and the pages name."""
        return {
            "course": "sample",
            "unit": "adding",
            **{
                f"{name}_id": self.ids[name]
                for name in ("class", "goal", "assignment", "group", "learner", "task")
            },
            "username": self.usernames["co-teacher"],
        }


# With a hint, so that the question pages offer one.
HINTED_ADD_BIG = ADD_BIG.replace('answer: "a + b"', 'answer: "a + b"\n    hints: ["Tens first."]')


def _build_school(url: str) -> School:
    with transaction.atomic():
        teacher = accounts.create_user(
            username="ms-rivera", password=PASSWORD, role=User.Role.ADMINISTRATOR
        )
        accounts.create_user(username="mr-okafor", password=PASSWORD, role=User.Role.TEACHER)
        learner = accounts.sign_up(username="ada", password=PASSWORD)
        klass = actions.create_class_for(teacher=teacher, name="Class 7B", course_slugs=[COURSE])
        actions.add_co_teacher(classroom=klass, username="mr-okafor")
        actions.add_learners(classroom=klass, learners=[learner])
        group = actions.create_group(classroom=klass, name="Group 1", learner_ids=[learner.pk])
        goal = actions.create_goal(
            classroom=klass,
            change=actions.GoalChange(
                course=COURSE, due_date=timezone.localdate() + timedelta(days=30)
            ),
        )
        assignment = actions.create_assignment(
            classroom=klass,
            change=actions.AssignmentChange(
                title="Homework",
                items=[actions.ItemChoice("exercise", COURSE, "add-small")],
                due_at=timezone.now() + timedelta(days=7),
            ),
        )
    task, _ = learning.start_task(
        learner=learner,
        request=learning.TaskRequest(kind="practice", course=COURSE, skill="add-big"),
    )
    reply = learning.answer_question(
        learner=learner, task_id=task.id, position=1, response="0",
        attempt_id=uuid.uuid4().hex,
    )  # fmt: skip
    return School(
        url=url,
        ids={
            "class": klass.pk,
            "goal": goal.pk,
            "assignment": assignment.pk,
            "group": group.pk,
            "learner": learner.pk,
            "teacher": teacher.pk,
            "task": task.id,
        },
        usernames={"teacher": "ms-rivera", "co-teacher": "mr-okafor", "learner": "ada"},
        join_code=klass.join_code,
        position=reply.next_question["position"],
    )


@pytest.fixture(scope="module")
def school(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[School]:
    """The live server and its school, committed, for the whole module; flushed at its end."""
    pack = write_sample_pack(tmp_path_factory.mktemp("hostile") / "pack", HINTED_ADD_BIG)
    with module_live_server(django_db_blocker, pack) as server:
        yield _build_school(server.url)


@pytest.fixture
def db(django_db_blocker: Any) -> Iterator[None]:
    """Database access outside any transaction, so the server sees what the test sees."""
    with django_db_blocker.unblock():
        yield


def fingerprint() -> dict[str, str]:
    """Each table's rows, digested: any row added, removed or changed shows."""
    digests = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            if table == "django_session":  # signing in writes sessions; they hold no work
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows = sorted(repr(row) for row in cursor.fetchall())
            digests[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digests


def changed_tables(before: dict[str, str]) -> list[str]:
    after = fingerprint()
    return [table for table in after if after[table] != before.get(table)]


def assert_all_refused(calls: list[Call], judged: Callable[[Call], str | None]) -> None:
    """Judge every call (None: refused as it should be), and that the database did not move.

    A few at a time: the live server answers each request in a thread of its own.
    """
    before = fingerprint()
    with ThreadPoolExecutor(max_workers=4) as pool:
        wrong = [verdict for verdict in pool.map(judged, calls) if verdict]
    assert not wrong, "\n".join(wrong)
    assert changed_tables(before) == []
