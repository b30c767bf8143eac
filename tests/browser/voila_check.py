"""Every notebook rendered by Voila as a dashboard, in a real (headless) browser.

Started by ``run.sh`` with FRONTEND=voila (``make test-frontends``), which starts Voila (token
auth, loopback) and sets LAB_URL, LAB_TOKEN, LAB_NOTEBOOK_DIR, CHROMIUM and SCREENSHOT_DIR.
For every ``*.ipynb`` in LAB_NOTEBOOK_DIR, in name order:

1. open ``/voila/render/<notebook>``: Voila runs it top to bottom in a fresh kernel and sends
   only the outputs (no code); wait until the page has loaded and every explorer is live;
2. assert no error or stderr output, no "Error displaying widget", no browser console error,
   and as many live explorers (``.lu-explorer``) as the stored notebook shows;
3. move each explorer's first control and assert its picture changes (lab_check's checks).

Screenshots: SCREENSHOT_DIR/<notebook>.png (the whole page) and the explorers' before/after.
Exit status 1 on any failure, after trying every notebook.
"""

import os
import signal
import sys
import time
import urllib.parse

from lab_check import (
    CHROMIUM,
    NOTEBOOK_DIR,
    SHOTS,
    TOKEN,
    URL,
    check_explorer,
    fingerprint,
    stored_explorers,
)
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

RENDER_TIMEOUT = float(os.environ.get("RUN_TIMEOUT", "300"))  # seconds for one notebook's run
# Tracebacks (show_tracebacks=True in run.sh) and stderr streams, as Voila renders them.
ERROR_OUTPUT = (".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
                ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']")


def check_notebook(context, path, expected):
    """Render one notebook with Voila; return the list of failures (empty = passed)."""
    stem, failures, console = path.stem, [], []
    page = context.new_page()
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
        page.screenshot(path=str(SHOTS / f"{stem}.png"), full_page=True)
        for i in range(explorers.count()):
            check_explorer(page, explorers.nth(i), stem, i + 1, failures)
    except PlaywrightError as exc:
        failures.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
    if offline:
        print(f"  (not reachable from here, not counted: {', '.join(sorted(offline))})")
    failures += [f"browser console error: {text[:300]}" for text in console
                 if not (offline and text.startswith("Failed to load resource: net::ERR_"))]
    if failures:
        try:
            page.screenshot(path=str(SHOTS / f"{stem}__FAILED.png"))
        except PlaywrightError:
            pass
    page.close()  # Voila shuts the page's kernel down when its websocket closes
    print(f"  {path.name}: {'ok' if not failures else 'FAILED'} in {time.monotonic() - t0:.1f} s")
    return failures


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    notebooks = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
    if not notebooks:
        sys.exit(f"no notebooks in {NOTEBOOK_DIR}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    before = fingerprint(NOTEBOOK_DIR)
    expected = {path: stored_explorers(path) for path in notebooks}
    t0 = time.monotonic()
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        for path in notebooks:
            results[path.name] = check_notebook(context, path, expected[path])
        browser.close()
    changed = sorted(k for k in set(before) | set(fingerprint(NOTEBOOK_DIR))
                     if before.get(k) != fingerprint(NOTEBOOK_DIR).get(k))
    print(f"voila test: {len(notebooks)} notebook(s) in {time.monotonic() - t0:.1f} s; screenshots in {SHOTS}")
    failed = {name: f for name, f in results.items() if f}
    if changed:
        failed["files on disk"] = [f"changed while the Voila test ran: {', '.join(changed)}"]
    for name, failures in failed.items():
        print(f"FAILED {name}:")
        for f in failures:
            print(f"  - {f}")
    if failed:
        sys.exit(1)
    print("voila test passed")


if __name__ == "__main__":
    main()
