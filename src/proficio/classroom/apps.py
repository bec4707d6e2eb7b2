from django.apps import AppConfig


class ClassroomConfig(AppConfig):
    name = "proficio.classroom"
    label = "classroom"
    verbose_name = "Classes and accounts"
