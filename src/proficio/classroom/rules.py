"""The teaching rules of docs/api.md, as pure functions: goal pace, assignment status, groups."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime


def expected_percent(target: float, start: date, due: date, today: date) -> float:
    """Where a learner on a straight pace from start to due would be today, 0 to target."""
    if today <= start:
        return 0.0 if today < start or due > start else float(target)
    if today >= due:
        return float(target)
    share = (today - start).days / (due - start).days
    return round(min(max(target * share, 0.0), target), 1)


def goal_status(
    *, mastery_percent: float, expected: float, target: float, has_started: bool
) -> str:
    """`achieved`, `not_started` (no finished task there yet), `on_track` or `behind`."""
    if mastery_percent >= target:
        return "achieved"
    if not has_started:
        return "not_started"
    return "on_track" if mastery_percent >= expected else "behind"


# From least to most advanced: an assignment is as far along as its least-advanced item.
ITEM_STATUS_ORDER = ("past_due", "not_started", "in_progress", "late", "completed")


def item_status(
    *, first_finished_at: datetime | None, started: bool, due_at: datetime, now: datetime
) -> str:
    if first_finished_at is not None:
        return "completed" if first_finished_at <= due_at else "late"
    if now > due_at:
        return "past_due"
    return "in_progress" if started else "not_started"


def assignment_status(item_statuses: Iterable[str]) -> str:
    return min(item_statuses, key=ITEM_STATUS_ORDER.index, default="not_started")


def score_percent(correct: int, total: int) -> float:
    return round(100 * correct / total, 1) if total else 0.0


@dataclass(frozen=True)
class Band:
    """A suggested skill group: learners whose average points fall in [low, high)."""

    name: str
    low: float
    high: float
    levels: tuple[str, ...]
    meaning: str


BANDS = (
    Band("Needs support", 0, 50, ("not_started", "attempted"), "mostly Not started or Attempted"),
    Band("Practising", 50, 80, ("familiar",), "mostly Familiar"),
    Band("Ready to extend", 80, float("inf"), ("proficient", "mastered"), "Proficient or better"),
)


def band_for(average_points: float) -> Band:
    return next(band for band in BANDS if band.low <= average_points < band.high)
