"""Grade one submitted notebook: parse it, run its plan in the sandbox, judge what came back.

``Course`` is everything the grader knows of the course (loaded once per run, shared by the
worker threads): each notebook's exercises and code cells, the judge's inputs per exercise,
and the prepared student edition the sandbox mounts. ``grade_file`` returns the submission's
result (a JSON-ready dict with one row per exercise of its notebook); it never raises on a
student's file.
"""

import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import nbformat

from . import judge, sandbox, submission

GRADER_VERSION = "2"  # a change here regrades everything on the next run (resume compares it)


@dataclass
class Course:
    root: Path
    edition: Path                      # the prepared student edition (sandbox.prepare_course)
    exercises: dict = field(default_factory=dict)   # stem -> [CourseExercise]
    sources: dict = field(default_factory=dict)     # stem -> {code cell sources}
    demos: dict = field(default_factory=dict)       # stem -> {demo cells calling check}
    inputs: dict = field(default_factory=dict)      # exercise id -> (encoded cases, time limit)
    weights: dict = field(default_factory=dict)     # exercise id -> points (default 1)
    bytecode: Path | None = None                    # compiled modules for the sandbox (sandbox.self_test)
    ready: Callable | None = None                   # called before the first sandbox run (the self-test)

    @classmethod
    def load(cls, root, edition, notebooks=None, weights=None):
        course = cls(Path(root), Path(edition), weights=dict(weights or {}))
        for path in notebook_paths(root, notebooks):
            nb = nbformat.read(path, as_version=4)
            course.exercises[path.stem] = submission.course_exercises(nb)
            course.sources[path.stem] = {c.source for c in nb.cells if c.cell_type == "code"}
            course.demos[path.stem] = submission.demo_sources(nb, course.exercises[path.stem])
            for ex in course.exercises[path.stem]:
                course.inputs[ex.exercise_id] = judge.exercise_inputs(ex.exercise_id)
        return course


def notebook_paths(root, notebooks=None):
    """The course notebooks: ``notebooks/*.ipynb`` of ``root``, or of the folder ``notebooks``."""
    return sorted(Path(notebooks or Path(root) / "notebooks").glob("*.ipynb"))


def rows_for(course, stem, verdicts):
    """One gradebook row per exercise of notebook ``stem`` from ``{exercise id: Verdict}``."""
    rows = []
    for ex in course.exercises[stem]:
        v = verdicts[ex.exercise_id]
        weight = course.weights.get(ex.exercise_id, 1)
        rows.append({"exercise": ex.exercise_id, "outcome": v.outcome, "message": v.message,
                     "points": weight if v.outcome == "passed" else 0, "max_points": weight})
    return rows


def grade_file(course, student, stem, path, limits=None, unsafe=False, bwrap=None):
    """The result of ``student``'s file ``path`` graded as course notebook ``stem``."""
    return grade_student(course, student, [(stem, path)], limits, unsafe, bwrap)[0]


def prepare(course, student, files, sandbox_label):
    """``(results, runs)``: each file read and parsed; ``runs`` are those with exercise cells to run."""
    results, runs = [], []
    for stem, path in files:
        started = time.monotonic()
        data = Path(path).read_bytes()
        result = {"student": student, "notebook": stem, "file": str(path), "sha256": submission.digest(data),
                  "grader": GRADER_VERSION, "sandbox": sandbox_label, "notes": []}
        exercises = course.exercises[stem]
        parsed, problem = submission.parse(data, exercises, course.sources[stem], course.demos[stem])
        verdicts = {ex.exercise_id: judge.Verdict("unreadable", problem) for ex in exercises} if problem else {
            ex.exercise_id: judge.Verdict("missing", "the exercise cell is missing from the submission "
                                          "(deleted, or its check(...) line and metadata removed)")
            for ex in exercises if ex.exercise_id not in parsed.chosen}
        if parsed is not None:
            result["notes"] = parsed.notes
            if parsed.chosen:
                runs.append((result, parsed, verdicts))
        result["seconds"] = time.monotonic() - started
        results.append((result, verdicts))
    return results, runs


def batch(course, runs, limits):
    """The runner's batch for ``runs`` (JSON-ready): one plan per notebook and the wall time of each."""
    return {"notebooks": [submission.plan(parsed, course.exercises[result["notebook"]], course.inputs, limits.cell)
                          for result, parsed, _ in runs], "wall": limits.wall}


def judge_batch(runs, lines, stop, limits, seconds=0.0):
    """Fill the verdicts of ``runs`` from the runner's ``lines``; returns the runs that never ran (to rerun)."""
    by_plan = judge.read_plans(lines, len(runs))
    first_stopped = next((k for k, (_, done, _) in enumerate(by_plan) if not done), len(runs))
    for k, (result, parsed, verdicts) in enumerate(runs[:first_stopped + 1]):
        records, done, plan_stop = by_plan[k]
        result["seconds"] += seconds / len(runs)
        for exercise_id, index in parsed.chosen.items():
            own = [parsed.cells[i][1] for i in submission.own_cells(parsed, exercise_id)]
            verdicts[exercise_id] = judge.verdict(exercise_id, records.get(index), done, plan_stop if done else stop,
                                                  own, limits.cell)
    return runs[first_stopped + 1:]  # they never ran: the sandbox had stopped during an earlier one


def finish(course, results):
    """The results with their gradebook rows."""
    for result, verdicts in results:
        result["rows"] = rows_for(course, result["notebook"], verdicts)
        result["seconds"] = round(result["seconds"], 2)
    return [result for result, _ in results]


def grade_student(course, student, files, limits=None, unsafe=False, bwrap=None):
    """The results of one student's files ``[(stem, path), ...]``, all run in one sandbox.

    One sandbox per student: the imports are paid once (the runner forks a fresh child per
    notebook) and nothing is shared with another student. When the watchdog stops the sandbox
    (memory, processes) or the student's code ends the runner, the notebook that was running gets
    that outcome and the notebooks after it run again in a new sandbox.
    """
    limits = limits or sandbox.Limits()
    results, runs = prepare(course, student, files, sandbox.caps_note(unsafe))
    if runs and course.ready is not None:
        course.ready()
    while runs:
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="grade-one-") as tmp:
            path = Path(tmp, "batch.json")
            path.write_text(json.dumps(batch(course, runs, limits)))
            # The runner stops each notebook at limits.wall itself; the watchdog's cap is the backstop.
            whole = replace(limits, wall=limits.wall * len(runs) + 30)
            lines, stop = sandbox.run_plan(path, course.edition, whole, unsafe, bwrap, bytecode=course.bytecode)
        runs = judge_batch(runs, lines, stop, limits, time.monotonic() - started)
    return finish(course, results)
