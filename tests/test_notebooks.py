"""Hygiene of the stored notebooks (nbval checks their outputs; this checks the rest)."""

import ast
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import notebooks as nbtools  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXPECTED = ["00_start_here", "01_tensors", "02_matrix_operations", "03_norms",
            "04_derivatives", "05_gradient_descent", "06_logistic_regression"]
ALLOWED_IMPORTS = {"lecture_utils", "numpy", "matplotlib", "ipywidgets", "IPython"} | set(sys.stdlib_module_names)
MACHINE_STRINGS = re.compile(r"/work/|/home/|/Users/|/root/|/tmp/|C:\\\\|ipykernel_\d+| at 0x[0-9a-f]{6,}")


def load(path):
    return json.loads(path.read_text())


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def test_notebook_names_follow_the_course_map():
    names = [p.stem for p in NOTEBOOKS]
    assert names == EXPECTED[:len(names)], "notebooks must be the course's, in order, without gaps"
    assert len(names) >= 2


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
    path, book = nb
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
    if number < len(EXPECTED) - 1:
        assert f"({EXPECTED[number + 1]}.ipynb)" in last, "the last cell links to the next notebook"


def test_every_exercise_has_a_hidden_solution(nb):
    path, book = nb
    cells = book["cells"]
    for i, c in enumerate(cells):
        src = "".join(c["source"])
        if c["cell_type"] == "code" and re.search(r"^\w+ = \.\.\.", src, re.M) and "check(" in src:
            after = "".join(cells[i + 1]["source"]) if i + 1 < len(cells) else ""
            assert "<details>" in after, f"{path.name}: exercise cell {i} has no collapsed solution after it"


def test_course_maps_match_the_notebooks_estimated_times():
    readme = (ROOT / "README.md").read_text()
    start = "".join("".join(c["source"]) for c in load(ROOT / "notebooks" / "00_start_here.ipynb")["cells"])
    for path in NOTEBOOKS:
        first = "".join(load(path)["cells"][0]["source"])
        minutes = re.search(r"Estimated time:\*\*\s*(?:about\s*)?(\d+) minutes", first).group(1)
        for where, text in (("README.md", readme), ("00_start_here", start)):
            row = re.search(rf"^\| {path.name[:2]} \|.*\| (\d+) min \|$", text, re.M)
            assert row and row.group(1) == minutes, f"{where}'s course map disagrees with {path.name}"
