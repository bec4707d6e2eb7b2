"""Importing packs: all or nothing, updates in place by slug, archives what was removed."""

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.samples import ADD_BIG, ADD_SMALL, MINIMAL_COURSE

from proficio.accounts.models import User
from proficio.accounts.services import create_user
from proficio.classroom.actions import create_class
from proficio.content.models import (
    Article,
    Course,
    Lesson,
    LessonItem,
    Quiz,
    Skill,
    Unit,
    UnitSkill,
    Video,
)
from proficio.content.packs import PackError
from proficio.content.questions import QuestionBank
from proficio.content.selectors import course_tree
from proficio.content.services import import_pack

WritePack = Callable[..., Path]
pytestmark = pytest.mark.django_db

ALL_CONTENT = (Course, Unit, Lesson, Skill, Video, Article, Quiz, LessonItem, UnitSkill)


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in ALL_CONTENT}


def test_a_pack_imports_its_whole_tree(write_pack: WritePack) -> None:
    result = import_pack(path=write_pack())
    assert result.created and not result.unchanged
    tree = course_tree("sample")
    unit = tree.units[0]
    assert [lesson.slug for lesson in unit.lessons] == ["add-small", "add-big"]
    assert [(item.kind, item.slug) for item in unit.lessons[0].items] == [
        ("video", "adding-intro"), ("article", "counting-on"), ("exercise", "add-small"),
    ]  # fmt: skip
    assert [(quiz.slug, [s.slug for s in quiz.skills]) for quiz in unit.quizzes] == [
        ("adding-quiz", ["add-small"])
    ]
    assert unit.unit_test is not None
    assert [s.slug for s in unit.unit_test.skills] == ["add-small", "add-big"]
    assert "<math" in Article.objects.get(slug="counting-on").body_html


def test_a_broken_pack_imports_nothing(write_pack: WritePack) -> None:
    broken = write_pack(course=MINIMAL_COURSE.replace("exercise: add-big", "exercise: add-huge"))
    with pytest.raises(PackError):
        import_pack(path=broken)
    assert set(row_counts().values()) == {0}


def test_a_broken_update_changes_nothing(write_pack: WritePack) -> None:
    import_pack(path=write_pack())
    before = row_counts()
    titles = list(Skill.objects.values_list("slug", "title"))
    broken = write_pack(
        course=MINIMAL_COURSE.replace("title: Adding\n", "title: Renamed\n").replace(
            "exercise: add-big", "exercise: add-huge"
        ),
        name="broken",
    )
    with pytest.raises(PackError):
        import_pack(path=broken)
    assert row_counts() == before
    assert list(Skill.objects.values_list("slug", "title")) == titles
    assert Unit.objects.get().title == "Adding"


def test_importing_the_same_pack_again_writes_nothing(write_pack: WritePack) -> None:
    pack = write_pack()
    import_pack(path=pack)
    stamp = Course.objects.get().imported_at
    again = import_pack(path=pack)
    assert again.unchanged
    assert Course.objects.get().imported_at == stamp


def test_reimport_updates_rows_in_place_by_slug(write_pack: WritePack) -> None:
    import_pack(path=write_pack())
    ids = {
        model.__name__: dict(model.objects.values_list("slug", "pk"))
        for model in (Unit, Lesson, Skill, Video, Article, Quiz)
    }
    changed = write_pack(
        course=MINIMAL_COURSE.replace("title: Add small numbers", "title: Adding within 10"),
        exercises={
            "add-small": ADD_SMALL.replace("What is $7 + 5$?", "What is $7 + 6$?")
            .replace("answer: 12", "answer: 13")
            .replace("$7 + 5 = 12$", "$7 + 6 = 13$"),
            "add-big": ADD_BIG,
        },
        name="changed",
    )
    result = import_pack(path=changed)
    assert not result.created and result.updated == 2 and result.added == 0 and result.archived == 0
    for model in (Unit, Lesson, Skill, Video, Article, Quiz):
        assert dict(model.objects.values_list("slug", "pk")) == ids[model.__name__]
    assert Lesson.objects.get(slug="add-small").title == "Adding within 10"
    bank = Skill.objects.get(slug="add-small").question_bank
    assert bank["questions"][0]["prompt"] == "What is $7 + 6$?"


def test_a_removed_skill_is_archived_and_learner_links_survive(write_pack: WritePack) -> None:
    import_pack(path=write_pack())
    teacher = create_user(username="t", password="long-enough-1", role=User.Role.TEACHER)
    classroom = create_class(teacher=teacher, name="Class", courses=[Course.objects.get()])
    removed = Skill.objects.get(slug="add-big")
    without_big = MINIMAL_COURSE.split("      - slug: add-big")[0]
    result = import_pack(
        path=write_pack(course=without_big, exercises={"add-small": ADD_SMALL}, name="smaller")
    )
    assert result.archived >= 2  # the skill and its lesson
    removed.refresh_from_db()
    assert removed.archived  # the row, and everything that points at it, stays
    assert Lesson.objects.get(slug="add-big").archived
    assert [skill.slug for skill in course_tree("sample").units[0].skills] == ["add-small"]
    assert list(classroom.courses.all()) == [Course.objects.get()]

    restored = import_pack(path=write_pack(name="restored"))
    assert restored.archived == 0
    removed.refresh_from_db()
    assert not removed.archived and removed.pk == Skill.objects.get(slug="add-big").pk


def test_a_skill_in_two_units_counts_in_each(write_pack: WritePack) -> None:
    two_units = MINIMAL_COURSE + (
        "  - slug: review\n"
        "    title: Review\n"
        "    lessons:\n"
        "      - slug: review-adding\n"
        "        title: Review adding\n"
        "        items:\n"
        "          - exercise: add-small\n"
    )
    import_pack(path=write_pack(course=two_units))
    tree = course_tree("sample")
    assert [[s.slug for s in unit.skills] for unit in tree.units] == [
        ["add-small", "add-big"],
        ["add-small"],
    ]
    assert tree.skill_count == 2
    assert Skill.objects.count() == 2


def test_unit_test_false_leaves_it_out(write_pack: WritePack) -> None:
    import_pack(path=write_pack(course=MINIMAL_COURSE + "    unit_test: false\n"))
    assert course_tree("sample").units[0].unit_test is None


DEPENDENT_VARIABLES = ADD_SMALL.replace(
    '''    vars: {a: "randint(2, 9)", b: "randint(2, 9)"}
    where: "a + b <= 20"''',
    '''    vars: {total: "randint(5, 19)", a: "randint(1, total - 1)", b: "total - a"}
    where: "a >= 1"''',
)


def test_generated_questions_read_back_from_the_database_draw_their_variables_in_order(
    write_pack: WritePack,
) -> None:
    """On PostgreSQL a JSON object's keys come back shortest first: `a`, `b`, `total`."""
    assert DEPENDENT_VARIABLES != ADD_SMALL
    import_pack(path=write_pack(exercises={"add-small": DEPENDENT_VARIABLES, "add-big": ADD_BIG}))
    stored = Skill.objects.get(slug="add-small").question_bank
    bank = QuestionBank.from_json("add-small", stored)
    assert [name for name, _ in stored["generators"][0]["vars"]] == ["total", "a", "b"]
    for seed in range(30):
        question = bank.question(f"add-small~1:{seed}")
        assert question.numeric_answer is not None and 5 <= question.numeric_answer <= 19
