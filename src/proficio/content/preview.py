"""The public preview of an exercise: its questions without answers, cached per seed.

A preview is public, so anyone can ask for any seed: each one is made once and then served
from Django's cache (the default local-memory cache of each server process), keyed on the
course's pack digest, so importing a changed pack shows the new questions at once.
"""

import logging
from typing import Any

from django.core.cache import cache

from .models import Skill
from .questions import GeneratorError, QuestionBank

logger = logging.getLogger(__name__)

# The preview shows every fixed question and this many from each generator.
EXAMPLES_PER_GENERATOR = 2
# A seed a generator cannot make is skipped for the next one, at most this many times.
SKIPPED_SEEDS = 20
CACHE_SECONDS = 60 * 60


def exercise_preview(skill: Skill, seed: int) -> list[dict[str, Any]]:
    """The public view of each question the preview shows for `seed`."""
    key = f"proficio:preview:{skill.course.pack_digest}:{skill.slug}:{seed}"
    questions: list[dict[str, Any]] | None = cache.get(key)
    if questions is None:
        questions = _preview(QuestionBank.from_json(skill.slug, skill.question_bank), seed)
        cache.set(key, questions, CACHE_SECONDS)
    return questions


def _preview(bank: QuestionBank, seed: int) -> list[dict[str, Any]]:
    shown = [_public_view(bank, item) for item in bank.fixed_items()]
    for number in range(1, len(bank.generators) + 1):
        first = f"{bank.skill}~{number}:{seed}"
        candidates = [first, *bank.substitutes(first, EXAMPLES_PER_GENERATOR + SKIPPED_SEEDS)]
        made = 0
        for item in candidates:
            if made < EXAMPLES_PER_GENERATOR and (view := _public_view(bank, item)) is not None:
                shown.append(view)
                made += 1
    return [view for view in shown if view is not None]


def _public_view(bank: QuestionBank, item: str) -> dict[str, Any] | None:
    try:
        return bank.usable_question(item).public_view()
    except GeneratorError as error:
        logger.warning("preview question %s cannot be made: %s", item, error)
        return None
