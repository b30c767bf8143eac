"""Each explorer moved as a student would move it, and what must follow (lab_check.py, voila_check.py).

A browser-drawn explorer (native controls, a canvas): a key press redraws it at once, changes
its live description and sends no kernel message until the student stops; a kernel-drawn one
(an ipywidgets control, an <img>): its picture changes within EXPLORER_TIMEOUT seconds.
"""

import time

from lab_page import EXPLORER_SHOTS, EXPLORER_TIMEOUT, FRONTEND, PANEL_JS, SHOTS
from playwright.sync_api import Error as PlaywrightError

# The value widgets an explorer can have (ipywidgets 8 class names), first match is "moved".
CONTROLS = (".widget-slider, .widget-dropdown, .widget-toggle-buttons, .widget-checkbox, "
            ".widget-radio, .widget-text, .widget-select, .widget-button")
IMG_READY_JS = "img => img.complete && img.naturalWidth > 0"


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
