"""Every exercise of every notebook: its solution passes, its stub says "not attempted",
and the ids the notebooks check are exactly the registered ones."""

import json
import re
from pathlib import Path

import pytest

from lecture_utils import checks

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
EXERCISES = checks.all_exercises()


def checked_ids(path):
    nb = json.loads(path.read_text())
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    return set(re.findall(r"""check\(\s*["'](\d\d\.\w+)["']""", code))


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_solution_passes(ex):
    result = checks.evaluate(ex.id, ex.solution_answer())
    assert result.status == "correct", result.message


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_stub_is_not_attempted(ex):
    assert checks.evaluate(ex.id, ...).status == "not attempted"
    if ex.cases is not None:
        def stub(*args):
            ...
        assert checks.evaluate(ex.id, stub).status == "not attempted"


def test_every_notebook_exercise_is_registered_and_every_exercise_is_in_a_notebook():
    in_notebooks = set().union(*(checked_ids(p) for p in NOTEBOOKS))
    registered = {ex.id for ex in EXERCISES}
    assert in_notebooks - registered == set(), "checked in a notebook but not registered"
    published = {p.name[:2] for p in NOTEBOOKS}
    orphans = {i for i in registered - in_notebooks if i[:2] in published}
    assert orphans == set(), "registered but never checked in its notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exercise_ids_match_their_notebook_number(path):
    assert all(i.startswith(path.name[:2] + ".") for i in checked_ids(path))
