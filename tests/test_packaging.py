"""The setup a user relies on: pyproject and environment.yml agree, Binder's postBuild, make."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lecture_utils import registry

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the test extra installs tomli, the same parser
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def requirement_map(specs):
    out = {}
    for spec in specs:
        name, constraint = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spec).groups()
        out[name.lower().replace("_", "-")] = constraint.replace(" ", "")
    return out


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def environment():
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def test_environment_lists_exactly_the_runtime_packages_with_the_same_pins():
    runtime = requirement_map(pyproject()["project"]["dependencies"])
    conda = requirement_map(d for d in environment()["dependencies"] if isinstance(d, str))
    tooling = {"python", "pip"}
    assert {k: v for k, v in conda.items() if k not in tooling} == runtime


def test_environment_is_conda_forge_python_311_without_editable_install():
    env = environment()
    assert env["channels"] == ["conda-forge"]
    assert "python=3.11" in env["dependencies"]
    pip_sections = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert not any("-e" in line for section in pip_sections for line in section)


def test_binder_python_and_this_python_satisfy_requires_python():
    minimum = tuple(int(x) for x in re.search(r">=\s*([\d.]+)", pyproject()["project"]["requires-python"]).group(1).split("."))
    binder = next(d for d in environment()["dependencies"] if isinstance(d, str) and d.startswith("python="))
    assert tuple(int(x) for x in binder.split("=")[1].split(".")) >= minimum
    assert sys.version_info[:2] >= minimum


def test_postbuild_is_executable_and_installs_the_package():
    post = ROOT / "postBuild"
    assert os.access(post, os.X_OK)
    text = post.read_text()
    assert text.startswith("#!/bin/bash") and "pip install" in text and "-e ." in text


def test_plain_install_carries_lecture_utils_and_its_front_end(tmp_path):
    # A non-editable install (a wheel) into a throwaway target instead of the real env.
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--target", str(target), str(ROOT)], check=True, cwd=ROOT)
    out = subprocess.run([sys.executable, "-c", "import lecture_utils, sys; print(lecture_utils.__file__)"],
                         env={**os.environ, "PYTHONPATH": str(target)}, capture_output=True, text=True,
                         cwd=tmp_path, check=True)
    assert str(target) in out.stdout
    # A plain (non-editable) install, as from a wheel, carries what the explorers draw with and
    # the data they ship: the front-end module and 07's precomputed networks.
    package = target / "lecture_utils"
    for name in ("draw.js", "explorer.js"):
        assert (package / "widgets" / "js" / name).is_file(), f"the wheel lacks widgets/js/{name}"
    assert (package / "_shipped" / "network07.npz").is_file()
    code = "from lecture_utils.widgets import _browser; print(len(_browser._Widget.EXPLORER_JS))"
    out = subprocess.run([sys.executable, "-c", code],
                         env={**os.environ, "PYTHONPATH": str(target)}, capture_output=True, text=True,
                         cwd=tmp_path, check=True)
    assert int(out.stdout) > 1000, out.stderr


def make(*args):
    """``make`` in the checkout, printing commands instead of running them (``-n``)."""
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True,
                          check=False, timeout=60)


def test_make_help_lists_targets_that_exist():
    listed = set(re.findall(r"^make ([\w-]+)", make("help").stdout, re.MULTILINE))
    assert {"lab", "check", "test", "execute", "generated", "test-repeat", "test-unit", "test-course", "test-integration",
            "release", "grade", "lint"} <= listed, f"make help lists only {sorted(listed)}"
    for target in listed:
        done = make("-n", target, "SUBMISSIONS=x", "HUB=https://hub.example.edu")
        assert done.returncode == 0, f"make -n {target}: {done.stderr[-500:]}"
    assert "No rule to make target" in make("-n", "no-such-target").stderr  # the loop above can fail


def test_readme_shows_the_two_commands_first():
    readme = (ROOT / "README.md").read_text()
    first_block = readme.split("```")[1]
    assert "make lab" in first_block and "make test" in first_block
    assert "mybinder.org/v2/" in readme and "urlpath=lab/tree/notebooks/00_start_here.ipynb" in readme


@pytest.mark.parametrize("module", ["lecture_utils"] + [f"lecture_utils.{m}" for m in registry.light_modules()])
def test_light_modules_do_not_import_matplotlib_or_ipywidgets(module):
    """The package and its maths modules import in a blink: drawing waits for plots and widgets."""
    code = f"import sys, {module}; print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", f"importing {module} pulls in {out.stdout.strip()}"


# Distribution name of each import name that differs from it.
DISTRIBUTIONS = {"PIL": "pillow", "yaml": "pyyaml"}
# Declared but never imported: the application the notebooks run in.
RUN_ONLY = {"jupyterlab"}


def imported_packages(folder):
    """Top-level names of the third-party packages imported anywhere under ``folder``."""
    names = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names.add(node.module.split(".")[0])
    names -= set(sys.stdlib_module_names) | {"lecture_utils"}
    return {DISTRIBUTIONS.get(n, n).lower() for n in names}


def test_declared_dependencies_are_the_imported_ones():
    declared = set(requirement_map(pyproject()["project"]["dependencies"]))
    imported = imported_packages(ROOT / "lecture_utils")
    assert imported - declared == set(), "imported by lecture_utils but not declared in pyproject.toml"
    assert declared - imported == RUN_ONLY, "declared in pyproject.toml but never imported"


def test_lint_and_check_run_ruff_over_all_the_code():
    folders = "lecture_utils tests tools benchmarks notebooks deploy"
    for target in ("lint", "check"):
        assert f"ruff check {folders}" in make("-n", target).stdout, f"make {target} does not lint {folders}"
    assert "line-length" in pyproject()["tool"]["ruff"] and "*.ipynb" in pyproject()["tool"]["ruff"]["extend-include"]
