// The drawing layer of the browser explorers: a scene (panels and marks, widgets/_scene.py)
// drawn on a canvas 2-D context from a state (a table row, widgets/_browser.py). It needs no
// DOM but the context (a heat map also makes an offscreen canvas), so node tests it
// (tests/js/explorer.test.mjs). _frontend.py joins network.js, this
// file and explorer.js into the one module anywidget loads.
import { deriveDescent, warmDescent } from "./descent.js";
import { drawImage } from "./image.js";
import { drawLayer, drawingSteps } from "./layer.js";
import { drawNetwork, networkField } from "./network.js";
import { pyFormat } from "./pyformat.js";
import { deriveSecant } from "./secant.js";
import { deriveState, drawSigmoid } from "./sigmoid.js";

/** The value of a mark's field: a constant, or {"$": key} read from the current state. */
export function resolve(value, state) {
  return value !== null && typeof value === "object" && !Array.isArray(value) && "$" in value
    ? state[value.$] : value;
}

/** spec.derive -> (spec, index, looked-up state) => the keys an explorer computes in the browser. */
export const DERIVE = { descent: deriveDescent, secant: (spec, index, state) => deriveSecant(state) };
/** spec.derive -> (spec) => work a later move would need, done once the picture is shown (explorer.js). */
export const WARM = { descent: warmDescent };

/** mark type -> (resolved mark) => the costly, cached part of drawing it (js/network.js's field per
 * state), done ahead for a state the student may move to next (prepareScene). */
const PREPARE = { network: networkField };

/** Whether any mark of the scene has work prepareScene can do ahead. */
export function preparable(spec) {
  return spec.marks.some((m) => m.type in PREPARE);
}

/** Do the cached part of drawing `state` now (while the page is idle), so a move there only blits. */
export function prepareScene(spec, state) {
  for (const mark of spec.marks) {
    if (mark.type in PREPARE) PREPARE[mark.type](Object.fromEntries(Object.entries(mark).map(([k, v]) => [k, resolve(v, state)])));
  }
}

/** Every table's row for the stops in `index` ({control name: stop index}), merged. */
export function lookup(spec, index) {
  const sizes = Object.fromEntries(spec.controls.map((c) => [c.name, c.values.length]));
  const state = {};
  for (const table of spec.tables) {
    let flat = 0;
    for (const name of table.depends) flat = flat * sizes[name] + index[name];
    for (const [key, column] of Object.entries(table.data)) state[key] = column[flat];
  }
  // Keys computed here from the stops, not shipped (too many states): spec.derive names how;
  // spec.logistic and spec.cases (sigmoid.js) fill numbers and case templates.
  if (spec.derive) Object.assign(state, DERIVE[spec.derive](spec, index, state));
  return deriveState(spec, state);
}

/** `template` with {key} / {key:spec} replaced from `state`, as Python's str.format for the
 * specs "", "d", ".Nf" and "+.Nf" (_scene.fill); "{{" and "}}" are braces. */
export function fill(template, state) {
  if (typeof template !== "string") return template;
  return template.replace(/\{\{|\}\}|\{(\w+)(?::([^}]*))?\}/g, (all, key, fmt) => {
    if (all === "{{") return "{";
    if (all === "}}") return "}";
    const v = state[key];
    const f = /^(\+?)\.(\d+)f$/.exec(fmt || "");
    if (f && typeof v === "number") {
      const text = v.toFixed(Number(f[2]));
      return f[1] && !text.startsWith("-") ? `+${text}` : text;
    }
    const py = pyFormat(v, fmt || "");  // ".10g", ".1e": Python's digits (js/pyformat.js)
    if (py !== null) return py;
    return String(v);
  });
}

/** A panel's data -> canvas pixel transform (CSS pixels; y grows downwards). */
export function transform(panel, width, height) {
  const [l, b, w, h] = panel.rect;
  const left = l * width, top = height - (b + h) * height, pw = w * width, ph = h * height;
  const [x0, x1] = panel.xlim, [y0, y1] = panel.ylim;
  return {
    left, top, width: pw, height: ph,
    x: (x) => left + ((x - x0) / (x1 - x0)) * pw,
    y: (y) => top + (1 - (y - y0) / (y1 - y0)) * ph,
    ax: (u) => left + u * pw,
    ay: (v) => top + (1 - v) * ph,
  };
}

// A flat array as it is: Array.flat(Infinity) walks it element by element (0.5 ms for 300 numbers).
const flat = (v) => (!Array.isArray(v) ? [v] : v.some(Array.isArray) ? v.flat(Infinity) : v);
const ALIGN = { left: "left", center: "center", right: "right" };
const BASELINE = { top: "top", center: "middle", bottom: "bottom", baseline: "alphabetic" };

/** Text with newlines as matplotlib sets it: lines 1.2 font sizes apart, the block aligned as one. */
function fillLines(ctx, text, x, y, size) {
  const lines = String(text).split("\n"), step = 1.2 * size;
  const shift = ctx.textBaseline === "top" ? 0 : ctx.textBaseline === "middle" ? (lines.length - 1) / 2 : lines.length - 1;
  lines.forEach((line, k) => ctx.fillText(line, x, y + (k - shift) * step));
}

function font(spec, points, weight = "normal") {
  return `${weight} ${(points * spec.dpi) / 72}px ${spec.style.font}`;
}

function drawFrame(ctx, spec, p, t) {
  const pt = spec.dpi / 72;
  ctx.fillStyle = spec.style.background;
  ctx.fillRect(t.left, t.top, t.width, t.height);
  ctx.lineWidth = 0.8 * pt;
  if (p.grid) {
    ctx.strokeStyle = spec.style.grid;
    ctx.beginPath();
    p.xticks.forEach((v) => { ctx.moveTo(t.x(v), t.top); ctx.lineTo(t.x(v), t.top + t.height); });
    p.yticks.forEach((v) => { ctx.moveTo(t.left, t.y(v)); ctx.lineTo(t.left + t.width, t.y(v)); });
    ctx.stroke();
  }
  ctx.strokeStyle = "black";
  if (p.zero_lines) {
    ctx.beginPath();
    ctx.moveTo(t.left, t.y(0)); ctx.lineTo(t.left + t.width, t.y(0));
    ctx.moveTo(t.x(0), t.top); ctx.lineTo(t.x(0), t.top + t.height);
    ctx.stroke();
  }
}

function drawAxes(ctx, spec, p, t) {
  const pt = spec.dpi / 72, tick = 3.5 * pt, pad = 3.5 * pt;
  ctx.strokeStyle = "black";
  ctx.lineWidth = 0.8 * pt;
  const right = t.left + t.width, bottom = t.top + t.height, sides = p.spines;
  ctx.beginPath();
  if (sides.includes("left")) { ctx.moveTo(t.left, t.top); ctx.lineTo(t.left, bottom); }
  if (sides.includes("right")) { ctx.moveTo(right, t.top); ctx.lineTo(right, bottom); }
  if (sides.includes("bottom")) { ctx.moveTo(t.left, bottom); ctx.lineTo(right, bottom); }
  if (sides.includes("top")) { ctx.moveTo(t.left, t.top); ctx.lineTo(right, t.top); }
  ctx.stroke();
  ctx.fillStyle = "black";
  ctx.font = font(spec, spec.style.tick_size);
  ctx.beginPath();
  ctx.textAlign = "center"; ctx.textBaseline = "top";
  p.xticks.forEach((v, i) => {
    const x = t.x(v), y = t.top + t.height;
    ctx.moveTo(x, y); ctx.lineTo(x, y + tick);
    fillLines(ctx, p.xticklabels[i], x, y + tick + pad, spec.style.tick_size * pt);
  });
  ctx.textAlign = "right"; ctx.textBaseline = "middle";
  p.yticks.forEach((v, i) => {
    const y = t.y(v);
    ctx.moveTo(t.left, y); ctx.lineTo(t.left - tick, y);
    ctx.fillText(p.yticklabels[i], t.left - tick - pad, y);
  });
  ctx.stroke();
  ctx.font = font(spec, spec.style.font_size);
  if (p.xlabel) {
    ctx.textAlign = "center"; ctx.textBaseline = "top";
    const rows = Math.max(1, ...p.xticklabels.map((l) => l.split("\n").length));
    ctx.fillText(p.xlabel, t.left + t.width / 2, t.top + t.height + tick + 2 * pad + 12 * pt * rows);
  }
  if (p.ylabel) {
    ctx.save();
    ctx.translate(t.left - tick - 2 * pad - 22 * pt, t.top + t.height / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = "center"; ctx.textBaseline = "bottom";
    ctx.fillText(p.ylabel, 0, 0);
    ctx.restore();
  }
  if (p.title) {
    ctx.font = font(spec, spec.style.title_size);
    ctx.textAlign = "center"; ctx.textBaseline = "bottom";
    ctx.fillText(p.title, t.left + t.width / 2, t.top - 6 * pt);
  }
}

function path(ctx, xs, ys, t) {
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    if (xs[i] === null || ys[i] === null || !Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) {
      pen = false;
      continue;
    }
    if (pen) ctx.lineTo(t.x(xs[i]), t.y(ys[i]));
    else ctx.moveTo(t.x(xs[i]), t.y(ys[i]));
    pen = true;
  }
}

function drawText(ctx, spec, m, t) {
  if (m.text === null || m.text === undefined || m.text === "") return;
  const pt = spec.dpi / 72;
  const x = m.coords === "axes" ? t.ax(m.x) : t.x(m.x), y = m.coords === "axes" ? t.ay(m.y) : t.y(m.y);
  ctx.font = font(spec, m.size, m.weight);
  ctx.textAlign = ALIGN[m.ha] || "center";
  ctx.textBaseline = BASELINE[m.va] || "middle";
  const lines = String(m.text).split("\n");
  if (m.box) {
    const w = Math.max(...lines.map((l) => ctx.measureText(l).width)), h = m.size * pt * (1.2 * lines.length - 0.2);
    const pad = 0.3 * m.size * pt;
    const left = ctx.textAlign === "center" ? x - w / 2 : ctx.textAlign === "right" ? x - w : x;
    const top = ctx.textBaseline === "top" ? y : ctx.textBaseline === "bottom" ? y - h : y - h / 2;
    ctx.fillStyle = "rgba(255,255,255,0.9)";
    ctx.strokeStyle = m.box;
    ctx.lineWidth = pt;
    ctx.beginPath();
    ctx.roundRect(left - pad, top - pad, w + 2 * pad, h + 2 * pad, pad);
    ctx.fill();
    ctx.stroke();
  }
  ctx.fillStyle = m.color;
  fillLines(ctx, m.text, x, y, m.size * pt);
}

function marker(ctx, shape, x, y, r) {
  ctx.beginPath();
  if (shape === "^") {
    ctx.moveTo(x, y - r); ctx.lineTo(x + r * 0.866, y + r * 0.5); ctx.lineTo(x - r * 0.866, y + r * 0.5); ctx.closePath();
  } else if (shape === "s") {
    ctx.rect(x - r * 0.8, y - r * 0.8, 1.6 * r, 1.6 * r);
  } else {
    ctx.arc(x, y, r, 0, 2 * Math.PI);
  }
  ctx.fill(); ctx.stroke();
}

/** Draw one mark (its refs already resolved) in its panel. */
export function drawMark(ctx, spec, m, t, panel) {
  const pt = spec.dpi / 72;
  ctx.save();
  if (m.type !== "text") {
    ctx.beginPath();
    ctx.rect(t.left, t.top, t.width, t.height);
    ctx.clip();
  }
  ctx.globalAlpha = m.alpha ?? 1;
  if (m.type === "line") {
    ctx.strokeStyle = m.color; ctx.lineWidth = m.width * pt;
    ctx.setLineDash((m.dash || []).map((d) => d * m.width * pt));
    ctx.beginPath();
    if (m.coords === "axes") path(ctx, flat(m.x), flat(m.y), { x: t.ax, y: t.ay });
    else path(ctx, flat(m.x), flat(m.y), t);
    ctx.stroke();
  } else if (m.type === "area") {
    ctx.beginPath(); path(ctx, flat(m.x), flat(m.y), t); ctx.closePath();
    ctx.fillStyle = m.fill; ctx.fill();
    if (m.edge) { ctx.globalAlpha = 1; ctx.strokeStyle = m.edge; ctx.lineWidth = m.width * pt; ctx.stroke(); }
  } else if (m.type === "points") {
    const xs = flat(m.x), ys = flat(m.y);
    // The edge 1 pt wide, matplotlib's markeredgewidth (not whatever width was drawn last).
    ctx.fillStyle = m.color; ctx.strokeStyle = m.edge || m.color; ctx.lineWidth = pt;
    xs.forEach((x, i) => {
      if (x === null || ys[i] === null) return;
      marker(ctx, m.shape, t.x(x), t.y(ys[i]), (m.size * pt) / 2);
    });
  } else if (m.type === "text") {
    drawText(ctx, spec, m, t);
  } else if (m.type === "arrow") {
    if ([m.x, m.y, m.dx, m.dy].every((v) => v !== null && Number.isFinite(v)) && (m.dx || m.dy)) {
      const x0 = t.x(m.x), y0 = t.y(m.y), x1 = t.x(m.x + m.dx), y1 = t.y(m.y + m.dy);
      const a = Math.atan2(y1 - y0, x1 - x0), head = 8 * pt;
      ctx.strokeStyle = ctx.fillStyle = m.color; ctx.lineWidth = m.width * pt;
      ctx.beginPath(); ctx.moveTo(x0, y0); ctx.lineTo(x1 - head * 0.8 * Math.cos(a), y1 - head * 0.8 * Math.sin(a));
      ctx.stroke();
      ctx.beginPath(); ctx.moveTo(x1, y1);
      ctx.lineTo(x1 - head * Math.cos(a - 0.35), y1 - head * Math.sin(a - 0.35));
      ctx.lineTo(x1 - head * Math.cos(a + 0.35), y1 - head * Math.sin(a + 0.35));
      ctx.closePath(); ctx.fill();
    }
  } else if (m.type === "rect") {
    const x0 = t.x(m.x), y0 = t.y(m.y + m.h), w = t.x(m.x + m.w) - x0, h = t.y(m.y) - y0;
    if (m.fill) { ctx.fillStyle = m.fill; ctx.fillRect(x0, y0, w, h); }
    if (m.edge) {
      ctx.globalAlpha = 1; ctx.strokeStyle = m.edge; ctx.lineWidth = (m.width ?? 1) * pt;
      ctx.strokeRect(x0, y0, w, h);
    }
  } else if (m.type === "image") {
    drawImage(ctx, spec, m, t, panel);
  } else if (m.type === "network") {
    drawNetwork(ctx, spec, m, t);
  } else if (m.type === "sigmoid") {
    drawSigmoid(ctx, spec, m, t);
  }
  ctx.restore();
}

function fillText(spec, m, state) {
  return spec.fill && m.type === "text" ? { ...m, text: fill(m.text, state) } : m;
}

/** Draw the whole scene for `state` on `ctx` (CSS-pixel coordinates). */
export function drawScene(ctx, spec, state) {
  const steps = drawingSteps(spec);
  // A panel's limits and ticks may be read from the state (_scene.moving), as a mark's fields are.
  const resolved = spec.panels.map((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, resolve(v, state)])));
  const scene = { ...spec, panels: resolved };
  const transforms = Object.fromEntries(resolved.map((p) => [p.name, transform(p, spec.width, spec.height)]));
  const panels = Object.fromEntries(resolved.map((p) => [p.name, p]));
  ctx.fillStyle = spec.style.background;
  ctx.fillRect(0, 0, spec.width, spec.height);
  for (const p of resolved) drawFrame(ctx, scene, p, transforms[p.name]);
  for (const step of steps) {
    if (step.layer && drawLayer(ctx, scene, step, transforms, (lctx) => {
      for (const mark of step.run) drawMark(lctx, scene, fillText(spec, mark, {}), transforms[mark.panel], panels[mark.panel]);
    })) continue;
    for (const mark of step.run || [step.mark]) {
      const m = Object.fromEntries(Object.entries(mark).map(([k, v]) => [k, resolve(v, state)]));
      drawMark(ctx, scene, fillText(spec, m, state), transforms[m.panel], panels[m.panel]);
    }
  }
  for (const p of resolved) drawAxes(ctx, scene, p, transforms[p.name]);
}

/** The tables Python packed (gzip-compressed JSON in a DataView or bytes). */
export async function unpack(packed) {
  const bytes = packed instanceof DataView
    ? new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength) : new Uint8Array(packed);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text());
}
