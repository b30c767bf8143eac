"""Benchmark `make grade`: seconds per student for all 8 notebooks, and the grader's own memory.

    .venv/bin/python benchmarks/grade_class.py [--students 4] [--jobs 2] [--flood-mb 200]

Builds a class in a temporary folder: ``--students`` students who hand in every notebook with
every worked solution, plus one "flood" student whose 03 prints ``--flood-mb`` MB (the case
that once took the grader from 159 MB to 1.1 GB). Grades it in this process with
``tools/grade.py``'s ``grade`` (the sandbox, ``--jobs`` at a time) and reports wall seconds per
student (goal <= 18 s with 2 jobs on 2 cores), the grader process's peak RSS (goal <= 300 MB;
the sandboxed runners are separate processes and are capped on their own), and whether every
solved exercise passed. Writes build/bench-grade.json. A benchmark, not a test.
"""

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import grade
import nbformat
from exercise_cells import insert_solution, with_solutions

GOAL_SECONDS, GOAL_MB = 18.0, 300.0


def build_class(folder, students, flood_mb):
    """``students`` all-correct students (every notebook) and one flooding student; returns the notebook count."""
    count = 0
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        solved = with_solutions(nbformat.read(path, as_version=4))
        for k in range(students):
            target = Path(folder) / f"student{k:03d}" / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(solved, target)
            count += 1
        if path.stem == "03_norms" and flood_mb:
            flood = nbformat.read(path, as_version=4)
            cell = next(c for c in flood.cells if 'check("03.which_are_norms"' in c.source)
            cell.source = insert_solution(cell.source, f"for _ in range({flood_mb}):\n    print('x' * 2**20)")
            target = Path(folder) / "zz_flood" / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(flood, target)
    return count


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=4)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--flood-mb", type=int, default=200)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench-grade.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-grade-") as tmp:
        notebooks = build_class(Path(tmp) / "class", args.students, args.flood_mb)
        started = time.monotonic()
        outcomes = grade.grade(Path(tmp) / "class", Path(tmp) / "out", jobs=args.jobs, log=lambda *a: None)
        seconds = time.monotonic() - started
        rows = grade.gradebook.load_all(Path(tmp) / "out")
    solved = [row for r in rows if r["student"] != "zz_flood" for row in r["rows"]]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    per_student = seconds / (args.students + (1 / 8 if args.flood_mb else 0))
    figures = {
        "students": args.students, "notebooks": notebooks, "jobs": args.jobs, "seconds": round(seconds, 1),
        "seconds_per_student": round(per_student, 1), "goal_seconds_per_student": GOAL_SECONDS,
        "grader_peak_rss_mb": round(peak_mb), "goal_grader_mb": GOAL_MB, "flood_mb": args.flood_mb,
        "all_solutions_passed": all(row["outcome"] == "passed" for row in solved),
        "outcomes": dict(outcomes),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=1))
    print(f"{per_student:.1f} s per student (8 notebooks, {args.jobs} jobs; goal <= {GOAL_SECONDS:g} s) - "
          f"{'met' if per_student <= GOAL_SECONDS else 'MISSED'}")
    print(f"grader peak RSS {peak_mb:.0f} MB with a {args.flood_mb} MB print in the class (goal <= {GOAL_MB:g} MB) - "
          f"{'met' if peak_mb <= GOAL_MB else 'MISSED'}")
    print(f"every worked solution passed: {figures['all_solutions_passed']}; outcomes {dict(outcomes)}")
    print(f"figures in {args.out}")


if __name__ == "__main__":
    main()
