"""The page and server side of the browser checks (lab_check.py, voila_check.py).

run.sh's settings; the page a notebook opens in (JupyterLab opens every notebook in one page,
one after the other); its kernel, started through the server's REST API before the page needs
it and shut down after. Not collected by pytest: run.sh runs the checks against a live server.
"""

import json
import os
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from throttle import full_speed, rate_from_env, throttle, throttle_again

URL = os.environ["LAB_URL"]
TOKEN = os.environ["LAB_TOKEN"]
NOTEBOOK_DIR = Path(os.environ["LAB_NOTEBOOK_DIR"])
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "build/screenshots"))
EXPLORER_TIMEOUT = float(os.environ.get("EXPLORER_TIMEOUT", "8"))  # seconds for a picture to change
# lab: JupyterLab; notebook: Jupyter Notebook 7 (same components, one notebook per tab).
FRONTEND = os.environ.get("FRONTEND", "lab")

# Pictures assert nothing: they are for a person reading a run. By default only what failed is
# pictured (a failed page, a failed explorer); SCREENSHOTS=explorers adds every explorer's
# before/after, SCREENSHOTS=all the whole notebooks (and a11y's dark-theme ones) too. Each
# picture costs chromium a fraction of a second of CPU, and make test took about 120 of them.
SCREENSHOTS = os.environ.get("SCREENSHOTS", "failures")
if SCREENSHOTS not in ("failures", "explorers", "all"):
    sys.exit(f"SCREENSHOTS must be failures, explorers or all, not {SCREENSHOTS!r}")
WHOLE_SHOTS = SCREENSHOTS == "all"
EXPLORER_SHOTS = SCREENSHOTS in ("explorers", "all")

CPU_RATE = rate_from_env()  # CPU_THROTTLE: the page's main thread that many times slower (throttle.py)

PANEL_JS = "window.jupyterapp.shell.currentWidget"
KERNEL_READY_JS = f"""() => {{
  const w = window.jupyterapp && {PANEL_JS};
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!(w && w.sessionContext.isReady && k && k.connectionStatus === 'connected' && k.status === 'idle');
}}"""
SESSION_ID_JS = f"() => {PANEL_JS}.sessionContext.session.id"


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
        cdp = throttle(page, CPU_RATE)
        console = []
        page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: console.append(f"uncaught: {e}"))
        _PAGE.update(page=page, console=console, offline=answer_offline(page), fresh=True, cdp=cdp)
    elif _PAGE.get("cdp") is not None:  # JupyterLab's one page: slowed again for the next notebook
        throttle_again(_PAGE["cdp"])
    return _PAGE["page"], _PAGE["console"], _PAGE["offline"]


def explorers_shown():
    """The explorers are on the page: give it its full speed back to move them (CPU_THROTTLE
    slows the page while its cells run and their explorers are created and drawn)."""
    full_speed(_PAGE.get("cdp"))


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
