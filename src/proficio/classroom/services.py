"""Every write to classes and rosters, goals, assignments and skill groups."""

import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from proficio.accounts.guess_limits import forget_guess
from proficio.accounts.models import User
from proficio.accounts.names import folded_username
from proficio.accounts.roles import can_teach
from proficio.accounts.services import change_password, readable_password
from proficio.content.models import Article, Course, Quiz, Skill, Unit, Video
from proficio.content.selectors import get_course
from proficio.learning.actions import TaskRequest
from proficio.learning.actions import start_task as start_learning_task
from proficio.learning.errors import TaskConflict
from proficio.learning.models import Task

from .join_code_limits import start_join_guess
from .models import (
    Assignment,
    AssignmentItem,
    ClassMadeAccount,
    Classroom,
    Goal,
    GoalAchievement,
    SkillGroup,
)
from .selectors import (
    ClassNotFound,
    NotAllowed,
    assignment_audience,
    class_group,
    class_learner,
    goal_audience,
)

# Join codes avoid letters and digits that look alike (0/O, 1/I/L) so they can be read aloud.
_JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


def new_join_code() -> str:
    while True:
        code = "".join(secrets.choice(_JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if not Classroom.objects.filter(join_code=code).exists():
            return code


class InvalidTeachingRequest(Exception):
    """A teacher's request that cannot be carried out as asked (HTTP 422); says why."""


def _courses(slugs: list[str]) -> list[Course]:
    return [get_course(slug) for slug in dict.fromkeys(slugs)]  # ContentNotFound names it


@transaction.atomic
def create_class(*, teacher: User, name: str, courses: list[Course]) -> Classroom:
    if not can_teach(teacher):
        raise NotAllowed("Only teachers can create classes.")
    classroom = Classroom.objects.create(name=name, join_code=new_join_code())
    classroom.teachers.add(teacher)
    classroom.courses.set(courses)
    return classroom


def create_class_for(*, teacher: User, name: str, course_slugs: list[str]) -> Classroom:
    return create_class(teacher=teacher, name=name, courses=_courses(course_slugs))


@transaction.atomic
def change_class(
    *,
    classroom: Classroom,
    name: str | None = None,
    course_slugs: list[str] | None = None,
    join_enabled: bool | None = None,
) -> Classroom:
    if name is not None:
        classroom.name = name
    if join_enabled is not None:
        classroom.join_enabled = join_enabled
    classroom.save(update_fields=["name", "join_enabled"])
    if course_slugs is not None:
        classroom.courses.set(_courses(course_slugs))
    return classroom


def regenerate_join_code(*, classroom: Classroom) -> str:
    """A new join code; the old one stops working at once."""
    classroom.join_code = new_join_code()
    classroom.save(update_fields=["join_code"])
    return classroom.join_code


def normalised_join_code(code: str) -> str:
    # Codes are read aloud and typed by children: ignore case, spaces and dashes.
    return re.sub(r"[\s-]", "", code).upper()


def join_class(*, learner: User, code: str, address: str = "") -> Classroom:
    """The learner joins the class with this code; joining twice changes nothing.

    Raises TooManyGuesses after too many wrong codes from the learner or the address."""
    if can_teach(learner):
        raise NotAllowed("Teachers do not join with a code: ask a teacher of the class to add you.")
    guess_id = start_join_guess(learner_id=learner.pk, address=address)
    classroom = Classroom.objects.filter(
        join_code=normalised_join_code(code), join_enabled=True
    ).first()
    if classroom is None:
        raise ClassNotFound(
            "No class has this join code, or joining it is turned off: check the code with "
            "your teacher."
        )
    forget_guess(guess_id)
    classroom.learners.add(learner)
    return classroom


def add_learners(*, classroom: Classroom, learners: list[User]) -> None:
    classroom.learners.add(*learners)


def add_learners_by_username(
    *, classroom: Classroom, usernames: list[str]
) -> tuple[list[str], list[str]]:
    """(added, not found): only learner accounts are added; usernames match without case."""
    added, not_found = [], []
    for username in dict.fromkeys(usernames):
        learner = User.objects.filter(
            username_folded=folded_username(username), role=User.Role.LEARNER, is_active=True
        ).first()
        if learner is None:
            not_found.append(username)
        else:
            classroom.learners.add(learner)
            added.append(learner.username)
    return added, not_found


@transaction.atomic
def remove_learner(*, classroom: Classroom, learner_id: int) -> None:
    """Take a learner out of the class and its groups; their own work stays theirs."""
    class_learner(classroom, learner_id)  # ClassNotFound for anyone not in it
    classroom.learners.remove(learner_id)
    for group in classroom.groups.all():
        group.learners.remove(learner_id)


def add_co_teacher(*, classroom: Classroom, username: str) -> User:
    teacher = User.objects.filter(username_folded=folded_username(username), is_active=True).first()
    if teacher is None:
        raise ClassNotFound(f"There is no account '{username}'.")
    if not can_teach(teacher):
        raise InvalidTeachingRequest(
            f"'{teacher.username}' is a learner account; only teachers can teach a class."
        )
    classroom.teachers.add(teacher)
    return teacher


@transaction.atomic
def remove_co_teacher(*, classroom: Classroom, username: str) -> None:
    teachers = list(classroom.teachers.select_for_update())
    key = folded_username(username)
    teacher = next((t for t in teachers if t.username_folded == key), None)
    if teacher is None:
        raise ClassNotFound(f"'{username}' does not teach this class.")
    if len(teachers) == 1:
        raise InvalidTeachingRequest("A class needs at least one teacher; add another first.")
    classroom.teachers.remove(teacher)


# --- passwords of the accounts a class made ---------------------------------------------------


def new_password_for_learner(*, classroom: Classroom, learner_id: int) -> str:
    """A new readable password for a learner whose account this class's teacher made (by
    import); it ends the learner's API tokens and other sign-ins. Returned once, to hand out."""
    learner = class_learner(classroom, learner_id)
    if not ClassMadeAccount.objects.filter(account=learner, classroom=classroom).exists():
        raise InvalidTeachingRequest(
            f"{learner.shown_name} made this account themselves, so only they can change its "
            "password, on their account page."
        )
    password = readable_password()
    change_password(user=learner, new_password=password)
    return password


# --- who a goal or an assignment is for -------------------------------------------------------


def _audience(
    classroom: Classroom, learner_ids: list[int] | None, group_id: int | None
) -> tuple[list[int], SkillGroup | None]:
    """Selected learners or a group (not both); nothing selected means the whole class."""
    if learner_ids and group_id is not None:
        raise InvalidTeachingRequest("Give either learners or a group, not both.")
    group = class_group(classroom, group_id) if group_id is not None else None
    if learner_ids:
        ids = list(dict.fromkeys(learner_ids))
        known = set(classroom.learners.filter(pk__in=ids).values_list("pk", flat=True))
        strangers = [str(i) for i in ids if i not in known]
        if strangers:
            raise InvalidTeachingRequest(
                f"These learners are not in this class: {', '.join(strangers)}."
            )
        return ids, None
    return [], group


def _class_course(classroom: Classroom, slug: str) -> Course:
    course = get_course(slug)
    if not classroom.courses.filter(pk=course.pk).exists():
        raise InvalidTeachingRequest(
            f"The course '{slug}' is not one of this class's courses; add it to the class first."
        )
    return course


# --- goals ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalChange:
    """The fields of a goal a teacher sets; None leaves a field as it is."""

    course: str | None = None
    unit: str | None = None
    target_percent: int | None = None
    start_date: date | None = None
    due_date: date | None = None
    learners: list[int] | None = None
    group: int | None = None


@transaction.atomic
def create_goal(*, classroom: Classroom, change: GoalChange, today: date | None = None) -> Goal:
    """A course mastery goal, or a unit mastery goal when a unit is given."""
    if change.course is None or change.due_date is None:
        raise InvalidTeachingRequest("A goal needs a course and a due date.")
    goal = Goal(classroom=classroom, target_percent=100, start_date=today or timezone.localdate())
    _set_goal(goal, change, {"course", "unit", "learners", "group"})
    return goal


@transaction.atomic
def change_goal(*, goal: Goal, change: GoalChange, fields_set: set[str]) -> Goal:
    _set_goal(goal, change, fields_set)
    return goal


def _set_goal(goal: Goal, change: GoalChange, fields_set: set[str]) -> None:
    classroom = goal.classroom
    if change.course is not None:
        goal.course = _class_course(classroom, change.course)
    if "unit" in fields_set:
        goal.unit = None
        if change.unit is not None:
            unit = Unit.objects.filter(course=goal.course, slug=change.unit, archived=False).first()
            if unit is None:
                raise ClassNotFound(
                    f"There is no unit '{change.unit}' in the course '{goal.course.slug}'."
                )
            goal.unit = unit
    elif goal.unit is not None and goal.unit.course_id != goal.course.pk:
        raise InvalidTeachingRequest("The goal's unit is not in the new course: give a unit too.")
    for name in ("target_percent", "start_date", "due_date"):
        if getattr(change, name) is not None:
            setattr(goal, name, getattr(change, name))
    if not 1 <= goal.target_percent <= 100:
        raise InvalidTeachingRequest("The target is a mastery percentage from 1 to 100.")
    if goal.due_date < goal.start_date:
        raise InvalidTeachingRequest("The due date must be on or after the start date.")
    audience_changed = fields_set & {"learners", "group"}
    if audience_changed:
        learners, goal.group = _audience(classroom, change.learners, change.group)
    goal.save()
    if audience_changed:
        goal.learners.set(learners)


def delete_goal(*, goal: Goal) -> None:
    goal.delete()


def record_goals_reached(*, learner_id: int, course_id: int, task_id: int, at: datetime) -> None:
    """Record each of the learner's goals in this course that their mastery now reaches."""
    from .selectors import goal_mastery_percents

    # Runs inside every finishing transaction: one cheap query when there is nothing to reach.
    candidates = list(
        Goal.objects.filter(classroom__learners=learner_id, course_id=course_id)
        .exclude(achievements__learner_id=learner_id)
        .values_list("pk", flat=True)
    )
    if not candidates:
        return
    open_goals = [
        goal
        for goal in Goal.objects.filter(pk__in=candidates).select_related("classroom", "group")
        if learner_id in goal_audience(goal)
    ]
    if not open_goals:
        return
    percents = goal_mastery_percents(learner_id, course_id)
    GoalAchievement.objects.bulk_create(
        [
            GoalAchievement(goal=goal, learner_id=learner_id, achieved_at=at, task_id=task_id)
            for goal in open_goals
            if percents.get(goal.unit_id, 0.0) >= goal.target_percent
        ],
        ignore_conflicts=True,
    )


# --- assignments ------------------------------------------------------------------------------

ASSIGNABLE = {kind.value for kind in AssignmentItem.Kind}
MAX_ASSIGNMENT_ITEMS = 50


@dataclass(frozen=True)
class ItemChoice:
    kind: str
    course: str
    slug: str


@dataclass(frozen=True)
class AssignmentChange:
    """The fields of an assignment a teacher sets; None leaves a field as it is."""

    title: str | None = None
    items: list[ItemChoice] | None = None
    start_at: datetime | None = None
    due_at: datetime | None = None
    learners: list[int] | None = None
    group: int | None = None
    same_questions: bool | None = None


@transaction.atomic
def create_assignment(
    *, classroom: Classroom, change: AssignmentChange, now: datetime | None = None
) -> Assignment:
    if not change.items:
        raise InvalidTeachingRequest("An assignment needs at least one item.")
    if change.due_at is None:
        raise InvalidTeachingRequest("An assignment needs a due time ('due_at').")
    items = _assignment_items(classroom, change.items)
    start_at = change.start_at or now or timezone.now()
    title = change.title or items[0].title + (
        f" and {len(items) - 1} more" if len(items) > 1 else ""
    )
    assignment = Assignment(classroom=classroom, title=title, start_at=start_at)
    assignment.same_questions = bool(change.same_questions)
    assignment.question_seed = secrets.randbits(62) if assignment.same_questions else None
    _set_assignment(assignment, change, {"due_at", "learners", "group"})
    for position, item in enumerate(items, start=1):
        item.assignment, item.position = assignment, position
    AssignmentItem.objects.bulk_create(items)
    return assignment


@transaction.atomic
def change_assignment(
    *, assignment: Assignment, change: AssignmentChange, fields_set: set[str]
) -> Assignment:
    """Edit the title, dates or audience; items and same-questions stay once learners began."""
    if change.items is not None:
        if Task.objects.filter(assignment_id=assignment.pk).exists():
            raise InvalidTeachingRequest(
                "Learners have started this assignment, so its items cannot change; "
                "make a new assignment instead."
            )
        items = _assignment_items(assignment.classroom, change.items)
        assignment.items.all().delete()
        for position, item in enumerate(items, start=1):
            item.assignment, item.position = assignment, position
        AssignmentItem.objects.bulk_create(items)
    if change.same_questions is not None and change.same_questions != assignment.same_questions:
        if Task.objects.filter(assignment_id=assignment.pk).exists():
            raise InvalidTeachingRequest(
                "Learners have started this assignment, so 'same_questions' cannot change."
            )
        assignment.same_questions = change.same_questions
        assignment.question_seed = secrets.randbits(62) if change.same_questions else None
    _set_assignment(assignment, change, fields_set)
    return assignment


def _set_assignment(assignment: Assignment, change: AssignmentChange, fields_set: set[str]) -> None:
    if change.title is not None:
        if not change.title.strip():
            raise InvalidTeachingRequest("The title cannot be empty.")
        assignment.title = change.title.strip()
    if change.start_at is not None:
        assignment.start_at = change.start_at
    if change.due_at is not None:
        assignment.due_at = change.due_at
    if assignment.due_at <= assignment.start_at:
        raise InvalidTeachingRequest("The due time must be after the start time.")
    audience_changed = fields_set & {"learners", "group"}
    if audience_changed:
        learners, assignment.group = _audience(assignment.classroom, change.learners, change.group)
    assignment.save()
    if audience_changed:
        assignment.learners.set(learners)


def _assignment_items(classroom: Classroom, choices: list[ItemChoice]) -> list[AssignmentItem]:
    if len(choices) > MAX_ASSIGNMENT_ITEMS:
        raise InvalidTeachingRequest(
            f"An assignment holds at most {MAX_ASSIGNMENT_ITEMS} items; split it in two."
        )
    items: list[AssignmentItem] = []
    seen: set[tuple[str, str, str]] = set()
    for choice in choices:
        if choice.kind in {"course_challenge", "mastery_challenge"}:
            what = choice.kind.replace("_", " ")
            raise InvalidTeachingRequest(
                f"Only videos, articles, exercises, quizzes and unit tests can be assigned: "
                f"the {what} cannot be assigned."
            )
        if choice.kind not in ASSIGNABLE:
            raise InvalidTeachingRequest(
                f"'{choice.kind}' cannot be assigned: choose video, article, exercise, quiz "
                "or unit_test."
            )
        key = (choice.kind, choice.course, choice.slug)
        if key in seen:
            raise InvalidTeachingRequest(f"The {choice.kind} '{choice.slug}' is listed twice.")
        seen.add(key)
        course = _class_course(classroom, choice.course)
        items.append(
            AssignmentItem(
                kind=choice.kind, course=course, slug=choice.slug,
                title=_item_title(course, choice.kind, choice.slug),
            )
        )  # fmt: skip
    return items


def _item_title(course: Course, kind: str, slug: str) -> str:
    found: Any
    if kind == AssignmentItem.Kind.VIDEO:
        found = Video.objects.filter(course=course, slug=slug, archived=False).first()
    elif kind == AssignmentItem.Kind.ARTICLE:
        found = Article.objects.filter(course=course, slug=slug, archived=False).first()
    elif kind == AssignmentItem.Kind.EXERCISE:
        found = Skill.objects.filter(course=course, slug=slug, archived=False).first()
    elif kind == AssignmentItem.Kind.QUIZ:
        found = Quiz.objects.filter(course=course, slug=slug, archived=False).first()
    else:
        found = Unit.objects.filter(course=course, slug=slug, archived=False).first()
        if found is not None and not found.has_unit_test:
            raise InvalidTeachingRequest(f"The unit '{slug}' has no unit test.")
        if found is not None:
            return f"Unit test: {found.title}"
    if found is None:
        what = "unit" if kind == AssignmentItem.Kind.UNIT_TEST else kind
        raise ClassNotFound(f"There is no {what} '{slug}' in the course '{course.slug}'.")
    return str(found.title)


def delete_assignment(*, assignment: Assignment) -> None:
    """Remove the assignment; work done for it still counts toward mastery."""
    assignment.delete()


_TASK_KIND = {
    AssignmentItem.Kind.EXERCISE: Task.Kind.PRACTICE,
    AssignmentItem.Kind.QUIZ: Task.Kind.QUIZ,
    AssignmentItem.Kind.UNIT_TEST: Task.Kind.UNIT_TEST,
}


def assignment_task_request(
    *, learner: User, assignment_id: int, request: TaskRequest, now: datetime | None = None
) -> TaskRequest:
    """The task request for doing an assignment's item, with its shared question seed.

    404 unless the assignment is one of the learner's; 422 when the task is not one of its
    items; 409 before it opens.
    """
    assignment = learner_assignment(learner=learner, assignment_id=assignment_id)
    kinds: dict[str, str] = {task: item for item, task in _TASK_KIND.items()}
    item_kind = kinds.get(request.kind)
    slug = request.skill if request.kind == Task.Kind.PRACTICE else request.quiz or request.unit
    if (
        item_kind is None
        or not assignment.items.filter(
            kind=item_kind, course__slug=request.course, slug=slug
        ).exists()
    ):
        raise InvalidTeachingRequest(f"This task is not part of the assignment {assignment.pk}.")
    _check_open(assignment, now or timezone.now())
    return TaskRequest(
        kind=request.kind, course=request.course, skill=request.skill, quiz=request.quiz,
        unit=request.unit, assignment_id=assignment.pk, question_seed=assignment.question_seed,
    )  # fmt: skip


def start_task(
    *, learner: User, request: TaskRequest, assignment_id: int | None = None
) -> tuple[dict[str, Any], bool]:
    """The learner's task for this request, for an assignment when one is named: their open
    one resumed, or a new one, and whether it was created. The one action every face calls.

    Errors as `assignment_task_request` and learning's `start_task` say."""
    if assignment_id is not None:
        request = assignment_task_request(
            learner=learner, assignment_id=assignment_id, request=request
        )
    return start_learning_task(learner=learner, request=request)


def check_assigned_completion(
    *, learner: User, assignment_id: int, course: str, kind: str, slug: str,
    now: datetime | None = None,
) -> None:  # fmt: skip
    """404 unless the video or article is an item of one of the learner's assignments."""
    assignment = learner_assignment(learner=learner, assignment_id=assignment_id)
    if not assignment.items.filter(kind=kind, course__slug=course, slug=slug).exists():
        raise InvalidTeachingRequest(f"This {kind} is not part of the assignment {assignment.pk}.")
    _check_open(assignment, now or timezone.now())


def _check_open(assignment: Assignment, now: datetime) -> None:
    if now < assignment.start_at:
        raise TaskConflict(
            f"This assignment opens at {assignment.start_at:%Y-%m-%d %H:%M} UTC; "
            "it can be started then."
        )


def learner_assignment(*, learner: User, assignment_id: int) -> Assignment:
    assignment = (
        Assignment.objects.filter(pk=assignment_id, classroom__learners=learner)
        .select_related("classroom")
        .first()
    )
    if assignment is None or learner.pk not in assignment_audience(assignment):
        raise ClassNotFound(f"There is no assignment {assignment_id}.")
    return assignment


# --- skill groups -----------------------------------------------------------------------------


def create_group(*, classroom: Classroom, name: str, learner_ids: list[int]) -> SkillGroup:
    with transaction.atomic():
        group = SkillGroup.objects.create(classroom=classroom, name=_group_name(name))
        group.learners.set(_class_learners(classroom, learner_ids))
    return group


def change_group(
    *, group: SkillGroup, name: str | None = None, learner_ids: list[int] | None = None
) -> SkillGroup:
    with transaction.atomic():
        if name is not None:
            group.name = _group_name(name)
            group.save(update_fields=["name"])
        if learner_ids is not None:
            group.learners.set(_class_learners(group.classroom, learner_ids))
    return group


@transaction.atomic
def delete_group(*, group: SkillGroup) -> None:
    """Remove a group; goals and assignments it was for keep its learners of this moment."""
    members = list(group.learners.values_list("pk", flat=True))
    targets: list[Goal | Assignment] = [*group.goals.all(), *group.assignments.all()]
    for target in targets:
        target.group = None
        target.save(update_fields=["group"])
        target.learners.set(members)
    group.delete()


def _group_name(name: str) -> str:
    if not name.strip():
        raise InvalidTeachingRequest("A group needs a name.")
    return name.strip()


def _class_learners(classroom: Classroom, learner_ids: list[int]) -> list[int]:
    ids, _ = _audience(classroom, learner_ids, None)
    return ids
