"""Grade a class's notebooks: each submission sandboxed, judged outside, one gradebook that survives.

    python tools/grade.py SUBMISSIONS [--out build] [--jobs 2] [--student NAME] [--notebook 03_norms]
                          [--shard 1/4] [--regrade] [--unsafe] [--weights weights.json]
    python tools/grade.py --merge PART [PART ...] --out OUT   # shards' output folders into OUT
    python tools/grade.py --collect-homes /home --into SUBMISSIONS [--home-path applied-dl-math/notebooks]
    python tools/grade.py --collect-exchange /srv/nbgrader/exchange --into SUBMISSIONS
    python tools/grade.py --return-feedback /home [--out build]     # feedback pages into students' homes

How (tools/grading/): every submitted notebook (``<student>/<notebook>.ipynb``, renamed copies
and nbgrader's ``submitted/<student>/<assignment>/`` too: ``discover.py``) is read without
trusting it (``submission.py``), and its code cells run in a bubblewrap sandbox (``sandbox.py``:
no network, no course checkout, no key, no other submission, a private /tmp, caps on time,
memory, processes, disk and output) by ``runner.py``, which hands each exercise's answer out
as plain data. The judge (``judge.py``) decodes that data with limits and compares it with the
key; student code never runs in this process. Each submission's result is written atomically
as it finishes (``gradebook.py``), so a crash loses nothing else, ``--student``/``--notebook``
regrade into the class gradebook, and an interrupted run resumes where it stopped.

Writes ``OUT/grades.csv`` (student, notebook, exercise, outcome, points, max_points, message,
sandbox) and ``OUT/feedback/<student>.html``. Without bubblewrap it refuses, naming the fix,
unless ``--unsafe`` (recorded in every row's ``sandbox`` column). The sandbox's compiled modules
are kept in ``build/grade-bytecode`` between runs (written only by the self-test, read-only to
every student: ``sandbox.self_test``).
"""

import argparse
import json
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from grading import discover, export, feedback, gradebook, hub, one, report, sandbox, stages
from grading.gradebook import COLUMNS  # noqa: F401 - the gradebook's columns, for callers
from grading.judge import OUTCOMES  # noqa: F401 - every outcome a row can have

ROOT = Path(__file__).resolve().parent.parent


def parse_shard(text):
    """``"i/N"`` -> ``(i, N)`` with 1 <= i <= N."""
    try:
        i, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise ValueError(f"--shard must look like 2/8 (this shard / number of shards), got {text!r}") from None
    if not 1 <= i <= n:
        raise ValueError(f"--shard i/N needs 1 <= i <= N, got {text!r}")
    return i, n


def select(found, students=(), notebooks=(), shard=None):
    """The submissions to grade this run (filters by student and notebook, then this shard's share)."""
    wanted_nb = {n.removesuffix(".ipynb") for n in notebooks}
    chosen = [f for f in found if (not students or f.student in students) and
              (not wanted_nb or (f.notebook or "") in wanted_nb or (f.notebook or "")[:2] in wanted_nb)]
    if shard:  # by student: a student's notebooks stay together (one sandbox, one pod)
        i, n = shard
        names = sorted({f.student for f in chosen})
        mine = {name for k, name in enumerate(names) if k % n == i - 1}
        chosen = [f for f in chosen if f.student in mine]
    return chosen


def stray_result(f, stems):
    """The result of a file that matches no course notebook: one row saying so."""
    return {"student": f.student, "notebook": f"other: {f.path.name}", "file": str(f.path), "sha256": "",
            "grader": one.GRADER_VERSION, "sandbox": "", "notes": [], "seconds": 0,
            "rows": [{"exercise": "-", "outcome": "not a course notebook", "points": 0, "max_points": 0,
                      "message": f"{f.path.name} matches no course notebook ({', '.join(sorted(stems))})"}]}


def write_outputs(out, roster=None):
    """The gradebook CSV, feedback pages, class report and LMS exports, all from the stored results."""
    results = gradebook.load_all(out)
    rows = gradebook.write_csv(out, results)
    feedback.write_pages(out, results)
    report.write_report(out, results)
    export.write_exports(out, results, roster)
    return rows


def grade(submissions, out, *, jobs=1, students=(), notebooks=(), shard=None, regrade=False, unsafe=False,
          limits=None, weights=None, notebooks_dir=None, log=print, roster=None):
    """Grade ``submissions`` into ``out``; returns the Counter of outcomes of the submissions graded now."""
    out, limits = Path(out), limits or sandbox.Limits()
    bwrap = None if unsafe else sandbox.check_sandbox()
    log(("WARNING: " if unsafe else "sandbox: ") + sandbox.caps_detail(unsafe))
    # A wrong folder or student name is said before the course is prepared.
    found = discover.discover(submissions, {path.stem for path in one.notebook_paths(ROOT, notebooks_dir)})
    if students and not any(f.student in students for f in found):
        raise ValueError(f"no submission of {', '.join(students)} under {submissions}")
    todo = select(found, students, notebooks, shard)
    with tempfile.TemporaryDirectory(prefix="grade-course-") as tmp:
        edition = sandbox.prepare_course(ROOT, Path(tmp) / "course")
        course = one.Course.load(ROOT, edition, notebooks_dir, weights)
        course.bytecode = None if unsafe else sandbox.bytecode_folder(ROOT)
        # Before the first sandbox, not at all when no file has code to run (a resumed run, unreadable files).
        course.ready = _once(lambda: sandbox.self_test(edition, limits, unsafe, bwrap, bytecode=course.bytecode))
        outcomes, started, done = Counter(), time.monotonic(), 0
        pending = []
        for f in todo:
            if f.notebook is None:
                gradebook.save(out, stray_result(f, course.exercises))
                outcomes["not a course notebook"] += 1
                continue
            if not regrade and gradebook.is_current(out, f.student, f.notebook,
                                                    _digest(f.path), one.GRADER_VERSION):
                continue  # graded before, unchanged: resume skips it
            pending.append(f)
        log(f"{len(pending)} submissions to grade ({len(todo) - len(pending)} already graded or not notebooks), "
            f"{jobs} students at a time")
        by_student = {}
        for f in pending:
            by_student.setdefault(f.student, []).append(f)
        try:
            with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
                futures = [pool.submit(_grade_student, course, files, limits, unsafe, bwrap)
                           for files in by_student.values()]
                for future in as_completed(futures):
                    for result in future.result():
                        gradebook.save(out, result)
                        done += 1
                        outcomes.update(row["outcome"] for row in result["rows"])
                        left = (time.monotonic() - started) / done * (len(pending) - done)
                        points = sum(r["points"] for r in result["rows"])
                        best = sum(r["max_points"] for r in result["rows"])
                        log(f"[{done}/{len(pending)}] {result['student']}/{result['notebook']}: {points}/{best} "
                            f"({result['seconds']:.1f} s; about {left:.0f} s left)")
        finally:
            rows = write_outputs(out, roster)
    log(f"{rows} rows in {out / 'grades.csv'}; feedback in {out / 'feedback'}; class report {out / 'report.html'}; "
        f"Canvas/Moodle CSV in {out / 'export'}")
    log("outcomes this run: " + (", ".join(f"{k} {v}" for k, v in outcomes.most_common()) or "nothing graded"))
    return outcomes


@dataclass(frozen=True)
class Row:
    """One gradebook row, as ``grades.csv`` holds it."""

    student: str
    notebook: str
    exercise: str
    outcome: str
    points: int
    max_points: int
    message: str


def grade_folder(submissions, out=ROOT / "build", timeout=60, memory_mb=2048, jobs=1, **options):
    """Grade ``submissions`` into ``out`` (see :func:`grade`); returns every row of the gradebook."""
    limits = sandbox.Limits(cell=timeout, memory_mb=memory_mb)
    grade(submissions, out, jobs=jobs, limits=limits, log=lambda *a: None, **options)
    return [Row(r["student"], r["notebook"], row["exercise"], row["outcome"], row["points"], row["max_points"],
                row["message"]) for r in gradebook.load_all(out) for row in r["rows"]]


def _once(function):
    """``function`` run on the first call only (from any thread); each later call raises what it raised."""
    lock, outcome = threading.Lock(), []
    def call():
        with lock:
            if not outcome:
                try:
                    function()
                    outcome.append(None)
                except Exception as exc:  # noqa: BLE001 - kept to raise again in every student's thread
                    outcome.append(exc)
            if outcome[0] is not None:
                raise outcome[0]
    return call


def _digest(path):
    from grading.submission import digest
    return digest(Path(path).read_bytes())


def _grade_student(course, files, limits, unsafe, bwrap):
    """One student's results (their notebooks share one sandbox); a grader failure is their rows' error."""
    try:
        results = one.grade_student(course, files[0].student, [(f.notebook, f.path) for f in files],
                                    limits, unsafe, bwrap)
    except sandbox.SandboxUnavailable:
        raise  # the self-test failed: the whole run stops with the reason
    except Exception as exc:  # noqa: BLE001 - one student's grader failure must not stop the class
        results = [{"student": f.student, "notebook": f.notebook, "file": str(f.path), "sha256": "",
                    "grader": one.GRADER_VERSION, "sandbox": sandbox.caps_note(unsafe), "notes": [], "seconds": 0,
                    "rows": one.rows_for(course, f.notebook, {ex.exercise_id: one.judge.Verdict(
                        "error", f"the grader failed on this file ({type(exc).__name__}: {str(exc)[:200]})")
                        for ex in course.exercises[f.notebook]})} for f in files]
    for f, result in zip(files, results):
        result["notes"] = list(f.notes) + list(result.get("notes", []))
    return results


def staged(args, limits, weights):
    """One step of a pod's plan -> run -> judge (tools/grading/stages.py)."""
    if args.work is None:
        raise ValueError("--stage needs --work FOLDER (the scratch volume the pod's containers share)")
    with tempfile.TemporaryDirectory(prefix="grade-course-") as tmp:
        course = one.Course.load(ROOT, Path(tmp), None, weights)
        found = select(discover.discover(args.submissions, set(course.exercises)), args.student, args.notebook,
                       parse_shard(args.shard) if args.shard else None)
        if args.stage == "plan":
            print(f"planned {stages.plan_stage(course, found, args.work, limits, ROOT)} notebooks in {args.work}")
            return
        for f in found:
            if f.notebook is None:
                gradebook.save(args.out, stray_result(f, course.exercises))
        results = stages.judge_stage(course, found, args.work, args.out, limits)
        print(f"judged {len(results)} notebooks into {args.out}")


def hub_command(args):
    """Collect from or return to the hub when asked (tools/grading/hub.py); whether anything was asked."""
    if args.collect_homes or args.collect_exchange:
        if args.into is None:
            raise ValueError("--collect-homes/--collect-exchange need --into SUBMISSIONS")
        copied = (hub.collect_homes(args.collect_homes, args.into, args.home_path) if args.collect_homes
                  else hub.collect_exchange(args.collect_exchange, args.into))
        print(f"collected {sum(map(len, copied.values()))} notebooks of {len(copied)} students into {args.into}")
        return True
    if args.return_feedback:
        served = hub.return_feedback(args.out, args.return_feedback)
        print(f"returned {len(served)} feedback pages into {args.return_feedback}/<student>/course-feedback.html")
        return True
    return False


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submissions", type=Path, nargs="?")
    parser.add_argument("--out", type=Path, default=ROOT / "build")
    parser.add_argument("--jobs", type=int, default=1, help="submissions graded at once")
    parser.add_argument("--student", action="append", default=[], help="regrade only this student (repeatable)")
    parser.add_argument("--notebook", action="append", default=[], help="regrade only this notebook, e.g. 03_norms or 03")
    parser.add_argument("--shard", help="i/N: grade every N-th submission starting at the i-th (batch engines)")
    parser.add_argument("--merge", nargs="+", type=Path, metavar="PART", help="merge shard output folders into --out")
    parser.add_argument("--stage", choices=("plan", "judge"), help="a pod's step (deploy/grade-job.yaml)")
    parser.add_argument("--work", type=Path, help="the scratch folder shared by a pod's steps")
    parser.add_argument("--collect-homes", type=Path, metavar="HOMES", help="copy each home's notebooks (--into)")
    parser.add_argument("--collect-exchange", type=Path, metavar="EXCHANGE", help="nbgrader's inbound (--into)")
    parser.add_argument("--into", type=Path, help="the SUBMISSIONS folder the collected notebooks go to")
    parser.add_argument("--home-path", default="applied-dl-math/notebooks", help="the course folder in a home")
    parser.add_argument("--return-feedback", type=Path, metavar="HOMES", help="each page into homes/<student>/")
    parser.add_argument("--regrade", action="store_true", help="grade again even when a result is current")
    parser.add_argument("--unsafe", action="store_true", help="grade without the sandbox (recorded)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per cell")
    parser.add_argument("--wall", type=float, default=300, help="seconds per notebook")
    parser.add_argument("--memory-mb", type=int, default=2048, help="memory of one notebook's processes together")
    parser.add_argument("--roster", type=Path, help="CSV student,lms_id,name for the Canvas/Moodle exports")
    parser.add_argument("--weights", type=Path, help='JSON {"03.lp_norm": 2, ...}: points per exercise (default 1)')
    args = parser.parse_args(argv)
    try:
        if hub_command(args):
            return
        if args.merge:
            copied = gradebook.merge(args.out, args.merge)
            rows = write_outputs(args.out, export.read_roster(args.roster))
            print(f"merged {copied} results; {rows} rows in {args.out / 'grades.csv'}")
            return
        if args.submissions is None:
            parser.error("SUBMISSIONS is required (or --merge OUT PART ...)")
        weights = json.loads(args.weights.read_text()) if args.weights else None
        limits = sandbox.Limits(wall=args.wall, cell=args.timeout, memory_mb=args.memory_mb)
        if args.stage:
            staged(args, limits, weights)
            return
        grade(args.submissions, args.out, jobs=args.jobs, students=args.student, notebooks=args.notebook,
              shard=parse_shard(args.shard) if args.shard else None,
              regrade=args.regrade or bool(args.student or args.notebook),  # asked for by name: graded again
              unsafe=args.unsafe, limits=limits, weights=weights, roster=export.read_roster(args.roster))
    except sandbox.SandboxUnavailable as exc:
        print(f"make grade refuses to run: {exc}", file=sys.stderr)
        sys.exit(3)
    except ValueError as exc:
        parser.error(str(exc))


if __name__ == "__main__":
    main()
