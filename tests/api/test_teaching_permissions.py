"""Who may do what in the teaching API: every endpoint × every role × own or other class.

Over real HTTP (docs/api.md, Teaching). A class the caller does not teach (or, as a learner, has
not joined) is 404, exactly as if it did not exist; a learner calling a teacher-only endpoint of
their own class is 403; a call without a token is 401. A refused call changes nothing, and its
answer is a bare `{"detail"}` that tells an outsider no more than a class id that does not exist.

Each cell of the matrix is a test case: several hundred of them, too many to flush and rebuild
the database for each (a flush alone costs about 0.3 s on PostgreSQL). So this module runs its own
live server over one committed set-up (`stage`), rebuilds the accounts and classes only after a
case that changed them, and flushes the database when it ends.
"""

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from tests.http_client import HttpClient, Reply
from tests.module_server import module_live_server
from tests.samples import write_sample_pack

from proficio.accounts import services as accounts
from proficio.accounts.models import User
from proficio.accounts.tokens import issue_token
from proficio.classroom import actions
from proficio.classroom.models import Classroom
from proficio.learning.models import Attempt, Completion, Task

PASSWORD = "pw-for-the-matrix"
COURSE = "sample"  # tests.samples.MINIMAL_COURSE: unit "adding", skills add-small and add-big
MISSING = 987_654_321  # an id that nothing has

# --- the actors ---------------------------------------------------------------------------------

ANONYMOUS = "anonymous"
ADMINISTRATOR = "administrator"
TEACHER_A = "teacher A"
CO_TEACHER_A = "co-teacher A"
TEACHER_B = "teacher B"
LEARNER_A = "learner A"
LEARNER_B = "learner B"
CLASSLESS = "classless learner"
ACTORS = [
    ANONYMOUS,
    ADMINISTRATOR,
    TEACHER_A,
    CO_TEACHER_A,
    TEACHER_B,
    LEARNER_A,
    LEARNER_B,
    CLASSLESS,
]
USERNAMES = {
    ADMINISTRATOR: "admin",
    TEACHER_A: "teacher-a",
    CO_TEACHER_A: "coteacher-a",
    TEACHER_B: "teacher-b",
    LEARNER_A: "learner-a",
    LEARNER_B: "learner-b",
    CLASSLESS: "classless",
}
TEACHES = {"A": {TEACHER_A, CO_TEACHER_A}, "B": {TEACHER_B}}
LEARNS = {"A": {LEARNER_A}, "B": {LEARNER_B}}
OTHER = {"A": "B", "B": "A"}
CLASSES = ["A", "B"]

# Accounts besides the actors: learner-a2 (a second learner of class A, with a goal and an
# assignment of their own), coteacher-b (so that class B too has a co-teacher to remove), and
# newcomer (a teacher of no class, to be added as a co-teacher).
ACCOUNTS = {
    "admin": User.Role.ADMINISTRATOR,
    "teacher-a": User.Role.TEACHER,
    "coteacher-a": User.Role.TEACHER,
    "teacher-b": User.Role.TEACHER,
    "coteacher-b": User.Role.TEACHER,
    "newcomer": User.Role.TEACHER,
    "learner-a": User.Role.LEARNER,
    "learner-a2": User.Role.LEARNER,
    "learner-b": User.Role.LEARNER,
    "classless": User.Role.LEARNER,
}
CLASS_LEARNER = {"A": "learner-a", "B": "learner-b"}
CLASS_LEARNERS = {"A": ["learner-a", "learner-a2"], "B": ["learner-b"]}
CO_TEACHER = {"A": "coteacher-a", "B": "coteacher-b"}


# --- the set-up ---------------------------------------------------------------------------------


@dataclass
class World:
    """Class A (teacher-a, coteacher-a; learner-a, learner-a2) and class B (teacher-b,
    coteacher-b; learner-b), both on the sample course, each with a group, a whole-class goal and
    a whole-class assignment (an exercise and a video); class A also has a goal and an
    assignment set for learner-a2 only."""

    tokens: dict[str, str | None]  # by actor
    ids: dict[str, int]  # "class A", "goal B", "assignment A", "group B", "a2 goal", usernames…
    codes: dict[str, str]  # join code by class
    # Its snapshot as built; each case starts from it (the stage restores it after a change).
    pristine: dict[str, Any] = field(default_factory=dict)


def _build_world(http: HttpClient) -> World:
    with transaction.atomic():
        users = {
            username: accounts.create_user(username=username, password=PASSWORD, role=role)
            for username, role in ACCOUNTS.items()
        }
        ids: dict[str, int] = {username: user.pk for username, user in users.items()}
        classes = {
            letter: actions.create_class_for(
                teacher=users[f"teacher-{letter.lower()}"],
                name=f"Class {letter}",
                course_slugs=[COURSE],
            )
            for letter in CLASSES
        }
        actions.add_co_teacher(classroom=classes["B"], username="coteacher-b")
        actions.add_learners(
            classroom=classes["A"], learners=[users["learner-a"], users["learner-a2"]]
        )
        actions.add_learners(classroom=classes["B"], learners=[users["learner-b"]])
        due_date = timezone.localdate() + timedelta(days=30)
        due_at = timezone.now() + timedelta(days=7)
        items = [
            actions.ItemChoice("exercise", COURSE, "add-small"),
            actions.ItemChoice("video", COURSE, "adding-intro"),
        ]
        for letter, classroom in classes.items():
            ids[f"class {letter}"] = classroom.pk
            ids[f"group {letter}"] = actions.create_group(
                classroom=classroom,
                name=f"Group {letter}",
                learner_ids=[ids[CLASS_LEARNER[letter]]],
            ).pk
            ids[f"goal {letter}"] = actions.create_goal(
                classroom=classroom, change=actions.GoalChange(course=COURSE, due_date=due_date)
            ).pk
            ids[f"assignment {letter}"] = actions.create_assignment(
                classroom=classroom,
                change=actions.AssignmentChange(
                    title=f"Homework {letter}", items=items, due_at=due_at
                ),
            ).pk
        only_a2 = [ids["learner-a2"]]
        ids["a2 goal"] = actions.create_goal(
            classroom=classes["A"],
            change=actions.GoalChange(
                course=COURSE, unit="adding", due_date=due_date, learners=only_a2
            ),
        ).pk
        ids["a2 assignment"] = actions.create_assignment(
            classroom=classes["A"],
            change=actions.AssignmentChange(
                title="Only for learner-a2", items=items, due_at=due_at, learners=only_a2
            ),
        ).pk
        tokens: dict[str, str | None] = {ANONYMOUS: None}
        for actor, username in USERNAMES.items():
            tokens[actor] = issue_token(username=username, password=PASSWORD)
    # The co-teacher of class A joins it the way a teacher adds one.
    added = http.post(
        f"/api/v1/classes/{ids['class A']}/teachers",
        {"username": "coteacher-a"},
        token=tokens[TEACHER_A],
    )
    assert added.status == 201, added.body
    return World(
        tokens=tokens,
        ids=ids,
        codes={letter: classroom.join_code for letter, classroom in classes.items()},
    )


def _sorted(related: Any, field: str = "username") -> list[Any]:
    return sorted(getattr(row, field) for row in related.all())


def _class_state(classroom: Classroom | None) -> dict[str, Any] | None:
    """Everything about a class that a call could change."""
    if classroom is None:
        return None
    return {
        "name": classroom.name,
        "join_code": classroom.join_code,
        "join_enabled": classroom.join_enabled,
        "courses": _sorted(classroom.courses, "slug"),
        "teachers": _sorted(classroom.teachers),
        "learners": _sorted(classroom.learners),
        "groups": sorted(
            (group.pk, group.name, _sorted(group.learners, "pk"))
            for group in classroom.groups.all()
        ),
        "goals": sorted(
            (
                goal.pk,
                goal.course_id,
                goal.unit_id,
                goal.target_percent,
                goal.start_date,
                goal.due_date,
                goal.group_id,
                _sorted(goal.learners, "pk"),
            )
            for goal in classroom.goals.all()
        ),
        "assignments": sorted(
            (
                assignment.pk,
                assignment.title,
                assignment.start_at,
                assignment.due_at,
                assignment.same_questions,
                assignment.group_id,
                _sorted(assignment.learners, "pk"),
                sorted((item.position, item.kind, item.slug) for item in assignment.items.all()),
            )
            for assignment in classroom.assignments.all()
        ),
    }


def snapshot(world: World) -> dict[str, Any]:
    """The state of both classes and of everyone's accounts and work, to compare."""
    classes = Classroom.objects.prefetch_related(
        "courses", "teachers", "learners", "groups__learners", "goals__learners",
        "assignments__learners", "assignments__items",
    ).in_bulk([world.ids["class A"], world.ids["class B"]])  # fmt: skip
    return {
        "A": _class_state(classes.get(world.ids["class A"])),
        "B": _class_state(classes.get(world.ids["class B"])),
        "classes": Classroom.objects.count(),
        "users": sorted(User.objects.values_list("username", "role", "display_name", "is_active")),
        "tasks": sorted(Task.objects.values_list("pk", "learner_id", "status", "assignment_id")),
        "attempts": Attempt.objects.count(),
        "completions": Completion.objects.count(),
    }


class Stage:
    """The live server, and the world it serves, rebuilt when a case has changed it."""

    def __init__(self, http: HttpClient) -> None:
        self.http = http
        self.world = self._build()

    def _build(self) -> World:
        world = _build_world(self.http)
        world.pristine = snapshot(world)
        return world

    def restore(self) -> None:
        if snapshot(self.world) == self.world.pristine:
            return
        with transaction.atomic():
            Classroom.objects.all().delete()
            User.objects.all().delete()  # with their tasks, completions and tokens
        self.world = self._build()


@pytest.fixture(scope="module")
def stage(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stage]:
    pack = write_sample_pack(tmp_path_factory.mktemp("matrix") / "pack")
    with module_live_server(django_db_blocker, pack) as server:
        yield Stage(HttpClient(server.url))


@pytest.fixture
def db(django_db_blocker: Any) -> Iterator[None]:
    """Database access for a case, outside any transaction, so the server sees what it sees.

    It stands in for pytest-django's `db` (whose rolled-back transaction would hide the stage
    from the server); its name is what tells pytest-django to set up the test database.
    """
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def world(stage: Stage, db: None) -> Iterator[World]:
    yield stage.world
    stage.restore()


@pytest.fixture
def http(stage: Stage) -> HttpClient:
    return stage.http


# --- calling and judging ------------------------------------------------------------------------


def call(
    http: HttpClient, world: World, actor: str, method: str, path: str, body: Any = None
) -> Reply:
    return http.request(method, "/api/v1" + path, body, token=world.tokens[actor])


def _shape(reply: Reply) -> str:
    """The refusal with its numbers blanked: the same for a hidden thing as for a missing one."""
    assert isinstance(reply.body, dict) and set(reply.body) == {"detail"}, reply.body
    detail = reply.body["detail"]
    assert isinstance(detail, str) and detail, reply.body
    return re.sub(r"\d+", "<n>", detail)


def assert_refused_quietly(reply: Reply, before: dict[str, Any], after: dict[str, Any]) -> None:
    """A refusal says only a sentence, and changes nothing at all."""
    _shape(reply)
    assert after == before


def assert_same_as_missing(reply: Reply, missing: Reply) -> None:
    assert missing.status == reply.status == 404, (reply.body, missing.body)
    assert _shape(reply) == _shape(missing)


def expected_status(actor: str, letter: str, teachers: int, learners: int) -> int:
    if actor == ANONYMOUS:
        return 401
    if actor in TEACHES[letter]:
        return teachers
    if actor in LEARNS[letter]:
        return learners
    return 404  # a teacher or learner of the other class, the administrator, a classless learner


# --- the endpoints under /classes/{id} ------------------------------------------------------------


def _due_date() -> str:
    return (timezone.localdate() + timedelta(days=60)).isoformat()


def _due_at() -> str:
    return (timezone.now() + timedelta(days=14)).isoformat()


def _check_class(body: Any, world: World, letter: str, as_teacher: bool) -> None:
    assert body["id"] == world.ids[f"class {letter}"]
    assert body["name"] == f"Class {letter}"
    if as_teacher:
        assert body["join_code"] == world.codes[letter]
        assert body["join_enabled"] is True
    else:
        # The join code is for the class's teachers only.
        assert body.get("join_code") is None and body.get("join_enabled") is None
        assert world.codes[letter] not in json.dumps(body)


def _check_goals(body: Any, world: World, letter: str, as_teacher: bool) -> None:
    ids = [goal["id"] for goal in body]
    if as_teacher:
        everyone = {world.ids[f"goal {letter}"]} | (
            {world.ids["a2 goal"]} if letter == "A" else set()
        )
        assert set(ids) == everyone
    else:
        # Only the goals set for this learner, and not whom else they are for.
        assert ids == [world.ids[f"goal {letter}"]]
        assert all(goal["learners"] is None and goal["group"] is None for goal in body)


def _check_assignments(body: Any, world: World, letter: str, as_teacher: bool) -> None:
    ids = [assignment["id"] for assignment in body]
    if as_teacher:
        everyone = {world.ids[f"assignment {letter}"]} | (
            {world.ids["a2 assignment"]} if letter == "A" else set()
        )
        assert set(ids) == everyone
    else:
        assert ids == [world.ids[f"assignment {letter}"]]
        assert all(a["learners"] is None and a["group"] is None for a in body)


def _check_teachers(body: Any, world: World, letter: str, as_teacher: bool) -> None:
    assert sorted(teacher["username"] for teacher in body) == sorted(
        [f"teacher-{letter.lower()}", CO_TEACHER[letter]]
    )


def _check_learners(body: Any, world: World, letter: str, as_teacher: bool) -> None:
    assert [learner["username"] for learner in body] == CLASS_LEARNERS[letter]


@dataclass(frozen=True)
class ClassCall:
    """A call on a class: what its teachers get, what its own learners get, whether it writes."""

    method: str
    path: str  # {class}, {goal}, {assignment}, {group}, {learner}, {co-teacher}: the class's
    body: Callable[[World, str], Any] | None = None
    teachers: int = 200
    learners: int = 403
    writes: bool = False
    check: Callable[[Any, World, str, bool], None] | None = None

    def url(self, world: World, letter: str, class_id: int | None = None) -> str:
        return (
            self.path.replace("{class}", str(class_id or world.ids[f"class {letter}"]))
            .replace("{goal}", str(world.ids[f"goal {letter}"]))
            .replace("{assignment}", str(world.ids[f"assignment {letter}"]))
            .replace("{group}", str(world.ids[f"group {letter}"]))
            .replace("{learner}", str(world.ids[CLASS_LEARNER[letter]]))
            .replace("{co-teacher}", CO_TEACHER[letter])
        )


def _new_goal(world: World, letter: str) -> dict[str, Any]:
    return {"course": COURSE, "unit": "adding", "target_percent": 80, "due_date": _due_date()}


def _new_assignment(world: World, letter: str) -> dict[str, Any]:
    return {
        "items": [{"kind": "quiz", "course": COURSE, "slug": "adding-quiz"}],
        "due_at": _due_at(),
    }


CLASS_CALLS = [
    ClassCall("GET", "/classes/{class}", learners=200, check=_check_class),
    ClassCall(
        "PATCH",
        "/classes/{class}",
        lambda w, x: {"name": "Renamed", "courses": [], "join_enabled": False},
        writes=True,
    ),
    ClassCall("POST", "/classes/{class}/join-code", writes=True),
    ClassCall("GET", "/classes/{class}/learners", check=_check_learners),
    ClassCall(
        "POST", "/classes/{class}/learners", lambda w, x: {"usernames": ["classless"]}, writes=True
    ),
    ClassCall(
        "POST",
        "/classes/{class}/learners/import",
        lambda w, x: {"csv": "username,display_name,password\nnew-kid,New Kid,a-long-password\n"},
        writes=True,
    ),
    ClassCall("DELETE", "/classes/{class}/learners/{learner}", teachers=204, writes=True),
    ClassCall("GET", "/classes/{class}/teachers", learners=200, check=_check_teachers),
    ClassCall(
        "POST",
        "/classes/{class}/teachers",
        lambda w, x: {"username": "newcomer"},
        teachers=201,
        writes=True,
    ),
    ClassCall("DELETE", "/classes/{class}/teachers/{co-teacher}", teachers=204, writes=True),
    ClassCall("POST", "/classes/{class}/goals", _new_goal, teachers=201, writes=True),
    ClassCall("GET", "/classes/{class}/goals", learners=200, check=_check_goals),
    ClassCall("GET", "/classes/{class}/goals/{goal}"),
    ClassCall(
        "PATCH", "/classes/{class}/goals/{goal}", lambda w, x: {"target_percent": 70}, writes=True
    ),
    ClassCall("DELETE", "/classes/{class}/goals/{goal}", teachers=204, writes=True),
    ClassCall("POST", "/classes/{class}/assignments", _new_assignment, teachers=201, writes=True),
    ClassCall("GET", "/classes/{class}/assignments", learners=200, check=_check_assignments),
    ClassCall("GET", "/classes/{class}/assignments/{assignment}"),
    ClassCall("GET", "/classes/{class}/assignments/{assignment}/scores"),
    ClassCall(
        "PATCH",
        "/classes/{class}/assignments/{assignment}",
        lambda w, x: {"due_at": _due_at(), "title": "Extended"},
        writes=True,
    ),
    ClassCall("DELETE", "/classes/{class}/assignments/{assignment}", teachers=204, writes=True),
    ClassCall(
        "POST",
        "/classes/{class}/groups",
        lambda w, x: {"name": "Extra group", "learners": [w.ids[CLASS_LEARNER[x]]]},
        teachers=201,
        writes=True,
    ),
    ClassCall("GET", "/classes/{class}/groups"),
    ClassCall("POST", "/classes/{class}/groups/suggest", lambda w, x: {"course": COURSE}),
    ClassCall("GET", "/classes/{class}/groups/{group}"),
    ClassCall(
        "PATCH", "/classes/{class}/groups/{group}", lambda w, x: {"name": "Renamed"}, writes=True
    ),
    ClassCall("DELETE", "/classes/{class}/groups/{group}", teachers=204, writes=True),
]


def _check_report(body: Any, world: World, letter: str, as_teacher: bool) -> None:
    """A report shows the class's learners, and nobody else."""
    rows = body if isinstance(body, list) else body["learners"]
    assert [row["username"] for row in rows] == CLASS_LEARNERS[letter]


def _check_csv(body: Any, world: World, letter: str, as_teacher: bool) -> None:
    assert isinstance(body, str) and CLASS_LEARNER[letter] in body
    assert CLASS_LEARNER[OTHER[letter]] not in body


# The reports (docs/api.md, Reports) are for the class's teachers only, as JSON or CSV.
REPORT_CALLS = [
    ClassCall("GET", f"/classes/{{class}}/reports/mastery?course={COURSE}", check=_check_report),
    ClassCall("GET", f"/classes/{{class}}/reports/skills?course={COURSE}", check=_check_report),
    ClassCall("GET", "/classes/{class}/reports/activity", check=_check_report),
    ClassCall(
        "GET", f"/classes/{{class}}/reports/mastery?course={COURSE}&format=csv", check=_check_csv
    ),
    ClassCall(
        "GET", f"/classes/{{class}}/reports/skills?course={COURSE}&format=csv", check=_check_csv
    ),
    ClassCall("GET", "/classes/{class}/reports/activity?format=csv", check=_check_csv),
    ClassCall("GET", "/classes/{class}/reports/assignments", check=_check_report),
    ClassCall("GET", "/classes/{class}/reports/assignments?format=csv", check=_check_csv),
    ClassCall("GET", "/classes/{class}/reports/goals", check=_check_report),
    ClassCall("GET", "/classes/{class}/reports/goals?format=csv", check=_check_csv),
]


def _cell_id(method: str, path: str, actor: str, status: int) -> str:
    return f"{method} {path} as {actor} -> {status}"


CLASS_CELLS = [
    pytest.param(
        endpoint,
        actor,
        letter,
        status := expected_status(actor, letter, endpoint.teachers, endpoint.learners),
        id=_cell_id(endpoint.method, endpoint.path.replace("{class}", letter), actor, status),
    )
    for endpoint in [*CLASS_CALLS, *REPORT_CALLS]
    for letter in CLASSES
    for actor in ACTORS
]


@pytest.mark.parametrize(("endpoint", "actor", "letter", "status"), CLASS_CELLS)
def test_class_endpoint(
    http: HttpClient, world: World, endpoint: ClassCall, actor: str, letter: str, status: int
) -> None:
    body = endpoint.body(world, letter) if endpoint.body else None
    before = world.pristine
    reply = call(http, world, actor, endpoint.method, endpoint.url(world, letter), body)
    after = snapshot(world)
    assert reply.status == status, reply.body
    if status >= 400:
        assert_refused_quietly(reply, before, after)
        if status == 404:
            # As if the class did not exist: the same answer as for an id that nothing has.
            missing = call(
                http, world, actor, endpoint.method, endpoint.url(world, letter, MISSING), body
            )
            assert_same_as_missing(reply, missing)
        return
    other = OTHER[letter]
    assert after[other] == before[other], "a call on one class changed the other"
    assert (after != before) == endpoint.writes, (before, after)
    if endpoint.check is not None:
        endpoint.check(reply.body, world, letter, actor in TEACHES[letter])


# --- a teacher reaching into another class through their own ------------------------------------


@dataclass(frozen=True)
class Reach:
    """Teacher A names a thing of class B (or a learner of B) in a call on class A."""

    method: str
    path: str  # on class A; {goal B}, {assignment B}, {group B}, {learner-b}, {goal A}, …
    body: Callable[[World], Any] | None
    status: int
    name: str

    def url(self, world: World, stranger: int | None = None) -> str:
        path = self.path.replace("{class}", str(world.ids["class A"]))
        for key, value in world.ids.items():
            placeholder = "{" + key + "}"
            if placeholder in path:
                is_b = key.endswith(" B") or key == "learner-b"
                path = path.replace(placeholder, str(stranger if is_b and stranger else value))
        return path


REACHES = [
    Reach("GET", "/classes/{class}/goals/{goal B}", None, 404, "B's goal"),
    Reach("PATCH", "/classes/{class}/goals/{goal B}", lambda w: {"target_percent": 50}, 404, "B's goal"),
    Reach("DELETE", "/classes/{class}/goals/{goal B}", None, 404, "B's goal"),
    Reach("GET", "/classes/{class}/assignments/{assignment B}", None, 404, "B's assignment"),
    Reach("GET", "/classes/{class}/assignments/{assignment B}/scores", None, 404, "B's assignment"),
    Reach("PATCH", "/classes/{class}/assignments/{assignment B}", lambda w: {"title": "Mine"}, 404, "B's assignment"),
    Reach("DELETE", "/classes/{class}/assignments/{assignment B}", None, 404, "B's assignment"),
    Reach("GET", "/classes/{class}/groups/{group B}", None, 404, "B's group"),
    Reach("PATCH", "/classes/{class}/groups/{group B}", lambda w: {"name": "Mine"}, 404, "B's group"),
    Reach("DELETE", "/classes/{class}/groups/{group B}", None, 404, "B's group"),
    Reach("DELETE", "/classes/{class}/learners/{learner-b}", None, 404, "B's learner"),
    Reach("GET", f"/classes/{{class}}/reports/mastery?course={COURSE}&group={{group B}}", None, 404, "B's group"),
    Reach("GET", f"/classes/{{class}}/reports/skills?course={COURSE}&group={{group B}}", None, 404, "B's group"),
    Reach("GET", "/classes/{class}/reports/activity?group={group B}", None, 404, "B's group"),
    Reach(
        "POST", "/classes/{class}/goals",
        lambda w: {"course": COURSE, "due_date": _due_date(), "group": w.ids["group B"]},
        404, "a goal for B's group",
    ),
    Reach(
        "PATCH", "/classes/{class}/goals/{goal A}",
        lambda w: {"group": w.ids["group B"]}, 404, "a goal for B's group",
    ),
    Reach(
        "POST", "/classes/{class}/assignments",
        lambda w: {**_new_assignment(w, "A"), "group": w.ids["group B"]},
        404, "an assignment for B's group",
    ),
    Reach(
        "PATCH", "/classes/{class}/assignments/{assignment A}",
        lambda w: {"group": w.ids["group B"]}, 404, "an assignment for B's group",
    ),
    Reach(
        "POST", "/classes/{class}/goals",
        lambda w: {"course": COURSE, "due_date": _due_date(), "learners": [w.ids["learner-b"]]},
        422, "a goal for B's learner",
    ),
    Reach(
        "PATCH", "/classes/{class}/goals/{goal A}",
        lambda w: {"learners": [w.ids["learner-b"]]}, 422, "a goal for B's learner",
    ),
    Reach(
        "POST", "/classes/{class}/assignments",
        lambda w: {**_new_assignment(w, "A"), "learners": [w.ids["learner-b"]]},
        422, "an assignment for B's learner",
    ),
    Reach(
        "PATCH", "/classes/{class}/assignments/{assignment A}",
        lambda w: {"learners": [w.ids["learner-b"]]}, 422, "an assignment for B's learner",
    ),
    Reach(
        "POST", "/classes/{class}/groups",
        lambda w: {"name": "Poached", "learners": [w.ids["learner-b"]]},
        422, "a group with B's learner",
    ),
    Reach(
        "PATCH", "/classes/{class}/groups/{group A}",
        lambda w: {"learners": [w.ids["learner-b"]]}, 422, "a group with B's learner",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    "reach",
    [
        pytest.param(
            r,
            id=f"{r.method} {r.path.replace('{class}', 'A')} with {r.name} as teacher A -> {r.status}",
        )
        for r in REACHES
    ],
)
def test_a_teacher_cannot_reach_into_another_class_through_their_own(
    http: HttpClient, world: World, reach: Reach
) -> None:
    body = reach.body(world) if reach.body else None
    before = world.pristine
    reply = call(http, world, TEACHER_A, reach.method, reach.url(world), body)
    assert reply.status == reach.status, reply.body
    assert_refused_quietly(reply, before, snapshot(world))
    # Class B's thing is answered like a thing that does not exist.
    stranger = body
    if body and "group" in body:
        stranger = {**body, "group": MISSING}
    if body and "learners" in body:
        stranger = {**body, "learners": [MISSING]}
    missing = call(http, world, TEACHER_A, reach.method, reach.url(world, MISSING), stranger)
    assert missing.status == reach.status
    assert _shape(reply) == _shape(missing)


# --- calls that name no class ---------------------------------------------------------------------


def _cells(statuses: dict[str, int], method: str, path: str) -> list[Any]:
    return [
        pytest.param(actor, statuses[actor], id=_cell_id(method, path, actor, statuses[actor]))
        for actor in ACTORS
    ]


def _by_role(anonymous: int, administrator: int, teachers: int, learners: int) -> dict[str, int]:
    return {
        ANONYMOUS: anonymous,
        ADMINISTRATOR: administrator,
        TEACHER_A: teachers,
        CO_TEACHER_A: teachers,
        TEACHER_B: teachers,
        LEARNER_A: learners,
        LEARNER_B: learners,
        CLASSLESS: learners,
    }


@pytest.mark.parametrize(
    ("actor", "status"), _cells(_by_role(401, 201, 201, 403), "POST", "/classes")
)
def test_create_a_class(http: HttpClient, world: World, actor: str, status: int) -> None:
    before = world.pristine
    reply = call(http, world, actor, "POST", "/classes", {"name": "New class", "courses": [COURSE]})
    after = snapshot(world)
    assert reply.status == status, reply.body
    if status >= 400:
        assert_refused_quietly(reply, before, after)
        return
    assert reply.body["teachers"] == [USERNAMES[actor]]
    assert after["classes"] == before["classes"] + 1
    assert (after["A"], after["B"]) == (before["A"], before["B"])


CLASS_NAMES_SEEN = {
    ADMINISTRATOR: [],
    TEACHER_A: ["Class A"],
    CO_TEACHER_A: ["Class A"],
    TEACHER_B: ["Class B"],
    LEARNER_A: ["Class A"],
    LEARNER_B: ["Class B"],
    CLASSLESS: [],
}


@pytest.mark.parametrize(
    ("actor", "status"), _cells(_by_role(401, 200, 200, 200), "GET", "/classes")
)
def test_list_classes(http: HttpClient, world: World, actor: str, status: int) -> None:
    reply = call(http, world, actor, "GET", "/classes")
    assert reply.status == status, reply.body
    if status == 200:
        assert [c["name"] for c in reply.body] == CLASS_NAMES_SEEN[actor]
    else:
        _shape(reply)


@pytest.mark.parametrize("letter", CLASSES)
@pytest.mark.parametrize(
    ("actor", "status"), _cells(_by_role(401, 403, 403, 200), "POST", "/classes/join")
)
def test_join_a_class_with_its_code(
    http: HttpClient, world: World, actor: str, status: int, letter: str
) -> None:
    before = world.pristine
    reply = call(http, world, actor, "POST", "/classes/join", {"code": world.codes[letter]})
    after = snapshot(world)
    assert reply.status == status, reply.body
    if status >= 400:
        assert_refused_quietly(reply, before, after)
        return
    assert reply.body == {"id": world.ids[f"class {letter}"], "name": f"Class {letter}"}
    assert after[letter] is not None and USERNAMES[actor] in after[letter]["learners"]
    assert after[OTHER[letter]] == before[OTHER[letter]]


GOALS_SEEN = {LEARNER_A: ["goal A"], LEARNER_B: ["goal B"]}
ASSIGNMENTS_SEEN = {LEARNER_A: ["assignment A"], LEARNER_B: ["assignment B"]}


@pytest.mark.parametrize(
    ("actor", "status"), _cells(_by_role(401, 200, 200, 200), "GET", "/me/goals")
)
def test_my_goals_are_only_mine(http: HttpClient, world: World, actor: str, status: int) -> None:
    reply = call(http, world, actor, "GET", "/me/goals")
    assert reply.status == status, reply.body
    if status == 200:
        seen = [world.ids[key] for key in GOALS_SEEN.get(actor, [])]
        assert [goal["id"] for goal in reply.body] == seen


@pytest.mark.parametrize(
    ("actor", "status"), _cells(_by_role(401, 200, 200, 200), "GET", "/me/assignments")
)
def test_my_assignments_are_only_mine(
    http: HttpClient, world: World, actor: str, status: int
) -> None:
    reply = call(http, world, actor, "GET", "/me/assignments")
    assert reply.status == status, reply.body
    if status == 200:
        seen = [world.ids[key] for key in ASSIGNMENTS_SEEN.get(actor, [])]
        assert [assignment["id"] for assignment in reply.body] == seen


def test_learner_a2_sees_the_goal_and_assignment_set_for_them(
    http: HttpClient, world: World
) -> None:
    token = issue_token(username="learner-a2", password=PASSWORD)
    goals = http.get("/api/v1/me/goals", token=token)
    assignments = http.get("/api/v1/me/assignments", token=token)
    class_goals = http.get(f"/api/v1/classes/{world.ids['class A']}/goals", token=token)
    assert sorted(g["id"] for g in goals.body) == sorted(
        [world.ids["goal A"], world.ids["a2 goal"]]
    )
    assert sorted(a["id"] for a in assignments.body) == sorted(
        [world.ids["assignment A"], world.ids["a2 assignment"]]
    )
    assert sorted(g["id"] for g in class_goals.body) == sorted(
        [world.ids["goal A"], world.ids["a2 goal"]]
    )
    assert all(g["learners"] is None and g["group"] is None for g in class_goals.body)


@pytest.mark.parametrize(
    ("actor", "status"), _cells(_by_role(401, 201, 403, 403), "POST", "/admin/teachers")
)
def test_only_administrators_create_teachers(
    http: HttpClient, world: World, actor: str, status: int
) -> None:
    before = world.pristine
    body = {"username": "fresh-teacher", "password": "a-long-password"}
    reply = call(http, world, actor, "POST", "/admin/teachers", body)
    after = snapshot(world)
    assert reply.status == status, reply.body
    if status >= 400:
        assert_refused_quietly(reply, before, after)
        return
    assert ("fresh-teacher", "teacher", "", True) in after["users"]


# --- doing an assignment that is not one's own ----------------------------------------------------

# Whose each assignment is: the whole of class A, learner-a2 alone (in class A), the whole of B.
ASSIGNMENT_OWNERS = {
    "assignment A": {LEARNER_A},
    "a2 assignment": set(),  # none of the actors: learner-a2 is not one
    "assignment B": {LEARNER_B},
}


def _assignment_cells(method: str, path: str) -> list[Any]:
    cells = []
    for key, owners in ASSIGNMENT_OWNERS.items():
        for actor in ACTORS:
            status = 401 if actor == ANONYMOUS else 201 if actor in owners else 404
            cells.append(
                pytest.param(
                    actor, key, status, id=_cell_id(method, f"{path} for {key}", actor, status)
                )
            )
    return cells


@pytest.mark.parametrize(("actor", "assignment", "status"), _assignment_cells("POST", "/tasks"))
def test_start_a_task_for_an_assignment(
    http: HttpClient, world: World, actor: str, assignment: str, status: int
) -> None:
    body = {"kind": "practice", "course": COURSE, "skill": "add-small"}
    _do_assignment(http, world, actor, "/tasks", body, assignment, status)


@pytest.mark.parametrize(
    ("actor", "assignment", "status"), _assignment_cells("POST", "/me/completions")
)
def test_complete_a_video_for_an_assignment(
    http: HttpClient, world: World, actor: str, assignment: str, status: int
) -> None:
    body = {"course": COURSE, "kind": "video", "slug": "adding-intro"}
    _do_assignment(http, world, actor, "/me/completions", body, assignment, status)


def _do_assignment(
    http: HttpClient,
    world: World,
    actor: str,
    path: str,
    body: dict[str, Any],
    assignment: str,
    status: int,
) -> None:
    before = world.pristine
    reply = call(http, world, actor, "POST", path, {**body, "assignment": world.ids[assignment]})
    after = snapshot(world)
    assert reply.status == status, reply.body
    if status >= 400:
        assert_refused_quietly(reply, before, after)
        if status == 404:
            missing = call(http, world, actor, "POST", path, {**body, "assignment": MISSING})
            assert_same_as_missing(reply, missing)
        return
    assert after != before


# --- leaving a class ends access to it ------------------------------------------------------------


def test_a_learner_taken_out_of_a_class_no_longer_sees_it(http: HttpClient, world: World) -> None:
    class_a, learner = world.ids["class A"], world.ids["learner-a"]
    removed = call(http, world, TEACHER_A, "DELETE", f"/classes/{class_a}/learners/{learner}")
    assert removed.status == 204, removed.body
    for path in ["", "/goals", "/assignments", "/teachers"]:
        reply = call(http, world, LEARNER_A, "GET", f"/classes/{class_a}{path}")
        assert reply.status == 404, (path, reply.body)
    for path in ["/classes", "/me/goals", "/me/assignments"]:
        reply = call(http, world, LEARNER_A, "GET", path)
        assert (reply.status, reply.body) == (200, []), path
    before = snapshot(world)
    started = call(
        http, world, LEARNER_A, "POST", "/tasks",
        {"kind": "practice", "course": COURSE, "skill": "add-small",
         "assignment": world.ids["assignment A"]},
    )  # fmt: skip
    assert started.status == 404, started.body
    assert snapshot(world) == before


def test_a_co_teacher_taken_off_a_class_no_longer_sees_it(http: HttpClient, world: World) -> None:
    class_a = world.ids["class A"]
    removed = call(http, world, TEACHER_A, "DELETE", f"/classes/{class_a}/teachers/coteacher-a")
    assert removed.status == 204, removed.body
    for path in ["", "/learners", "/goals", f"/assignments/{world.ids['assignment A']}/scores"]:
        reply = call(http, world, CO_TEACHER_A, "GET", f"/classes/{class_a}{path}")
        assert reply.status == 404, (path, reply.body)
    before = snapshot(world)
    renamed = call(http, world, CO_TEACHER_A, "PATCH", f"/classes/{class_a}", {"name": "Mine"})
    assert renamed.status == 404, renamed.body
    assert snapshot(world) == before
    assert call(http, world, CO_TEACHER_A, "GET", "/classes").body == []


# --- another learner's task -----------------------------------------------------------------------

TASK_CALLS = [
    ("GET", "/tasks/{task}", None),
    ("POST", "/tasks/{task}/answers", {"position": 1, "response": "12", "attempt_id": "poke-1"}),
    ("POST", "/tasks/{task}/hints", {"position": 1}),
    ("POST", "/tasks/{task}/skip-bonus", None),
]


@pytest.mark.parametrize(
    ("actor", "method", "path", "body"),
    [
        pytest.param(actor, method, path, body, id=_cell_id(method, path, actor, 404))
        for method, path, body in TASK_CALLS
        for actor in [LEARNER_B, CLASSLESS, TEACHER_A, ADMINISTRATOR]
    ],
)
def test_another_learners_task_is_404_and_stays_as_it_was(
    http: HttpClient, world: World, actor: str, method: str, path: str, body: Any
) -> None:
    started = call(
        http, world, LEARNER_A, "POST", "/tasks",
        {"kind": "practice", "course": COURSE, "skill": "add-small"},
    )  # fmt: skip
    assert started.status == 201, started.body
    task = started.body["id"]
    before = snapshot(world)
    reply = call(http, world, actor, method, path.replace("{task}", str(task)), body)
    assert reply.status == 404, reply.body
    assert_refused_quietly(reply, before, snapshot(world))
    missing = call(http, world, actor, method, path.replace("{task}", str(MISSING)), body)
    assert_same_as_missing(reply, missing)
    # The learner's own task carries on where it was.
    again = call(http, world, LEARNER_A, "GET", f"/tasks/{task}")
    assert again.status == 200 and again.body["question"] == started.body["question"]
