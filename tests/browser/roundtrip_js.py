"""The JavaScript that tests/browser/roundtrip.py runs in JupyterLab's page to time explorers."""

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


# Runs code cell ``i`` and times it until its explorer is on screen: a kernel-rendered one when
# its picture has decoded, a client-side one when its control and a non-empty description show;
# and until its output area first shows anything (output_ms: the rest is the front end's).
RUN_CELL_JS = """([i, timeoutMs]) => new Promise((resolve) => {
  const nb = window.jupyterapp.shell.currentWidget.content;
  nb.activeCellIndex = i;
  const node = nb.widgets[i].node;
  const state = () => {
    const out = node.querySelector('.jp-OutputArea');
    if (!out) return null;
    if (out.querySelector('[data-mime-type="application/vnd.jupyter.stderr"], '
                          + '[data-mime-type="application/vnd.jupyter.error"]')) return 'error';
    const img = out.querySelector('__PICTURE__');
    if (img && img.complete && img.naturalWidth > 0) return 'png';
    if (out.querySelector('.noUi-handle, .widget-slider')) return null;
    const live = [...out.querySelectorAll('[aria-live]')].some((e) => e.textContent.trim());
    return live && out.querySelector('input[type=range], select') ? 'client' : null;
  };
  const t0 = performance.now();
  let output = null;  // ms to the first output shown (the kernel's part, and the transfer)
  window.jupyterapp.commands.execute('notebook:run-cell');
  const tick = () => {
    if (output === null && node.querySelector('.jp-OutputArea-child')) output = performance.now() - t0;
    const kind = state();
    if (kind) resolve({kind, ms: performance.now() - t0, output_ms: output});
    else if (performance.now() - t0 > timeoutMs) resolve({kind: null, ms: null});
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})""".replace("__PICTURE__", PICTURE)
# A client-side move: keydown -> the description changes -> the next animation frame; and how many
# frames began between the keydown and that change (0: it was drawn for the first frame).
CLIENT_ARM_JS = """([control, text]) => {
  const before = text.textContent;
  const st = window.__luMove = {done: false, ms: null, frames: null};
  control.addEventListener('keydown', () => {
    const down = performance.now();
    let frames = 0;
    const count = () => { if (!st.done && text.textContent === before) { frames++; requestAnimationFrame(count); } };
    requestAnimationFrame(count);
    const obs = new MutationObserver(() => {
      if (text.textContent === before) return;
      obs.disconnect();
      requestAnimationFrame(() => Object.assign(st, {done: true, ms: performance.now() - down, frames: frames + 1}));
    });
    obs.observe(text, {childList: true, characterData: true, subtree: true});
    setTimeout(() => { obs.disconnect(); st.done = true; }, 5000);
  }, {capture: true, once: true});
}"""
# Chromium's Event Timing entries of key presses (input -> next paint; only those >= 16 ms are reported).
# One observer per page (a second one would report every entry twice); the list is emptied per explorer.
EVENT_TIMING_JS = """() => {
  window.__luEvents = [];
  if (window.__luEventObserver) return;
  window.__luEventObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'keydown') window.__luEvents.push(e.duration);
  });
  window.__luEventObserver.observe({type: 'event', durationThreshold: 16});
}"""
# Cell i's client explorer: mark its canvas (called before the moves), then (after them) whether
# that same canvas is still the one shown and the output now carries the static picture (added by
# update_display_data once the cell has run; JupyterLab builds the view again on it and
# js/explorer.js hands the new view the old canvas).
MARK_VIEW_JS = """(i) => {
  const cell = window.jupyterapp.shell.currentWidget.content.widgets[i];
  const canvas = cell.node.querySelector('.jp-OutputArea canvas');
  if (canvas) canvas.__luMarked = true;
}"""
VIEW_KEPT_JS = """(i) => {
  const cell = window.jupyterapp.shell.currentWidget.content.widgets[i];
  const canvases = [...cell.node.querySelectorAll('.jp-OutputArea canvas')];
  const outputs = cell.model.outputs;
  const pictured = [...Array(outputs.length).keys()].some((k) => 'image/png' in outputs.get(k).data);
  const ours = Boolean(cell.node.querySelector('.lu-browser-explorer'));  // (not the fixture: no picture)
  return {kept: canvases.length === 1 && canvases[0].__luMarked === true, pictured: pictured || !ours};
}"""
