"""The Colab setup cell, for real: in a fresh venv WITHOUT lecture_utils, pointed at this clone,
it installs the course, then lecture_utils imports and a data loader works.

The venv starts as Colab's runtime does: the course's third-party requirements (numpy,
matplotlib, ipywidgets, Jupyter...) already there, put in by uv from its cache when uv is
at hand (a few seconds), then the setup cell's own pip installs the course and finds them
installed. That pip resolves every requirement from nothing is test_packaging's business.

Builds a venv, so `pytest tests` does not collect it (the file name does not start with
test_); `make test-colab` runs it: pytest tests/colab_venv_check.py.
"""

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
import colab

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

def test_setup_cell_installs_the_course_into_a_fresh_venv(tmp_path):
    env_dir = tmp_path / "colab-venv"
    uv = shutil.which("uv", path=str(Path(sys.executable).parent))
    if uv:  # --seed puts pip in from uv's cache: ensurepip took 5-6 s of CPU
        subprocess.run([uv, "venv", "--quiet", "--seed", "--python", sys.executable, str(env_dir)],
                       check=True, timeout=300)
    else:
        venv.create(env_dir, with_pip=True)
    python = str(env_dir / "bin" / "python")
    runtime = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    preinstall = [uv, "pip", "install", "--quiet", "--python", python] if uv else [python, "-m", "pip", "install", "-q"]
    subprocess.run([*preinstall, *runtime], check=True, timeout=900)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LECTURE_UTILS_DATA", "VIRTUAL_ENV")}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", **{colab.SOURCE_ENV: str(ROOT)})
    workdir = tmp_path / "content"  # like Colab's /content: the notebook's folder is elsewhere
    workdir.mkdir()
    missing = subprocess.run([python, "-c", "import lecture_utils"], capture_output=True, env=env, cwd=workdir,
                             check=False)
    assert missing.returncode != 0, "the fresh venv must start without lecture_utils"

    setup = colab.setup_source(colab.REPOSITORY)
    use = ("\nfrom lecture_utils import data\nimages, labels = data.load_digits()\n"
           "print(images.shape, data.load_grace_hopper().shape)\n")
    first = subprocess.run([python, "-c", setup + use], capture_output=True, text=True, env=env, cwd=workdir,
                           check=False)
    assert first.returncode == 0, first.stderr[-3000:]
    assert first.stdout.strip() == "(1797, 8, 8) (150, 128, 3)"
    # A restarted kernel: the cell now finds the package, says nothing, and the data still load.
    again = subprocess.run([python, "-c", setup], capture_output=True, text=True, env=env, cwd=workdir,
                           check=False)
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")
    later = subprocess.run([python, "-c", use], capture_output=True, text=True, env=env, cwd=workdir,
                           check=False)
    assert later.stdout.strip() == "(1797, 8, 8) (150, 128, 3)", later.stderr[-3000:]
    assert re.search(r"^lecture.utils ", subprocess.run(
        [python, "-m", "pip", "list"], capture_output=True, text=True, env=env, check=True).stdout, re.MULTILINE | re.IGNORECASE)
