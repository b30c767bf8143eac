"""Notebooks: each one run top to bottom in a fresh kernel (nbclient), and the whole pack."""

import datetime as dt
import time
from pathlib import Path

from report import TARGETS

from lecture_utils import registry

SECTION = "notebooks"
NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def run_notebook(nb, cwd):
    """Seconds to execute ``nb`` in a fresh kernel (kernel start and stop included)."""
    from nbclient import NotebookClient

    client = NotebookClient(nb, kernel_name="python3", timeout=600, record_timing=True,
                            resources={"metadata": {"path": str(cwd)}})
    t = time.perf_counter()
    client.execute()
    return time.perf_counter() - t


def slowest_cell(nb):
    """``(seconds, index)`` of the slowest cell of an executed notebook (nbclient's timing)."""
    worst = (0.0, None)
    for i, cell in enumerate(nb.cells):
        ex = cell.get("metadata", {}).get("execution", {})
        start, end = ex.get("iopub.execute_input"), ex.get("shell.execute_reply")
        if start and end:
            s = (dt.datetime.fromisoformat(end.replace("Z", "+00:00"))
                 - dt.datetime.fromisoformat(start.replace("Z", "+00:00"))).total_seconds()
            worst = max(worst, (s, i), key=lambda p: p[0])
    return worst


def bench_notebooks(rep):
    import nbformat

    sec = SECTION
    with rep.measure(sec, "kernel start (empty notebook)") as started:
        empty = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
        rep.add(sec, "kernel start + stop (empty notebook)", run_notebook(empty, NOTEBOOKS), "s",
                note="included in every figure below")
    if not started.ok:
        return
    paths = [nb.path for nb in registry.notebooks(NOTEBOOKS)]
    total, failed = 0.0, False
    for path in paths:
        with rep.measure(sec, path.name) as ran:
            nb = nbformat.read(path, as_version=4)
            s = run_notebook(nb, path.parent)
            total += s
            slow_s, slow_i = slowest_cell(nb)
            note = f"slowest cell #{slow_i}: {slow_s:.2f} s" if slow_i is not None else ""
            rep.add(sec, path.name, s, "s", TARGETS["notebook_s"], note=note)
        failed |= not ran.ok
    rep.add(sec, f"whole pack ({len(paths)} notebooks)", total, "s", TARGETS["pack_s"],
            note="sequential, fresh kernel each" + ("; some notebooks failed" if failed else ""))
