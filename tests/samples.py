"""Sample packs shared by the tests."""

from pathlib import Path

CONFORMANCE_PACK = Path(__file__).resolve().parents[2] / "shared" / "conformance" / "pack"

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
