"""Every notebook run in JupyterLab in a real (headless) browser, as a student would.

Started by ``run.sh`` (``make test-browser``), which starts JupyterLab and sets LAB_URL,
LAB_TOKEN, LAB_NOTEBOOK_DIR, CHROMIUM and SCREENSHOT_DIR. For every ``*.ipynb`` in
LAB_NOTEBOOK_DIR, in name order:

1. open it (JupyterLab: in the one page that shows every notebook in turn, each closed before
   the next opens; Notebook 7: a page of its own, by default one notebook holding every
   explorer, run.sh's FRONTEND_PAGES), its kernel started through the REST API
   beforehand (lab_page.py), wait until that kernel is really ready (the session, not the
   toolbar indicator: see shared/notes/browser-testing.md), run the cells that show an explorer and the cells
   they need (explorer_cells.py; BROWSER_CELLS=all: Run > Run All Cells), wait until every
   one has its reply and the kernel is idle;
2. assert no error or stderr output, no browser console error, and that every explorer
   (``.lu-explorer``, one per stored explorer output) rendered live: controls visible and
   its picture (an ``<img>``) loaded;
3. for each explorer press ArrowRight on its first slider (or change its first control) and
   assert the picture changes within EXPLORER_TIMEOUT seconds with no ``.lu-explorer-error``;
4. in JupyterLab, the accessibility checks of ``a11y.py`` (axe-core, slider names, keyboard
   only, dark theme; LAB_A11Y=0 skips them); in Notebook 7, its slider-name check.

FRONTEND=notebook runs the same in Jupyter Notebook 7 (``/notebooks/<name>``), with only the
slider-name part of step 4
and with sliders moved by mouse (see NOTEBOOK7_KNOWN below). CPU_THROTTLE=N (throttle.py)
slows the page N times while the cells run and the explorers appear (anywidget gives each
model 2 s to load its module); the explorers are then moved at full speed.

Screenshots in SCREENSHOT_DIR, by default only of what failed: <notebook>__FAILED.png (the page)
and <notebook>__explorer<k>_after.png (a failed explorer); SCREENSHOTS=explorers adds every
explorer's <notebook>__explorer<k>_{before,after}.png, SCREENSHOTS=all also <notebook>.png (the
whole notebook after its cells ran; long ones continue in <notebook>__part2.png, ...) and
a11y's dark-theme pictures. The notebook files are never saved (autosave is
off in run.sh's settings; the test checks their hashes and mtimes). Exit status 1 on any
failure, after trying every notebook.

Not collected by pytest (not a test_*.py file): run.sh runs it against a live server.
"""

import hashlib
import json
import os
import signal
import sys
import time
import urllib.parse
import urllib.request

import explorer_cells
from cpu_phases import phase
from explorer_moves import check_explorer
from lab_page import (
    CPU_RATE,
    FRONTEND,
    KERNEL_READY_JS,
    NOTEBOOK_DIR,
    PANEL_JS,
    SESSION_ID_JS,
    SHOTS,
    STARTED,
    TOKEN,
    URL,
    WHOLE_SHOTS,
    done_with,
    explorers_shown,
    open_in_lab,
    shutdown_session,
    start_next_kernel,
    start_session,
    the_page,
)
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
RUN_TIMEOUT = float(os.environ.get("RUN_TIMEOUT", "300"))  # seconds for one notebook's Run All
# Notebook 7 (7.6) runs its command-mode shortcut "move to the next heading" for ArrowRight
# before the focused slider sees the key (JupyterLab 4.6 lets the slider have it), so there
# the check moves sliders with the mouse; keyboard use is tested in JupyterLab (a11y.py).
# Notebook 7 also logs "reading 'schema'" at start-up, also with empty user settings and
# Voila's extension off: not this course's error, so not counted.
NOTEBOOK7_KNOWN = "uncaught: Cannot read properties of undefined (reading 'schema')"
# nbval and the worked solutions run every cell; the browser runs the explorers' cells and what
# they need (explorer_cells.py), on the page as stored. BROWSER_CELLS=all: Run All instead.
if os.environ.get("BROWSER_CELLS", "explorers") not in ("explorers", "all"):
    sys.exit(f"BROWSER_CELLS must be explorers or all, not {os.environ['BROWSER_CELLS']!r}")
RUN_ALL = os.environ.get("BROWSER_CELLS", "explorers") == "all"
A11Y = FRONTEND == "lab" and os.environ.get("LAB_A11Y", "1") != "0"

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# Count the kernel's execute replies, so "finished" means every code cell answered (the stored
# notebook already has execution counts 1..n, so prompts alone cannot tell old from new).
WATCH_REPLIES_JS = f"""() => {{
  const w = {PANEL_JS};
  const st = {{replies: 0, failed: []}};
  window.__luRun = st;
  w.sessionContext.session.kernel.anyMessage.connect((_, args) => {{
    const m = args.msg;
    if (args.direction === 'recv' && m.header.msg_type === 'execute_reply') {{
      st.replies++;
      if (m.content.status === 'error') st.failed.push(m.content.ename + ': ' + m.content.evalue);
    }}
  }});
  const cells = w.content.model.cells;
  let n = 0;  // JupyterLab sends no request for an empty code cell
  for (let i = 0; i < cells.length; i++) {{
    const c = cells.get(i);
    if (c.type === 'code' && c.sharedModel.getSource().trim()) n++;
  }}
  return n;
}}"""
# Run the given cells one after the other, as a student pressing Shift+Enter on each would
# (not awaited here: RUN_DONE_JS waits on the kernel's replies, with RUN_TIMEOUT).
RUN_CELLS_JS = f"""(indices) => {{
  const nb = {PANEL_JS}.content;
  const app = window.jupyterapp;
  (async () => {{
    for (const i of indices) {{
      nb.activeCellIndex = i;
      nb.deselectAll();
      await app.commands.execute('notebook:run-cell');
    }}
  }})();
}}"""
SCROLL_TO_CELLS_JS = f"""async (indices) => {{
  const nb = {PANEL_JS}.content;
  for (const i of indices) await nb.scrollToItem(i, 'center');
}}"""
RUN_DONE_JS = f"""(n) => {{
  const k = {PANEL_JS}.sessionContext.session.kernel;
  return window.__luRun.replies >= n && k.status === 'idle';
}}"""
# Error and stderr outputs of the cells (a cell tagged raises-exception may show its error).
BAD_OUTPUTS_JS = f"""() => {{
  const cells = {PANEL_JS}.content.model.cells;
  const bad = [];
  for (let i = 0; i < cells.length; i++) {{
    const c = cells.get(i);
    if (c.type !== 'code') continue;
    const tags = c.getMetadata('tags') || [];
    for (let j = 0; j < c.outputs.length; j++) {{
      const o = c.outputs.get(j).toJSON();
      if (o.output_type === 'error' && !tags.includes('raises-exception'))
        bad.push(`cell ${{i}}: ${{o.ename}}: ${{o.evalue}}`);
      if (o.output_type === 'stream' && o.name === 'stderr')
        bad.push(`cell ${{i}} wrote to stderr: ${{[].concat(o.text).join('').slice(0, 300)}}`);
    }}
  }}
  return bad;
}}"""
ERROR_OUTPUT = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"  # stderr + tracebacks
PART_HEIGHT = 8000  # pixels of notebook in one screenshot
NOTEBOOK_SCROLLER = ".jp-NotebookPanel .jp-WindowedPanel-outer"


def fingerprint(folder):
    """sha256 and mtime of every file under ``folder``: the test must not change any."""
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def stored_explorers(path):
    """How many explorer displays the stored notebook has (widget view + static PNG)."""
    nb = json.loads(path.read_text())
    return sum(1 for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
               if WIDGET_VIEW in o.get("data", {}) and "image/png" in o.get("data", {}))


def content_height(scroller):
    """Height of the notebook's cells (its scrollHeight also counts the scroll-past-end space)."""
    return int(scroller.evaluate("""el => {
      const cells = el.querySelectorAll('.jp-Cell');
      const last = cells[cells.length - 1];
      return last.getBoundingClientRect().bottom - el.getBoundingClientRect().top + el.scrollTop + 20;
    }"""))


def screenshot_whole_notebook(page, stem):
    """Pictures of the whole notebook: <stem>.png, then <stem>__part2.png... for long ones.

    The window grows to show up to PART_HEIGHT pixels of notebook at once (chromium cannot
    capture much more than 16k pixels in one picture), then is restored. Only with
    SCREENSHOTS=all.
    """
    if not WHOLE_SHOTS:
        return
    size = page.viewport_size
    scroller = page.locator(NOTEBOOK_SCROLLER).first
    total = content_height(scroller)
    chrome = size["height"] - int(scroller.evaluate("el => el.clientHeight"))  # menus, toolbar, status bar
    page.set_viewport_size({"width": size["width"], "height": min(total, PART_HEIGHT) + chrome})
    step = int(scroller.evaluate("el => el.clientHeight"))
    top, k = 0, 1
    while k <= 12:
        scroller.evaluate("(el, y) => el.scrollTo(0, y)", top)
        page.wait_for_timeout(500)  # layout + content-visibility paint of the newly visible cells
        page.screenshot(path=str(SHOTS / (f"{stem}.png" if k == 1 else f"{stem}__part{k}.png")))
        # Off-screen cells have estimated heights until painted: measure again.
        if top + step >= content_height(scroller):
            break
        top, k = top + step, k + 1
    scroller.evaluate("el => el.scrollTo(0, 0)")
    page.set_viewport_size(size)
    page.wait_for_timeout(200)


def screenshot_failure(page, stem, first_error=None):
    """Screenshot the page of a failed notebook as ``SHOTS/<stem>__FAILED.png``.

    ``first_error`` is a CSS selector: the page is first scrolled to its first match, if any.
    A page too broken to screenshot is passed over (its failures are reported anyway).
    """
    try:
        if first_error:
            first = page.locator(first_error).first
            if first.count():
                first.scroll_into_view_if_needed(timeout=5_000)
        page.screenshot(path=str(SHOTS / f"{stem}__FAILED.png"))
    except PlaywrightError:
        pass


def check_notebook(context, path, expected):
    """Run one notebook in JupyterLab; return the list of failures (empty = passed).

    ``expected`` is the number of explorers the stored notebook shows.
    """
    stem, failures = path.stem, []
    t0 = time.monotonic()
    session_id = None
    phase("between notebooks (last one's kernel shut down)")
    page, console, offline = the_page(context)
    seen = len(console)
    try:
        if path not in STARTED:
            STARTED[path] = start_session(path)
        if FRONTEND == "notebook":
            page.goto(f"{URL}/notebooks/{urllib.parse.quote(path.name)}?token={TOKEN}")
        else:
            open_in_lab(page, path)
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=90_000)
        # The toolbar may say idle before a kernel is attached; Run All would then pop a
        # "Select Kernel" dialog. Wait on the session itself.
        page.wait_for_function(KERNEL_READY_JS, timeout=90_000)
        session_id = page.evaluate(SESSION_ID_JS)
        t_open = time.monotonic() - t0
        phase("page loaded, kernel ready")
        n_code = page.evaluate(WATCH_REPLIES_JS)
        if RUN_ALL:
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.locator("li[data-command='runmenu:run-all']").click()
            what = f"Run All ({n_code} code cells)"
        else:  # the explorers' cells and what they need (explorer_cells.py), in order
            cells = explorer_cells.needed_cells(json.loads(path.read_text(encoding="utf-8")))
            page.evaluate(RUN_CELLS_JS, cells)
            n_code, what = len(cells), f"running the {len(cells)} explorer cell(s) of {n_code}"
        page.wait_for_function(RUN_DONE_JS, arg=n_code, timeout=RUN_TIMEOUT * 1000, polling=200)
        t_run = time.monotonic() - t0 - t_open
        phase("cells run")
        start_next_kernel(path)
        run = page.evaluate("() => window.__luRun")
        failures += [f"cell failed: {e}" for e in run["failed"]]
        failures += page.evaluate(BAD_OUTPUTS_JS)
        widget_stderr = page.locator(f".jupyter-widgets {ERROR_OUTPUT}")
        failures += [f"stderr inside a widget: {widget_stderr.nth(i).inner_text()[:300]}"
                     for i in range(widget_stderr.count())]
        print(f"  {path.name}: kernel ready after {t_open:.1f} s, {what} took {t_run:.1f} s")
        explorers = page.locator(".lu-explorer")
        if not RUN_ALL:  # widget views render after the replies, and a windowed notebook renders
            # a cell when it is near the view: bring the explorers' cells into view until all show.
            nb = json.loads(path.read_text(encoding="utf-8"))
            shown = [i for i, c in enumerate(nb["cells"]) if explorer_cells.shows_explorer(c)]
            deadline = time.monotonic() + 60 * CPU_RATE
            while explorers.count() < expected and time.monotonic() < deadline:
                page.evaluate(SCROLL_TO_CELLS_JS, shown)
                page.wait_for_timeout(500)
        explorers_shown()  # CPU_THROTTLE: the explorers are moved at full speed
        page.locator(NOTEBOOK_SCROLLER).first.evaluate("el => el.scrollTo(0, 0)")
        screenshot_whole_notebook(page, stem)

        if explorers.count() != expected:
            failures.append(f"{explorers.count()} live explorers (.lu-explorer) rendered; "
                            f"the stored notebook shows {expected}")
        broken = page.locator(".jp-OutputArea-output:has-text('Error displaying widget')")
        if broken.count():
            failures.append(f"{broken.count()} widget(s) failed to display: {broken.first.inner_text()[:200]}")
        for i in range(explorers.count()):
            check_explorer(page, explorers.nth(i), stem, i + 1, failures)
        errors = page.locator(".lu-explorer-error")
        if errors.count():
            failures.append(f"{errors.count()} explorer error message(s) on the page")
        phase("explorers moved (and the next kernel started)")
        if A11Y:  # axe, slider names, keyboard only, dark theme (tests/browser/a11y.py)
            import a11y
            failures += a11y.check(page, stem, screenshot_whole_notebook)
        elif FRONTEND == "notebook":  # sliders named by their labels here too
            import a11y
            failures += a11y.slider_failures(page.locator(a11y.NOTEBOOK_AREA).first)
    except PlaywrightError as exc:
        failures.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
    if offline:
        print(f"  (on the internet, answered empty here, not counted: {', '.join(sorted(offline))})")
        offline.clear()
    failures += [f"browser console error: {text[:300]}" for text in console[seen:]
                 if not (FRONTEND == "notebook" and text == NOTEBOOK7_KNOWN)]
    if failures:
        screenshot_failure(page, stem, first_error=f"{ERROR_OUTPUT}, .lu-explorer-error")
    done_with(page, failed=bool(failures))
    for sid in {session_id, STARTED.pop(path, None)} - {None}:  # the same one, unless the page made its own
        try:
            shutdown_session(sid)  # free the CPU for the next notebook's kernel
        except OSError as exc:  # the server stops every kernel at the end anyway
            print(f"  (could not shut down the kernel of {path.name}: {exc})")
    print(f"  {path.name}: {'ok' if not failures else 'FAILED'} in {time.monotonic() - t0:.1f} s")
    return failures


def run_checks(check_notebook, name):
    """Check every notebook of NOTEBOOK_DIR in one headless chromium; exit 1 on any failure.

    ``check_notebook(context, path, expected)`` checks one notebook in the browser context
    (``expected``: the number of explorers the stored notebook shows) and returns its list of
    failures; ``name`` ("browser test", "voila test") heads the summary. A notebook file changed
    or created while the checks ran is a failure too (no frontend may save a notebook).
    """
    # run.sh stops this check with SIGTERM when it is interrupted: leave through the
    # playwright context manager so chromium is closed too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    notebooks = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
    if not notebooks:
        sys.exit(f"no notebooks in {NOTEBOOK_DIR}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    started = time.time()
    before = fingerprint(NOTEBOOK_DIR)
    expected = {path: stored_explorers(path) for path in notebooks}  # read with the fingerprint
    t0 = time.monotonic()
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        for path in notebooks:
            results[path.name] = check_notebook(context, path, expected[path])
        browser.close()
    after = fingerprint(NOTEBOOK_DIR)
    changed = sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))
    print(f"{name}: {len(notebooks)} notebook(s) in {time.monotonic() - t0:.1f} s; "
          f"screenshots in {SHOTS}")
    failed = {nb: f for nb, f in results.items() if f}
    if changed:
        when = {nb: time.strftime("%H:%M:%S", time.localtime(after[nb][1] / 1e9)) if nb in after
                else "deleted" for nb in changed}
        failed["files on disk"] = [f"changed or created while the {name} ran (it must never save "
                                   f"a notebook; test ran {time.strftime('%H:%M:%S', time.localtime(started))}"
                                   f"-{time.strftime('%H:%M:%S')}): "
                                   + ", ".join(f"{nb} (modified {when[nb]})" for nb in changed)]
    for nb, failures in failed.items():
        print(f"FAILED {nb}:")
        for f in failures:
            print(f"  - {f}")
    if failed:
        sys.exit(1)
    print(f"{name} passed")


def main():
    run_checks(check_notebook, "browser test")


if __name__ == "__main__":
    main()
