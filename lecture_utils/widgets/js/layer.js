// Marks that look the same in every state (the training points, a legend) are drawn once into a
// layer per run of them (consecutive in drawing order, so what is drawn over what stays) and
// copied onto the canvas on each move (draw.js's drawScene): notebook 07's ~400 markers cost
// more than the rest of a move. A layer is keyed by the canvas's size and transform (a resize,
// a high-DPI canvas) and the style it was drawn in (colours, fonts), so a change of either draws
// it again. tests/js/layer.test.mjs.

const isRef = (v) => v !== null && typeof v === "object" && !Array.isArray(v) && "$" in v;
const TEMPLATE = /\{\w+(?::[^}]*)?\}/;  // a {key} or {key:spec} of a filled text (draw.js's fill)
const steps = new WeakMap();  // spec -> its drawing steps
// A run is drawn from a layer only when drawing it costs more than copying a layer: at least this
// many markers, texts or shapes (a long line counts a unit per 16 points). Measured in Chromium:
// notebook 04's nine runs of a box and its label drew in 1.4 ms, copied as layers in 2.3 ms.
export const LAYER_MIN_WORK = 12;

function work(mark) {
  const n = Array.isArray(mark.x) ? mark.x.length : 1;
  if (mark.type === "points") return n;
  if (mark.type === "line" || mark.type === "area") return Math.ceil(n / 16);
  if (mark.type === "image") return LAYER_MIN_WORK;
  return 1;
}
const layers = new WeakMap();  // 2-D context -> Map(step -> {key, canvas, at})

/** Whether `mark` is drawn the same in every state: no field read from the state, no template to
 * fill, in a panel whose limits do not move (`moving`: their names). */
export function isStaticMark(spec, mark, moving = new Set()) {
  if (moving.has(mark.panel) || Object.values(mark).some(isRef)) return false;
  return !(spec.fill && mark.type === "text" && TEMPLATE.test(String(mark.text).replace(/\{\{|\}\}/g, "")));
}

/** The scene's marks in drawing order as steps: `{mark}`, drawn on each move, or `{run: [marks], layer}`,
 * consecutive static marks, drawn from one layer when `layer` (enough work, LAYER_MIN_WORK). */
export function drawingSteps(spec) {
  let out = steps.get(spec);
  if (out && out.marks === spec.marks && out.panels === spec.panels) return out;
  const moving = new Set(spec.panels.filter((p) => Object.values(p).some(isRef)).map((p) => p.name));
  out = [];
  for (const mark of spec.marks) {
    const last = out[out.length - 1];
    if (!isStaticMark(spec, mark, moving)) out.push({ mark });
    else if (last && last.run) last.run.push(mark);
    else out.push({ run: [mark] });
  }
  for (const step of out) if (step.run) step.layer = step.run.reduce((n, mk) => n + work(mk), 0) >= LAYER_MIN_WORK;
  Object.assign(out, { marks: spec.marks, panels: spec.panels });
  steps.set(spec, out);
  return out;
}

/** A canvas `width` x `height` device pixels off the page, or null where there is none (node). */
function layerCanvas(width, height) {
  if (typeof OffscreenCanvas !== "undefined") return new OffscreenCanvas(width, height);
  if (typeof document !== "undefined") return Object.assign(document.createElement("canvas"), { width, height });
  return null;
}

/** The device-pixel box a run covers: the panels its marks are clipped to, the whole canvas if it
 * has text (not clipped). */
function runBox(run, transforms, m, width, height) {
  if (run.some((mk) => mk.type === "text")) return [0, 0, width, height];
  const ts = run.map((mk) => transforms[mk.panel]);
  const x0 = Math.min(...ts.map((t) => t.left)), y0 = Math.min(...ts.map((t) => t.top));
  const x1 = Math.max(...ts.map((t) => t.left + t.width)), y1 = Math.max(...ts.map((t) => t.top + t.height));
  const left = Math.max(0, Math.floor(m.a * x0 + m.e) - 1), top = Math.max(0, Math.floor(m.d * y0 + m.f) - 1);
  return [left, top, Math.min(width, Math.ceil(m.a * x1 + m.e) + 1) - left, Math.min(height, Math.ceil(m.d * y1 + m.f) + 1) - top];
}

/** Copy the layer of run `step` onto `ctx`, drawing it first with `draw(layerContext)` (CSS-pixel
 * coordinates, as on `ctx`) when it has none or its key changed. Returns false when no layer can
 * be made (no offscreen canvas, a rotated or unknown transform): the caller draws directly. */
export function drawLayer(ctx, spec, step, transforms, draw) {
  const m = typeof ctx.getTransform === "function" ? ctx.getTransform() : null;
  if (!m || typeof m.a !== "number" || m.b || m.c || !ctx.canvas || !(ctx.canvas.width > 0)) return false;
  let cache = layers.get(ctx);
  if (!cache) layers.set(ctx, (cache = new Map()));
  const { width, height } = ctx.canvas;
  const key = `${width}x${height}|${m.a},${m.d},${m.e},${m.f}|${spec.width}x${spec.height}@${spec.dpi}|${JSON.stringify(spec.style)}`;
  let layer = cache.get(step);
  if (!layer || layer.key !== key) {
    const at = runBox(step.run, transforms, m, width, height);
    if (at[2] <= 0 || at[3] <= 0) return true;  // none of it on the canvas
    const canvas = layerCanvas(at[2], at[3]);
    if (!canvas) return false;
    const lctx = canvas.getContext("2d");
    lctx.setTransform(m.a, 0, 0, m.d, m.e - at[0], m.f - at[1]);
    draw(lctx);
    layer = { key, canvas, at };
    cache.set(step, layer);
  }
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  ctx.drawImage(layer.canvas, layer.at[0], layer.at[1]);
  ctx.restore();
  return true;
}
