"""The slider-naming front-end extension (labextension/) on every kind of ipywidgets slider.

The notebooks' browser tests see only the course's own sliders (one handle, a description).
This check loads the extension's file into a blank page of headless chromium, activates it
the way JupyterLab's loader does (``_JUPYTERLAB[name].init`` then ``.get('./extension')``),
and builds sliders with the DOM ipywidgets 8 gives them (label, noUiSlider, readout), so it
can try what the notebooks do not: a range slider, a slider named only by its tooltip or by
nothing, a description changed later, a slider rebuilt with new handles, noUiSlider writing
its own aria-valuetext after a move, and a slider added after the extension started. Names
are the ones the browser computes (Playwright's role queries).

Run by ``run.sh`` before JupyterLab starts (``make test-browser``); exit 1 on any failure.
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "labextension" / "static" / "lecture-utils-a11y.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

# ipywidgets 8's slider DOM, as JupyterLab renders it (tests/browser/a11y.py reads the same).
ADD_SLIDER_JS = """([id, label, tooltip, readout, values]) => {
  const box = document.createElement('div');
  box.id = id;
  box.className = 'lm-Widget jupyter-widgets widget-inline-hbox widget-slider widget-hslider';
  const lab = document.createElement('label');
  lab.className = 'widget-label';
  lab.title = tooltip;
  lab.textContent = label;
  if (!label) lab.style.display = 'none';
  const container = document.createElement('div');
  container.className = 'slider-container';
  const slider = document.createElement('div');
  slider.className = 'slider noUi-target noUi-ltr noUi-horizontal';
  const base = document.createElement('div');
  base.className = 'noUi-base';
  values.forEach((v, i) => {
    const origin = document.createElement('div');
    origin.className = 'noUi-origin';
    const handle = document.createElement('div');
    handle.className = 'noUi-handle' + (i ? ' noUi-handle-upper' : ' noUi-handle-lower');
    handle.tabIndex = 0;
    handle.setAttribute('role', 'slider');
    handle.setAttribute('aria-valuemin', '0');
    handle.setAttribute('aria-valuemax', '10');
    handle.setAttribute('aria-valuenow', v);
    handle.setAttribute('aria-valuetext', v);
    origin.appendChild(handle);
    base.appendChild(origin);
  });
  slider.appendChild(base);
  container.appendChild(slider);
  const out = document.createElement('div');
  out.className = 'widget-readout';
  out.contentEditable = 'true';
  out.textContent = readout;
  box.append(lab, container, out);
  document.body.appendChild(box);
}"""

ACTIVATE_JS = """async () => {
  const container = window._JUPYTERLAB['lecture-utils-a11y'];
  await container.init({});
  const factory = await container.get('./extension');
  const module = factory();
  const plugins = [].concat(module.__esModule ? module.default : module);
  plugins.forEach(p => { if (p.autoStart) p.activate({}); });
  return plugins.map(p => p.id);
}"""

SETTLE_MS = 100  # the extension answers DOM changes in a MutationObserver callback


def names(page, box_id):
    """(accessible name, aria-valuetext) of each handle of one slider, as the browser sees it."""
    box = page.locator(f"#{box_id}")
    out = []
    for i in range(box.get_by_role("slider").count()):
        handle = box.get_by_role("slider").nth(i)
        snapshot = handle.aria_snapshot()  # e.g. '- slider "slope w"'
        name = snapshot.split('"')[1] if '"' in snapshot else ""
        out.append((name, handle.get_attribute("aria-valuetext")))
    return out


def main():
    failures = []

    def expect(what, got, wanted):
        status = "ok" if got == wanted else "FAILED"
        print(f"  {what}: {got} ({status})")
        if got != wanted:
            failures.append(f"{what}: got {got}, wanted {wanted}")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        page = browser.new_page()
        page.set_content("<!doctype html><html lang='en'><body></body></html>")

        def add(*args):
            page.evaluate(ADD_SLIDER_JS, list(args))

        add("labelled", "learning rate α", "null", "0.0100", ["-2"])  # a FloatLogSlider at 0.01
        add("tooltip", "", "how far to step", "0.50", ["0.5"])
        add("nameless", "", "null", "3", ["3"])
        add("range", "window", "null", "2 – 5", ["2", "5"])
        page.add_script_tag(path=str(SCRIPT))
        print(f"  activated: {page.evaluate(ACTIVATE_JS)}")
        page.wait_for_timeout(SETTLE_MS)
        expect("described slider: name, and the readout as its value", names(page, "labelled"),
               [("learning rate α", "0.0100")])
        expect("no description, a tooltip", names(page, "tooltip"), [("how far to step", "0.50")])
        expect("no description, no tooltip", names(page, "nameless"), [("slider", "3")])
        expect("range slider: both ends, noUiSlider's values kept", names(page, "range"),
               [("window (lower end)", "2"), ("window (upper end)", "5")])

        # The description changes (Python set .description): the name follows.
        page.evaluate("""() => {
          document.querySelector('#labelled .widget-label').textContent = 'step size';
          document.querySelector('#range .widget-label').textContent = 'band';
        }""")
        page.wait_for_timeout(SETTLE_MS)
        expect("after a new description", names(page, "labelled")[0][0], "step size")
        expect("range slider after a new description", [n for n, _ in names(page, "range")],
               ["band (lower end)", "band (upper end)"])

        # A move: noUiSlider writes its own number, ipywidgets the readout; the readout wins.
        page.evaluate("""() => {
          const h = document.querySelector('#labelled .noUi-handle');
          h.setAttribute('aria-valuenow', '-1'); h.setAttribute('aria-valuetext', '-1');
          document.querySelector('#labelled .widget-readout').textContent = '0.100';
        }""")
        page.wait_for_timeout(SETTLE_MS)
        expect("after a move", names(page, "labelled"), [("step size", "0.100")])

        # ipywidgets rebuilds the noUiSlider when min/max change: new, unnamed handles.
        page.evaluate("""() => {
          const base = document.querySelector('#tooltip .noUi-base');
          base.innerHTML = '<div class="noUi-origin"><div class="noUi-handle" tabindex="0" ' +
            'role="slider" aria-valuemin="0" aria-valuemax="1" aria-valuenow="0.5" ' +
            'aria-valuetext="0.5"></div></div>';
        }""")
        page.wait_for_timeout(SETTLE_MS)
        expect("a rebuilt slider", names(page, "tooltip"), [("how far to step", "0.50")])

        # A slider rendered after the extension started (a new output).
        add("later", "seed", "null", "7", ["7"])
        page.wait_for_timeout(SETTLE_MS)
        expect("a slider added later", names(page, "later"), [("seed", "7")])

        # The observer sees its own writes; it must come to rest, not loop.
        writes = page.evaluate("""() => new Promise(done => {
          let n = 0;
          const counter = new MutationObserver(r => { n += r.length; });
          counter.observe(document.body, {subtree: true, attributes: true, childList: true, characterData: true});
          setTimeout(() => { counter.disconnect(); done(n); }, 300);
        })""")
        expect("DOM changes in 300 ms with nothing happening", writes, 0)
        browser.close()
    if failures:
        print("extension check FAILED:\n" + "\n".join(f"  - {f}" for f in failures))
        sys.exit(1)
    print("extension check passed")


if __name__ == "__main__":
    main()
