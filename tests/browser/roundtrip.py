"""Browser round trip of every explorer: slider key press -> new picture on screen, in JupyterLab.

    make bench-browser            # = .venv/bin/python tests/browser/roundtrip.py
    .venv/bin/python tests/browser/roundtrip.py --moves 30 --only SecantExplorer

Starts its own JupyterLab (loopback, throwaway settings, tests/browser/lab_test_config.py) on a
temporary notebook that shows the first example of every explorer the registry finds, runs it
in headless Debian chromium (playwright, as tests/browser/lab_check.py), and for each explorer:
focuses the handle of its first slider and presses ArrowRight (ArrowLeft at the right end)
``--moves`` times, one press at a time. A move's time runs from the browser's keydown event
to the first animation frame after the explorer's ``<img>`` has loaded the new picture (its
``src`` changed and the image decoded): what a student sees. Writes p50, p95 and max per
explorer, the machine and its load to build/bench-browser.json; target p95 <= 120 ms.
Exit status 1 when an explorer could not be measured (its picture never changed).
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
TARGET_P95_MS = 120.0

# In the page: from the keydown on the slider handle to the first frame with the new picture decoded.
# The explorer's picture: an ipywidgets.Image, or an <img> inside an HTML widget (replaced per update).
PICTURE = "img.widget-image, img.lu-explorer-png"
# In the page: from the keydown on the slider handle to the first frame with the new picture decoded.
ARM_JS = """([explorer, handle, timeoutMs]) => {
  const SEL = '__PICTURE__';
  const before = explorer.querySelector(SEL).src;
  const st = window.__luMove = {done: false, ok: false, ms: null, down: null};
  handle.addEventListener('keydown', () => { if (st.down === null) st.down = performance.now(); },
                          {capture: true, once: true});
  const obs = new MutationObserver(() => {
    const img = explorer.querySelector(SEL);
    if (!img || img.src === before) return;
    obs.disconnect();
    const shown = () => requestAnimationFrame(() => {
      clearTimeout(timer);
      Object.assign(st, {done: true, ok: st.down !== null, ms: performance.now() - st.down});
    });
    img.decode().then(shown, shown);
  });
  const timer = setTimeout(() => { obs.disconnect(); st.done = true; }, timeoutMs);
  obs.observe(explorer, {attributes: true, attributeFilter: ['src'], childList: true, subtree: true});
}""".replace("__PICTURE__", PICTURE)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_notebook(folder):
    """A notebook showing the first example of every explorer; returns [(class name, label)]."""
    import nbformat

    sys.path.insert(0, str(ROOT))
    from lecture_utils import registry

    shown, cells = [], [nbformat.v4.new_code_cell(
        "from lecture_utils import registry\nEX = {c.__name__: c for c in registry.explorers()}")]
    for cls in registry.explorers():
        label = next(iter(cls.__dict__["examples"]))
        shown.append((cls.__name__, label))
        cells.append(nbformat.v4.new_code_cell(f"EX[{cls.__name__!r}].example({label!r})"))
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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--moves", type=int, default=24, help="key presses per explorer (>= 20)")
    parser.add_argument("--only", action="append", help="only this explorer class (repeatable)")
    parser.add_argument("--json", default=str(ROOT / "build" / "bench-browser.json"))
    parser.add_argument("--python", default=sys.executable, help="python of the venv that runs JupyterLab")
    args = parser.parse_args(argv)
    if args.moves < 20:
        parser.error("--moves must be at least 20")
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    load_before = [round(x, 2) for x in os.getloadavg()]
    rows, failed = [], []
    with tempfile.TemporaryDirectory(prefix="lu-roundtrip-") as tmp_name:
        tmp = Path(tmp_name)
        notebooks = tmp / "nb"
        notebooks.mkdir()
        shown = write_notebook(notebooks)
        port, token = free_port(), secrets.token_hex(16)
        lab = start_lab(args.python, notebooks, tmp, port, token)
        try:
            os.environ.update(LAB_URL=f"http://127.0.0.1:{port}", LAB_TOKEN=token, LAB_NOTEBOOK_DIR=str(notebooks))
            sys.path.insert(0, str(HERE))
            import lab_check  # its JupyterLab waits (kernel ready, every cell answered)

            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, headless=True)
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(f"http://127.0.0.1:{port}/lab/tree/roundtrip.ipynb?token={token}&reset")
                page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
                page.wait_for_function(lab_check.KERNEL_READY_JS, timeout=90_000)
                n_code = page.evaluate(lab_check.WATCH_REPLIES_JS)
                page.get_by_role("menuitem", name="Run", exact=True).click()
                page.locator("li[data-command='runmenu:run-all']").click()
                page.wait_for_function(lab_check.RUN_DONE_JS, arg=n_code, timeout=300_000, polling=200)
                explorers = page.locator(".lu-explorer")
                bad = page.evaluate(lab_check.BAD_OUTPUTS_JS)
                if bad or explorers.count() != len(shown):
                    shot = ROOT / "build" / "bench-browser-failed.png"
                    page.screenshot(path=str(shot))
                    raise RuntimeError(f"{explorers.count()} of {len(shown)} explorers rendered; errors {bad}; "
                                       f"see {shot}")
                for i, (name, label) in enumerate(shown):
                    if args.only and name not in args.only:
                        continue
                    times, why = time_explorer(page, explorers.nth(i), args.moves, 8000)
                    ok = [t for t in times or [] if t is not None]
                    row = {"explorer": name, "example": label, "moves": len(times or []), "measured": len(ok),
                           "p50_ms": percentile(ok, 50), "p95_ms": percentile(ok, 95),
                           "max_ms": max(ok) if ok else None, "times_ms": ok, "note": why,
                           "load": [round(x, 2) for x in os.getloadavg()]}
                    row["met"] = row["p95_ms"] is not None and row["p95_ms"] <= TARGET_P95_MS
                    if not ok or len(ok) < len(times):
                        failed.append(name)
                    rows.append(row)
                    p50, p95 = row["p50_ms"] or float("nan"), row["p95_ms"] or float("nan")
                    print(f"{name:<28} p50 {p50:6.0f} ms  p95 {p95:6.0f} ms  ({len(ok)}/{len(times or [])} moves"
                          f"{'; ' + why if why else ''}) {'ok' if row['met'] else 'NO'}  load {row['load']}",
                          flush=True)
                browser.close()
        finally:
            stop_lab(lab)
    result = {"target_p95_ms": TARGET_P95_MS, "load_before": load_before,
              "load_after": [round(x, 2) for x in os.getloadavg()], "cores": os.cpu_count(),
              "system": platform.platform(), "finished": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
              "rows": rows}
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"load average before {load_before}, after {result['load_after']}; figures in {out}")
    if failed:
        print(f"not measured (a picture that did not change): {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
