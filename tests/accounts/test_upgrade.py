"""A server from before accounts had their own app upgrades by `migrate` and keeps everything:
accounts, passwords, roles, tokens, sign-in guesses, signed-in browsers, which class made which
account, classes and their members, and the learners' work."""

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import RequestFactory
from django.utils import timezone

from proficio.accounts.models import ApiToken, Guess, User
from proficio.accounts.roles import roles_of
from proficio.accounts.tokens import token_digest, user_for_token
from proficio.classroom import actions
from proficio.classroom.errors import InvalidTeachingRequest
from proficio.classroom.models import ClassMadeAccount, Classroom, SkillGroup
from proficio.learning.models import Task

BEFORE_THE_MOVE = [("classroom", "0010_sign_up_guesses"), ("learning", "0002_activity_day")]
OLD_BACKEND = "proficio.classroom.sign_in_limits.LimitedSignIn"
TOKEN = "a-token-issued-before-the-upgrade"


class QuickHasher(PBKDF2PasswordHasher):
    iterations = 1  # the accounts need a password, not a strong one


def migrate(targets: list[tuple[str, str]] | None = None) -> Any:
    """Migrate to the targets, or without any to every app's latest migration."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def old_school(apps: Any) -> dict[str, Any]:
    """What a school had made before the upgrade, written through the models of that time."""
    now = timezone.now()
    Account = apps.get_model("classroom", "User")

    def account(username: str, role: str, **fields: Any) -> Any:
        password = make_password(f"{username}-password", hasher=QuickHasher())
        return Account.objects.create(
            username=username, username_folded=username.lower(), role=role, password=password,
            display_name=username.title(), **fields,
        )  # fmt: skip

    teacher = account("rivera", "teacher")
    classroom = apps.get_model("classroom", "Classroom").objects.create(
        name="Class 7B", join_code="ABC234"
    )
    made = account("ada", "learner", made_for_class=classroom)
    signed_up = account("grace", "learner")
    classroom.teachers.add(teacher)
    classroom.learners.add(made, signed_up)
    group = apps.get_model("classroom", "SkillGroup").objects.create(
        classroom=classroom, name="Practising"
    )
    group.learners.add(made)
    Permission = apps.get_model("auth", "Permission")
    teacher.user_permissions.add(
        Permission.objects.get(content_type__app_label="classroom", codename="change_user")
    )
    apps.get_model("classroom", "ApiToken").objects.create(
        user=made, digest=token_digest(TOKEN), created_at=now, expires_at=now + timedelta(days=30)
    )
    apps.get_model("classroom", "Guess").objects.create(
        kind="sign_in", key="grace", address="10.0.0.7", at=now
    )
    course = apps.get_model("content", "Course").objects.create(
        slug="fractions", title="Fractions", imported_at=now
    )
    apps.get_model("learning", "Task").objects.create(
        learner=made, course=course, kind="course_challenge", target="course:fractions",
        question_count=5, started_at=now,
    )  # fmt: skip
    return {"teacher": teacher.pk, "made": made.pk, "signed_up": signed_up.pk,
            "classroom": classroom.pk, "group": group.pk, "ada_hash": made.password}  # fmt: skip


def signed_in_browser(learner_id: int, password_hash: str) -> str:
    """A browser signed in as the learner through the old sign-in backend; its session key."""
    session = SessionStore()
    session[SESSION_KEY] = str(learner_id)
    session[BACKEND_SESSION_KEY] = OLD_BACKEND
    session[HASH_SESSION_KEY] = User(password=password_hash).get_session_auth_hash()
    session.create()
    assert session.session_key is not None
    return session.session_key


@pytest.mark.django_db(transaction=True)
def test_a_school_keeps_its_accounts_and_their_work_when_accounts_move_to_their_own_app() -> None:
    apps = migrate(BEFORE_THE_MOVE)
    try:
        ids = old_school(apps)
        browser = signed_in_browser(ids["made"], ids["ada_hash"])
    finally:
        migrate()

    teacher, ada, grace = (
        User.objects.get(pk=ids[who]) for who in ("teacher", "made", "signed_up")
    )
    assert [teacher.username, ada.username, grace.username] == ["rivera", "ada", "grace"]
    request = RequestFactory().get("/")
    request.session = SessionStore(session_key=browser)
    assert get_user(request) == ada  # the browser is still signed in
    # (before a password is checked: the check re-hashes it, which would sign the browser out)
    for account in (teacher, ada, grace):
        assert account.check_password(f"{account.username}-password"), account.username
        assert account.display_name == account.username.title()
    assert roles_of(teacher) == ["teacher"] and roles_of(ada) == roles_of(grace) == ["learner"]
    assert teacher.has_perm("accounts.change_user")

    classroom = Classroom.objects.get(pk=ids["classroom"])
    assert list(classroom.teachers.all()) == [teacher]
    assert set(classroom.learners.all()) == {ada, grace}
    assert list(SkillGroup.objects.get(pk=ids["group"]).learners.all()) == [ada]
    assert list(ClassMadeAccount.objects.values_list("account", "classroom")) == [
        (ada.pk, classroom.pk)
    ]
    assert user_for_token(TOKEN) == ada
    assert ApiToken.objects.get().user == ada
    assert Guess.objects.filter(kind="sign_in", key="grace", address="10.0.0.7").count() == 1
    task = Task.objects.get()
    assert task.learner == ada and task.course.slug == "fractions"

    # The made-for-class right works as before: only the class that made the account resets it.
    assert actions.new_password_for_learner(classroom=classroom, learner_id=ada.pk)
    with pytest.raises(InvalidTeachingRequest):
        actions.new_password_for_learner(classroom=classroom, learner_id=grace.pk)
    classroom.delete()
    assert not ClassMadeAccount.objects.exists() and User.objects.count() == 3
