"""Starting a task: the learner's open one resumed, or a new one with its questions drawn."""

import logging
import random
import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from proficio.content.api import GeneratorError, UnknownQuestion
from proficio.content.models import Quiz, Skill, Unit, UnitSkill
from proficio.learning.data import PractisedSkill, QuestionRow, TaskCourse, TaskRecord, TaskView
from proficio.learning.errors import NotFound, TaskConflict
from proficio.learning.models import Task
from proficio.learning.questions import made_question, question_bank
from proficio.learning.selectors import (
    course_policy,
    last_challenge_started,
    skill_standings,
    task_view,
)
from proficio.learning.storage import start_sql
from proficio.mastery import (
    MasteryPolicy,
    course_challenge_questions,
    mastery_challenge_availability,
    mastery_challenge_questions,
    quiz_questions,
    shuffled,
    unit_test_questions,
)

from .expiry import expire_overdue_challenges

# How many times one question of a task may be drawn again because it could not be made.
MAX_REDRAWS = 50
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TaskRequest:
    kind: str
    course: str
    skill: str | None = None
    quiz: str | None = None
    unit: str | None = None
    assignment_id: int | None = None
    # For an assignment whose questions are the same for every learner: the seed they share.
    question_seed: int | None = None

    @property
    def missing_target(self) -> str | None:
        """The target its kind needs that the request lacks ('skill', 'quiz' or 'unit')."""
        needed = TARGET_OF_KIND.get(self.kind)
        return needed if needed and not getattr(self, needed) else None


# The target each kind of task needs besides the course; the challenges need none.
TARGET_OF_KIND = {"practice": "skill", "quiz": "quiz", "unit_test": "unit"}
TASK_KINDS = (*TARGET_OF_KIND, "course_challenge", "mastery_challenge")


def start_task(
    *, learner: AbstractBaseUser, request: TaskRequest, now: datetime | None = None
) -> tuple[TaskView, bool]:
    """The learner's task for this request: their open one resumed, or a new one.

    Returns the task as the API shows it and whether it was created. Raises NotFound for an
    unknown course, skill, quiz or unit and TaskConflict when the task is not available.
    """
    now = now or timezone.now()
    practised = request.skill if request.kind == Task.Kind.PRACTICE else None
    found = start_sql.course_and_skill(course_slug=request.course, skill_slug=practised or "")
    if found is None:
        raise NotFound(f"There is no course '{request.course}'.")
    course, skill = found
    learner_id: int = learner.pk
    policy = course_policy(course)
    target, quiz, unit = _target(course, request, skill)
    if request.kind == Task.Kind.MASTERY_CHALLENGE:
        expire_overdue_challenges(learner_id=learner_id, course=course, now=now)
    for _ in range(2):
        open_id = start_sql.open_task_id(learner_id=learner_id, target=target)
        if open_id is not None:
            return task_view(_open_task(open_id, course)), False
        plan = _question_plan(learner_id, course, policy, request.kind, skill, quiz, unit, now)
        seed = request.question_seed if request.question_seed is not None else secrets.randbits(63)
        # Questions are made before the transaction: generating them is the slow part, and
        # SQLite lets one writer at a time.
        questions = _draw_task_questions(course, request, skill, plan, seed)
        try:
            # All or nothing: the task, its questions and the view of its first question.
            with transaction.atomic():
                task = _create_task(
                    learner_id, course, request, target, skill, quiz, unit, questions, now
                )
                view = task_view(task, questions)
        except IntegrityError:
            continue  # another request opened the same task a moment ago: resume that one
        return view, True
    raise TaskConflict("This task is being started in another window; try again.")


def _target(
    course: TaskCourse, request: TaskRequest, skill: PractisedSkill | None
) -> tuple[str, Quiz | None, Unit | None]:
    """The task's target, and its quiz or unit (its skill is found with the course)."""
    quiz = unit = None
    kind = request.kind
    if kind == Task.Kind.PRACTICE:
        if skill is None:
            raise NotFound(f"There is no skill '{request.skill}' in the course '{course.slug}'.")
        name = skill.slug
    elif kind == Task.Kind.QUIZ:
        quiz = Quiz.objects.filter(
            course_id=course.id, slug=request.quiz or "", archived=False
        ).first()
        if quiz is None:
            raise NotFound(f"There is no quiz '{request.quiz}' in the course '{course.slug}'.")
        name = quiz.slug
    elif kind == Task.Kind.UNIT_TEST:
        unit = Unit.objects.filter(
            course_id=course.id, slug=request.unit or "", archived=False
        ).first()
        if unit is None:
            raise NotFound(f"There is no unit '{request.unit}' in the course '{course.slug}'.")
        if not unit.has_unit_test:
            raise TaskConflict(f"The unit '{unit.slug}' has no unit test.")
        name = unit.slug
    else:
        name = ""
    assignment = f":assignment-{request.assignment_id}" if request.assignment_id else ""
    return f"{kind}:{course.slug}:{name}{assignment}", quiz, unit


def _open_task(task_id: int, course: TaskCourse) -> TaskRecord:
    """The learner's open task, whose course is read already."""
    task = Task.objects.get(pk=task_id)
    return TaskRecord(
        id=task.pk, learner_id=task.learner_id, course=course, kind=task.kind,
        status=task.status, question_count=task.question_count,
        current_position=task.current_position, started_at=task.started_at,
        same_questions_for_everyone=task.same_questions_for_everyone, skill_id=task.skill_id,
        assignment_id=task.assignment_id,
    )  # fmt: skip


def _question_plan(
    learner_id: int,
    course: TaskCourse,
    policy: MasteryPolicy,
    kind: str,
    skill: PractisedSkill | None,
    quiz: Quiz | None,
    unit: Unit | None,
    now: datetime,
) -> list[str]:
    """The skill slug of each question, in the order they will be asked."""
    rng = random.Random(secrets.randbits(63))
    if kind == Task.Kind.PRACTICE:
        assert skill is not None
        return [skill.slug] * policy.questions_per_practice
    if kind == Task.Kind.QUIZ:
        assert quiz is not None
        skills = list(
            quiz.quiz_skills.filter(skill__archived=False).values_list("skill__slug", flat=True)
        )
        return shuffled(quiz_questions(skills, policy), rng)
    if kind == Task.Kind.UNIT_TEST:
        assert unit is not None
        skills = list(
            unit.unit_skills.filter(skill__archived=False).values_list("skill__slug", flat=True)
        )
        return shuffled(unit_test_questions(skills, rng, policy), rng)
    if kind == Task.Kind.COURSE_CHALLENGE:
        by_unit: dict[int, list[str]] = defaultdict(list)
        for unit_id, slug in UnitSkill.objects.filter(
            unit__course_id=course.id, unit__archived=False, skill__archived=False
        ).values_list("unit_id", "skill__slug"):
            by_unit[unit_id].append(slug)
        return shuffled(course_challenge_questions(list(by_unit.values()), rng, policy), rng)
    standings = skill_standings(learner_id, course)
    last_started = last_challenge_started(learner_id, course)
    availability = mastery_challenge_availability(standings, last_started, now, policy)
    if not availability.available:
        raise TaskConflict(f"The mastery challenge is locked. {availability.reason}")
    return mastery_challenge_questions(standings, rng, policy)


def _draw_task_questions(
    course: TaskCourse,
    request: TaskRequest,
    skill: PractisedSkill | None,
    plan: list[str],
    seed: int,
) -> list[QuestionRow]:
    """The task's questions (position, skill, item), drawn from `seed`; each can be made."""
    if not plan:
        raise TaskConflict("This task has no questions: its skills are not in the course any more.")
    skills = (
        {skill.slug: skill.id}  # a practice set's only skill
        if skill is not None
        else dict(
            Skill.objects.filter(course_id=course.id, slug__in=set(plan)).values_list("slug", "pk")
        )
    )
    rng = random.Random(seed)
    # Each skill's questions are drawn together so that a skill asked twice gets two different ones.
    wanted: dict[str, int] = defaultdict(int)
    for slug in plan:
        wanted[slug] += 1
    if request.kind == Task.Kind.PRACTICE:
        wanted[plan[0]] += 1  # one more, kept back for the bonus question
    drawn = {
        slug: _draw_questions(course, skills[slug], count, rng)
        for slug, count in sorted(wanted.items())
    }
    rows = [
        QuestionRow(position, skills[slug], drawn[slug].pop(0), False, 0, False, None)
        for position, slug in enumerate(plan, start=1)
    ]
    if request.kind == Task.Kind.PRACTICE:
        bonus = drawn[plan[0]].pop(0)
        rows.append(QuestionRow(len(plan) + 1, skills[plan[0]], bonus, True, 0, False, None))
    return rows


def _create_task(
    learner_id: int,
    course: TaskCourse,
    request: TaskRequest,
    target: str,
    skill: PractisedSkill | None,
    quiz: Quiz | None,
    unit: Unit | None,
    questions: list[QuestionRow],
    now: datetime,
) -> TaskRecord:
    """Insert the task, in progress at its first question, and its questions."""
    skill_id = skill.id if skill is not None else None
    same_questions = request.question_seed is not None
    question_count = sum(1 for row in questions if not row.is_bonus)
    task_id = start_sql.insert_task(
        learner_id=learner_id, course_id=course.id, kind=request.kind, skill_id=skill_id,
        quiz_id=quiz.pk if quiz else None, unit_id=unit.pk if unit else None,
        assignment_id=request.assignment_id, same_questions_for_everyone=same_questions,
        target=target, question_count=question_count, started_at=now,
    )  # fmt: skip
    start_sql.insert_questions(
        task_id=task_id,
        questions=[(row.position, row.skill_id, row.item, row.is_bonus) for row in questions],
    )
    return TaskRecord(
        id=task_id, learner_id=learner_id, course=course, kind=request.kind,
        status=Task.Status.IN_PROGRESS, question_count=question_count, current_position=1,
        started_at=now, same_questions_for_everyone=same_questions, skill_id=skill_id,
        assignment_id=request.assignment_id,
    )  # fmt: skip


def _draw_questions(course: TaskCourse, skill_id: int, count: int, rng: random.Random) -> list[str]:
    """`count` questions of the skill that can all be made and checked.

    A question its generator cannot make (a seed `proficio check` did not try) is drawn again
    with another seed, and logged; after MAX_REDRAWS tries the task is not started at all.
    """
    bank = question_bank(course, skill_id)
    items = bank.sample_items(count, rng)
    for index, item in enumerate(items):
        redraws = 0
        while True:
            try:
                made_question(course, skill_id, item)
                break
            except (GeneratorError, UnknownQuestion) as error:
                logger.warning("question %s cannot be made, drawing another: %s", item, error)
            redraws += 1
            if redraws > MAX_REDRAWS:
                raise TaskConflict(
                    f"The questions of the exercise '{bank.skill}' cannot be made: the exercise "
                    "is broken. Tell your teacher; it works again once its course is fixed."
                )
            item = bank.sample_items(1, rng)[0]
        items[index] = item
    return items
