"""`proficio check`, `import` and `serve`, run as a user runs them: real processes."""

import re
import shutil
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.processes import run_proficio
from tests.samples import MINIMAL_COURSE

from proficio.demo import BUNDLED_COURSES, DEMO_COURSE, DEMO_LEARNERS, bundled_packs

WritePack = Callable[..., Path]


def test_check_prints_every_problem_and_exits_1(write_pack: WritePack, tmp_path: Path) -> None:
    broken = write_pack(
        course=MINIMAL_COURSE.replace("exercise: add-big", "exercise: add-huge").replace(
            "subject: math", "subject: math\ncolour: red"
        )
    )
    result = run_proficio("check", str(broken), home=tmp_path / "home")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines == [
        "course.yaml:4: unknown key 'colour'",
        "course.yaml:20: exercise 'add-huge' has no file exercises/add-huge.yaml",
        "exercises/add-big.yaml:1: warning: exercise 'add-big' is not used by any lesson",
    ]
    assert all(re.match(r"^[\w./-]+:\d+: ", line) for line in lines)
    assert "nothing can be imported" in result.stderr


def test_check_of_a_good_pack_exits_0(write_pack: WritePack, tmp_path: Path) -> None:
    result = run_proficio("check", str(write_pack()), home=tmp_path / "home")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "ok — course 'sample', 1 units, 2 skills" in result.stderr


@pytest.mark.parametrize("pack", bundled_packs(), ids=lambda path: path.name)
def test_every_bundled_course_passes_check_without_warnings(pack: Path, tmp_path: Path) -> None:
    result = run_proficio("check", str(pack), home=tmp_path / "home")
    assert result.returncode == 0, result.stdout
    assert result.stdout == "", result.stdout


def test_import_then_reimport_from_the_command_line(write_pack: WritePack, tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = run_proficio("import", str(write_pack()), home=home)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "Imported course 'sample': 8 added, 0 updated, 0 archived."
    again = run_proficio("import", str(write_pack()), home=home)
    assert again.stdout.strip() == "Course 'sample' is already up to date."
    broken = write_pack(
        course=MINIMAL_COURSE.replace("exercise: add-big", "exercise: nope"), name="broken"
    )
    failed = run_proficio("import", str(broken), home=home)
    assert failed.returncode == 1
    assert "course.yaml:19: exercise 'nope' has no file exercises/nope.yaml" in failed.stdout
    assert "nothing was changed" in failed.stderr


def fetch(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers.get("Server", ""), response.read().decode()


def test_serve_runs_the_demo_with_a_production_server_and_reuses_its_data(
    serve: Callable[..., tuple[str, str]],
) -> None:
    url, printed = serve()
    assert f"Proficio is running at {url}/" in printed
    assert "teacher: demo-teacher" in printed and "password 'proficio-demo'" in printed
    status, server, page = fetch(url + "/")
    assert status == 200 and "gunicorn" in server.lower()
    assert "From arithmetic to algebra" in page and "World geography" in page
    status, _, css = fetch(url + "/static/web/proficio.css")
    assert status == 200 and ":root" in css
    status, _, courses = fetch(url + "/api/v1/courses")
    assert courses.count('"slug"') == len(bundled_packs())

    url, printed = serve()  # the same data folder again
    status, _, courses = fetch(url + "/api/v1/courses")
    assert courses.count('"slug"') == len(bundled_packs())
    assert "teacher: demo-teacher" in printed


def test_demo_seeds_a_class_with_weeks_of_work_once(tmp_path: Path) -> None:
    home = tmp_path / "home"
    count = (
        "from proficio.learning.models import Task; from proficio.accounts.models import User; "
        "print(Task.objects.filter(status='finished').count(), User.objects.count())"
    )
    first = run_proficio("demo", home=home)
    assert first.returncode == 0, first.stderr
    assert "teacher: demo-teacher" in first.stdout and "demo-learner" in first.stdout
    tasks, users = run_proficio("manage", "shell", "-c", count, home=home).stdout.split()[-2:]
    # The teacher, the class's learners and a fresh learner.
    assert int(tasks) > 50 and int(users) == len(DEMO_LEARNERS) + 2
    again = run_proficio("demo", home=home)
    assert again.returncode == 0, again.stderr
    assert run_proficio("manage", "shell", "-c", count, home=home).stdout.split()[-2:] == [
        tasks,
        users,
    ]

    # Re-importing a course the class works in recomputes their mastery % and says so.
    pack = shutil.copytree(BUNDLED_COURSES / DEMO_COURSE, tmp_path / "pack")
    (pack / "course.yaml").write_text((pack / "course.yaml").read_text() + "\n")
    updated = run_proficio("import", str(pack), home=home)
    assert updated.returncode == 0, updated.stderr
    working = (
        "from proficio.learning.models import CourseProgress; "
        f"print(CourseProgress.objects.filter(course__slug='{DEMO_COURSE}').count())"
    )
    learners = int(run_proficio("manage", "shell", "-c", working, home=home).stdout.split()[-1])
    assert learners > 1
    assert f"Mastery % recomputed for {learners} learners." in updated.stdout


def test_an_operator_creates_a_teacher_on_a_new_data_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    made = run_proficio(
        "manage", "createteacher", "ms-hopper", "--password", "cobol-1959",
        "--display-name", "Grace Hopper", home=home,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "Created the teacher 'ms-hopper'" in made.stdout
    check = (
        "from django.contrib.auth import authenticate; "
        "from proficio.accounts.roles import roles_of; "
        "user = authenticate(username='ms-hopper', password='cobol-1959'); "
        "print(user.display_name, roles_of(user))"
    )
    shown = run_proficio("manage", "shell", "-c", check, home=home)
    assert shown.stdout.strip().endswith("Grace Hopper ['teacher']"), shown.stdout + shown.stderr
    again = run_proficio("manage", "createteacher", "MS-HOPPER", "--password", "x" * 10, home=home)
    assert again.returncode != 0 and "taken" in again.stderr
    weak = run_proficio("manage", "createteacher", "mr-weak", "--password", "short", home=home)
    assert weak.returncode != 0 and "at least 8 characters" in weak.stderr
