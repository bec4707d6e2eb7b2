"""A pack as read and checked: plain dataclasses, ready to import."""

from dataclasses import dataclass, field
from typing import Any

from ..pack_yaml import Problem


@dataclass(frozen=True)
class PackVideo:
    slug: str
    title: str
    url: str
    duration: int | None


@dataclass(frozen=True)
class PackArticle:
    slug: str
    title: str
    markdown: str
    html: str


@dataclass(frozen=True)
class PackExercise:
    slug: str
    title: str
    bank: dict[str, Any]  # {"questions": [...], "generators": [...]}, stored as JSON


@dataclass(frozen=True)
class PackItem:
    kind: str  # video | article | exercise
    slug: str


@dataclass(frozen=True)
class PackLesson:
    slug: str
    title: str
    position: int
    items: tuple[PackItem, ...]


@dataclass(frozen=True)
class PackQuiz:
    slug: str
    title: str
    position: int  # among the unit's lessons: a quiz follows the lessons it covers
    skills: tuple[str, ...]


@dataclass(frozen=True)
class PackUnit:
    slug: str
    title: str
    lessons: tuple[PackLesson, ...]
    quizzes: tuple[PackQuiz, ...]
    unit_test_title: str | None
    skills: tuple[str, ...]


@dataclass
class Pack:
    slug: str
    title: str
    subject: str
    language: str
    description: str
    policy_overrides: dict[str, Any]
    units: list[PackUnit]
    exercises: dict[str, PackExercise]
    articles: dict[str, PackArticle]
    videos: dict[str, PackVideo]
    digest: str
    warnings: list[Problem] = field(default_factory=list)
