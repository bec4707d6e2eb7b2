"""A teacher's pages as the server renders them: classes, a class's home and roster, reports."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests.web import school
from tests.web.school import field_block, page, signed_in, teacher_of, text

from proficio.accounts import services as accounts
from proficio.accounts.models import User
from proficio.classroom import actions as classroom
from proficio.classroom.models import Classroom
from proficio.reports import export
from proficio.reports.mastery import mastery_progress
from proficio.reports.skills import skills_grid

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def journey(tmp_path: Path) -> None:
    school.import_journey(tmp_path)


@pytest.fixture
def klass() -> Classroom:
    return school.teacher_class()


def class_pages(klass: Classroom) -> list[str]:
    return [
        f"/classes/{klass.pk}/",
        f"/classes/{klass.pk}/mastery/",
        f"/classes/{klass.pk}/mastery.csv",
        f"/classes/{klass.pk}/skills/",
        f"/classes/{klass.pk}/skills.csv",
    ]


def class_actions(klass: Classroom, learner: User) -> list[str]:
    return [
        f"/classes/{klass.pk}/join-code",
        f"/classes/{klass.pk}/joining",
        f"/classes/{klass.pk}/learners/add",
        f"/classes/{klass.pk}/learners/import",
        f"/classes/{klass.pk}/learners/{learner.pk}/remove",
    ]


# --- My classes and a new class ---------------------------------------------------------------


def test_a_teacher_without_classes_is_asked_to_create_their_first() -> None:
    teacher = accounts.create_teacher(username="ms-rivera", password=school.PASSWORD)
    html = page(signed_in(teacher), "/classes/")
    assert "No classes yet — create your first class" in html
    courses = field_block(html, "courses")
    assert 'type="checkbox"' in courses and 'value="journey"' in courses
    assert "Journey course" in courses


def test_signing_in_sends_a_teacher_to_their_classes() -> None:
    accounts.create_teacher(username="ms-rivera", password=school.PASSWORD)
    response = Client().post("/signin/", {"username": "ms-rivera", "password": school.PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/classes/"


def test_creating_a_class_with_its_courses_leads_to_its_home_with_the_join_code() -> None:
    accounts.create_teacher(username="ms-rivera", password=school.PASSWORD)
    browser = Client(enforce_csrf_checks=True)
    browser.login(username="ms-rivera", password=school.PASSWORD)
    token = browser.get("/classes/").cookies["csrftoken"].value
    response = browser.post(
        "/classes/", {"name": " Class 7B ", "courses": ["journey"], "csrfmiddlewaretoken": token}
    )
    made = Classroom.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/classes/{made.pk}/"
    assert made.name == "Class 7B"
    assert list(made.courses.values_list("slug", flat=True)) == ["journey"]
    home = page(browser, f"/classes/{made.pk}/")
    assert f'<output class="join-code" id="join-code">{made.join_code}</output>' in home
    assert "Class 7B is ready" in home
    listed = page(browser, "/classes/")
    assert f'<a href="/classes/{made.pk}/">Class 7B</a>' in listed and "Journey course" in listed


def test_a_new_class_without_its_csrf_token_is_refused() -> None:
    accounts.create_teacher(username="ms-rivera", password=school.PASSWORD)
    browser = Client(enforce_csrf_checks=True)
    browser.login(username="ms-rivera", password=school.PASSWORD)
    assert browser.post("/classes/", {"name": "Class 7B"}).status_code == 403
    assert not Classroom.objects.exists()


def test_new_class_errors_stand_next_to_their_field_and_keep_the_choices() -> None:
    browser = signed_in(accounts.create_teacher(username="ms-rivera", password=school.PASSWORD))
    html = browser.post("/classes/", {"name": "  ", "courses": ["journey"]}).content.decode()
    assert "This field is required." in field_block(html, "name")
    assert 'value="journey" checked' in field_block(html, "courses")
    unknown = browser.post("/classes/", {"name": "7B", "courses": ["nope"]}).content.decode()
    assert "Select a valid choice. nope is not one of the available choices." in field_block(
        unknown, "courses"
    )
    assert 'value="7B"' in field_block(unknown, "name")
    assert not Classroom.objects.exists()


# --- who may open a class's pages -------------------------------------------------------------


def test_a_learner_of_the_class_is_refused_every_teacher_page(klass: Classroom) -> None:
    ada = school.learner("ada")
    classroom.add_learners(classroom=klass, learners=[ada])
    browser = signed_in(ada)
    assert browser.get("/classes/").status_code == 403
    for path in class_pages(klass):
        assert browser.get(path).status_code == 403, path
    for path in class_actions(klass, ada):
        assert browser.post(path, {"usernames": "ada", "join_enabled": "on"}).status_code == 403
    assert klass.learners.filter(pk=ada.pk).exists()


def test_a_class_is_not_found_for_learners_and_teachers_outside_it(klass: Classroom) -> None:
    ada = school.learner("ada")
    classroom.add_learners(classroom=klass, learners=[ada])
    other = accounts.create_teacher(username="mr-chen", password=school.PASSWORD)
    code = klass.join_code
    for browser in (signed_in(school.learner("grace")), signed_in(other)):
        for path in class_pages(klass):
            assert browser.get(path).status_code == 404, path
        for path in class_actions(klass, ada):
            assert browser.post(path, {"usernames": "grace"}).status_code == 404, path
    klass.refresh_from_db()
    assert klass.join_code == code and list(klass.learners.all()) == [ada]
    assert "Class 7B" not in page(signed_in(other), "/classes/")


def test_a_visitor_is_sent_to_sign_in(klass: Classroom) -> None:
    for path in ["/classes/", *class_pages(klass)]:
        response = Client().get(path)
        assert response.status_code == 302 and response["Location"].startswith("/signin/?next=")


# --- a class's home ---------------------------------------------------------------------------


def test_class_home_shows_the_roster_goals_on_track_and_what_is_due_this_week(
    klass: Classroom,
) -> None:
    ada, grace = school.learner("ada", "Ada Lovelace"), school.learner("grace")
    classroom.add_learners(classroom=klass, learners=[ada, grace])
    school.set_goal(klass, unit="numbers", days=14)
    school.practise(ada, "one", right=4)
    school.assign(klass, [("exercise", "two")], days=3)
    later = school.assign(klass, [("exercise", "three")], days=10)
    html = page(teacher_of(klass), f"/classes/{klass.pk}/")
    words = text(html)
    assert "2 learners · Journey course" in words
    assert "Unit goal: Unit numbers 1 of 2 on track" in words
    assert "Homework 1 due" in words and words.count("Homework 1") == 1
    assert later.due_at.strftime("%-d %b") not in words
    assert "Ada Lovelace ada" in words and "grace" in words


def test_class_home_names_the_learners_behind_the_pace_of_a_goal(klass: Classroom) -> None:
    ada, grace = school.learner("ada", "Ada Lovelace"), school.learner("grace")
    classroom.add_learners(classroom=klass, learners=[ada, grace])
    today = timezone.localdate()
    # Ten of fourteen days gone: the pace expects about 71 %, and Ada is at 43.3 %.
    change = classroom.GoalChange(
        course="journey", unit="numbers", start_date=today - timedelta(days=10),
        due_date=today + timedelta(days=4),
    )  # fmt: skip
    classroom.create_goal(classroom=klass, change=change)
    browser = teacher_of(klass)
    assert "Needs attention" not in page(browser, f"/classes/{klass.pk}/")
    school.practise(ada, "one", right=4)
    school.practise(ada, "two", right=3)
    words = text(page(browser, f"/classes/{klass.pk}/"))
    assert "Needs attention Ada Lovelace is behind the pace of Unit numbers" in words
    assert "grace is behind" not in words  # not started yet: not behind, only not started


def test_class_home_reads_its_goals_in_the_same_queries_however_many_there_are(
    klass: Classroom,
) -> None:
    classroom.add_learners(classroom=klass, learners=[school.learner("ada")])
    browser = teacher_of(klass)

    def home_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            page(browser, f"/classes/{klass.pk}/")
        return len(queries)

    school.set_goal(klass)
    school.set_goal(klass, unit="numbers")
    few = home_queries()
    for unit in [None, "numbers", "more", "more"]:
        school.set_goal(klass, unit=unit, days=7)
    assert home_queries() == few


def test_a_new_join_code_replaces_the_old_one(klass: Classroom) -> None:
    old = klass.join_code
    browser = teacher_of(klass)
    response = browser.post(f"/classes/{klass.pk}/join-code", follow=True)
    klass.refresh_from_db()
    assert klass.join_code != old
    assert f"The new join code is {klass.join_code}" in response.content.decode()
    assert browser.get(f"/classes/{klass.pk}/join-code").status_code == 405


def test_joining_turns_off_and_on(klass: Classroom) -> None:
    browser = teacher_of(klass)
    off = browser.post(f"/classes/{klass.pk}/joining", follow=True).content.decode()
    klass.refresh_from_db()
    assert not klass.join_enabled
    assert "Joining is turned off." in off and "Turn joining on" in off
    assert 'id="join-code"' not in off
    on = browser.post(f"/classes/{klass.pk}/joining", {"join_enabled": "on"}, follow=True)
    klass.refresh_from_db()
    assert klass.join_enabled and "Turn joining off" in on.content.decode()


def test_adding_learners_by_username_keeps_unknown_names_next_to_the_field(
    klass: Classroom,
) -> None:
    ada, grace = school.learner("ada"), school.learner("grace")
    html = (
        teacher_of(klass)
        .post(f"/classes/{klass.pk}/learners/add", {"usernames": "ADA, grace\nnobody"})
        .content.decode()
    )
    assert set(klass.learners.all()) == {ada, grace}
    block = field_block(html, "usernames")
    assert "No learner account is called nobody" in block
    assert ">nobody</textarea>" in block
    assert "Added ada, grace." in html
    empty = teacher_of(klass).post(f"/classes/{klass.pk}/learners/add", {"usernames": " "})
    assert "This field is required." in field_block(empty.content.decode(), "usernames")


def test_importing_rows_reports_each_row_and_the_passwords_made(klass: Classroom) -> None:
    school.learner("ada")
    rows = "username,display_name,password\nada\nlin,Lin Wu\nlin\nms-rivera\n"
    html = (
        teacher_of(klass)
        .post(f"/classes/{klass.pk}/learners/import", {"rows": rows})
        .content.decode()
    )
    words = text(html)
    assert "1 account created · 1 existing learner added · 2 rows with errors" in words
    assert "Row 4: 'lin' appears on an earlier row." in words
    assert "Row 5: 'ms-rivera' is a teacher's account" in words
    password = re.search(r"<td>lin</td><td><code>(\w+)</code></td>", html)
    assert password and User.objects.get(username="lin").check_password(password.group(1))
    assert set(klass.learners.values_list("username", flat=True)) == {"ada", "lin"}


def test_importing_a_csv_file_and_asking_for_rows_when_there_are_none(klass: Classroom) -> None:
    upload = SimpleUploadedFile("class.csv", "\ufeffzoe,Zoë,a-long-password\n".encode())
    html = (
        teacher_of(klass)
        .post(f"/classes/{klass.pk}/learners/import", {"file": upload})
        .content.decode()
    )
    assert "1 account created" in text(html)
    assert User.objects.get(username="zoe", display_name="Zoë").check_password("a-long-password")
    empty = teacher_of(klass).post(f"/classes/{klass.pk}/learners/import", {"rows": ""})
    assert "Paste some rows or choose a CSV file." in field_block(empty.content.decode(), "rows")


def test_removing_a_learner_takes_them_off_the_roster(klass: Classroom) -> None:
    ada = school.learner("ada")
    classroom.add_learners(classroom=klass, learners=[ada])
    browser = teacher_of(klass)
    response = browser.post(f"/classes/{klass.pk}/learners/{ada.pk}/remove", follow=True)
    assert not klass.learners.exists()
    assert "0 learners" in text(response.content.decode())
    assert browser.post(f"/classes/{klass.pk}/learners/{ada.pk}/remove").status_code == 404


# --- reports ----------------------------------------------------------------------------------


@pytest.fixture
def practised(klass: Classroom) -> Classroom:
    """Ada: one Proficient and one Familiar skill in the first unit; Grace: nothing yet."""
    ada, grace = school.learner("ada", "Ada Lovelace"), school.learner("grace")
    classroom.add_learners(classroom=klass, learners=[ada, grace])
    school.practise(ada, "one", right=4)
    school.practise(ada, "two", right=3)
    return klass


def row_of(html: str, name: str) -> str:
    match = re.search(rf'<tr><th scope="row"><a href="[^"]+">{name}</a></th>.*?</tr>', html, re.S)
    assert match, f"no row for {name}"
    return match.group(0)


def test_the_mastery_grid_has_each_learners_unit_and_course_percent(practised: Classroom) -> None:
    html = page(teacher_of(practised), f"/classes/{practised.pk}/mastery/")
    assert '<th scope="col">Unit numbers</th><th scope="col">Unit more</th>' in html
    assert re.findall(r'class="percent[^"]*">([\d.]+%)', row_of(html, "Ada Lovelace")) == [
        "43.3%", "0%", "26%",
    ]  # fmt: skip
    assert re.findall(r'class="percent[^"]*">([\d.]+%)', row_of(html, "grace")) == [
        "0%", "0%", "0%",
    ]  # fmt: skip
    assert f'href="/classes/{practised.pk}/mastery.csv?"' in html


def test_the_mastery_grid_sorts_by_name_or_by_progress(practised: Classroom) -> None:
    lin = school.learner("lin")
    classroom.add_learners(classroom=practised, learners=[lin])
    school.practise(lin, "one", right=3)
    browser = teacher_of(practised)
    rows = re.compile(r'<tr><th scope="row"><a href="[^"]+">([^<]+)</a></th>')
    by_name = page(browser, f"/classes/{practised.pk}/mastery/")
    assert rows.findall(by_name) == ["Ada Lovelace", "grace", "lin"]
    assert '<a href="?sort=progress">Course</a>' in by_name
    by_progress = page(browser, f"/classes/{practised.pk}/mastery/?sort=progress")
    assert rows.findall(by_progress) == ["Ada Lovelace", "lin", "grace"]
    assert '<th scope="col" aria-sort="descending"><a href="?sort=progress">Course</a>' in (
        by_progress
    )


def test_the_mastery_csv_is_the_apis_file(practised: Classroom) -> None:
    response = teacher_of(practised).get(f"/classes/{practised.pk}/mastery.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="class-7b-mastery-journey.csv"'
    )
    report = mastery_progress(
        classroom=practised, course="journey", learner_ids=[u.pk for u in practised.learners.all()]
    )
    assert response.content == export.mastery_csv(report)
    assert response.content.decode("utf-8-sig").splitlines()[1] == "ada,Ada Lovelace,26,43.3,0"


def test_the_heatmap_shows_each_level_with_its_word_and_counts_per_skill(
    practised: Classroom,
) -> None:
    html = page(teacher_of(practised), f"/classes/{practised.pk}/skills/")
    ada = row_of(html, "Ada Lovelace")
    cells = re.findall(r'<td class="cell cell-(\w+)" title="([^"]+)">', ada)
    assert cells[:3] == [
        ("proficient", "Ada Lovelace · Skill one: Proficient"),
        ("familiar", "Ada Lovelace · Skill two: Familiar"),
        ("not_started", "Ada Lovelace · Skill three: Not started"),
    ]
    assert len(cells) == 5
    # The word is there for screen readers too, not only in the colour and the icon.
    assert '<span class="visually-hidden">Proficient</span>' in ada
    heads = re.findall(r'<th scope="col" class="skill-head">(.*?)</th>', html, re.S)
    assert "Skill one" in heads[0]
    tally = dict(
        (word, int(count))
        for count, word in re.findall(
            r'<span class="count">(\d+)</span><span class="visually-hidden"> ([\w ]+)</span>',
            heads[0],
        )
    )
    assert tally == {
        "Not started": 1, "Attempted": 0, "Familiar": 0, "Proficient": 1, "Mastered": 0,
    }  # fmt: skip


def test_the_heatmap_filters_by_unit_and_group(practised: Classroom) -> None:
    ada = practised.learners.get(username="ada")
    group = classroom.create_group(classroom=practised, name="Ready", learner_ids=[ada.pk])
    browser = teacher_of(practised)
    unit = page(browser, f"/classes/{practised.pk}/skills/?unit=more")
    assert re.findall(r'<span class="skill-title">([^<]+)</span>', unit) == [
        "Skill four", "Skill five",
    ]  # fmt: skip
    assert '<option value="more" selected>' in unit
    grouped = page(browser, f"/classes/{practised.pk}/skills/?group={group.pk}&unit=")
    assert "Ada Lovelace" in grouped and ">grace</a></th>" not in grouped
    assert browser.get(f"/classes/{practised.pk}/skills/?unit=nope").status_code == 404
    assert browser.get(f"/classes/{practised.pk}/skills/?group=999").status_code == 404
    assert browser.get(f"/classes/{practised.pk}/skills/?course=nope").status_code == 404


def test_the_skills_csv_follows_the_filters_and_is_the_apis_file(practised: Classroom) -> None:
    ada = practised.learners.get(username="ada")
    group = classroom.create_group(classroom=practised, name="Ready", learner_ids=[ada.pk])
    response = teacher_of(practised).get(
        f"/classes/{practised.pk}/skills.csv?unit=numbers&group={group.pk}"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="class-7b-skills-journey-numbers.csv"'
    )
    report = skills_grid(
        classroom=practised, course="journey", unit="numbers", learner_ids=[ada.pk]
    )
    assert response.content == export.skills_csv(report)
    assert response.content.decode("utf-8-sig").splitlines() == [
        "username,display_name,one,two,three",
        "ada,Ada Lovelace,Proficient,Familiar,Not started",
    ]


def test_a_class_without_a_course_says_there_is_nothing_to_report() -> None:
    teacher = accounts.create_teacher(username="ms-rivera", password=school.PASSWORD)
    empty = classroom.create_class_for(teacher=teacher, name="Club", course_slugs=[])
    browser = signed_in(teacher)
    assert "This class has no course yet" in page(browser, f"/classes/{empty.pk}/skills/")
    assert "This class has no course yet" in page(browser, f"/classes/{empty.pk}/mastery/")
    assert browser.get(f"/classes/{empty.pk}/skills.csv").status_code == 404
