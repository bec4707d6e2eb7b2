"""Reads of classes, and who may see which class."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count
from django.utils import timezone

from proficio.accounts.models import User
from proficio.content.models import Course, Skill, Unit, UnitSkill
from proficio.content.selectors import ContentNotFound
from proficio.learning.models import (
    Completion,
    CourseProgress,
    LearningEvent,
    SkillState,
    Task,
    UnitProgress,
)

from .models import (
    Assignment,
    AssignmentItem,
    Classroom,
    Goal,
    GoalAchievement,
    SkillGroup,
)
from .rules import (
    BANDS,
    assignment_status,
    band_for,
    expected_percent,
    goal_status,
    item_status,
    score_percent,
)


class ClassNotFound(ContentNotFound):
    """A class, group, goal or assignment that does not exist or is not the caller's (404)."""


class NotAllowed(Exception):
    """The caller's role does not allow this (HTTP 403); the message says who may."""


class TeachersOnly(NotAllowed):
    """A learner of the class asked for something only its teachers may do or see (403)."""


def member_class(user: Any, class_id: int) -> Classroom:
    """A class the user teaches or has joined; any other is reported as not existing."""
    found = (
        Classroom.objects.filter(pk=class_id, teachers=user).first()
        or Classroom.objects.filter(pk=class_id, learners=user).first()
    )
    if found is None:
        raise ClassNotFound(f"There is no class {class_id}.")
    return found


def taught_class(user: Any, class_id: int) -> Classroom:
    """A class the user teaches: 404 when they are not in it, 403 when they only learn in it."""
    classroom = member_class(user, class_id)
    if not classroom.teachers.filter(pk=user.pk).exists():
        raise TeachersOnly("Only the class's teachers can do this.")
    return classroom


def class_group(classroom: Classroom, group_id: int) -> SkillGroup:
    group = SkillGroup.objects.filter(classroom=classroom, pk=group_id).first()
    if group is None:
        raise ClassNotFound(f"There is no group {group_id} in this class.")
    return group


def class_learner_ids(classroom: Classroom, group_id: int | None = None) -> list[int]:
    """The class's learners (only those of the group, when given), in username order.

    A group keeps learners who have left the class; they are not shown.
    """
    learners = classroom.learners.order_by("username")
    if group_id is not None:
        learners = learners.filter(pk__in=class_group(classroom, group_id).learners.all())
    return list(learners.values_list("pk", flat=True))


def class_view(classroom: Classroom, *, for_teacher: bool) -> dict[str, Any]:
    """A class as its members see it; the join code only for its teachers."""
    view: dict[str, Any] = {
        "id": classroom.pk,
        "name": classroom.name,
        "courses": list(classroom.courses.order_by("title").values_list("slug", flat=True)),
        "teachers": list(
            classroom.teachers.order_by("username").values_list("username", flat=True)
        ),
        "learner_count": classroom.learners.count(),
    }
    if for_teacher:
        view["join_code"] = classroom.join_code
        view["join_enabled"] = classroom.join_enabled
    return view


def classes_of(user: Any) -> list[dict[str, Any]]:
    """The classes a teacher teaches, or a learner has joined, newest first."""
    classes = Classroom.objects.filter(teachers=user) | Classroom.objects.filter(learners=user)
    return [
        {
            "id": classroom.pk,
            "name": classroom.name,
            "courses": sorted(course.slug for course in classroom.courses.all()),
        }
        for classroom in classes.distinct()
        .order_by("-created_at", "-pk")
        .prefetch_related("courses")
    ]


def is_teacher_of(user: Any, classroom: Classroom) -> bool:
    return classroom.teachers.filter(pk=user.pk).exists()


def class_learners(classroom: Classroom) -> list[dict[str, Any]]:
    return [
        {"id": pk, "username": username, "display_name": display_name}
        for pk, username, display_name in classroom.learners.order_by("username").values_list(
            "pk", "username", "display_name"
        )
    ]


def class_learner(classroom: Classroom, learner_id: int) -> User:
    """A learner of the class; anyone else, or no one, is reported alike as not in it."""
    learner = classroom.learners.filter(pk=learner_id).first()
    if learner is None:
        raise ClassNotFound(f"There is no learner {learner_id} in this class.")
    return learner


# --- what learners did lately -----------------------------------------------------------------


def recent_learning(classroom: Classroom, learner_id: int, limit: int) -> list[dict[str, Any]]:
    """The learner's latest events in the class's courses, newest first (one query).

    A task's events share its finishing time: its finish comes first, then the levels it changed.
    """
    rows = (
        LearningEvent.objects.filter(learner_id=learner_id, course__in=classroom.courses.all())
        .order_by("-created_at", "pk")
        .values_list(
            "kind", "created_at", "data", "course__slug", "course__title", "skill__title",
            "unit__title", "task__kind", "task__skill__title", "task__quiz__title",
            "task__unit__title", "task__summary",
        )[:limit]
    )  # fmt: skip
    events = []
    for (
        kind, at, data, course, course_title, skill, unit,
        task_kind, practised, quiz, tested_unit, summary,
    ) in rows:  # fmt: skip
        score = summary if isinstance(summary, dict) else {}  # only a finished task has one
        completed = kind == LearningEvent.Kind.ITEM_COMPLETED
        events.append(
            {
                "kind": kind,
                "at": at,
                "course": course,
                "course_title": course_title,
                "skill": skill,
                "unit": unit,
                "before": data.get("before"),
                "after": data.get("after"),
                "item_kind": data.get("kind") if completed else None,
                "item_slug": data.get("slug") if completed else None,
                "task_kind": task_kind,
                "task_title": practised or quiz or tested_unit or course_title,
                "correct": score.get("correct"),
                "total": score.get("total"),
            }
        )
    return events


def skills_levelled_down_since(classroom: Classroom, since: datetime) -> dict[int, int]:
    """Learner id → how many different skills they levelled down since then (one query).

    Only the class's learners, in the class's courses.
    """
    return dict(
        LearningEvent.objects.filter(
            kind=LearningEvent.Kind.SKILL_LEVELED_DOWN,
            created_at__gte=since,
            learner__in=classroom.learners.all(),
            course__in=classroom.courses.all(),
        )
        .order_by()
        .values("learner_id")
        .annotate(skills=Count("skill_id", distinct=True))
        .values_list("learner_id", "skills")
    )


# --- audiences --------------------------------------------------------------------------------


def _audience_of(classroom: Classroom, chosen: list[int], group: SkillGroup | None) -> list[int]:
    members = list(classroom.learners.order_by("username").values_list("pk", flat=True))
    if chosen:
        wanted = set(chosen)
    elif group is not None:
        wanted = set(group.learners.values_list("pk", flat=True))
    else:
        return members
    return [pk for pk in members if pk in wanted]


def goal_audience(goal: Goal) -> list[int]:
    """The class's learners a goal is for, in username order (leavers drop out)."""
    return _audience_of(goal.classroom, [u.pk for u in goal.learners.all()], goal.group)


def assignment_audience(assignment: Assignment) -> list[int]:
    chosen = [u.pk for u in assignment.learners.all()]
    return _audience_of(assignment.classroom, chosen, assignment.group)


# --- goals ------------------------------------------------------------------------------------


def class_goal(classroom: Classroom, goal_id: int) -> Goal:
    goal = (
        Goal.objects.filter(classroom=classroom, pk=goal_id)
        .select_related("course", "unit", "classroom")
        .first()
    )
    if goal is None:
        raise ClassNotFound(f"There is no goal {goal_id} in this class.")
    return goal


def goal_view(goal: Goal) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": goal.pk,
        "class_id": goal.classroom_id,
        "course": goal.course.slug,
        "unit": goal.unit.slug if goal.unit else None,
        "title": f"{goal.unit.title if goal.unit else goal.course.title}",
        "target_percent": goal.target_percent,
        "start_date": goal.start_date,
        "due_date": goal.due_date,
        "learners": None,
        "group": goal.group_id,
    }
    chosen = sorted(u.pk for u in goal.learners.all())
    if chosen:
        view["learners"] = chosen
    return view


def class_goals(classroom: Classroom, for_learner: int | None = None) -> list[dict[str, Any]]:
    """The class's goals, soonest due first; only those set for `for_learner` when given."""
    goals = (
        Goal.objects.filter(classroom=classroom)
        .select_related("course", "unit", "classroom", "group")
        .prefetch_related("learners")
        .order_by("due_date", "pk")
    )
    return [
        goal_view(goal)
        for goal in goals
        if for_learner is None or for_learner in goal_audience(goal)
    ]


def goal_mastery_percents(learner_id: int, course_id: int) -> dict[int | None, float]:
    """The learner's course mastery % (key None) and each unit's (key: unit id)."""
    percents: dict[int | None, float] = dict(
        UnitProgress.objects.filter(learner_id=learner_id, course_id=course_id).values_list(
            "unit_id", "mastery_percent"
        )
    )
    course = (
        CourseProgress.objects.filter(learner_id=learner_id, course_id=course_id)
        .values_list("mastery_percent", flat=True)
        .first()
    )
    percents[None] = course or 0.0
    return percents


def goal_progress(
    goal: Goal, today: date, learner_ids: list[int] | None = None
) -> list[dict[str, Any]]:
    """Each learner's mastery %, the % expected today on a straight pace, and status."""
    ids = goal_audience(goal) if learner_ids is None else learner_ids
    expected = expected_percent(goal.target_percent, goal.start_date, goal.due_date, today)
    # The same standings the class's goal list reads, for this one goal.
    key, standings = (
        (goal.course_id, _course_standings) if goal.unit_id is None
        else (goal.unit_id, _unit_standings)
    )  # fmt: skip
    by_pair, started_pairs = standings({key}, ids)
    mastery = {learner: percent for (_, learner), percent in by_pair.items()}
    started = {learner for _, learner in started_pairs}
    reached = dict(
        GoalAchievement.objects.filter(goal=goal, learner_id__in=ids).values_list(
            "learner_id", "achieved_at"
        )
    )
    names = dict(User.objects.filter(pk__in=ids).values_list("pk", "username"))
    return [
        {
            "learner": learner_id,
            "username": names.get(learner_id, ""),
            "mastery_percent": mastery.get(learner_id, 0.0),
            "expected_percent": expected,
            "status": goal_status(
                mastery_percent=mastery.get(learner_id, 0.0),
                expected=expected,
                target=goal.target_percent,
                has_started=learner_id in started,
            ),
            "achieved_at": reached.get(learner_id),
        }
        for learner_id in ids
    ]


def learner_goals(learner: Any, today: date) -> list[dict[str, Any]]:
    """The learner's goals across their classes, with their own standing; soonest due first."""
    goals = (
        Goal.objects.filter(classroom__learners=learner)
        .select_related("course", "unit", "classroom", "group")
        .prefetch_related("learners")
        .order_by("due_date", "pk")
    )
    views = []
    for goal in goals:
        if learner.pk not in goal_audience(goal):
            continue
        (standing,) = goal_progress(goal, today, [learner.pk])
        view = goal_view(goal)
        del view["learners"], view["group"]
        view["class_name"] = goal.classroom.name
        for key in ("mastery_percent", "expected_percent", "status", "achieved_at"):
            view[key] = standing[key]
        views.append(view)
    return views


def goals_reached_by_task(learner: Any, task_id: int) -> list[dict[str, Any]]:
    """The goals a finished task of the learner took them to: the moment to celebrate."""
    # Asked after every finished task, so it reads plain values rather than model instances.
    return [
        {"id": goal_id, "course": course, "unit": unit, "target_percent": target}
        for goal_id, course, unit, target in GoalAchievement.objects.filter(
            learner=learner, task_id=task_id
        )
        .order_by("goal_id")
        .values_list("goal_id", "goal__course__slug", "goal__unit__slug", "goal__target_percent")
    ]


# --- assignments ------------------------------------------------------------------------------

_ITEM_KIND_OF_TASK: dict[str, str] = {
    Task.Kind.PRACTICE: AssignmentItem.Kind.EXERCISE,
    Task.Kind.QUIZ: AssignmentItem.Kind.QUIZ,
    Task.Kind.UNIT_TEST: AssignmentItem.Kind.UNIT_TEST,
}


def class_assignment(classroom: Classroom, assignment_id: int) -> Assignment:
    assignment = (
        Assignment.objects.filter(classroom=classroom, pk=assignment_id)
        .select_related("classroom")
        .first()
    )
    if assignment is None:
        raise ClassNotFound(f"There is no assignment {assignment_id} in this class.")
    return assignment


def _item_view(item: AssignmentItem) -> dict[str, Any]:
    return {"kind": item.kind, "course": item.course.slug, "slug": item.slug, "title": item.title}


def assignment_view(assignment: Assignment) -> dict[str, Any]:
    chosen = sorted(u.pk for u in assignment.learners.all())
    return {
        "id": assignment.pk,
        "class_id": assignment.classroom_id,
        "title": assignment.title,
        "items": [_item_view(item) for item in assignment.items.select_related("course")],
        "start_at": assignment.start_at,
        "due_at": assignment.due_at,
        "same_questions": assignment.same_questions,
        "learners": chosen or None,
        "group": assignment.group_id,
    }


def class_assignments(classroom: Classroom, for_learner: int | None = None) -> list[dict[str, Any]]:
    """The class's assignments, soonest due first; only `for_learner`'s open ones when given."""
    assignments = (
        Assignment.objects.filter(classroom=classroom)
        .select_related("classroom", "group")
        .prefetch_related("learners")
        .order_by("due_at", "pk")
    )
    if for_learner is not None:
        assignments = assignments.filter(start_at__lte=timezone.now())
    return [
        assignment_view(assignment)
        for assignment in assignments
        if for_learner is None or for_learner in assignment_audience(assignment)
    ]


@dataclass
class _ItemWork:
    started: bool = False
    first_finished_at: datetime | None = None
    first_percent: float | None = None
    best_percent: float | None = None


_WorkKey = tuple[int, int, str, int, str]  # assignment, learner, item kind, course id, slug


def _work_on(assignment_ids: list[int], learner_ids: list[int]) -> dict[_WorkKey, _ItemWork]:
    """What each learner did for each item: tasks started with the assignment, completions."""
    work: dict[_WorkKey, _ItemWork] = defaultdict(_ItemWork)
    tasks = (
        Task.objects.filter(assignment_id__in=assignment_ids, learner_id__in=learner_ids)
        .order_by("finished_at", "pk")
        .values_list(
            "assignment_id", "learner_id", "kind", "course_id", "skill__slug", "quiz__slug",
            "unit__slug", "status", "finished_at", "summary",
        )
    )  # fmt: skip
    for assignment_id, learner_id, kind, course_id, skill, quiz, unit, status, at, summary in tasks:
        item_kind = _ITEM_KIND_OF_TASK.get(kind)
        if item_kind is None or assignment_id is None:
            continue
        slug = {"exercise": skill, "quiz": quiz, "unit_test": unit}[item_kind]
        item = work[(assignment_id, learner_id, item_kind, course_id, slug)]
        item.started = True
        if status != Task.Status.FINISHED or not summary:
            continue
        percent = score_percent(summary["correct"], summary["total"])
        if item.first_finished_at is None:
            item.first_finished_at, item.first_percent = at, percent
        item.best_percent = max(item.best_percent or 0.0, percent)
    completions = (
        Completion.objects.filter(assignment_id__in=assignment_ids, learner_id__in=learner_ids)
        .order_by("completed_at")
        .values_list("assignment_id", "learner_id", "kind", "course_id", "slug", "completed_at")
    )
    for assignment_id, learner_id, kind, course_id, slug, at in completions:
        assert assignment_id is not None
        item = work[(assignment_id, learner_id, kind, course_id, slug)]
        item.started = True
        if item.first_finished_at is None:
            item.first_finished_at = at
    return work


def _learner_items(
    assignment: Assignment, learner_id: int, work: dict[_WorkKey, _ItemWork], now: datetime
) -> list[dict[str, Any]]:
    views = []
    for item in assignment.items.all():
        done = work.get((assignment.pk, learner_id, item.kind, item.course_id, item.slug))
        done = done or _ItemWork()
        views.append(
            {
                "kind": item.kind,
                "course": item.course.slug,
                "slug": item.slug,
                "title": item.title,
                "status": item_status(
                    first_finished_at=done.first_finished_at,
                    started=done.started,
                    due_at=assignment.due_at,
                    now=now,
                ),
                "best_percent": done.best_percent,
                "first_percent": done.first_percent,
            }
        )
    return views


def class_assignment_standings(
    assignments: list[Assignment], learner_ids: list[int], now: datetime
) -> dict[tuple[int, int], dict[str, Any]]:
    """(assignment id, learner id) → {status, items} for each learner an assignment is for."""
    work = _work_on([a.pk for a in assignments], learner_ids)
    wanted = set(learner_ids)
    standings = {}
    for assignment in assignments:
        for learner_id in assignment_audience(assignment):
            if learner_id not in wanted:
                continue
            items = _learner_items(assignment, learner_id, work, now)
            status = assignment_status(item["status"] for item in items)
            standings[(assignment.pk, learner_id)] = {"status": status, "items": items}
    return standings


def assignment_scores(assignment: Assignment, now: datetime) -> list[dict[str, Any]]:
    """Each learner the assignment is for: their status and every item's status and scores."""
    ids = assignment_audience(assignment)
    work = _work_on([assignment.pk], ids)
    names = dict(User.objects.filter(pk__in=ids).values_list("pk", "username"))
    rows = []
    for learner_id in ids:
        items = _learner_items(assignment, learner_id, work, now)
        rows.append(
            {
                "learner": learner_id,
                "username": names[learner_id],
                "status": assignment_status(item["status"] for item in items),
                "items": items,
            }
        )
    return rows


def learner_assignments(learner: Any, now: datetime) -> list[dict[str, Any]]:
    """The learner's open assignments across their classes, due soonest first."""
    assignments = [
        assignment
        for assignment in Assignment.objects.filter(classroom__learners=learner, start_at__lte=now)
        .select_related("classroom", "group")
        .prefetch_related("learners", "items__course")
        .order_by("due_at", "pk")
        if learner.pk in assignment_audience(assignment)
    ]
    work = _work_on([a.pk for a in assignments], [learner.pk])
    views = []
    for assignment in assignments:
        items = _learner_items(assignment, learner.pk, work, now)
        views.append(
            {
                "id": assignment.pk,
                "class_id": assignment.classroom_id,
                "class_name": assignment.classroom.name,
                "title": assignment.title,
                "start_at": assignment.start_at,
                "due_at": assignment.due_at,
                "same_questions": assignment.same_questions,
                "status": assignment_status(item["status"] for item in items),
                "items": items,
            }
        )
    return views


# --- suggested skill groups -------------------------------------------------------------------


def suggested_groups(
    classroom: Classroom, course: Course, unit: Unit | None, skill_slugs: list[str]
) -> list[dict[str, Any]]:
    """The class's learners put in bands by their average mastery points on the skills."""
    if skill_slugs:
        skills = list(
            Skill.objects.filter(course=course, slug__in=skill_slugs, archived=False).values_list(
                "pk", "slug", "title"
            )
        )
        missing = sorted(set(skill_slugs) - {slug for _, slug, _ in skills})
        if missing:
            raise ClassNotFound(f"There is no skill '{missing[0]}' in the course '{course.slug}'.")
        # Teachers read the reason: the skill's title, not its slug.
        what = (
            f"the skill '{skills[0][2]}'"
            if len(skills) == 1
            else f"the {len(skills)} chosen skills"
        )
    else:
        unit_skills = UnitSkill.objects.filter(skill__archived=False)
        if unit is not None:
            unit_skills = unit_skills.filter(unit=unit)
            what = f"the skills of the unit '{unit.title}'"
        else:
            unit_skills = unit_skills.filter(unit__course=course, unit__archived=False)
            what = f"the skills of the course '{course.title}'"
        skills = list(
            dict.fromkeys(unit_skills.values_list("skill_id", "skill__slug", "skill__title"))
        )
        if not skills:
            raise ClassNotFound("There are no skills to group by here.")
    skill_ids = [pk for pk, _, _ in skills]
    learner_ids = class_learner_ids(classroom)
    totals: dict[int, int] = defaultdict(int)
    for learner_id, points in SkillState.objects.filter(
        learner_id__in=learner_ids, skill_id__in=skill_ids
    ).values_list("learner_id", "points"):
        totals[learner_id] += points
    averages = {pk: round(totals[pk] / len(skill_ids), 1) for pk in learner_ids}
    suggestions = []
    for band in BANDS:
        members = [pk for pk in learner_ids if band_for(averages[pk]) is band]
        if not members:
            continue
        limit = (
            f"under {band.high:g}" if band.low == 0 else
            f"{band.low:g} and over" if band.high == float("inf") else
            f"{band.low:g} to under {band.high:g}"
        )  # fmt: skip
        suggestions.append(
            {
                "name": band.name,
                "learners": members,
                "levels": list(band.levels),
                "averages": {str(pk): averages[pk] for pk in members},
                "reason": (
                    f"{len(members)} learner{'s' if len(members) != 1 else ''} with an average of "
                    f"{limit} mastery points on {what}: {band.meaning}."
                ),
            }
        )
    return suggestions


# --- every goal of a class at once ------------------------------------------------------------


def class_goals_with_statuses(classroom: Classroom, today: date) -> list[dict[str, Any]]:
    """The class's goals as `class_goals` lists them, each with `statuses`: learner id → status
    for its learners, by username.

    The standing `goal_progress` gives one goal at a time, read for all the goals together in a
    fixed number of queries, however many goals the class has.
    """
    goals = list(
        Goal.objects.filter(classroom=classroom)
        .select_related("course", "unit", "classroom", "group")
        .prefetch_related("learners", "group__learners")
        .order_by("due_date", "pk")
    )
    members = list(classroom.learners.order_by("username").values_list("pk", flat=True))
    course_ids = {goal.course_id for goal in goals if goal.unit_id is None}
    unit_ids = {goal.unit_id for goal in goals if goal.unit_id is not None}
    course_mastery, course_started = _course_standings(course_ids, members)
    unit_mastery, unit_started = _unit_standings(unit_ids, members)
    views = []
    for goal in goals:
        if goal.unit_id is None:
            key, mastery, started = goal.course_id, course_mastery, course_started
        else:
            key, mastery, started = goal.unit_id, unit_mastery, unit_started
        expected = expected_percent(goal.target_percent, goal.start_date, goal.due_date, today)
        statuses = {
            pk: goal_status(
                mastery_percent=mastery.get((key, pk), 0.0),
                expected=expected,
                target=goal.target_percent,
                has_started=(key, pk) in started,
            )
            for pk in _goal_learners(goal, members)
        }
        views.append({**goal_view(goal), "statuses": statuses})
    return views


def _goal_learners(goal: Goal, members: list[int]) -> list[int]:
    """`goal_audience` from prefetched learners: chosen ones, else the group's, else all."""
    chosen = {user.pk for user in goal.learners.all()}
    if not chosen and goal.group is not None:
        chosen = {user.pk for user in goal.group.learners.all()}
    elif not chosen:
        return members
    return [pk for pk in members if pk in chosen]


_Standings = tuple[dict[tuple[int, int], float], set[tuple[int, int]]]


def _course_standings(course_ids: set[int], learner_ids: list[int]) -> _Standings:
    """(course, learner) → course mastery %, and the pairs with a finished task there."""
    rows = list(
        CourseProgress.objects.filter(
            course_id__in=course_ids, learner_id__in=learner_ids
        ).values_list("course_id", "learner_id", "mastery_percent", "finished_tasks")
    )
    mastery = {(course, learner): percent for course, learner, percent, _ in rows}
    return mastery, {(course, learner) for course, learner, _, finished in rows if finished}


def _unit_standings(unit_ids: set[int], learner_ids: list[int]) -> _Standings:
    """(unit, learner) → unit mastery %, and the pairs with a finished task on the unit's skills."""
    mastery = {
        (unit, learner): percent
        for unit, learner, percent in UnitProgress.objects.filter(
            unit_id__in=unit_ids, learner_id__in=learner_ids
        ).values_list("unit_id", "learner_id", "mastery_percent")
    }
    units_of_skill: dict[int, list[int]] = defaultdict(list)
    for unit, skill in UnitSkill.objects.filter(unit_id__in=unit_ids).values_list(
        "unit_id", "skill_id"
    ):
        units_of_skill[skill].append(unit)
    finished = SkillState.objects.filter(
        learner_id__in=learner_ids, skill_id__in=list(units_of_skill),
        last_finished_at__isnull=False,
    ).values_list("learner_id", "skill_id")  # fmt: skip
    started = {(unit, learner) for learner, skill in finished for unit in units_of_skill[skill]}
    return mastery, started
