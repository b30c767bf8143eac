"""Binder: what repo2docker would build from this repository, and its postBuild run for real.

tests/test_packaging.py already compares environment.yml with pyproject.toml (channels,
python pin, runtime packages) and checks postBuild's text; this file adds Binder's own builder
(``jupyter-repo2docker --no-build``, offline, no Docker) and a real run of ``postBuild``.
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REPO2DOCKER = Path(sys.executable).parent / "jupyter-repo2docker"


def test_repo2docker_is_installed():
    """The integration extra (which `make test` installs) brings Binder's builder; no silent skip."""
    assert importlib.util.find_spec("repo2docker") is not None and REPO2DOCKER.exists(), \
        "jupyter-repo2docker is missing: pip install -e '.[test,integration]' (make test does)"


def repo2docker_plan(repo):
    """Run repo2docker without building: returns (Dockerfile text, log text)."""
    out = subprocess.run([str(REPO2DOCKER), "--no-build", "--debug", "--no-run", "."], cwd=repo,
                         capture_output=True, text=True, timeout=300, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout, out.stderr


def unescape(dockerfile):
    # repo2docker names copied build files after their source path with "/" written as "-2f" etc.
    return re.sub(r"-([0-9a-f]{2})", lambda m: chr(int(m.group(1), 16)), dockerfile)


def test_environment_yml_is_a_conda_environment():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert isinstance(env, dict) and set(env) >= {"name", "channels", "dependencies"}
    assert all(isinstance(d, (str, dict)) for d in env["dependencies"])
    pins = [d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python")]
    assert len(pins) == 1 and re.fullmatch(r"python=3\.\d+", pins[0]), pins
    # Binder reads the root files only when there is no binder/ folder (which would win).
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()


def test_repo2docker_would_build_the_conda_env_with_python_311_then_run_postbuild():
    dockerfile, log = repo2docker_plan(ROOT)
    assert "Building conda environment for python=3.11" in log
    assert "/repo2docker/buildpacks/conda/" in unescape(dockerfile), "not the conda buildpack"
    assert "environment.py-3.11-linux-64.lock" in unescape(dockerfile)
    lines = dockerfile.splitlines()
    copy_env = lines.index("COPY --chown=0:0 src/environment.yml ${REPO_DIR}/environment.yml")
    env_update = next(i for i, line in enumerate(lines) if 'env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"' in line)
    copy_repo = lines.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    post_build = lines.index("RUN ./postBuild")
    # The conda env is built from environment.yml alone, before the repository is copied (so a
    # notebook edit does not rebuild it); postBuild runs after the copy, as the notebook user.
    assert copy_env < env_update < copy_repo < post_build
    users = [line for line in lines[:post_build] if line.startswith("USER ")]
    assert users[-1] == "USER ${NB_USER}"


def test_repo2docker_check_notices_another_python_pin(tmp_path):
    # The assertions above can fail: the same plan for a python=3.10 environment says so.
    text = (ROOT / "environment.yml").read_text().replace("python=3.11", "python=3.10")
    (tmp_path / "environment.yml").write_text(text)
    shutil.copy2(ROOT / "postBuild", tmp_path / "postBuild")
    dockerfile, log = repo2docker_plan(tmp_path)
    assert "Building conda environment for python=3.10" in log
    assert "environment.py-3.11" not in unescape(dockerfile)


def test_postbuild_run_for_real_makes_lecture_utils_importable(tmp_path):
    """Binder's ``./postBuild`` (an editable install without dependencies) in a fresh venv.

    Binder runs it from the repository root with its env's ``python`` first on PATH. The
    package then imports from anywhere (the kernel's cwd is notebooks/), as this repository's
    copy, with only the standard library: no helper package is needed at run time. (One venv
    for what two tests checked before, each building its own.)
    """
    env_dir = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True, timeout=300)
    bin_dir = env_dir / "bin"
    path = f"{bin_dir}{os.pathsep}{os.environ['PATH']}"
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    run = subprocess.run(["./postBuild"], cwd=ROOT, env={**env, "PATH": path, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
                         capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    code = "import importlib.util as u, lecture_utils; print(lecture_utils.__file__); print(u.find_spec('lecture_utils').origin)"
    out = subprocess.run([str(bin_dir / "python"), "-c", code],
                         cwd=tmp_path, env=env, capture_output=True, text=True, check=True, timeout=60)
    imported, found = (Path(line) for line in out.stdout.splitlines())
    assert imported == found == ROOT / "lecture_utils" / "__init__.py", out.stderr
    # the venv has nothing but pip and the editable install: no runtime package came with it
    listed = subprocess.run([str(bin_dir / "python"), "-m", "pip", "list", "--format=freeze"], env=env,
                            capture_output=True, text=True, check=True, timeout=120).stdout
    assert not {"numpy", "matplotlib", "ipywidgets"} & {line.split("==")[0].lower() for line in listed.split()}, listed
