"""The worked solutions the notebooks show are the ones tested (contract 1).

For each notebook, every ``exercise`` cell is completed with the python code of the
``solution`` cell after it (tools/exercise_cells.py), the whole notebook runs top to bottom in
one fresh kernel, and every check must print "Correct". The structure is checked too: each
exercise cell followed by its solution, ids matching the notebook's number, and every
registered exercise checked in exactly one exercise cell of its own notebook.
"""

import sys
from pathlib import Path

import nbformat
import pytest

from lecture_utils import checks

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import exercise_cells as cells

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
KERNEL_TIMEOUT = 300  # seconds per cell; the slowest cell (training on the real data) takes a few


def _read(path):
    return nbformat.read(path, as_version=4)


def _stream_text(cell):
    return "".join(out.get("text", "") for out in cell.get("outputs", []) if out.get("output_type") == "stream")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exercise_and_solution_cells_keep_the_contract(path):
    assert cells.structure_problems(_read(path), path.name[:2]) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_registered_exercise_is_in_exactly_one_exercise_cell(path):
    number = path.name[:2]
    in_cells = [i for ex in cells.exercise_cells(_read(path)) for i in ex.ids]
    registered = sorted(ex.id for ex in checks.all_exercises() if ex.notebook == number)
    assert sorted(in_cells) == registered, (
        f"exercise cells check {sorted(in_cells)}; the registry has {registered} for notebook {number}")


def test_every_exercise_module_belongs_to_a_notebook():
    numbers = {p.name[:2] for p in NOTEBOOKS}
    orphans = sorted(ex.id for ex in checks.all_exercises() if ex.notebook not in numbers)
    assert orphans == [], f"exercises of notebooks that do not exist: {orphans}"


def test_completion_inserts_the_solution_before_the_check_line():
    exercise = "X = 1\nanswer = ...  # your answer\ncheck(\"00.x\", answer)\nprint('after')"
    solution = ("<details><summary>Show a worked solution</summary>\n\n```python\nanswer = 8 * 8\n"
                "check(\"00.x\", answer)\n```\nText.\n</details>")
    code = cells.solution_code(solution)
    assert code == "answer = 8 * 8"
    assert cells.completed_source(exercise, code).splitlines() == [
        "X = 1", "answer = ...  # your answer", "answer = 8 * 8", "check(\"00.x\", answer)", "print('after')"]
    with pytest.raises(ValueError, match="check"):
        cells.completed_source("answer = 1", code)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_worked_solutions_pass_in_a_fresh_kernel(path):
    from nbclient import NotebookClient

    nb = _read(path)
    exercises = cells.exercise_cells(nb)
    if not exercises:
        pytest.skip(f"{path.name} has no exercises")
    solved = cells.complete_notebook(nb)
    NotebookClient(solved, kernel_name="python3", timeout=KERNEL_TIMEOUT, record_timing=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    failures = []
    for ex in exercises:
        printed = _stream_text(solved.cells[ex.index])
        for exercise_id in ex.ids:
            if f"✅ [{exercise_id}] Correct" not in printed:
                failures.append(f"cell {ex.index} ({exercise_id}) printed: {printed.strip()!r}")
    assert failures == [], "worked solutions that do not pass:\n" + "\n".join(failures)
