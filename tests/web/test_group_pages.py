"""A class's skill groups as the server renders them: suggestions, accepting, editing, deleting."""

from pathlib import Path

import pytest
from django.test import Client
from tests.web import school
from tests.web.school import field_block, page, signed_in, teacher_of, text

from proficio.accounts import services as accounts
from proficio.classroom import actions as classroom
from proficio.classroom.models import Classroom, SkillGroup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def journey(tmp_path: Path) -> None:
    school.import_journey(tmp_path)


@pytest.fixture
def klass() -> Classroom:
    made = school.teacher_class()
    for name, display in [("ada", "Ada Lovelace"), ("bo", "Bo Diddley")]:
        classroom.join_class(learner=school.learner(name, display), code=made.join_code)
    return made


def group_of(klass: Classroom, name: str, *usernames: str) -> SkillGroup:
    ids = list(klass.learners.filter(username__in=usernames).values_list("pk", flat=True))
    return classroom.create_group(classroom=klass, name=name, learner_ids=ids)


def members(group: SkillGroup) -> list[str]:
    return sorted(group.learners.values_list("username", flat=True))


def test_the_groups_page_lists_each_group_with_its_learners() -> None:
    klass = school.teacher_class()
    classroom.join_class(learner=school.learner("ada", "Ada Lovelace"), code=klass.join_code)
    group_of(klass, "Table 1", "ada")
    html = text(page(teacher_of(klass), f"/classes/{klass.pk}/groups/"))
    assert "Table 1 Ada Lovelace" in html


def test_suggestions_give_their_reason_and_learners_and_accepting_makes_the_group(
    klass: Classroom,
) -> None:
    for skill in school.UNITS["numbers"]:
        school.practise(klass.learners.get(username="ada"), skill, right=4)
    browser = teacher_of(klass)
    html = page(browser, f"/classes/{klass.pk}/groups/?course=journey&unit=numbers")
    words = text(html)
    assert "1 learner with an average of" in words and "the skills of the unit" in words
    assert words.count("Accept") == 2  # Ada's band and Bo's
    # Accept Ada's band: the form posts its name and learners.
    ada = klass.learners.get(username="ada")
    form = next(li for li in html.split('<li class="card suggestion">') if "Ada Lovelace" in li)
    name = form.split('name="name" value="')[1].split('"')[0]
    assert f'name="learners" value="{ada.pk}"' in form
    response = browser.post(f"/classes/{klass.pk}/groups/new", {"name": name, "learners": ada.pk})
    assert response.status_code == 302 and response["Location"] == f"/classes/{klass.pk}/groups/"
    assert members(SkillGroup.objects.get(name=name)) == ["ada"]


def test_a_group_of_someone_not_in_the_class_is_not_made_and_the_page_says_why(
    klass: Classroom,
) -> None:
    browser = teacher_of(klass)
    response = browser.post(
        f"/classes/{klass.pk}/groups/new", {"name": "Table 1", "learners": [99999]}, follow=True
    )
    assert "That group could not be made. Select a valid choice. 99999 is not one of" in text(
        response.content.decode()
    )
    assert not SkillGroup.objects.exists()


def test_a_course_or_unit_not_the_classs_is_an_error_next_to_its_field(klass: Classroom) -> None:
    browser = teacher_of(klass)
    html = page(browser, f"/classes/{klass.pk}/groups/?course=nope")
    assert "Select a valid choice. nope is not one of the available choices." in field_block(
        html, "course"
    )
    html = page(browser, f"/classes/{klass.pk}/groups/?course=journey&unit=nope")
    assert "nope is not one of the available choices." in field_block(html, "unit")
    assert "Accept" not in html


def test_editing_a_group_changes_its_name_and_learners(klass: Classroom) -> None:
    group = group_of(klass, "Table 1", "ada")
    bo = klass.learners.get(username="bo")
    response = teacher_of(klass).post(
        f"/classes/{klass.pk}/groups/{group.pk}/",
        {f"g{group.pk}-name": "Table 2", f"g{group.pk}-learners": [bo.pk]},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Table 2" and members(group) == ["bo"]


def test_a_group_without_a_name_says_so_next_to_the_name_and_is_kept(klass: Classroom) -> None:
    group = group_of(klass, "Table 1", "ada")
    response = teacher_of(klass).post(
        f"/classes/{klass.pk}/groups/{group.pk}/", {f"g{group.pk}-name": "  "}
    )
    assert response.status_code == 200
    assert "This field is required." in field_block(response.content.decode(), f"g{group.pk}-name")
    group.refresh_from_db()
    assert group.name == "Table 1" and members(group) == ["ada"]


def test_deleting_a_group_keeps_its_learners_in_the_class(klass: Classroom) -> None:
    group = group_of(klass, "Table 1", "ada")
    response = teacher_of(klass).post(f"/classes/{klass.pk}/groups/{group.pk}/delete")
    assert response.status_code == 302
    assert not SkillGroup.objects.exists() and klass.learners.count() == 2


def test_group_forms_need_their_csrf_token(klass: Classroom) -> None:
    group = group_of(klass, "Table 1", "ada")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(klass.teachers.get())
    assert browser.post(f"/classes/{klass.pk}/groups/{group.pk}/delete").status_code == 403
    assert browser.post(f"/classes/{klass.pk}/groups/new", {"name": "X"}).status_code == 403
    assert SkillGroup.objects.count() == 1


def test_a_learner_of_the_class_gets_403_and_another_teacher_404(klass: Classroom) -> None:
    group = group_of(klass, "Table 1", "ada")
    ada = signed_in(klass.learners.get(username="ada"))
    other = signed_in(accounts.create_teacher(username="mr-other", password=school.PASSWORD))
    paths = [
        f"/classes/{klass.pk}/groups/",
        f"/classes/{klass.pk}/groups/new",
        f"/classes/{klass.pk}/groups/{group.pk}/",
        f"/classes/{klass.pk}/groups/{group.pk}/delete",
    ]
    for path in paths:
        method = ada.get if path.endswith("groups/") else ada.post
        assert method(path, {"name": "X"}).status_code == 403, path
        method = other.get if path.endswith("groups/") else other.post
        assert method(path, {"name": "X"}).status_code == 404, path
    # The form that makes a group by hand posts to the page itself.
    assert ada.post(paths[0], {"new-name": "X"}).status_code == 403
    assert other.post(paths[0], {"new-name": "X"}).status_code == 404
    assert SkillGroup.objects.get().name == "Table 1"


def test_another_classs_group_is_not_found(klass: Classroom) -> None:
    elsewhere = school.teacher_class("Class 8A", username="mr-other")
    group = classroom.create_group(classroom=elsewhere, name="Theirs", learner_ids=[])
    browser = teacher_of(klass)
    assert browser.post(f"/classes/{klass.pk}/groups/{group.pk}/delete").status_code == 404
    assert SkillGroup.objects.filter(pk=group.pk).exists()


# --- a group made by hand ---------------------------------------------------------------------


def test_the_groups_page_offers_a_form_to_make_a_group(klass: Classroom) -> None:
    html = page(teacher_of(klass), f"/classes/{klass.pk}/groups/")
    form = html[html.index('id="new-group"') :].split("</form>")[0]
    assert 'name="csrfmiddlewaretoken"' in form
    assert 'type="text"' in field_block(form, "new-name")
    assert "Ada Lovelace" in field_block(form, "new-learners")


def test_a_teacher_makes_an_empty_group_then_adds_a_learner(klass: Classroom) -> None:
    browser = teacher_of(klass)
    response = browser.post(f"/classes/{klass.pk}/groups/", {"new-name": "  Table 3 "})
    group = SkillGroup.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/classes/{klass.pk}/groups/#group-{group.pk}"
    assert group.name == "Table 3" and members(group) == []
    words = text(page(browser, f"/classes/{klass.pk}/groups/"))
    assert "The group Table 3 is made." in words and "Table 3 No learners in this group." in words

    ada = klass.learners.get(username="ada")
    browser.post(
        f"/classes/{klass.pk}/groups/{group.pk}/",
        {f"g{group.pk}-name": "Table 3", f"g{group.pk}-learners": [ada.pk]},
    )
    assert members(group) == ["ada"]


def test_a_teacher_makes_a_group_of_hand_picked_learners(klass: Classroom) -> None:
    ids = [str(pk) for pk in klass.learners.values_list("pk", flat=True)]
    teacher_of(klass).post(
        f"/classes/{klass.pk}/groups/", {"new-name": "Both", "new-learners": ids}
    )
    assert members(SkillGroup.objects.get(name="Both")) == ["ada", "bo"]


def test_a_new_group_without_a_name_says_so_next_to_it_and_keeps_the_ticks(
    klass: Classroom,
) -> None:
    bo = klass.learners.get(username="bo")
    url = f"/classes/{klass.pk}/groups/"
    response = teacher_of(klass).post(url, {"new-name": " ", "new-learners": [bo.pk]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required." in field_block(html, "new-name")
    assert f'value="{bo.pk}" checked' in field_block(html, "new-learners")
    html = teacher_of(klass).post(url, {"new-name": "T", "new-learners": [99999]}).content.decode()
    assert "99999 is not one of the available choices." in field_block(html, "new-learners")
    assert 'value="T"' in field_block(html, "new-name")
    assert not SkillGroup.objects.exists()


# --- suggestions from chosen skills -----------------------------------------------------------


def test_suggestions_can_be_narrowed_to_chosen_skills(klass: Classroom) -> None:
    school.practise(klass.learners.get(username="ada"), "one", right=4)
    browser = teacher_of(klass)
    html = page(browser, f"/classes/{klass.pk}/groups/?course=journey&unit=&skills=one")
    words = text(html)
    assert "on the skill 'Skill one'" in words
    assert "Ready to extend 1 learner with an average of 80 and over" in words
    assert "on the skill 'Skill one': Proficient or better. Ada Lovelace" in words
    assert 'value="one" checked' in html and "Only some skills (1 ticked)" in words
    html = page(browser, f"/classes/{klass.pk}/groups/?course=journey&skills=one&skills=four")
    assert "on the 2 chosen skills" in text(html)


def test_skills_outside_the_chosen_unit_are_an_error_next_to_the_skills(klass: Classroom) -> None:
    html = page(
        teacher_of(klass), f"/classes/{klass.pk}/groups/?course=journey&unit=numbers&skills=four"
    )
    errors = html[html.index('id="id_skills_errors"') :].split("</ul>")[0]
    assert "Some ticked skills are not in Unit numbers: untick them." in errors
    assert "Accept" not in html
    html = page(teacher_of(klass), f"/classes/{klass.pk}/groups/?course=journey&skills=nope")
    assert "nope is not one of the available choices." in html
