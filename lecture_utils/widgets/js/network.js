// A one-hidden-layer tanh network's field over the plane (the "network" mark of
// lecture_utils/widgets/_scene.py): ŷ or one unit's output on a grid, the boundary where it
// crosses a level, and the units' lines, all from the few weights a state ships.
// tests/test_network_field_js.py compares these numbers with numpy's (lecture_utils.network.forward).

/** W1 (two rows), b1, W2, b2 from a network mark's packed 4h + 1 numbers (_scene_mpl.unpack). */
export function unpackNetwork(p) {
  const h = (p.length - 1) / 4;
  return { W1: [p.slice(0, h), p.slice(h, 2 * h)], b1: p.slice(2 * h, 3 * h), W2: p.slice(3 * h, 4 * h), b2: p[4 * h] };
}

/** A network mark's shaded values: σ(tanh(x W1 + b1) W2 + b2), or unit `m.unit`'s tanh, on an
 * n x n grid over m.extent (row 0 at y0, as numpy's linspace and _scene_mpl.network_grid). */
export function networkGrid(m) {
  const [x0, x1, y0, y1] = m.extent, n = m.n, { W1, b1, W2, b2 } = unpackNetwork(m.params), unit = m.unit;
  const grid = (lo, hi) => Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : lo + i * ((hi - lo) / (n - 1))));
  const xs = grid(x0, x1), ys = grid(y0, y1), values = new Float64Array(n * n);
  const units = m.output === "unit" ? [unit] : b1.map((_, j) => j), h = units.length;
  // x W1[0] per column and y W1[1] per row, once per unit: the n x n loop is left one add and one
  // tanh per unit (x w0 + y w1 + b summed in numpy's order: the numbers stay numpy's).
  const colTerms = new Float64Array(h * n), rowTerms = new Float64Array(h * n), bias = new Float64Array(h);
  const weights = new Float64Array(h);
  units.forEach((j, k) => {
    for (let i = 0; i < n; i++) { colTerms[k * n + i] = xs[i] * W1[0][j]; rowTerms[k * n + i] = ys[i] * W1[1][j]; }
    bias[k] = b1[j];
    weights[k] = W2[j];
  });
  const z = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    if (m.output === "unit") {
      for (let c = 0; c < n; c++) values[r * n + c] = Math.tanh(colTerms[c] + rowTerms[r] + bias[0]);
      continue;
    }
    z.fill(b2);
    for (let k = 0; k < h; k++) {
      const row = rowTerms[k * n + r], b = bias[k], w = weights[k], off = k * n;
      for (let c = 0; c < n; c++) z[c] += Math.tanh(colTerms[off + c] + row + b) * w;
    }
    for (let c = 0; c < n; c++) {
      const e = Math.exp(-Math.abs(z[c]));  // as sigmoid_kernel: nothing overflows
      values[r * n + c] = (z[c] >= 0 ? 1 : e) / (1 + e);
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

// A drawn field per state: its n x n picture (an offscreen canvas) and its boundary segments.
// Tables hand out the same params array for the same state, so the array's identity (an id
// given on first sight), its colour list's and the mark's other fields are the key. Bounded
// (least recently used out): 70 x 70 pixels and a boundary are ~25 KB; FIELDS_KEPT, a few MB.
const FIELDS_KEPT = 240;
const fields = new Map();
const ids = new WeakMap();
const rgbOf = new WeakMap();
let nextId = 0;

/** A colour list ["#rrggbb", ...] as bytes r, g, b per entry (parsed once per list). */
function lutBytes(lut) {
  let rgb = rgbOf.get(lut);
  if (!rgb) {
    rgb = new Uint8ClampedArray(3 * lut.length);
    lut.forEach((hex, i) => { for (let k = 0; k < 3; k++) rgb[3 * i + k] = parseInt(hex.slice(1 + 2 * k, 3 + 2 * k), 16); });
    rgbOf.set(lut, rgb);
  }
  return rgb;
}

function idOf(object) {
  if (!ids.has(object)) ids.set(object, nextId++);
  return ids.get(object);
}

function fieldKey(m) {
  return `${idOf(m.params)}|${idOf(m.lut)}|${m.output}|${m.output === "unit" ? m.unit : ""}|${m.n}|${m.extent}|${m.vmin}|${m.vmax}|${m.boundary?.level}`;
}

function offscreen(n) {
  if (typeof OffscreenCanvas !== "undefined") return new OffscreenCanvas(n, n);
  const canvas = document.createElement("canvas");
  canvas.width = n; canvas.height = n;
  return canvas;
}

/** The picture and boundary of network mark `m` (resolved), computed once per state. */
export function networkField(m) {
  const key = fieldKey(m), hit = fields.get(key);
  if (hit) {
    fields.delete(key);  // to the recent end
    fields.set(key, hit);
    return hit;
  }
  const { values, xs, ys } = networkGrid(m), n = m.n, rgb = lutBytes(m.lut), size = m.lut.length;
  const image = offscreen(n), octx = image.getContext("2d"), img = octx.createImageData(n, n), span = m.vmax - m.vmin;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const v = values[r * n + c], k = 4 * ((n - 1 - r) * n + c);  // image rows run from the top
      if (!Number.isFinite(v)) continue;
      const u = Math.min(1, Math.max(0, (v - m.vmin) / span)), i = 3 * Math.min(size - 1, Math.floor(u * size));
      img.data[k] = rgb[i]; img.data[k + 1] = rgb[i + 1]; img.data[k + 2] = rgb[i + 2]; img.data[k + 3] = 255;
    }
  }
  octx.putImageData(img, 0, 0);
  const field = { image, box: [xs[0], xs[n - 1], ys[0], ys[n - 1]],
    boundary: m.boundary ? contourSegments(values, xs, ys, m.boundary.level) : [] };
  fields.set(key, field);
  if (fields.size > FIELDS_KEPT) fields.delete(fields.keys().next().value);
  return field;
}

export function drawNetwork(ctx, spec, m, t) {
  const { image, box, boundary } = networkField(m), n = m.n;
  const [x0, x1, y0, y1] = m.extent, pt = spec.dpi / 72;
  // Grid points are pixel centres, as matplotlib's imshow over the extent: half a cell beyond.
  const hx = (x1 - x0) / (n - 1) / 2, hy = (y1 - y0) / (n - 1) / 2;
  ctx.globalAlpha = m.alpha;
  ctx.imageSmoothingEnabled = true;  // matplotlib's interpolation="bilinear"
  ctx.drawImage(image, t.x(x0 - hx), t.y(y1 + hy), t.x(x1 + hx) - t.x(x0 - hx), t.y(y0 - hy) - t.y(y1 + hy));
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
      const seg = lineInBox(W1[0][j], W1[1][j], b1[j], box);
      if (seg) { segments.push(seg); widths.push(j === m.unit ? lines.highlight : lines.width); }
    }
    ctx.setLineDash([3.7 * pt, 1.6 * pt].map((d) => d * Math.max(1, widths[0] || 1)));
    stroke(segments, lines.color, widths);
    ctx.setLineDash([]);
  }
  if (m.boundary) {
    ctx.lineCap = "round";
    // One path: the boundary is tens of short segments of one colour and width.
    ctx.strokeStyle = m.boundary.color;
    ctx.lineWidth = m.boundary.width * pt;
    ctx.beginPath();
    for (const [[ax, ay], [bx, by]] of boundary) { ctx.moveTo(t.x(ax), t.y(ay)); ctx.lineTo(t.x(bx), t.y(by)); }
    ctx.stroke();
  }
}
