"""Exercise and solution cells of a notebook (contract 1 of the course pack), in one place.

The code cell a student fills in carries the tag ``exercise`` and one line starting with
``check("NN.name", <answer>)``. The next cell is a markdown cell tagged ``solution`` holding the
worked solution in a ```python fenced block inside ``<details>``. The worked solution is
"inserted into the exercise cell just before its first line starting with ``check(``"; the
solution's own ``check(`` lines are dropped. The tests (tests/test_solutions.py), the release
(tools/release.py) and the grader (tools/grade.py) all read notebooks through this module::

    nb = nbformat.read(path, as_version=4)
    structure_problems(nb, "03")      # [] when the notebook keeps the contract
    for ex in exercise_cells(nb):     # ValueError naming the problem when it does not
        ex.exercise_id, ex.index, ex.answer, ex.solution
    solved = with_solutions(nb)       # a copy, every exercise cell completed
    submission = answered(released, {"03.lp_norm": "def lp_norm(x, p): ..."})

Works on ``nbformat`` notebooks and on plain dicts loaded with ``json``.
"""

import ast
import copy
import re
from dataclasses import dataclass

EXERCISE_TAG = "exercise"
SOLUTION_TAG = "solution"
CHECK_LINE = re.compile(r"""^check\(\s*["'](\d\d\.\w+)["']""")
_DETAILS = re.compile(r"<details>.*?</details>[ \t]*\n?", re.DOTALL)
_PYTHON_FENCE = re.compile(r"```python[ \t]*\n(.*?)```", re.DOTALL)


@dataclass(frozen=True)
class ExerciseCell:
    """One exercise of a notebook, as contract 1 lays it out."""

    exercise_id: str
    index: int          # position of the exercise cell in the notebook's cells
    answer: str         # the source of the answer expression (second argument of ``check``)
    solution: str       # the worked solution's code, without ``check(`` lines

    def grade_id(self):
        """An nbgrader-safe id naming the exercise (nbgrader ids allow letters, digits, _ and -)."""
        return "ex_" + self.exercise_id.replace(".", "_")


def source(cell):
    """A cell's text (nbformat keeps a string, raw JSON may keep a list of lines)."""
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def tags(cell):
    """A cell's tags."""
    return list(cell.get("metadata", {}).get("tags", []))


def is_solution_cell(cell):
    """Whether ``cell`` is a markdown cell tagged ``solution``."""
    return cell.get("cell_type") == "markdown" and SOLUTION_TAG in tags(cell)


def check_lines(code):
    """The lines of ``code`` starting with ``check("NN.name"``, in order."""
    return [line for line in code.splitlines() if CHECK_LINE.match(line)]


def check_call(code, where="the cell"):
    """``(exercise_id, answer expression source)`` of the one ``check("NN.name", answer)`` line.

    Raises ValueError, naming ``where``, unless ``code`` holds exactly one such line and it is
    a call ``check(id, answer)`` on its own.
    """
    lines = check_lines(code)
    if len(lines) != 1:
        raise ValueError(f"{where} must hold exactly one line starting with check(\"NN.name\", ...), found {len(lines)}")
    try:
        call = ast.parse(lines[0]).body[0].value
    except SyntaxError:
        call = None
    if not isinstance(call, ast.Call) or len(call.args) != 2:
        raise ValueError(f"{where}: check(...) must take (exercise id, answer), got {lines[0]!r}")
    return call.args[0].value, ast.get_source_segment(lines[0], call.args[1])


def solution_code(markdown):
    """The code of the worked solution(s) in ``markdown``'s ``<details>`` block, ``check(`` lines dropped."""
    blocks = [code for details in _DETAILS.findall(markdown) for code in _PYTHON_FENCE.findall(details)]
    lines = [line for block in blocks for line in block.splitlines() if not line.startswith("check(")]
    return "\n".join(lines).strip("\n")


def without_solution_text(markdown):
    """``markdown`` with its ``<details>`` solution block removed (the prose after it stays)."""
    return _DETAILS.sub("", markdown).strip("\n")


def insert_solution(code, solution, begin="", end=""):
    """``code`` with ``solution`` (wrapped in ``begin``/``end`` lines if given) before its first ``check(`` line."""
    lines = code.splitlines()
    at = next((i for i, line in enumerate(lines) if line.startswith("check(")), None)
    if at is None:
        raise ValueError(f"an exercise cell must contain a line starting with check(, got {code!r}")
    block = ([begin] if begin else []) + solution.splitlines() + ([end] if end else [])
    return "\n".join(lines[:at] + block + lines[at:])


def _exercise(cells, index, problems):
    """The ExerciseCell of the exercise-tagged ``cells[index]``, or None with the reason added to ``problems``."""
    cell = cells[index]
    where = f"exercise cell {index} (id {cell.get('id')})"
    if cell.get("cell_type") != "code":
        problems.append(f"{where} must be a code cell, got a {cell.get('cell_type')} cell")
        return None
    try:
        exercise_id, answer = check_call(source(cell), where)
    except ValueError as exc:
        problems.append(str(exc))
        return None
    if index + 1 >= len(cells) or not is_solution_cell(cells[index + 1]):
        problems.append(f"{where} must be followed by a markdown cell tagged 'solution'")
        return None
    solution = solution_code(source(cells[index + 1]))
    if not solution.strip():
        problems.append(f"the solution cell after {where} has no ```python block inside <details>")
        return None
    return ExerciseCell(exercise_id, index, answer, solution)


def _parse(nb):
    """``(exercises, problems)``: the well-formed exercises of ``nb`` and sentences on the rest."""
    cells, problems = nb["cells"], []
    found = [_exercise(cells, i, problems) for i, cell in enumerate(cells) if EXERCISE_TAG in tags(cell)]
    exercises = [ex for ex in found if ex is not None]
    ids = [ex.exercise_id for ex in exercises]
    if len(set(ids)) != len(ids):
        problems.append(f"an exercise id appears twice in one notebook: {ids}")
    return exercises, problems


def exercise_cells(nb):
    """The exercises of ``nb`` in notebook order (raises ValueError if contract 1 is broken)."""
    exercises, problems = _parse(nb)
    if problems:
        raise ValueError("; ".join(problems))
    return exercises


def structure_problems(nb, notebook_number):
    """Sentences describing where ``nb`` breaks the contract (empty list when it keeps it)."""
    exercises, problems = _parse(nb)
    return problems + [f"exercise cell {ex.index} checks {ex.exercise_id!r}, not an exercise of notebook "
                       f"{notebook_number}" for ex in exercises if not ex.exercise_id.startswith(f"{notebook_number}.")]


def with_solutions(nb):
    """A copy of ``nb`` whose exercise cells hold their worked solutions."""
    solved = copy.deepcopy(nb)
    for ex in exercise_cells(solved):
        cell = solved["cells"][ex.index]
        cell["source"] = insert_solution(source(cell), ex.solution)
    return solved


def answered(nb, solutions):
    """A copy of any edition of a notebook with ``solutions[exercise_id]`` inserted into its exercise cells.

    Cells are found by their ``check("NN.name", ...)`` line, so this also fills a released
    nbgrader or student notebook (it makes the "all correct" submissions of the tests).
    """
    nb = copy.deepcopy(nb)
    for cell in nb["cells"]:
        if cell.get("cell_type") != "code" or not check_lines(source(cell)):
            continue
        exercise_id = check_call(source(cell))[0]
        if exercise_id in solutions:
            cell["source"] = insert_solution(source(cell), solutions[exercise_id])
    return nb
