"""The browser tests run only the explorers' cells and what they need (tests/browser/explorer_cells.py).

If the selection dropped a cell an explorer needs, JupyterLab, Notebook 7 and Voila would fail
with a NameError; if it dropped an explorer, that explorer would go untested in every front end.
"""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# tests/browser/ holds scripts, not a package on the path: load the module from its file.
_spec = importlib.util.spec_from_file_location("explorer_cells", ROOT / "tests" / "browser" / "explorer_cells.py")
explorer_cells = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(explorer_cells)

VIEW = {"output_type": "display_data", "data": {explorer_cells.WIDGET_VIEW: {"model_id": "x"}}, "metadata": {}}


def code(source, outputs=(), count=1, tags=()):
    return {"cell_type": "code", "source": source, "outputs": list(outputs), "execution_count": count,
            "metadata": {"tags": list(tags)}}


def markdown(source):
    return {"cell_type": "markdown", "source": source, "metadata": {}}


def test_keeps_explorers_and_what_they_read_transitively():
    nb = {"cells": [
        markdown("# title"),
        code("%matplotlib inline\nimport numpy as np\nfrom lecture_utils.widgets import TransposeExplorer"),
        code("B = np.ones(3)"),                                   # read by A's cell
        code("A = B * 2\nprint(A)"),
        code("slow = sum(range(10**6))"),                         # nobody reads it
        code("fig = plot(A)"),                                    # reads A, binds nothing needed
        code("TransposeExplorer(A, i=0, j=1)", outputs=[VIEW]),
        code("after = 1"),                                        # after the last explorer
    ]}
    assert explorer_cells.needed_cells(nb) == [1, 2, 3, 6]
    kept = explorer_cells.trimmed(nb)["cells"]
    assert [c["cell_type"] for c in kept] == ["markdown", "code", "code", "code", "code"]


def test_keeps_a_cell_that_changes_a_class_and_a_cell_never_run():
    # make_broken_notebooks.py's patches: new cells (no execution count) before the explorer.
    nb = {"cells": [
        code("from lecture_utils.widgets import LineExplorer"),
        code("def broken(self):\n    raise RuntimeError\nLineExplorer.draw = broken", count=None),
        code("display(Javascript(\"console.error('x')\"))", count=None),
        code("LineExplorer.title = 'changed'"),                   # changes a name the explorer reads
        code("x = 1"),
        code("LineExplorer(w=1.0)", outputs=[VIEW]),
    ]}
    assert explorer_cells.needed_cells(nb) == [0, 1, 2, 3, 5]


def test_a_cell_that_does_not_parse_is_kept_when_anything_later_is():
    nb = {"cells": [code("import numpy as np"), code("x = = 1"), code("Explorer(np)", outputs=[VIEW])]}
    assert explorer_cells.needed_cells(nb) == [0, 1, 2]
    assert explorer_cells.needed_cells({"cells": [code("x = = 1"), code("y = 2")]}) == []


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.stem)
def test_every_course_notebook_keeps_every_explorer_and_its_setup(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = explorer_cells.trimmed(nb)["cells"]
    shown = sum(explorer_cells.shows_explorer(c) for c in nb["cells"])
    assert shown and sum(explorer_cells.shows_explorer(c) for c in cells) == shown
    # The first kept cell is the notebook's setup: the course imports and the course style.
    setup = "".join(next(c for c in cells if c["cell_type"] == "code")["source"])
    assert "import" in setup and "%matplotlib inline" in setup
    assert sum(c["cell_type"] == "markdown" for c in cells) == sum(c["cell_type"] == "markdown" for c in nb["cells"])


def test_the_combined_notebook_holds_each_part_in_order_with_ids_of_its_own(tmp_path):
    # Voila (and Notebook 7 with FRONTEND_PAGES=one) check every explorer in this one notebook.
    first = {"cells": [dict(markdown("# One"), id="intro"), dict(code("import numpy as np"), id="setup"),
                       dict(code("np.zeros(3)"), id="unused"), dict(code("A(np)", outputs=[VIEW]), id="show")],
             "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
    second = {"cells": [dict(code("import numpy as np"), id="setup"), dict(code("B(np)", outputs=[VIEW]), id="show")],
              "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    for name, nb in (("01_a.ipynb", first), ("02_b.ipynb", second)):
        (tmp_path / name).write_text(json.dumps(nb), encoding="utf-8")
    out = explorer_cells.write_combined(tmp_path, tmp_path / "out")
    nb = json.loads(out.read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in nb["cells"]]
    assert sources == ["# From 01_a.ipynb", "# One", "import numpy as np", "A(np)",
                       "# From 02_b.ipynb", "import numpy as np", "B(np)"]
    ids = [c["id"] for c in nb["cells"]]
    assert len(set(ids)) == len(ids), ids
    assert nb["metadata"]["kernelspec"] == {"name": "python3"}
    with pytest.raises(ValueError, match="no notebooks"):
        explorer_cells.write_combined(tmp_path / "out" / "empty", tmp_path / "x")


def test_the_combined_course_notebook_shows_every_explorer_of_the_course(tmp_path):
    paths = sorted((ROOT / "notebooks").glob("*.ipynb"))
    nb = json.loads(explorer_cells.write_combined(ROOT / "notebooks", tmp_path).read_text(encoding="utf-8"))
    total = sum(explorer_cells.shows_explorer(c) for p in paths for c in json.loads(p.read_text(encoding="utf-8"))["cells"])
    assert sum(explorer_cells.shows_explorer(c) for c in nb["cells"]) == total > 0
    code_cells = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]
    assert explorer_cells.needed_cells(nb) == code_cells  # every part keeps only what it needs
