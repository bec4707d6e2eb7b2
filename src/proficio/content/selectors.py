"""Reads of the course content, shaped for the catalogue, the course tree and item pages."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from .models import Article, Course, LessonItem, Quiz, QuizSkill, Skill, Unit, UnitSkill, Video


class ContentNotFound(LookupError):
    """A course or item slug that names nothing (or only something archived)."""


@dataclass(frozen=True)
class CourseSummary:
    slug: str
    title: str
    subject: str
    description: str
    unit_count: int
    skill_count: int


@dataclass(frozen=True)
class ItemEntry:
    kind: str  # video | article | exercise
    slug: str
    title: str
    duration_seconds: int | None = None


@dataclass(frozen=True)
class LessonEntry:
    slug: str
    title: str
    position: int
    items: list[ItemEntry]


@dataclass(frozen=True)
class SkillRef:
    slug: str
    title: str


@dataclass(frozen=True)
class QuizEntry:
    slug: str
    title: str
    position: int
    skills: list[SkillRef]


@dataclass(frozen=True)
class UnitTestEntry:
    title: str
    skills: list[SkillRef]


@dataclass(frozen=True)
class UnitEntry:
    slug: str
    title: str
    lessons: list[LessonEntry]
    quizzes: list[QuizEntry]
    unit_test: UnitTestEntry | None
    skills: list[SkillRef]

    @property
    def outline(self) -> list[LessonEntry | QuizEntry]:
        """Lessons and quizzes in the order the author wrote them."""
        return sorted([*self.lessons, *self.quizzes], key=lambda entry: entry.position)


@dataclass(frozen=True)
class CourseTree:
    slug: str
    title: str
    subject: str
    language: str
    description: str
    units: list[UnitEntry] = field(default_factory=list)

    @property
    def skill_count(self) -> int:
        return len({skill.slug for unit in self.units for skill in unit.skills})


def list_courses() -> list[CourseSummary]:
    """The catalogue: every course with its number of units and skills."""
    active_units = Q(units__archived=False)
    courses = Course.objects.annotate(
        unit_count=Count("units", filter=active_units, distinct=True),
        skill_count=Count(
            "units__unit_skills__skill",
            filter=active_units & Q(units__unit_skills__skill__archived=False),
            distinct=True,
        ),
    ).order_by("title")
    return [
        CourseSummary(c.slug, c.title, c.subject, c.description, c.unit_count, c.skill_count)
        for c in courses
    ]


def get_course(slug: str) -> Course:
    course = Course.objects.filter(slug=slug).first()
    if course is None:
        raise ContentNotFound(f"There is no course '{slug}'.")
    return course


def course_tree(slug: str) -> CourseTree:
    """The course's units, lessons, items, quizzes and unit tests, in order (6 queries)."""
    course = get_course(slug)
    units = list(Unit.objects.filter(course=course, archived=False).order_by("position"))
    items_by_lesson: dict[int, list[ItemEntry]] = defaultdict(list)
    lessons_by_unit: dict[int, list[LessonEntry]] = defaultdict(list)
    items = (
        LessonItem.objects.filter(lesson__course=course, lesson__archived=False)
        .select_related("lesson", "video", "article", "skill")
        .order_by("lesson__position", "position")
    )
    lessons = {}
    for item in items:
        target = item.video or item.article or item.skill
        assert target is not None
        duration = item.video.duration_seconds if item.video else None
        items_by_lesson[item.lesson_id].append(
            ItemEntry(item.kind, target.slug, target.title, duration)
        )
        lessons[item.lesson_id] = item.lesson
    for lesson_id, lesson in sorted(lessons.items(), key=lambda pair: pair[1].position):
        lessons_by_unit[lesson.unit_id].append(
            LessonEntry(lesson.slug, lesson.title, lesson.position, items_by_lesson[lesson_id])
        )
    skills_by_quiz: dict[int, list[SkillRef]] = defaultdict(list)
    for quiz_skill in QuizSkill.objects.filter(quiz__course=course).select_related("skill"):
        skills_by_quiz[quiz_skill.quiz_id].append(
            SkillRef(quiz_skill.skill.slug, quiz_skill.skill.title)
        )
    quizzes_by_unit: dict[int, list[QuizEntry]] = defaultdict(list)
    for quiz in Quiz.objects.filter(course=course, archived=False).order_by("position"):
        quizzes_by_unit[quiz.unit_id].append(
            QuizEntry(quiz.slug, quiz.title, quiz.position, skills_by_quiz[quiz.pk])
        )
    skills_by_unit: dict[int, list[SkillRef]] = defaultdict(list)
    for unit_skill in UnitSkill.objects.filter(unit__course=course).select_related("skill"):
        skills_by_unit[unit_skill.unit_id].append(
            SkillRef(unit_skill.skill.slug, unit_skill.skill.title)
        )
    return CourseTree(
        slug=course.slug,
        title=course.title,
        subject=course.subject,
        language=course.language,
        description=course.description,
        units=[
            UnitEntry(
                slug=unit.slug,
                title=unit.title,
                lessons=lessons_by_unit[unit.pk],
                quizzes=quizzes_by_unit[unit.pk],
                unit_test=(
                    UnitTestEntry(unit.unit_test_title, skills_by_unit[unit.pk])
                    if unit.has_unit_test
                    else None
                ),
                skills=skills_by_unit[unit.pk],
            )
            for unit in units
        ],
    )


def get_article(course_slug: str, slug: str) -> Article:
    article = Article.objects.filter(course__slug=course_slug, slug=slug, archived=False).first()
    if article is None:
        raise ContentNotFound(f"There is no article '{slug}' in the course '{course_slug}'.")
    return article


def get_video(course_slug: str, slug: str) -> Video:
    video = Video.objects.filter(course__slug=course_slug, slug=slug, archived=False).first()
    if video is None:
        raise ContentNotFound(f"There is no video '{slug}' in the course '{course_slug}'.")
    return video


def get_skill(course_slug: str, slug: str) -> Skill:
    skill = Skill.objects.filter(course__slug=course_slug, slug=slug, archived=False).first()
    if skill is None:
        raise ContentNotFound(f"There is no exercise '{slug}' in the course '{course_slug}'.")
    return skill


@dataclass(frozen=True)
class ItemPlace:
    """Where a video, article or exercise sits: its unit (numbered as learners see it), its
    lesson, and the item after it in that lesson (None for the lesson's last)."""

    unit_number: int
    unit_slug: str
    unit_title: str
    lesson_title: str
    next_item: ItemEntry | None


def item_place(course_slug: str, kind: str, slug: str) -> ItemPlace | None:
    """The item's first place in the course's active lessons (3 queries); None when in none."""
    target = {"video": "video__slug", "article": "article__slug", "exercise": "skill__slug"}[kind]
    item = (
        LessonItem.objects.filter(
            lesson__course__slug=course_slug,
            lesson__archived=False,
            lesson__unit__archived=False,
            kind=kind,
            **{target: slug},
        )
        .select_related("lesson__unit")
        .order_by("lesson__unit__position", "lesson__position", "position")
        .first()
    )
    if item is None:
        return None
    unit = item.lesson.unit
    following = (
        LessonItem.objects.filter(lesson=item.lesson, position__gt=item.position)
        .select_related("video", "article", "skill")
        .order_by("position")
        .first()
    )
    next_item = None
    if following is not None:
        found = following.video or following.article or following.skill
        assert found is not None
        duration = following.video.duration_seconds if following.video else None
        next_item = ItemEntry(following.kind, found.slug, found.title, duration)
    return ItemPlace(
        unit_number=Unit.objects.filter(
            course_id=unit.course_id, archived=False, position__lte=unit.position
        ).count(),
        unit_slug=unit.slug,
        unit_title=unit.title,
        lesson_title=item.lesson.title,
        next_item=next_item,
    )
