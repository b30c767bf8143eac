"""The static site's explorers: a stored notebook with only its explorers (and what they need) run again.

The course's notebooks are stored executed (nbval checks that they are) but without widget
state, which the site needs for an explorer to move with no kernel. Running a whole notebook
again to get it costs more than all the explorers together (07 trains networks before its
explorers), so :func:`run_explorers` runs only the cells tests/browser/explorer_cells.py picks
for the browser tests: every cell that shows an explorer, every cell never run, and every earlier
cell that binds a name they read. Every other cell keeps its stored outputs.

An explorer built in that shorter run must be the explorer the stored notebook shows: its
``text/plain`` (title and description) is compared with the stored one, and a difference is
returned (tools/build_html.py lists it in the site's manifest; tests/test_static_html.py fails
on it).
"""

import copy
import importlib.util
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _load_explorer_cells():
    # One choice of cells for the site and the browser tests (JupyterLab, Notebook 7, Voila, the
    # hub); tests/browser is not a package, so the module is loaded from its file.
    spec = importlib.util.spec_from_file_location("explorer_cells", ROOT / "tests" / "browser" / "explorer_cells.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


explorer_cells = _load_explorer_cells()
SOURCE = (ROOT / "tests" / "browser" / "explorer_cells.py", Path(__file__))


def shows_widget(cell):
    return any(WIDGET_VIEW in output.get("data", {}) for output in cell.get("outputs", []))


def _plain_text(cell):
    return ["".join(output.get("data", {}).get("text/plain", "")) for output in cell.get("outputs", [])
            if WIDGET_VIEW in output.get("data", {})]


def run_explorers(nb, folder, timeout=600):
    """Run ``nb``'s explorer cells and what they need in a fresh kernel (cwd ``folder``); in place.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A notebook as stored. Its explorer cells and its never-run cells get the outputs of
        the run, and its metadata the widget state; every other cell keeps what was stored.
    folder : path-like
        The kernel's working directory (the notebook's folder: data paths are relative to it).
    timeout : int
        Seconds a cell may take.

    Returns
    -------
    ran : int
        How many code cells ran (0: nothing to run, no kernel started).
    differs : list of str
        One line per explorer whose text (title and description) is not the stored one.
    """
    from nbclient import NotebookClient

    needed = explorer_cells.needed_cells(nb)
    if not needed:
        return 0, []
    run = nbformat.v4.new_notebook(cells=[copy.deepcopy(nb.cells[i]) for i in needed],
                                   metadata=copy.deepcopy(nb.metadata))
    NotebookClient(run, kernel_name="python3", timeout=timeout, record_timing=False, store_widget_state=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    differs = []
    for index, done in zip(needed, run.cells):
        stored = nb.cells[index]
        never_ran = stored.get("execution_count") is None
        if not (never_ran or shows_widget(stored) or shows_widget(done)):
            continue  # a cell an explorer needs: what it printed is stored already
        if not never_ran and _plain_text(stored) != _plain_text(done):
            differs.append(f"cell {index}: stored {_plain_text(stored)!r}, the explorers' run {_plain_text(done)!r}")
        stored.outputs = done.outputs
        if never_ran:
            stored.execution_count = done.execution_count
    widgets = run.metadata.get("widgets")
    if widgets:
        nb.metadata["widgets"] = widgets
    return len(needed), differs
