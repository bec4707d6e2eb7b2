from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "proficio.content"
    label = "content"
    verbose_name = "Courses and content"
