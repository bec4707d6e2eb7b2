from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "proficio.learning"
    label = "learning"
    verbose_name = "Learning: tasks, attempts and mastery"
