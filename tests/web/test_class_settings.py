"""A class's settings page: its name and courses, and co-teachers; the teachers' nav link."""

from pathlib import Path

import pytest
from django.test import Client
from tests.samples import write_known_answers_pack
from tests.web import school
from tests.web.school import field_block, page, signed_in, teacher_of, text

from proficio.accounts import services as accounts
from proficio.classroom import actions as classroom
from proficio.classroom.models import Classroom
from proficio.content.services import import_pack

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def journey(tmp_path: Path) -> None:
    school.import_journey(tmp_path)


@pytest.fixture
def klass() -> Classroom:
    return school.teacher_class()


def teachers(klass: Classroom) -> list[str]:
    return sorted(klass.teachers.values_list("username", flat=True))


def test_the_settings_page_shows_the_class_as_it_is(klass: Classroom) -> None:
    html = page(teacher_of(klass), f"/classes/{klass.pk}/settings/")
    assert 'value="Class 7B"' in field_block(html, "name")
    assert 'value="journey" checked' in field_block(html, "courses")
    assert "Teachers ms-rivera Remove" in text(html)


def test_renaming_the_class_and_changing_its_courses(klass: Classroom, tmp_path: Path) -> None:
    import_pack(path=write_known_answers_pack(tmp_path / "second", {"u": ["s"]}, slug="second"))
    response = teacher_of(klass).post(
        f"/classes/{klass.pk}/settings/", {"name": " Class 7C ", "courses": ["second"]}
    )
    assert response.status_code == 302
    klass.refresh_from_db()
    assert klass.name == "Class 7C"
    assert list(klass.courses.values_list("slug", flat=True)) == ["second"]


def test_a_class_without_a_name_says_so_next_to_the_name(klass: Classroom) -> None:
    response = teacher_of(klass).post(f"/classes/{klass.pk}/settings/", {"name": " "})
    assert "This field is required." in field_block(response.content.decode(), "name")
    klass.refresh_from_db()
    assert klass.name == "Class 7B"


def test_adding_and_removing_a_co_teacher(klass: Classroom) -> None:
    accounts.create_teacher(username="mr-lee", password=school.PASSWORD)
    browser = teacher_of(klass)
    response = browser.post(f"/classes/{klass.pk}/settings/teachers/add", {"username": "MR-LEE"})
    assert response.status_code == 302 and teachers(klass) == ["mr-lee", "ms-rivera"]
    response = browser.post(f"/classes/{klass.pk}/settings/teachers/mr-lee/remove")
    assert response.status_code == 302 and teachers(klass) == ["ms-rivera"]


def test_co_teacher_errors_stand_next_to_the_username(klass: Classroom) -> None:
    school.learner("ada")
    browser = teacher_of(klass)
    html = browser.post(
        f"/classes/{klass.pk}/settings/teachers/add", {"username": "nobody"}
    ).content.decode()
    assert "There is no account &#x27;nobody&#x27;." in field_block(html, "username")
    html = browser.post(
        f"/classes/{klass.pk}/settings/teachers/add", {"username": "ada"}
    ).content.decode()
    assert "is a learner account; only teachers can teach a class." in field_block(html, "username")
    assert teachers(klass) == ["ms-rivera"]


def test_the_last_teacher_cannot_leave_and_is_told_why(klass: Classroom) -> None:
    response = teacher_of(klass).post(f"/classes/{klass.pk}/settings/teachers/ms-rivera/remove")
    assert response.status_code == 200
    assert "A class needs at least one teacher; add another first." in response.content.decode()
    assert teachers(klass) == ["ms-rivera"]


def test_settings_forms_need_their_csrf_token(klass: Classroom) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(klass.teachers.get())
    assert browser.post(f"/classes/{klass.pk}/settings/", {"name": "X"}).status_code == 403
    klass.refresh_from_db()
    assert klass.name == "Class 7B"


def test_a_learner_of_the_class_gets_403_and_another_teacher_404(klass: Classroom) -> None:
    ada = school.learner("ada")
    classroom.join_class(learner=ada, code=klass.join_code)
    other = accounts.create_teacher(username="mr-other", password=school.PASSWORD)
    paths = [
        f"/classes/{klass.pk}/settings/",
        f"/classes/{klass.pk}/settings/teachers/add",
        f"/classes/{klass.pk}/settings/teachers/ms-rivera/remove",
    ]
    for path in paths:
        assert signed_in(ada).post(path, {"username": "ada"}).status_code == 403, path
        assert signed_in(other).post(path, {"username": "mr-other"}).status_code == 404, path
    assert signed_in(ada).get(paths[0]).status_code == 403
    assert teachers(klass) == ["ms-rivera"]


def test_teachers_have_my_classes_in_the_nav_and_learners_do_not(klass: Classroom) -> None:
    nav = '<a href="/classes/">My classes</a>\n'
    assert nav in page(teacher_of(klass), "/")
    assert nav not in page(signed_in(school.learner("ada")), "/")


def test_the_class_home_links_its_groups_activity_and_settings(klass: Classroom) -> None:
    html = page(teacher_of(klass), f"/classes/{klass.pk}/")
    for where in ["groups/", "activity/", "settings/"]:
        assert f'href="/classes/{klass.pk}/{where}"' in html
