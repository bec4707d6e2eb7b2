"""A class's activity page: the period and group filters, each learner's totals, the CSV."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from tests.reports.caches import add_activity
from tests.web import school
from tests.web.school import field_block, page, signed_in, teacher_of, text

from proficio.accounts import services as accounts
from proficio.accounts.tokens import issue_token
from proficio.classroom import actions as classroom
from proficio.classroom.models import Classroom
from proficio.content.models import Course

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def journey(tmp_path: Path) -> None:
    school.import_journey(tmp_path)


@pytest.fixture
def klass() -> Classroom:
    """Ada worked on two days of 17–23 Nov 2026; Bo did nothing."""
    made = school.teacher_class()
    course = Course.objects.get(slug=school.COURSE)
    for name, display in [("ada", "Ada Lovelace"), ("bo", "")]:
        classroom.join_class(learner=school.learner(name, display), code=made.join_code)
    ada = made.learners.get(username="ada")
    add_activity(ada, course, date(2026, 11, 17), tasks=2, questions=9, level_ups=1)
    add_activity(ada, course, date(2026, 11, 19), tasks=1, questions=4, level_ups=0)
    return made


WEEK = "from=2026-11-17&to=2026-11-23"


def test_the_activity_page_shows_each_learners_totals_for_the_period(klass: Classroom) -> None:
    html = page(teacher_of(klass), f"/classes/{klass.pk}/activity/?{WEEK}")
    words = text(html)
    assert "Tue 17 Nov 2026 to Mon 23 Nov 2026" in words
    assert "Ada Lovelace 3 13 1 2" in words and "bo 0 0 0 0" in words
    assert f'href="/classes/{klass.pk}/activity.csv?from=2026-11-17&amp;to=2026-11-23"' in html


def test_without_dates_the_page_covers_the_last_seven_days(klass: Classroom) -> None:
    today = timezone.localdate()
    words = text(page(teacher_of(klass), f"/classes/{klass.pk}/activity/"))
    assert f"{today - timedelta(days=6):%a} {(today - timedelta(days=6)).day} " in words
    assert f"to {today:%a} {today.day} {today:%b %Y}" in words


def test_dates_in_the_wrong_order_or_not_dates_are_errors_next_to_the_field(
    klass: Classroom,
) -> None:
    browser = teacher_of(klass)
    html = page(browser, f"/classes/{klass.pk}/activity/?from=2026-11-23&to=2026-11-17")
    assert "(2026-11-23) is after" in field_block(html, "from") and "swap them" in html
    assert "Ada Lovelace" not in html and "Download CSV" not in html
    html = page(browser, f"/classes/{klass.pk}/activity/?from=2026-01-01&to=2027-06-01")
    assert "at most 366 days" in field_block(html, "from")
    html = page(browser, f"/classes/{klass.pk}/activity/?to=soon")
    assert "Enter a valid date." in field_block(html, "to")
    response = browser.get(f"/classes/{klass.pk}/activity.csv?to=soon")
    assert response.status_code == 400 and b"Enter a valid date." in response.content


def test_the_group_filter_keeps_the_groups_learners(klass: Classroom) -> None:
    bo = klass.learners.get(username="bo")
    group = classroom.create_group(classroom=klass, name="Table 1", learner_ids=[bo.pk])
    browser = teacher_of(klass)
    html = page(browser, f"/classes/{klass.pk}/activity/?{WEEK}&group={group.pk}")
    assert "bo 0 0 0 0" in text(html) and "Ada Lovelace" not in html
    assert f'<option value="{group.pk}" selected>Table 1</option>' in html
    html = page(browser, f"/classes/{klass.pk}/activity/?{WEEK}&group=999")
    assert "Select a valid choice." in field_block(html, "group")


def test_the_activity_csv_is_the_apis_file(klass: Classroom) -> None:
    query = f"{WEEK}&group=" + str(
        classroom.create_group(
            classroom=klass,
            name="All",
            learner_ids=list(klass.learners.values_list("pk", flat=True)),
        ).pk
    )
    response = teacher_of(klass).get(f"/classes/{klass.pk}/activity.csv?{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="class-7b-activity-2026-11-17-to-2026-11-23.csv"'
    )
    token = issue_token(username="ms-rivera", password=school.PASSWORD)
    api = Client().get(
        f"/api/v1/classes/{klass.pk}/reports/activity?{query}&format=csv",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert api.status_code == 200 and response.content == api.content
    assert api["Content-Disposition"] == response["Content-Disposition"]
    assert b"ada,Ada Lovelace,3,13,1,2" in response.content


def test_a_learner_of_the_class_gets_403_and_another_teacher_404(klass: Classroom) -> None:
    ada = signed_in(klass.learners.get(username="ada"))
    other = signed_in(accounts.create_teacher(username="mr-other", password=school.PASSWORD))
    for path in [f"/classes/{klass.pk}/activity/", f"/classes/{klass.pk}/activity.csv"]:
        assert ada.get(path).status_code == 403, path
        assert other.get(path).status_code == 404, path
