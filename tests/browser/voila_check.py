"""Every notebook rendered by Voila as a dashboard, in a real (headless) browser.

Started by ``run.sh`` with FRONTEND=voila (``make test-frontends``), which starts Voila (token
auth, loopback) and sets LAB_URL, LAB_TOKEN, LAB_NOTEBOOK_DIR, CHROMIUM and SCREENSHOT_DIR.
For every ``*.ipynb`` in LAB_NOTEBOOK_DIR, in name order:

1. open ``/voila/render/<notebook>``: Voila runs it top to bottom in a fresh kernel and sends
   only the outputs (no code); wait until the page has loaded and every explorer is live.
   run.sh serves copies holding the markdown cells and only the code cells the explorers need
   (explorer_cells.py; BROWSER_CELLS=all: the notebooks themselves);
2. assert no error or stderr output, no "Error displaying widget", no browser console error,
   and as many live explorers (``.lu-explorer``) as the stored notebook shows;
3. move each explorer's first control and assert its picture changes (lab_check's checks);
4. every slider handle is announced by its label and shown value (a11y.slider_failures).

Screenshots (lab_check's SCREENSHOTS): what failed; with SCREENSHOTS=explorers the explorers'
before/after too, with SCREENSHOTS=all also SCREENSHOT_DIR/<notebook>.png (the whole page).
Exit status 1 on any failure, after trying every notebook.
"""

import os
import time
import urllib.parse

from a11y import slider_failures
from lab_check import (
    SHOTS,
    TOKEN,
    URL,
    WHOLE_SHOTS,
    check_explorer,
    run_checks,
    screenshot_failure,
)
from playwright.sync_api import Error as PlaywrightError
from throttle import full_speed, rate_from_env, throttle

CPU_RATE = rate_from_env()  # CPU_THROTTLE: the page that many times slower until its explorers show
RENDER_TIMEOUT = float(os.environ.get("RUN_TIMEOUT", "300"))  # seconds for one notebook's run
# Tracebacks (show_tracebacks=True in run.sh) and stderr streams, as Voila renders them.
ERROR_OUTPUT = (".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
                ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']")


def check_notebook(context, path, expected):
    """Render one notebook with Voila; return the list of failures (empty = passed)."""
    stem, failures, console = path.stem, [], []
    page = context.new_page()
    cdp = throttle(page, CPU_RATE)  # while the page loads and its explorers are created
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console.append(f"uncaught: {e}"))
    offline = set()  # resources from the internet (MathJax's CDN): unreachable on a test machine
    page.on("requestfailed", lambda r: console.append(f"request failed: {r.url}") if r.url.startswith(URL)
            else offline.add(urllib.parse.urlsplit(r.url).netloc))
    t0 = time.monotonic()
    try:
        # Voila streams the page while the kernel runs the cells; "load" = every cell has run.
        page.goto(f"{URL}/voila/render/{urllib.parse.quote(path.name)}?token={TOKEN}",
                  wait_until="load", timeout=RENDER_TIMEOUT * 1000)
        explorers = page.locator(".lu-explorer")
        deadline = time.monotonic() + 60  # the widget manager renders the explorers after load
        while explorers.count() < expected and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        page.wait_for_load_state("networkidle", timeout=60_000)
        full_speed(cdp)  # the explorers are moved at full speed
        t_run = time.monotonic() - t0
        errors = page.locator(ERROR_OUTPUT)
        failures += [f"error/stderr output: {errors.nth(i).inner_text()[:300]}" for i in range(errors.count())]
        broken = page.locator(".jp-OutputArea-output:has-text('Error displaying widget')")
        if broken.count():
            failures.append(f"{broken.count()} widget(s) failed to display: {broken.first.inner_text()[:200]}")
        if explorers.count() != expected:
            failures.append(f"{explorers.count()} live explorers (.lu-explorer) rendered; "
                            f"the stored notebook shows {expected}")
        print(f"  {path.name}: rendered with {explorers.count()} explorer(s) after {t_run:.1f} s")
        if WHOLE_SHOTS:
            page.screenshot(path=str(SHOTS / f"{stem}.png"), full_page=True)
        for i in range(explorers.count()):
            check_explorer(page, explorers.nth(i), stem, i + 1, failures)
        failures += slider_failures(page.locator("body"))
    except PlaywrightError as exc:
        failures.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
    if offline:
        print(f"  (not reachable from here, not counted: {', '.join(sorted(offline))})")
    failures += [f"browser console error: {text[:300]}" for text in console
                 if not (offline and text.startswith("Failed to load resource: net::ERR_"))]
    if failures:
        screenshot_failure(page, stem)
    page.close()  # Voila shuts the page's kernel down when its websocket closes
    print(f"  {path.name}: {'ok' if not failures else 'FAILED'} in {time.monotonic() - t0:.1f} s")
    return failures


def main():
    run_checks(check_notebook, "voila test")


if __name__ == "__main__":
    main()
