"""Mixed-skill assessments: which skills a quiz, unit test or course challenge asks about,
how many questions each skill gets, and what a finished assessment does to a skill's level.

A plan is a list of skill slugs, one entry per question. Plans come in course order, so a
learner can be shown which skills a task tests before it starts; `shuffled` puts the
questions in the random order they are asked in.
"""

import random
from collections.abc import Iterable, Sequence

from proficio.mastery.levels import Level, level_down, level_up
from proficio.mastery.policy import DEFAULT_POLICY, MasteryPolicy


def assessment_result(current: Level, answers: Sequence[bool]) -> Level:
    """A skill's level after a finished assessment, from its answers (True = right).

    All right → up one level, all wrong → down one level, mixed → unchanged; so a skill moves
    at most one level per assessment, however many questions it had. A mastery challenge's
    "both right / both wrong / one of each" is the same rule with two answers.
    """
    if not answers:
        raise ValueError("a skill that the assessment did not ask about keeps its level")
    if all(answers):
        return level_up(current)
    if not any(answers):
        return level_down(current)
    return current


def _distinct(skills: Iterable[str]) -> list[str]:
    """The skills in order of first appearance: a skill used by several lessons counts once."""
    return list(dict.fromkeys(skills))


def quiz_questions(skills: Sequence[str], policy: MasteryPolicy = DEFAULT_POLICY) -> list[str]:
    """A quiz on the skills of the lessons since the previous quiz, in course order."""
    return [skill for skill in _distinct(skills) for _ in range(policy.quiz_questions_per_skill)]


def unit_test_questions(
    skills: Sequence[str], rng: random.Random, policy: MasteryPolicy = DEFAULT_POLICY
) -> list[str]:
    """A unit test on every skill of the unit, or on a random sample when the unit is large."""
    chosen = _distinct(skills)
    if len(chosen) > policy.unit_test_max_skills:
        sample = set(rng.sample(chosen, policy.unit_test_max_skills))
        chosen = [skill for skill in chosen if skill in sample]
    return [skill for skill in chosen for _ in range(policy.unit_test_questions_per_skill)]


def course_challenge_questions(
    units: Sequence[Sequence[str]], rng: random.Random, policy: MasteryPolicy = DEFAULT_POLICY
) -> list[str]:
    """A course challenge: `policy.course_challenge_questions` questions across the course.

    - A skill in two units counts once, in the first unit that holds it.
    - A course with no more skills than questions tests every skill; then further questions
      go to randomly chosen skills, one more each per round, until the cap or
      `course_challenge_max_questions_per_skill` is reached (by default: a second question
      for as many skills as the cap allows).
    - A larger course gets one question on each of `cap` skills, shared out between units by
      `unit_question_counts` and drawn at random within each unit.
    """
    cap = policy.course_challenge_questions
    unit_skills: list[list[str]] = []
    seen: set[str] = set()
    for unit in units:
        own = [skill for skill in _distinct(unit) if skill not in seen]
        seen.update(own)
        unit_skills.append(own)
    course_skills = [skill for own in unit_skills for skill in own]

    if len(course_skills) <= cap:
        counts = dict.fromkeys(course_skills, 1)
        left = cap - len(course_skills)
        for _ in range(policy.course_challenge_max_questions_per_skill - 1):
            extra = rng.sample(course_skills, min(left, len(course_skills)))
            for skill in extra:
                counts[skill] += 1
            left -= len(extra)
        return [skill for skill in course_skills for _ in range(counts[skill])]

    shares = unit_question_counts([len(own) for own in unit_skills], cap, rng)
    chosen: set[str] = set()
    for own, share in zip(unit_skills, shares, strict=True):
        chosen.update(rng.sample(own, share))
    return [skill for skill in course_skills if skill in chosen]


def unit_question_counts(sizes: Sequence[int], seats: int, rng: random.Random) -> list[int]:
    """How many of `seats` questions each unit gets, in proportion to its number of skills.

    Every unit gets at least one question while there are at least as many questions as units
    with skills, so the challenge reaches every part of the course; a unit whose exact share
    is below one is given one, and the rest are shared among the other units in proportion
    to their sizes by largest remainders. With more units than questions, plain largest
    remainders decide. Ties between equal remainders are broken at random, so no unit is
    favoured on every attempt. No unit gets more questions than it has skills.
    """
    if not 0 <= seats <= sum(sizes):
        raise ValueError(f"cannot share {seats} questions among {sum(sizes)} skills")
    counts = [0] * len(sizes)
    open_units = [unit for unit, size in enumerate(sizes) if size > 0]
    if len(open_units) <= seats:
        while True:
            skills_left = sum(sizes[unit] for unit in open_units)
            small = [unit for unit in open_units if seats * sizes[unit] < skills_left]
            if not small:
                break
            for unit in small:
                counts[unit] = 1
            seats -= len(small)
            open_units = [unit for unit in open_units if unit not in small]
    for unit, share in zip(
        open_units, _largest_remainders([sizes[u] for u in open_units], seats, rng), strict=True
    ):
        counts[unit] = share
    return counts


def _largest_remainders(sizes: Sequence[int], seats: int, rng: random.Random) -> list[int]:
    """Hamilton's method: whole parts of each exact share, then one more to the largest
    remainders. Exact integer arithmetic, so equal shares really tie."""
    total = sum(sizes)
    if total == 0:
        return [0] * len(sizes)
    shares = [seats * size // total for size in sizes]
    remainders = [seats * size % total for size in sizes]
    order = list(range(len(sizes)))
    rng.shuffle(order)
    order.sort(key=lambda unit: remainders[unit], reverse=True)  # stable: ties stay shuffled
    for unit in order[: seats - sum(shares)]:
        shares[unit] += 1
    return shares


def shuffled(questions: Sequence[str], rng: random.Random) -> list[str]:
    """The questions in the random order they are asked in; the plan itself is not changed."""
    order = list(questions)
    rng.shuffle(order)
    return order
