"""Statuses in the words a learner reads: "Past due", "On track"…"""

from django import template

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
