// Notebook 06's one-feature logistic model in the browser: the "sigmoid" mark of
// lecture_utils/widgets/_scene.py (ŷ = σ(w x + b) and its threshold x = −b/w) and the numbers a
// SigmoidExplorer state shows (cost J, accuracy, threshold), computed from w, b and the shipped
// training column instead of shipping them for all 201 x 201 states. Case indices (which sentence,
// which warning) come from Python's tables and are resolved here to their templates.
// tests/test_sigmoid_js.py compares every number with numpy's (lecture_utils.logistic).

/** σ(z) as lecture_utils.logistic.sigmoid_kernel: only e^(−|z|) <= 1 is computed, so nothing overflows. */
export function sigmoid(z) {
  const e = Math.exp(-Math.abs(z));
  return (z >= 0 ? 1 : e) / (1 + e);
}

/** numpy.linspace(lo, hi, n): lo + i * step, the last point exactly hi. */
export function linspace(lo, hi, n) {
  const step = (hi - lo) / (n - 1);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : lo + i * step));
}

/** x = −b/w where ŷ = ½, or null when w = 0 or it lies outside [x0, x1] (plots.SigmoidFit.threshold_visible). */
export function threshold(w, b, [x0, x1]) {
  const at = w !== 0 ? -b / w : NaN;
  return Number.isFinite(at) && x0 <= at && at <= x1 ? at + 0 : null;  // + 0: −0 becomes 0
}

/** A sigmoid mark's samples {xs, ys} and its threshold x (or null), as _scene_mpl.sigmoid_points. */
export function sigmoidCurve(m) {
  const xs = linspace(m.x_range[0], m.x_range[1], m.n);
  return { xs, ys: xs.map((x) => sigmoid(m.w * x + m.b)), at: threshold(m.w, m.b, m.x_range) };
}

/** numpy's pairwise summation (PW_BLOCKSIZE 128, eight accumulators), so a mean is numpy's to the last bits. */
export function pairwiseSum(a, lo = 0, n = a.length) {
  if (n < 8) {
    let s = -0;
    for (let i = lo; i < lo + n; i++) s += a[i];
    return s;
  }
  if (n <= 128) {
    const r = a.slice(lo, lo + 8);
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[lo + i + j];
    let s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++) s += a[lo + i];
    return s;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, lo, n2) + pairwiseSum(a, lo + n2, n - n2);
}

/** `v` so that v.toFixed(d) reads as Python's format(v, f".{d}f"): they differ only on exact binary
 * ties (v = odd / 2^(d+1), e.g. 0.125), which Python rounds to even and toFixed away from zero. */
export function pyRound(v, d) {
  const scaled = v * 2 ** (d + 1);
  if (!Number.isFinite(v) || !Number.isInteger(scaled) || Math.abs(scaled) % 2 !== 1) return v;
  const n = v * 10 ** d, low = Math.floor(n);  // exact: n is a half-integer
  return (low % 2 === 0 ? low : low + 1) / 10 ** d;
}

/** Cost J (lecture_utils.logistic.cost), accuracy in % and the threshold of w, b on the data {x, y, x_range}. */
export function logisticNumbers(data, w, b) {
  const { x, y } = data, n = x.length, terms = new Float64Array(n);
  let right = 0;
  for (let k = 0; k < n; k++) {
    const z = w * x[k] + b;
    // ln(1 + e^z) − y z = max((1 − 2y) z, 0) + ln(1 + e^−|z|): exact for every z (logistic._cost_from_logits)
    terms[k] = Math.max((1 - 2 * y[k]) * z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    if ((z >= 0) === (y[k] === 1)) right += 1;
  }
  const t = threshold(w, b, data.x_range);
  return { J: pyRound(pairwiseSum(terms) / n, 3), accuracy: 100 * (right / n), t: t === null ? null : pyRound(t, 2) };
}

/** The state a move shows: the logistic numbers of its w and b (spec.logistic) and each case index
 * (spec.cases: {key: [template, ...]}) replaced by its template. Other explorers' states pass unchanged. */
export function deriveState(spec, state) {
  const data = spec.logistic;
  if (data) Object.assign(state, logisticNumbers(data, state[data.w], state[data.b]));
  for (const [key, templates] of Object.entries(spec.cases || {})) {
    if (typeof state[key] === "number") state[key] = templates[state[key]];
  }
  return state;
}

/** Draw a sigmoid mark (refs resolved) in its panel's transform `t`. */
export function drawSigmoid(ctx, spec, m, t) {
  const pt = spec.dpi / 72, { xs, ys, at } = sigmoidCurve(m);
  if (m.threshold && at !== null) {
    ctx.strokeStyle = m.threshold.color;
    ctx.lineWidth = m.threshold.width * pt;
    ctx.setLineDash((m.threshold.dash || []).map((d) => d * m.threshold.width * pt));
    ctx.beginPath(); ctx.moveTo(t.x(at), t.top); ctx.lineTo(t.x(at), t.top + t.height); ctx.stroke();
    ctx.setLineDash([]);
  }
  ctx.strokeStyle = m.color;
  ctx.lineWidth = m.width * pt;
  ctx.beginPath();
  let pen = false;
  xs.forEach((x, i) => {
    if (!Number.isFinite(ys[i])) { pen = false; return; }
    if (pen) ctx.lineTo(t.x(x), t.y(ys[i])); else ctx.moveTo(t.x(x), t.y(ys[i]));
    pen = true;
  });
  ctx.stroke();
}
