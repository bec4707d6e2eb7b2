"""The demo school: the bundled courses, a teacher and a class of learners, made once.

Everything goes through the real actions, so the demo is what an operator would get by
doing it by hand. Running it again imports a bundled course only if its pack changed and
never creates an account twice.
"""

import random
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from proficio.accounts.api import create_user
from proficio.accounts.models import User
from proficio.classroom.api import (
    AssignmentChange,
    GoalChange,
    ItemChoice,
    add_learners,
    assignment_task_request,
    create_assignment,
    create_class,
    create_goal,
    create_group,
    suggested_groups,
)
from proficio.classroom.models import ClassMadeAccount, Classroom
from proficio.content.api import QuestionBank, format_value, import_pack
from proficio.content.models import Course
from proficio.learning.api import (
    TaskConflict,
    TaskRequest,
    answer_question,
    recommendations,
    skip_bonus,
    start_task,
)
from proficio.learning.models import Task, TaskQuestion

BUNDLED_COURSES = Path(__file__).resolve().parent / "courses"
DEMO_TEACHER = "demo-teacher"
DEMO_LEARNERS = [
    ("ada", "Ada Lovelace"),
    ("alan", "Alan Turing"),
    ("grace", "Grace Hopper"),
    ("katherine", "Katherine Johnson"),
    ("emmy", "Emmy Noether"),
    ("srinivasa", "Srinivasa Ramanujan"),
    ("sofia", "Sofia Kovalevskaya"),
    ("carl", "Carl Gauss"),
    ("mary", "Mary Somerville"),
    ("blaise", "Blaise Pascal"),
    ("hypatia", "Hypatia of Alexandria"),
    ("leonhard", "Leonhard Euler"),
    ("maryam", "Maryam Mirzakhani"),
    ("john", "John von Neumann"),
    ("dorothy", "Dorothy Vaughan"),
    ("pierre", "Pierre de Fermat"),
    ("sophie", "Sophie Germain"),
    ("alonzo", "Alonzo Church"),
    ("ingrid", "Ingrid Daubechies"),
    ("euclid", "Euclid of Alexandria"),
    ("florence", "Florence Nightingale"),
    ("kurt", "Kurt Gödel"),
    ("annie", "Annie Easley"),
    ("benoit", "Benoit Mandelbrot"),
]
# The course the demo class's goals, group and assignment are about.
DEMO_COURSE = "arithmetic-to-algebra"
# Three weeks of simulated work, so that progress and reports have something to show.
SIMULATED_DAYS = 21
DEMO_NEW_LEARNER = ("demo-learner", "New Learner")
# The demo is for trying Proficio on one's own machine; its passwords are printed on start.
DEMO_PASSWORD = "proficio-demo"  # noqa: S105


def bundled_packs() -> list[Path]:
    return sorted(path.parent for path in BUNDLED_COURSES.glob("*/course.yaml"))


def seed_demo() -> list[str]:
    """Import the bundled courses and create the demo accounts; the lines to print."""
    for pack in bundled_packs():
        import_pack(path=pack)
    if not User.objects.filter(username=DEMO_TEACHER).exists():
        _create_demo_school()
    return [
        f"Demo accounts (password '{DEMO_PASSWORD}' for each):",
        f"  teacher: {DEMO_TEACHER}  (class 'Demo class' with {len(DEMO_LEARNERS)} learners, "
        "goals, a skill group and an assignment)",
        f"  learners: {', '.join(name for name, _ in DEMO_LEARNERS)}",
        f"  a new learner in the class with no work yet: {DEMO_NEW_LEARNER[0]}",
    ]


@transaction.atomic
def _create_demo_school() -> None:
    teacher = create_user(
        username=DEMO_TEACHER,
        password=DEMO_PASSWORD,
        display_name="Demo Teacher",
        role=User.Role.TEACHER,
    )
    learners = [
        create_user(username=username, display_name=name, password_hash=teacher.password)
        for username, name in DEMO_LEARNERS
    ]
    new_learner = create_user(
        username=DEMO_NEW_LEARNER[0],
        display_name=DEMO_NEW_LEARNER[1],
        password_hash=teacher.password,
    )
    classroom = create_class(teacher=teacher, name="Demo class", courses=list(Course.objects.all()))
    add_learners(classroom=classroom, learners=learners)
    rng = random.Random(2026)
    courses = [path.name for path in bundled_packs()]
    for learner in learners:
        _simulate_weeks_of_work(learner, courses, rng)
    add_learners(classroom=classroom, learners=[new_learner])
    # As if the teacher had imported the class: they may give these accounts new passwords.
    ClassMadeAccount.objects.bulk_create(
        [ClassMadeAccount(account=u, classroom=classroom) for u in [*learners, new_learner]]
    )
    _set_goals_group_and_assignment(classroom, learners, rng)


def _set_goals_group_and_assignment(
    classroom: Classroom, learners: list[Any], rng: random.Random
) -> None:
    """What a teacher three weeks into a course would have set up, and some work on it."""
    today = timezone.localdate()
    started = today - timedelta(days=SIMULATED_DAYS)
    course = Course.objects.get(slug=DEMO_COURSE)
    units = list(course.units.filter(archived=False).order_by("position"))
    create_goal(
        classroom=classroom,
        change=GoalChange(
            course=course.slug, start_date=started, due_date=today + timedelta(days=120)
        ),
    )
    for unit, due in zip(
        units[:2], (today + timedelta(days=7), today + timedelta(days=28)), strict=False
    ):
        create_goal(
            classroom=classroom,
            change=GoalChange(
                course=course.slug, unit=unit.slug, target_percent=80, start_date=started,
                due_date=due,
            ),
        )  # fmt: skip
    support = next(
        (s for s in suggested_groups(classroom, course, units[0], []) if s.learners), None
    )
    if support is None:
        return
    group = create_group(classroom=classroom, name=support.name, learner_ids=support.learners)
    first_skill = units[0].unit_skills.order_by("position").select_related("skill").first()
    first_quiz = units[0].quizzes.filter(archived=False).order_by("position").first()
    if first_skill is None or first_quiz is None:
        return
    now = timezone.now()
    assignment = create_assignment(
        classroom=classroom,
        change=AssignmentChange(
            title=f"Catch up: {units[0].title}",
            items=[
                ItemChoice("exercise", course.slug, first_skill.skill.slug),
                ItemChoice("quiz", course.slug, first_quiz.slug),
            ],
            start_at=now - timedelta(days=2),
            due_at=now + timedelta(days=3),
            group=group.pk,
        ),
        now=now,
    )
    members = [learner for learner in learners if learner.pk in set(support.learners)]
    # Some of the group have done the exercise, fewer the quiz as well.
    work = [
        (
            TaskRequest("practice", course.slug, skill=first_skill.skill.slug),
            (len(members) + 1) // 2,
        ),
        (TaskRequest("quiz", course.slug, quiz=first_quiz.slug), len(members) // 3),
    ]
    for request, how_many in work:
        for learner in members[:how_many]:
            assigned = assignment_task_request(
                learner=learner, assignment_id=assignment.pk, request=request
            )
            _do_task(learner, assigned, accuracy=0.8, now=now - timedelta(hours=20), rng=rng)


def _simulate_weeks_of_work(learner: User, courses: list[str], rng: random.Random) -> None:
    """A learner's past few weeks: on most days a few tasks, as up next suggests them."""
    accuracy = rng.uniform(0.55, 0.97)  # how often this learner answers right
    start = timezone.now() - timedelta(days=SIMULATED_DAYS)
    for day in range(SIMULATED_DAYS):
        if rng.random() < 0.5:
            continue
        moment = start + timedelta(days=day, hours=rng.randint(8, 18))
        for _ in range(rng.randint(1, 2)):
            moment += timedelta(minutes=rng.randint(4, 15))
            _do_next_task(learner, rng.choice(courses), accuracy, moment, rng)


def _do_next_task(
    learner: User, course: str, accuracy: float, now: datetime, rng: random.Random
) -> None:
    # Learners mostly take the first suggestion, and sometimes another one.
    suggestions = recommendations(learner, course, now)
    suggestion = suggestions[0] if rng.random() < 0.6 else rng.choice(suggestions)
    request = TaskRequest(suggestion.kind, course, skill=suggestion.skill, unit=suggestion.unit)
    _do_task(learner, request, accuracy, now, rng)


def _do_task(
    learner: User, request: TaskRequest, accuracy: float, now: datetime, rng: random.Random
) -> None:
    try:
        task, _ = start_task(learner=learner, request=request, now=now)
    except TaskConflict:
        return
    status, question = task.status, task.question
    while status in (Task.Status.IN_PROGRESS, Task.Status.BONUS_OFFERED):
        if status == Task.Status.BONUS_OFFERED and rng.random() < 0.3:
            skip_bonus(learner=learner, task_id=task.id, now=now)
            return
        assert question is not None  # an open task asks a question
        now += timedelta(seconds=rng.randint(20, 90))
        reply = answer_question(
            learner=learner,
            task_id=task.id,
            position=question["position"],
            response=_response(task.id, question["position"], right=rng.random() < accuracy),
            attempt_id=uuid.uuid4().hex,
            now=now,
        )
        status, question = reply.status, reply.next_question


def _response(task_id: int, position: int, right: bool) -> Any:
    """The right answer to a question, or a plausible wrong one."""
    row = TaskQuestion.objects.select_related("skill").get(task_id=task_id, position=position)
    question = QuestionBank.from_json(row.skill.slug, row.skill.question_bank).question(row.item)
    if question.type == "choice":
        right_choices = list(question.correct_choices)
        if right:
            return right_choices
        return [next(i for i in range(len(question.choices)) if i not in right_choices)]
    if question.type == "text":
        return question.text_answers[0] if right else "I don't know"
    if question.type == "numeric":
        assert question.numeric_answer is not None
        return question.answer_text if right else format_value(question.numeric_answer + 1)
    return question.answer_text if right else f"({question.answer_text}) + 1"
