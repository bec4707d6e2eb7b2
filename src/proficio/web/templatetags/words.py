"""Statuses in the words a learner reads: "Past due", "On track"…"""

from django import template

from proficio.classroom.data import ItemStanding

register = template.Library()

STATUS_WORDS = {
    # assignments and their items
    "not_started": "Not started",
    "in_progress": "In progress",
    "completed": "Done",
    "late": "Done late",
    "past_due": "Past due",
    # goals
    "achieved": "Achieved",
    "on_track": "On track",
    "behind": "Behind",
}

KIND_WORDS = {
    "exercise": "Exercise",
    "video": "Video",
    "article": "Article",
    "quiz": "Quiz",
    "unit_test": "Unit test",
    "practice": "Practice",
    "course_challenge": "Course challenge",
    "mastery_challenge": "Mastery challenge",
}


@register.filter
def status_word(status: str) -> str:
    return STATUS_WORDS.get(status, status.replace("_", " ").capitalize())


@register.filter
def kind_word(kind: str) -> str:
    return KIND_WORDS.get(kind, kind.replace("_", " ").capitalize())


@register.filter
def items_done(items: list[ItemStanding]) -> str:
    """ "1 of 2 done" for an assignment not yet all done but begun, else "".

    An assignment takes its least-advanced item's status (docs/api.md), so "Not started" can
    hide items already done; this says how far along it is.
    """
    done = sum(1 for item in items if item.status in ("completed", "late"))
    return f"{done} of {len(items)} done" if 0 < done < len(items) else ""
