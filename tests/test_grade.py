"""`make grade` (tools/grade.py): pristine checks, adversarial submissions, the gradebook.

The submissions are built from the notebooks' tags and check ids (contract 1), never from
knowledge of particular exercises: "all correct" inserts each worked solution, "untouched"
is the release as handed out, and "adversarial" cycles through TRICKS over the exercises.
"""

import csv
import json
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
import exercise_cells as cells
import grade
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


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("grade")
    write_submissions(tmp / "submissions")
    # A file that is not a notebook must not stop the run.
    (tmp / "submissions" / "zed").mkdir()
    (tmp / "submissions" / "zed" / "03_norms.ipynb").write_text("{ this is not json")
    grade.main([str(tmp / "submissions"), "--out", str(tmp / "out"), "--timeout", str(TIMEOUT)])
    return tmp / "out"


def test_gradebook_has_the_documented_columns_and_one_row_per_exercise(graded):
    rows = read_grades(graded / "grades.csv")
    assert list(rows[0]) == list(grade.COLUMNS)
    n_exercises = sum(len(cells.exercise_cells(source(stem))) for stem in NOTEBOOKS)
    assert len(rows) == 3 * n_exercises + len(cells.exercise_cells(source("03_norms")))
    assert {r["outcome"] for r in rows} <= set(grade.OUTCOMES)


@pytest.mark.parametrize("student, kind", [("good", "correct"), ("blank", "untouched"), ("evil", "adversarial")])
def test_each_exercise_gets_the_outcome_it_earned(graded, student, kind):
    rows = [r for r in read_grades(graded / "grades.csv") if r["student"] == student]
    for stem in NOTEBOOKS:
        got = {r["exercise"]: (r["outcome"], int(r["points"])) for r in rows if r["notebook"] == stem}
        want = expected_outcomes(source(stem), kind)
        assert {k: v[0] for k, v in got.items()} == want, stem
        assert all(points == (release.POINTS if want[k] == "passed" else 0) for k, (_, points) in got.items())


def test_an_unreadable_file_is_an_error_not_a_crash(graded):
    rows = [r for r in read_grades(graded / "grades.csv") if r["student"] == "zed"]
    assert rows and all(r["outcome"] == "error" and r["points"] == "0" for r in rows)


def test_one_feedback_page_per_student_with_the_checkers_messages(graded):
    pages = sorted(p.stem for p in (graded / "feedback").glob("*.html"))
    assert pages == ["blank", "evil", "good", "zed"]
    evil = (graded / "feedback" / "evil.html").read_text()
    assert "timeout" in evil and "RuntimeError" in evil
    assert "Not attempted" in (graded / "feedback" / "blank.html").read_text()


def test_answers_are_found_by_grade_id_cell_id_or_check_id():
    src = source("03_norms")
    exercises = cells.exercise_cells(src)
    by_check = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(f"x = 1\ncheck({ex.exercise_id!r}, x)") for ex in reversed(exercises)])
    assert set(grade.student_answers(by_check, src)) == {ex.exercise_id for ex in exercises}
    first = exercises[0]
    by_grade_id = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("mine = 1")])
    by_grade_id.cells[0].metadata["nbgrader"] = {"grade_id": first.grade_id()}
    assert grade.student_answers(by_grade_id, src) == {first.exercise_id: "mine = 1"}
    by_cell_id = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("mine = 2")])
    by_cell_id.cells[0]["id"] = src.cells[first.index]["id"]
    assert grade.student_answers(by_cell_id, src) == {first.exercise_id: "mine = 2"}


def test_the_memory_cap_turns_a_huge_allocation_into_an_error(tmp_path):
    src = source("00_start_here")
    ex = cells.exercise_cells(src)[0]
    greedy = cells.answered(src, {ex.exercise_id: "hog = bytearray(8 * 2**30)"})
    verdicts = grade.grade_notebook(greedy, src, timeout=TIMEOUT, memory_mb=1024)
    assert verdicts[ex.exercise_id][0] == "error"
    assert "MemoryError" in verdicts[ex.exercise_id][1]


def grade_first_answer(code):
    """``(first, rest, verdicts)``: notebook 03 graded with ``code`` as its first answer, the rest solved."""
    src = source("03_norms")
    first, *rest = cells.exercise_cells(src)
    submission = cells.answered(src, {**solutions(src), first.exercise_id: code})
    return first, rest, grade.grade_notebook(submission, src, timeout=TIMEOUT)


def test_a_cell_that_kills_its_kernel_is_an_error_and_the_rest_is_graded():
    first, rest, verdicts = grade_first_answer("import os\nos._exit(3)")
    assert verdicts[first.exercise_id] == ("error", "the kernel died (out of memory, or the code ended the process)")
    assert all(verdicts[ex.exercise_id][0] == "passed" for ex in rest)


def test_patching_the_checker_from_an_answer_cell_earns_nothing():
    first, _, verdicts = grade_first_answer("import lecture_utils.checks\n"
                                            "lecture_utils.checks.evaluate = lambda *args: None\n"
                                            "lecture_utils.checks.Result.passed = property(lambda self: True)")
    assert {outcome for outcome, _ in verdicts.values()} == {"error"}
    assert "lecture_utils.checks.evaluate" in verdicts[first.exercise_id][1]


def test_grading_cells_write_to_files_the_student_cannot_name(tmp_path):
    src = source("03_norms")
    nb, roles = grade.grading_notebook(src, {}, tmp_path)
    files = [r[2] for r in roles if r[0] == "grade"]
    assert len(files) == len(set(files)) == len(cells.exercise_cells(src))
    assert all(Path(f).parent == tmp_path and len(Path(f).stem) == 32 for f in files)
    assert json.dumps([c.source for c in nb.cells]).count("_grader_evaluate(") == len(files)


def test_make_grade_rejects_a_missing_folder(tmp_path):
    with pytest.raises(SystemExit):
        grade.main([str(tmp_path / "nope")])
