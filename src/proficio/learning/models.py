"""A learner's tasks, the append-only attempt log, and the progress caches derived from it.

The `Attempt` log is the source of truth. `SkillState`, `UnitProgress` and `CourseProgress`
are caches kept current in the same transaction as the attempt that changes them, and
`proficio manage rebuild_progress` rebuilds them from the log.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from proficio.content.models import Course, Quiz, Skill, Unit


class Task(models.Model):
    """One practice set, quiz, unit test, course challenge or mastery challenge."""

    class Kind(models.TextChoices):
        PRACTICE = "practice"
        QUIZ = "quiz"
        UNIT_TEST = "unit_test"
        COURSE_CHALLENGE = "course_challenge"
        MASTERY_CHALLENGE = "mastery_challenge"

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress"
        BONUS_OFFERED = "bonus_offered"
        FINISHED = "finished"
        EXPIRED = "expired"

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tasks"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    skill = models.ForeignKey(
        Skill, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    quiz = models.ForeignKey(
        Quiz, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Resolved by the classroom app; learning knows no classes.
    assignment_id = models.BigIntegerField(null=True, blank=True)
    same_questions_for_everyone = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    # What "asking again" matches: kind and target. Unique among a learner's open tasks.
    target = models.CharField(max_length=200)
    question_count = models.PositiveIntegerField()  # not counting the bonus question
    current_position = models.PositiveIntegerField(default=1)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    # The order in which the learner's finished tasks in this course changed their levels,
    # counted under the course lock: racing tasks can finish "at the same time".
    finish_number = models.PositiveIntegerField(null=True, blank=True)
    summary = models.JSONField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "target"],
                condition=Q(status__in=["in_progress", "bonus_offered"]),
                name="one_open_task_per_target",
            )
        ]
        indexes = [
            models.Index(fields=["learner", "course", "kind", "started_at"]),
            models.Index(fields=["learner", "course", "finish_number"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk} of {self.learner_id}"


class TaskQuestion(models.Model):
    """A question of a task in its place, and how its first answer settled it."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField()
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    item = models.CharField(max_length=200)
    is_bonus = models.BooleanField(default=False)
    hints_shown = models.PositiveIntegerField(default=0)
    answered = models.BooleanField(default=False)
    counted_correct = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["task", "position"], name="one_question_per_position")
        ]

    def __str__(self) -> str:
        return f"{self.item} at {self.position}"


class Attempt(models.Model):
    """The append-only log: one row per answer (first or try-again) and per hint shown."""

    class Kind(models.TextChoices):
        ANSWER = "answer"
        HINT = "hint"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="attempts")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ANSWER)
    # Client-made id of an answer; a repeated id gets the stored reply and counts nothing.
    # Hints have none: NULL, unlike "", never collides in the unique constraint below.
    attempt_id = models.CharField(max_length=100, null=True, blank=True)  # noqa: DJ001
    response = models.JSONField(null=True, blank=True)
    correct = models.BooleanField(null=True, blank=True)
    first = models.BooleanField(default=False)  # the answer that settled its position
    reply = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "attempt_id"], name="attempt_id_unique_in_task")
        ]
        indexes = [models.Index(fields=["learner", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk} on task {self.task_id}"


class SkillState(models.Model):
    """A learner's level on a skill (cache of the log)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skill_states"
    )
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="states")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(default=0)  # proficio.mastery.levels.Level
    points = models.PositiveIntegerField(default=0)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "skill"], name="one_state_per_learner_skill")
        ]
        indexes = [models.Index(fields=["learner", "course"])]

    def __str__(self) -> str:
        return f"{self.learner_id} on {self.skill_id}: {self.level}"


class UnitProgress(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    points = models.PositiveIntegerField(default=0)
    points_possible = models.PositiveIntegerField(default=0)
    mastery_percent = models.FloatField(default=0)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "unit"], name="one_progress_per_learner_unit"
            )
        ]
        indexes = [models.Index(fields=["course", "learner"])]

    def __str__(self) -> str:
        return f"{self.learner_id} in unit {self.unit_id}: {self.mastery_percent} %"


class CourseProgress(models.Model):
    """A learner's standing in a course; its row is also the lock that orders their updates."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    points = models.PositiveIntegerField(default=0)
    points_possible = models.PositiveIntegerField(default=0)
    mastery_percent = models.FloatField(default=0)
    finished_tasks = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course"], name="one_progress_per_learner_course"
            )
        ]
        indexes = [models.Index(fields=["course", "learner"])]

    def __str__(self) -> str:
        return f"{self.learner_id} in course {self.course_id}: {self.mastery_percent} %"


class LearningEvent(models.Model):
    """Something that happened to a learner: a level change, a unit mastered, a task finished."""

    class Kind(models.TextChoices):
        TASK_FINISHED = "task_finished"
        SKILL_LEVELED_UP = "skill_leveled_up"
        SKILL_LEVELED_DOWN = "skill_leveled_down"
        UNIT_MASTERED = "unit_mastered"
        COURSE_MASTERED = "course_mastered"
        ITEM_COMPLETED = "item_completed"

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    task = models.ForeignKey(
        Task, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    skill = models.ForeignKey(
        Skill, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["learner", "created_at"]),
            models.Index(fields=["course", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} of {self.learner_id}"


class Completion(models.Model):
    """A video watched or an article read: recorded, shown to teachers, never scored."""

    class Kind(models.TextChoices):
        VIDEO = "video"
        ARTICLE = "article"

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    slug = models.SlugField(max_length=80)
    assignment_id = models.BigIntegerField(null=True, blank=True)
    completed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["learner", "course", "kind", "slug"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.slug} by {self.learner_id}"


class ActivityDay(models.Model):
    """A learner's work in a course on one day (cache of the log, for activity reports).

    `questions_answered` counts first answers (a try-again is not a new one) and
    `skills_leveled_up` counts moves up to Familiar, Proficient or Mastered. The day is the
    server's local date (`TIME_ZONE`) when the work was done.
    """

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    tasks_finished = models.PositiveIntegerField(default=0)
    questions_answered = models.PositiveIntegerField(default=0)
    skills_leveled_up = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course", "day"], name="one_activity_row_per_learner_day"
            )
        ]
        indexes = [models.Index(fields=["course", "day"])]

    def __str__(self) -> str:
        return f"{self.learner_id} in course {self.course_id} on {self.day}"
