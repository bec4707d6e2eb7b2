"""Accounts with their role, and classes: a teacher's group of learners working on courses."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models

from proficio.content.models import Course


class User(AbstractUser):
    class Role(models.TextChoices):
        LEARNER = "learner"
        TEACHER = "teacher"
        ADMINISTRATOR = "administrator"

    display_name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.LEARNER)

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username


class Classroom(models.Model):
    name = models.CharField(max_length=200)
    join_code = models.CharField(max_length=12, unique=True)
    join_enabled = models.BooleanField(default=True)
    teachers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="taught_classes")
    learners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="joined_classes", blank=True
    )
    courses = models.ManyToManyField(Course, related_name="classes", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class ApiToken(models.Model):
    """A bearer token for the JSON API; only its SHA-256 digest is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"token of {self.user_id} until {self.expires_at:%Y-%m-%d}"
