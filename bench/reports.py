"""Time the teacher reports on a big school, with a small and then a large attempt history.

    python bench/reports.py [--runs 40] [--database-url postgres://…]

Builds, on a fresh SQLite data folder (or in an empty PostgreSQL database with
--database-url): a 300-skill course (20 units × 15 skills, imported through `proficio import`'s
service), 2,040 learners, a class of 40 of them and a "school" class of the other 2,000. Every
learner has worked through the course up to a random skill: their skill states, unit and course
progress rows are written in bulk, the percentages computed by the mastery engine from the
levels, as the answer path would leave them. Then it adds 10,000 attempts of history (finished
practice sets of 5 answers each, on skills each learner has worked on), measures, adds history
up to 1,000,000 attempts, and measures again.

Measured, each a number of times after a warm-up, median and 95th percentile in ms:
- *skills*: the skills report of the 40-learner class (40 × 300 cells);
- *mastery*: the mastery progress report of the 2,000-learner class (2,000 × 20 units);
- for each: the report function alone (with the class's learner list, as the route does), and
  the whole GET in-process through Django's test client (bearer-token auth, the class check,
  the report, JSON or CSV rendering; no socket).

Prints a Markdown table for docs/benchmarks.md, and the machine's load while measuring: other
jobs share these cores, so a run taken while they were busy is not comparable.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

UNITS = 20
SKILLS_PER_UNIT = 15
LESSONS_PER_UNIT = 3
SMALL_CLASS = 40
SCHOOL = 2_000
HISTORIES = (10_000, 1_000_000)
ANSWERS_PER_TASK = 5  # a practice set of 4 and its bonus question
PASSWORD = "bench-Passw0rd-reports"
TARGETS_MS = {"skills": 50.0, "mastery": 300.0}
SEED = 20261124


def write_pack(root: Path) -> None:
    """A course of UNITS units, each of LESSONS_PER_UNIT lessons of 5 exercises (5 questions)."""
    (root / "exercises").mkdir(parents=True)
    (root / "articles").mkdir()
    lines = ["slug: bench", "title: Benchmark course", "subject: math", "units:"]
    skill = 0
    for unit in range(1, UNITS + 1):
        lines += [f"  - slug: unit-{unit}", f"    title: Unit {unit}", "    lessons:"]
        for lesson in range(1, LESSONS_PER_UNIT + 1):
            lines += [
                f"      - slug: lesson-{unit}-{lesson}",
                f"        title: Lesson {unit}.{lesson}",
                "        items:",
            ]
            for _ in range(SKILLS_PER_UNIT // LESSONS_PER_UNIT):
                skill += 1
                lines.append(f"          - exercise: skill-{skill}")
                questions = "".join(
                    f'  - type: numeric\n    prompt: "What is ${skill} + {n}$?"\n'
                    f"    answer: {skill + n}\n"
                    for n in range(1, 6)
                )
                (root / "exercises" / f"skill-{skill}.yaml").write_text(
                    f"slug: skill-{skill}\ntitle: Skill {skill}\nquestions:\n{questions}"
                )
    (root / "course.yaml").write_text("\n".join(lines) + "\n")


# --- bulk writing ---------------------------------------------------------------------------


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert many rows at once: COPY on PostgreSQL, one executemany per batch on SQLite."""
    from django.db import connection

    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        for batch in batches(rows, 20_000):
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", batch)  # noqa: S608


def batches(rows: Iterable[Sequence[Any]], size: int) -> Iterator[list[Sequence[Any]]]:
    batch: list[Sequence[Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def stamp(moment: datetime) -> Any:
    """A datetime as the database backend stores it (SQLite keeps text)."""
    from django.db import connection

    return connection.ops.adapt_datetimefield_value(moment)


def next_id(table: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608
        return int(cursor.fetchone()[0])


def after_explicit_ids(table: str) -> None:
    """PostgreSQL's id sequence does not move for ids written explicitly: move it."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table}"  # noqa: S608
            )


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- the school -----------------------------------------------------------------------------


@dataclass
class School:
    token: str
    small_class: Any
    school_class: Any
    course: Any
    worked: dict[int, list[int]]  # learner id → skill ids they have a state on
    now: datetime


def build_school(folder: Path) -> School:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from proficio.accounts.models import User
    from proficio.accounts.services import create_user
    from proficio.accounts.tokens import issue_token
    from proficio.classroom.actions import create_class
    from proficio.classroom.models import Classroom
    from proficio.content.models import Course, UnitSkill
    from proficio.content.services import import_pack
    from proficio.learning.models import CourseProgress, SkillState, UnitProgress
    from proficio.learning.selectors import course_policy
    from proficio.mastery.levels import Level, points_for
    from proficio.mastery.progress import mastery_percent

    rng = random.Random(SEED)
    write_pack(folder / "pack")
    import_pack(path=folder / "pack")
    course = Course.objects.get(slug="bench")
    policy = course_policy(course)
    units: dict[int, list[int]] = {}
    for unit_id, skill_id in (
        UnitSkill.objects.filter(unit__course=course)
        .order_by("unit__position", "position")
        .values_list("unit_id", "skill_id")
    ):
        units.setdefault(unit_id, []).append(skill_id)
    skills = [skill for unit_skills in units.values() for skill in unit_skills]

    teacher = create_user(username="bench-teacher", password=PASSWORD, role=User.Role.TEACHER)
    token = issue_token(username="bench-teacher", password=PASSWORD)
    unusable = make_password(None)
    User.objects.bulk_create(
        User(
            username=f"learner-{n:05d}",
            display_name=f"Learner {n}",
            password=unusable,
            role=User.Role.LEARNER,
        )
        for n in range(1, SMALL_CLASS + SCHOOL + 1)
    )
    learner_ids = list(
        User.objects.filter(role=User.Role.LEARNER).order_by("pk").values_list("pk", flat=True)
    )
    small_class = create_class(teacher=teacher, name="Year 7 maths", courses=[course])
    school_class = create_class(teacher=teacher, name="Whole school", courses=[course])
    Member = Classroom.learners.through
    Member.objects.bulk_create(
        [Member(classroom_id=small_class.pk, user_id=pk) for pk in learner_ids[:SMALL_CLASS]]
        + [Member(classroom_id=school_class.pk, user_id=pk) for pk in learner_ids[SMALL_CLASS:]]
    )

    # Each learner has worked through the course up to a random skill; a few not at all.
    now = timezone.now().replace(microsecond=0)
    worked: dict[int, list[int]] = {}
    states, unit_rows, course_rows = [], [], []
    weights = [Level.ATTEMPTED] + [Level.FAMILIAR] * 3 + [Level.PROFICIENT] * 3
    weights += [Level.MASTERED] * 3
    for learner_id in learner_ids:
        reach = rng.choice([0, *range(1, len(skills) + 1)])
        levels = {skill: rng.choice(weights) for skill in skills[:reach]}
        if not levels:
            continue
        worked[learner_id] = list(levels)
        for skill_id, level in levels.items():
            states.append(
                (learner_id, skill_id, course.pk, int(level), points_for(level, policy), stamp(now))
            )
        for unit_id, unit_skills in units.items():
            unit_levels = [levels[s] for s in unit_skills if s in levels]
            unit_rows.append(
                (
                    learner_id, unit_id, course.pk,
                    sum(points_for(level, policy) for level in unit_levels),
                    policy.mastered_points * len(unit_skills),
                    mastery_percent(unit_levels, len(unit_skills), policy),
                    stamp(now),
                )
            )  # fmt: skip
        course_rows.append(
            (
                learner_id, course.pk,
                sum(points_for(level, policy) for level in levels.values()),
                policy.mastered_points * len(skills),
                mastery_percent(levels.values(), len(skills), policy),
                0, stamp(now),
            )
        )  # fmt: skip
    insert_rows(
        SkillState._meta.db_table,
        ["learner_id", "skill_id", "course_id", "level", "points", "updated_at"],
        states,
    )
    insert_rows(
        UnitProgress._meta.db_table,
        ["learner_id", "unit_id", "course_id", "points", "points_possible", "mastery_percent",
         "updated_at"],
        unit_rows,
    )  # fmt: skip
    insert_rows(
        CourseProgress._meta.db_table,
        ["learner_id", "course_id", "points", "points_possible", "mastery_percent",
         "finished_tasks", "updated_at"],
        course_rows,
    )  # fmt: skip
    print(
        f"  {len(learner_ids)} learners, {len(skills)} skills in {len(units)} units; caches: "
        f"{len(states)} skill states, {len(unit_rows)} unit and {len(course_rows)} course "
        "progress rows",
        file=sys.stderr,
    )
    return School(token, small_class, school_class, course, worked, now)


def add_history(school: School, attempts: int, rng: random.Random) -> None:
    """Finished practice sets of ANSWERS_PER_TASK answers, on skills each learner worked on."""
    from proficio.learning.models import Attempt, Task

    tasks = attempts // ANSWERS_PER_TASK
    first_task = next_id(Task._meta.db_table)
    learners = list(school.worked)
    plan = []  # (task id, learner, skill, started)
    for offset in range(tasks):
        learner = rng.choice(learners)
        started = school.now - timedelta(days=rng.uniform(1, 365))
        plan.append((first_task + offset, learner, rng.choice(school.worked[learner]), started))
    summary = json.dumps({"correct": 4, "total": 4, "skills": [], "points_delta": 0})
    insert_rows(
        Task._meta.db_table,
        ["id", "learner_id", "course_id", "kind", "skill_id", "same_questions_for_everyone",
         "status", "target", "question_count", "current_position", "started_at", "finished_at",
         "summary"],
        (
            (task_id, learner, school.course.pk, "practice", skill, False, "finished",
             f"practice:{skill}", 4, 5, stamp(started), stamp(started + timedelta(minutes=4)),
             summary)
            for task_id, learner, skill, started in plan
        ),
    )  # fmt: skip
    after_explicit_ids(Task._meta.db_table)
    insert_rows(
        Attempt._meta.db_table,
        ["task_id", "learner_id", "skill_id", "position", "kind", "attempt_id", "response",
         "correct", "first", "reply", "created_at"],
        (
            (task_id, learner, skill, position, "answer", f"{task_id}-{position}",
             json.dumps(str(position)), position != 3, True, None,
             stamp(started + timedelta(seconds=40 * position)))
            for task_id, learner, skill, started in plan
            for position in range(1, ANSWERS_PER_TASK + 1)
        ),
    )  # fmt: skip


# --- measuring ------------------------------------------------------------------------------


@dataclass
class Timing:
    median: float
    p95: float

    def __str__(self) -> str:
        return f"{self.median:.1f} / {self.p95:.1f}"


def timed(call: Callable[[], Any], runs: int) -> Timing:
    for _ in range(3):
        call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return Timing(statistics.median(times), times[max(0, round(0.95 * runs) - 1)])


class CpuWatch:
    """Cores busy on the whole machine, and in this process, while measuring."""

    def __enter__(self) -> "CpuWatch":
        self.busy, self.total = _cpu_jiffies()
        self.own = time.process_time()
        self.wall = time.perf_counter()
        return self

    def __exit__(self, *_: object) -> None:
        busy, total = _cpu_jiffies()
        cores = os.cpu_count() or 1
        self.machine = (busy - self.busy) / max(1, total - self.total) * cores
        self.this = (time.process_time() - self.own) / (time.perf_counter() - self.wall)


def _cpu_jiffies() -> tuple[int, int]:
    fields = [int(n) for n in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def measure(school: School, runs: int) -> list[tuple[str, str, Timing, Timing, Timing]]:
    from django.test import Client

    from proficio.classroom.reads import class_learner_ids
    from proficio.reports.mastery import mastery_progress
    from proficio.reports.skills import skills_grid

    client = Client(HTTP_AUTHORIZATION=f"Bearer {school.token}", HTTP_HOST="127.0.0.1")

    def get(path: str) -> Callable[[], None]:
        def call() -> None:
            response = client.get(path)
            assert response.status_code == 200, response.content[:300]

        return call

    small, big = school.small_class, school.school_class
    cases = [
        (
            "skills", f"{SMALL_CLASS} × 300 skills",
            lambda: skills_grid(classroom=small, course="bench",
                                learner_ids=class_learner_ids(small)),
            f"/api/v1/classes/{small.pk}/reports/skills?course=bench",
        ),
        (
            "mastery", f"{SCHOOL} × {UNITS} units",
            lambda: mastery_progress(classroom=big, course="bench",
                                     learner_ids=class_learner_ids(big)),
            f"/api/v1/classes/{big.pk}/reports/mastery?course=bench",
        ),
    ]  # fmt: skip
    results = []
    for name, size, report, path in cases:
        with CpuWatch() as cpu:
            alone = timed(report, runs)
            as_json = timed(get(path), runs)
            as_csv = timed(get(path + "&format=csv"), runs)
        print(
            f"  {name}: cores busy on the machine {cpu.machine:.2f}, in this process "
            f"{cpu.this:.2f}; load average {os.getloadavg()[0]:.2f}",
            file=sys.stderr,
        )
        results.append((name, size, alone, as_json, as_csv))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=40, help="timed runs of each measurement")
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL (an empty database); default SQLite"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["PROFICIO_HOME"] = str(Path(folder) / "home")
        os.environ.pop("DATABASE_URL", None)
        if args.database_url:
            os.environ["DATABASE_URL"] = args.database_url
        os.environ["DJANGO_SETTINGS_MODULE"] = "proficio.settings"
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        database = "PostgreSQL" if args.database_url else "SQLite"
        print(f"building the school on {database}…", file=sys.stderr)
        school = build_school(Path(folder))
        rng = random.Random(SEED + 1)
        rows = []
        history = 0
        for target in HISTORIES:
            start = time.perf_counter()
            add_history(school, target - history, rng)
            history = target
            analyze()
            print(
                f"history of {history} attempts in place ({time.perf_counter() - start:.0f} s)",
                file=sys.stderr,
            )
            rows += [(history, *result) for result in measure(school, args.runs)]
        from django.db import connection

        connection.close()
    print(
        "| database | attempts | report | learners × columns | report function | JSON GET "
        "| CSV GET |"
    )
    print("|---|---|---|---|---|---|---|")
    for history, name, size, alone, as_json, as_csv in rows:
        print(f"| {database} | {history:,} | {name} | {size} | {alone} | {as_json} | {as_csv} |")
    print("\n(median / p95 in ms)")
    for name, target in TARGETS_MS.items():
        by_history = {h: j for h, n, _, _, j, _ in rows if n == name}
        small, large = (by_history[h].median for h in HISTORIES)
        verdict = "met" if max(small, large) <= target and large <= 1.25 * small else "MISSED"
        print(
            f"{name}: JSON GET median {small:.1f} → {large:.1f} ms (× {large / small:.2f}); "
            f"target ≤ {target:.0f} ms and ≤ × 1.25: {verdict}"
        )


if __name__ == "__main__":
    main()
