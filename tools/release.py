"""The instructor edition: one source, three releases.

    python tools/release.py [OUT]     # default OUT: build/release

builds, from ``notebooks/*.ipynb``:

- ``OUT/student/``: no worked solutions, exercise outputs cleared, nothing that shows an answer
  (the notebooks only; their ``check`` is practice mode, the key is in the course's package);
- ``OUT/student-edition/``: the graded student edition (tools/release_student.py): those
  notebooks with a ``lecture_utils`` that holds no key of a graded exercise, data, README and
  what ``pip install .`` needs - what ``make publish-student`` commits to the student repository;
- ``OUT/self-study/``: today's notebooks, folded solutions included;
- ``OUT/nbgrader/``: an nbgrader course folder (``nbgrader_config.py``, ``source/<nb>/<nb>.ipynb``)
  with answer cells (``### BEGIN SOLUTION`` ... ``### END SOLUTION``), one autograder test
  cell worth points per exercise calling the course's own check, every other cell locked.

Everything is derived from contract 1 (see CONTRIBUTING.md): an exercise cell is tagged
``exercise`` and holds one line ``check("NN.name", <answer>)``; the next cell is a markdown cell
tagged ``solution`` whose ``<details>`` block holds the worked solution in a ```python fence.
The cells are read by tools/exercise_cells.py, as the solution tests and tools/grade.py read them.
"""

import argparse
import ast
import copy
import json
import shutil
from pathlib import Path

import nbformat
from exercise_cells import (
    EXERCISE_TAG,
    SOLUTION_TAG,
    check_call,
    check_lines,
    exercise_cells,
    insert_solution,
    is_solution_cell,
    tags,
    without_solution_text,
)
from grading.nbgrader_course import keep_course_id
from grading.rules import with_grading_rule

ROOT = Path(__file__).resolve().parent.parent
POINTS = 1
NBGRADER_CONFIG = '''\
"""nbgrader course folder built by `make release` (tools/release.py): edit the source, not this."""
c = get_config()  # noqa: F821 - nbgrader provides get_config
c.CourseDirectory.course_id = "applied-deep-learning-math"
# The released answer cell keeps the exercise's own scaffold (answer = ...) and its check line.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE"}
# A student's infinite loop is interrupted after this many seconds; the rest still runs.
c.Execute.timeout = 120
# Not True: nbgrader 0.9's add_missing_cells crashes autograde (KeyError) when a student deleted a
# whole exercise or stripped its metadata, and the notebook scores 0; False grades the rest.
c.OverwriteCells.add_missing_cells = False
'''


def without_solution(cell, keep_empty_tags=False):
    """Solution ``cell`` without its worked solution and ``solution`` tag; None when no text is left.

    ``keep_empty_tags`` leaves ``"tags": []`` in the metadata (as the nbgrader edition always has).
    """
    cell.source = without_solution_text(cell.source)
    rest = [t for t in tags(cell) if t != SOLUTION_TAG]
    cell.metadata.pop("tags", None)
    if rest or keep_empty_tags:
        cell.metadata["tags"] = rest
    return cell if cell.source.strip() else None


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

    for line in check_lines(source):
        try:
            exercise_id, answer = check_call(line)
            if evaluate(exercise_id, ast.literal_eval(answer)).passed:
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
            cell = without_solution(cell)
            if cell is None:
                continue
        elif cell.cell_type == "code":
            shown = _text_of_outputs(cell)
            is_exercise = EXERCISE_TAG in tags(cell)
            if not is_exercise and (any(m in shown for m in correct) or checks_a_right_literal(cell.source)):
                continue  # a demo cell whose source is a right answer
            # A cell after the exercises reading an answer's name shows something computed from it.
            if is_exercise or (index > first and _names(cell.source) & answers):
                clear_outputs(cell)
        keep.append(cell)
    nb.cells = keep
    leaked = solution_leaks(nbformat.writes(nb), secret)
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


def solution_leaks(text, lines):
    """The solution ``lines`` found anywhere in a notebook's file ``text`` (sources, outputs, metadata)."""
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
            cell = without_solution(cell, keep_empty_tags=True)
            if cell is None:
                continue
        cells.append(_nbgrader(cell, f"cell_{cell.get('id') or index}", locked=True))
    nb.cells = cells
    return nb


def build(out=ROOT / "build" / "release", notebooks=None, assignment=None, graded="all", repository=None,
          branch="student", seed=None):
    """Write the releases under ``out``; returns the written notebook paths by release.

    Parameters
    ----------
    out : path
        Folder to (re)create.
    notebooks : list of paths, optional
        Default: every ``notebooks/*.ipynb``.
    assignment : str, optional
        Put every notebook into this one nbgrader assignment instead of one assignment each.
    graded : str
        The graded exercises of the student edition: "all", "none", or notebook numbers and
        exercise ids separated by commas (``release_student.graded_ids``).
    repository, branch : str, optional
        The student repository (GitHub ``owner/name``, for Colab) and branch.
    seed : int, optional
        The class seed: the student edition's graded value exercises get this class's numbers.
    """
    import release_student

    graded_ids = release_student.graded_ids(graded)
    out = Path(out)
    paths = sorted(Path(p) for p in notebooks) if notebooks else sorted((ROOT / "notebooks").glob("*.ipynb"))
    config = out / "nbgrader" / "nbgrader_config.py"
    previous = config.read_text() if config.is_file() else None
    if out.exists():
        shutil.rmtree(out)
    written = {"student": [], "self-study": [], "nbgrader": []}
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        targets = {
            "student": (out / "student" / path.name, with_grading_rule(student_edition(nb))),
            "self-study": (out / "self-study" / path.name, nb),
            "nbgrader": (out / "nbgrader" / "source" / (assignment or path.stem) / path.name, nbgrader_edition(nb)),
        }
        for release, (target, book) in targets.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(book, target)
            written[release].append(target)
    config.write_text(keep_course_id(NBGRADER_CONFIG, previous))
    edition = release_student.build_edition(out / "student-edition", graded_ids, repository, branch, paths, seed)
    written["student-edition"] = sorted((edition / "notebooks").glob("*.ipynb"))
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description="Build the student, self-study, nbgrader and graded student editions.")
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "build" / "release")
    parser.add_argument("--graded", default="all", help="graded exercises: all (default), none, or notebook "
                        "numbers and exercise ids separated by commas (03,04.chain_rule)")
    parser.add_argument("--publish", metavar="REPO", help="commit the graded student edition to this repository")
    parser.add_argument("--branch", default="student", help="the student branch (default %(default)s)")
    parser.add_argument("--seed", type=int, help="class seed: graded value exercises get this class's numbers "
                        "(give the checker service and make grade the same COURSE_SEED)")
    args = parser.parse_args(argv)
    import release_student

    from lecture_utils.checks import all_exercises, variants

    repository = release_student.github_repository(args.publish) if args.publish else None
    written = build(args.out, graded=args.graded, repository=repository, branch=args.branch, seed=args.seed)
    for release, targets in written.items():
        print(f"{release}: {len(targets)} notebooks under {args.out / release}")
    if args.seed is not None:
        graded = release_student.graded_ids(args.graded)
        same = [ex.id for ex in all_exercises() if ex.id in graded and ex.cases is None
                and ex.id not in variants.declared()]
        print(f"class numbers (seed {args.seed}) for {len(graded & set(variants.declared()))} exercises; "
              f"public numbers kept (no variant declared): {', '.join(same) or 'none'}. "
              f"Set COURSE_SEED={args.seed} for the checker service and `make grade`.")
    if args.publish:
        import release_publish

        print(release_publish.publish(args.out / "student-edition", args.publish, args.branch))


if __name__ == "__main__":
    main()
