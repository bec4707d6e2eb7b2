"""The attempt log is the truth: caches rebuild identically, answers cost the same whatever the
history, and racing answers never lose an update nor count twice."""

import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.api.learner import ANSWERS, COURSE, UNITS, WRONG
from tests.samples import write_known_answers_pack

from proficio.accounts.services import create_user
from proficio.content.services import import_pack
from proficio.learning.actions import TaskRequest, answer_question, skip_bonus, start_task
from proficio.learning.data import AnswerReply, TaskView
from proficio.learning.models import (
    ActivityDay,
    Attempt,
    CourseProgress,
    LearningEvent,
    SkillState,
    Task,
    UnitProgress,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def course(tmp_path: Path) -> None:
    import_pack(path=write_known_answers_pack(tmp_path / "journey", UNITS))


def new_learner(name: str = "ada") -> Any:
    return create_user(username=name, password="a-long-password")


def answer(learner: Any, task: TaskView, position: int, right: bool) -> AnswerReply:
    skill = task.question["skill"] if position == task.question["position"] else None
    skill = skill or Task.objects.get(pk=task.id).questions.get(position=position).skill.slug
    return answer_question(
        learner=learner, task_id=task.id, position=position,
        response=ANSWERS[skill] if right else WRONG, attempt_id=uuid.uuid4().hex,
    )  # fmt: skip


def do_task(learner: Any, request: TaskRequest, right: Callable[[int], bool]) -> Any:
    task, _ = start_task(learner=learner, request=request)
    reply: Any = task
    position = 1
    while reply.status == "in_progress" or reply.status == "bonus_offered":
        question = task.question if position == 1 else reply.next_question
        reply = answer_question(
            learner=learner, task_id=task.id, position=question["position"],
            response=ANSWERS[question["skill"]] if right(position) else WRONG,
            attempt_id=uuid.uuid4().hex,
        )  # fmt: skip
        position += 1
        if reply.status == "bonus_offered" and position % 2:
            return skip_bonus(learner=learner, task_id=task.id)
    return reply


def cache_rows() -> dict[str, list[tuple[Any, ...]]]:
    return {
        "skills": sorted(
            SkillState.objects.values_list(
                "learner_id", "skill_id", "level", "points", "last_finished_at", "updated_at"
            )
        ),
        "units": sorted(
            UnitProgress.objects.values_list(
                "learner_id",
                "unit_id",
                "points",
                "points_possible",
                "mastery_percent",
                "updated_at",
            )
        ),
        "courses": sorted(
            CourseProgress.objects.values_list(
                "learner_id",
                "course_id",
                "points",
                "points_possible",
                "mastery_percent",
                "updated_at",
            )
        ),
        "activity": sorted(
            ActivityDay.objects.values_list(
                "learner_id",
                "course_id",
                "day",
                "tasks_finished",
                "questions_answered",
                "skills_leveled_up",
            )
        ),
    }


def test_rebuild_progress_gives_identical_rows() -> None:
    ada, bob = new_learner("ada"), new_learner("bob")
    for skill in ("one", "two", "three", "four"):
        do_task(ada, TaskRequest("practice", COURSE, skill=skill), lambda p: p != 2)
        do_task(bob, TaskRequest("practice", COURSE, skill=skill), lambda p: p % 3 != 0)
    do_task(ada, TaskRequest("unit_test", COURSE, unit="numbers"), lambda p: p != 1)
    do_task(bob, TaskRequest("quiz", COURSE, quiz="numbers-quiz"), lambda p: True)
    do_task(ada, TaskRequest("course_challenge", COURSE), lambda p: p % 2 == 0)
    hinted, _ = start_task(learner=bob, request=TaskRequest("practice", COURSE, skill="five"))
    from proficio.learning.actions import show_hint

    show_hint(learner=bob, task_id=hinted.id, position=1)
    for position in range(1, 5):
        answer(bob, hinted, position, right=True)
    # The hint made question 1 count wrong: one miss, so a bonus is offered; decline it.
    assert skip_bonus(learner=bob, task_id=hinted.id).summary["correct"] == 3
    live = cache_rows()
    assert len(live["skills"]) == 10 and live["units"] and live["courses"]
    # Each learner's one day: their finished tasks, first answers and level-ups to Familiar+.
    expected = [
        (
            learner.pk,
            Task.objects.filter(learner=learner, status="finished").count(),
            Attempt.objects.filter(learner=learner, kind="answer", first=True).count(),
            LearningEvent.objects.filter(learner=learner, kind="skill_leveled_up")
            .exclude(data__after="attempted")
            .count(),
        )
        for learner in (ada, bob)
    ]
    assert [(row[0], *row[3:]) for row in live["activity"]] == expected
    assert all(count for row in expected for count in row[1:]), expected
    events = LearningEvent.objects.count()

    call_command("rebuild_progress", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert cache_rows() == live
    assert LearningEvent.objects.count() == events


def queries_to_answer(learner: Any, task: dict[str, Any], position: int) -> int:
    skill = Task.objects.get(pk=task.id).questions.get(position=position).skill.slug
    with CaptureQueriesContext(connection) as queries:
        answer_question(
            learner=learner, task_id=task.id, position=position, response=ANSWERS[skill],
            attempt_id=uuid.uuid4().hex,
        )  # fmt: skip
    return len(queries)


def test_the_answer_path_costs_the_same_whatever_the_history() -> None:
    fresh, busy = new_learner("fresh"), new_learner("busy")
    for _ in range(15):
        for skill in ("one", "two", "three"):
            do_task(busy, TaskRequest("practice", COURSE, skill=skill), lambda p: p != 3)
    assert Attempt.objects.filter(learner=busy).count() > 150
    costs = {}
    for learner in (fresh, busy):
        task, _ = start_task(learner=learner, request=TaskRequest("practice", COURSE, skill="four"))
        answer(learner, task, 1, right=True)  # warm caches (policy, question banks)
        mid = queries_to_answer(learner, task, 2)
        answer(learner, task, 3, right=True)
        last = queries_to_answer(learner, task, 4)
        costs[learner.username] = (mid, last)
    mid, last = costs["busy"]
    # A learner's first finished task in a course also creates their course row: 2 more.
    assert costs["fresh"] == (mid, last + 2), costs
    # Today: 7 for a question (its daily count and the transaction included), and 16 for the
    # one that finishes the set (one of them looks for class goals the learner reached).
    assert mid <= 7 and last <= 16, costs


def run_together(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in threads released at the same moment; their results (or errors)."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = calls[index]()
        except Exception as error:  # reported back to the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_racing_first_answers_settle_a_question_once() -> None:
    ada = new_learner()
    task, _ = start_task(learner=ada, request=TaskRequest("practice", COURSE, skill="one"))
    replies = run_together([lambda: answer(ada, task, 1, right=True) for _ in range(6)])
    assert not [reply for reply in replies if isinstance(reply, Exception)], replies
    assert Attempt.objects.filter(task_id=task.id, position=1, first=True).count() == 1
    assert Attempt.objects.filter(task_id=task.id, position=1).count() == 6
    assert Task.objects.get(pk=task.id).current_position == 2


def test_a_retried_attempt_id_racing_itself_counts_once() -> None:
    ada = new_learner()
    task, _ = start_task(learner=ada, request=TaskRequest("practice", COURSE, skill="one"))

    def submit() -> AnswerReply:
        return answer_question(
            learner=ada, task_id=task.id, position=1, response="1", attempt_id="retry"
        )

    replies = run_together([submit for _ in range(6)])
    assert not [reply for reply in replies if isinstance(reply, Exception)], replies
    assert all(reply == replies[0] for reply in replies)
    assert Attempt.objects.filter(task_id=task.id).count() == 1


def interleave(monkeypatch: pytest.MonkeyPatch, between: Callable[[], Any]) -> None:
    """Run `between` after the next answer has read its task and before it writes."""
    from proficio.learning.storage import answer_sql

    read_task = answer_sql.read_task
    pending = [between]

    def read_then_interleave(**kwargs: Any) -> Any:
        read = read_task(**kwargs)
        if pending:
            pending.pop()()
        return read

    monkeypatch.setattr(answer_sql, "read_task", read_then_interleave)


def test_an_answer_overtaken_between_reading_and_writing_is_taken_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ada = new_learner()
    task, _ = start_task(learner=ada, request=TaskRequest("practice", COURSE, skill="one"))
    interleave(monkeypatch, lambda: answer(ada, task, 1, right=True))
    reply = answer(ada, task, 1, right=False)
    # The other answer settled question 1 first: this one is a try-again.
    assert (reply.correct, reply.counted_correct) == (False, True)
    assert reply.next_question["position"] == 2
    assert Attempt.objects.filter(task_id=task.id, first=True).count() == 1
    assert ActivityDay.objects.get().questions_answered == 1


def test_a_hint_taken_while_the_answer_is_checked_makes_it_count_wrong(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from proficio.learning.actions import show_hint

    ada = new_learner()
    task, _ = start_task(learner=ada, request=TaskRequest("practice", COURSE, skill="one"))
    interleave(monkeypatch, lambda: show_hint(learner=ada, task_id=task.id, position=1))
    reply = answer(ada, task, 1, right=True)
    assert (reply.correct, reply.counted_correct) == (True, False)


def test_two_tasks_finishing_at_once_on_one_skill_never_lose_an_update() -> None:
    ada = new_learner()
    practice, _ = start_task(learner=ada, request=TaskRequest("practice", COURSE, skill="one"))
    quiz, _ = start_task(learner=ada, request=TaskRequest("quiz", COURSE, quiz="numbers-quiz"))
    for position in range(1, 4):
        answer(ada, practice, position, right=True)
    answer(ada, quiz, 1, right=True)
    replies = run_together(
        [lambda: answer(ada, practice, 4, right=True), lambda: answer(ada, quiz, 2, right=True)]
    )
    assert not [reply for reply in replies if isinstance(reply, Exception)], replies
    first, second = Task.objects.filter(status="finished").order_by("finish_number")
    assert (first.finish_number, second.finish_number) == (1, 2)
    assert first.summary and second.summary
    change = {task.pk: {s["skill"]: s for s in task.summary["skills"]} for task in (first, second)}
    # The later task started from what the earlier one left: nothing was lost in between.
    assert change[second.pk]["one"]["before"] == change[first.pk]["one"]["after"]
    assert (
        SkillState.objects.get(skill__slug="one").level
        == {"familiar": 2, "proficient": 3, "mastered": 4}[change[second.pk]["one"]["after"]]
    )
    assert SkillState.objects.filter(skill__slug="one").count() == 1
    assert CourseProgress.objects.count() == 1
    activity = ActivityDay.objects.get()
    assert (activity.tasks_finished, activity.questions_answered) == (2, 4 + 2)


def test_two_windows_starting_the_same_task_share_it() -> None:
    ada = new_learner()
    replies = run_together(
        [
            lambda: start_task(learner=ada, request=TaskRequest("practice", COURSE, skill="two"))
            for _ in range(4)
        ]
    )
    assert not [reply for reply in replies if isinstance(reply, Exception)], replies
    assert len({task.id for task, _ in replies}) == 1
    assert sum(created for _, created in replies) == 1


def progress_figures() -> dict[str, list[tuple[Any, ...]]]:
    """The unit and course progress rows without the time they were written."""
    rows = cache_rows()
    return {table: [row[:-1] for row in rows[table]] for table in ("units", "courses")}


def test_importing_a_pack_that_adds_skills_leaves_mastery_percent_current(
    tmp_path: Path,
) -> None:
    ada = new_learner()
    do_task(ada, TaskRequest("practice", COURSE, skill="one"), lambda p: True)  # proficient
    assert CourseProgress.objects.get().mastery_percent == 16.0  # 80 of 500 points
    bigger = dict(UNITS, numbers=[*UNITS["numbers"], "six"], extra=["seven", "eight"])
    result = import_pack(path=write_known_answers_pack(tmp_path / "bigger", bigger))
    assert result.added
    progress = CourseProgress.objects.get()
    assert (progress.points, progress.points_possible, progress.mastery_percent) == (80, 800, 10.0)
    numbers = UnitProgress.objects.get(unit__slug="numbers")
    assert (numbers.points, numbers.points_possible) == (80, 400)
    assert SkillState.objects.get(learner=ada).level == 3  # levels stay as they were
    imported = progress_figures()
    call_command("rebuild_progress", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert progress_figures() == imported


def test_an_import_that_fails_after_writing_the_course_refreshes_no_progress(
    tmp_path: Path,
) -> None:
    from proficio.content.models import Skill
    from proficio.content.signals import course_imported

    ada = new_learner()
    do_task(ada, TaskRequest("practice", COURSE, skill="one"), lambda p: True)
    before = cache_rows()

    def fail_after_the_refresh(**kwargs: Any) -> None:
        raise RuntimeError("the disk is full")

    # Connected after learning's receiver, so it fails once the progress rows were rewritten.
    course_imported.connect(fail_after_the_refresh, dispatch_uid="test-failing-import")
    try:
        bigger = dict(UNITS, numbers=[*UNITS["numbers"], "six"])
        with pytest.raises(RuntimeError):
            import_pack(path=write_known_answers_pack(tmp_path / "bigger", bigger))
    finally:
        course_imported.disconnect(dispatch_uid="test-failing-import")
    assert not Skill.objects.filter(slug="six").exists()
    assert cache_rows() == before
    assert CourseProgress.objects.get(learner=ada).mastery_percent == 16.0
