"""A teacher gives a new password to an account they made by importing the class, and no other."""

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from tests.web import school
from tests.web.school import page, signed_in, teacher_of, text

from proficio.accounts import services as accounts
from proficio.accounts.models import ApiToken, User
from proficio.accounts.tokens import issue_token
from proficio.classroom import actions as classroom
from proficio.classroom.models import Classroom
from proficio.classroom.roster_import import import_learners

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def journey(tmp_path: Path) -> None:
    school.import_journey(tmp_path)


@pytest.fixture
def klass() -> Classroom:
    found = school.teacher_class()
    report = import_learners(classroom=found, text=f"bea,Bea,{school.PASSWORD}\n")
    assert report.created == ["bea"]
    return found


def reset(browser: Client, klass: Classroom, learner: User) -> Any:
    return browser.post(f"/classes/{klass.pk}/learners/{learner.pk}/password")


def test_a_teacher_gives_an_imported_learner_a_new_password_shown_once(klass: Classroom) -> None:
    bea = User.objects.get(username="bea")
    issue_token(username="bea", password=school.PASSWORD)
    browser = teacher_of(klass)
    assert "Make a new password" in page(browser, f"/classes/{klass.pk}/learners/{bea.pk}/")

    response = reset(browser, klass, bea)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = response.content.decode().split('<code class="new-password">')[1].split("<")[0]
    assert len(password) == 10
    assert Client().login(username="bea", password=password)
    assert not Client().login(username="bea", password=school.PASSWORD)
    assert not ApiToken.objects.filter(user=bea).exists()
    # Shown once: the page read again does not show it.
    assert password not in page(browser, f"/classes/{klass.pk}/learners/{bea.pk}/")


def test_a_learner_who_signed_up_keeps_their_password_to_themselves(klass: Classroom) -> None:
    ada = school.learner("ada", "Ada")
    classroom.add_learners(classroom=klass, learners=[ada])
    browser = teacher_of(klass)
    html = page(browser, f"/classes/{klass.pk}/learners/{ada.pk}/")
    assert "Make a new password" not in html
    assert "Ada made this account themselves" in text(html)

    response = reset(browser, klass, ada)
    assert response.status_code == 422
    assert "only they can change its password" in response.content.decode()
    ada.refresh_from_db()
    assert ada.check_password(school.PASSWORD)


def test_an_account_made_for_another_class_is_not_this_class_teachers_to_reset(
    klass: Classroom,
) -> None:
    other = school.teacher_class(name="Class 8A", username="mr-okafor")
    bea = User.objects.get(username="bea")
    classroom.add_learners(classroom=other, learners=[bea])
    assert reset(teacher_of(other), other, bea).status_code == 422
    bea.refresh_from_db()
    assert bea.check_password(school.PASSWORD)


def test_only_the_class_teachers_may_and_only_by_post(klass: Classroom) -> None:
    bea = User.objects.get(username="bea")
    stranger = accounts.create_teacher(username="mr-okafor", password=school.PASSWORD)
    assert reset(signed_in(stranger), klass, bea).status_code == 404
    assert reset(signed_in(bea), klass, bea).status_code == 403
    path = f"/classes/{klass.pk}/learners/{bea.pk}/password"
    assert teacher_of(klass).get(path).status_code == 405
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(klass.teachers.get())
    assert guarded.post(path).status_code == 403
    bea.refresh_from_db()
    assert bea.check_password(school.PASSWORD)
