"""Reads of goals: a class's goals, each learner's pace toward one, a learner's own goals."""

from collections import defaultdict
from dataclasses import asdict
from datetime import date

from proficio.accounts.models import User
from proficio.content.models import UnitSkill
from proficio.learning.models import CourseProgress, SkillState, UnitProgress

from ..data import GoalProgress, GoalReached, GoalView, GoalWithStatuses, LearnerGoal
from ..errors import ClassNotFound
from ..models import Classroom, Goal, GoalAchievement
from ..rules import expected_percent, goal_status
from .audiences import goal_audience


def class_goal(classroom: Classroom, goal_id: int) -> Goal:
    goal = (
        Goal.objects.filter(classroom=classroom, pk=goal_id)
        .select_related("course", "unit", "classroom")
        .first()
    )
    if goal is None:
        raise ClassNotFound(f"There is no goal {goal_id} in this class.")
    return goal


def goal_view(goal: Goal) -> GoalView:
    return GoalView(
        id=goal.pk,
        course=goal.course.slug,
        unit=goal.unit.slug if goal.unit else None,
        title=goal.unit.title if goal.unit else goal.course.title,
        target_percent=goal.target_percent,
        start_date=goal.start_date,
        due_date=goal.due_date,
        learners=sorted(u.pk for u in goal.learners.all()) or None,
        group=goal.group_id,
    )


def class_goals(classroom: Classroom, for_learner: int | None = None) -> list[GoalView]:
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
) -> list[GoalProgress]:
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
        GoalProgress(
            learner=learner_id,
            username=names.get(learner_id, ""),
            mastery_percent=mastery.get(learner_id, 0.0),
            expected_percent=expected,
            status=goal_status(
                mastery_percent=mastery.get(learner_id, 0.0),
                expected=expected,
                target=goal.target_percent,
                has_started=learner_id in started,
            ),
            achieved_at=reached.get(learner_id),
        )
        for learner_id in ids
    ]


def learner_goals(learner: User, today: date) -> list[LearnerGoal]:
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
        views.append(
            LearnerGoal(
                id=view.id,
                class_id=goal.classroom_id,
                class_name=goal.classroom.name,
                course=view.course,
                unit=view.unit,
                title=view.title,
                target_percent=view.target_percent,
                start_date=view.start_date,
                due_date=view.due_date,
                mastery_percent=standing.mastery_percent,
                expected_percent=standing.expected_percent,
                status=standing.status,
                achieved_at=standing.achieved_at,
            )
        )
    return views


def goals_reached_by_task(learner: User, task_id: int) -> list[GoalReached]:
    """The goals a finished task of the learner took them to: the moment to celebrate."""
    # Asked after every finished task, so it reads plain values rather than model instances.
    return [
        GoalReached(id=goal_id, course=course, unit=unit, target_percent=target)
        for goal_id, course, unit, target in GoalAchievement.objects.filter(
            learner=learner, task_id=task_id
        )
        .order_by("goal_id")
        .values_list("goal_id", "goal__course__slug", "goal__unit__slug", "goal__target_percent")
    ]


# --- every goal of a class at once ------------------------------------------------------------


def class_goals_with_statuses(classroom: Classroom, today: date) -> list[GoalWithStatuses]:
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
        views.append(GoalWithStatuses(**asdict(goal_view(goal)), statuses=statuses))
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
