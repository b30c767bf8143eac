"""Grading split into three steps for a batch engine whose pods are the boundary (deploy/grade-job.yaml).

Where user namespaces are blocked (many Kubernetes clusters' seccomp profiles), bubblewrap cannot
run; the boundary is then the pod's containers, run one after another on a shared scratch
volume::

    plan   (grader image, holds the key)  grade.py --stage plan  --shard i/N --work /work SUBMISSIONS
           -> /work/batch.json (the student's plans, inputs included), /work/course (student
              edition) and /work/runner.py
    run    (runtime image: Python packages only, no course, no key; no network, non-root, capped)
           python /work/runner.py /work/batch.json 3 3>/work/lines.jsonl
    judge  (grader image)                 grade.py --stage judge --shard i/N --work /work --out OUT SUBMISSIONS
           -> OUT/grading/results/<student>/<notebook>.json; then `grade.py --merge`

The judge re-reads the submissions (the same files, parsed the same way) and reads at most
``Limits.max_result`` bytes of the runner's lines; a notebook the run never reached is graded
"error" (there is no second sandbox to rerun it in).
"""

import json
import shutil
from pathlib import Path

from . import gradebook, one, sandbox

LINES = "lines.jsonl"


def _files(found):
    by_student = {}
    for f in found:
        if f.notebook is not None:
            by_student.setdefault(f.student, []).append(f)
    return by_student


def plan_stage(course, found, work, limits, root):
    """Write ``work/batch.json`` (every selected student's notebooks, in order) and ``work/course``."""
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    runs = []
    for student, files in sorted(_files(found).items()):
        runs += one.prepare(course, student, [(f.notebook, f.path) for f in files], "pod")[1]
    (work / "batch.json").write_text(json.dumps(one.batch(course, runs, limits)))
    if (work / "course").exists():
        shutil.rmtree(work / "course")
    sandbox.prepare_course(root, work / "course")
    shutil.copy(sandbox.RUNNER, work / "runner.py")
    return len(runs)


def judge_stage(course, found, work, out, limits):
    """Judge ``work/lines.jsonl`` against the same submissions; save every selected result under ``out``."""
    path = Path(work) / LINES
    try:
        with open(path, "rb") as f:
            data = f.read(limits.max_result)
    except OSError:
        data = b""
    prepared, runs = [], []
    for student, files in sorted(_files(found).items()):
        results, mine = one.prepare(course, student, [(f.notebook, f.path) for f in files], "pod")
        prepared += results
        runs += mine
    never = one.judge_batch(runs, data.splitlines(), None, limits)
    for _, parsed, verdicts in never:
        for exercise_id in parsed.chosen:
            verdicts[exercise_id] = one.judge.Verdict("error", "not graded: the run stopped before this notebook")
    results = one.finish(course, prepared)
    notes = {(f.student, f.notebook): f.notes for f in found}
    for result in results:
        result["notes"] = list(notes.get((result["student"], result["notebook"]), [])) + result["notes"]
        gradebook.save(out, result)
    return results
