"""Submissions built from contract 1 alone: "good" (every worked solution), "blank" (the release as
handed out) and "evil" (cycling through TRICKS: loops, lies, crashes, edited test cells).

Shared by tests/test_grade.py and tests/test_release.py (which grades them with nbgrader too).
"""

import csv
import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
import exercise_cells as cells
import release

NOTEBOOKS = ["00_start_here", "03_norms"]
TIMEOUT = 15
# What the adversarial submission does to the k-th exercise (k modulo 4), and what it earns.
TRICKS = ("loop", "fake", "raise", "right")
# A looping function the checker calls is stopped by the checker itself (lecture_utils.checks
# TIME_LIMIT, Result.timed_out) and graded "timeout", like looping code that runs into the
# grader's per-cell timeout.
EXPECTED = {"loop": "timeout", "loop in a function": "timeout", "fake": "wrong", "raise": "error", "right": "passed"}


def source(stem):
    return nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)


def solutions(nb):
    return {ex.exercise_id: ex.solution for ex in cells.exercise_cells(nb)}


def tricks(nb):
    """``{exercise_id: trick}`` for the adversarial version of (any edition of) ``nb``."""
    ids = list(dict.fromkeys(cells.check_call(c.source)[0] for c in nb.cells if _is_answer_cell(c)))
    return {exercise_id: TRICKS[k % len(TRICKS)] for k, exercise_id in enumerate(ids)}


def _is_answer_cell(cell):
    if cell.cell_type != "code" or cell.metadata.get("nbgrader", {}).get("grade"):
        return False
    return bool(cells.check_lines(cell.source))


def adversarial(nb, solution_code, answers, reorder=True):
    """A copy of ``nb`` that tries every trick: loops, lies, raises, edits test cells, reorders.

    ``answers`` maps exercise id to the answer's variable name (the pristine check's argument).
    Markdown cells are deleted; ``reorder`` reverses the code cells (nbgrader runs a notebook in
    the student's order, so there a reordered right answer is lost, not earned).
    """
    nb = cells.answered(nb, {})  # a deep copy
    plan = tricks(nb)
    kept = []
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            if plan.get(_tested_id(cell)) == "raise":
                continue  # a deleted test cell
            cell.source = 'print("Correct - well done!")'  # an edited test cell
        elif _is_answer_cell(cell):
            exercise_id = cells.check_call(cell.source)[0]
            cell.source = _trick(plan[exercise_id], cell.source, answers[exercise_id], solution_code[exercise_id])
        kept.append(cell)
    # Markdown deleted, the rest reversed, plus a cell of the student's own after all.
    nb.cells = [c for c in (reversed(kept) if reorder else kept) if c.cell_type == "code"]
    nb.cells.append(nbformat.v4.new_code_cell("check = print\nprint('all correct!')"))
    return nb


def _tested_id(cell):
    found = re.search(r"evaluate\(\s*['\"](\d\d\.\w+)", cell.source)
    return found and found.group(1)


def _trick(trick, cell_source, answer, solution):
    """The exercise cell ``cell_source`` rewritten to play ``trick``."""
    if trick == "loop":  # a function the checker calls loops inside the grading; other code loops at once
        if _is_function(answer, solution):
            return cells.insert_solution(cell_source, f"def {answer}(*args):\n    while True:\n        pass")
        return "while True:\n    pass\n" + cell_source
    if trick == "raise":
        return "raise RuntimeError('the student cell crashed')\n" + cell_source
    if trick == "fake":  # a wrong answer, a redefined check and a faked success message
        fake = f"{answer} = object()\ndef check(exercise_id, answer):\n    print(f'✅ [{{exercise_id}}] Correct - well done!')"
        return cells.insert_solution(cell_source, fake)
    return "def check(*args):\n    pass\n" + cells.insert_solution(cell_source, solution)


def _is_function(answer, solution):
    """Whether the answer named ``answer`` is a function the worked ``solution`` defines."""
    return re.search(rf"^def {re.escape(answer)}\(", solution, re.MULTILINE) is not None


def _earns(trick, ex):
    """The outcome the adversarial ``trick`` earns on exercise ``ex``."""
    return EXPECTED["loop in a function" if trick == "loop" and _is_function(ex.answer, ex.solution) else trick]


def answer_names(nb):
    return {ex.exercise_id: ex.answer for ex in cells.exercise_cells(nb)}


def expected_outcomes(nb, kind):
    exercises = cells.exercise_cells(nb)
    ids = [ex.exercise_id for ex in exercises]
    if kind == "correct":
        return dict.fromkeys(ids, "passed")
    if kind == "untouched":
        return dict.fromkeys(ids, "not attempted")
    return {ex.exercise_id: _earns(TRICKS[k % len(TRICKS)], ex) for k, ex in enumerate(exercises)}


def submissions(handed_out, src, reorder=True):
    """``{student: notebook}``: the good, blank and evil submissions of ``handed_out``, an edition of ``src``."""
    return {
        "good": cells.answered(handed_out, solutions(src)),
        "blank": handed_out,
        "evil": adversarial(handed_out, solutions(src), answer_names(src), reorder=reorder),
    }


def write_submissions(folder, make_edition=release.student_edition):
    """good/, blank/ and evil/ submissions of NOTEBOOKS under ``folder``."""
    for stem in NOTEBOOKS:
        src = source(stem)
        for student, nb in submissions(make_edition(src), src).items():
            (folder / student).mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, folder / student / f"{stem}.ipynb")


def read_grades(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


