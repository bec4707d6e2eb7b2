"""The course tree: courses → units → lessons → items, skills (one per exercise) and quizzes.

Rows are matched by slug when a pack is imported again, and rows a pack no longer has are
archived, never deleted, so learners' data that points at them survives. The structure rows
(which item sits in which lesson, which skills a quiz or unit tests) hold no learner data and
are rewritten on each import.
"""

from django.db import models


class Course(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    subject = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=20, default="en")
    description = models.TextField(blank=True)
    policy_overrides = models.JSONField(default=dict, blank=True)
    pack_digest = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Unit(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="units")
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    position = models.PositiveIntegerField()
    unit_test_title = models.CharField(max_length=200, blank=True)
    has_unit_test = models.BooleanField(default=True)
    archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="unit_slug_unique_in_course")
        ]

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="lessons")
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    position = models.PositiveIntegerField()
    archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="lesson_slug_unique_in_course")
        ]

    def __str__(self) -> str:
        return self.title


class Skill(models.Model):
    """One exercise: the unit of mastery. Its questions are kept as a JSON question bank."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="skills")
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    question_bank = models.JSONField(default=dict)
    # Course order: where the skill first appears in the course's units and lessons.
    position = models.PositiveIntegerField(default=0)
    archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="skill_slug_unique_in_course")
        ]

    def __str__(self) -> str:
        return self.title


class Video(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="videos")
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=2000)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    archived = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="video_slug_unique_in_course")
        ]

    def __str__(self) -> str:
        return self.title


class Article(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="articles")
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    body_markdown = models.TextField()
    body_html = models.TextField()
    archived = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="article_slug_unique_in_course")
        ]

    def __str__(self) -> str:
        return self.title


class Quiz(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="quizzes")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="quizzes")
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    # Shares the numbering of the unit's lessons: a quiz follows the lessons it covers.
    position = models.PositiveIntegerField()
    archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="quiz_slug_unique_in_course")
        ]

    def __str__(self) -> str:
        return self.title


class LessonItem(models.Model):
    """One video, article or exercise in its place in a lesson."""

    class Kind(models.TextChoices):
        VIDEO = "video"
        ARTICLE = "article"
        EXERCISE = "exercise"

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    video = models.ForeignKey(Video, null=True, blank=True, on_delete=models.CASCADE)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.CASCADE)
    skill = models.ForeignKey(Skill, null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["lesson", "position"], name="one_item_per_place"),
            models.CheckConstraint(
                name="item_points_at_its_kind",
                condition=(
                    models.Q(kind="video", video__isnull=False, article=None, skill=None)
                    | models.Q(kind="article", article__isnull=False, video=None, skill=None)
                    | models.Q(kind="exercise", skill__isnull=False, video=None, article=None)
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.position} of {self.lesson_id}"


class UnitSkill(models.Model):
    """A skill of a unit, in course order: what unit mastery and the unit test count."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="unit_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="unit_skills")
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "skill"], name="skill_once_per_unit")
        ]

    def __str__(self) -> str:
        return f"skill {self.skill_id} in unit {self.unit_id}"


class QuizSkill(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="quiz_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="quiz_skills")
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "skill"], name="skill_once_per_quiz")
        ]

    def __str__(self) -> str:
        return f"skill {self.skill_id} in quiz {self.quiz_id}"
