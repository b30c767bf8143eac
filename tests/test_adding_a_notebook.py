"""Adding a notebook: five hand-edited files, then `make generated` (CONTRIBUTING.md).

A temporary copy of the course gets a toy notebook NN (exercise and solution cells, an
explorer), a link to it in the last cell of notebook NN-1, an exercises module, a widgets
module and a test file (the bad-input recipe of its explorer and the bank of slips of its
exercise). With no other hand edit, `tools/notebooks.py maps` regenerates the course maps, and
the copy's own registry, checks, benchmark, fuzzing, notebook hygiene, exercise and bank tests,
worked-solution run and nbval all find the toy and pass, and its release and grader take it (a
right and a wrong submission of its student copy graded in the sandbox).
"""

import csv
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The toy notebook takes the next free number after the course's own notebooks.
NEW = f"{len(list((ROOT / 'notebooks').glob('[0-9][0-9]_*.ipynb'))):02d}"
TITLE = "Toy topic: a notebook added in five files"

NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "id": "intro",
         "source": f"# {{NEW}} · {TITLE}\n\nYou will drag a line's slope and count to seven.\n\n"
                   "**Estimated time:** 5 minutes."},
        {"cell_type": "code", "metadata": {"tags": ["exercise"]}, "id": "ex", "execution_count": None,
         "outputs": [], "source": "from lecture_utils.checks import check\n\nanswer = ...\ncheck(\"{NEW}.toy\", answer)"},
        {"cell_type": "markdown", "metadata": {"tags": ["solution"]}, "id": "sol",
         "source": "<details><summary>Show a worked solution</summary>\n\n```python\nanswer = 7\n```\n</details>"},
        {"cell_type": "code", "metadata": {}, "id": "explore", "execution_count": None, "outputs": [],
         "source": "from lecture_utils.widgets import ToyExplorer\n\nToyExplorer(k=2)"},
        {"cell_type": "markdown", "metadata": {}, "id": "summary", "source": "## Summary\n\nSeven, and a slope."},
    ],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5,
}
FILES = {
    "lecture_utils/exercises/toy.py": '''
        """Exercise of notebook {NEW} (toy)."""

        from ..checks import Exercise, register, slip

        NOTEBOOK = "{NEW}"

        register(Exercise(id="{NEW}.toy", expected=lambda: 7, hint="Count to seven.", mistakes=(
            slip(lambda: 6, "one short: count again."),
            slip(lambda: 8, "one too many: count again."),
            slip(lambda: -7, "the sign is wrong."),
            # graded=: the words a graded class gets (the slip without its amount)
            slip(lambda: 70, "ten times too big.", graded="a constant factor too big: count the zeros."),
        )))
        ''',
    "tests/test_toy.py": '''
        """Tests of notebook {NEW}'s helpers (toy): the bad-input recipe of its explorer and its bank."""

        from banks import Slip
        from support import Recipe

        from lecture_utils import widgets

        INPUT_RECIPES = [
            Recipe("widgets.ToyExplorer", lambda: dict(k=2), {"k": "count"}),
        ]
        BANK = {"{NEW}.toy": [
            Slip("one short", lambda: 6, "one short"),
            Slip("one too many", lambda: 8, "one too many"),
            Slip("sign", lambda: -7, "sign is wrong"),
            Slip("ten times", lambda: 70, "ten times"),
            Slip("the word", lambda: "seven", "without quotes"),
        ]}


        def test_toy_explorer_draws_its_slope():
            assert list(widgets.ToyExplorer(k=3).state["y"]) == [0, 3]
        ''',
    "lecture_utils/widgets/toy.py": '''
        """Explorer of notebook {NEW} (toy)."""

        import ipywidgets as widgets
        import numpy as np

        from .._validation import as_count
        from . import _scene as sc
        from ._browser import BrowserExplorer, Table, each

        __all__ = ["ToyExplorer"]


        class ToyExplorer(BrowserExplorer):
            """A line whose slope you drag."""

            NOTEBOOK = "{NEW}"
            examples = {"notebook {NEW}": dict(k=2)}

            def __init__(self, k=1):
                k = as_count(k, "k")
                super().__init__({"k": widgets.IntSlider(value=k, min=0, max=5, description="slope k")},
                                 title="Toy explorer")

            def scene(self):
                panels = [sc.panel("main", (0.1, 0.1, 0.8, 0.8), (0, 1), (0, 5))]
                return panels, [sc.line("main", [0, 1], sc.ref("y"))]

            def tables(self):
                return [Table(("k",), lambda k: {"y": np.column_stack([0 * k, k]),
                                                 "description": each(lambda v: f"slope {v}", k)})]
        ''',
}
PROBE = '''
import json, sys
sys.path.insert(0, "benchmarks")
from lecture_utils import checks, plots, registry, widgets
import run as bench
print(json.dumps({
    "notebooks": [nb.number for nb in registry.notebooks()],
    "explorers": [case for case, _, _ in registry.explorer_examples()],
    "bench": [fig for fig, _, _ in bench.explorer_cases()],
    "topics": registry.topic_modules(),
    "description": widgets.ToyExplorer.example("notebook {NEW}").description,
    "map": registry.course_map(),
}))
'''


NOTEBOOK = json.loads(json.dumps(NOTEBOOK).replace("{NEW}", NEW))
FILES = {path: text.replace("{NEW}", NEW) for path, text in FILES.items()}
PROBE = PROBE.replace("{NEW}", NEW)


def run(root, *args, timeout=900, tools=()):
    """``python *args`` in the copy, on the copy's package (its own lecture_utils first), with the
    venv's programs and ``tools`` (paths of other programs it may call) on PATH."""
    path = [str(Path(sys.executable).parent), *(str(Path(t).parent) for t in tools)]
    env = {"PYTHONPATH": str(root), "PATH": os.pathsep.join(path), "HOME": str(root)}
    out = subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True, text=True,
                         check=False, timeout=timeout)
    assert out.returncode == 0, f"{' '.join(args)}:\n{out.stdout[-3000:]}\n{out.stderr[-2000:]}"
    return out.stdout


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A copy of the course with the five hand edits of a new notebook NEW, then `make generated`."""
    root = tmp_path_factory.mktemp("course")
    for folder in ("lecture_utils", "notebooks", "benchmarks", "tools", "data", "tests"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, root / name)
    (root / "notebooks" / f"{NEW}_toy.ipynb").write_text(json.dumps(NOTEBOOK))
    previous = next((root / "notebooks").glob(f"{int(NEW) - 1:02d}_*.ipynb"))
    book = json.loads(previous.read_text())
    last = book["cells"][-1]
    last["source"] = "".join(last["source"]) + f"\n\nNext: [{NEW} · {TITLE}]({NEW}_toy.ipynb)"
    previous.write_text(json.dumps(book))
    for path, text in FILES.items():
        (root / path).write_text(textwrap.dedent(text).lstrip())
    run(root, "tools/notebooks.py", "maps")
    return root


PROBE_EXERCISES = """
import csv
import json
import os
from lecture_utils import checks, registry
print(json.dumps({"exercises": [ex.id for ex in registry.exercises()],
                  "check": checks.evaluate("{NEW}.toy", 7).status}))
""".replace("{NEW}", NEW)


def probe(root, code=PROBE):
    out = subprocess.run([sys.executable, "-c", code], cwd=root, env={"PYTHONPATH": str(root), "PATH": ""},
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_registry_fuzzing_and_benchmark_find_the_new_notebook_and_explorer(course):
    found = probe(course)
    assert found["notebooks"][-1] == f"{NEW}"
    assert f"ToyExplorer[notebook {NEW}]" in found["explorers"]  # the explorer fuzzing's cases
    assert f"ToyExplorer (notebook {NEW})" in found["bench"]
    assert found["description"] == "slope 2"
    assert f"| {NEW} | [Toy topic: a notebook added in five files]({NEW}_toy.ipynb) | 5 min |" in found["map"]


def test_the_fuzzing_tests_cover_the_new_explorer(course):
    """The copy's own robustness tests pick up ToyExplorer (its recipe is in test_toy.py)."""
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "tests/test_robustness_inputs.py",
         "tests/test_robustness_explorers.py", "-k", "toy or Toy or every_public or every_explorer"],
        cwd=course, env={"PYTHONPATH": str(course), "PATH": "", "HOME": str(course)},
        capture_output=True, text=True, check=False, timeout=900)
    assert out.returncode == 0, out.stdout[-3000:]
    summary = out.stdout.strip().splitlines()[-1]
    ran = int(summary.split(" passed")[0].split()[-1])
    assert ran >= 10 and "failed" not in summary and "skipped" not in summary, summary


def test_checks_find_the_new_exercise(course):
    found = probe(course, PROBE_EXERCISES)
    assert f"{NEW}.toy" in found["exercises"] and found["check"] == "correct"


def test_the_course_tests_and_nbval_pass_on_the_new_notebook(course):
    """Executed once (as `make execute` does), the toy passes the course tier that reads every
    notebook (hygiene, generated maps, exercises, banks of slips, the worked-solution run) and
    nbval: what `make test` would run on it."""
    notebook = f"notebooks/{NEW}_toy.ipynb"
    run(course, "tools/notebooks.py", "execute", notebook)
    # The toy's own cases and every test about the whole course; the other notebooks' and
    # exercises' own cases are make test's business, not this one's. So is the course's share
    # of named slips: it judges every slip of every exercise (a training loop each, 24 of this
    # test's CPU seconds), and the toy's slips are each asserted wrong and named above it.
    only_new = f"{NEW} or toy or not ({' or '.join(f'{i:02d}' for i in range(int(NEW)))})"
    out = run(course, "-m", "pytest", "-q", "-p", "no:randomly", "tests/test_notebooks.py", "tests/test_exercises.py",
              "tests/test_misconceptions.py", "tests/test_toy.py", "-k", f"({only_new}) and not share_of_slips_named",
              "-rA")
    for slip in ("one short", "one too many", "sign", "ten times", "the word"):  # the toy's bank ran, slip by slip
        assert f"PASSED tests/test_misconceptions.py::test_slip_is_wrong_and_named_in_the_kernel_and_from_data[{NEW}.toy:{slip}]" in out, out[-3000:]
    assert "failed" not in out.splitlines()[-1], out[-3000:]
    out = run(course, "-m", "pytest", "-q", "-p", "no:randomly", "tests/test_solutions.py", "--nbval", notebook,
              "-k", only_new)
    summary = out.strip().splitlines()[-1]
    assert "passed" in summary and "failed" not in summary and "skipped" not in summary, out[-3000:]


RELEASE = """
import sys
sys.path.insert(0, "tools")  # the copy's tools, as `make release` runs them
import release
release.build("build/release", notebooks=["notebooks/{NEW}_toy.ipynb"])
""".replace("{NEW}", NEW)


def submission(handed_out, answer):
    """The student release of the toy with ``answer = <answer>`` typed into its exercise cell."""
    nb = json.loads(json.dumps(handed_out))
    cell = next(c for c in nb["cells"] if "exercise" in c.get("metadata", {}).get("tags", []))
    source = "".join(cell["source"])
    assert "answer = ..." in source, source
    cell["source"] = source.replace("answer = ...", f"answer = {answer}")
    return nb


def test_release_and_grading_take_the_new_notebook(course):
    """`make release` and `make grade` on the copy: the toy's student copy has no solution, its
    nbgrader copy an autograded check, the student edition no key of it; a right and a wrong
    submission are graded in the sandbox, the wrong one with the slip's words."""
    sandbox = pytest.importorskip("grading.sandbox")
    try:
        sandbox.check_sandbox()
    except sandbox.SandboxUnavailable as exc:
        pytest.skip(str(exc))
    run(course, "-c", RELEASE)
    name = f"{NEW}_toy.ipynb"
    release = course / "build" / "release"
    student = json.loads((release / "student" / name).read_text())
    text = json.dumps(student)
    assert "answer = 7" not in text and "worked solution" not in text.lower(), "the student copy shows the solution"
    nbgrader = json.loads((release / "nbgrader" / "source" / f"{NEW}_toy" / name).read_text())
    graded = [c for c in nbgrader["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade")]
    assert any(f"{NEW}.toy" in "".join(c["source"]) for c in graded), "no autograded test cell for the toy"
    keys = [p for p in (release / "student-edition").rglob("*.py") if "lambda: 7" in p.read_text()]
    assert not keys, f"the student edition holds the toy's answer: {keys}"
    for student_name, answer in (("alice", 7), ("bob", 6)):
        folder = course / "submissions" / student_name
        folder.mkdir(parents=True)
        (folder / name).write_text(json.dumps(submission(student, answer)))
    run(course, "tools/grade.py", "submissions", "--out", "graded", tools=[shutil.which("bwrap")])
    with (course / "graded" / "grades.csv").open(newline="") as f:
        rows = {r["student"]: r for r in csv.DictReader(f) if r["exercise"] == f"{NEW}.toy"}
    assert rows["alice"]["outcome"] == "passed" and rows["alice"]["points"] == rows["alice"]["max_points"], rows
    assert rows["bob"]["outcome"] == "wrong" and "one short" in rows["bob"]["message"], rows
