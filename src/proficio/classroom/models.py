"""Classes, the accounts they made, their goals, assignments and skill groups."""

from django.conf import settings
from django.db import models

from proficio.content.models import Course, Unit


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


class ClassMadeAccount(models.Model):
    """An account a teacher of the class made (by importing it): that class's teachers may give
    it a new password. Learners who signed up themselves keep theirs to themselves; deleting the
    class ends the right."""

    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"account {self.account_id} made for class {self.classroom_id}"


class SkillGroup(models.Model):
    """Learners of a class gathered by the teacher, usually because they are at the same level."""

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=100)
    learners = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Goal(models.Model):
    """A course mastery goal, or a unit mastery goal when `unit` is set.

    It is for the whole class, unless it names learners or a group.
    """

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="goals")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_percent = models.PositiveSmallIntegerField(default=100)
    start_date = models.DateField()
    due_date = models.DateField()
    learners = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    group = models.ForeignKey(
        SkillGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="goals"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_percent__gte=1, target_percent__lte=100),
                name="goal_target_is_a_percent",
            ),
            models.CheckConstraint(
                condition=models.Q(due_date__gte=models.F("start_date")),
                name="goal_due_on_or_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"goal {self.pk} of class {self.classroom_id}"


class GoalAchievement(models.Model):
    """When a learner reached a goal's target: recorded once, so the learner can be told."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="achievements")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    achieved_at = models.DateTimeField()
    task_id = models.BigIntegerField(null=True, blank=True)  # the task that reached it

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["goal", "learner"], name="goal_achieved_once")
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} reached goal {self.goal_id}"


class Assignment(models.Model):
    """Items a teacher gives a class, selected learners or a group, with a due time."""

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="assignments")
    title = models.CharField(max_length=200)
    start_at = models.DateTimeField()
    due_at = models.DateTimeField()
    # Every learner gets the same questions, drawn with this seed (and no bonus question).
    same_questions = models.BooleanField(default=False)
    question_seed = models.BigIntegerField(null=True, blank=True)
    learners = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    group = models.ForeignKey(
        SkillGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="assignments"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_at__gt=models.F("start_at")),
                name="assignment_due_after_start",
            )
        ]
        indexes = [models.Index(fields=["classroom", "due_at"])]

    def __str__(self) -> str:
        return self.title


class AssignmentItem(models.Model):
    """One video, article, exercise, quiz or unit test of an assignment."""

    class Kind(models.TextChoices):
        VIDEO = "video"
        ARTICLE = "article"
        EXERCISE = "exercise"
        QUIZ = "quiz"
        UNIT_TEST = "unit_test"

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    slug = models.SlugField(max_length=80)  # the unit's slug for a unit test
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "kind", "course", "slug"], name="assignment_item_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.slug}"
