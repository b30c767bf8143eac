"""The instructor edition: one source, three releases.

    python tools/release.py [OUT]     # default OUT: build/release

builds, from ``notebooks/*.ipynb``:

- ``OUT/student/``: no worked solutions, exercise outputs cleared, nothing that shows an answer;
- ``OUT/self-study/``: today's notebooks, folded solutions included;
- ``OUT/nbgrader/``: an nbgrader course folder (``nbgrader_config.py``, ``source/<nb>/<nb>.ipynb``)
  with answer cells (``### BEGIN SOLUTION`` ... ``### END SOLUTION``), one autograder test
  cell worth points per exercise calling the course's own check, every other cell locked.

Everything is derived from contract 1 (see CONTRIBUTING.md): an exercise cell is tagged
``exercise`` and holds one line ``check("NN.name", <answer>)``; the next cell is a markdown cell
tagged ``solution`` whose ``<details>`` block holds the worked solution in a ```python fence.
"""

import ast
import copy
import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
CHECK_LINE = re.compile(r"""^check\(\s*["'](\d\d\.\w+)["']""")
DETAILS = re.compile(r"<details>.*?</details>[ \t]*\n?", re.DOTALL)
PYTHON_FENCE = re.compile(r"```python[ \t]*\n(.*?)```", re.DOTALL)
POINTS = 1
NBGRADER_CONFIG = '''\
"""nbgrader course folder built by `make release` (tools/release.py): edit the source, not this."""
c = get_config()  # noqa: F821 - nbgrader provides get_config
c.CourseDirectory.course_id = "applied-deep-learning-math"
# The released answer cell keeps the exercise's own scaffold (answer = ...) and its check line.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE"}
# A student's infinite loop is interrupted after this many seconds; the rest still runs.
c.Execute.timeout = 120
# A test cell the student deleted is put back, so a right answer still earns its points.
c.OverwriteCells.add_missing_cells = True
'''


@dataclass
class ExerciseCell:
    """One exercise of a notebook, as contract 1 lays it out."""

    exercise_id: str
    index: int          # position of the exercise cell in ``nb.cells``
    answer: str         # the source of the answer expression (second argument of ``check``)
    solution: str       # the worked solution's code, without ``check(`` lines

    def grade_id(self):
        """An nbgrader-safe id naming the exercise (nbgrader ids allow letters, digits, _ and -)."""
        return "ex_" + self.exercise_id.replace(".", "_")


def exercise_cells(nb):
    """The exercises of ``nb`` in notebook order (raises ValueError if contract 1 is broken)."""
    found = []
    for index, cell in enumerate(nb.cells):
        if "exercise" not in cell.get("metadata", {}).get("tags", []):
            continue
        where = f"exercise cell {index} (id {cell.get('id')})"
        if cell.cell_type != "code":
            raise ValueError(f"{where} must be a code cell, got a {cell.cell_type} cell")
        exercise_id, answer = check_call(cell.source, where)
        if index + 1 >= len(nb.cells) or not is_solution_cell(nb.cells[index + 1]):
            raise ValueError(f"{where} must be followed by a markdown cell tagged 'solution'")
        solution = solution_code(nb.cells[index + 1].source)
        if not solution.strip():
            raise ValueError(f"the solution cell after {where} has no ```python block inside <details>")
        found.append(ExerciseCell(exercise_id, index, answer, solution))
    ids = [e.exercise_id for e in found]
    if len(set(ids)) != len(ids):
        raise ValueError(f"an exercise id appears twice in one notebook: {ids}")
    return found


def is_solution_cell(cell):
    return cell.cell_type == "markdown" and "solution" in cell.get("metadata", {}).get("tags", [])


def check_call(source, where="the cell"):
    """``(exercise_id, answer expression source)`` of the one ``check("NN.name", answer)`` line."""
    lines = [line for line in source.splitlines() if CHECK_LINE.match(line)]
    if len(lines) != 1:
        raise ValueError(f"{where} must hold exactly one line starting with check(\"NN.name\", ...), found {len(lines)}")
    call = ast.parse(lines[0]).body[0].value
    if len(call.args) != 2:
        raise ValueError(f"{where}: check(...) must take (exercise id, answer), got {lines[0]!r}")
    return call.args[0].value, ast.get_source_segment(lines[0], call.args[1])


def solution_code(markdown):
    """The code of the worked solution(s) in ``markdown``'s ``<details>`` block, ``check(`` lines dropped."""
    blocks = [code for details in DETAILS.findall(markdown) for code in PYTHON_FENCE.findall(details)]
    lines = [line for block in blocks for line in block.splitlines() if not line.startswith("check(")]
    return "\n".join(lines).strip("\n")


def insert_solution(source, solution, begin="", end=""):
    """``source`` with ``solution`` (wrapped in ``begin``/``end`` lines if given) before its first ``check(`` line."""
    lines = source.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("check("))
    block = ([begin] if begin else []) + solution.splitlines() + ([end] if end else [])
    return "\n".join(lines[:at] + block + lines[at:])


def with_solutions(nb):
    """A copy of ``nb`` whose exercise cells hold their worked solutions (contract 1)."""
    nb = copy.deepcopy(nb)
    for ex in exercise_cells(nb):
        cell = nb.cells[ex.index]
        cell.source = insert_solution(cell.source, ex.solution)
    return nb


def answered(nb, solutions):
    """A copy of any edition of a notebook with ``solutions[exercise_id]`` inserted into its exercise cells.

    Cells are found by their ``check("NN.name", ...)`` line, so this also fills a released
    nbgrader or student notebook (it makes the "all correct" submissions of the tests).
    """
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type != "code" or not any(CHECK_LINE.match(line) for line in cell.source.splitlines()):
            continue
        exercise_id = check_call(cell.source)[0]
        if exercise_id in solutions:
            cell.source = insert_solution(cell.source, solutions[exercise_id])
    return nb


def without_solution_text(markdown):
    """``markdown`` with its ``<details>`` solution block removed (the prose after it stays)."""
    return DETAILS.sub("", markdown).strip("\n")


def clear_outputs(cell):
    cell.outputs = []
    cell.execution_count = None


def _text_of_outputs(cell):
    parts = []
    for out in cell.get("outputs", []):
        parts.append(str(out.get("text", "")))
        parts.extend(str(v) for v in out.get("data", {}).values())
    return "\n".join(parts)


def correct_messages(exercises):
    """What ``check`` prints for a right answer to each exercise: a stored output saying so reveals it."""
    from lecture_utils.checks import evaluate, get_exercise

    messages = set()
    for ex in exercises:
        exercise = get_exercise(ex.exercise_id)
        right = getattr(exercise, "solution_answer", exercise.expected)()
        result = evaluate(ex.exercise_id, right)
        if result.passed:
            messages.add(str(result))
    return messages


def checks_a_right_literal(source):
    """Whether ``source`` calls ``check("NN.name", <literal>)`` with a right answer (a demo that gives it away)."""
    from lecture_utils.checks import evaluate

    for line in source.splitlines():
        if not CHECK_LINE.match(line):
            continue
        try:
            call = ast.parse(line).body[0].value
            if len(call.args) == 2 and evaluate(call.args[0].value, ast.literal_eval(call.args[1])).passed:
                return True
        except (SyntaxError, ValueError, TypeError):
            continue
    return False


def _names(code, bound_only=False):
    """The names ``code`` reads or binds (only binds, with ``bound_only``); empty if it does not parse."""
    try:
        nodes = list(ast.walk(ast.parse(code)))
    except SyntaxError:
        return set()
    names = {n.id for n in nodes if isinstance(n, ast.Name) and (not bound_only or isinstance(n.ctx, ast.Store))}
    return names | {n.name for n in nodes if isinstance(n, (ast.FunctionDef, ast.ClassDef))}


def answer_names(exercises):
    """Names holding an exercise's answer: read by its check and bound by its worked solution."""
    return set().union(set(), *(_names(ex.answer) & _names(ex.solution, bound_only=True) for ex in exercises))


def student_edition(nb):
    """A copy of ``nb`` without worked solutions or anything that shows them (see module doc)."""
    exercises = exercise_cells(nb)
    secret = solution_lines(nb)
    nb = copy.deepcopy(nb)
    correct = correct_messages(exercises)
    first = exercises[0].index if exercises else len(nb.cells)
    answers = answer_names(exercises)
    keep = []
    for index, cell in enumerate(nb.cells):
        if is_solution_cell(cell):
            cell.source = without_solution_text(cell.source)
            tags = [t for t in cell.metadata.get("tags", []) if t != "solution"]
            cell.metadata.pop("tags", None)
            if tags:
                cell.metadata["tags"] = tags
            if not cell.source.strip():
                continue
        elif cell.cell_type == "code":
            shown = _text_of_outputs(cell)
            is_exercise = "exercise" in cell.metadata.get("tags", [])
            if not is_exercise and (any(m in shown for m in correct) or checks_a_right_literal(cell.source)):
                continue  # a demo cell whose source is a right answer
            # A cell after the exercises reading an answer's name shows something computed from it.
            if is_exercise or (index > first and _names(cell.source) & answers):
                clear_outputs(cell)
        keep.append(cell)
    nb.cells = keep
    leaked = solution_leaks(nb, secret)
    if leaked:
        raise ValueError(f"the student edition still shows solution code: {leaked[:3]}")
    return nb


def solution_lines(nb):
    """Significant lines of ``nb``'s worked solutions that no other cell's source contains.

    A line the lecture itself shows (``L.backward()`` in code, ``T[i, j] = A[j, i]`` as the
    definition in prose) gives nothing away, so it is not counted; stored outputs are no such use.
    """
    exercises = exercise_cells(nb)
    elsewhere = "\n".join(cell.source for cell in nb.cells if not is_solution_cell(cell))
    lines = set()
    for ex in exercises:
        for line in ex.solution.splitlines():
            code = line.split("#")[0].strip()
            if len(code) >= 4 and code not in elsewhere:
                lines.add(code)
    return lines


def solution_leaks(nb, lines):
    """The solution ``lines`` found anywhere in ``nb`` (sources, outputs, metadata)."""
    text = nbformat.writes(nb)
    return sorted(line for line in lines if line in text or json.dumps(line)[1:-1] in text)


def test_source(ex):
    """An autograder test cell's code: the course's own check, failing the cell unless passed."""
    return (
        f"# Autograder test for {ex.exercise_id}: the course's own check, imported from lecture_utils\n"
        "# (so a `check` redefined in the notebook changes nothing here).\n"
        "from lecture_utils.checks import evaluate as _evaluate\n"
        f"_result = _evaluate({ex.exercise_id!r}, {ex.answer})\n"
        "print(_result)\n"
        "assert _result.passed, str(_result)"
    )


def _nbgrader(cell, grade_id, *, grade=False, solution=False, locked=False, points=None):
    meta = {"grade": grade, "solution": solution, "locked": locked, "grade_id": grade_id, "schema_version": 3}
    if points is not None:
        meta["points"] = points
    cell.metadata["nbgrader"] = meta
    return cell


def nbgrader_edition(nb, points=POINTS):
    """The nbgrader source version of ``nb``: answer cells, test cells worth ``points``, the rest locked."""
    exercises = {ex.index: ex for ex in exercise_cells(nb)}
    nb = copy.deepcopy(nb)
    cells = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            clear_outputs(cell)
        if index in exercises:
            ex = exercises[index]
            cell.source = insert_solution(cell.source, ex.solution, "### BEGIN SOLUTION", "### END SOLUTION")
            cells.append(_nbgrader(cell, ex.grade_id(), solution=True))
            test = nbformat.v4.new_code_cell(test_source(ex))
            cells.append(_nbgrader(test, ex.grade_id() + "_test", grade=True, locked=True, points=points))
            continue
        if is_solution_cell(cell):
            cell.source = without_solution_text(cell.source)
            cell.metadata["tags"] = [t for t in cell.metadata["tags"] if t != "solution"]
            if not cell.source.strip():
                continue
        cells.append(_nbgrader(cell, f"cell_{cell.get('id') or index}", locked=True))
    nb.cells = cells
    return nb


def build(out=ROOT / "build" / "release", notebooks=None, assignment=None):
    """Write the three releases under ``out``; returns the written notebook paths by release.

    Parameters
    ----------
    out : path
        Folder to (re)create.
    notebooks : list of paths, optional
        Default: every ``notebooks/*.ipynb``.
    assignment : str, optional
        Put every notebook into this one nbgrader assignment instead of one assignment each.
    """
    out = Path(out)
    paths = sorted(Path(p) for p in notebooks) if notebooks else sorted((ROOT / "notebooks").glob("*.ipynb"))
    if out.exists():
        shutil.rmtree(out)
    written = {"student": [], "self-study": [], "nbgrader": []}
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        targets = {
            "student": (out / "student" / path.name, student_edition(nb)),
            "self-study": (out / "self-study" / path.name, nb),
            "nbgrader": (out / "nbgrader" / "source" / (assignment or path.stem) / path.name, nbgrader_edition(nb)),
        }
        for release, (target, book) in targets.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(book, target)
            written[release].append(target)
    (out / "nbgrader" / "nbgrader_config.py").write_text(NBGRADER_CONFIG)
    return written


def main(argv):
    out = Path(argv[0]) if argv else ROOT / "build" / "release"
    written = build(out)
    for release, targets in written.items():
        print(f"{release}: {len(targets)} notebooks under {out / release}")


if __name__ == "__main__":
    main(sys.argv[1:])
