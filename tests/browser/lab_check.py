"""Every notebook run in JupyterLab in a real (headless) browser, as a student would.

Started by ``run.sh`` (``make test-browser``), which starts JupyterLab and sets LAB_URL,
LAB_TOKEN, LAB_NOTEBOOK_DIR, CHROMIUM and SCREENSHOT_DIR. For every ``*.ipynb`` in
LAB_NOTEBOOK_DIR, in name order:

1. open it, wait until its kernel is really ready (the session, not the toolbar indicator:
   see shared/notes/browser-testing.md), run the cells that show an explorer and the cells
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
and with sliders moved by mouse (see NOTEBOOK7_KNOWN below).

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
from pathlib import Path

import explorer_cells
from cpu_phases import phase
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

URL = os.environ["LAB_URL"]


def answer_offline(page):
    """Answer requests to the internet (the notebooks' "Open in Colab" badge image) with an empty
    picture: a test machine has no internet, and the browser would log each failure as a console
    error. Requests to the local server still fail loudly. Returns the set of hosts answered."""
    hosts = set()
    local = urllib.parse.urlsplit(URL).netloc

    def elsewhere(url):
        return url.startswith(("http://", "https://")) and urllib.parse.urlsplit(url).netloc != local

    def handle(route):
        hosts.add(urllib.parse.urlsplit(route.request.url).netloc)
        route.fulfill(status=200, content_type="image/svg+xml", body="<svg xmlns='http://www.w3.org/2000/svg'/>")

    page.route(elsewhere, handle)
    return hosts
TOKEN = os.environ["LAB_TOKEN"]
NOTEBOOK_DIR = Path(os.environ["LAB_NOTEBOOK_DIR"])
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "build/screenshots"))
RUN_TIMEOUT = float(os.environ.get("RUN_TIMEOUT", "300"))  # seconds for one notebook's Run All
EXPLORER_TIMEOUT = float(os.environ.get("EXPLORER_TIMEOUT", "8"))  # seconds for a picture to change
# lab: JupyterLab; notebook: Jupyter Notebook 7 (same components, one notebook per tab).
FRONTEND = os.environ.get("FRONTEND", "lab")
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
# The value widgets an explorer can have (ipywidgets 8 class names), first match is "moved".
CONTROLS = (".widget-slider, .widget-dropdown, .widget-toggle-buttons, .widget-checkbox, "
            ".widget-radio, .widget-text, .widget-select, .widget-button")

PANEL_JS = "window.jupyterapp.shell.currentWidget"
KERNEL_READY_JS = f"""() => {{
  const w = window.jupyterapp && {PANEL_JS};
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!(w && w.sessionContext.isReady && k && k.connectionStatus === 'connected' && k.status === 'idle');
}}"""
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
SESSION_ID_JS = f"() => {PANEL_JS}.sessionContext.session.id"
IMG_READY_JS = "img => img.complete && img.naturalWidth > 0"
ERROR_OUTPUT = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"  # stderr + tracebacks
PART_HEIGHT = 8000  # pixels of notebook in one screenshot
# Pictures assert nothing: they are for a person reading a run. By default only what failed is
# pictured (a failed page, a failed explorer); SCREENSHOTS=explorers adds every explorer's
# before/after, SCREENSHOTS=all the whole notebooks (and a11y's dark-theme ones) too. Each
# picture costs chromium a fraction of a second of CPU; make test took about 120 per run.
SCREENSHOTS = os.environ.get("SCREENSHOTS", "failures")
if SCREENSHOTS not in ("failures", "explorers", "all"):
    sys.exit(f"SCREENSHOTS must be failures, explorers or all, not {SCREENSHOTS!r}")
WHOLE_SHOTS = SCREENSHOTS == "all"
EXPLORER_SHOTS = SCREENSHOTS in ("explorers", "all")
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


def start_session(path):
    """Start the notebook's kernel through the server's REST API; returns the session's id.

    The page that opens the notebook then finds this session by its path and attaches to it,
    so the kernel starts while the page loads (or while the previous notebook is checked)
    instead of after it: about 10 s less per notebook on a loaded machine.
    """
    spec = json.loads(path.read_text(encoding="utf-8"))["metadata"].get("kernelspec", {}).get("name", "python3")
    body = json.dumps({"path": path.name, "name": path.name, "type": "notebook", "kernel": {"name": spec}}).encode()
    req = urllib.request.Request(f"{URL}/api/sessions", data=body, method="POST",
                                 headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as answer:
        return json.load(answer)["id"]


def shutdown_session(session_id, wait=30.0):
    """Stop the session's kernel and wait until the server no longer lists it.

    The next notebook's page asks for /api/kernels at once; under load the server answered
    that with HTTP 500 while the last kernel was still shutting down (a console error).
    """
    headers = {"Authorization": f"token {TOKEN}"}
    sessions = urllib.request.urlopen(urllib.request.Request(f"{URL}/api/sessions", headers=headers), timeout=30)
    kernel = next((s["kernel"]["id"] for s in json.load(sessions) if s["id"] == session_id), None)
    req = urllib.request.Request(f"{URL}/api/sessions/{session_id}", method="DELETE", headers=headers)
    urllib.request.urlopen(req, timeout=30).close()
    deadline = time.monotonic() + wait
    while kernel and time.monotonic() < deadline:
        listed = urllib.request.urlopen(urllib.request.Request(f"{URL}/api/kernels", headers=headers), timeout=30)
        if kernel not in {k["id"] for k in json.load(listed)}:
            return
        time.sleep(0.2)


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


def screenshot_explorer(explorer, stem, k, when, failed=False):
    """``SHOTS/<stem>__explorer<k>_<when>.png`` with SCREENSHOTS=explorers or all, or when it failed."""
    if EXPLORER_SHOTS or failed:
        try:
            explorer.screenshot(path=str(SHOTS / f"{stem}__explorer{k}_{when}.png"))
        except PlaywrightError:
            pass  # a picture of a broken explorer is not worth a second failure


def click_slider(page, slider):
    """Click the slider's track away from its handle (Notebook 7: see NOTEBOOK7_ARROWS)."""
    readout = slider.locator(".widget-readout")
    before = readout.inner_text() if readout.count() else None
    track = slider.locator(".noUi-base").first.bounding_box()
    handle = slider.locator(".noUi-handle").first.bounding_box()
    frac = 0.25 if handle["x"] + handle["width"] / 2 > track["x"] + track["width"] / 2 else 0.75
    page.mouse.click(track["x"] + frac * track["width"], track["y"] + track["height"] / 2)
    for _ in range(20):
        if readout.count() == 0 or readout.inner_text() != before:
            break
        page.wait_for_timeout(50)
    after = readout.inner_text() if readout.count() else "?"
    return f"slider {before} -> {after} (mouse click on the track)"


def move_native_control(page, explorer):
    """A browser explorer's first native control (``.lu-control-input``) moved by the keyboard.

    Its arrow keys stay inside the explorer (``data-lm-suppress-shortcuts``) in JupyterLab and
    Notebook 7 alike, so no front end needs the mouse here.
    """
    control = explorer.locator(".lu-control-input").first
    kind = control.evaluate("el => el.type")
    label = control.evaluate("el => (el.labels && el.labels[0] ? el.labels[0].textContent : '')")
    if kind == "checkbox":
        control.focus()
        control.press("Space")
        return f"checkbox {label!r} toggled (keyboard)"
    before = control.input_value()
    text = control.get_attribute("aria-valuetext")
    control.focus()
    control.press("ArrowDown" if kind == "select-one" else "ArrowRight")
    if control.input_value() == before:  # at its end
        control.press("ArrowUp" if kind == "select-one" else "ArrowLeft")
    if kind == "select-one":
        return f"menu {label!r} {before!r} -> {control.input_value()!r} (keyboard)"
    return f"slider {label!r} {text} -> {control.get_attribute('aria-valuetext')} (keyboard)"


def move_first_control(page, explorer):
    """Change the explorer's first control with the keyboard (mouse for buttons); describe it."""
    if explorer.locator(".lu-control-input").count():
        return move_native_control(page, explorer)
    slider = explorer.locator(".widget-slider")
    if slider.count() and FRONTEND == "notebook":
        return click_slider(page, slider.first)
    if slider.count():
        readout = slider.first.locator(".widget-readout")
        before = readout.inner_text() if readout.count() else None
        handle = slider.first.locator(".noUi-handle").first
        handle.focus()
        handle.press("ArrowRight")
        if readout.count():
            for _ in range(20):  # the readout follows within a frame or two
                if readout.inner_text() != before:
                    break
                page.wait_for_timeout(50)
            else:  # already at its maximum
                handle.press("ArrowLeft")
        after = readout.inner_text() if readout.count() else "?"
        label = slider.first.locator(".widget-label").first.inner_text() if slider.first.locator(
            ".widget-label").count() else "slider"
        return f"slider {label!r} {before} -> {after} (keyboard)"
    control = explorer.locator(CONTROLS).first
    if control.locator("select").count():
        select = control.locator("select").first
        before = select.input_value()
        select.focus()
        select.press("ArrowDown")
        if select.input_value() == before:
            select.press("ArrowUp")
        return f"select {before!r} -> {select.input_value()!r} (keyboard)"
    if control.locator("input[type=checkbox]").count():
        control.locator("input[type=checkbox]").first.press("Space")
        return "checkbox toggled (keyboard)"
    if control.locator("button:not(.mod-active)").count():
        control.locator("button:not(.mod-active)").first.click()
        return "button clicked"
    field = control.locator("input").first
    field.focus()
    field.press("ArrowUp")
    field.press("Enter")
    return "text field stepped up (keyboard)"


# A browser explorer's picture: its canvas's pixels (a data URL) and its live description.
CANVAS_JS = "el => { const c = el.querySelector('canvas.lu-explorer-canvas'); return c ? c.toDataURL() : null; }"
# Kernel messages the page sends, counted from the move on (JupyterLab and Notebook 7 only).
COUNT_SENT_JS = f"""() => {{
  const w = window.jupyterapp && {PANEL_JS};
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  if (!k) return false;
  if (!window.__luSent || window.__luSent.kernel !== k) {{  // one page serves every notebook
    const st = window.__luSent = {{n: 0, kernel: k}};
    k.anyMessage.connect((_, a) => {{ if (a.direction === 'send') st.n++; }});
  }}
  if (!window.__luInputWatched) {{
    window.__luInputWatched = true;
    // A move: from its input event to the frame that shows it (the explorer draws in between).
    document.addEventListener('input', () => {{
      const st = window.__luSent, before = st.n;
      requestAnimationFrame(() => {{ st.move = st.n - before; }});
    }}, true);
  }}
  Object.assign(window.__luSent, {{n: 0, move: null}});
  return true;
}}"""


def check_browser_explorer(page, explorer, stem, k, failures):
    """A browser explorer: native controls, a drawn canvas; a key press redraws it at once,
    changes the live description and sends no kernel message until the student stops."""
    name = f"explorer {k}"
    controls = explorer.locator(".lu-control-input")
    hidden = [i for i in range(controls.count()) if not controls.nth(i).is_visible()]
    if hidden:
        failures.append(f"{name}: controls {hidden} not visible")
    canvas = explorer.locator("canvas.lu-explorer-canvas")
    if canvas.count() == 0 or not canvas.first.is_visible():
        failures.append(f"{name}: no visible picture (<canvas class=lu-explorer-canvas>)")
        return
    from a11y import description_text

    screenshot_explorer(explorer, stem, k, "before")
    picture, text = explorer.evaluate(CANVAS_JS), description_text(explorer)
    counting = page.evaluate(COUNT_SENT_JS)
    t_key = time.monotonic()
    how = move_first_control(page, explorer)
    page.wait_for_timeout(50)
    changed, words = explorer.evaluate(CANVAS_JS) != picture, description_text(explorer) != text
    sent = synced = synced_after = None
    if counting:
        # Kernel messages between the move's input event and its frame: there must be none. Then
        # the values reach Python once the student has stopped (waited for, so that a timer late
        # under load is not counted against the next explorer).
        while page.evaluate("() => window.__luSent.move") is None and time.monotonic() - t_key < EXPLORER_TIMEOUT:
            page.wait_for_timeout(20)
        sent = page.evaluate("() => window.__luSent.move")
        while page.evaluate("() => window.__luSent.n") == 0 and time.monotonic() - t_key < EXPLORER_TIMEOUT:
            page.wait_for_timeout(50)
        synced_after = time.monotonic() - t_key
        synced = page.evaluate("() => window.__luSent.n") - (sent or 0)
    page.wait_for_timeout(300)  # any error arrives
    n_failures = len(failures)
    errors = explorer.locator(".lu-explorer-error")
    if errors.count():
        failures.append(f"{name}: shows an error after {how}: {errors.first.inner_text()[:300]}")
    if not changed:
        failures.append(f"{name}: picture did not change after {how}")
    if not words:
        failures.append(f"{name}: description did not change after {how}: {text!r}")
    if sent:
        failures.append(f"{name}: {sent} kernel message(s) sent during the move (it must draw from its tables)")
    if counting and sent is None:
        failures.append(f"{name}: no frame after the move's input event")
    if counting and not synced:
        failures.append(f"{name}: the new values never reached the kernel (waited {EXPLORER_TIMEOUT:g} s)")
    screenshot_explorer(explorer, stem, k, "after", failed=len(failures) > n_failures)
    print(f"    {name}: {how}; picture {'changed' if changed else 'UNCHANGED'} in the browser, "
          f"description {'changed' if words else 'UNCHANGED'}"
          + (f"; kernel messages: {sent} from the move to its frame, {synced} once the student stopped "
             f"(sent within {synced_after:.1f} s of the key)" if counting else ""))


def check_explorer(page, explorer, stem, k, failures):
    name = f"explorer {k}"
    explorer.scroll_into_view_if_needed()
    if explorer.locator(".lu-control-input").count():
        check_browser_explorer(page, explorer, stem, k, failures)
        return
    controls = explorer.locator(CONTROLS)
    if controls.count() == 0:
        failures.append(f"{name}: no controls rendered")
        return
    hidden = [i for i in range(controls.count()) if not controls.nth(i).is_visible()]
    if hidden:
        failures.append(f"{name}: controls {hidden} not visible")
    img = explorer.locator("img.lu-explorer-png").first  # the explorer's picture (<img alt> in an HTML widget)
    if explorer.locator("img.lu-explorer-png").count() == 0:
        failures.append(f"{name}: no picture (<img class=lu-explorer-png>) inside the explorer")
        return
    try:
        img.wait_for(state="visible", timeout=10_000)
        page.wait_for_function(IMG_READY_JS, arg=img.element_handle(), timeout=10_000)
    except PlaywrightError:
        failures.append(f"{name}: its picture did not load")
        return
    screenshot_explorer(explorer, stem, k, "before")
    src_before = img.get_attribute("src")
    t0 = time.monotonic()
    how = move_first_control(page, explorer)
    deadline = time.monotonic() + EXPLORER_TIMEOUT
    errors = explorer.locator(".lu-explorer-error")
    while (img.get_attribute("src") == src_before and not errors.count()
           and time.monotonic() < deadline):
        page.wait_for_timeout(50)
    changed = img.get_attribute("src") != src_before
    took = time.monotonic() - t0  # from the key press (includes reading the slider's readout)
    if changed:
        page.wait_for_function(IMG_READY_JS, arg=img.element_handle(), timeout=10_000)
    page.wait_for_timeout(300)  # let an error message, if any, arrive too
    n_failures = len(failures)
    if errors.count():
        failures.append(f"{name}: shows an error after {how}: {errors.first.inner_text()[:300]}")
    if not changed:
        failures.append(f"{name}: picture did not change after {how}"
                        + ("" if errors.count() else f" (waited {EXPLORER_TIMEOUT:g} s)"))
    screenshot_explorer(explorer, stem, k, "after", failed=len(failures) > n_failures)
    print(f"    {name}: {how}; picture {f'changed after {took:.2f} s' if changed else 'UNCHANGED'}")


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


STARTED = {}  # notebook path -> id of the session started for it before its page opened
# JupyterLab opens every notebook in one page, one after the other (loading JupyterLab itself
# took 10-30 s of a loaded machine and about half of chromium's CPU per notebook); Notebook 7
# shows one notebook per page, so it gets a new page each time. A page whose notebook failed
# is closed too, so that whatever broke there cannot break the next notebook.
_PAGE = {}


def the_page(context):
    """The page to open the next notebook in: (page, its console errors, hosts answered offline)."""
    if "page" not in _PAGE:
        page = context.new_page()
        console = []
        page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: console.append(f"uncaught: {e}"))
        _PAGE.update(page=page, console=console, offline=answer_offline(page), fresh=True)
    return _PAGE["page"], _PAGE["console"], _PAGE["offline"]


# Open a notebook in the running JupyterLab; resolves once it is the current widget.
OPEN_JS = """async (path) => {
  const app = window.jupyterapp;
  await app.restored;
  const w = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
  await w.context.ready;
  app.shell.activateById(w.id);
}"""
# Close the current notebook without "Save your work?" (autosave is off; nothing is saved).
CLOSE_JS = f"""() => {{
  const w = {PANEL_JS};
  if (w && w.context) {{ w.context.model.dirty = false; w.dispose(); }}
}}"""


def open_in_lab(page, path):
    """Open ``path`` in the page's JupyterLab, loading JupyterLab first on a new page."""
    if _PAGE.pop("fresh", False):
        page.goto(f"{URL}/lab?token={TOKEN}&reset")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=90_000)
    page.evaluate(OPEN_JS, path.name)
    page.wait_for_function(f"n => {PANEL_JS} && {PANEL_JS}.context && {PANEL_JS}.context.path === n",
                           arg=path.name, timeout=90_000)


def done_with(page, failed):
    """Close the notebook (JupyterLab, passed) or the whole page (Notebook 7, or it failed)."""
    if FRONTEND == "lab" and not failed:
        try:
            page.evaluate(CLOSE_JS)
            page.wait_for_selector(".jp-NotebookPanel", state="detached", timeout=30_000)
            return
        except PlaywrightError:
            pass
    _PAGE.clear()
    page.close()


def start_next_kernel(path):
    """Start the kernel of the notebook after ``path`` while this one's explorers are checked."""
    later = [p for p in sorted(NOTEBOOK_DIR.glob("*.ipynb")) if p.name > path.name]
    if later and later[0] not in STARTED:
        try:
            STARTED[later[0]] = start_session(later[0])
        except OSError as exc:  # its page starts one then
            print(f"  (could not start the kernel of {later[0].name} early: {exc})")


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
            deadline = time.monotonic() + 60
            while explorers.count() < expected and time.monotonic() < deadline:
                page.evaluate(SCROLL_TO_CELLS_JS, shown)
                page.wait_for_timeout(500)
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
