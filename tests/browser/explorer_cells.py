"""Which code cells the browser tests run: the explorers and what they need, not the whole notebook.

nbval and the worked-solutions test already run every cell of every notebook; the browser
tests are about the explorers in a front end (live widgets, moved controls, accessibility).
So they run only:

- every cell whose stored output shows an explorer (a widget view);
- every cell the stored notebook never ran (no execution count): a cell the stored outputs
  say nothing about, such as the deliberately broken cells of ``make_broken_notebooks.py``;
- every earlier cell that binds or changes a name those cells read (imports, assignments,
  ``def``, ``X.attr = ...``), transitively.

JupyterLab and Notebook 7 open the notebook as stored (every markdown cell and stored output
stays on the page for the accessibility checks) and run only these cells; Voila renders a copy
that holds the markdown cells and these code cells (``write_copies``).

    python tests/browser/explorer_cells.py SRC_DIR DEST_DIR    # the trimmed copies, one per notebook
    python tests/browser/explorer_cells.py --combined SRC_DIR DEST_DIR
                               # DEST_DIR/all_explorers.ipynb: all of them in one (Notebook 7, Voila)
"""

import ast
import json
import re
import sys
from pathlib import Path

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# IPython syntax that is not Python: line magics, shell escapes, a trailing `?`.
_IPYTHON_LINE = re.compile(r"^\s*([%!].*|.*\?\s*)$")


def _source(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _names(source):
    """(names bound or changed, names read) at the cell's top level; None if it does not parse."""
    code = "\n".join("" if _IPYTHON_LINE.match(line) else line for line in source.splitlines())
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    bound, read = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (bound if isinstance(node.ctx, (ast.Store, ast.Del)) else read).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.Attribute, ast.Subscript)) and isinstance(node.ctx, (ast.Store, ast.Del)):
            base = node.value
            while isinstance(base, (ast.Attribute, ast.Subscript)):
                base = base.value
            if isinstance(base, ast.Name):  # `LineExplorer.draw = ...` changes LineExplorer
                bound.add(base.id)
    return bound, read


def shows_explorer(cell):
    return any(WIDGET_VIEW in o.get("data", {}) for o in cell.get("outputs", []))


def needed_cells(nb):
    """Indices (into ``nb["cells"]``) of the code cells the browser tests run, in order.

    ``nb`` is a notebook as a dict (its JSON). A cell that does not parse as Python is kept
    whenever a later kept cell reads anything, since what it binds is unknown.
    """
    cells = nb["cells"]
    code = [i for i, c in enumerate(cells) if c["cell_type"] == "code" and _source(c).strip()]
    wanted, kept = set(), []
    for i in reversed(code):
        cell = cells[i]
        names = _names(_source(cell))
        seed = shows_explorer(cell) or cell.get("execution_count") is None
        if seed or names is None and wanted or names is not None and names[0] & wanted:
            kept.append(i)
            if names is not None:
                wanted |= names[1]
    return sorted(kept)


def trimmed(nb):
    """A copy of ``nb`` with its markdown/raw cells and only the needed code cells."""
    keep = set(needed_cells(nb))
    out = dict(nb)
    out["cells"] = [c for i, c in enumerate(nb["cells"]) if c["cell_type"] != "code" or i in keep]
    return out


def write_copies(src, dest):
    """Write the trimmed copy of every ``src/*.ipynb`` to ``dest`` (same names); return them."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(src.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        (dest / path.name).write_text(json.dumps(trimmed(nb), indent=1, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
        written.append(dest / path.name)
    return written


COMBINED = "all_explorers.ipynb"


def combined(notebooks):
    """One notebook holding the trimmed copy of each of ``notebooks`` (dicts), one after another.

    Each part opens with a markdown cell naming its notebook; cell ids are prefixed with the
    part's number, since the copies share some (every notebook's Colab setup cell).
    """
    cells = []
    for k, (name, nb) in enumerate(notebooks):
        cells.append({"cell_type": "markdown", "id": f"part{k}", "metadata": {}, "source": f"# From {name}"})
        for cell in trimmed(nb)["cells"]:
            cells.append(dict(cell, id=f"{k}-{cell.get('id', len(cells))}"[:64]))
    first = notebooks[0][1]
    return {"cells": cells, "metadata": first.get("metadata", {}), "nbformat": first.get("nbformat", 4),
            "nbformat_minor": max(first.get("nbformat_minor", 5), 5)}


def write_combined(src, dest):
    """Write ``dest/all_explorers.ipynb``: every explorer of ``src/*.ipynb`` with what it needs.

    Notebook 7 and Voila check that explorers live, move and are named in their front end;
    one notebook, one page and one kernel for all of them costs a page load and a kernel
    start instead of one per notebook (JupyterLab opens each notebook as it is).
    """
    books = [(p.name, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(src.glob("*.ipynb"))]
    if not books:
        raise ValueError(f"no notebooks in {src}")
    dest.mkdir(parents=True, exist_ok=True)
    out = dest / COMBINED
    out.write_text(json.dumps(combined(books), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def main(argv):
    if argv[:1] == ["--combined"] and len(argv) == 3:
        out = write_combined(Path(argv[1]), Path(argv[2]))
        nb = json.loads(out.read_text(encoding="utf-8"))
        print(f"  {out.name}: {sum(c['cell_type'] == 'code' for c in nb['cells'])} code cell(s) to run")
        return
    if len(argv) != 2:
        sys.exit(__doc__)
    src, dest = Path(argv[0]), Path(argv[1])
    if not src.is_dir():
        sys.exit(f"explorer_cells.py: {src} is not a folder of notebooks")
    for path in write_copies(src, dest):
        nb = json.loads(path.read_text(encoding="utf-8"))
        print(f"  {path.name}: {sum(c['cell_type'] == 'code' for c in nb['cells'])} code cell(s) to run")


if __name__ == "__main__":
    main(sys.argv[1:])
