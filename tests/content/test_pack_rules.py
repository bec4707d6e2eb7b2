"""Every rule of docs/content-packs.md: each problem reported as file:line, all at once."""

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.processes import run_proficio
from tests.samples import ADD_BIG, ADD_SMALL, MINIMAL_COURSE

from proficio.content.packs import PackError, load_pack

WritePack = Callable[..., Path]


def problems_of(path: Path) -> list[str]:
    with pytest.raises(PackError) as raised:
        load_pack(path)
    return [str(problem) for problem in raised.value.problems]


def test_the_sample_pack_is_valid(write_pack: WritePack) -> None:
    pack = load_pack(write_pack())
    assert pack.slug == "sample"
    assert [unit.slug for unit in pack.units] == ["adding"]
    assert set(pack.exercises) == {"add-small", "add-big"}
    assert pack.units[0].quizzes[0].skills == ("add-small",)
    assert pack.units[0].skills == ("add-small", "add-big")
    assert pack.warnings == []


def course_with(old: str, new: str) -> str:
    assert old in MINIMAL_COURSE
    return MINIMAL_COURSE.replace(old, new, 1)


def add_small_with(old: str, new: str) -> str:
    assert old in ADD_SMALL
    return ADD_SMALL.replace(old, new, 1)


# (what is wrong, course.yaml, {exercise: text} overrides, the expected problem)
COURSE_CASES = [
    (
        "unknown key",
        course_with("subject: math", "subject: math\ncolour: red"),
        {},
        "course.yaml:4: unknown key 'colour'",
    ),
    (
        "missing required key",
        course_with("    title: Adding\n", ""),
        {},
        "course.yaml:6: missing required key 'title'",
    ),
    (
        "invalid slug",
        course_with("slug: adding", "slug: Adding Up"),
        {},
        "course.yaml:6: 'Adding Up' is not a valid slug",
    ),
    (
        "duplicate lesson slug",
        course_with("slug: add-big", "slug: add-small"),
        {},
        "course.yaml:16: duplicate lesson slug 'add-small' (first on line 9)",
    ),
    (
        "duplicate YAML key",
        course_with("title: Sample course", "title: Sample course\ntitle: Again"),
        {},
        "course.yaml:3: duplicate key 'title'",
    ),
    (
        "dangling exercise",
        course_with("exercise: add-big", "exercise: add-huge"),
        {},
        "course.yaml:19: exercise 'add-huge' has no file exercises/add-huge.yaml",
    ),
    (
        "dangling article file",
        course_with("articles/counting-on.md", "articles/nope.md"),
        {},
        "course.yaml:13: article file 'articles/nope.md' does not exist",
    ),
    (
        "article outside the pack",
        course_with("articles/counting-on.md", "../../etc/passwd"),
        {},
        "course.yaml:13: article file '../../etc/passwd' must be inside the pack",
    ),
    (
        "bad video address",
        course_with("https://videos.example.org/a", "javascript:alert(1)"),
        {},
        "course.yaml:12: 'javascript:alert(1)' is not a web address",
    ),
    (
        "item of two kinds",
        course_with(
            "- exercise: add-big",
            "- {exercise: add-big, video: {slug: v, title: V, url: 'https://x.org'}}",
        ),
        {},
        "course.yaml:19: an item is exactly one of 'video', 'article' or 'exercise'",
    ),
    (
        "quiz covering nothing",
        course_with(
            "      - slug: add-small\n",
            "      - quiz: {slug: early, title: Early}\n      - slug: add-small\n",
        ),
        {},
        "course.yaml:9: quiz 'early' covers no exercise",
    ),
    (
        "unit test without exercises",
        course_with(
            "    lessons:\n",
            "    lessons:\n      - slug: empty\n        title: Empty\n        items:\n          - video: {slug: v2, title: V2, url: 'https://x.org/v'}\n",
        ).replace(
            "  - slug: adding",
            "  - slug: empty-unit\n    title: Empty unit\n    lessons:\n      - slug: only-video\n        title: Only video\n        items:\n          - video: {slug: v3, title: V3, url: 'https://x.org/v3'}\n  - slug: adding",
        ),
        {},
        "course.yaml:6: unit 'empty-unit' has a unit test but no exercises",
    ),
    (
        "unknown policy key",
        course_with("units:", "policy:\n  questions_per_practise: 5\nunits:"),
        {},
        "course.yaml:6: policy 'questions_per_practise': unknown policy setting",
    ),
    (
        "policy value out of range",
        course_with("units:", "policy:\n  questions_per_practice: 0\nunits:"),
        {},
        "course.yaml:6: policy 'questions_per_practice': should be between 1 and 50",
    ),
    ("not YAML", "slug: x\nunits: [\n", {}, "course.yaml:3: not valid YAML"),
    ("not a mapping", "- just\n- a list\n", {}, "course.yaml:1: should be a mapping"),
]

EXERCISE_CASES = [
    (
        "unknown question type",
        add_small_with("type: text", "type: essay"),
        "exercises/add-small.yaml:16: unknown question type 'essay'",
    ),
    (
        "unknown key in a question",
        add_small_with('answer: "5x"', 'answer: "5x"\n    anwser: 5'),
        "exercises/add-small.yaml:16: unknown key 'anwser'",
    ),
    (
        "missing answer",
        add_small_with('    answer: "5x"\n', ""),
        "exercises/add-small.yaml:13: missing required key 'answer'",
    ),
    (
        "numeric answer not a number",
        add_small_with("answer: 12", "answer: twelve"),
        "exercises/add-small.yaml:6: 'answer' is not a number",
    ),
    (
        "negative tolerance",
        add_small_with("answer: 12", "answer: 12\n    tolerance: -1"),
        "exercises/add-small.yaml:7: 'tolerance' cannot be negative",
    ),
    (
        "choice index out of range",
        add_small_with("correct: [1]", "correct: [3]"),
        "exercises/add-small.yaml:12: 'correct' index 3 is not a choice (0 to 2)",
    ),
    (
        "repeated choice",
        add_small_with('"$3 + 8$"]', '"$6 + 4$"]'),
        "exercises/add-small.yaml:11: the choice '$6 + 4$' appears more than once",
    ),
    (
        "expression answer that fails its checker",
        add_small_with('answer: "5x"', 'answer: "5x+"'),
        "exercises/add-small.yaml:15: answer '5x+' is not a math expression",
    ),
    (
        "broken LaTeX",
        add_small_with('prompt: "What is $7 + 5$?"', 'prompt: "What is $7 + ^$?"'),
        "exercises/add-small.yaml:5: cannot read the math",
    ),
    (
        "unknown LaTeX command",
        add_small_with('explanation: "$7 + 5 = 12$"', 'explanation: "$7 \\\\plux 5$"'),
        "exercises/add-small.yaml:8: unknown LaTeX command \\plux",
    ),
    (
        "where that never holds",
        add_small_with('where: "a + b <= 20"', 'where: "a + b > 100"'),
        "exercises/add-small.yaml:20: generator 1 cannot make a question: its 'where' did not hold in 1000 draws",
    ),
    (
        "formula that does not parse",
        add_small_with('b: "randint(2, 9)"', 'b: "randint(2, 9"'),
        "exercises/add-small.yaml:21: variable 'b'",
    ),
    (
        "formula with an unknown variable",
        add_small_with('answer: "a + b"', 'answer: "a + c"'),
        "exercises/add-small.yaml:24: 'answer' uses 'c', which is not a variable defined before it",
    ),
    (
        "formula with a forbidden function",
        add_small_with('a: "randint(2, 9)"', "a: \"__import__('os')\""),
        "exercises/add-small.yaml:21: variable 'a'",
    ),
    (
        "slug that does not match the file",
        add_small_with("slug: add-small", "slug: add-tiny"),
        "exercises/add-small.yaml:1: slug 'add-tiny' should match the file name 'add-small'",
    ),
    (
        "neither questions nor generators",
        "slug: add-small\ntitle: Nothing\n",
        "exercises/add-small.yaml:1: an exercise needs 'questions', 'generators' or both",
    ),
]


@pytest.mark.parametrize(
    ("course", "exercises", "expected"),
    [case[1:] for case in COURSE_CASES],
    ids=[case[0] for case in COURSE_CASES],
)
def test_course_problem_is_reported_with_its_line(
    write_pack: WritePack, course: str, exercises: dict[str, str], expected: str
) -> None:
    problems = problems_of(
        write_pack(
            course=course, exercises={"add-small": ADD_SMALL, "add-big": ADD_BIG, **exercises}
        )
    )
    assert any(problem.startswith(expected) for problem in problems), problems


@pytest.mark.parametrize(
    ("exercise", "expected"),
    [case[1:] for case in EXERCISE_CASES],
    ids=[case[0] for case in EXERCISE_CASES],
)
def test_exercise_problem_is_reported_with_its_line(
    write_pack: WritePack, exercise: str, expected: str
) -> None:
    problems = problems_of(write_pack(exercises={"add-small": exercise, "add-big": ADD_BIG}))
    assert any(problem.startswith(expected) for problem in problems), problems


def test_every_problem_is_reported_at_once(write_pack: WritePack) -> None:
    course = course_with("subject: math", "subject: math\ncolour: red").replace(
        "exercise: add-big", "exercise: add-huge"
    )
    exercise = add_small_with("answer: 12", "answer: twelve").replace(
        'where: "a + b <= 20"', 'where: "a + b > 100"'
    )
    problems = problems_of(write_pack(course=course, exercises={"add-small": exercise}))
    assert "course.yaml:4: unknown key 'colour'" in problems
    assert "course.yaml:20: exercise 'add-huge' has no file exercises/add-huge.yaml" in problems
    assert any(problem.startswith("exercises/add-small.yaml:6:") for problem in problems)
    assert any(problem.startswith("exercises/add-small.yaml:20:") for problem in problems)


def test_problems_in_the_tree_and_in_exercises_come_together(write_pack: WritePack) -> None:
    course = course_with("exercise: add-big", "exercise: add-huge")
    exercise = add_small_with("correct: [1]", "correct: [7]")
    problems = problems_of(
        write_pack(course=course, exercises={"add-small": exercise, "add-big": ADD_BIG})
    )
    assert "course.yaml:19: exercise 'add-huge' has no file exercises/add-huge.yaml" in problems
    assert any(problem.startswith("exercises/add-small.yaml:12:") for problem in problems)


def test_an_exercise_with_too_few_questions_for_a_practice_set(write_pack: WritePack) -> None:
    few = "slug: add-big\ntitle: Few\nquestions:\n" + "".join(
        f'  - type: numeric\n    prompt: "{n} + 1?"\n    answer: {n + 1}\n' for n in range(3)
    )
    problems = problems_of(write_pack(exercises={"add-small": ADD_SMALL, "add-big": few}))
    assert any(
        problem.startswith("exercises/add-big.yaml:1: has 3 questions and no generators")
        for problem in problems
    ), problems


def test_broken_math_in_an_article_is_reported_on_its_line(write_pack: WritePack) -> None:
    article = "# Counting on\n\nFine: $1 + 1$.\n\nBroken: $x^$ here.\n"
    problems = problems_of(write_pack(articles={"counting-on.md": article}))
    assert any(
        problem.startswith("articles/counting-on.md:5: cannot read the math")
        for problem in problems
    )


def test_a_generator_whose_choices_can_coincide_is_an_error(write_pack: WritePack) -> None:
    exercise = ADD_BIG + (
        "  - type: choice\n"
        '    vars: {a: "randint(1, 2)"}\n'
        '    prompt: "Pick {a}"\n'
        '    choices: ["{a}", "1"]\n'
        "    correct: [0]\n"
    )
    problems = problems_of(write_pack(exercises={"add-small": ADD_SMALL, "add-big": exercise}))
    assert any("makes two choices the same" in problem for problem in problems), problems


def test_warnings_do_not_stop_a_pack(write_pack: WritePack) -> None:
    narrow = ADD_BIG.replace("randint(10, 99)", "randint(1, 3)")
    spare = 'slug: spare\ntitle: Spare\ngenerators:\n  - type: numeric\n    vars: {a: "randint(1, 99)", b: "randint(1, 99)"}\n    prompt: "${a}+{b}$"\n    answer: "a+b"\n'
    pack = load_pack(
        write_pack(exercises={"add-small": ADD_SMALL, "add-big": narrow, "spare": spare})
    )
    warnings = [str(warning) for warning in pack.warnings]
    assert "exercises/spare.yaml:1: warning: exercise 'spare' is not used by any lesson" in warnings
    assert any(
        warning.startswith(
            "exercises/add-big.yaml:4: warning: generator 1 made only 9 different questions"
        )
        for warning in warnings
    ), warnings


def test_yes_and_no_stay_text_answers(write_pack: WritePack) -> None:
    exercise = add_small_with('answer: ["sum", "the sum"]', "answer: no")
    pack = load_pack(write_pack(exercises={"add-small": exercise, "add-big": ADD_BIG}))
    assert pack.exercises["add-small"].bank["questions"][3]["answer"] == ["no"]


def test_small_decimal_numbers_are_read_exactly(write_pack: WritePack) -> None:
    # YAML reads 0.00001 as the float 1e-05, which is not how a learner writes a number.
    exercise = add_small_with("answer: 12", "answer: 12.5\n    tolerance: 0.00001")
    exercise = exercise.replace("What is $7 + 5$?", "What is $7.5 + 5$?").replace(
        "$7 + 5 = 12$", "$7.5 + 5 = 12.5$"
    )
    pack = load_pack(write_pack(exercises={"add-small": exercise, "add-big": ADD_BIG}))
    question = pack.exercises["add-small"].bank["questions"][0]
    assert (question["answer"], question["tolerance"]) == ("25/2", "1/100000")


def test_a_missing_course_file(write_pack: WritePack) -> None:
    assert problems_of(write_pack(course=None)) == [
        "course.yaml:1: missing: a pack needs a course.yaml"
    ]


def test_a_path_that_does_not_exist(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nowhere") == [
        f"{tmp_path / 'nowhere'}:1: no such folder or file"
    ]


def zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for file in folder.rglob("*"):
            if file.is_file():
                archive.write(file, prefix + file.relative_to(folder).as_posix())
    return target


@pytest.mark.parametrize("prefix", ["", "sample/"], ids=["files at the top", "inside one folder"])
def test_a_zipped_pack_reads_like_its_folder(
    write_pack: WritePack, tmp_path: Path, prefix: str
) -> None:
    folder = write_pack()
    zipped = load_pack(zip_folder(folder, tmp_path / "sample.zip", prefix))
    assert zipped.slug == "sample"
    assert zipped.exercises == load_pack(folder).exercises


def test_a_zip_with_a_path_outside_the_pack_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "evil.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("../course.yaml", "slug: x\n")
    assert problems_of(target) == [f"{target}:1: unsafe path in the zip: ../course.yaml"]


# --- generators are tried as run time uses them ------------------------------------------------

BROKEN_FOR_SOME_SEEDS = [
    (
        "numeric answer that divides by zero",
        'answer: "a + b"',
        'answer: "12 / (a - 50)"',  # a is 50 first for seed 12
        "exercises/add-big.yaml:4: generator 1 cannot make a question: its 'answer' has no "
        "value: division by zero ('/' by 0) (seed 12)",
    ),
    (
        "expression answer that divides by zero",
        'answer: "a + b"',
        'answer: "x/({a}-14)"',  # a is 14 first for seed 37
        "exercises/add-big.yaml:4: generator 1, seed 37: the answer 'x/(14-14)' is not a math "
        "expression: You can't divide by zero.",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [case[1:] for case in BROKEN_FOR_SOME_SEEDS],
    ids=[case[0] for case in BROKEN_FOR_SOME_SEEDS],
)
def test_a_generator_that_fails_for_some_seeds_fails_the_check(
    write_pack: WritePack, old: str, new: str, expected: str
) -> None:
    exercise = ADD_BIG.replace(old, new)
    if "-14" in new:
        exercise = exercise.replace("type: numeric", "type: expression")
    problems = problems_of(write_pack(exercises={"add-small": ADD_SMALL, "add-big": exercise}))
    assert problems == [expected]


def test_a_choice_generator_whose_choices_meet_only_for_a_late_seed_fails(
    write_pack: WritePack,
) -> None:
    exercise = ADD_BIG + (
        "  - type: choice\n"
        '    vars: {a: "randint(1, 60)"}\n'
        '    prompt: "Pick {a}"\n'
        '    choices: ["{a}", "48"]\n'  # a is 48 first for seed 127
        "    correct: [0]\n"
    )
    problems = problems_of(write_pack(exercises={"add-small": ADD_SMALL, "add-big": exercise}))
    assert problems == [
        "exercises/add-big.yaml:8: generator 2, seed 127: it makes two choices the same: "
        "['48', '48']; use 'where' to keep them apart"
    ]


SLOW = (
    "slug: add-big\ntitle: Add bigger numbers\ngenerators:\n"
    "  - type: numeric\n"
    "    vars:\n"
    '      a: "randint(100000, 999999)"\n'
    + "".join(f'      v{n}: "(a + {n}) ** 99 // (a + {n + 1}) ** 98"\n' for n in range(12))
    + '    where: "v0 < 0"\n'
    '    prompt: "What is {a}?"\n'
    '    answer: "a"\n'
)


def test_a_generator_over_its_time_budget_fails_the_check(write_pack: WritePack) -> None:
    problems = problems_of(write_pack(exercises={"add-small": ADD_SMALL, "add-big": SLOW}))
    assert problems == [
        "exercises/add-big.yaml:4: generator 1 took more than 50 ms to make the question of "
        "seed 0; make its 'where' hold more often or its numbers smaller"
    ]


def test_check_names_the_slow_generator_and_exits_1(write_pack: WritePack, tmp_path: Path) -> None:
    pack = write_pack(exercises={"add-small": ADD_SMALL, "add-big": SLOW})
    checked = run_proficio("check", str(pack), home=tmp_path / "home")
    assert checked.returncode == 1
    assert checked.stdout.startswith("exercises/add-big.yaml:4: generator 1 took more than 50 ms")
    assert "Traceback" not in checked.stderr
