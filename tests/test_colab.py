"""tools/colab.py: the "Open in Colab" badge and the setup cell that installs the course.

The fresh-venv install of the setup cell is in tests/colab_venv_check.py (`make test-colab`).
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
import colab

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture
def copies(tmp_path):
    """The course's notebooks as they were before the tool: no badge, no setup cell."""
    out = []
    for nb in NOTEBOOKS:
        book = json.loads(nb.read_text(encoding="utf-8"))
        book["cells"] = [c for c in book["cells"] if "colab-setup" not in c["metadata"].get("tags", [])]
        header = "".join(book["cells"][0]["source"])
        book["cells"][0]["source"] = colab.BADGE_LINE.sub("", header).replace("\n\n\n", "\n\n").splitlines(True)
        (tmp_path / nb.name).write_text(colab.dump(book), encoding="utf-8")
        out.append(tmp_path / nb.name)
    return out


def test_every_notebook_of_the_course_has_the_badge_and_the_setup():
    colab.main([str(p) for p in NOTEBOOKS] + ["--check"])  # exits 1 when a notebook would change


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_applying_twice_changes_nothing_the_second_time(copies):
    colab.main([str(p) for p in copies])
    first = {p: p.read_bytes() for p in copies}
    assert not any(colab.process(p) for p in copies)
    assert {p: p.read_bytes() for p in copies} == first
    colab.main([str(p) for p in copies] + ["--check"])  # exits 1 when something would change


def test_check_reports_a_notebook_without_the_setup(copies):
    with pytest.raises(SystemExit) as exit_info:
        colab.main([str(copies[0]), "--check"])
    assert exit_info.value.code == 1


def test_badge_under_the_h1_and_setup_first_code_cell_rest_untouched(copies):
    for path in copies:
        before = cells(path)
        colab.process(path)
        after = cells(path)
        header = "".join(after[0]["source"])
        url = f"https://colab.research.google.com/github/{colab.REPOSITORY}/blob/main/notebooks/{path.name}"
        lines = header.splitlines()
        assert lines[0].startswith("# ") and lines[2] == f"[![Open in Colab]({colab.BADGE_IMAGE})]({url})"
        assert header.count("Open in Colab") == 1
        assert after[1]["cell_type"] == "code" and after[1]["metadata"]["tags"] == ["colab-setup"]
        # out of the way: collapsed in JupyterLab, a one-line form (its #@title) in Colab
        assert after[1]["metadata"]["jupyter"] == {"source_hidden": True}
        assert after[1]["metadata"]["cellView"] == "form" and after[1]["source"][0].startswith("#@title ")
        assert after[1]["outputs"] == []
        assert after[2:] == before[1:]  # every other cell as it was
        assert header.replace(lines[2] + "\n\n", "") == "".join(before[0]["source"])


def test_a_changed_repository_rewrites_badge_and_setup_in_place(copies):
    path = copies[0]
    colab.process(path)
    colab.process(path, repository="someone/fork")
    got = cells(path)
    assert sum("colab-setup" in c["metadata"].get("tags", []) for c in got) == 1
    assert "github/someone/fork/blob/main" in "".join(got[0]["source"])
    assert "github/" + colab.REPOSITORY not in "".join(got[0]["source"])
    assert "https://github.com/someone/fork" in "".join(got[1]["source"])


def test_bad_repository_is_refused():
    with pytest.raises(ValueError, match="owner/name"):
        colab.colab_url("https://github.com/a/b", "00_start_here.ipynb")


def test_setup_cell_is_silent_where_the_course_is_installed():
    out = subprocess.run([sys.executable, "-c", colab.setup_source(colab.REPOSITORY)],
                         capture_output=True, text=True, cwd=ROOT, check=True)
    assert (out.stdout, out.stderr) == ("", "")


def test_readme_course_map_has_each_notebooks_colab_badge():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    course_map = readme.split("## Course map", 1)[1].split("\n## ", 1)[0]
    for nb in NOTEBOOKS:
        row = next(line for line in course_map.splitlines() if f"(notebooks/{nb.name})" in line)
        assert colab.colab_url(colab.REPOSITORY, nb.name) in row, nb.name
