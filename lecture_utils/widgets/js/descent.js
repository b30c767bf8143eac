// Gradient descent on notebook 05's surfaces, run in the browser (GradientDescentExplorer,
// lecture_utils/widgets/optim.py): the surfaces' J and gradient, the update loop and its stop
// verdict as lecture_utils.optim.gradient_descent decides them, and the words it says (Python's
// templates filled with numbers formatted as Python formats them). The controls reach
// 3 x 71 x 61 x 61 x 200 settings: too many to ship, cheap to run.
// tests/test_descent_js.py compares every number and word with numpy's on fixtures.
import { drawImage } from "./image.js";

/** J(x, y) and its gradient, operation for operation as lecture_utils/surfaces.py (so the same doubles). */
export const SURFACES = {
  "round bowl": {
    f: (x, y) => x * x + y * y,
    grad: (x, y) => [2.0 * x, 2.0 * y],
  },
  "narrow valley": {
    f: (x, y) => 0.1 * (x * x) + 2.0 * (y * y),
    grad: (x, y) => [0.2 * x, 4.0 * y],
  },
  "two minima": {
    f: (x, y) => { const a = x * x - 1.0; return a * a + 0.3 * x + y * y; },
    grad: (x, y) => [4.0 * x * (x * x - 1.0) + 0.3, 2.0 * y],
  },
};

const BLOWUP = 1e8;  // lecture_utils.optim.BLOWUP

function surfaceOf(name) {
  const s = SURFACES[name];
  if (!s) throw new Error(`descent.js knows no surface ${JSON.stringify(name)}`);
  return s;
}

/** Euclidean norm that cannot overflow, as optim._norm: the largest entry scaled out first. */
export function norm2(a, b) {
  const big = Math.max(Math.abs(a), Math.abs(b));
  if (big === 0 || !Number.isFinite(big)) return big;
  const u = a / big, v = b / big;
  return big * Math.sqrt(u * u + v * v);
}

// ---- numbers as Python's format() writes them -------------------------------------------

/** The exact decimal digits of a finite |v| > 0: v = digits x 10^exp10 (digits a string of a BigInt). */
function exactDecimal(v) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(v));
  const hi = view.getUint32(0), lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2;
  if (biased === 0) e2 = -1074;
  else { mant |= 1n << 52n; e2 = biased - 1075; }
  if (e2 >= 0) return { digits: (mant << BigInt(e2)).toString(), exp10: 0 };
  return { digits: (mant * 5n ** BigInt(-e2)).toString(), exp10: e2 };  // m 2^e = m 5^-e 10^e
}

/** The first `keep` digits of `digits` rounded half to even (Python's rounding of the exact value);
 * returns the kept digits (one more when 99.. carried into a new leading 1). */
function roundDigits(digits, keep) {
  if (keep >= digits.length) return digits + "0".repeat(keep - digits.length);
  if (keep < 0) return "";
  const head = digits.slice(0, keep), rest = digits.slice(keep);
  const first = rest[0], tail = rest.slice(1).replace(/0+$/, "");
  const lastOdd = keep > 0 && Number(head[keep - 1]) % 2 === 1;
  const up = first > "5" || (first === "5" && (tail.length > 0 || lastOdd));
  if (!up) return keep > 0 ? head : "";
  const n = (keep > 0 ? BigInt(head) : 0n) + 1n;
  const s = n.toString();
  return s.length > keep ? s : s.padStart(keep, "0");
}

function special(v) {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  return null;
}

const negative = (v) => v < 0 || Object.is(v, -0);

/** format(v, f".{decimals}f") */
export function formatFixed(v, decimals) {
  const s = special(v);
  if (s !== null) return s;
  const sign = negative(v) ? "-" : "";
  let body;
  if (v === 0) body = "0";
  else {
    const { digits, exp10 } = exactDecimal(v);
    const keep = digits.length + exp10 + decimals;  // digits down to 10^-decimals
    body = roundDigits(digits, keep) || "0";
  }
  body = body.replace(/^0+(?=\d)/, "");
  if (body.length <= decimals) body = body.padStart(decimals + 1, "0");
  const whole = body.slice(0, body.length - decimals), frac = body.slice(body.length - decimals);
  return sign + whole + (decimals > 0 ? `.${frac}` : "");
}

/** format(v, f".{precision}g") (format(v, "g") is precision 6) */
export function formatGeneral(v, precision = 6) {
  const s = special(v);
  if (s !== null) return s;
  const p = Math.max(1, precision), sign = negative(v) ? "-" : "";
  if (v === 0) return `${sign}0`;
  const { digits, exp10 } = exactDecimal(v);
  let kept = roundDigits(digits, p);
  let exp = digits.length - 1 + exp10;
  if (kept.length > p) { exp += 1; kept = kept.slice(0, p); }
  let text;
  if (exp >= -4 && exp < p) {
    text = exp >= 0 ? `${kept.slice(0, exp + 1)}.${kept.slice(exp + 1)}` : `0.${"0".repeat(-exp - 1)}${kept}`;
    if (text.includes(".")) text = text.replace(/0+$/, "").replace(/\.$/, "");
  } else {
    let mantissa = kept.length > 1 ? `${kept[0]}.${kept.slice(1)}` : kept;
    if (mantissa.includes(".")) mantissa = mantissa.replace(/0+$/, "").replace(/\.$/, "");
    text = `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return sign + text;
}

/** str(v) of a float that is inf or NaN (the only costs that stop a run as "the cost became ..."). */
const pyRepr = (v) => special(v) ?? formatGeneral(v, 17);

// ---- the descent ------------------------------------------------------------------------

/** gradient_descent(surface.grad, [x0, y0], learningRate, maxSteps, tol, f=surface.f), as numpy runs it:
 * {xs, ys, values, steps, converged, diverged, lastChange, reason}. */
export function descend(surface, x0, y0, learningRate, maxSteps, tol) {
  const { f, grad } = surfaceOf(surface);
  const limit = BLOWUP * Math.max(1.0, norm2(x0, y0));
  const xs = [x0], ys = [y0];
  const v0 = f(x0, y0), values = [v0];
  let reason = Number.isFinite(v0) ? null : `the cost f(x0) is ${pyRepr(v0)}`;
  let x = x0, y = y0, change = NaN;
  while (reason === null && xs.length - 1 < maxSteps) {
    const [gx, gy] = grad(x, y);
    if (!Number.isFinite(gx) || !Number.isFinite(gy)) {
      reason = `the gradient became infinite or NaN at step ${xs.length - 1}`;
      break;
    }
    if (Math.max(Math.abs(gx), Math.abs(gy)) > limit / learningRate) {
      reason = `a step would move x by more than ${formatGeneral(limit, 2)}`;
      break;
    }
    const sx = learningRate * gx, sy = learningRate * gy, nx = x - sx, ny = y - sy;
    if (!Number.isFinite(nx) || !Number.isFinite(ny)) {
      reason = `x became infinite at step ${xs.length}`;
      break;
    }
    if (norm2(nx, ny) > limit) {
      const v = f(nx, ny);
      if (Number.isFinite(v)) { xs.push(nx); ys.push(ny); values.push(v); }
      reason = `x grew beyond size ${formatGeneral(limit, 2)}`;
      break;
    }
    const v = f(nx, ny);
    if (!Number.isFinite(v)) {
      reason = `the cost became ${pyRepr(v)}`;
      break;
    }
    values.push(v);
    change = norm2(sx, sy);
    x = nx; y = ny;
    xs.push(x); ys.push(y);
    if (change < tol) break;
  }
  const steps = xs.length - 1, diverged = reason !== null;
  return { xs, ys, values, steps, diverged, converged: !diverged && steps > 0 && change < tol,
    lastChange: change, reason, learningRate, maxSteps, tol };
}

const costGrew = (r) => r.steps > 0 && r.values[r.steps] > r.values[0] + 1e-9 * Math.abs(r.values[0]);

function zigzags(r) {
  const k = r.xs.length;
  if (k < 3) return false;
  const ax = r.xs[k - 2] - r.xs[k - 3], ay = r.ys[k - 2] - r.ys[k - 3];
  const bx = r.xs[k - 1] - r.xs[k - 2], by = r.ys[k - 1] - r.ys[k - 2];
  return ax * bx + ay * by < 0;
}

/** GDResult.outcome(lowest, left), with the variant the words depend on: "diverging" says whether
 * the cost grew or the path left, "moving" whether it zig-zags. `lowest` null: no local minimum. */
export function outcome(r, lowest = null, left = false) {
  const v = r.values, last = v[r.steps];
  if (r.diverged) return r.steps === 0 ? "stopped" : "diverged";
  if (r.converged) return lowest !== null && last > lowest + 1e-6 ? "converged-local" : "converged";
  if (r.steps === 0) return "no steps";
  if (left || costGrew(r)) return costGrew(r) ? "diverging-cost" : "diverging-left";
  if (last >= v[0]) return "stuck";
  return zigzags(r) ? "moving-zigzag" : "moving";
}

/** plots.clip_path(path, xlim, ylim): the points up to where the path leaves the view enlarged by
 * one view size, the last moved onto that box; and whether it left. */
export function clipPath(xs, ys, [x0, x1], [y0, y1]) {
  const mx = x1 - x0, my = y1 - y0, lo = [x0 - mx, y0 - my], hi = [x1 + mx, y1 + my];
  const inside = (i) => Number.isFinite(xs[i]) && Number.isFinite(ys[i]) && xs[i] >= lo[0] && xs[i] <= hi[0]
    && ys[i] >= lo[1] && ys[i] <= hi[1];
  let k = 0;
  while (k < xs.length && inside(k)) k++;
  if (k === xs.length) return { xs: xs.slice(), ys: ys.slice(), left: false };
  if (k === 0) return { xs: [], ys: [], left: true };
  const a = [xs[k - 1], ys[k - 1]], b = [xs[k], ys[k]];
  if (!Number.isFinite(b[0]) || !Number.isFinite(b[1])) return { xs: xs.slice(0, k), ys: ys.slice(0, k), left: true };
  const d = [b[0] - a[0], b[1] - a[1]];
  let t = 1.0;
  for (let i = 0; i < 2; i++) {
    if (d[i] > 0) t = Math.min(t, (hi[i] - a[i]) / d[i]);
    else if (d[i] < 0) t = Math.min(t, (lo[i] - a[i]) / d[i]);
  }
  return { xs: [...xs.slice(0, k), a[0] + t * d[0]], ys: [...ys.slice(0, k), a[1] + t * d[1]], left: true };
}

// ---- the explorer's state ---------------------------------------------------------------

const plural = (n) => `${n} step${n === 1 ? "" : "s"}`;

/** Every key GradientDescentExplorer's picture and description read that depends on all the controls:
 * the run at these settings (`settings`: surface, learning_rate, x0, y0, steps) on `state`'s surface
 * table (lowest, map_xlim, map_ylim, star offsets), with `words` (spec.descent: templates, colours). */
export function descentState(settings, state, words) {
  const { surface, learning_rate: lr, x0, y0, steps } = settings;
  const r = descend(surface, x0, y0, lr, steps, words.tol);
  const clipped = clipPath(r.xs, r.ys, state.map_xlim, state.map_ylim);
  const summary = outcome(r, state.lowest, clipped.left), status = outcome(r);
  const J = r.values[r.steps], [lo, hi] = words.gap;
  const ends = clipped.left ? [] : [clipped.xs[clipped.xs.length - 1], clipped.ys[clipped.ys.length - 1]];
  return {
    path_x: clipped.xs, path_y: clipped.ys, start_x: clipped.xs.slice(0, 1), start_y: clipped.ys.slice(0, 1),
    star_x: ends.length ? state.star_dx.map((d) => ends[0] + d) : [],
    star_y: ends.length ? state.star_dy.map((d) => ends[1] + d) : [],
    cost_x: r.values.map((_, i) => i),
    cost_y: r.values.map((v) => Math.log10(Math.min(hi, Math.max(lo, v - state.lowest)))),
    cost_end_x: [r.steps], cost_end_y: [Math.log10(Math.min(hi, Math.max(lo, J - state.lowest)))],
    summary_kind: summary, status_kind: status,
    title: words.title[summary], title_color: words.bad_news.includes(summary) ? words.bad : words.good,
    note: clipped.left ? (r.diverged ? "diverged - the path left the map" : "the path left the map") : "",
    cost_note: J - state.lowest > hi ? "cost beyond the top of the plot" : "",
    description: `${words.head[summary]} ${words.status[status]}`,
    name: surface, n: plural(r.steps), lr3: formatGeneral(lr, 3), lrg: formatGeneral(lr), x0s: formatFixed(x0, 1),
    y0s: formatFixed(y0, 1), J4: formatGeneral(J, 4), v04: formatGeneral(r.values[0], 4),
    low4: formatGeneral(state.lowest, 4), change2: formatGeneral(r.lastChange, 2), tolg: formatGeneral(r.tol),
    max_steps: String(steps), reason: r.reason ?? "",
  };
}

/** The keys of spec.derive "descent" for the stops in `index` (draw.js lookup). */
export function deriveDescent(spec, index, state) {
  const settings = Object.fromEntries(spec.controls.map((c) => [c.name, c.values[index[c.name]]]));
  return descentState(settings, state, spec.descent);
}

/** Decode every surface's map (an image mark's pixels) into its offscreen canvas while the page is idle,
 * so that a first switch of surface redraws from the cache as every later one does (image.js caches
 * per pixels object, and the tables hand out the same object per surface). */
export function warmDescent(spec) {
  const idle = { drawImage() {}, imageSmoothingEnabled: false };
  const at = { x: () => 0, y: () => 0 };
  for (const mark of spec.marks.filter((m) => m.type === "image" && m.values && "$" in m.values)) {
    for (const table of spec.tables) {
      for (const values of table.data[mark.values.$] ?? []) drawImage(idle, spec, { ...mark, values, extent: [0, 1, 0, 1] }, at, null);
    }
  }
}
