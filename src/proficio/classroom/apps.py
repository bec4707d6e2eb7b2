from typing import Any

from django.apps import AppConfig


class ClassroomConfig(AppConfig):
    name = "proficio.classroom"
    label = "classroom"
    verbose_name = "Classes"

    def ready(self) -> None:
        from proficio.learning.api import task_finished

        task_finished.connect(_record_goals_reached, dispatch_uid="classroom-goals-reached")


def _record_goals_reached(sender: Any, task: Any, at: Any, **kwargs: Any) -> None:
    # Learning knows no classes: the classroom notices the goals a finished task reaches.
    from .actions import record_goals_reached

    record_goals_reached(
        learner_id=task.learner_id, course_id=task.course_id, task_id=task.pk, at=at
    )
