"""A hostile class for notebook 03 (norms): cheaters, saboteurs, spies, honest students, broken files.

``build(folder, root, out, port)`` writes ``folder/<student>/...`` and returns ``EXPECTED``-style
outcomes: ``{student: {exercise id: outcome}}``. Built from the student edition of the course's
03_norms and written without knowledge of the grader's internals: every cheat either patches
something a checker might use (the answers stay wrong), or hands in the right answer *only if*
it could reach what the sandbox must hide (the key, the solutions, the instructor's
environment, the network). So a cheat that works shows up as points.
"""

import copy
import json
import sys
from pathlib import Path

import nbformat

IDS = ("03.lp_norm", "03.which_are_norms", "03.frobenius_by_hand", "03.prediction_distance")
SECRET_ENV = "HOSTILE_CLASS_SECRET"
DAEMON_TOKEN = "hostile-daemon-5f1c"
PLANTED = "zz_planted.py"  # what the saboteur tries to leave beside the compiled course modules

RIGHT = {
    "03.lp_norm": "def my_lp_norm(x, p):\n    x = np.asarray(x, dtype=float)\n    if p == np.inf:\n"
                  "        return np.max(np.abs(x))\n    return np.sum(np.abs(x) ** p) ** (1 / p)\n\n"
                  "check(\"03.lp_norm\", my_lp_norm)",
    "03.which_are_norms": "answer = (True, False, False, True, False)\ncheck(\"03.which_are_norms\", answer)",
    "03.frobenius_by_hand": "answer = np.sqrt(4**2 + (-4)**2 + (-1)**2 + 4**2)\ncheck(\"03.frobenius_by_hand\", answer)",
    "03.prediction_distance": "y = np.array([3.0, -1.0, 2.0, 0.5])\ny_hat = np.array([2.5, 0.0, 2.5, -1.0])\n"
                              "d = y_hat - y\nanswer = (np.sum(np.abs(d)), np.sqrt(np.sum(d ** 2)), np.max(np.abs(d)))\n"
                              "check(\"03.prediction_distance\", answer)",
}
WRONG = {
    "03.lp_norm": "def my_lp_norm(x, p):\n    return float(np.sum(x))\n\ncheck(\"03.lp_norm\", my_lp_norm)",
    "03.which_are_norms": "answer = (True, True, True, True, True)\ncheck(\"03.which_are_norms\", answer)",
    "03.frobenius_by_hand": "answer = 49.0\ncheck(\"03.frobenius_by_hand\", answer)",
    "03.prediction_distance": "answer = (1.0, 1.0, 1.0)\ncheck(\"03.prediction_distance\", answer)",
}
# Right only when FOUND is true (set by a spy's cell), wrong otherwise.
IF_FOUND = {i: f"if FOUND:\n    {RIGHT[i].replace(chr(10), chr(10) + '    ')}\nelse:\n    "
               f"{WRONG[i].replace(chr(10), chr(10) + '    ')}" for i in IDS}

CHEATS = {
    "heidi_callable": """\
import lecture_utils.checks as C
import lecture_utils.checks.engine as E
from lecture_utils.checks import Result
class Yes:
    def __call__(self, exercise_id, *args, **kwargs):
        return Result(exercise_id, "correct", "Correct - well done!")
C.evaluate = C.evaluate_data = E.evaluate = E.evaluate_data = Yes()
""",
    "kim_import_hook": """\
import builtins
_real_import = builtins.__import__
class _Passed:
    passed, status, message, timed_out, internal_error = True, "correct", "Correct - well done!", False, None
def _hook(name, *args, **kwargs):
    module = _real_import(name, *args, **kwargs)
    for attr in ("evaluate", "evaluate_data", "collect"):
        if hasattr(module, attr) and name.startswith("lecture_utils"):
            setattr(module, attr, lambda *a, **k: _Passed())
    return module
builtins.__import__ = _hook
""",
    "leo_registry": """\
import dataclasses
from lecture_utils.checks import exercise as registry
class _Any:
    def __eq__(self, other):
        return True
for key, ex in list(registry._REGISTRY.items()):
    registry._REGISTRY[key] = dataclasses.replace(ex, expected=lambda: _Any(), cases=None)
registry.get_exercise = lambda exercise_id: None
""",
    "mallory_json": """\
import json
_real_dumps = json.dumps
def _forged(obj, *args, **kwargs):
    if isinstance(obj, dict):
        obj = dict(obj, status="correct", passed=True, outcome="passed", points=1, error=None)
    return _real_dumps(obj, *args, **kwargs)
json.dumps = _forged
json.dump = lambda obj, f, *a, **k: f.write(_forged(obj))
""",
    "judy_numpy_partial": """\
import functools
np.allclose = functools.partial(lambda *a, **k: True)
np.isclose = functools.partial(lambda *a, **k: True)
np.array_equal = functools.partial(lambda *a, **k: True)
np.testing.assert_allclose = functools.partial(lambda *a, **k: None)
""",
    "nina_resultfiles": """\
import json, os
forged = {"status": "correct", "passed": True, "outcome": "passed", "done": True}
for fd in range(3, 40):
    for cell in range(80):
        for exercise_id in ("03.lp_norm", "03.which_are_norms", "03.frobenius_by_hand", "03.prediction_distance"):
            try:
                os.write(fd, (json.dumps(dict(forged, cell=cell, exercise=exercise_id)) + "\\n").encode())
            except OSError:
                break
for top in ("/tmp", "/course", "/grader", os.path.expanduser("~"), "..", "../.."):
    for folder, _, files in os.walk(top):
        for name in files:
            if name.endswith((".json", ".csv", ".html")):
                try:
                    with open(os.path.join(folder, name), "w") as f:
                        json.dump(forged, f)
                except OSError:
                    pass
""",
}


def spies(root, out, port):
    """Cells that set FOUND when the sandbox leaks: the key, solutions, environment, network."""
    return {
        "oscar_disk": f"""\
import glob, importlib, os
import lecture_utils
here = os.path.dirname(lecture_utils.__file__)
paths = glob.glob({str(root)!r} + "/notebooks/*.ipynb") + glob.glob(here + "/exercises/*.py") + \\
    glob.glob(here + "/../notebooks/*.ipynb") + glob.glob({str(root)!r} + "/build/release/self-study/*.ipynb")
try:
    importlib.import_module("lecture_utils.exercises.norms")
    key = True
except Exception:
    key = False
FOUND = bool(paths) or key
""",
        "sam_env": f"""\
import os
FOUND = {SECRET_ENV!r} in os.environ or any(k.startswith(("JUPYTERHUB", "GITHUB", "AWS")) for k in os.environ)
""",
        "ned_network": f"""\
import socket
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=2).close()
    FOUND = True
except OSError:
    FOUND = False
""",
        "sid_saboteur": f"""\
import importlib.util, os, subprocess, sys
import lecture_utils.checks.engine as engine
# Compiled modules later students may load too (wherever this Python keeps them), and a file planted beside them.
compiled = importlib.util.cache_from_source(engine.__file__)
for target in ({str(root / 'lecture_utils/checks/engine.py')!r}, {str(root / 'tools/grading/judge.py')!r},
               "/course/lecture_utils/checks/engine.py", {str(out / 'grades.csv')!r}, compiled,
               os.path.join(os.path.dirname(compiled), {PLANTED!r})):
    try:
        with open(target, "a") as f:
            f.write("\\nraise SystemExit('sabotaged')\\n")
    except OSError:
        pass
daemon = '''
import os, time, pathlib
time.sleep(2)
for p in ({str(out / 'grades.csv')!r}, {str(out / 'feedback' / 'zz_planted.html')!r}, {str(out / 'daemon-was-here')!r}):
    try:
        pathlib.Path(p).write_text("sid_saboteur,03_norms,03.lp_norm,passed,1,1,{DAEMON_TOKEN}")
    except OSError:
        pass
time.sleep(20)
'''
subprocess.Popen([sys.executable, "-c", daemon, {DAEMON_TOKEN!r}], start_new_session=True,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if os.fork() == 0:
    os.setsid()
    os.execv(sys.executable, [sys.executable, "-c", daemon, {DAEMON_TOKEN!r}])
FOUND = False
""",
    }


def student_edition(root, stem="03_norms"):
    sys.path.insert(0, str(root / "tools"))
    from release import student_edition as edition

    return edition(nbformat.read(root / "notebooks" / f"{stem}.ipynb", as_version=4))


def exercise_index(nb, exercise_id):
    return next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and f'check("{exercise_id}"' in c.source)


def answered(base, answers, before=None, count=None):
    """A copy of ``base`` with exercise cells replaced by ``answers[id]`` and ``before[id]`` cells added above."""
    nb = copy.deepcopy(base)
    for exercise_id in IDS:
        at = exercise_index(nb, exercise_id)
        nb.cells[at].source = answers[exercise_id]
        nb.cells[at].execution_count = count
        for k, code in enumerate((before or {}).get(exercise_id, [])):
            nb.cells.insert(at + k, nbformat.v4.new_code_cell(code))
    return nb


def write(nb, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def build(folder, root, out, port):
    """Write the class under ``folder``; returns ``{student: {exercise id: outcome}}``."""
    folder, root, out = Path(folder), Path(root), Path(out)
    base = student_edition(root)
    expected = {}
    all_right, all_wrong = dict.fromkeys(IDS, "passed"), dict.fromkeys(IDS, "wrong")

    for victim in ("a_victim", "z_victim"):
        write(answered(base, RIGHT), folder / victim / "03_norms.ipynb")
        expected[victim] = all_right
    for name, cheat in CHEATS.items():
        write(answered(base, WRONG, before={IDS[0]: [cheat]}), folder / name / "03_norms.ipynb")
        expected[name] = all_wrong
    for name, spy in spies(root, out, port).items():
        write(answered(base, IF_FOUND, before={IDS[0]: [spy]}), folder / name / "03_norms.ipynb")
        expected[name] = all_wrong
    # Rewrites the victims' submissions (their paths are no secret).
    victims = (str(folder / "a_victim" / "03_norms.ipynb"), str(folder / "z_victim" / "03_norms.ipynb"))
    peer = (f"import pathlib\nfor p in {victims!r}:\n    try:\n        pathlib.Path(p).write_text('{{}}')\n"
            "    except OSError:\n        pass\n")
    write(answered(base, WRONG, before={IDS[0]: [peer]}), folder / "pete_peer" / "03_norms.ipynb")
    expected["pete_peer"] = all_wrong

    # Forbidden functions: directly, and through a name bound in a helper cell the source scan cannot see.
    direct = dict(RIGHT, **{"03.lp_norm": "def my_lp_norm(x, p):\n    return np.linalg.norm(x, p)\n\n"
                                          "check(\"03.lp_norm\", my_lp_norm)",
                            "03.frobenius_by_hand": "answer = linalg.frobenius_norm(np.array([[4, -4], [-1, 4]]))\n"
                                                    "check(\"03.frobenius_by_hand\", answer)"})
    write(answered(base, direct), folder / "wendy_forbidden" / "03_norms.ipynb")
    expected["wendy_forbidden"] = dict(all_right, **{"03.lp_norm": "rule broken", "03.frobenius_by_hand": "rule broken"})
    hidden = dict(RIGHT, **{"03.lp_norm": "def my_lp_norm(x, p):\n    return _f(x, p)\n\ncheck(\"03.lp_norm\", my_lp_norm)"})
    write(answered(base, hidden, before={"03.lp_norm": ["_f = getattr(np.linalg, 'no' + 'rm')"]}),
          folder / "xena_hidden" / "03_norms.ipynb")
    expected["xena_hidden"] = dict(all_right, **{"03.lp_norm": "rule broken"})

    # Honest and unconventional: answers in the check line, renamed names, helper cells, a duplicated cell.
    erin = {
        "03.lp_norm": "def p_norm_of(v, p):\n    return _power_sum(v, p)\n\ncheck(\"03.lp_norm\", p_norm_of)",
        "03.which_are_norms": "check(\"03.which_are_norms\", (True, False, False, True, False))",
        "03.frobenius_by_hand": "check(\"03.frobenius_by_hand\", np.sqrt(16 + 16 + 1 + 16))",
        "03.prediction_distance": "mine = (l1, l2, linf)\ncheck(\"03.prediction_distance\", mine)",
    }
    helpers = {
        "03.lp_norm": [("def _power_sum(v, p):\n    v = np.abs(np.asarray(v, dtype=float))\n"
                        "    return v.max() if p == np.inf else (v ** p).sum() ** (1 / p)")],
        "03.prediction_distance": [("diff = np.array([2.5, 0.0, 2.5, -1.0]) - np.array([3.0, -1.0, 2.0, 0.5])\n"
                                    "l1, l2, linf = np.abs(diff).sum(), np.sqrt((diff ** 2).sum()), np.abs(diff).max()")],
    }
    nb = answered(base, erin, before=helpers, count=10)
    setup = next(c for c in nb.cells if c.cell_type == "code" and "import numpy as np" in c.source)
    setup.source += "\nprint('my own note in a course cell')"  # an edited course cell runs as edited
    at = exercise_index(nb, "03.which_are_norms")
    stale = nbformat.v4.new_code_cell(WRONG["03.which_are_norms"], execution_count=4)
    nb.cells.insert(at + 1, stale)  # an older copy below the one she ran last
    write(nb, folder / "erin_honest" / "03_norms.ipynb")
    expected["erin_honest"] = all_right

    # A helper cell placed after the exercise that uses it: cells run in their place, so it is not yet defined.
    late = dict(RIGHT, **{"03.frobenius_by_hand": "answer = my_value\ncheck(\"03.frobenius_by_hand\", answer)"})
    nb = answered(base, late)
    nb.cells.insert(exercise_index(nb, "03.frobenius_by_hand") + 1, nbformat.v4.new_code_cell("my_value = 7.0"))
    write(nb, folder / "hal_helper_after" / "03_norms.ipynb")
    expected["hal_helper_after"] = dict(all_right, **{"03.frobenius_by_hand": "error"})

    # Resources: a memory hog (that exercise only), a process spawner, 200 MB of output, a sleeper.
    hog = dict(RIGHT, **{"03.frobenius_by_hand": "hog = bytearray(6 * 2**30)\n" + RIGHT["03.frobenius_by_hand"]})
    write(answered(base, hog), folder / "hugo_memory" / "03_norms.ipynb")
    expected["hugo_memory"] = dict(all_right, **{"03.frobenius_by_hand": "error"})
    flood = dict(RIGHT, **{"03.which_are_norms": "for _ in range(10):\n    print('x' * 20_000_000)\n"
                                                 + RIGHT["03.which_are_norms"]})
    write(answered(base, flood), folder / "flo_flood" / "03_norms.ipynb")
    expected["flo_flood"] = all_right
    spawn = dict(RIGHT, **{"03.prediction_distance": "import subprocess, time\nps = [subprocess.Popen(['sleep', '60'])"
                                                     " for _ in range(150)]\ntime.sleep(5)\n"
                                                     + RIGHT["03.prediction_distance"]})
    write(answered(base, spawn), folder / "fred_forks" / "03_norms.ipynb")
    expected["fred_forks"] = dict(all_right, **{"03.prediction_distance": "error"})
    # One student's notebooks share a sandbox: when one of them gets it stopped, the next still runs.
    start = student_edition(root, "00_start_here")
    cell = next(c for c in start.cells if 'check("00.pixels_in_digit"' in c.source)
    cell.source = "import subprocess, time\nps = [subprocess.Popen(['sleep', '60']) for _ in range(150)]\n" \
                  "time.sleep(5)\nanswer = 64\n" \
                  "check(\"00.pixels_in_digit\", answer)"
    write(start, folder / "kate_kills" / "00_start_here.ipynb")
    write(answered(base, RIGHT), folder / "kate_kills" / "03_norms.ipynb")
    expected["kate_kills"] = dict(all_right, **{"00.pixels_in_digit": "error"})
    sleeper = dict(RIGHT, **{"03.which_are_norms": "import time\nget_ipython().events.register("
                                                   "'post_run_cell', lambda *a: time.sleep(1000))\n"
                                                   + RIGHT["03.which_are_norms"]})
    write(answered(base, sleeper), folder / "sly_sleeper" / "03_norms.ipynb")
    # Right answers, slowly: each later cell is stopped at the cell timeout, the answers still count,
    # and the whole notebook is bounded by the wall time.
    expected["sly_sleeper"] = all_right

    # Files: renamed, nbgrader layout, malformed, nbformat 3, a deleted exercise.
    write(answered(base, RIGHT), folder / "uma_renamed" / "03_norms (1).ipynb")
    expected["uma_renamed"] = all_right
    write(answered(base, RIGHT), folder / "submitted" / "vic_nbgrader" / "03_norms" / "03_norms.ipynb")
    expected["vic_nbgrader"] = all_right
    raw = json.loads(nbformat.writes(answered(base, RIGHT)))
    for cell in raw["cells"]:
        cell["metadata"] = []
    (folder / "mia_metadata_list").mkdir(parents=True)
    (folder / "mia_metadata_list" / "03_norms.ipynb").write_text(json.dumps(raw))
    expected["mia_metadata_list"] = all_right
    (folder / "nul_cells").mkdir()
    (folder / "nul_cells" / "03_norms.ipynb").write_text(json.dumps({"cells": None, "metadata": {}, "nbformat": 4}))
    expected["nul_cells"] = dict.fromkeys(IDS, "unreadable")
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": [
        {"cell_type": "code", "input": c.source, "outputs": [], "language": "python"}
        for c in answered(base, RIGHT).cells if c.cell_type == "code"]}]}
    (folder / "old_v3").mkdir()
    (folder / "old_v3" / "03_norms-Copy1.ipynb").write_text(json.dumps(v3))
    expected["old_v3"] = all_right
    gus = answered(base, RIGHT)
    del gus.cells[exercise_index(gus, "03.which_are_norms")]
    write(gus, folder / "gus_deleted" / "03_norms.ipynb")
    expected["gus_deleted"] = dict(all_right, **{"03.which_are_norms": "missing"})
    return expected
