"""Checking course.yaml's tree of units, lessons, quizzes and items, and building the pack
from it."""

import posixpath
from typing import Any

from .. import pack_schema as schema
from ..markdown import math_problems, render_markdown
from ..pack_yaml import Located
from .pack import (
    Pack,
    PackArticle,
    PackExercise,
    PackItem,
    PackLesson,
    PackQuiz,
    PackUnit,
    PackVideo,
)
from .reading import _located_items, _PackReader, _text


class _CourseTreeChecks(_PackReader):
    """The checks of course.yaml's units, lessons, quizzes and items."""

    def _build(
        self,
        course_doc: Located,
        course: schema.CourseFile,
        exercise_files: dict[str, str],
        exercises: dict[str, PackExercise],
    ) -> Pack:
        seen: dict[tuple[str, str], int] = {}
        units_doc = course_doc["units"]

        def unique(kind: str, slug: str, line: int) -> None:
            if (kind, slug) in seen:
                self.error(
                    "course.yaml",
                    line,
                    f"duplicate {kind} slug '{slug}' (first on line {seen[kind, slug]})",
                )
            else:
                seen[kind, slug] = line

        videos: dict[str, PackVideo] = {}
        articles: dict[str, PackArticle] = {}
        units = []
        for unit, unit_doc in zip(course.units, _located_items(units_doc), strict=True):
            unique("unit", unit.slug, unit_doc.line)
            lessons: list[PackLesson] = []
            quizzes: list[PackQuiz] = []
            unit_skills: list[str] = []
            since_last_quiz: list[str] = []
            for position, (entry, entry_doc) in enumerate(
                zip(unit.lessons, _located_items(unit_doc["lessons"]), strict=True), start=1
            ):
                if isinstance(entry, schema.QuizMarker):
                    unique("quiz", entry.quiz.slug, entry_doc.line)
                    if not since_last_quiz:
                        self.error(
                            "course.yaml",
                            entry_doc.line,
                            f"quiz '{entry.quiz.slug}' covers no exercise: "
                            "put it after lessons with exercises",
                        )
                    quizzes.append(
                        PackQuiz(
                            entry.quiz.slug, entry.quiz.title, position, tuple(since_last_quiz)
                        )
                    )
                    since_last_quiz = []
                    continue
                unique("lesson", entry.slug, entry_doc.line)
                items = []
                for item, item_doc in zip(
                    entry.items, _located_items(entry_doc["items"]), strict=True
                ):
                    items.append(
                        self._item(item, item_doc, exercise_files, videos, articles, unique)
                    )
                    if item.exercise:
                        if item.exercise in (
                            pack_item.slug
                            for pack_item in items[:-1]
                            if pack_item.kind == "exercise"
                        ):
                            self.error(
                                "course.yaml",
                                item_doc.line,
                                f"exercise '{item.exercise}' is listed twice "
                                f"in lesson '{entry.slug}'",
                            )
                        for skills in (unit_skills, since_last_quiz):
                            if item.exercise not in skills:
                                skills.append(item.exercise)
                lessons.append(PackLesson(entry.slug, entry.title, position, tuple(items)))
            test_title = unit.unit_test.title if unit.unit_test else None
            if test_title and not unit_skills:
                self.error(
                    "course.yaml",
                    unit_doc.line,
                    f"unit '{unit.slug}' has a unit test but no exercises: "
                    "add exercises or write 'unit_test: false'",
                )
            units.append(
                PackUnit(
                    unit.slug,
                    unit.title,
                    tuple(lessons),
                    tuple(quizzes),
                    test_title,
                    tuple(unit_skills),
                )
            )
        return Pack(
            slug=course.slug,
            title=course.title,
            subject=course.subject,
            language=course.language,
            description=course.description,
            policy_overrides=dict(course.policy),
            units=units,
            exercises=exercises,
            articles=articles,
            videos=videos,
            digest=self.digest,
        )

    def _item(
        self,
        item: schema.LessonItem,
        item_doc: Located,
        exercise_files: dict[str, str],
        videos: dict[str, PackVideo],
        articles: dict[str, PackArticle],
        unique: Any,
    ) -> PackItem:
        line = item_doc.line
        if item.video:
            video = item.video
            unique("video", video.slug, line)
            videos[video.slug] = PackVideo(video.slug, video.title, video.url, video.duration)
            return PackItem("video", video.slug)
        if item.article:
            article = item.article
            unique("article", article.slug, line)
            path = posixpath.normpath(article.file)
            if path.startswith(("/", "../")) or path == "..":
                self.error(
                    "course.yaml", line, f"article file '{article.file}' must be inside the pack"
                )
            elif path not in self.files:
                self.error("course.yaml", line, f"article file '{article.file}' does not exist")
            elif (body := _text(self.files, path, self.problems)) is not None:
                for message in math_problems(body):
                    self.error(path, _line_of_math(body, message), message)
                articles[article.slug] = PackArticle(
                    article.slug, article.title, body, render_markdown(body)
                )
            return PackItem("article", article.slug)
        assert item.exercise is not None
        if item.exercise not in exercise_files:
            self.error(
                "course.yaml",
                line,
                f"exercise '{item.exercise}' has no file exercises/{item.exercise}.yaml",
            )
        return PackItem("exercise", item.exercise)


def _line_of_math(body: str, message: str) -> int:
    """The line of an article on which the broken math of `message` starts."""
    start = message.find("$")
    latex = message[start + 1 : message.rfind("$")] if start >= 0 else ""
    index = body.find(latex) if latex else -1
    return body.count("\n", 0, index) + 1 if index >= 0 else 1
