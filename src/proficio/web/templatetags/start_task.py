"""The button that starts (or resumes) a task, wherever a page offers one.

Contract with the task pages: they answer `POST /tasks/start` with the fields `kind`
(practice | quiz | unit_test | course_challenge | mastery_challenge), `course`, the target
(`skill`, `quiz` or `unit`, as in `POST /api/v1/tasks`), and `assignment` when the learner
does it for an assignment; they start the task, or resume the unfinished one, and show it.
"""

from typing import Any

from django import template

register = template.Library()

START_URL = "/tasks/start"


@register.inclusion_tag("web/_start_task.html", takes_context=True)
def start_task(
    context: template.Context, kind: str, course: str, label: str, **target: Any
) -> dict[str, Any]:
    fields = {"kind": kind, "course": course}
    fields.update({name: str(value) for name, value in target.items() if value not in (None, "")})
    return {
        "action": START_URL,
        "fields": fields,
        "label": label,
        "csrf_token": context.get("csrf_token"),
    }
