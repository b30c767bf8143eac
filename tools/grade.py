"""Grade a class's notebooks with the pristine checks: a gradebook CSV and one feedback page each.

    python tools/grade.py SUBMISSIONS [--out build] [--timeout 60] [--memory-mb 2048]

``SUBMISSIONS`` holds ``<student>/<notebook>.ipynb`` (any of the three releases' notebooks).
Only the student's answer code is taken from a submission: the code of each exercise cell,
found by nbgrader grade_id, by cell id, or by the ``check("NN.name", ...)`` line in it. The
notebook is rebuilt from the course's own copy with those answers in place and, after each
one, a grading cell the student never saw that calls ``lecture_utils.checks.evaluate`` and
writes the result to a file named at random. So deleted, reordered or edited cells, a
redefined ``check`` or a faked "Correct" print earn nothing. nbclient runs each rebuilt
notebook in a fresh kernel with a time limit per cell and an address-space cap; an exercise
whose code loops or kills the kernel is marked and the notebook is run again without it.

Writes ``OUT/grades.csv`` (student, notebook, exercise, outcome, points, max_points) and
``OUT/feedback/<student>.html``.

Why nbclient and not nbgrader's ``autograde``: autograde runs the student's notebook itself
(locked cells restored, but in the student's order and with the cells they added), needs a
course directory and a gradebook database, records points but not whether an answer was wrong,
not attempted, crashed or timed out, and sets no memory cap. nbclient already gives the fresh
kernel, the per-cell timeout and the dead-kernel detection; this module adds only the rebuild
from the pristine notebook and the reading of results. The nbgrader folder of ``make release``
is there for classes that already run nbgrader on their hub.
"""

import argparse
import csv
import html
import json
import os
import resource
import secrets
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from exercise_cells import check_call, exercise_cells
from release import POINTS, ROOT

OUTCOMES = ("passed", "wrong", "not attempted", "error", "timeout")
# A result counts as passed only through ``Result.passed``; other statuses map to outcomes.
STATUS_TO_OUTCOME = {"wrong": "wrong", "not attempted": "not attempted", "error": "error"}
COLUMNS = ("student", "notebook", "exercise", "outcome", "points", "max_points")


@dataclass
class Grade:
    """One row of the gradebook (plus the message shown in the feedback page)."""

    student: str
    notebook: str
    exercise: str
    outcome: str
    points: int
    max_points: int
    message: str = ""


def pristine_notebooks(folder=ROOT / "notebooks"):
    """The course's own notebooks, by file stem (``"03_norms"``)."""
    return {p.stem: nbformat.read(p, as_version=4) for p in sorted(Path(folder).glob("*.ipynb"))}


def student_answers(submission, pristine):
    """``{exercise_id: code}`` for every exercise of ``pristine`` whose cell ``submission`` still has."""
    wanted = {ex.exercise_id: (ex, pristine.cells[ex.index].get("id")) for ex in exercise_cells(pristine)}
    found = {}
    for rule in ("grade_id", "cell_id", "check_id"):
        for cell in submission.cells:
            if cell.get("cell_type") != "code":
                continue
            source = cell.get("source", "")
            for exercise_id, (ex, cell_id) in wanted.items():
                if exercise_id not in found and _matches(rule, cell, source, ex, cell_id):
                    found[exercise_id] = source
    return found


def _matches(rule, cell, source, ex, cell_id):
    if rule == "grade_id":
        return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == ex.grade_id()
    if rule == "cell_id":
        return cell_id is not None and cell.get("id") == cell_id
    try:
        return check_call(source)[0] == ex.exercise_id
    except ValueError:
        return False


# Run in the kernel before each verdict: functions of lecture_utils or numpy (module level, or on
# lecture_utils' classes) whose code was compiled in the notebook mean the checker was patched.
TAMPER_SCAN = """\
def _grader_patched():
    import sys, types
    def own(code):
        return "ipykernel_" in code.co_filename or code.co_filename.startswith("<ipython")
    found = []
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] not in ("lecture_utils", "numpy") or module is None:
            continue
        for attr, value in list(vars(module).items()):
            members = [(attr, value)]
            if isinstance(value, type) and name.startswith("lecture_utils"):
                members += [(f"{attr}.{k}", getattr(v, "fget", v)) for k, v in vars(value).items()]
            found += [f"{name}.{a}" for a, v in members if isinstance(v, types.FunctionType) and own(v.__code__)]
    return found
"""


def grading_source(ex, result_path):
    """The hidden cell run after the student's code: the pristine check, its result to a file."""
    return (
        "import json as _grader_json\n"
        f"{TAMPER_SCAN}"
        "try:\n"
        "    from lecture_utils.checks import evaluate as _grader_evaluate\n"
        f"    _grader_result = _grader_evaluate({ex.exercise_id!r}, {ex.answer})\n"
        "    _grader_record = {'passed': _grader_result.passed is True, 'status': _grader_result.status,\n"
        "                      'message': _grader_result.message, 'timed_out': _grader_result.timed_out}\n"
        "except Exception as _grader_exc:\n"
        "    _grader_record = {'status': 'error', 'message': f'{type(_grader_exc).__name__}: {_grader_exc}'}\n"
        "if _grader_patched():\n"
        "    _grader_record = {'status': 'error', 'message': 'not graded: the notebook replaced part of the checker ('\n"
        "                      + ', '.join(_grader_patched()[:3]) + ')'}\n"
        f"with open({str(result_path)!r}, 'w') as _grader_file:\n"
        "    _grader_json.dump(_grader_record, _grader_file)\n"
    )


def grading_notebook(pristine, answers, results, skip=()):
    """The pristine code cells with the student's answers and grading cells; returns (nb, roles).

    ``roles[i]`` is ``(kind, exercise_id, result_file)`` for cell ``i`` (kind "answer", "grade"
    or "course"); exercises in ``skip`` keep the untouched exercise cell and are not graded.
    """
    exercises = {ex.index: ex for ex in exercise_cells(pristine)}
    cells, roles, current = [], [], None
    for index, cell in enumerate(pristine.cells):
        if cell.cell_type != "code":
            continue
        ex = exercises.get(index)
        if ex is None or ex.exercise_id in skip:
            cells.append(nbformat.v4.new_code_cell(cell.source))
            roles.append(("course", current, None))
            continue
        current = ex.exercise_id
        cells.append(nbformat.v4.new_code_cell(answers.get(ex.exercise_id, cell.source)))
        roles.append(("answer", current, None))
        result_file = Path(results) / f"{secrets.token_hex(16)}.json"
        cells.append(nbformat.v4.new_code_cell(grading_source(ex, result_file)))
        roles.append(("grade", current, result_file))
    nb = nbformat.v4.new_notebook(cells=cells, metadata=pristine.metadata)
    return nb, roles


def address_space_cap(megabytes):
    """A ``preexec_fn`` capping the kernel's address space (MemoryError instead of a frozen host)."""
    limit = int(megabytes) * 1024 * 1024

    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def run_once(nb, roles, workdir, timeout, memory_mb):
    """Execute ``nb`` in a fresh kernel; returns the ``(cell index, what)`` of a fatal stop, or None."""
    started = {}
    client = NotebookClient(
        nb, kernel_name="python3", timeout=timeout, allow_errors=True, record_timing=False,
        resources={"metadata": {"path": str(workdir)}},
        on_cell_start=lambda cell, cell_index: started.update(index=cell_index),
    )
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", MPLBACKEND="module://matplotlib_inline.backend_inline")
    try:
        client.execute(preexec_fn=address_space_cap(memory_mb), env=env, stderr=subprocess.DEVNULL)
    except CellTimeoutError:
        return started.get("index"), "timeout"
    except DeadKernelError:
        return started.get("index"), "the kernel died (out of memory, or the code ended the process)"
    return None


def grade_notebook(submission, pristine, timeout=60, memory_mb=2048):
    """``{exercise_id: (outcome, message)}`` for one submitted notebook against its pristine copy."""
    answers = student_answers(submission, pristine)
    verdicts = {}
    with tempfile.TemporaryDirectory(prefix="grade-") as tmp:
        workdir, results = Path(tmp, "work"), Path(tmp, "results")
        workdir.mkdir()
        results.mkdir()
        while True:
            nb, roles = grading_notebook(pristine, answers, results, skip=set(verdicts))
            fatal = run_once(nb, roles, workdir, timeout, memory_mb)
            if fatal is None or fatal[0] is None or roles[fatal[0]][1] is None:
                break
            index, what = fatal
            exercise_id = roles[index][1]
            outcome = "timeout" if what == "timeout" else "error"
            verdicts[exercise_id] = (outcome, f"stopped after {timeout} s per cell" if what == "timeout" else what)
        verdicts.update(_read_results(nb, roles, fatal))
    for ex in exercise_cells(pristine):
        if ex.exercise_id not in answers and verdicts.get(ex.exercise_id, ("",))[0] == "not attempted":
            verdicts[ex.exercise_id] = ("not attempted", "the exercise cell is missing from the submission")
    return verdicts


def _read_results(nb, roles, fatal):
    """The verdict of every graded exercise, from the result files (never from printed output)."""
    verdicts, crashed = {}, {}
    for index, (kind, exercise_id, result_file) in enumerate(roles):
        if kind == "answer":
            crashed[exercise_id] = _error_of(nb.cells[index])
        if kind != "grade":
            continue
        if fatal is not None and fatal[0] is not None and index >= fatal[0]:
            verdicts[exercise_id] = ("error", "not graded: the notebook stopped before this exercise")
            continue
        record = _load(result_file)
        outcome = "passed" if record.get("passed") is True else STATUS_TO_OUTCOME.get(record.get("status"), "wrong")
        if outcome == "wrong" and record.get("timed_out") is True:  # the checker stopped a looping function
            outcome = "timeout"
        message = str(record.get("message", "no result was recorded"))
        if outcome != "passed" and crashed.get(exercise_id):
            outcome, message = "error", f"your cell raised {crashed[exercise_id]}"
        verdicts[exercise_id] = (outcome, message)
    return verdicts


def _load(path):
    try:
        return json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return {"status": "error", "message": "no result was recorded"}


def _error_of(cell):
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return f"{out.get('ename')}: {out.get('evalue')}"
    return None


def grade_folder(submissions, out=ROOT / "build", timeout=60, memory_mb=2048, pristine=None):
    """Grade every ``<student>/<notebook>.ipynb`` under ``submissions``; write the CSV and feedback."""
    submissions, out = Path(submissions), Path(out)
    if not submissions.is_dir():
        raise ValueError(f"SUBMISSIONS must be a folder of <student>/<notebook>.ipynb, got {submissions}")
    pristine = pristine if pristine is not None else pristine_notebooks()
    grades = []
    for student_dir in sorted(p for p in submissions.iterdir() if p.is_dir()):
        for path in sorted(student_dir.glob("*.ipynb")):
            if path.stem not in pristine:
                print(f"skipped {path}: no course notebook is called {path.name}", file=sys.stderr)
                continue
            grades.extend(_grade_file(student_dir.name, path, pristine[path.stem], timeout, memory_mb))
    write_csv(grades, out / "grades.csv")
    write_feedback(grades, out / "feedback")
    return grades


def _grade_file(student, path, pristine, timeout, memory_mb):
    try:
        verdicts = grade_notebook(nbformat.read(path, as_version=4), pristine, timeout, memory_mb)
    except (ValueError, OSError, KeyError, AttributeError) as exc:  # unreadable or not a notebook
        verdicts = {ex.exercise_id: ("error", f"the file could not be read as a notebook ({exc})")
                    for ex in exercise_cells(pristine)}
    rows = []
    for ex in exercise_cells(pristine):
        outcome, message = verdicts.get(ex.exercise_id, ("error", "no result was recorded"))
        points = POINTS if outcome == "passed" else 0
        rows.append(Grade(student, path.stem, ex.exercise_id, outcome, points, POINTS, message))
    print(f"{student}/{path.name}: {sum(r.points for r in rows)}/{sum(r.max_points for r in rows)}")
    return rows


def write_csv(grades, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for g in grades:
            writer.writerow([getattr(g, column) for column in COLUMNS])


def write_feedback(grades, folder):
    """One HTML page per student: each exercise's outcome and the checker's message."""
    folder.mkdir(parents=True, exist_ok=True)
    for student in sorted({g.student for g in grades}):
        mine = [g for g in grades if g.student == student]
        rows = "\n".join(
            f"<tr><td>{html.escape(g.notebook)}</td><td>{html.escape(g.exercise)}</td>"
            f"<td>{html.escape(g.outcome)}</td><td>{g.points}/{g.max_points}</td>"
            f"<td>{html.escape(g.message)}</td></tr>" for g in mine)
        total = f"{sum(g.points for g in mine)}/{sum(g.max_points for g in mine)}"
        (folder / f"{student}.html").write_text(
            f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Feedback for {html.escape(student)}</title></head><body>\n"
            f"<h1>Feedback for {html.escape(student)}: {total} points</h1>\n"
            "<table><thead><tr><th>Notebook</th><th>Exercise</th><th>Outcome</th><th>Points</th>"
            f"<th>What the check says</th></tr></thead><tbody>\n{rows}\n</tbody></table>\n</body></html>\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submissions", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "build")
    parser.add_argument("--timeout", type=int, default=60, help="seconds per cell")
    parser.add_argument("--memory-mb", type=int, default=2048, help="address-space cap per kernel")
    args = parser.parse_args(argv)
    try:
        grades = grade_folder(args.submissions, args.out, args.timeout, args.memory_mb)
    except ValueError as exc:
        parser.error(str(exc))
    print(f"{len(grades)} results in {args.out / 'grades.csv'}; feedback in {args.out / 'feedback'}")


if __name__ == "__main__":
    main()
