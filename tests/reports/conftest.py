"""A class taking the journey course with three learners; a second course to compare with."""

from pathlib import Path
from typing import Any

import pytest
from tests.reports.caches import UNITS, make_user
from tests.samples import write_known_answers_pack, write_sample_pack

from proficio.accounts.models import User
from proficio.classroom.actions import add_learners, create_class
from proficio.classroom.models import Classroom
from proficio.content.models import Course
from proficio.content.services import import_pack


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    # Argon2 is slow on purpose; these tests make accounts, they do not test hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def course(tmp_path: Path) -> Course:
    import_pack(path=write_known_answers_pack(tmp_path / "journey", UNITS))
    return Course.objects.get(slug="journey")


@pytest.fixture
def sample_course(tmp_path: Path) -> Course:
    """A second course ("sample": one unit "adding" with skills add-small and add-big)."""
    import_pack(path=write_sample_pack(tmp_path / "sample"))
    return Course.objects.get(slug="sample")


@pytest.fixture
def teacher(db: None) -> User:
    return make_user("ms-hopper", "Grace Hopper", User.Role.TEACHER)


@pytest.fixture
def learners(db: None) -> dict[str, User]:
    """Three learners; class rosters list them in username order: ada, alan, edsger."""
    return {
        "ada": make_user("ada", "Ada Lovelace"),
        "alan": make_user("alan", "Alan Turing"),
        "edsger": make_user("edsger", "Edsger Dijkstra"),
    }


@pytest.fixture
def classroom(teacher: User, learners: dict[str, User], course: Course) -> Classroom:
    classroom = create_class(teacher=teacher, name="Year 7 maths", courses=[course])
    add_learners(classroom=classroom, learners=list(learners.values()))
    return classroom
