"""Shared test helpers, the test tiers and the hypothesis profiles (pytest loads this file first).

Tiers (markers, given here by file so that a test file never has to say it; pyproject.toml
describes them):

- ``unit``: the package's maths, checks, plots, widgets and registry, in this process only;
- ``course``: the notebooks, their worked solutions, the exercises and the banks of slips;
- ``integration``: packaging, Binder, Colab, deploy, static site, benchmarks, release, grading
  and the add-a-notebook pipeline (venvs, subprocesses, nbgrader, repo2docker).

``smoke`` marks the few unit tests per module that ``make test-oldest`` runs on the lowest declared
versions (``SMOKE`` below: each module's calls into the API a version floor could break).
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
import pytest

# Hypothesis keeps caches (the constants it mines from the code under test) in .hypothesis/ of
# the working folder even with no example database: into build/, never into the checkout.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(Path(__file__).resolve().parent.parent / "build" / "hypothesis"))

from hypothesis import HealthCheck, settings  # after its storage folder is chosen

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
              "test_widgets_intro.py", "test_widgets_optim.py", "test_robustness_classes.py"}
SLOW = ("test_widgets_", "Explorer", "explorer", "widgets.", "sweep", "test_backprop", "test_secant",
        "test_bad_input_gives_a_clear_error[plots.", "test_random_arrays_give_a_result_or_a_clear_error[plots.",
        "test_step_zero_says_what_the_random_start_gives")


# test-oldest's smoke set, "file::test function": numpy's array API and dtypes, matplotlib's Axes,
# text and contours, pillow's PNGs, contourpy's lines, ipywidgets/anywidget/traitlets (the
# explorers' widgets and synced state), hypothesis' strategies, checks' time limit (signals), and
# every public function's valid call. The notebooks (nbval-lax) build every explorer there too.
SMOKE = (
    "test_linalg.py::test_transpose_matches_numpy_with_its_dtype", "test_linalg.py::test_matmul_dtype_and_values_like_numpy",
    "test_linalg.py::test_matmul_property_float",
    "test_calculus.py::test_numerical_gradient_any_shape", "test_calculus.py::test_derivative_property_polynomials",
    "test_plots_calculus.py::test_plot_secant_draws_the_lecture_secant",
    "test_plots_calculus.py::test_plot_fd_error_shows_truncation_and_round_off",
    "test_checks.py::test_three_outcomes", "test_checks.py::test_a_function_that_runs_too_long_is_stopped",
    "test_checks_properties.py::test_any_value_is_judged_without_failing_and_never_wrongly_passes",
    "test_classifier_base.py::test_fit_records_the_run",
    "test_data.py::test_grace_hopper_is_a_height_width_rgb_uint8_tensor", "test_data.py::test_recorded_checksums_match_the_files",
    "test_logistic.py::test_sigmoid_extremes_no_overflow_no_warning", "test_logistic.py::test_log_loss_finite_at_exact_zero_and_one",
    "test_network.py::test_backward_matches_finite_differences",
    "test_network_field_js.py::test_browser_boundary_passes_through_contourpys_points",
    "test_optim.py::test_vector_parameter_path_shape_and_values",
    "test_optim.py::test_too_large_learning_rate_diverges_without_warnings",
    "test_plots_graph.py::test_draw_graph_lecture_example",
    "test_registry.py::test_the_package_lists_its_modules_by_discovery",
    "test_robustness_inputs.py::test_the_valid_call_works",
    "test_validation.py::test_numbers_beyond_a_float_name_the_argument",
    "test_widgets_base.py::test_an_example_builds_with_its_lazy_arguments_computed_then",
    "test_widgets_browser.py::test_the_display_carries_the_static_picture_and_the_description_as_its_text",
    "test_widgets_browser.py::test_update_goes_through_the_controls_clipped_like_a_drag_and_refuses_unknown_ones",
    "test_widgets_browser.py::test_stops_are_every_value_a_student_can_set",
    "test_widgets_secant_backprop.py::test_secant_slope_of_the_lecture_examples",
    "test_widgets_intro.py::test_every_reachable_state_is_shipped_and_equals_numpy",
    "test_widgets_logistic.py::test_sigmoid_explorer_shows_cost_of_its_parameters",
    "test_widgets_matrices.py::test_transpose_explorer_sweeps_and_moves_the_entry",
    "test_widgets_norms.py::test_unit_ball_norms_hold",
    "test_widgets_optim.py::test_picture_changes_and_static_bundle",
    "test_widgets_tensors.py::test_show_channels_draws_colour_bars",
)
# ... but not the explorers' valid calls (up to 20 s each): the notebooks build every explorer.
SMOKE_LEAVES_OUT = ("test_the_valid_call_works[widgets.",)


def _stale_smoke_entries(tests_dir):
    """SMOKE entries naming a test function that no longer exists (renamed or removed)."""
    import ast

    stale = []
    for entry in SMOKE:
        file, name = entry.split("::")
        path = Path(tests_dir) / file
        names = ({n.name for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                  if isinstance(n, ast.FunctionDef)} if path.exists() else set())
        if name not in names:
            stale.append(entry)
    return stale


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
        if config.option.markexpr == "smoke" and collection_path.name not in {e.split("::")[0] for e in SMOKE}:
            return True  # -m smoke alone: the other files hold no smoke test (collecting them costs seconds)
        return tier(collection_path) not in _tiers(config) or None
    return None


def pytest_configure(config):
    if "smoke" in (config.option.markexpr or ""):
        stale = _stale_smoke_entries(Path(__file__).parent)
        if stale:  # a renamed test would silently leave the oldest versions untested
            raise pytest.UsageError(f"tests/conftest.py SMOKE names tests that do not exist: {stale}")
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
        if (kind == "unit" and f"{item.path.name}::{item.originalname}" in SMOKE
                and not any(s in item.nodeid for s in SMOKE_LEAVES_OUT)):
            item.add_marker("smoke")


# The student repository the shared release's graded edition names (its Colab badges and setup cell).
RELEASE_REPOSITORY = "you/course-student"


@pytest.fixture(scope="session")
def release_build(tmp_path_factory):
    """``make release`` of every notebook, built once per session (tools/release.py); read it, never write it.

    ``student/``, ``self-study/``, ``nbgrader/`` and ``student-edition/`` (every exercise graded,
    for the repository ``RELEASE_REPOSITORY``): what tests/test_release.py, test_student_edition.py
    and test_class_variants.py check.
    """
    import release

    out = tmp_path_factory.mktemp("release")
    release.build(out, repository=RELEASE_REPOSITORY)
    return out


def pixels(png):
    """RGB pixel array of PNG bytes."""
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def visible_text(figure):
    """Every visible text on ``figure``, joined by newlines (what a student can read)."""
    from matplotlib.text import Text

    return "\n".join(t.get_text() for t in figure.findobj(Text) if t.get_visible() and t.get_text())
