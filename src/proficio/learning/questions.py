"""A course's questions as its tasks ask them, made once per worker for each import of the course.

Parsing a skill's bank and generating a question cost more than the answer's statements, so
both are cached, keyed by the course's import: an import that changes the course changes its
time and digest, and with them the key.
"""

import logging
from datetime import datetime
from functools import lru_cache

from proficio.content.api import GeneratorError, Question, QuestionBank, UnknownQuestion
from proficio.content.models import Skill

from .data import CourseVersion, QuestionRow, QuestionView
from .errors import QuestionUnavailable

logger = logging.getLogger(__name__)

# How many other seeds of its generator may stand in for a stored question it cannot make.
SUBSTITUTE_SEEDS = 20


def question_bank(course: CourseVersion, skill_id: int) -> QuestionBank:
    """A skill's question bank, parsed once per worker for each import of its course."""
    return _bank(skill_id, course.pack_digest, course.imported_at)


def skill_question(course: CourseVersion, skill_id: int, item: str) -> Question:
    """The question a task's item names, as shown and as checked.

    A stored item whose generator cannot make it (a bank imported before `proficio check`
    tried every seed, say) is stood in for by the next seed of the same generator that works:
    always the same one, so what is shown is what is checked. QuestionUnavailable when none
    does.
    """
    return _question(skill_id, course.pack_digest, course.imported_at, item)


def made_question(course: CourseVersion, skill_id: int, item: str) -> Question:
    """The question an item names, with no stand-in; GeneratorError when it cannot be made."""
    return _made_question(skill_id, course.pack_digest, course.imported_at, item)


# Keyed by the course's import: an import that changes the course changes its time and digest.
@lru_cache(maxsize=1024)
def _bank(skill_id: int, digest: str, imported_at: datetime) -> QuestionBank:
    slug, bank = Skill.objects.values_list("slug", "question_bank").get(pk=skill_id)
    return QuestionBank.from_json(slug, bank)


@lru_cache(maxsize=8192)
def _made_question(skill_id: int, digest: str, imported_at: datetime, item: str) -> Question:
    # A question is shown, then checked: generating it once serves both.
    return _bank(skill_id, digest, imported_at).usable_question(item)


@lru_cache(maxsize=8192)
def _question(skill_id: int, digest: str, imported_at: datetime, item: str) -> Question:
    bank = _bank(skill_id, digest, imported_at)
    for candidate in [item, *bank.substitutes(item, SUBSTITUTE_SEEDS)]:
        try:
            return _made_question(skill_id, digest, imported_at, candidate)
        except GeneratorError as error:
            logger.warning("question %s cannot be made: %s", candidate, error)
        except UnknownQuestion as error:
            logger.warning("question %s is not in its bank any more: %s", candidate, error)
            break
    raise QuestionUnavailable(
        "This question cannot be made: its exercise has a broken question. Tell your teacher; "
        "the question works again once the course is fixed and imported again."
    )


def question_view(course: CourseVersion, row: QuestionRow) -> QuestionView:
    """A question as the learner sees it before answering: never its answer."""
    question = skill_question(course, row.skill_id, row.item)
    public = question.public_view()
    view: QuestionView = {
        "position": row.position,
        "skill": question.skill,
        "item": row.item,
        "type": question.type,
        "prompt_html": public["prompt_html"],
        "hints_available": len(question.hints) - row.hints_shown,
        "is_bonus": row.is_bonus,
    }
    if question.type == "choice":
        view["choices_html"] = public["choices_html"]
        view["multiple"] = public["multiple"]
    return view
