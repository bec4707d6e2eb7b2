"""A course with one skill per question type, so a practice set shows only that type."""

KINDS_COURSE = """\
slug: kinds
title: Question kinds
subject: math
units:
  - slug: all
    title: All kinds
    lessons:
      - slug: all-lesson
        title: Every kind
        items:
          - exercise: choose
          - exercise: choose-many
          - exercise: simplify
          - exercise: name-it
"""


def exercise(slug: str, question: str) -> str:
    """An exercise of six copies of one question (a practice set draws several)."""
    return f"slug: {slug}\ntitle: Skill {slug}\nquestions:\n" + question * 6


KINDS_EXERCISES = {
    "choose": exercise(
        "choose",
        '  - type: choice\n    prompt: "Which sum is 10?"\n'
        '    choices: ["$4 + 5$", "$6 + 4$", "$3 + 8$"]\n    correct: [1]\n',
    ),
    "choose-many": exercise(
        "choose-many",
        '  - type: choice\n    prompt: "Which are even?"\n'
        '    choices: ["2", "3", "4"]\n    correct: [0, 2]\n',
    ),
    "simplify": exercise(
        "simplify", '  - type: expression\n    prompt: "Simplify $2x + 3x$."\n    answer: "5x"\n'
    ),
    "name-it": exercise(
        "name-it",
        '  - type: text\n    prompt: "What is the result of an addition called?"\n'
        '    answer: ["sum"]\n',
    ),
}
