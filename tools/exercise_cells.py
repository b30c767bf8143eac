"""Exercise and solution cells of a notebook (contract 1 of the course pack), in one place.

The code cell a student fills in carries the tag ``exercise`` and a line starting with
``check("NN.name", ...)``. The next cell is a markdown cell tagged ``solution`` holding the
worked solution in a ```python fenced block inside ``<details>``. The worked solution is
"inserted into the exercise cell just before its first line starting with ``check(``"; the
solution's own ``check(`` lines are dropped. The tests (tests/test_solutions.py) and the
release/grading tools build "all correct" notebooks this way::

    nb = nbformat.read(path, as_version=4)
    problems = structure_problems(nb, "03")      # [] when the notebook keeps the contract
    solved = complete_notebook(nb)               # a copy, every exercise cell completed
    for cell in exercise_cells(nb):
        cell.index, cell.ids, cell.solution_code

Works on ``nbformat`` notebooks and on plain dicts loaded with ``json``.
"""

import copy
import re
from dataclasses import dataclass

EXERCISE_TAG = "exercise"
SOLUTION_TAG = "solution"
_CHECK_ID = re.compile(r"""^check\(\s*["'](\d\d\.\w+)["']""", re.MULTILINE)
_FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class ExerciseCell:
    """One exercise: the positions of its two cells, the ids it checks and the solution code."""

    index: int
    solution_index: int | None
    ids: tuple
    solution_code: str | None


def source(cell):
    """A cell's text (nbformat keeps a string, raw JSON may keep a list of lines)."""
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def tags(cell):
    """A cell's tags."""
    return tuple(cell.get("metadata", {}).get("tags", ()))


def checked_ids(code):
    """Exercise ids checked by lines starting with ``check(`` in ``code``, in order."""
    return tuple(_CHECK_ID.findall(code))


def solution_code(markdown):
    """The python code of a solution cell: its ```python blocks, without ``check(`` lines."""
    blocks = _FENCE.findall(markdown)
    lines = [line for block in blocks for line in block.splitlines() if not line.startswith("check(")]
    return "\n".join(lines)


def completed_source(exercise_source, code):
    """``exercise_source`` with ``code`` inserted just before its first line starting with ``check(``."""
    lines = exercise_source.splitlines()
    at = next((i for i, line in enumerate(lines) if line.startswith("check(")), None)
    if at is None:
        raise ValueError("an exercise cell must contain a line starting with check(")
    return "\n".join(lines[:at] + code.splitlines() + lines[at:])


def exercise_cells(nb):
    """Every ``exercise``-tagged cell of ``nb`` with its following ``solution`` cell (if any)."""
    cells = nb["cells"]
    found = []
    for i, cell in enumerate(cells):
        if EXERCISE_TAG not in tags(cell):
            continue
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        has_solution = nxt is not None and SOLUTION_TAG in tags(nxt) and nxt.get("cell_type") == "markdown"
        found.append(ExerciseCell(i, i + 1 if has_solution else None, checked_ids(source(cell)),
                                  solution_code(source(nxt)) if has_solution else None))
    return found


def structure_problems(nb, notebook_number):
    """Sentences describing where ``nb`` breaks the contract (empty list when it keeps it)."""
    problems = []
    for ex in exercise_cells(nb):
        cell = nb["cells"][ex.index]
        if cell.get("cell_type") != "code":
            problems.append(f"cell {ex.index} is tagged exercise but is not a code cell")
        if not ex.ids:
            problems.append(f"exercise cell {ex.index} has no line starting with check(\"NN.name\", ...)")
        if ex.solution_index is None:
            problems.append(f"exercise cell {ex.index} is not followed by a markdown cell tagged solution")
        elif not ex.solution_code.strip():
            problems.append(f"solution cell {ex.solution_index} has no ```python block")
        problems += [f"exercise cell {ex.index} checks {i!r}, not an exercise of notebook {notebook_number}"
                     for i in ex.ids if not i.startswith(f"{notebook_number}.")]
    return problems


def complete_notebook(nb):
    """A copy of ``nb`` with every exercise cell completed by its worked solution."""
    solved = copy.deepcopy(nb)
    for ex in exercise_cells(solved):
        if ex.solution_code is not None:
            cell = solved["cells"][ex.index]
            cell["source"] = completed_source(source(cell), ex.solution_code)
    return solved
