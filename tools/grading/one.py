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
from dataclasses import dataclass, field
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
    inputs: dict = field(default_factory=dict)      # exercise id -> (encoded cases, time limit)
    weights: dict = field(default_factory=dict)     # exercise id -> points (default 1)

    @classmethod
    def load(cls, root, edition, notebooks=None, weights=None):
        course = cls(Path(root), Path(edition), weights=dict(weights or {}))
        for path in sorted(Path(notebooks or Path(root) / "notebooks").glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            course.exercises[path.stem] = submission.course_exercises(nb)
            course.sources[path.stem] = {c.source for c in nb.cells if c.cell_type == "code"}
            for ex in course.exercises[path.stem]:
                course.inputs[ex.exercise_id] = judge.exercise_inputs(ex.exercise_id)
        return course


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
    started, limits = time.monotonic(), limits or sandbox.Limits()
    data = Path(path).read_bytes()
    result = {"student": student, "notebook": stem, "file": str(path), "sha256": submission.digest(data),
              "grader": GRADER_VERSION, "sandbox": sandbox.caps_note(unsafe), "notes": []}
    exercises = course.exercises[stem]
    parsed, problem = submission.parse(data, exercises, course.sources[stem])
    if problem:
        verdicts = {ex.exercise_id: judge.Verdict("unreadable", problem) for ex in exercises}
    else:
        verdicts = _run_and_judge(course, parsed, exercises, limits, unsafe, bwrap)
        result["notes"] = parsed.notes
    result["rows"] = rows_for(course, stem, verdicts)
    result["seconds"] = round(time.monotonic() - started, 2)
    return result


def _run_and_judge(course, parsed, exercises, limits, unsafe, bwrap):
    verdicts = {ex.exercise_id: judge.Verdict("missing", "the exercise cell is missing from the submission "
                                              "(deleted, or its check(...) line and metadata removed)")
                for ex in exercises if ex.exercise_id not in parsed.chosen}
    if not parsed.chosen:
        return verdicts
    plan = submission.plan(parsed, exercises, course.inputs, limits.cell)
    with tempfile.TemporaryDirectory(prefix="grade-one-") as tmp:
        plan_path = Path(tmp, "plan.json")
        plan_path.write_text(json.dumps(plan))
        lines, stop = sandbox.run_plan(plan_path, course.edition, limits, unsafe=unsafe, bwrap=bwrap)
    records, finished = judge.read_lines(lines)
    for exercise_id, index in parsed.chosen.items():
        own = [parsed.cells[i][1] for i in submission.own_cells(parsed, exercise_id)]
        verdicts[exercise_id] = judge.verdict(exercise_id, records.get(index), finished, stop, own, limits.cell)
    return verdicts
