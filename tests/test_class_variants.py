"""``make release SEED=...``: a graded value exercise with a Variant gets the class's numbers.

A made-up exercise "98.product" (a times b) and a one-exercise notebook stand in for a real
one: its prompt, its key (``COURSE_SEED``) and its form follow the seed; the seed itself is not
in the student edition.
"""

import json
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import release_student

from lecture_utils.checks import _REGISTRY, Exercise, evaluate, variants

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
