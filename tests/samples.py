"""Sample packs shared by the tests."""

from pathlib import Path

MINIMAL_COURSE = """\
slug: sample
title: Sample course
subject: math
description: A small course for tests.
units:
  - slug: adding
    title: Adding
    lessons:
      - slug: add-small
        title: Add small numbers
        items:
          - video: {slug: adding-intro, title: Intro to adding, url: "https://videos.example.org/a", duration: 120}
          - article: {slug: counting-on, title: Counting on, file: articles/counting-on.md}
          - exercise: add-small
      - quiz: {slug: adding-quiz, title: Quiz 1}
      - slug: add-big
        title: Add bigger numbers
        items:
          - exercise: add-big
"""

ADD_SMALL = """\
slug: add-small
title: Add small numbers
questions:
  - type: numeric
    prompt: "What is $7 + 5$?"
    answer: 12
    hints: ["Count on from 7.", "$7 + 3 = 10$, then 2 more."]
    explanation: "$7 + 5 = 12$"
  - type: choice
    prompt: "Which sum is 10?"
    choices: ["$4 + 5$", "$6 + 4$", "$3 + 8$"]
    correct: [1]
  - type: expression
    prompt: "Simplify $2x + 3x$."
    answer: "5x"
  - type: text
    prompt: "What do we call the result of an addition?"
    answer: ["sum", "the sum"]
generators:
  - type: numeric
    vars: {a: "randint(2, 9)", b: "randint(2, 9)"}
    where: "a + b <= 20"
    prompt: "What is ${a} + {b}$?"
    answer: "a + b"
    hints: ["Start at {a} and count on {b}."]
"""

ADD_BIG = """\
slug: add-big
title: Add bigger numbers
generators:
  - type: numeric
    vars: {a: "randint(10, 99)", b: "randint(10, 99)"}
    prompt: "What is ${a} + {b}$?"
    answer: "a + b"
"""

ARTICLE = """\
# Counting on

To add $7 + 5$, start at 7 and count on 5: $$7 + 5 = 12$$
"""


def write_known_answers_pack(
    root: Path, units: dict[str, list[str]], slug: str = "journey"
) -> Path:
    """A course whose every question of skill number N (counting from 1) has the answer N.

    Each unit has one lesson per skill, a quiz after its first two lessons and a unit test;
    each exercise has 6 fixed numeric questions with 2 hints and an explanation.
    """
    (root / "exercises").mkdir(parents=True, exist_ok=True)
    lines = [f"slug: {slug}", "title: Journey course", "subject: math", "units:"]
    number = 0
    for unit, skills in units.items():
        lines += [f"  - slug: {unit}", f"    title: Unit {unit}", "    lessons:"]
        for index, skill in enumerate(skills):
            number += 1
            lines += [
                f"      - slug: {skill}-lesson",
                f"        title: Lesson {skill}",
                "        items:",
                f"          - exercise: {skill}",
            ]
            if index == 1:
                lines.append(f"      - quiz: {{slug: {unit}-quiz, title: Quiz of {unit}}}")
            questions = "".join(
                f'  - type: numeric\n    prompt: "Question {q} of {skill}: type {number}."\n'
                f"    answer: {number}\n"
                f'    hints: ["The answer is a number.", "It is {number}."]\n'
                f'    explanation: "The answer is {number}."\n'
                for q in range(1, 7)
            )
            (root / "exercises" / f"{skill}.yaml").write_text(
                f"slug: {skill}\ntitle: Skill {skill}\nquestions:\n{questions}"
            )
    (root / "course.yaml").write_text("\n".join(lines) + "\n")
    return root


def write_sample_pack(root: Path, add_big: str = ADD_BIG) -> Path:
    """The sample course in a folder of its own (the `write_pack` fixture's, for module scope)."""
    (root / "exercises").mkdir(parents=True)
    (root / "articles").mkdir()
    (root / "course.yaml").write_text(MINIMAL_COURSE)
    (root / "exercises" / "add-small.yaml").write_text(ADD_SMALL)
    (root / "exercises" / "add-big.yaml").write_text(add_big)
    (root / "articles" / "counting-on.md").write_text(ARTICLE)
    return root
