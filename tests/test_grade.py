"""`make grade` (tools/grade.py, tools/grading/): a hostile class, the sandbox, the gradebook.

The hostile class (tests/grading/hostile_class.py) is graded once per module by the command
`make grade` runs, as a separate process, and then left alone for a few seconds: the tests
read what that run left (outcomes, points, the checkout, the gradebook, processes).
The good/blank/evil submissions built from contract 1 (tests/grading/contract_class.py) are
shared with tests/test_release.py, which grades them with nbgrader and ``grade.grade_folder``.
"""

import csv
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
import grade
import hostile_class
from contract_class import NOTEBOOKS, TIMEOUT, expected_outcomes, read_grades, source, submissions  # noqa: F401
from grading import discover, judge, rules, sandbox, submission

SECRET = "s3cret-instructor-token"
SETTLE = 4  # seconds the gradebook is watched after grading returns (the saboteur's daemon waits 2)
GRADE_CMD = [sys.executable, str(ROOT / "tools" / "grade.py")]
LIMITS = ["--jobs", "2", "--timeout", "5", "--wall", "40"]
# A runner started outside the sandbox reads make's compiled modules (where make keeps them), writes none.
BYTECODE_READ_ONLY = ({"PYTHONPYCACHEPREFIX": os.environ["PYTHONPYCACHEPREFIX"], "PYTHONDONTWRITEBYTECODE": "1"}
                      if os.environ.get("PYTHONPYCACHEPREFIX") else {})


def tree_digest(*folders):
    """``{relative path: sha256}`` of every file under ``folders`` of the checkout (caches excluded)."""
    found = {}
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                found[str(path.relative_to(ROOT))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def snapshot(out):
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def living(token):
    """PIDs of processes whose command line holds ``token``."""
    pids = []
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and token.encode() in Path(f"/proc/{entry}/cmdline").read_bytes():
                pids.append(int(entry))
        except OSError:
            continue
    return pids


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    try:
        sandbox.check_sandbox()
    except sandbox.SandboxUnavailable as exc:
        pytest.skip(str(exc))
    tmp = tmp_path_factory.mktemp("hostile")
    listener = socket.create_server(("127.0.0.1", 0))  # what the network spy tries to reach
    out, folder = tmp / "out", tmp / "class"
    expected = hostile_class.build(folder, ROOT, out, listener.getsockname()[1])
    victims = {p: p.read_bytes() for p in folder.glob("*_victim/*.ipynb")}
    checkout = tree_digest("lecture_utils", "tools", "notebooks", "data")
    started = time.monotonic()
    done = subprocess.run([*GRADE_CMD, str(folder), "--out", str(out), *LIMITS], check=False, capture_output=True, text=True,
                          env=dict(os.environ, **{hostile_class.SECRET_ENV: SECRET}), timeout=900)
    seconds = time.monotonic() - started
    at_return = snapshot(out)
    time.sleep(SETTLE)
    listener.close()
    return {"done": done, "out": out, "folder": folder, "expected": expected, "victims": victims,
            "checkout": checkout, "at_return": at_return, "seconds": seconds}


def rows_of(hostile):
    return read_grades(hostile["out"] / "grades.csv")


def test_grading_the_hostile_class_succeeds_and_reports_progress(hostile):
    done = hostile["done"]
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    n = sum(len({exercise[:2] for exercise in mine}) for mine in hostile["expected"].values())  # submissions
    assert f"[{n}/{n}]" in done.stdout and "left)" in done.stdout
    assert "outcomes this run:" in done.stdout and "Skipped: a cgroup" in done.stdout


def test_every_student_gets_exactly_the_outcome_earned(hostile):
    got = {}
    for row in rows_of(hostile):
        got.setdefault(row["student"], {})[row["exercise"]] = row["outcome"]
    assert got == hostile["expected"]


def test_cheaters_score_nothing_victims_and_honest_students_everything(hostile):
    points = {}
    for row in rows_of(hostile):
        points[row["student"]] = points.get(row["student"], 0) + int(row["points"])
    for name in [*hostile_class.CHEATS, "oscar_disk", "sam_env", "ned_network", "sid_saboteur", "pete_peer"]:
        assert points[name] == 0, name
    for name in ("a_victim", "z_victim", "erin_honest", "uma_renamed", "vic_nbgrader", "mia_metadata_list", "old_v3"):
        assert points[name] == 4, name
    assert all(row["sandbox"] == "bwrap" for row in rows_of(hostile))


def test_the_checkout_and_the_victims_files_are_untouched(hostile):
    assert tree_digest("lecture_utils", "tools", "notebooks", "data") == hostile["checkout"]
    # The compiled modules every sandbox reads (sandbox.self_test wrote them) are read-only to students.
    assert not list(sandbox.bytecode_folder(ROOT).rglob(hostile_class.PLANTED))
    for path, data in hostile["victims"].items():
        assert path.read_bytes() == data


def test_the_gradebook_stays_as_the_run_left_it_and_no_process_survives(hostile):
    out = hostile["out"]
    assert snapshot(out) == hostile["at_return"]
    assert not (out / "daemon-was-here").exists()
    assert hostile_class.DAEMON_TOKEN.encode() not in (out / "grades.csv").read_bytes()
    assert living(hostile_class.DAEMON_TOKEN) == []


def test_feedback_pages_exist_for_real_students_only_and_carry_the_notes(hostile):
    pages = sorted(p.stem for p in (hostile["out"] / "feedback").iterdir())
    assert pages == sorted(hostile["expected"])
    erin = (hostile["out"] / "feedback" / "erin_honest.html").read_text()
    assert "appears 2 times; the copy run last" in erin
    assert "graded 03_norms (1).ipynb as 03_norms.ipynb" in (hostile["out"] / "feedback" / "uma_renamed.html").read_text()
    wendy = (hostile["out"] / "feedback" / "wendy_forbidden.html").read_text()
    assert "says not to use" in wendy


def test_nothing_of_the_instructors_environment_reaches_the_gradebook(hostile):
    for data in snapshot(hostile["out"]).values():
        assert SECRET.encode() not in data


def test_a_sleeping_submission_is_bounded_by_the_wall_time(hostile):
    result = json.loads((hostile["out"] / "grading" / "results" / "sly_sleeper" / "03_norms.json").read_text())
    assert result["seconds"] <= 40 + 10


def test_regrading_one_student_keeps_every_other_row_and_a_rerun_resumes(hostile, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(hostile["out"], out)
    before = (out / "grades.csv").read_text().splitlines()
    grade.main([str(hostile["folder"]), "--out", str(out), *LIMITS, "--student", "a_victim"])  # in this process
    assert "1 submissions to grade" in capsys.readouterr().out
    assert (out / "grades.csv").read_text().splitlines() == before
    grade.main([str(hostile["folder"]), "--out", str(out), *LIMITS])
    assert "0 submissions to grade" in capsys.readouterr().out


def test_shards_merged_give_the_same_gradebook(tmp_path):
    folder = tmp_path / "class"
    for name in ("ann", "ben", "cat"):
        (folder / name).mkdir(parents=True)
        (folder / name / "03_norms.ipynb").write_text(json.dumps({"cells": None, "nbformat": 4}))
    (folder / "ben" / "notes.ipynb").write_text("{}")
    for i in (1, 2):
        grade.grade(folder, tmp_path / f"part{i}", shard=(i, 2), log=lambda *a: None)
    grade.main([str(folder), "--out", str(tmp_path / "whole")])
    grade.main(["--merge", str(tmp_path / "part1"), str(tmp_path / "part2"), "--out", str(tmp_path / "merged")])
    whole, merged = (read_grades(tmp_path / d / "grades.csv") for d in ("whole", "merged"))
    assert merged == whole and len(whole) == 3 * 4 + 1


def test_without_bubblewrap_grading_refuses_with_the_fix(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(SystemExit) as stop:
        grade.main([str(tmp_path), "--out", str(tmp_path / "out")])
    assert stop.value.code == 3
    err = capsys.readouterr().err
    assert "apt-get install bubblewrap" in err and "UNSAFE=1" in err


def test_a_missing_folder_is_a_usage_error(tmp_path):
    with pytest.raises(SystemExit):
        grade.main([str(tmp_path / "nope"), "--unsafe"])


@pytest.mark.parametrize("name, stem", [("03_norms.ipynb", "03_norms"), ("03_norms (1).ipynb", "03_norms"),
                                        ("03_norms-Copy1.ipynb", "03_norms"), ("Copy of 03_norms.ipynb", "03_norms"),
                                        ("03_mine.ipynb", "03_norms"), ("notes.ipynb", None)])
def test_renamed_files_are_matched_to_their_course_notebook(name, stem):
    assert discover.course_stem(name, {"03_norms", "04_derivatives"}) == stem


@pytest.mark.parametrize("text, problem", [
    ("{ not json", "not JSON"), ('{"cells": 5}', "not a list"), ("[1, 2]", "no cells"),
    ("[" * 100000 + "]" * 100000, "not JSON")])
def test_files_that_are_not_notebooks_are_named_not_fatal(text, problem):
    cells, found = submission.read_notebook(text.encode())
    assert cells == [] and problem in found


def test_broken_cells_are_repaired_or_skipped():
    nb = {"nbformat": 4, "nbformat_minor": "x", "cells": [
        {"cell_type": "code", "metadata": [], "source": ["x = 1\n", 5, "y = 2"]},
        {"cell_type": "code", "source": None}, "junk"]}
    cells, problem = submission.read_notebook(json.dumps(nb).encode())
    assert problem is None and [c[0] for c in cells] == ["x = 1\ny = 2"]


def test_forbidden_names_are_found_in_the_students_own_code():
    assert rules.static_breaks("03.lp_norm", ["def f(x, p):\n    return np.linalg.norm(x, p)"]) == "linalg.norm"
    assert rules.static_breaks("07.backprop", ["backprop = backward"]) == "backward"
    assert rules.static_breaks("02.entry_by_hand", ["answer = (P @ Q)[1, 0]"]) == "@"
    assert rules.static_breaks("06.train", ["gradients = X.T @ e\nw = w - gradients"]) is None
    assert rules.static_breaks("03.lp_norm", ["def my_lp_norm(x, p):\n    return np.sum(abs(x) ** p) ** (1 / p)"]) \
        is None


def test_the_judge_ignores_forged_and_malformed_lines():
    lines = [b'{"cell": 3, "exercise": "03.which_are_norms", "passed": true, "status": "correct"}', b"not json",
             b"[1]", b'{"done": true}', b"x" * (judge.MAX_LINE + 1)]
    records, finished = judge.read_lines(lines)
    assert finished and list(records) == [3]
    v = judge.verdict("03.which_are_norms", records[3], finished, None, [], 5)
    assert v.outcome == "not attempted"
    v = judge.verdict("03.which_are_norms", {"cell": 3, "payload": {"answer": {"no": "such type"}}}, True, None, [], 5)
    assert v.outcome == "wrong" and "could not be read back" in v.message


def test_the_pod_steps_plan_run_judge_grade_like_make_grade(tmp_path):
    """deploy/grade-job.yaml's three containers, run here one after another on one scratch folder."""
    folder, work = tmp_path / "class", tmp_path / "work"
    base = hostile_class.student_edition(ROOT)
    hostile_class.write(hostile_class.answered(base, hostile_class.RIGHT), folder / "ann" / "03_norms.ipynb")
    hostile_class.write(hostile_class.answered(base, hostile_class.WRONG), folder / "bob" / "03_norms.ipynb")
    grade.main([str(folder), "--stage", "plan", "--shard", "1/2", "--work", str(work)])
    assert not (work / "course" / "lecture_utils" / "exercises").exists()  # no key for the run container
    run_dir = tmp_path / "tmp"
    run_dir.mkdir()
    with open(work / "lines.jsonl", "wb") as lines:
        subprocess.run([sys.executable, "-s", str(work / "runner.py"), str(work / "batch.json"), str(lines.fileno())],
                       pass_fds=(lines.fileno(),), cwd=run_dir, timeout=300, check=True,
                       env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(work / "course"), "MPLBACKEND": "Agg",
                            **BYTECODE_READ_ONLY})
    grade.main([str(folder), "--stage", "judge", "--shard", "1/2", "--work", str(work), "--out", str(tmp_path / "p1")])
    grade.main(["--merge", str(tmp_path / "p1"), "--out", str(tmp_path / "all")])
    rows = read_grades(tmp_path / "all" / "grades.csv")
    assert {(r["student"], r["outcome"]) for r in rows} == {("ann", "passed")} and len(rows) == 4


def test_class_report_and_lms_exports_follow_the_gradebook(hostile):
    out = hostile["out"]
    text = (out / "report.html").read_text()
    assert "<svg" in text and "03.lp_norm" in text and "absolute value" in text  # a named mistake, counted
    with open(out / "export" / "canvas.csv", newline="") as f:
        canvas = list(csv.reader(f))
    assert canvas[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] and canvas[1][0] == "Points Possible"
    by_login = {row[3]: row for row in canvas[2:]}
    assert by_login["a_victim"][canvas[0].index("03_norms")] == "4"
    assert by_login["heidi_callable"][canvas[0].index("03_norms")] == "0"
    with open(out / "export" / "moodle.csv", newline="") as f:
        assert next(csv.reader(f))[:2] == ["ID number", "Full name"]


def test_weights_give_points_per_exercise(tmp_path):
    from grading import export, one

    course = one.Course(ROOT, tmp_path, exercises={"03_norms": submission.course_exercises(
        nbformat.read(ROOT / "notebooks" / "03_norms.ipynb", as_version=4))},
        weights={"03.lp_norm": 3})
    verdicts = {ex.exercise_id: judge.Verdict("passed", "") for ex in course.exercises["03_norms"]}
    rows = one.rows_for(course, "03_norms", verdicts)
    assert [r["points"] for r in rows] == [3, 1, 1, 1]
    roster = tmp_path / "roster.csv"
    roster.write_text("student,lms_id,name\nann,u123,Ann Lee\n")
    assert export.read_roster(roster) == {"ann": ("u123", "Ann Lee")}
    roster.write_text("who,id\n")
    with pytest.raises(ValueError, match="lms_id"):
        export.read_roster(roster)


def test_the_student_edition_states_the_grading_rule_once_above_the_first_exercise():
    from grading.nbgrader_course import keep_course_id

    nb = rules.with_grading_rule(hostile_class.student_edition(ROOT))  # as tools/release.py builds it
    first = next(i for i, c in enumerate(nb.cells) if "exercise" in c.metadata.get("tags", []))
    marked = [i for i, c in enumerate(nb.cells) if rules.RULE_TAG in c.metadata.get("tags", [])]
    # Right above the markdown cell that introduces the first exercise.
    assert marked == [first - 2] and nb.cells[first - 1].cell_type == "markdown"
    assert "copy you ran last" in nb.cells[first - 2].source
    assert rules.with_grading_rule(nb) is nb and len([c for c in nb.cells if rules.RULE_TAG in
                                                      c.metadata.get("tags", [])]) == 1
    template = 'c = get_config()\nc.CourseDirectory.course_id = "applied-deep-learning-math"\n'
    kept = keep_course_id(template, 'c.CourseDirectory.course_id = "stat101-2026"\n')
    assert 'course_id = "stat101-2026"' in kept and keep_course_id(template, None) == template


def test_collecting_from_homes_and_returning_feedback_never_follows_a_link(tmp_path):
    homes, into, out = tmp_path / "home", tmp_path / "subs", tmp_path / "out"
    course = "applied-dl-math/notebooks"
    (homes / "ann" / course).mkdir(parents=True)
    (homes / "ann" / course / "03_norms.ipynb").write_text("{}")
    (homes / "bob" / course).mkdir(parents=True)
    (homes / "bob" / course / "03_norms.ipynb").symlink_to(homes / "ann" / course / "03_norms.ipynb")
    grade.main(["--collect-homes", str(homes), "--into", str(into)])
    assert sorted(p.relative_to(into).as_posix() for p in into.rglob("*.ipynb")) == ["ann/03_norms.ipynb"]
    (out / "feedback").mkdir(parents=True)
    for student in ("ann", "bob"):
        (out / "feedback" / f"{student}.html").write_text(f"page of {student}")
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours")
    (homes / "bob" / "course-feedback.html").symlink_to(victim)
    grade.main(["--return-feedback", str(homes), "--out", str(out)])
    assert (homes / "ann" / "course-feedback.html").read_text() == "page of ann"
    assert victim.read_text() == "not yours"
    exchange = tmp_path / "exchange" / "course" / "inbound"
    for stamp, text in (("2026-12-01 10:00:00", "old"), ("2026-12-02 09:00:00", "new")):
        (exchange / f"cat+03_norms+{stamp}").mkdir(parents=True)
        (exchange / f"cat+03_norms+{stamp}" / "03_norms.ipynb").write_text(text)
    grade.main(["--collect-exchange", str(tmp_path / "exchange"), "--into", str(into)])
    assert (into / "cat" / "03_norms.ipynb").read_text() == "new"


def test_a_sandbox_that_cannot_start_the_course_stops_the_run_with_the_reason(tmp_path, monkeypatch):
    try:
        sandbox.check_sandbox()
    except sandbox.SandboxUnavailable as exc:
        pytest.skip(str(exc))
    folder = tmp_path / "class"
    hostile_class.write(hostile_class.answered(hostile_class.student_edition(ROOT), hostile_class.RIGHT),
                        folder / "ann" / "03_norms.ipynb")
    real = sandbox.prepare_course

    def without_the_course(root, into):
        shutil.rmtree(real(root, into) / "lecture_utils")
        return into

    # An edition without the course: the self-test (run before the first submission) must stop the run.
    monkeypatch.setattr(sandbox, "prepare_course", without_the_course)
    with pytest.raises(sandbox.SandboxUnavailable, match="lecture_utils"):
        grade.grade(folder, tmp_path / "out", log=lambda *a: None)
    assert read_grades(tmp_path / "out" / "grades.csv") == []  # nobody graded "error"
