"""The demo school: the bundled courses, a teacher and a class of learners, made once.

Everything goes through the real services, so the demo is what an operator would get by
doing it by hand. Running it again imports a bundled course only if its pack changed and
never creates an account twice.
"""

from pathlib import Path

from django.db import transaction

from proficio.classroom.models import User
from proficio.classroom.services import add_learners, create_class, create_user
from proficio.content.models import Course
from proficio.content.services import import_pack

BUNDLED_COURSES = Path(__file__).resolve().parent / "courses"
DEMO_TEACHER = "demo-teacher"
DEMO_LEARNERS = [
    ("ada", "Ada Lovelace"),
    ("alan", "Alan Turing"),
    ("grace", "Grace Hopper"),
    ("katherine", "Katherine Johnson"),
    ("emmy", "Emmy Noether"),
]
DEMO_NEW_LEARNER = ("demo-learner", "New Learner")
# The demo is for trying Proficio on one's own machine; its passwords are printed on start.
DEMO_PASSWORD = "proficio-demo"  # noqa: S105


def bundled_packs() -> list[Path]:
    return sorted(path.parent for path in BUNDLED_COURSES.glob("*/course.yaml"))


def seed_demo() -> list[str]:
    """Import the bundled courses and create the demo accounts; the lines to print."""
    for pack in bundled_packs():
        import_pack(path=pack)
    if not User.objects.filter(username=DEMO_TEACHER).exists():
        _create_demo_school()
    return [
        f"Demo accounts (password '{DEMO_PASSWORD}' for each):",
        f"  teacher: {DEMO_TEACHER}  (class 'Demo class' with {len(DEMO_LEARNERS)} learners)",
        f"  learners: {', '.join(name for name, _ in DEMO_LEARNERS)}",
        f"  a new learner with no work yet: {DEMO_NEW_LEARNER[0]}",
    ]


@transaction.atomic
def _create_demo_school() -> None:
    teacher = create_user(
        username=DEMO_TEACHER,
        password=DEMO_PASSWORD,
        display_name="Demo Teacher",
        role=User.Role.TEACHER,
    )
    learners = [
        create_user(username=username, password=DEMO_PASSWORD, display_name=name)
        for username, name in DEMO_LEARNERS
    ]
    create_user(
        username=DEMO_NEW_LEARNER[0], password=DEMO_PASSWORD, display_name=DEMO_NEW_LEARNER[1]
    )
    classroom = create_class(teacher=teacher, name="Demo class", courses=list(Course.objects.all()))
    add_learners(classroom=classroom, learners=learners)
