"""Shared test helpers, the test tiers and the hypothesis profiles (pytest loads this file first).

Tiers (markers, given here by file so that a test file never has to say it; pyproject.toml
describes them):

- ``unit``: the package's maths, checks, plots, widgets and registry, in this process only;
- ``course``: the notebooks, their worked solutions, the exercises and the banks of slips;
- ``integration``: packaging, Binder, Colab, deploy, static site, benchmarks, release, grading
  and the add-a-notebook pipeline (venvs, subprocesses, nbgrader, repo2docker).

``slow`` marks the unit tests ``make check`` leaves to ``make test``: the explorers (each builds
figures and renders PNGs; ~1-6 s each on a 2-core machine) and end-to-end trainings.
``--tiers unit,course`` collects only those tiers' files (``-m`` would import every file first).

Hypothesis profiles: ``ci`` (the default: derandomized, so a commit gives one result, and no
example database written into the checkout), ``fast`` (``make check``: a tenth of the examples,
see ``support.examples``) and ``explore`` (fresh random examples, five times as many, to hunt
for bugs). Choose with HYPOTHESIS_PROFILE or ``--hypothesis-profile``.
"""

import io
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, settings

# No deadline: a loaded machine must not turn a slow example into a failure.
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fast", parent=settings.get_profile("ci"), max_examples=10)
settings.register_profile("explore", deadline=None, max_examples=500, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

TIERS = ("unit", "course", "integration")
COURSE = {"test_notebooks.py", "test_solutions.py", "test_misconceptions.py", "test_exercises.py",
          "test_plain_data.py"}
INTEGRATION = {"test_packaging.py", "test_binder.py", "test_colab.py", "test_deploy.py", "test_static_html.py",
               "test_bench.py", "test_release.py", "test_grade.py", "test_adding_a_notebook.py",
               "test_student_edition.py", "test_class_variants.py", "test_graded_check.py",
               "test_checker_service.py", "test_browser_cells.py"}
# Unit test files about the explorers (every test builds one), and test ids elsewhere that
# build an explorer, train to the end or fuzz the plots (a fresh figure per case: 600 cases,
# ~30 s of CPU); matched as substrings of the test id. `make check` keeps each plot's valid
# call and its result's shape; `make test` fuzzes them all.
SLOW_FILES = {"test_robustness_explorers.py", "test_widgets_base.py", "test_network07_data.py",
              "test_intro_explorer.py", "test_optim_explorer.py", "test_robustness_classes.py"}
SLOW = ("_explorers.py::", "Explorer", "explorer", "widgets.", "sweep", "test_backprop", "test_secant",
        "test_bad_input_gives_a_clear_error[plots.", "test_random_arrays_give_a_result_or_a_clear_error[plots.",
        "test_step_zero_says_what_the_random_start_gives")


def tier(path):
    """``unit``, ``course`` or ``integration`` for a test file under tests/."""
    name = Path(path).name
    if name in COURSE or name.startswith("test_exercises_") or "banks" in Path(path).parts:
        return "course"
    return "integration" if name in INTEGRATION else "unit"


def pytest_addoption(parser):
    parser.addoption("--tiers", default=",".join(TIERS),
                     help="comma-separated test tiers to collect (unit, course, integration); default all")


def _tiers(config):
    chosen = [t.strip() for t in config.getoption("--tiers").split(",") if t.strip()]
    unknown = sorted(set(chosen) - set(TIERS))
    if unknown:
        raise ValueError(f"--tiers takes {', '.join(TIERS)}; got {', '.join(unknown)}")
    return set(chosen)


def pytest_ignore_collect(collection_path, config):
    if collection_path.suffix == ".py" and collection_path.name.startswith("test_"):
        return tier(collection_path) not in _tiers(config) or None
    return None


def pytest_configure(config):
    # Jupyter's runtime and data files of every kernel or server a test starts (nbval's too) go
    # to a temporary folder: never into the checkout, whatever HOME is, nor the user's home.
    base = Path(tempfile.mkdtemp(prefix="lecture-utils-jupyter-"))
    config.add_cleanup(lambda: shutil.rmtree(base, ignore_errors=True))
    for key, folder in [("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTER_DATA_DIR", "data"), ("IPYTHONDIR", "ipython")]:
        os.environ.setdefault(key, str(base / folder))


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.suffix != ".py":
            continue  # nbval's notebook cells
        kind = tier(item.path)
        item.add_marker(kind)
        if kind == "unit" and (item.path.name in SLOW_FILES or any(s in item.nodeid for s in SLOW)):
            item.add_marker("slow")


def pixels(png):
    """RGB pixel array of PNG bytes."""
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def visible_text(figure):
    """Every visible text on ``figure``, joined by newlines (what a student can read)."""
    from matplotlib.text import Text

    return "\n".join(t.get_text() for t in figure.findobj(Text) if t.get_visible() and t.get_text())
