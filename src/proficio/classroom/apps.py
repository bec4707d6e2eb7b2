from typing import Any

from django.apps import AppConfig


class ClassroomConfig(AppConfig):
    name = "proficio.classroom"
    label = "classroom"
    verbose_name = "Classes and accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from proficio.learning.signals import task_finished

        task_finished.connect(_record_goals_reached, dispatch_uid="classroom-goals-reached")
        user_login_failed.connect(_count_wrong_password, dispatch_uid="classroom-wrong-password")
        user_logged_in.connect(_forget_wrong_passwords, dispatch_uid="classroom-signed-in")


def _record_goals_reached(sender: Any, task: Any, at: Any, **kwargs: Any) -> None:
    # Learning knows no classes: the classroom notices the goals a finished task reaches.
    from .services import record_goals_reached

    record_goals_reached(
        learner_id=task.learner_id, course_id=task.course_id, task_id=task.pk, at=at
    )


def _count_wrong_password(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    from .sign_in_limits import record_failure

    record_failure(str(credentials.get("username") or ""))


def _forget_wrong_passwords(sender: Any, user: Any, **kwargs: Any) -> None:
    from .sign_in_limits import clear_failures

    clear_failures(user.username)
