"""Fixtures shared by the suite: packs written to disk, and real HTTP against a live server."""

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.http_client import HttpClient
from tests.samples import ADD_BIG, ADD_SMALL, ARTICLE, MINIMAL_COURSE


@pytest.fixture
def write_pack(tmp_path: Path) -> Callable[..., Path]:
    """Write a pack (the sample course unless told otherwise) and return its folder."""

    def write(
        course: str | None = MINIMAL_COURSE,
        exercises: dict[str, str] | None = None,
        articles: dict[str, str] | None = None,
        name: str = "pack",
    ) -> Path:
        root = tmp_path / name
        (root / "exercises").mkdir(parents=True, exist_ok=True)
        (root / "articles").mkdir(exist_ok=True)
        if course is not None:
            (root / "course.yaml").write_text(textwrap.dedent(course))
        default_exercises = {"add-small": ADD_SMALL, "add-big": ADD_BIG}
        for slug, text in (default_exercises if exercises is None else exercises).items():
            (root / "exercises" / f"{slug}.yaml").write_text(textwrap.dedent(text))
        default_articles = {"counting-on.md": ARTICLE}
        for file, text in (default_articles if articles is None else articles).items():
            (root / "articles" / file).write_text(text)
        return root

    return write


@pytest.fixture
def http(live_server: Any) -> HttpClient:
    return HttpClient(live_server.url)
