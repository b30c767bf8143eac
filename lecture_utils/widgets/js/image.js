// The image mark of lecture_utils/widgets/_scene.py: a heat map or an RGB picture, its values
// nested lists or packed by _scene.pixels, optionally with each cell's number written in it
// (as _scene_mpl.cell_labels). _frontend.py joins it into the one module anywidget loads.

// The pixels of an image mark, drawn once per values array (a move that only shifts its extent,
// as a zoom does, reuses them): values -> {key: offscreen canvas}.
const imageCache = new WeakMap();

const grids = new WeakMap();

/** An image mark's values as {rows, cols, rgb, at(r, c, ch)}: nested lists, or packed by _scene.pixels. */
export function grid(values) {
  if (grids.has(values)) return grids.get(values);
  let g;
  if (values && values.b64 !== undefined) {
    const bytes = Uint8Array.from(atob(values.b64), (ch) => ch.charCodeAt(0));
    const data = values.dtype === "uint8" ? bytes : new Float64Array(bytes.buffer);
    const [rows, cols, depth = 1] = values.shape;
    g = { rows, cols, rgb: depth === 3, at: (r, c, ch = 0) => data[(r * cols + c) * depth + ch] };
  } else {
    const rows = values.length, cols = rows ? values[0].length : 0;
    const rgb = cols > 0 && Array.isArray(values[0][0]);
    g = { rows, cols, rgb, at: (r, c, ch) => (rgb ? values[r][c][ch] : values[r][c]) };
  }
  grids.set(values, g);
  return g;
}

function imageCanvas(spec, m) {
  const g = grid(m.values), { rows, cols, rgb } = g;
  const key = `${m.cmap}|${m.vmin}|${m.vmax}`;
  let byKey = imageCache.get(m.values);
  if (!byKey) { byKey = {}; imageCache.set(m.values, byKey); }
  if (byKey[key]) return byKey[key];
  let lo = m.vmin ?? Infinity, hi = m.vmax ?? -Infinity;
  if (!rgb && (m.vmin === null || m.vmin === undefined || m.vmax === null || m.vmax === undefined)) {
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const v = g.at(r, c);
        if (v === null || !Number.isFinite(v)) continue;
        if (m.vmin === null || m.vmin === undefined) lo = Math.min(lo, v);
        if (m.vmax === null || m.vmax === undefined) hi = Math.max(hi, v);
      }
    }
  }
  const lut = (spec.luts && spec.luts[m.cmap]) || spec.lut;
  const rgbLut = lut.map((hex) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)));
  const off = document.createElement("canvas");
  off.width = cols; off.height = rows;
  const octx = off.getContext("2d"), img = octx.createImageData(cols, rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const k = 4 * (r * cols + c);
      if (rgb) {  // RGB 0-255 as they are
        for (let ch = 0; ch < 3; ch++) img.data[k + ch] = Math.max(0, Math.min(255, Math.round(g.at(r, c, ch) ?? 0)));
        img.data[k + 3] = 255;
        continue;
      }
      const v = g.at(r, c);
      if (v === null || !Number.isFinite(v)) continue;  // transparent, as matplotlib leaves a NaN
      const u = hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0;
      const [red, green, blue] = rgbLut[Math.min(lut.length - 1, Math.floor(u * lut.length))];
      img.data[k] = red; img.data[k + 1] = green; img.data[k + 2] = blue; img.data[k + 3] = 255;
    }
  }
  octx.putImageData(img, 0, 0);
  byKey[key] = { canvas: off, g, rows, cols, rgb, lo, hi };
  return byKey[key];
}

/** `%g` as Python formats it, for the numbers an annotated image writes (6 significant digits). */
export function formatG(v) {
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return String(v);
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= 6) {
    const [mant, e] = v.toExponential(5).split("e");
    const m = mant.includes(".") ? mant.replace(/0+$/, "").replace(/\.$/, "") : mant;
    const n = Number(e);
    return `${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
  }
  return String(Number(v.toPrecision(6)));
}

export function drawImage(ctx, spec, m, t, panel) {
  if (!m.values) return;
  const g0 = grid(m.values);
  if (!g0.rows || !g0.cols) return;
  const im = imageCanvas(spec, m);
  const [x0, x1, y0, y1] = m.extent;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(im.canvas, t.x(x0), t.y(y1), t.x(x1) - t.x(x0), t.y(y0) - t.y(y1));
  if (!m.annotate || im.rgb) return;
  // The cells whose centre is inside the panel (as _scene_mpl.cell_labels), white on the dark end.
  const [px0, px1] = [Math.min(...panel.xlim), Math.max(...panel.xlim)];
  const [py0, py1] = [Math.min(...panel.ylim), Math.max(...panel.ylim)];
  ctx.font = `normal ${((m.font_size ?? 8) * spec.dpi) / 72}px ${spec.style.font}`;
  ctx.textAlign = "center"; ctx.textBaseline = "middle";
  for (let r = 0; r < im.rows; r++) {
    const y = y1 + ((r + 0.5) * (y0 - y1)) / im.rows;
    if (y < py0 || y > py1) continue;
    for (let c = 0; c < im.cols; c++) {
      const x = x0 + ((c + 0.5) * (x1 - x0)) / im.cols, v = im.g.at(r, c);
      if (x < px0 || x > px1 || v === null || !Number.isFinite(v)) continue;
      const u = im.hi > im.lo ? (v - im.lo) / (im.hi - im.lo) : 0;
      ctx.fillStyle = (m.dark_end === "low" ? u < 0.5 : u > 0.5) ? "white" : "black";
      ctx.fillText(formatG(v), t.x(x), t.y(y));
    }
  }
}
