"""``make release SEED=...``: a graded value exercise with a Variant gets the class's numbers.

A made-up exercise "98.product" (a times b) and a one-exercise notebook stand in for a real
one: its prompt, its key (``COURSE_SEED``) and its form follow the seed; the seed itself is not
in the student edition.
"""

import json
from pathlib import Path

import nbformat
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
import release_student

from lecture_utils.checks import _REGISTRY, Exercise, evaluate, get_exercise, variants

ID = "98.product"
SEED = 987654321
PROMPT = "Multiply $a = 3$ by $b = 7$."


@pytest.fixture
def exercise(monkeypatch):
    monkeypatch.delenv(variants.SEED_ENV, raising=False)
    variant = variants.declare(ID, variants.Variant(
        defaults={"a": 3, "b": 7},
        draw=lambda rng: {"a": int(rng.integers(11, 20)), "b": int(rng.integers(21, 30))},
        prose=lambda n: {"$a = 3$": f"$a = {n['a']}$", "$b = 7$": f"$b = {n['b']}$"},
    ))
    _REGISTRY[ID] = Exercise(id=ID, expected=lambda: variants.numbers(ID)["a"] * variants.numbers(ID)["b"],
                             hint="Multiply them.")
    yield variant
    _REGISTRY.pop(ID)
    variants._DECLARED.pop(ID)


@pytest.fixture
def notebook(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 98 · Variants\n\nA test notebook."),
                nbformat.v4.new_markdown_cell(PROMPT),
                nbformat.v4.new_code_cell(f'answer = ...\ncheck("{ID}", answer)', metadata={"tags": ["exercise"]}),
                nbformat.v4.new_markdown_cell("<details><summary>Show a worked solution</summary>\n\n```python\n"
                                              "answer = 3 * 7\n```\n</details>", metadata={"tags": ["solution"]})]
    path = tmp_path / "98_variants.ipynb"
    nbformat.write(nb, path)
    return path


def test_the_class_gets_other_numbers_and_the_key_follows(exercise, notebook, tmp_path, monkeypatch):
    public = release_student.build_edition(tmp_path / "public", {ID}, None, notebooks=[notebook])
    assert PROMPT in (public / "notebooks" / notebook.name).read_text()
    edition = release_student.build_edition(tmp_path / "class", {ID}, None, notebooks=[notebook], seed=SEED)
    drawn = variants.drawn(ID, SEED)
    text = (edition / "notebooks" / notebook.name).read_text()
    assert f"Multiply $a = {drawn['a']}$ by $b = {drawn['b']}$." in text and "$a = 3$" not in text
    assert evaluate(ID, 21).passed  # the public key without the seed
    monkeypatch.setenv(variants.SEED_ENV, str(SEED))
    assert evaluate(ID, drawn["a"] * drawn["b"]).passed and not evaluate(ID, 21).passed
    assert variants.drawn(ID, SEED) == drawn and variants.drawn(ID, SEED + 1) != drawn
    form = json.loads((edition / "lecture_utils" / "checks" / "forms.json").read_text())["exercises"][ID]
    assert form["form"] == {"type": "number"}
    everything = "\n".join(p.read_text(errors="replace") for p in edition.rglob("*") if p.is_file()
                           and p.suffix in (".py", ".json", ".ipynb", ".md", ".toml"))
    assert str(SEED) not in everything


def test_prose_that_drifted_stops_the_release(exercise, notebook, tmp_path):
    nb = nbformat.read(notebook, 4)
    nb.cells[1].source = "Multiply three by seven."
    nbformat.write(nb, notebook)
    with pytest.raises(ValueError, match=r"quotes '\$a = 3\$'"):
        release_student.build_edition(tmp_path / "class", {ID}, None, notebooks=[notebook], seed=SEED)


def test_a_bad_seed_or_a_variant_drawing_other_numbers_is_refused(exercise, monkeypatch):
    monkeypatch.setenv(variants.SEED_ENV, "class-a")
    with pytest.raises(ValueError, match="whole number"):
        variants.numbers(ID)
    variants.declare(ID, variants.Variant(defaults={"a": 3}, draw=lambda rng: {"x": 1}, prose=lambda n: {}))
    with pytest.raises(ValueError, match="not the numbers it declares"):
        variants.drawn(ID, 1)


# --- every real value exercise ------------------------------------------------------------------
# The public answer a student could copy from the self-study edition. Exercises with several right
# answers (judged by a test) give the worked solution's.
PUBLIC_SOLUTION = {"05.learning_rate_bowl": 0.2}
SEEDS = (1, 2)


def _value_exercises():
    from lecture_utils.checks import all_exercises

    return [ex.id for ex in all_exercises() if ex.cases is None]


VALUE_IDS = _value_exercises()


def _class_answer(exercise_id):
    """A right answer of this class (for a test-judged exercise, the rate balancing both directions)."""
    if exercise_id == "05.learning_rate_bowl":
        c = variants.numbers(exercise_id)["c"]
        return 2 / (2 + 2 * c)
    return get_exercise(exercise_id).expected()


def test_every_value_exercise_and_no_function_exercise_has_a_class_variant():
    from lecture_utils.checks import all_exercises

    declared = variants.declared()
    assert len(VALUE_IDS) >= 20
    assert set(VALUE_IDS) <= set(declared), sorted(set(VALUE_IDS) - set(declared))
    functions = {ex.id for ex in all_exercises() if ex.cases is not None}
    assert functions and not functions & set(declared)


@pytest.mark.parametrize("exercise_id", VALUE_IDS)
def test_each_class_draws_other_numbers_and_its_key_refuses_the_public_answer(exercise_id, monkeypatch):
    monkeypatch.delenv(variants.SEED_ENV, raising=False)
    public_expected = get_exercise(exercise_id).expected()
    public = PUBLIC_SOLUTION.get(exercise_id, public_expected)
    assert evaluate(exercise_id, public).passed  # without a seed: the self-study edition's key
    drawn = {seed: variants.drawn(exercise_id, seed) for seed in SEEDS}
    assert drawn[1] != drawn[2]
    for seed in SEEDS:
        assert drawn[seed] != variants.declared()[exercise_id].defaults
        assert variants.drawn(exercise_id, seed) == drawn[seed]  # a seed always draws the same numbers
        monkeypatch.setenv(variants.SEED_ENV, str(seed))
        ex = get_exercise(exercise_id)
        assert ex is get_exercise(exercise_id)  # built once per class, not per answer
        right = _class_answer(exercise_id)
        for mode in ("practice", "graded"):
            assert evaluate(exercise_id, right, mode=mode).passed, (seed, mode)
            result = evaluate(exercise_id, public, mode=mode)
            assert result.status == "wrong" and result.internal_error is None, (seed, mode, result)
        monkeypatch.delenv(variants.SEED_ENV)
    assert get_exercise(exercise_id).expected() is not None and evaluate(exercise_id, public).passed


def test_a_class_slip_is_named_from_the_class_numbers(monkeypatch):
    monkeypatch.setenv(variants.SEED_ENV, "1")
    n = variants.numbers("04.quotient_rule")
    x = n["x"]
    assert "then put x = " + f"{x:g}" in get_exercise("04.quotient_rule").hint
    result = evaluate("04.quotient_rule", x ** 2 / (1 + x), mode="graded")  # h(x) itself, not h′(x)
    assert "value of the function" in result.message
    frob = variants.numbers("03.frobenius_by_hand")["A"]
    result = evaluate("03.frobenius_by_hand", float(np.sum(np.square(frob))), mode="graded")
    assert "take its square root" in result.message


def test_the_grader_judges_with_the_class_key(monkeypatch):
    from grading import judge

    from lecture_utils.checks import collect

    def outcome(answer):  # the runner's record of the exercise cell, judged as `make grade` does
        record = {"payload": collect(answer)}
        return judge.verdict("02.entry_by_hand", record, True, None, ["answer = 1 * 2"], 60).outcome

    monkeypatch.setenv(variants.SEED_ENV, "2")
    assert outcome(_class_answer("02.entry_by_hand")) == "passed"
    assert outcome(27) == "wrong"  # the self-study edition's answer
    monkeypatch.delenv(variants.SEED_ENV)
    assert outcome(27) == "passed"


# --- the released notebooks -------------------------------------------------------------------
@pytest.fixture(scope="module")
def editions(tmp_path_factory, release_build):
    """The graded student edition without a seed (`make release`'s, tests/conftest.py), for seeds 1 and 2,
    and seed 1 again."""
    out = tmp_path_factory.mktemp("editions")
    graded = release_student.graded_ids("all")
    built = {name: release_student.build_edition(out / name, graded, None, seed=seed)
             for name, seed in (("1", 1), ("1 again", 1), ("2", 2))}
    return {"public": release_build / "student-edition", **built}


def _notebooks(edition):
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((edition / "notebooks").glob("*.ipynb"))}


def _cells(text):
    return "\n".join(cell.source for cell in nbformat.reads(text, 4).cells)


def test_the_released_notebooks_quote_the_class_numbers_and_no_public_one(editions):
    public_books = {name: _cells(text) for name, text in _notebooks(editions["public"]).items()}
    for seed in SEEDS:
        books = {name: _cells(text) for name, text in _notebooks(editions[str(seed)]).items()}
        for exercise_id in VALUE_IDS:
            variant = variants.declared()[exercise_id]
            name = next(n for n in books if n.startswith(exercise_id[:2]))
            changed = {old: new for old, new in variant.prose(variants.drawn(exercise_id, seed)).items() if old != new}
            assert changed, exercise_id  # every value exercise's text quotes its numbers
            for old, new in changed.items():
                assert old in public_books[name], (exercise_id, old)
                assert new in books[name], (seed, exercise_id, new)
                assert old not in books[name], (seed, exercise_id, old)


def test_a_seed_gives_a_byte_identical_release_and_another_seed_another(editions):
    def tree(edition):
        return {str(p.relative_to(edition)): p.read_bytes() for p in sorted(edition.rglob("*")) if p.is_file()}

    assert tree(editions["1"]) == tree(editions["1 again"])
    assert _notebooks(editions["1"]) != _notebooks(editions["2"])


def test_the_class_edition_holds_neither_the_variants_nor_the_class_answers(editions):
    for seed in SEEDS:
        edition = editions[str(seed)]
        assert not list((edition / "lecture_utils" / "exercises").glob("_variant*.py"))
        forms = json.loads((edition / "lecture_utils" / "checks" / "forms.json").read_text())["exercises"]
        assert forms["01.data_matrix"]["name"] == f"X_{variants.drawn('01.data_matrix', seed)['rows']}"


def test_every_class_bowl_still_asks_for_a_number(monkeypatch):
    """05.learning_rate_bowl accepts many rates; the student edition's form needs one it accepts."""
    from lecture_utils.checks.forms import describe

    seen = set()
    for seed in range(1, 40):
        monkeypatch.setenv(variants.SEED_ENV, str(seed))
        seen.add(variants.numbers("05.learning_rate_bowl")["c"])
        ex = get_exercise("05.learning_rate_bowl")
        assert describe(release_student._accepted(ex), ex.exact_dtype, ex.reveal_shape) == {"type": "number"}, seed
    assert len(seen) >= 4  # every bowl a class can draw
