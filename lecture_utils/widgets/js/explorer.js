// The front end of every browser explorer (lecture_utils/widgets/_browser.py): native
// controls, a canvas drawn from the data Python computed for every state, a live description.
// A move looks the state up in the tables and redraws: no kernel message. The values go back
// to Python only once the student has stopped (SYNC_IDLE_MS), and never when there is no kernel.

import { WARM, drawScene, fill, lookup, preparable, prepareScene, unpack } from "./draw.js";

const SYNC_IDLE_MS = 400;
// Idle time left (ms) below which preparing one more state waits for the next idle period.
const PREPARE_MS = 4;

const idle = (fn) => (typeof requestIdleCallback === "function" ? requestIdleCallback(fn, { timeout: 200 })
  : setTimeout(() => fn({ timeRemaining: () => 50, didTimeout: false }), 0));
const cancelIdle = (id) => (typeof cancelIdleCallback === "function" ? cancelIdleCallback(id) : clearTimeout(id));

function control(c, id, onChange) {
  const box = document.createElement("span");
  box.className = "lu-control";
  box.style.cssText = "display:inline-flex;align-items:center;gap:6px;margin:2px 12px 2px 0";
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = c.label;
  let input;
  if (c.kind === "select") {
    input = document.createElement("select");
    c.labels.forEach((text, i) => input.add(new Option(text, String(i))));
  } else if (c.kind === "checkbox") {
    input = document.createElement("input");
    input.type = "checkbox";
  } else {
    input = document.createElement("input");
    input.type = "range";
    input.min = "0"; input.max = String(c.values.length - 1); input.step = "1";
  }
  input.id = id;
  input.className = "lu-control-input";
  // On the control itself too: Lumino stops looking for the attribute at the first element
  // a shortcut's selector matches, and ".jp-mod-commandMode :focus" matches the control.
  input.setAttribute("data-lm-suppress-shortcuts", "");
  input.dataset.control = c.name;
  const readout = document.createElement("output");
  readout.htmlFor = id;
  readout.className = "lu-control-readout";
  box.append(label, input);
  if (c.kind === "range") box.append(readout);
  input.addEventListener("input", () => onChange(c.kind === "checkbox" ? (input.checked ? 1 : 0) : Number(input.value)));
  const show = (i, text) => {
    if (c.kind === "checkbox") input.checked = Boolean(c.values[i]);
    else input.value = String(i);
    if (c.kind === "range") {
      input.setAttribute("aria-valuetext", text);
      readout.textContent = text;
    }
  };
  return { box, show };
}

// The views drawn per model, keyed by the model's spec object (anywidget gives each view its own
// proxy of the model; the spec it holds is one object per model). JupyterLab and Notebook 7 build
// a widget's view anew when its output is updated (the static picture added once the cell has run,
// _display.py): the old view's element is taken out of the page but the view is not removed. The
// new view then takes the old one's root (its canvas, its stops, its keyboard focus) rather than
// starting over (`adopt`; measured by make bench-browser: view_kept, focus_lost).
const VIEWS = new WeakMap();

function adopt(model, el) {
  const views = VIEWS.get(model.get("spec"));
  // Out of the page with its element detached from its container: replaced, not scrolled away (a
  // notebook that detaches cells out of view keeps the element in its container) nor removed.
  const view = views && [...views].find((v) => !v.root.isConnected && v.el.parentNode === null);
  if (!view) return null;
  view.el = el;
  view.owners += 1;
  el.append(view.root);
  const focused = view.focused;
  // The new element is put in the page once this render returns: the focus comes back then.
  const refocus = (tries) => {
    if (!focused || !view.root.contains(focused)) return;
    if (!focused.isConnected) { if (tries) requestAnimationFrame(() => refocus(tries - 1)); return; }
    const active = document.activeElement;
    if (!active || active === document.body) focused.focus({ preventScroll: true });
  };
  refocus(10);
  return view.release;
}

function render({ model, el }) {
  const adopted = adopt(model, el);
  if (adopted) return adopted;
  // The tables come after the first display (Python sends them once the cell has run): the
  // picture of Python's exact state needs none of them, so it is drawn without waiting.
  const spec = { ...model.get("spec"), tables: null };
  const root = document.createElement("div");
  root.className = "lu-explorer lu-browser-explorer";
  // JupyterLab and Notebook 7 leave keys pressed in here to the controls (arrows move a slider).
  root.setAttribute("data-lm-suppress-shortcuts", "");
  const title = document.createElement("div");
  title.innerHTML = "<b></b>";
  title.firstChild.textContent = spec.title;
  const row = document.createElement("div");
  row.style.cssText = "display:flex;flex-flow:row wrap;align-items:center";
  const canvas = document.createElement("canvas");
  canvas.className = "lu-explorer-canvas";
  canvas.setAttribute("role", "img");
  canvas.style.cssText = `width:${spec.width}px;max-width:100%;height:auto;display:block`;
  const description = document.createElement("div");
  description.className = "lu-explorer-description";
  description.setAttribute("aria-live", "polite");
  const error = document.createElement("div");
  error.className = "lu-explorer-error-area";
  root.append(title, row, canvas, description, error);
  el.append(root);

  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(spec.width * dpr);
  canvas.height = Math.round(spec.height * dpr);
  const ctx = canvas.getContext("2d");
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);

  const index = {};
  let exact = true;  // the state Python computed for its values (exact even between stops)
  let timer = null;
  const uid = `lu-${Math.random().toString(36).slice(2, 10)}`;
  const controls = spec.controls.map((c, k) => {
    const ui = control(c, `${uid}-${k}`, (i) => {
      const step = Math.sign(i - index[c.name]) || 1;
      index[c.name] = i;
      exact = false;
      draw();
      prepareNeighbours(c.name, step);
      clearTimeout(timer);
      timer = setTimeout(sync, SYNC_IDLE_MS);
    });
    row.append(ui.box);
    return { c, ui };
  });

  function fromModel() {
    Object.assign(index, model.get("values"));  // the stop of each control
    const at = model.get("state")._at || {};
    exact = controls.every(({ c }) => at[c.name] === index[c.name]);  // Python's exact state is for these stops
  }

  function draw() {
    const state = exact ? model.get("state") : spec.tables && lookup(spec, index);
    for (const { c, ui } of controls) {
      // A value Python set between stops is announced as set until the control moves.
      ui.show(index[c.name], exact ? state._readouts[c.name] : c.labels[index[c.name]]);
    }
    if (!state) return;  // moved before the tables came: drawn when they do (loadTables)
    drawScene(ctx, spec, state);
    const text = spec.fill ? fill(state.description ?? "", state) : state.description ?? "";
    if (description.textContent !== text) description.textContent = text;
    canvas.setAttribute("aria-label", text ? `${spec.title} — ${text}` : spec.title);
  }

  // The states one stop away on each control (the way the student just moved first) are drawn
  // ahead while the page is idle, one per idle period, so that the next press only looks up
  // and blits (notebook 07's network fields take a few ms each to compute).
  let preparing = null;
  const canPrepare = preparable(spec);
  function prepareNeighbours(moved, step) {
    if (!canPrepare || !spec.tables) return;
    cancelIdle(preparing);
    const todo = [];
    for (const { c } of [...controls].sort((a, b) => (b.c.name === moved) - (a.c.name === moved))) {
      for (const d of c.name === moved ? [step, -step] : [1, -1]) {
        const i = index[c.name] + d;
        if (i >= 0 && i < c.values.length) todo.push({ ...index, [c.name]: i });
      }
    }
    const next = (deadline) => {
      preparing = null;
      while (todo.length && (deadline.didTimeout || deadline.timeRemaining() > PREPARE_MS)) {
        prepareScene(spec, lookup(spec, todo.shift()));
      }
      if (todo.length) preparing = idle(next);
    };
    preparing = idle(next);
  }

  function sync() {
    const values = Object.fromEntries(controls.map(({ c }) => [c.name, index[c.name]]));
    try {
      model.set("values", values);
      model.save_changes();
    } catch (err) {
      // A static page (no kernel): the explorer keeps working from its tables.
    }
  }

  function showError() {
    const text = model.get("error");
    error.textContent = "";
    if (text) {
      const box = document.createElement("div");
      box.className = "lu-explorer-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "color:#b00020;border:1px solid #b00020;padding:4px 8px;border-radius:4px;background:#fff5f5";
      box.textContent = text;
      error.append(box);
    }
  }

  const onState = () => { fromModel(); draw(); };
  model.on("change:state", onState);
  model.on("change:error", showError);
  fromModel();
  draw();
  showError();
  const warm = spec.derive && WARM[spec.derive];
  let warming = null, loading = null;
  function loadTables() {
    const packed = model.get("tables");
    if (loading || !packed || !packed.byteLength) return;
    loading = unpack(packed).then((tables) => {
      spec.tables = tables;
      if (!exact) draw();
      if (warm) warming = setTimeout(() => warm(spec), 0);
      prepareNeighbours(null, 1);
    });
  }
  model.on("change:tables", loadTables);
  loadTables();
  const key = model.get("spec"), view = { root, el, owners: 1, focused: null };
  root.addEventListener("focusin", (e) => { view.focused = e.target; });
  root.addEventListener("focusout", (e) => {
    if (root.contains(e.relatedTarget)) return;
    // Chromium blurs a control as its element is taken out (still in the page then): the focus
    // counts as moved on only if the root is still in the page once this task is over.
    queueMicrotask(() => { if (root.isConnected) view.focused = null; });
  });
  // Every view holding the root (itself and those that adopted it) releases it; the last one cleans up.
  view.release = () => {
    view.owners -= 1;
    if (view.owners > 0) return;
    VIEWS.get(key)?.delete(view);
    clearTimeout(timer);
    clearTimeout(warming);
    cancelIdle(preparing);
    model.off("change:state", onState);
    model.off("change:error", showError);
    model.off("change:tables", loadTables);
  };
  if (!VIEWS.has(key)) VIEWS.set(key, new Set());
  VIEWS.get(key).add(view);
  return view.release;
}

export default { render };
