"""Time `proficio check` and `proficio import` on a generated 1,000-skill pack.

    python bench/import_pack.py [--skills 1000] [--database-url postgres://…]

Runs the real command line in fresh processes (as an operator would), on a fresh data folder:
check, first import, re-import of a changed pack (every skill's title and a question changed,
so every row is rewritten), and a re-import of an unchanged pack. Prints a Markdown table row
for docs/benchmarks.md.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LESSONS_PER_UNIT = 5
SKILLS_PER_LESSON = 10


def write_pack(root: Path, skills: int, version: int) -> None:
    (root / "exercises").mkdir(parents=True, exist_ok=True)
    (root / "articles").mkdir(exist_ok=True)
    lines = ["slug: bench", "title: Benchmark course", "subject: math", "units:"]
    skill = 0
    unit = 0
    while skill < skills:
        unit += 1
        lines += [f"  - slug: unit-{unit}", f"    title: Unit {unit}", "    lessons:"]
        for lesson in range(1, LESSONS_PER_UNIT + 1):
            if skill >= skills:
                break
            slug = f"lesson-{unit}-{lesson}"
            lines += [
                f"      - slug: {slug}",
                f"        title: Lesson {unit}.{lesson}",
                "        items:",
            ]
            lines.append(
                f"          - article: {{slug: {slug}-read, title: Read {slug}, "
                f"file: articles/{slug}.md}}"
            )
            (root / "articles" / f"{slug}.md").write_text(
                f"# Lesson {unit}.{lesson}\n\nTo add $a + b$, count on: $$3 + 4 = 7$$\n"
            )
            for _ in range(SKILLS_PER_LESSON):
                if skill >= skills:
                    break
                skill += 1
                lines.append(f"          - exercise: skill-{skill}")
                (root / "exercises" / f"skill-{skill}.yaml").write_text(exercise(skill, version))
        lines.append(f"      - quiz: {{slug: quiz-{unit}, title: Quiz {unit}}}")
    (root / "course.yaml").write_text("\n".join(lines) + "\n")


def exercise(number: int, version: int) -> str:
    return f"""\
slug: skill-{number}
title: Skill {number} (v{version})
questions:
  - type: numeric
    prompt: "What is ${number} + {version}$?"
    answer: {number + version}
    hints: ["Count on {version} from {number}."]
  - type: expression
    prompt: "Simplify ${number}x + 2x$."
    answer: "{number + 2}x"
generators:
  - type: numeric
    vars: {{a: "randint(2, 99)", b: "randint(2, 99)"}}
    where: "a != b"
    prompt: "What is ${{a}} \\\\times {{b}}$?"
    answer: "a * b"
    hints: ["Multiply {{a}} by {{b}}."]
    explanation: "${{a}} \\\\times {{b}} = {{a}} \\\\cdot {{b}}$"
  - type: choice
    vars: {{a: "randint(10, 99)", b: "randint(2, 9)"}}
    prompt: "Which is ${{a}} - {{b}}$?"
    choices: ["{{a}} - {{b}}", "{{a}} + {{b}}", "{{b}} - {{a}}"]
    correct: [0]
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--skills", type=int, default=1000)
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL (an empty database); default SQLite"
    )
    args = parser.parse_args()
    proficio = [sys.executable, "-m", "proficio.cli"]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {**os.environ, "PROFICIO_HOME": str(work / "home")}
        env.pop("DATABASE_URL", None)
        if args.database_url:
            env["DATABASE_URL"] = args.database_url
        timed([*proficio, "manage", "migrate", "--verbosity", "0"], env)
        first, second = work / "v1", work / "v2"
        write_pack(first, args.skills, 1)
        write_pack(second, args.skills, 2)
        check = timed([*proficio, "check", str(first)], env)
        imported = timed([*proficio, "import", str(first)], env)
        reimported = timed([*proficio, "import", str(second)], env)
        unchanged = timed([*proficio, "import", str(second)], env)
    database = "PostgreSQL" if args.database_url else "SQLite"
    print("| skills | database | check | import | re-import (changed) | re-import (unchanged) |")
    print("|---|---|---|---|---|---|")
    print(
        f"| {args.skills} | {database} | {check:.2f} s | {imported:.2f} s "
        f"| {reimported:.2f} s | {unchanged:.2f} s |"
    )


if __name__ == "__main__":
    main()
