"""Trying a generator as run time will use it, before a pack is imported.

Every sampled seed makes a whole question — prompt, choices, hints, explanation and answer —
whose LaTeX renders and whose stated answer passes its own checker, within the time budget of
one question. A generator that fails any of it for one seed fails `proficio check`: a learner
would meet that seed one day.
"""

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .markdown import math_problems
from .questions import (
    QUESTION_BUDGET_SECONDS,
    GeneratorError,
    GeneratorTooSlow,
    Question,
    generate,
    stated_answer_problem,
)

# Seeds tried for each generator; distinct questions are counted against the style goal.
SAMPLED_SEEDS = 250
DISTINCT_GOAL = 50
# LaTeX is read on the first seeds only: it costs most of the time, and a run-time question
# whose math cannot be read shows it as source instead of failing.
MATH_CHECKED_SEEDS = 10


@dataclass
class Trial:
    """What trying one generator found: errors stop the pack, warnings do not."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def try_generator(skill: str, number: int, generator: Mapping[str, Any]) -> Trial:
    """Make the generator's question for every sampled seed; stop at the first broken one."""
    trial = Trial()
    shown: set[tuple[str, ...]] = set()
    for seed in range(SAMPLED_SEEDS):
        # Over the budget once may be a pause of the interpreter (its garbage collector):
        # only a seed over it twice is the generator's doing.
        attempt = _attempt(skill, number, generator, seed)
        if attempt is _TOO_SLOW:
            attempt = _attempt(skill, number, generator, seed)
        if attempt is _TOO_SLOW:
            trial.errors.append(
                f"generator {number} took more than {round(QUESTION_BUDGET_SECONDS * 1000)} ms "
                f"to make the question of seed {seed}; make its 'where' hold more often or its "
                "numbers smaller"
            )
            return trial
        if isinstance(attempt, str):
            trial.errors.append(attempt)
            return trial
        shown.add((attempt.prompt, *attempt.choices))
    if len(shown) < DISTINCT_GOAL:
        trial.warnings.append(
            f"generator {number} made only {len(shown)} different questions in "
            f"{SAMPLED_SEEDS} tries; aim for at least {DISTINCT_GOAL}"
        )
    return trial


_TOO_SLOW = "too slow"


def _attempt(skill: str, number: int, generator: Mapping[str, Any], seed: int) -> Question | str:
    """The seed's question, _TOO_SLOW, or what is wrong with it."""
    started = time.thread_time()  # processor time: other work on the machine does not count
    try:
        question = generate(skill, number, generator, seed, started + QUESTION_BUDGET_SECONDS)
    except GeneratorTooSlow:
        return _TOO_SLOW
    except GeneratorError as error:
        return f"generator {number} cannot make a question: {error} (seed {seed})"
    problem = question_problem(question, with_math=seed < MATH_CHECKED_SEEDS)
    if problem is not None:
        return f"generator {number}, seed {seed}: {problem}"
    if time.thread_time() - started > QUESTION_BUDGET_SECONDS:
        return _TOO_SLOW
    return question


def question_problem(question: Question, with_math: bool = True) -> str | None:
    """What stops a made question from being shown and checked; None when nothing does."""
    texts = [question.prompt, question.explanation, *question.hints, *question.choices]
    for text in texts if with_math else []:
        for message in math_problems(text or ""):
            return message
    if question.type == "choice" and len(set(question.choices)) != len(question.choices):
        choices = list(question.choices)
        return f"it makes two choices the same: {choices}; use 'where' to keep them apart"
    return stated_answer_problem(question)
