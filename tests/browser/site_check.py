"""The static course site in headless Chromium, with every other host blocked.

    .venv/bin/python tests/browser/site_check.py [build/html] [--moves 5]

Serves the site (``make html``) on 127.0.0.1 and opens every page in Debian's chromium
(playwright). Every request to another host is aborted and listed; a request to the site that
fails (404, say), an uncaught page error or a console error is a failure. On each page every
widget view that draws in the browser (its widget state reaches an anywidget model) must
render a native control and an ``aria-live`` description; each of ``--moves`` key presses on
the control must change the description by the first animation frame after the key press.
Kernel-rendered explorers are not moved: the page shows their stored picture.

:func:`check_site` is what tests/test_static_html.py calls; run as a script it prints a report
and exits 1 on any failure.
"""

import argparse
import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
LOOPBACK = {"127.0.0.1", "localhost"}
CONTROL = "input[type=range], select"

# Marks each widget view's output element with its index and whether it draws in the browser.
FIND_VIEWS_JS = """() => {
  const tag = document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
  const models = tag ? JSON.parse(tag.textContent).state : {};
  const reached = (id) => {
    const seen = new Set(), todo = [id];
    while (todo.length) {
      const m = todo.pop();
      if (seen.has(m) || !models[m]) continue;
      seen.add(m);
      for (const hit of JSON.stringify(models[m].state || {}).matchAll(/IPY_MODEL_([0-9a-f]+)/g)) todo.push(hit[1]);
    }
    return seen;
  };
  const views = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')];
  return views.map((script, i) => {
    const id = JSON.parse(script.textContent).model_id;
    const live = [...reached(id)].some((m) => models[m].model_module === 'anywidget');
    script.parentElement.setAttribute('data-site-view', String(i));
    return {index: i, model_id: id, live};
  });
}"""

# Arms one move: focuses the control and returns the key that moves it (back from the end of
# its range); records the keydown's time, and at the first animation frame after it whether the
# description already shows something new. Then the time of the first frame after the change.
ARM_JS = """([control, text]) => {
  const atEnd = control.tagName === 'SELECT' ? control.selectedIndex >= control.options.length - 1
                                             : Number(control.value) >= Number(control.max);
  const key = control.tagName === 'SELECT' ? (atEnd ? 'ArrowUp' : 'ArrowDown') : (atEnd ? 'ArrowLeft' : 'ArrowRight');
  control.focus();
  const before = text.textContent;
  const st = window.__siteMove = {done: false, changedByFirstFrame: null, ms: null, before, after: null};
  control.addEventListener('keydown', () => {
    const down = performance.now();
    requestAnimationFrame(() => { st.changedByFirstFrame = text.textContent !== before; });
    const finish = () => requestAnimationFrame(() => {
      Object.assign(st, {done: true, ms: performance.now() - down, after: text.textContent});
    });
    if (text.textContent !== before) { finish(); return; }
    const obs = new MutationObserver(() => {
      if (text.textContent === before) return;
      obs.disconnect();
      finish();
    });
    obs.observe(text, {childList: true, characterData: true, subtree: true});
    setTimeout(() => { obs.disconnect(); st.done = true; }, 3000);
  }, {capture: true, once: true});
  return key;
}"""


def ensure_chromium(chromium="/usr/bin/chromium"):
    """The path of Debian's chromium, installed with apt-get when missing (as tests/browser/run.sh does)."""
    if Path(chromium).exists():
        return chromium
    if chromium != "/usr/bin/chromium" or shutil.which("apt-get") is None:
        raise RuntimeError(f"no Chromium at {chromium}: install it (Debian: apt-get install chromium) or set CHROMIUM")
    sudo = [] if os.getuid() == 0 else ["sudo", "-n"]
    # One apt at a time: make test runs two groups at once, and both may install (flock waits).
    lock = [*sudo, "flock", "/tmp/lecture-utils-apt.lock"]
    subprocess.run([*lock, "apt-get", "update", "-qq"], check=True)
    subprocess.run([*lock, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq", "chromium"],
                   check=True, stdout=subprocess.DEVNULL)
    return chromium


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    """A loopback HTTP server of ``folder`` in a thread; returns (server, base URL). Call ``server.shutdown()``."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def move_view(page, view, moves):
    """Press an arrow key ``moves`` times on the view's first control; a dict of what happened."""
    # One round trip arms a move and says which key; the key goes to the focused control.
    handles = [view.locator(CONTROL).first.element_handle(), view.locator("[aria-live]").first.element_handle()]
    result = {"moves": 0, "changed_by_first_frame": 0, "times_ms": [], "problems": []}
    for _ in range(moves):
        key = page.evaluate(ARM_JS, handles)
        page.keyboard.press(key)
        page.wait_for_function("() => window.__siteMove.done", timeout=10_000, polling="raf")
        st = page.evaluate("() => window.__siteMove")
        result["moves"] += 1
        if st["ms"] is None:
            result["problems"].append(f"{key}: the description stayed {st['before']!r}")
            continue
        result["times_ms"].append(round(st["ms"], 2))
        result["changed_by_first_frame"] += bool(st["changedByFirstFrame"])
        if not st["changedByFirstFrame"]:
            result["problems"].append(f"{key}: the description changed only after the first frame ({st['ms']:.1f} ms)")
    return result


def check_page(context, url, moves):
    """Open ``url``; the page's blocked, failed and erroneous loads and each live view's moves."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    report = {"url": url, "blocked": [], "failed": [], "errors": [], "views": []}
    page = context.new_page()
    page.on("pageerror", lambda exc: report["errors"].append(f"page error: {exc}"))
    page.on("console", lambda msg: msg.type == "error" and report["errors"].append(f"console: {msg.text}"))
    page.on("requestfailed", lambda req: req.url not in report["blocked"]
            and report["failed"].append(f"{req.url}: {req.failure}"))
    page.on("response", lambda resp: resp.status >= 400 and report["failed"].append(f"{resp.url}: {resp.status}"))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    for view in page.evaluate(FIND_VIEWS_JS):
        if not view["live"]:
            continue
        element = page.locator(f"[data-site-view='{view['index']}']")
        entry = {"model_id": view["model_id"], "problems": []}
        try:
            element.locator(CONTROL).first.wait_for(state="visible", timeout=20_000)
            element.locator("[aria-live]").first.wait_for(state="attached", timeout=5_000)
        except PlaywrightTimeout:  # say what is missing rather than stop
            entry["problems"].append("rendered no native control (range input or select) with an aria-live "
                                     "description within 20 s")
            report["views"].append(entry)
            continue
        element.scroll_into_view_if_needed()
        entry.update(move_view(page, element, moves))
        report["views"].append(entry)
    page.close()
    return report


def launch(playwright, chromium=None):
    """Headless Debian chromium (installed when missing) through ``playwright`` (sync API)."""
    executable = ensure_chromium(chromium or os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    return playwright.chromium.launch(executable_path=executable, headless=True)


def check_site(folder, moves=5, chromium=None, browser=None):
    """Every page of the site in ``folder`` checked in Chromium with other hosts blocked; a report dict.

    ``browser``: a playwright browser to use (tests share one); by default one is launched.
    ``report["pages"]`` holds one :func:`check_page` result per page (index.html first), with
    ``expected_live``, the number of live explorers the build stored (its site.json);
    ``report["blocked"]`` every off-host URL a page asked for (each was aborted).
    """
    from playwright.sync_api import sync_playwright

    folder = Path(folder)
    pages = ["index.html"] + sorted(p.name for p in folder.glob("*.html") if p.name != "index.html")
    manifest_path = folder / "site.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    report = {"pages": []}
    current = {}

    def route(request_route):
        if urlsplit(request_route.request.url).hostname in LOOPBACK:
            request_route.continue_()
        else:
            current["blocked"].append(request_route.request.url)
            request_route.abort()

    server, base = serve(folder)
    with contextlib.ExitStack() as stack:
        stack.callback(server.server_close)
        stack.callback(server.shutdown)
        if browser is None:
            browser = launch(stack.enter_context(sync_playwright()), chromium)
            stack.callback(browser.close)
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        stack.callback(context.close)
        context.route("**/*", route)
        for name in pages:
            current["blocked"] = []
            page_report = check_page(context, f"{base}/{name}", moves)
            page_report.update(blocked=current["blocked"], page=name,
                               expected_live=manifest.get(name, {}).get("live_explorers"))
            report["pages"].append(page_report)
    report["blocked"] = [url for page in report["pages"] for url in page["blocked"]]
    return report


def problems(report):
    """Every failure in ``report`` as one line each (empty: the site passed)."""
    lines = []
    for page in report["pages"]:
        name = page["page"]
        lines += [f"{name}: asked another host for {url} (blocked)" for url in page["blocked"]]
        lines += [f"{name}: failed to load {what}" for what in page["failed"]]
        lines += [f"{name}: {error}" for error in page["errors"]]
        expected = page.get("expected_live")
        if expected is not None and expected != len(page["views"]):
            lines.append(f"{name}: the build stored {expected} explorers that draw in the browser; "
                         f"the page has {len(page['views'])}")
        for view in page["views"]:
            lines += [f"{name}: explorer {view['model_id'][:8]}: {p}" for p in view["problems"]]
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "build" / "html"))
    parser.add_argument("--moves", type=int, default=5, help="key presses per explorer")
    parser.add_argument("--json", help="write the whole report here")
    args = parser.parse_args(argv)
    report = check_site(args.site, args.moves)
    for page in report["pages"]:
        live = page["views"]
        times = [t for v in live for t in v.get("times_ms", [])]
        print(f"{page['page']:<32} blocked {len(page['blocked'])}  failed {len(page['failed'])}  "
              f"errors {len(page['errors'])}  live explorers {len(live)}"
              + (f"  key press -> frame max {max(times):.1f} ms" if times else ""))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    found = problems(report)
    print("\n".join(found) if found else "site check: every page passed")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
