"""The worked solutions the notebooks show are the ones tested (contract 1).

For each notebook, every ``exercise`` cell is completed with the python code of the
``solution`` cell after it (tools/exercise_cells.py), the whole notebook runs top to bottom in
one fresh kernel, and every check must print "Correct". The structure is checked too: each
exercise cell followed by its solution, ids matching the notebook's number, and every
registered exercise checked in exactly one exercise cell of its own notebook.

The notebooks run in their own kernels, as many at once as the machine has cores (at most
two): each kernel spends most of its time in one core's numpy, so on 2 cores the eight runs
take about half the time one after the other would.
"""

import asyncio
import concurrent.futures
import os
import re
from pathlib import Path

import nbformat
import pytest

from lecture_utils import checks

ROOT = Path(__file__).resolve().parent.parent
import exercise_cells as cells

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
NORMS = ROOT / "notebooks" / "03_norms.ipynb"
# Ways to break contract 1 in notebook 03, and what the sentence naming the breakage says.
BREAKAGES = {
    "solution cell deleted": "followed by a markdown cell tagged 'solution'",
    "two check lines": "exactly one line starting with check(",
    "check without an answer": "must take (exercise id, answer)",
    "solution without code": "no ```python block inside <details>",
    "exercise cell made markdown": "must be a code cell, got a markdown cell",
    "one id checked twice": "an exercise id appears twice",
}
KERNEL_TIMEOUT = 300  # seconds per cell; the slowest cell (training on the real data) takes a few
KERNELS_AT_ONCE = max(1, min(2, os.cpu_count() or 1))


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
    in_cells = [ex.exercise_id for ex in cells.exercise_cells(_read(path))]
    registered = sorted(ex.id for ex in checks.all_exercises() if ex.notebook == number)
    assert sorted(in_cells) == registered, (
        f"exercise cells check {sorted(in_cells)}; the registry has {registered} for notebook {number}")


def _break(nb, how):
    """Break contract 1 in ``nb`` (notebook 03) the way ``how`` says, at its first exercise."""
    first, second = cells.exercise_cells(nb)[:2]
    exercise, solution = nb.cells[first.index], nb.cells[first.index + 1]
    if how == "solution cell deleted":
        del nb.cells[first.index + 1]
    elif how == "two check lines":
        exercise.source += f"\ncheck({first.exercise_id!r}, None)"
    elif how == "check without an answer":
        exercise.source = re.sub(r"^check\(.*$", f"check({first.exercise_id!r})", exercise.source, flags=re.MULTILINE)
    elif how == "solution without code":
        solution.source = "<details><summary>Show a worked solution</summary>\nNo code here.\n</details>"
    elif how == "exercise cell made markdown":
        exercise.cell_type = "markdown"
    else:
        cell = nb.cells[second.index]
        cell.source = cell.source.replace(second.exercise_id, first.exercise_id)


@pytest.mark.parametrize("how, says", BREAKAGES.items(), ids=list(BREAKAGES))
def test_a_broken_contract_is_named(how, says):
    nb = _read(NORMS)
    _break(nb, how)
    assert [p for p in cells.structure_problems(nb, "03") if says in p], cells.structure_problems(nb, "03")
    with pytest.raises(ValueError, match=re.escape(says)):
        cells.exercise_cells(nb)


def test_an_exercise_of_another_notebook_is_named():
    problems = cells.structure_problems(_read(NORMS), "04")
    assert problems and all("not an exercise of notebook 04" in p for p in problems)


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
    assert cells.insert_solution(exercise, code).splitlines() == [
        "X = 1", "answer = ...  # your answer", "answer = 8 * 8", "check(\"00.x\", answer)", "print('after')"]
    assert cells.insert_solution(exercise, code, "# begin", "# end").splitlines()[2:5] == [
        "# begin", "answer = 8 * 8", "# end"]
    with pytest.raises(ValueError, match="check"):
        cells.insert_solution("answer = 1", code)


def _run_with_solutions(path):
    """``path`` with every exercise completed by its worked solution, run in a fresh kernel."""
    from nbclient import NotebookClient

    solved = cells.with_solutions(_read(path))
    client = NotebookClient(solved, kernel_name="python3", timeout=KERNEL_TIMEOUT, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    # asyncio.run: this thread's event loop is closed afterwards (execute() would leave it open)
    asyncio.run(client.async_execute())
    return solved


@pytest.fixture(scope="session")
def solved_notebooks(request):
    """{path: future of its solved run}, for the notebooks this session's tests ask for, all
    started at the first test's request (``-k 03`` runs one notebook, not eight)."""
    wanted = [item.callspec.params["path"] for item in request.session.items
              if getattr(item, "originalname", None) == "test_worked_solutions_pass_in_a_fresh_kernel"]
    with concurrent.futures.ThreadPoolExecutor(KERNELS_AT_ONCE, thread_name_prefix="solutions") as pool:
        yield {path: pool.submit(_run_with_solutions, path) for path in wanted
               if cells.exercise_cells(_read(path))}
        pool.shutdown(cancel_futures=True)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_worked_solutions_pass_in_a_fresh_kernel(path, solved_notebooks):
    exercises = cells.exercise_cells(_read(path))
    if not exercises:
        pytest.skip(f"{path.name} has no exercises")
    solved = solved_notebooks[path].result()
    failures = []
    for ex in exercises:
        printed = _stream_text(solved.cells[ex.index])
        if f"✅ [{ex.exercise_id}] Correct" not in printed:
            failures.append(f"cell {ex.index} ({ex.exercise_id}) printed: {printed.strip()!r}")
    assert failures == [], "worked solutions that do not pass:\n" + "\n".join(failures)
