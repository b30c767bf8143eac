"""Shared test helpers, the test tiers and the hypothesis profiles (pytest loads this file first).

Tiers (markers, given here by file so a test file never has to say it):

- ``unit``: the package's maths, checks, plots, widgets and registry, in this process only;
- ``course``: the notebooks, their worked solutions, the exercises and the banks of slips;
- ``integration``: packaging, Binder, Colab, deploy, static site, benchmarks, release, grading
  and the add-a-notebook pipeline (venvs, subprocesses, nbgrader, repo2docker).

``slow`` marks the unit tests ``make check`` leaves to ``make test`` (each over ~1 s).
Hypothesis profiles: ``ci`` (the default: derandomized, so a commit gives one result) and
``fast`` (``make check``: fewer examples, still derandomized); ``explore`` draws fresh random
examples to hunt for bugs. Choose with HYPOTHESIS_PROFILE or ``--hypothesis-profile``.
"""

import io
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, settings

# Derandomized: the examples are a function of the test alone; no deadline: a loaded machine
# must not turn a slow example into a failure.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fast", parent=settings.get_profile("ci"), max_examples=10)
settings.register_profile("explore", deadline=None, max_examples=500, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

COURSE = {"test_notebooks.py", "test_solutions.py", "test_misconceptions.py", "test_exercises.py"}
INTEGRATION = {"test_packaging.py", "test_binder.py", "test_colab.py", "test_deploy.py", "test_static_html.py",
               "test_bench.py", "test_release.py", "test_grade.py", "test_adding_a_notebook.py"}
# Unit tests over ~1 s each on a 2-core machine (`--durations`): fuzzing of costly explorers
# and end-to-end trainings. Matched as substrings of the test id.
SLOW = (
    "test_robustness_explorers.py::",
    "test_network_batch.py::",
    "HiddenLayerExplorer",
    "test_textcache.py::",
)


def tier(path):
    """``unit``, ``course`` or ``integration`` for a test file under tests/."""
    name = Path(path).name
    if name in COURSE or name.startswith("test_exercises_") or "banks" in Path(path).parts:
        return "course"
    return "integration" if name in INTEGRATION else "unit"


def pytest_configure(config):
    # Jupyter's runtime and data files of every kernel or server a test starts (nbval's too) go
    # to a temporary folder: never into the checkout, whatever HOME is, nor the user's home.
    base = Path(tempfile.mkdtemp(prefix="lecture-utils-jupyter-"))
    config.add_cleanup(lambda: shutil.rmtree(base, ignore_errors=True))
    for key, folder in [("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTER_DATA_DIR", "data"), ("IPYTHONDIR", "ipython")]:
        os.environ.setdefault(key, str(base / folder))
    for name, meaning in [("unit", "the package alone, in this process"),
                          ("course", "notebooks, solutions, exercises and banks"),
                          ("integration", "installs, subprocesses, nbgrader, repo2docker, servers"),
                          ("slow", "a unit test over ~1 s, left out of `make check`")]:
        config.addinivalue_line("markers", f"{name}: {meaning}")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.suffix != ".py":
            continue  # nbval's notebook cells
        kind = tier(item.path)
        item.add_marker(kind)
        if kind == "unit" and any(s in item.nodeid for s in SLOW):
            item.add_marker("slow")


def pixels(png):
    """RGB pixel array of PNG bytes."""
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def visible_text(figure):
    """Every visible text on ``figure``, joined by newlines (what a student can read)."""
    from matplotlib.text import Text

    return "\n".join(t.get_text() for t in figure.findobj(Text) if t.get_visible() and t.get_text())
