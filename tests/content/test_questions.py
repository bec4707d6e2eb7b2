"""The question engine: generators are deterministic, public views never carry answers."""

import json
import random
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proficio.content.questions import (
    GeneratorError,
    QuestionBank,
    UnknownQuestion,
    fill_template,
    generate,
    variables_in_order,
)

GENERATOR = {
    "type": "numeric",
    "vars": {"a": "randint(2, 9)", "b": "randint(2, 9)", "total": "a + b"},
    "where": "total <= 12",
    "prompt": "What is ${a} + {b}$?",
    "answer": "total",
    "hints": ["Start at {a}."],
    "explanation": "${a} + {b} = {total}$",
}
BANK = {
    "questions": [
        {
            "type": "numeric",
            "prompt": "What is $7 + 5$?",
            "answer": "12",
            "tolerance": "0",
            "hints": ["Count on."],
        },
        {
            "type": "choice",
            "prompt": "Which is 10?",
            "choices": ["$4+5$", "$6+4$", "$3+8$"],
            "correct": [1],
        },
        {"type": "expression", "prompt": "Simplify $2x + 3x$.", "answer": "5x"},
        {"type": "text", "prompt": "The result of an addition?", "answer": ["sum", "the sum"]},
    ],
    "generators": [GENERATOR],
}


def test_the_same_seed_always_gives_the_same_question() -> None:
    first = generate("add", 1, GENERATOR, 1234)
    assert generate("add", 1, GENERATOR, 1234) == first
    assert first.item == "add~1:1234"


def test_different_seeds_give_different_questions() -> None:
    prompts = {generate("add", 1, GENERATOR, seed).prompt for seed in range(40)}
    assert len(prompts) > 15


@given(st.integers(min_value=0, max_value=2**31))
def test_every_generated_question_keeps_its_where_and_its_answer(seed: int) -> None:
    question = generate("add", 1, GENERATOR, seed)
    a, b = (
        int(n) for n in question.prompt.removeprefix("What is $").removesuffix("$?").split(" + ")
    )
    assert a + b <= 12
    assert question.numeric_answer == a + b
    assert question.check(str(a + b)).correct
    assert not question.check(str(a + b + 1)).correct


def test_a_where_that_never_holds_is_an_error_not_a_hang() -> None:
    impossible = {**GENERATOR, "where": "total > 100"}
    with pytest.raises(GeneratorError, match="did not hold in 1000 draws"):
        generate("add", 1, impossible, 1)


def test_templates_leave_latex_braces_alone() -> None:
    assert (
        fill_template(r"$\frac{{a}}{{b}} + \frac{1}{2}$ {c}", {"a": 3, "b": 4})
        == r"$\frac{3}{4} + \frac{1}{2}$ {c}"
    )
    assert fill_template("{x}", {"x": Fraction(3, 4)}) == "0.75"


def test_items_name_fixed_and_generated_questions() -> None:
    bank = QuestionBank.from_json("add", BANK)
    assert bank.question("add#1").numeric_answer == 12
    assert bank.question("add#4").text_answers == ("sum", "the sum")
    assert bank.question("add~1:77") == generate("add", 1, GENERATOR, 77)
    for bad in ("add#0", "add#5", "add~2:1", "other#1", "add", "add#x", "add~1:-1"):
        with pytest.raises(UnknownQuestion):
            bank.question(bad)


def test_public_views_never_carry_the_answer() -> None:
    bank = QuestionBank.from_json("add", BANK)
    items = [*bank.fixed_items(), *(f"add~1:{seed}" for seed in range(20))]
    for item in items:
        question = bank.question(item)
        view = question.public_view()
        text = json.dumps(view)
        assert set(view) <= {
            "item",
            "skill",
            "type",
            "prompt_html",
            "choices_html",
            "multiple",
            "hint_count",
        }
        assert "answer" not in text and "correct" not in text and "explanation" not in text
        if question.type in {"numeric", "text", "expression"}:
            # The answer may not appear in the prompt as rendered (the numbers of the sum may).
            assert f">{question.answer_text}<" not in view["prompt_html"]


def test_a_sample_mixes_fixed_and_generated_questions_without_repeats() -> None:
    bank = QuestionBank.from_json("add", BANK)
    samples = [bank.sample_items(4, random.Random(seed)) for seed in range(50)]
    assert all(len(items) == len(set(items)) == 4 for items in samples)
    seen = {item for items in samples for item in items}
    assert set(bank.fixed_items()) <= seen
    assert any("~" in item for item in seen)
    assert any(all("#" in item for item in items) is False for items in samples)


def test_a_small_bank_without_generators_repeats_its_questions() -> None:
    bank = QuestionBank.from_json("add", {"questions": BANK["questions"][:3]})
    items = bank.sample_items(4, random.Random(1))
    assert len(items) == 4 and set(items) == set(bank.fixed_items())


def test_the_same_seed_samples_the_same_questions() -> None:
    bank = QuestionBank.from_json("add", BANK)
    assert bank.sample_items(4, random.Random(9)) == bank.sample_items(4, random.Random(9))


@pytest.mark.parametrize(
    ("item", "right", "wrong", "unreadable"),
    [
        ("add#1", "12", "13", "twelve"),
        ("add#2", [1], [0], [7]),
        ("add#3", "3x+2x", "6x", "2x+"),
        ("add#4", "  The   Sum ", "product", ""),
    ],
)
def test_each_type_checks_right_wrong_and_unreadable(
    item: str, right: object, wrong: object, unreadable: object
) -> None:
    question = QuestionBank.from_json("add", BANK).question(item)
    assert question.check(right).correct
    verdict = question.check(wrong)
    assert verdict.readable and not verdict.correct
    verdict = question.check(unreadable)
    assert not verdict.readable and not verdict.correct and verdict.message


def test_variables_stored_as_pairs_are_drawn_in_the_authors_order() -> None:
    pairs = [["total", "randint(5, 9)"], ["a", "randint(1, total - 1)"], ["b", "total - a"]]
    assert [name for name, _ in variables_in_order(pairs)] == ["total", "a", "b"]


def test_a_stored_object_keeps_its_order_where_it_works_and_waits_for_what_it_reads() -> None:
    # PostgreSQL's jsonb stores object keys shortest first: "a" and "b" before "total".
    reordered = {"a": "randint(1, total - 1)", "b": "total - a", "total": "randint(5, 9)"}
    assert [name for name, _ in variables_in_order(reordered)] == ["total", "a", "b"]
    assert [name for name, _ in variables_in_order(GENERATOR["vars"])] == ["a", "b", "total"]
    generator = {**GENERATOR, "vars": reordered, "where": "a >= 1", "answer": "a + b"}
    for seed in range(20):
        question = generate("add", 1, generator, seed)
        assert question.numeric_answer is not None and 5 <= question.numeric_answer <= 9


def test_pairs_and_an_object_in_the_same_order_give_the_same_questions() -> None:
    as_pairs = {**GENERATOR, "vars": [list(pair) for pair in GENERATOR["vars"].items()]}
    for seed in range(20):
        assert generate("add", 1, as_pairs, seed) == generate("add", 1, GENERATOR, seed)
