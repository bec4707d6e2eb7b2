from typing import Any

from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "proficio.learning"
    label = "learning"
    verbose_name = "Learning: tasks, attempts and mastery"

    def ready(self) -> None:
        from proficio.content.api import course_imported

        course_imported.connect(_refresh_progress, dispatch_uid="learning-refresh-progress")


def _refresh_progress(sender: Any, course: Any, at: Any, **kwargs: Any) -> None:
    # Content knows no learners: learning recomputes their mastery % in the import's
    # transaction, so every importer leaves the progress rows current, all or nothing.
    from .actions import refresh_course_progress

    refresh_course_progress(course=course, at=at)
