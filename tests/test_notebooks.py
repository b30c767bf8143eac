"""Hygiene of the stored notebooks (nbval checks their outputs; this checks the rest)."""

import ast
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
import notebooks as nbtools
from lecture_utils import registry

COURSE = registry.notebooks()
NOTEBOOKS = [nb.path for nb in COURSE]
ALLOWED_IMPORTS = {"lecture_utils", "numpy", "matplotlib", "ipywidgets", "IPython"} | set(sys.stdlib_module_names)
MACHINE_STRINGS = re.compile(r"/work/|/home/|/Users/|/root/|/tmp/|C:\\\\|ipykernel_\d+| at 0x[0-9a-f]{6,}")


def load(path):
    return json.loads(path.read_text())


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def test_every_notebook_in_the_folder_is_in_the_course_in_order():
    # registry.notebooks() raises on a gap, a repeat, a bad name or a first cell without time.
    assert NOTEBOOKS == sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert [nb.number for nb in COURSE] == [f"{i:02d}" for i in range(len(COURSE))]


def test_the_registry_refuses_a_gap_and_a_first_cell_without_time(tmp_path):
    def write(name, first_cell):
        cell = {"cell_type": "markdown", "metadata": {}, "source": first_cell}
        book = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        (tmp_path / name).write_text(json.dumps(book))

    write("00_a.ipynb", "# 00 · A\n\n**Estimated time:** 5 minutes.")
    assert [(nb.title, nb.minutes) for nb in registry.notebooks(tmp_path)] == [("A", 5)]
    write("02_c.ipynb", "# 02 · C\n\n**Estimated time:** about 7 minutes.")
    with pytest.raises(ValueError, match="without gaps"):
        registry.notebooks(tmp_path)
    (tmp_path / "02_c.ipynb").unlink()
    write("01_b.ipynb", "# 01 · B\n\nNo time here.")
    with pytest.raises(ValueError, match="Estimated time"):
        registry.notebooks(tmp_path)


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.name)
def nb(request):
    return request.param, load(request.param)


def test_executed_in_order(nb):
    path, book = nb
    counts = [c["execution_count"] for c in code_cells(book)]
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: re-run with `make execute NB={path}`"


def test_no_errors_or_stderr(nb):
    path, book = nb
    for i, c in enumerate(code_cells(book)):
        for o in c["outputs"]:
            assert o["output_type"] != "error", f"{path.name} code cell {i}: {o.get('ename')}"
            assert not (o["output_type"] == "stream" and o["name"] == "stderr"), \
                f"{path.name} code cell {i} wrote to stderr: {''.join(o['text'])[:200]}"


def test_kernelspec_and_clean_metadata(nb):
    _, book = nb
    assert book["metadata"]["kernelspec"]["name"] == "python3"
    assert nbtools.volatile_metadata(nbtools.nbformat.reads(json.dumps(book), as_version=4)) == []


def test_no_machine_specific_strings(nb):
    path, book = nb
    for c in book["cells"]:
        text = "".join(c["source"])
        for o in c.get("outputs", []):
            text += "".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
        assert not MACHINE_STRINGS.search(text), f"{path.name}: {MACHINE_STRINGS.search(text).group()!r}"


def test_imports_only_allowed_packages(nb):
    path, book = nb
    for c in code_cells(book):
        src = "\n".join(line for line in "".join(c["source"]).splitlines() if not line.lstrip().startswith(("%", "!")))
        for node in ast.walk(ast.parse(src)):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                assert name.split(".")[0] in ALLOWED_IMPORTS, f"{path.name} imports {name}"


def test_starts_with_objectives_and_time_and_ends_with_a_summary(nb):
    path, book = nb
    first = "".join(book["cells"][0]["source"])
    last = "".join(book["cells"][-1]["source"])
    assert first.startswith("# ") and "Estimated time" in first
    assert re.search(r"(?i)objectives|you will", first)
    assert "Summary" in last or "summary" in last
    number = int(path.name[:2])
    if number + 1 < len(NOTEBOOKS):
        assert f"({NOTEBOOKS[number + 1].name})" in last, "the last cell links to the next notebook"


def test_every_exercise_has_a_hidden_solution(nb):
    path, book = nb
    cells = book["cells"]
    for i, c in enumerate(cells):
        src = "".join(c["source"])
        if c["cell_type"] == "code" and re.search(r"^\w+ = \.\.\.", src, re.MULTILINE) and "check(" in src:
            after = "".join(cells[i + 1]["source"]) if i + 1 < len(cells) else ""
            assert "<details>" in after, f"{path.name}: exercise cell {i} has no collapsed solution after it"


def test_readme_course_map_is_generated_from_the_notebooks():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert nbtools.readme_with_map(text) == text, "README's course map is stale: run `python tools/notebooks.py maps`"


def test_the_course_map_lists_every_notebook_with_its_time():
    table = registry.course_map(link_prefix="notebooks/")
    for nb in COURSE:
        assert f"| {nb.number} | [{nb.title}](notebooks/{nb.path.name}) | {nb.minutes} min |" in table
    total = sum(nb.minutes for nb in COURSE)
    assert f"**{total // 60} h {total % 60:02d} min**" in table


def test_the_start_notebooks_course_map_is_generated_from_the_notebooks():
    """Notebook 00 shows the map as markdown between the markers, so adding a notebook needs
    `make generated`, never a re-execution of 00."""
    start = nbtools.nbformat.read(NOTEBOOKS[0], as_version=4)
    assert nbtools.start_notebook_with_map(start) == start, \
        "00's course map is stale: run `make generated` (python tools/notebooks.py maps)"
    text = "\n".join(c.source for c in start.cells if c.cell_type == "markdown")
    for nb in COURSE:
        row = re.search(rf"^\| {nb.number} \| \[.*\]\({nb.path.name}\) \| (\d+) min \|$", text, re.MULTILINE)
        assert row and int(row.group(1)) == nb.minutes, f"00's course map disagrees with {nb.path.name}"


def test_a_stale_course_map_is_found_and_regenerated():
    start = nbtools.nbformat.read(NOTEBOOKS[0], as_version=4)
    fresh = nbtools.start_notebook_with_map(start)
    stale = nbtools.nbformat.from_dict(fresh)
    cell = next(c for c in stale.cells if nbtools.MAP_START in c.source)
    cell.source = cell.source.replace(f"| {COURSE[1].minutes} min |", f"| {COURSE[1].minutes + 1} min |", 1)
    assert stale != fresh and nbtools.start_notebook_with_map(stale) == fresh
    cell.source = cell.source.replace(nbtools.MAP_END, "")
    with pytest.raises(ValueError, match="needs one markdown cell holding the lines"):
        nbtools.start_notebook_with_map(nbtools.nbformat.from_dict({**stale, "cells": []}))
    with pytest.raises(ValueError, match="around its course map"):
        nbtools.start_notebook_with_map(stale)
