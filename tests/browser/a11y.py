"""Accessibility checks of one notebook open in JupyterLab, called by lab_check.py.

After lab_check has run the notebook (Run All) and moved its explorers, ``check(page, stem)``

1. runs axe-core (bundled by axe-playwright-python) over the notebook's content: its
   rendered markdown and its outputs, explorers included (not JupyterLab's menus, code editors
   or cell list: the course cannot fix those, and axe's colour-contrast rule over every
   syntax-highlighted token of the code cells was most of the checks' CPU): every serious or
   critical violation is a failure, with its rule, help text and first offending element;
2. every slider handle in the outputs must be announced by its label (the accessible name
   the browser computes) and by the value its readout shows (aria-valuetext): the explorers'
   native controls give both; an ipywidgets slider (which gives neither) fails;
3. keyboard only: for each explorer with a slider, starts at the explorer, presses Tab until
   the slider's handle has focus, presses ArrowRight (ArrowLeft at the maximum) and requires
   both the picture and the one-line description (``.lu-explorer-description``, announced by
   screen readers through ``aria-live="polite"``) to change;
4. switches JupyterLab to its dark theme, screenshots the notebook
   (SCREENSHOT_DIR/<notebook>__dark.png, ...), requires every figure and explorer picture
   to be opaque with a light background (so its dark ink stays readable on the dark page),
   reruns axe's colour-contrast rule there. Steps 1-3 run in the light theme, 4 in the dark
   one, in the order that needs one switch: a notebook opened in the dark theme (the one
   before left it so) starts with 4, then switches to light.

Returns the list of failures (strings); prints what it measured.
"""

import time

from axe_playwright_python.base import AXE_SCRIPT
from cpu_phases import phase

NOTEBOOK_AREA = ".jp-NotebookPanel .jp-Notebook"
SEVERE = ("serious", "critical")
MAX_TABS = 15
KEY_TIMEOUT = 8.0  # seconds for the picture and the description to follow a key press
DARK, LIGHT = "JupyterLab Dark", "JupyterLab Light"
# A figure "reads on a dark page" when it paints its own light background: no (semi-)
# transparent pixels, and a light frame (mean luminance of the outermost pixels).
MIN_FRAME_LUMINANCE = 0.75
MAX_TRANSPARENT_SHARE = 0.01

ACTIVE_IN_JS = """(explorer) => {
  const a = document.activeElement;
  return !!a && explorer.contains(a) && (a.classList.contains('noUi-handle') || a.type === 'range');
}"""
# What the explorer's picture shows now: the <img>'s source, or the canvas's pixels.
PICTURE_JS = """(el) => {
  const c = el.querySelector('canvas.lu-explorer-canvas');
  if (c) return c.toDataURL();
  const img = el.querySelector('img.lu-explorer-png');
  return img ? img.getAttribute('src') : null;
}"""
# Opacity and frame luminance of every picture in the notebook's outputs (explorers included).
PICTURES_JS = """(area) => [...area.querySelectorAll(
    '.jp-OutputArea-output img, .jp-OutputArea-output canvas.lu-explorer-canvas')].map((img, i) => {
  const drawn = img.tagName === 'CANVAS';
  if (!drawn && (!img.complete || !img.naturalWidth)) return {i, error: 'not loaded'};
  const c = drawn ? img : document.createElement('canvas');
  if (!drawn) { c.width = img.naturalWidth; c.height = img.naturalHeight; }
  const g = c.getContext('2d');
  if (!drawn) g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, c.width, c.height).data;
  let clear = 0, frame = 0, n = 0;
  for (let p = 0; p < d.length; p += 4) {
    if (d[p + 3] < 250) clear++;
    const k = p / 4, x = k % c.width, y = Math.floor(k / c.width);
    if (x === 0 || y === 0 || x === c.width - 1 || y === c.height - 1) {
      frame += (0.2126 * d[p] + 0.7152 * d[p + 1] + 0.0722 * d[p + 2]) / 255; n++;
    }
  }
  const where = img.closest('.lu-explorer') ? 'explorer picture' : 'figure';
  return {i, where, alt: img.getAttribute('alt') || img.getAttribute('aria-label') || '', transparent: clear / (d.length / 4), frame: frame / n};
})"""


# What the course wrote (markdown, outputs, explorers): axe checks only these, inside the notebook.
CONTENT = ".jp-OutputArea, .jp-MarkdownOutput, .jp-RenderedMarkdown"
AXE_CONTEXT = {"include": [f"{NOTEBOOK_AREA} {part.strip()}" for part in CONTENT.split(",")]}
AXE_RUN_JS = "([context, options]) => window.axe.run(context, options)"


def describe_violation(v, nodes):
    node = nodes[0]
    target = " ".join(map(str, node.get("target", [])))[-120:]
    return (f"axe {v['impact']}: {v['id']} ({v['help']}) on {len(nodes)} element(s), e.g. "
            f"{node.get('html', '')[:140]!r} at {target}")


def axe_failures(page, rules=None):
    """Serious/critical axe violations in the notebook's content; prints the minor ones."""
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    if not page.evaluate("() => !!window.axe"):  # once per page: its 0.5 MB script parsed once
        page.evaluate(AXE_SCRIPT)
    result = page.evaluate(AXE_RUN_JS, [AXE_CONTEXT, options])
    failures, total = [], 0
    for v in result["violations"]:
        total += len(v["nodes"])
        if v["impact"] in SEVERE:
            failures.append(describe_violation(v, v["nodes"]))
        else:
            print(f"      (minor or moderate, not counted: {describe_violation(v, v['nodes'])[:240]})")
    return failures, total


# Every ipywidgets slider in the notebook's outputs: its label, readout and handles' ARIA.
SLIDERS_JS = f"""(area) => [...area.querySelectorAll('.widget-slider')]
  .filter(box => box.closest('{CONTENT}'))
  .map(box => {{
    const child = sel => [...box.children].find(c => c.matches(sel));
    const label = child('.widget-label'), readout = child('.widget-readout');
    return {{
      label: label ? label.textContent.trim() : '',
      readout: readout ? readout.textContent.trim() : '',
      handles: [...box.querySelectorAll('.noUi-handle')].map(h => h.getAttribute('aria-valuetext')),
    }};
  }})"""


# Every native slider of a browser explorer: its <label>, readout (<output>) and aria-valuetext.
NATIVE_SLIDERS_JS = f"""(area) => [...area.querySelectorAll('.lu-explorer input[type=range]')]
  .filter(input => input.closest('{CONTENT}') || !document.querySelector('{CONTENT}'))
  .map(input => {{
    const readout = input.parentElement.querySelector('output');
    return {{
      label: input.labels && input.labels[0] ? input.labels[0].textContent.trim() : '',
      readout: readout ? readout.textContent.trim() : '',
      handles: [input.getAttribute('aria-valuetext')],
    }};
  }})"""


def slider_failures(area):
    """Every slider handle is announced by its label and the value the student sees.

    A browser explorer's native ``<input type=range>`` is named by its ``<label>`` and
    announces its readout through ``aria-valuetext`` in every front end; an ipywidgets slider
    leaves its handle nameless (Colab and VS Code load no extension that could name it), so
    one in an output fails here. The name is the one the browser computes (Playwright's role query), not
    just an attribute being present. ``area``: a locator of the page's notebook or dashboard.
    """
    sliders, failures = area.evaluate(SLIDERS_JS) + area.evaluate(NATIVE_SLIDERS_JS), []
    for s in sliders:
        named = area.get_by_role("slider", name=s["label"], exact=True).count() if s["label"] else 0
        if not s["label"] or named == 0:
            failures.append(f"slider {s['label'] or '(no label)'!r}: its handle has no accessible name "
                            f"from its label (an ipywidgets slider? explorers draw native controls)")
        elif s["readout"] and s["handles"] != [s["readout"]]:
            failures.append(f"slider {s['label']!r}: screen readers hear {s['handles']} "
                            f"but the readout shows {s['readout']!r}")
    print(f"    sliders: {len(sliders)} in the outputs, {len(sliders) - len(failures)} announced by "
          f"label and shown value" + (f", e.g. {sliders[0]['label']!r} = {sliders[0]['readout']!r}"
                                      if sliders else ""))
    return failures


def description_text(explorer):
    desc = explorer.locator(".lu-explorer-description")
    return desc.first.inner_text().strip() if desc.count() else None


def keyboard_check(page, explorer, name):
    """Tab to the explorer's slider, press an arrow key, see picture and description change."""
    failures = []
    desc = explorer.locator(".lu-explorer-description")
    if desc.count() == 0:
        return [f"{name}: no one-line description under the picture (.lu-explorer-description)"]
    if not desc.first.evaluate("el => !!(el.closest('[aria-live=polite]') || "
                               "el.querySelector('[aria-live=polite]'))"):
        failures.append(f"{name}: its description is not aria-live='polite' (screen readers would miss moves)")
    explorer.scroll_into_view_if_needed()
    # Start where a keyboard user arrives at the explorer: focus its outer box (not itself in
    # the tab order), then only keys.
    explorer.evaluate("el => { el.setAttribute('tabindex', '-1'); el.focus(); el.removeAttribute('tabindex'); }")
    for tabs in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if explorer.evaluate(ACTIVE_IN_JS):
            break
    else:
        return failures + [f"{name}: {MAX_TABS} presses of Tab never reached its slider"]
    src, text = explorer.evaluate(PICTURE_JS), description_text(explorer)
    label = page.evaluate("document.activeElement.getAttribute('aria-valuetext') || "
                          "document.activeElement.getAttribute('aria-valuenow')")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(150)
    if page.evaluate("document.activeElement.getAttribute('aria-valuetext') || "
                     "document.activeElement.getAttribute('aria-valuenow')") == label:
        page.keyboard.press("ArrowLeft")  # already at its maximum
    deadline = time.monotonic() + KEY_TIMEOUT
    while time.monotonic() < deadline and (explorer.evaluate(PICTURE_JS) == src or description_text(explorer) == text):
        page.wait_for_timeout(50)
    picture, words = explorer.evaluate(PICTURE_JS) != src, description_text(explorer) != text
    if not picture:
        failures.append(f"{name}: picture unchanged after Tab x{tabs} + arrow key")
    if not words:
        failures.append(f"{name}: description unchanged after Tab x{tabs} + arrow key: {text!r}")
    print(f"    {name}: keyboard: Tab x{tabs} to the slider, arrow key -> picture "
          f"{'changed' if picture else 'UNCHANGED'}, description "
          f"{'now ' + repr(description_text(explorer)) if words else 'UNCHANGED'}")
    return failures


def set_theme(page, theme):
    page.evaluate("t => window.jupyterapp.commands.execute('apputils:change-theme', {theme: t})", theme)
    page.wait_for_function("t => document.body.dataset.jpThemeName === t", arg=theme, timeout=30_000)
    page.wait_for_timeout(500)  # the theme's stylesheet applies


def picture_failures(page):
    area = page.locator(NOTEBOOK_AREA).first
    # Off-screen cells may not have decoded their pictures: scroll through once.
    area.evaluate("el => { const s = el.closest('.jp-WindowedPanel-outer'); if (s) s.scrollTo(0, 0); }")
    failures, pictures = [], area.evaluate(PICTURES_JS)
    for p in pictures:
        if "error" in p:
            continue  # a picture outside the rendered window; the light-theme pass saw it load
        if p["transparent"] > MAX_TRANSPARENT_SHARE or p["frame"] < MIN_FRAME_LUMINANCE:
            failures.append(f"dark theme: {p['where']} #{p['i']} ({p['alt'][:60]!r}) is "
                            f"{p['transparent']:.0%} transparent with frame luminance {p['frame']:.2f}: "
                            f"unreadable on a dark page")
    return failures, sum(1 for p in pictures if "error" not in p)


def light_checks(page):
    """axe (every rule), slider names and keyboard use, in the light theme."""
    severe, total = axe_failures(page)
    phase("axe")
    print(f"    axe: {total} violating element(s) in the notebook's content, "
          f"{len(severe)} serious or critical rule(s)")
    failures = severe + slider_failures(page.locator(NOTEBOOK_AREA).first)
    explorers = page.locator(".lu-explorer")
    for i in range(explorers.count()):
        if explorers.nth(i).locator(".widget-slider .noUi-handle, input[type=range]").count():
            failures += keyboard_check(page, explorers.nth(i), f"explorer {i + 1}")
    phase("slider names, keyboard")
    return failures


def dark_checks(page, stem, screenshot_whole_notebook):
    """Pictures readable and axe's colour contrast, in the dark theme."""
    screenshot_whole_notebook(page, f"{stem}__dark")
    bad, n = picture_failures(page)
    contrast, _ = axe_failures(page, rules=["color-contrast"])
    print(f"    dark theme: {n} picture(s) checked, {len(bad)} unreadable; "
          f"colour contrast: {len(contrast)} serious problem(s)")
    phase("dark theme (pictures, contrast)")
    return bad + [f"dark theme: {c}" for c in contrast]


def check(page, stem, screenshot_whole_notebook):
    """All accessibility checks of the open notebook, in both themes; returns failures.

    The checks of the theme the page shows come first, then those of the other, and the page
    is left in that one: JupyterLab shows the notebooks one after the other in one page, so
    each notebook costs one switch of theme (a restyle of the whole page), not two.
    """
    t0 = time.monotonic()
    if page.evaluate("() => document.body.dataset.jpThemeName") == DARK:
        failures = dark_checks(page, stem, screenshot_whole_notebook)
        set_theme(page, LIGHT)
        failures += light_checks(page)
    else:
        failures = light_checks(page)
        set_theme(page, DARK)
        failures += dark_checks(page, stem, screenshot_whole_notebook)
    print(f"    accessibility checks took {time.monotonic() - t0:.1f} s")
    return failures
