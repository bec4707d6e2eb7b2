"""The teaching rules of docs/api.md: goal pace and status, assignment status, group bands."""

from datetime import UTC, date, datetime, timedelta

import pytest

from proficio.classroom.rules import (
    BANDS,
    assignment_status,
    band_for,
    expected_percent,
    goal_status,
    item_status,
    score_percent,
)

START, DUE = date(2026, 9, 1), date(2026, 9, 11)  # ten days


@pytest.mark.parametrize(
    ("today", "target", "expected"),
    [
        (date(2026, 8, 20), 100, 0.0),  # before the start
        (START, 100, 0.0),
        (date(2026, 9, 2), 100, 10.0),
        (date(2026, 9, 6), 80, 40.0),
        (date(2026, 9, 4), 70, 21.0),
        (DUE, 100, 100.0),
        (date(2026, 10, 1), 90, 90.0),  # after the due date: clamped to the target
    ],
)
def test_expected_percent_is_the_target_times_the_share_of_time_gone(
    today: date, target: int, expected: float
) -> None:
    assert expected_percent(target, START, DUE, today) == expected


def test_expected_percent_rounds_to_one_decimal() -> None:
    assert (
        expected_percent(100, START, START + timedelta(days=3), START + timedelta(days=1)) == 33.3
    )


def test_a_goal_due_the_day_it_starts_expects_the_target_from_that_day() -> None:
    assert expected_percent(100, START, START, START - timedelta(days=1)) == 0.0
    assert expected_percent(100, START, START, START) == 100.0


@pytest.mark.parametrize(
    ("mastery", "expected", "started", "status"),
    [
        (100.0, 50.0, True, "achieved"),
        (80.0, 100.0, True, "achieved"),  # target 80 below
        (0.0, 30.0, False, "not_started"),
        (10.0, 30.0, False, "not_started"),  # no finished task there yet
        (30.0, 30.0, True, "on_track"),
        (45.0, 30.0, True, "on_track"),
        (29.9, 30.0, True, "behind"),
    ],
)
def test_goal_status_follows_the_spec_order(
    mastery: float, expected: float, started: bool, status: str
) -> None:
    target = 80 if mastery == 80.0 else 100
    assert (
        goal_status(mastery_percent=mastery, expected=expected, target=target, has_started=started)
        == status
    )


def test_reaching_the_target_counts_as_achieved_even_without_a_finished_task() -> None:
    assert goal_status(mastery_percent=100, expected=0, target=100, has_started=False) == "achieved"


DUE_AT = datetime(2026, 9, 11, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("finished", "started", "now", "status"),
    [
        (None, False, DUE_AT - timedelta(days=1), "not_started"),
        (None, True, DUE_AT - timedelta(days=1), "in_progress"),
        (DUE_AT - timedelta(hours=1), True, DUE_AT + timedelta(days=3), "completed"),
        (DUE_AT, True, DUE_AT, "completed"),  # finished by the due time
        (DUE_AT + timedelta(minutes=1), True, DUE_AT + timedelta(days=1), "late"),
        (None, True, DUE_AT + timedelta(seconds=1), "past_due"),
        (None, False, DUE_AT + timedelta(days=1), "past_due"),
    ],
)
def test_item_status(finished: datetime | None, started: bool, now: datetime, status: str) -> None:
    assert (
        item_status(first_finished_at=finished, started=started, due_at=DUE_AT, now=now) == status
    )


@pytest.mark.parametrize(
    ("items", "status"),
    [
        (["completed", "late"], "late"),
        (["completed", "in_progress"], "in_progress"),
        (["late", "not_started", "completed"], "not_started"),
        (["completed", "past_due", "not_started"], "past_due"),
        (["completed", "completed"], "completed"),
    ],
)
def test_an_assignment_is_as_far_along_as_its_least_advanced_item(
    items: list[str], status: str
) -> None:
    assert assignment_status(items) == status


def test_scores_are_percent_of_correct_over_total() -> None:
    assert score_percent(3, 4) == 75.0
    assert score_percent(2, 3) == 66.7
    assert score_percent(0, 0) == 0.0


@pytest.mark.parametrize(
    ("average", "name"),
    [
        (0, "Needs support"),
        (49.9, "Needs support"),
        (50, "Practising"),
        (79.9, "Practising"),
        (80, "Ready to extend"),
        (100, "Ready to extend"),
    ],
)
def test_suggested_groups_split_at_50_and_80_average_points(average: float, name: str) -> None:
    assert band_for(average).name == name


def test_bands_name_the_levels_they_stand_for() -> None:
    assert [band.levels for band in BANDS] == [
        ("not_started", "attempted"),
        ("familiar",),
        ("proficient", "mastered"),
    ]
