"""Browser round trip of every explorer in JupyterLab: key press -> the frame that shows the change.

    make bench-browser            # = .venv/bin/python tests/browser/roundtrip.py
    .venv/bin/python tests/browser/roundtrip.py --moves 30 --only SecantExplorer

Starts its own JupyterLab (loopback, throwaway settings, tests/browser/lab_test_config.py) on a
temporary notebook that shows the first example of every explorer the registry finds, and
(unless ``--no-fixture``) the client-side fixture explorer of tests/site_fixture, and drives it
in headless Debian chromium (playwright, as tests/browser/lab_check.py). Cell by cell:

- appearance: the cell is run and timed from the run command to the explorer on screen
  (its picture decoded, or its control and description rendered), and to its first output
  (``output_ms``: the kernel's part and the transfer; the rest is the front end's);
- moves: ``--moves`` single key presses on its first control (ArrowRight, ArrowLeft at the end).
  An explorer that draws in the browser (a native range input or select and an ``aria-live``
  description, no ipywidgets slider; an anywidget) is timed from the keydown to the first
  animation frame after its description changed, and the number of frames that took is kept
  (1 = the change was in the first frame). The Event Timing API's keydown durations (input to
  the next paint, reported by Chromium from 16 ms up) are kept too. A kernel-rendered explorer
  is timed as before: from the keydown on its slider handle to the first frame with the new
  picture decoded;
- the static picture: the output must carry it once the moves are over (added by update_display_data
  after the cell, lecture_utils/widgets/_display.py) while the canvas shown stays the one that
  appeared (JupyterLab builds the view again on the update; the new view adopts the old root) and
  the focus stays on the control between presses (``view_kept``, ``picture_in_output``, ``focus_lost``);
- kernel messages: the websocket frames the page sends to the kernel during the moves (all,
  and comm messages) up to the last move's frame, and the comm messages in the 0.8 s after
  it (a browser explorer sends its values back once the student has stopped), counted with
  playwright's ``framesent``.

Writes every figure, the machine and its load to build/bench-browser.json. Targets: an
explorer that draws in the browser answers within one frame (p95 <= 16.7 ms), sends the kernel
nothing while it moves and appears within 0.5 s of its cell running; a kernel-rendered one
keeps p95 <= 120 ms. Exit status 1 when an explorer could not be measured.
"""

import argparse
import json
import os
import platform
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TARGET_P95_MS = 120.0  # kernel-rendered explorers (a round trip)
FRAME_MS = 16.7  # explorers that draw in the browser: one frame at 60 Hz
APPEAR_MS = 500.0
FIXTURE = ROOT / "tests" / "site_fixture" / "client_explorer.ipynb"

sys.path.insert(0, str(HERE))
from roundtrip_js import ARM_JS, CLIENT_ARM_JS, EVENT_TIMING_JS, MARK_VIEW_JS, PICTURE, RUN_CELL_JS, VIEW_KEPT_JS


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# In the kernel: each later cell's wall and CPU ms from its start to its end (its own code and its
# display; work an explorer leaves for after the cell, its tables, is not counted), one JSON line
# per cell in cell-times.jsonl beside the notebook: the kernel's part of an explorer's appearance.
CELL_TIMES = """import json as _json, time as _time
_started = {}
def _cell_start(info):
    _started.update(source=info.raw_cell, wall=_time.perf_counter(), cpu=_time.process_time())
def _cell_end(result):
    if not _started:  # this setup cell: its hook came in while it ran
        return
    with open("cell-times.jsonl", "a") as out:
        out.write(_json.dumps({"source": _started["source"], "wall_ms": 1000 * (_time.perf_counter() - _started["wall"]),
                               "cpu_ms": 1000 * (_time.process_time() - _started["cpu"])}) + "\\n")
get_ipython().events.register("pre_run_cell", _cell_start)
get_ipython().events.register("post_run_cell", _cell_end)"""


def write_notebook(folder, fixture=True):
    """A notebook showing the first example of every explorer (and the fixture); returns [(name, label, code)]."""
    import nbformat

    sys.path.insert(0, str(ROOT))
    from lecture_utils import registry

    shown, cells = [], [nbformat.v4.new_code_cell(
        "from lecture_utils import registry\nEX = {c.__name__: c for c in registry.explorers()}\n" + CELL_TIMES)]
    for cls in registry.explorers():
        label = next(iter(cls.__dict__["examples"]))
        shown.append((cls.__name__, label, f"EX[{cls.__name__!r}].example({label!r})"))
        cells.append(nbformat.v4.new_code_cell(shown[-1][2]))
    if fixture:
        # Its last code cell defines the widget and shows it (a client-side explorer of the tests).
        code = [c.source for c in nbformat.read(FIXTURE, as_version=4).cells if c.cell_type == "code"]
        shown.append(("fixture: UnitBall (anywidget)", FIXTURE.name, code[-1]))
        cells.append(nbformat.v4.new_code_cell(code[-1]))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "roundtrip.ipynb")
    return shown


def start_lab(python, notebooks, tmp, port, token):
    """JupyterLab on ``notebooks`` with throwaway settings (as run.sh); returns the process."""
    settings = tmp / "settings"
    for sub in ("@jupyterlab/apputils-extension", "@jupyterlab/docmanager-extension"):
        (settings / sub).mkdir(parents=True)
    (settings / "@jupyterlab/apputils-extension/notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false", "checkForUpdates": false}')
    (settings / "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings").write_text('{"autosave": false}')
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(tmp / "ws"),
               JUPYTER_CONFIG_DIR=str(tmp / "config"), JUPYTER_DATA_DIR=str(tmp / "data"),
               JUPYTER_RUNTIME_DIR=str(tmp / "runtime"), PYTHONPATH=str(ROOT))
    log = open(tmp / "lab.log", "w")  # noqa: SIM115 - closed with the process by stop_lab
    proc = subprocess.Popen(
        [python, "-m", "jupyterlab", f"--config={HERE / 'lab_test_config.py'}", f"--ServerApp.port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={notebooks}",
         f"--FileCheckpoints.checkpoint_dir={tmp / 'checkpoints'}"],
        cwd=notebooks, env=env, stdout=log, stderr=subprocess.STDOUT)
    proc.log = log
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterLab exited: {(tmp / 'lab.log').read_text()[-2000:]}")
        try:
            req = urllib.request.Request(f"http://127.0.0.1:{port}/api/status",
                                         headers={"Authorization": f"token {token}"})
            if urllib.request.urlopen(req, timeout=2).status == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.3)
    stop_lab(proc)
    raise RuntimeError("JupyterLab was not ready after 90 s")


def stop_lab(proc):
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    proc.log.close()


def percentile(values, q):
    import numpy as np

    return float(np.percentile(values, q)) if values else None


def time_explorer(page, explorer, moves, timeout_ms):
    from playwright.sync_api import Error as PlaywrightError

    """Milliseconds of ``moves`` key presses on the explorer's first slider (None for a lost move)."""
    explorer.scroll_into_view_if_needed()
    img = explorer.locator(PICTURE).first
    handle = explorer.locator(".widget-slider .noUi-handle").first
    if not handle.count():
        return None, "no slider"
    try:
        img.wait_for(state="visible", timeout=30_000)
    except PlaywrightError:
        return None, "its picture never showed"
    times, key = [], "ArrowRight"
    for _ in range(moves):
        now, top = (float(handle.get_attribute(a)) for a in ("aria-valuenow", "aria-valuemax"))
        low = float(handle.get_attribute("aria-valuemin"))
        key = "ArrowLeft" if now >= top else ("ArrowRight" if now <= low else key)
        handle.focus()
        page.evaluate(ARM_JS, [explorer.element_handle(), handle.element_handle(), timeout_ms])
        handle.press(key)
        page.wait_for_function("() => window.__luMove.done", timeout=timeout_ms + 5000, polling="raf")
        result = page.evaluate("() => window.__luMove")
        times.append(result["ms"] if result["ok"] else None)
        page.wait_for_timeout(30)  # the next press is a new gesture, not part of a drag
    return times, ""


def time_client_explorer(page, explorer, moves):
    """Milliseconds keydown -> first frame after the description changed, and frames taken, per move."""
    control = explorer.locator("input[type=range], select").first
    text = explorer.locator("[aria-live]").first
    page.evaluate(EVENT_TIMING_JS)
    times, frames, lost = [], [], 0
    for move in range(moves):
        # The focus the last press left on the control must still be there (the picture's update
        # building the view again must not take it away).
        lost += move > 0 and not control.evaluate("c => document.activeElement === c")
        if control.evaluate("c => c.tagName") == "SELECT":
            key = "ArrowUp" if control.evaluate("c => c.selectedIndex >= c.options.length - 1") else "ArrowDown"
        else:
            key = "ArrowLeft" if control.evaluate("c => Number(c.value) >= Number(c.max)") else "ArrowRight"
        control.focus()
        page.evaluate(CLIENT_ARM_JS, [control.element_handle(), text.element_handle()])
        control.press(key)
        page.wait_for_function("() => window.__luMove.done", timeout=10_000, polling="raf")
        result = page.evaluate("() => window.__luMove")
        times.append(result["ms"])
        frames.append(result["frames"])
        page.wait_for_timeout(30)
    page.wait_for_timeout(100)  # the last press's Event Timing entry
    return times, frames, page.evaluate("() => window.__luEvents"), lost


class KernelFrames:
    """Websocket frames the page sends to a kernel (all, and comm messages), counted as they go."""

    def __init__(self, page):
        self.sent = self.comm = 0
        page.on("websocket", self._watch)

    def _watch(self, ws):
        if "/api/kernels/" in ws.url:
            ws.on("framesent", self._count)

    def _count(self, payload):
        self.sent += 1
        self.comm += (b"comm_msg" if isinstance(payload, bytes) else "comm_msg") in payload

    def snapshot(self):
        return self.sent, self.comm


def measure(page, cell, frames, name, label, moves):
    """One explorer's row: its cell run, appearance time, moves and kernel frames."""
    from playwright.sync_api import Error as PlaywrightError

    appeared = page.evaluate(RUN_CELL_JS, [cell, 60_000])
    row = {"explorer": name, "example": label, "cell": cell, "kind": appeared["kind"], "appear_ms": appeared["ms"],
           "output_ms": appeared.get("output_ms"),
           "moves": 0, "measured": 0, "p50_ms": None, "p95_ms": None, "max_ms": None, "times_ms": [], "note": ""}
    if appeared["kind"] in (None, "error"):
        row["note"] = "it did not appear within 60 s" if appeared["kind"] is None else "its cell failed"
        return row
    explorer = page.locator(".jp-NotebookPanel .jp-Cell").nth(cell).locator(".jp-OutputArea")
    explorer.scroll_into_view_if_needed()
    before = frames.snapshot()
    if appeared["kind"] == "client":
        page.evaluate(MARK_VIEW_JS, cell)
        times, counts, slow, lost = time_client_explorer(page, explorer, moves)
        row.update(frames_per_move=counts, event_timing_ms=[round(t, 1) for t in slow], focus_lost=lost,
                   note=f"Event Timing: {len(slow)} of {moves} key presses took >= 16 ms to the next paint")
        target = FRAME_MS
    else:
        try:
            times, row["note"] = time_explorer(page, explorer.locator(".lu-explorer").first, moves, 8000)
        except PlaywrightError as exc:
            times, row["note"] = [], f"not measured: {exc}"
        target = TARGET_P95_MS
    if appeared["kind"] == "client":
        # Counted at the last move's frame: a browser explorer sends its values only once the
        # student has stopped (SYNC_IDLE_MS = 400 in js/explorer.js), which is counted apart.
        during = frames.snapshot()
        page.wait_for_timeout(800)
        view = page.evaluate(VIEW_KEPT_JS, cell)
        row.update(view_kept=view["kept"], picture_in_output=view["pictured"])
    else:
        page.wait_for_timeout(300)  # replies and frames still on their way belong to this burst
        during = frames.snapshot()
    after = frames.snapshot()
    ok = [t for t in times or [] if t is not None]
    row.update(moves=len(times or []), measured=len(ok), p50_ms=percentile(ok, 50), p95_ms=percentile(ok, 95),
               max_ms=max(ok) if ok else None, times_ms=[round(t, 2) for t in ok], target_p95_ms=target,
               kernel_frames_sent=during[0] - before[0], comm_messages_sent=during[1] - before[1],
               comm_messages_once_stopped=after[1] - during[1], load=[round(x, 2) for x in os.getloadavg()])
    row["met"] = row["p95_ms"] is not None and row["p95_ms"] <= target and row["measured"] == row["moves"]
    if appeared["kind"] == "client":
        row["met"] = (row["met"] and row["comm_messages_sent"] == 0 and row["appear_ms"] <= APPEAR_MS
                      and row["view_kept"] and row["picture_in_output"] and not lost)
    return row


def run_notebook(page, port, token, shown, args):
    import lab_check  # its JupyterLab waits (kernel ready)

    frames = KernelFrames(page)
    page.goto(f"http://127.0.0.1:{port}/lab/tree/roundtrip.ipynb?token={token}&reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
    page.wait_for_function(lab_check.KERNEL_READY_JS, timeout=90_000)
    page.evaluate(RUN_CELL_JS, [0, 60_000])
    page.wait_for_function(lab_check.KERNEL_READY_JS, timeout=90_000)
    rows = []
    for i, (name, label, code) in enumerate(shown, start=1):
        if args.only and name not in args.only:
            continue
        row = measure(page, i, frames, name, label, args.moves)
        row["source"] = code
        rows.append(row)
        p50, p95 = row["p50_ms"] or float("nan"), row["p95_ms"] or float("nan")
        appear = row["appear_ms"] or float("nan")
        output = row["output_ms"] or float("nan")
        print(f"{name:<30} {row['kind'] or '?':<6} appear {appear:6.0f} ms (output {output:5.0f})  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
              f"({row['measured']}/{row['moves']} moves; during them kernel frames {row.get('kernel_frames_sent')}, comm "
              f"{row.get('comm_messages_sent')}; once stopped comm {row.get('comm_messages_once_stopped')}; view kept "
              f"{row.get('view_kept')}, picture in the output {row.get('picture_in_output')}, focus lost {row.get('focus_lost')}) "
              f"{'ok' if row.get('met') else 'NO'}"
              f"{'; ' + row['note'] if row['note'] else ''}", flush=True)
    bad = page.evaluate(lab_check.BAD_OUTPUTS_JS)
    if bad:
        shot = ROOT / "build" / "bench-browser-failed.png"
        page.screenshot(path=str(shot))
        raise RuntimeError(f"errors in the notebook: {bad}; see {shot}")
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--moves", type=int, default=24, help="key presses per explorer (>= 20)")
    parser.add_argument("--only", action="append", help="only this explorer class (repeatable)")
    parser.add_argument("--no-fixture", action="store_true", help="leave out the client-side fixture explorer")
    parser.add_argument("--json", default=str(ROOT / "build" / "bench-browser.json"))
    parser.add_argument("--python", default=sys.executable, help="python of the venv that runs JupyterLab")
    args = parser.parse_args(argv)
    if args.moves < 20:
        parser.error("--moves must be at least 20")
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    load_before = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory(prefix="lu-roundtrip-") as tmp_name:
        tmp = Path(tmp_name)
        notebooks = tmp / "nb"
        notebooks.mkdir()
        shown = write_notebook(notebooks, fixture=not args.no_fixture)
        port, token = free_port(), secrets.token_hex(16)
        lab = start_lab(args.python, notebooks, tmp, port, token)
        try:
            os.environ.update(LAB_URL=f"http://127.0.0.1:{port}", LAB_TOKEN=token, LAB_NOTEBOOK_DIR=str(notebooks))
            sys.path.insert(0, str(HERE))
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, headless=True)
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                rows = run_notebook(page, port, token, shown, args)
                browser.close()
        finally:
            stop_lab(lab)
        log = notebooks / "cell-times.jsonl"
        times = {t["source"]: t for t in map(json.loads, log.read_text().splitlines() if log.exists() else [])}
    failed = [row["explorer"] for row in rows if not row["measured"] or row["measured"] < row["moves"]]
    for row in rows:
        kernel = times.get(row.pop("source"), {})
        row.update(kernel_wall_ms=kernel.get("wall_ms"), kernel_cpu_ms=kernel.get("cpu_ms"))
        print(f"{row['explorer']:<30} its cell in the kernel: {kernel.get('wall_ms', float('nan')):6.0f} ms wall, "
              f"{kernel.get('cpu_ms', float('nan')):6.0f} ms CPU (appear {row['appear_ms'] or float('nan'):6.0f} ms)")
    result = {"target_p95_ms": {"client": FRAME_MS, "png": TARGET_P95_MS}, "target_appear_ms": APPEAR_MS,
              "load_before": load_before, "load_after": [round(x, 2) for x in os.getloadavg()],
              "cores": os.cpu_count(), "system": platform.platform(),
              "finished": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()), "rows": rows}
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"load average before {load_before}, after {result['load_after']}; figures in {out}")
    if failed:
        print(f"not measured (no picture or description change): {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
