"""Adding a notebook touches five files: the notebook, an exercises, a plots and a widgets module, a test.

A temporary copy of the course gets a toy notebook 07, an exercises module, a plots module,
a widgets module and a test file (with the bad-input recipes of its new plot function and
explorer); with no other edit, the registry, the course map, ``checks``, the benchmark and the
copy's own fuzzing tests all find and cover them (CONTRIBUTING.md, "Adding a notebook").
"""

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The toy notebook takes the next free number after the course's own notebooks.
NEW = f"{len(list((ROOT / 'notebooks').glob('[0-9][0-9]_*.ipynb'))):02d}"

NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "id": "intro",
         "source": "# {NEW} · Toy topic: a notebook added in five files\n\n**Estimated time:** 5 minutes."},
        {"cell_type": "code", "metadata": {"tags": ["exercise"]}, "id": "ex", "execution_count": None,
         "outputs": [], "source": "from lecture_utils.checks import check\nanswer = ...\ncheck(\"{NEW}.toy\", answer)"},
        {"cell_type": "code", "metadata": {}, "id": "explore", "execution_count": None, "outputs": [],
         "source": "from lecture_utils.widgets import ToyExplorer\nToyExplorer(k=2)"},
        {"cell_type": "markdown", "metadata": {}, "id": "summary", "source": "## Summary\n\nToy."},
    ],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5,
}
FILES = {
    "lecture_utils/exercises/toy.py": '''
        """Exercise of notebook {NEW} (toy)."""

        from ..checks import Exercise, register

        NOTEBOOK = "{NEW}"

        register(Exercise(id="{NEW}.toy", expected=lambda: 7, hint="Seven."))
        ''',
    "lecture_utils/plots/toy.py": '''
        """Plot of notebook {NEW} (toy)."""

        from .._validation import as_real

        __all__ = ["plot_toy"]


        def plot_toy(ax, k):
            """Draw the line y = k x."""
            return ax.plot([0, 1], [0, as_real(k, "k")])[0]
        ''',
    "tests/test_toy.py": '''
        """Tests of notebook {NEW}'s helpers (toy), with the bad-input recipe of its plot."""

        from lecture_utils import plots
        from support import Recipe


        def ax():
            return plots.new_figure((3, 2), 50, nrows=1, ncols=1)[1]


        INPUT_RECIPES = [
            Recipe("plots.plot_toy", lambda: dict(ax=ax(), k=2.0), {"k": "real"}),
            Recipe("widgets.ToyExplorer", lambda: dict(k=2), {"k": "count"}),
        ]


        def test_plot_toy_draws_the_line():
            assert list(plots.plot_toy(ax(), 3).get_ydata()) == [0, 3]
        ''',
    "lecture_utils/widgets/toy.py": '''
        """Explorer of notebook {NEW} (toy)."""

        import ipywidgets as widgets

        from .. import plots
        from .._validation import as_count
        from .base import Explorer

        __all__ = ["ToyExplorer"]


        class ToyExplorer(Explorer):
            """A line whose slope you drag."""

            NOTEBOOK = "{NEW}"
            examples = {"notebook {NEW}": dict(k=2)}

            def __init__(self, k=1):
                k = as_count(k, "k")
                super().__init__({"k": widgets.IntSlider(value=k, min=0, max=5, description="slope k")})

            def setup(self, fig):
                self.line = plots.plot_toy(fig.subplots(), 1)

            def draw(self, k):
                self.line.set_ydata([0, k])

            def describe(self):
                return f"slope {self.params['k']}"
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
    "plots": "plot_toy" in plots.__all__,
    "topics": registry.topic_modules(),
    "description": widgets.ToyExplorer.example("notebook {NEW}").description,
    "map": registry.course_map(),
}))
'''


NOTEBOOK = json.loads(json.dumps(NOTEBOOK).replace("{NEW}", NEW))
FILES = {path: text.replace("{NEW}", NEW) for path, text in FILES.items()}
PROBE = PROBE.replace("{NEW}", NEW)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A copy of the course with the toy notebook NEW and its three modules added."""
    root = tmp_path_factory.mktemp("course")
    for folder in ("lecture_utils", "notebooks", "benchmarks", "tools", "data", "tests"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, root / name)
    (root / "notebooks" / f"{NEW}_toy.ipynb").write_text(json.dumps(NOTEBOOK))
    for path, text in FILES.items():
        (root / path).write_text(textwrap.dedent(text).lstrip())
    return root


PROBE_EXERCISES = """
import json
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
    assert found["plots"] is True
    assert found["description"] == "slope 2"
    assert f"| {NEW} | [Toy topic: a notebook added in five files]({NEW}_toy.ipynb) | 5 min |" in found["map"]


def test_the_fuzzing_tests_cover_the_new_plot_function_and_explorer(course):
    """The copy's own robustness tests pick up plot_toy (its recipe is in test_toy.py) and ToyExplorer."""
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
