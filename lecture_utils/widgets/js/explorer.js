// The front end of every browser explorer (lecture_utils/widgets/_browser.py): native
// controls, a canvas drawn from the data Python computed for every state, a live description.
// A move looks the state up in the tables and redraws: no kernel message. The values go back
// to Python only once the student has stopped (SYNC_IDLE_MS), and never when there is no kernel.

const SYNC_IDLE_MS = 400;

/** The value of a mark's field: a constant, or {"$": key} read from the current state. */
export function resolve(value, state) {
  return value !== null && typeof value === "object" && !Array.isArray(value) && "$" in value
    ? state[value.$] : value;
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
  return state;
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

const flat = (v) => (Array.isArray(v) ? v.flat(Infinity) : [v]);
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

function drawImage(ctx, spec, m, t) {
  const rows = m.values.length, cols = rows ? m.values[0].length : 0;
  if (!rows || !cols) return;
  const cells = flat(m.values).filter((v) => v !== null && Number.isFinite(v));
  const lo = m.vmin ?? Math.min(...cells), hi = m.vmax ?? Math.max(...cells);
  const off = document.createElement("canvas");
  off.width = cols; off.height = rows;
  const octx = off.getContext("2d"), img = octx.createImageData(cols, rows), lut = spec.lut;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = m.values[r][c], k = 4 * (r * cols + c);
      if (v === null || !Number.isFinite(v)) continue;  // transparent, as matplotlib leaves a NaN
      const u = hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0;
      const hex = lut[Math.min(lut.length - 1, Math.floor(u * lut.length))];
      img.data[k] = parseInt(hex.slice(1, 3), 16);
      img.data[k + 1] = parseInt(hex.slice(3, 5), 16);
      img.data[k + 2] = parseInt(hex.slice(5, 7), 16);
      img.data[k + 3] = 255;
    }
  }
  octx.putImageData(img, 0, 0);
  const [x0, x1, y0, y1] = m.extent;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(off, t.x(x0), t.y(y1), t.x(x1) - t.x(x0), t.y(y0) - t.y(y1));
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

/** W1 (two rows), b1, W2, b2 from a network mark's packed 4h + 1 numbers (_scene_mpl.unpack). */
export function unpackNetwork(p) {
  const h = (p.length - 1) / 4;
  return { W1: [p.slice(0, h), p.slice(h, 2 * h)], b1: p.slice(2 * h, 3 * h), W2: p.slice(3 * h, 4 * h), b2: p[4 * h] };
}

/** A network mark's shaded values: σ(tanh(x W1 + b1) W2 + b2), or unit `m.unit`'s tanh, on an
 * n x n grid over m.extent (row 0 at y0, as numpy's linspace and _scene_mpl.network_grid). */
export function networkGrid(m) {
  const [x0, x1, y0, y1] = m.extent, n = m.n, { W1, b1, W2, b2 } = unpackNetwork(m.params), h = b1.length, unit = m.unit;
  const grid = (lo, hi) => Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : lo + i * ((hi - lo) / (n - 1))));
  const xs = grid(x0, x1), ys = grid(y0, y1), values = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      let v;
      if (m.output === "unit") {
        v = Math.tanh(xs[c] * W1[0][unit] + ys[r] * W1[1][unit] + b1[unit]);
      } else {
        let z = b2;
        for (let j = 0; j < h; j++) z += Math.tanh(xs[c] * W1[0][j] + ys[r] * W1[1][j] + b1[j]) * W2[j];
        const e = Math.exp(-Math.abs(z));  // as sigmoid_kernel: nothing overflows
        v = (z >= 0 ? 1 : e) / (1 + e);
      }
      values[r * n + c] = v;
    }
  }
  return { values, xs, ys };
}

/** Marching squares: the segments [[x, y], [x, y]] where `values` (row-major, row r at ys[r])
 * cross `level`, each end linearly interpolated along a cell edge (as contourpy). */
export function contourSegments(values, xs, ys, level) {
  const n = xs.length, rows = ys.length, segments = [];
  const at = (r, c) => values[r * n + c];
  const cross = (ra, ca, rb, cb) => {
    const a = at(ra, ca), b = at(rb, cb);
    if ((a > level) === (b > level)) return null;
    const t = (level - a) / (b - a);
    return [xs[ca] + t * (xs[cb] - xs[ca]), ys[ra] + t * (ys[rb] - ys[ra])];
  };
  for (let r = 0; r < rows - 1; r++) {
    for (let c = 0; c < n - 1; c++) {
      // Corners in order around the cell: edges bottom, right, top, left.
      const ends = [cross(r, c, r, c + 1), cross(r, c + 1, r + 1, c + 1), cross(r + 1, c + 1, r + 1, c),
        cross(r + 1, c, r, c)].filter((p) => p !== null);
      if (ends.length === 2) segments.push(ends);
      else if (ends.length === 4) {
        // A saddle: the cell's mean says which opposite corners the curves separate.
        const mean = (at(r, c) + at(r, c + 1) + at(r + 1, c) + at(r + 1, c + 1)) / 4;
        const low = (at(r, c) > level) === (mean > level);
        segments.push(low ? [ends[0], ends[1]] : [ends[0], ends[3]], low ? [ends[2], ends[3]] : [ends[1], ends[2]]);
      }
    }
  }
  return segments;
}

/** The part of the line w[0] x + w[1] y + b = 0 inside [x0, x1] x [y0, y1], or null. */
export function lineInBox(w0, w1, b, [x0, x1, y0, y1]) {
  const scale = Math.max(Math.abs(w0), Math.abs(w1));
  if (scale < 1e-12) return null;
  const [u, v, k] = [w0 / scale, w1 / scale, b / scale];
  const hits = [];
  const add = (x, y) => {
    const tol = 1e-9 * Math.max(x1 - x0, y1 - y0);
    if (Number.isFinite(x) && Number.isFinite(y) && x >= x0 - tol && x <= x1 + tol && y >= y0 - tol && y <= y1 + tol
      && !hits.some(([hx, hy]) => Math.abs(hx - x) <= tol && Math.abs(hy - y) <= tol)) hits.push([x, y]);
  };
  if (v !== 0) { add(x0, -(k + u * x0) / v); add(x1, -(k + u * x1) / v); }
  if (u !== 0) { add(-(k + v * y0) / u, y0); add(-(k + v * y1) / u, y1); }
  return hits.length >= 2 ? [hits[0], hits[1]] : null;
}

function drawNetwork(ctx, spec, m, t) {
  const { values, xs, ys } = networkGrid(m);
  const n = m.n, off = document.createElement("canvas");
  off.width = n; off.height = n;
  const octx = off.getContext("2d"), img = octx.createImageData(n, n), lut = m.lut;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const v = values[r * n + c], k = 4 * ((n - 1 - r) * n + c);  // image rows run from the top
      if (!Number.isFinite(v)) continue;
      const u = Math.min(1, Math.max(0, (v - m.vmin) / (m.vmax - m.vmin)));
      const hex = lut[Math.min(lut.length - 1, Math.floor(u * lut.length))];
      img.data[k] = parseInt(hex.slice(1, 3), 16);
      img.data[k + 1] = parseInt(hex.slice(3, 5), 16);
      img.data[k + 2] = parseInt(hex.slice(5, 7), 16);
      img.data[k + 3] = 255;
    }
  }
  octx.putImageData(img, 0, 0);
  const [x0, x1, y0, y1] = m.extent, pt = spec.dpi / 72;
  // Grid points are pixel centres, as matplotlib's imshow over the extent: half a cell beyond.
  const hx = (x1 - x0) / (n - 1) / 2, hy = (y1 - y0) / (n - 1) / 2;
  ctx.globalAlpha = m.alpha;
  ctx.imageSmoothingEnabled = true;  // matplotlib's interpolation="bilinear"
  ctx.drawImage(off, t.x(x0 - hx), t.y(y1 + hy), t.x(x1 + hx) - t.x(x0 - hx), t.y(y0 - hy) - t.y(y1 + hy));
  ctx.globalAlpha = 1;
  const stroke = (segments, color, widths) => {
    ctx.strokeStyle = color;
    segments.forEach(([[ax, ay], [bx, by]], i) => {
      ctx.lineWidth = (Array.isArray(widths) ? widths[i] : widths) * pt;
      ctx.beginPath(); ctx.moveTo(t.x(ax), t.y(ay)); ctx.lineTo(t.x(bx), t.y(by)); ctx.stroke();
    });
  };
  const lines = m.unit_lines, { W1, b1 } = unpackNetwork(m.params);
  if (lines) {
    const units = lines.only ? [m.unit] : b1.map((_, j) => j), segments = [], widths = [];
    for (const j of units) {
      const seg = lineInBox(W1[0][j], W1[1][j], b1[j], [xs[0], xs[n - 1], ys[0], ys[n - 1]]);
      if (seg) { segments.push(seg); widths.push(j === m.unit ? lines.highlight : lines.width); }
    }
    ctx.setLineDash([3.7 * pt, 1.6 * pt].map((d) => d * Math.max(1, widths[0] || 1)));
    stroke(segments, lines.color, widths);
    ctx.setLineDash([]);
  }
  if (m.boundary) {
    ctx.lineCap = "round";
    stroke(contourSegments(values, xs, ys, m.boundary.level), m.boundary.color, m.boundary.width);
  }
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
export function drawMark(ctx, spec, m, t) {
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
    ctx.fillStyle = m.color; ctx.strokeStyle = m.edge || m.color;
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
    ctx.fillStyle = m.fill; ctx.fillRect(x0, y0, w, h);
    if (m.edge) { ctx.globalAlpha = 1; ctx.strokeStyle = m.edge; ctx.strokeRect(x0, y0, w, h); }
  } else if (m.type === "image") {
    drawImage(ctx, spec, m, t);
  } else if (m.type === "network") {
    drawNetwork(ctx, spec, m, t);
  }
  ctx.restore();
}

/** Draw the whole scene for `state` on `ctx` (CSS-pixel coordinates). */
export function drawScene(ctx, spec, state) {
  const transforms = Object.fromEntries(spec.panels.map((p) => [p.name, transform(p, spec.width, spec.height)]));
  ctx.fillStyle = spec.style.background;
  ctx.fillRect(0, 0, spec.width, spec.height);
  for (const p of spec.panels) drawFrame(ctx, spec, p, transforms[p.name]);
  for (const mark of spec.marks) {
    const m = Object.fromEntries(Object.entries(mark).map(([k, v]) => [k, resolve(v, state)]));
    if (spec.fill && m.type === "text") m.text = fill(m.text, state);
    drawMark(ctx, spec, m, transforms[m.panel]);
  }
  for (const p of spec.panels) drawAxes(ctx, spec, p, transforms[p.name]);
}

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

/** The tables Python packed (gzip-compressed JSON in a DataView or bytes). */
export async function unpack(packed) {
  const bytes = packed instanceof DataView
    ? new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength) : new Uint8Array(packed);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text());
}

async function render({ model, el }) {
  const spec = { ...model.get("spec"), tables: await unpack(model.get("tables")) };
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
      index[c.name] = i;
      exact = false;
      draw();
      clearTimeout(timer);
      timer = setTimeout(sync, SYNC_IDLE_MS);
    });
    row.append(ui.box);
    return { c, ui };
  });

  function fromModel() {
    Object.assign(index, model.get("values"));  // the stop of each control, chosen by Python
    exact = true;
  }

  function draw() {
    const state = exact ? model.get("state") : lookup(spec, index);
    for (const { c, ui } of controls) {
      // A value Python set between stops is announced as set until the control moves.
      ui.show(index[c.name], exact ? state._readouts[c.name] : c.labels[index[c.name]]);
    }
    drawScene(ctx, spec, state);
    const text = spec.fill ? fill(state.description ?? "", state) : state.description ?? "";
    if (description.textContent !== text) description.textContent = text;
    canvas.setAttribute("aria-label", text ? `${spec.title} — ${text}` : spec.title);
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
  return () => {
    clearTimeout(timer);
    model.off("change:state", onState);
    model.off("change:error", showError);
  };
}

export default { render };
