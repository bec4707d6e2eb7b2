"""The public exercise preview (`?seed=`): never a 500, made once per seed, fresh after imports."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from tests.http_client import HttpClient
from tests.samples import ADD_BIG, ADD_SMALL

from proficio.content.models import Skill
from proficio.content.questions import GeneratorError, QuestionBank
from proficio.content.services import import_pack

WritePack = Callable[..., Path]
pytestmark = pytest.mark.django_db(transaction=True)
PREVIEW = "/courses/sample/exercises/add-big/?seed={seed}"
# Only a = 6 makes a question: 12 / (a - 5) has no value for a = 5.
HALF_BROKEN = {
    "type": "numeric",
    "vars": [["a", "choice(5, 6)"], ["b", "randint(100, 999)"]],
    "prompt": "Question {b}: what is $12 / ({a} - 5)$?",
    "answer": "12 / (a - 5)",
}


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    cache.clear()  # previews of the same pack are shared between tests otherwise
    yield
    cache.clear()


def a_seed_that_cannot_be_made() -> int:
    bank = QuestionBank.from_json("add-big", {"generators": [HALF_BROKEN]})
    for seed in range(100):
        try:
            bank.usable_question(f"add-big~1:{seed}")
        except GeneratorError:
            return seed
    raise AssertionError("every seed works")


def test_a_preview_skips_the_seeds_its_generator_cannot_make(
    http: HttpClient, write_pack: WritePack
) -> None:
    import_pack(path=write_pack())
    Skill.objects.filter(slug="add-big").update(
        question_bank={"questions": [], "generators": [HALF_BROKEN]}
    )
    page = http.get(PREVIEW.format(seed=a_seed_that_cannot_be_made()), raw=True)
    assert page.status == 200, page.body
    assert page.body.count('class="question"') == 2
    assert page.body.count("Question ") == 2


def test_a_preview_is_made_once_per_seed_and_again_after_an_import(
    http: HttpClient, write_pack: WritePack
) -> None:
    import_pack(path=write_pack())
    first = http.get(PREVIEW.format(seed=7), raw=True).body
    assert "What is" in first
    # A change that bypasses importing is not seen: the page comes from the cache.
    Skill.objects.filter(slug="add-big").update(
        question_bank={"questions": [], "generators": [HALF_BROKEN]}
    )
    assert http.get(PREVIEW.format(seed=7), raw=True).body == first
    # Importing a changed pack changes its digest, so the preview is made again.
    changed = ADD_BIG.replace("What is", "How much is")
    import_pack(path=write_pack(exercises={"add-small": ADD_SMALL, "add-big": changed}))
    again = http.get(PREVIEW.format(seed=7), raw=True).body
    assert "How much is" in again and "What is" not in again
