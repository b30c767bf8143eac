// The SigmoidExplorer's numbers and curve computed in the browser (lecture_utils/widgets/js/sigmoid.js,
// through draw.js's lookup and fill) against numpy's: tests/test_sigmoid_js.py writes the fixture
// (SIGMOID_FIXTURE, every state of the 201 x 201 grid) and runs this with `node --test`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { drawScene, fill, lookup, unpack } from "../../lecture_utils/widgets/js/draw.js";
import { pyRound, sigmoidCurve } from "../../lecture_utils/widgets/js/sigmoid.js";

const fx = JSON.parse(readFileSync(process.env.SIGMOID_FIXTURE, "utf8"));
const spec = { ...fx.spec, tables: await unpack(Buffer.from(fx.packed, "base64")) };
const titleMark = spec.marks.find((m) => m.type === "text" && String(m.text).startsWith("J(w, b)"));

test("every state's description, warning and title read as Python's, with J as numpy's", () => {
  const [nw, nb] = [spec.controls[0].values.length, spec.controls[1].values.length];
  let worst = 0;
  for (let i = 0; i < nw; i++) {
    for (let j = 0; j < nb; j++) {
      const k = i * nb + j, state = lookup(spec, { w: i, b: j });
      assert.equal(fill(state.description, state), fx.description[k], `w stop ${i}, b stop ${j}`);
      assert.equal(fill(state.note, state), fx.note[k], `note at w stop ${i}, b stop ${j}`);
      assert.equal(fill(titleMark.text, state), fx.title[k], `title at w stop ${i}, b stop ${j}`);
      assert.equal(state.accuracy, fx.accuracy[k]);
      worst = Math.max(worst, Math.abs(state.J - fx.J[k]) / fx.J[k]);
    }
  }
  assert.ok(worst < 1e-12, `J within 1e-12 of numpy's (worst ${worst})`);
});

test("the sigmoid mark's samples are numpy's sigmoid, also for huge |w x + b|", () => {
  for (const c of fx.curves) {
    const got = sigmoidCurve(c.mark);
    assert.deepEqual(got.xs, c.xs);
    assert.equal(got.at, c.at);
    got.ys.forEach((y, i) => {
      const want = c.ys[i];
      if (want === null) assert.ok(Number.isNaN(y), `NaN at ${i} for w = ${c.mark.w}, b = ${c.mark.b}`);
      else assert.ok(Math.abs(y - want) <= 1e-12 * Math.abs(want) + 1e-300, `σ at x = ${got.xs[i]}: ${y} vs ${want}`);
    });
  }
});

test("numbers are shown as Python's format shows them, exact binary ties included", () => {
  for (const [v, d, text] of fx.rounding) assert.equal(pyRound(v, d).toFixed(d), text, `${v} to ${d} places`);
});

test("the canvas draws the curve and the threshold line", () => {
  const calls = [];
  const ctx = new Proxy({}, {
    get: (target, name) => (name in target ? target[name] : (...args) => calls.push([name, ...args])),
    set: (target, name, value) => { target[name] = value; return true; },
  });
  ctx.measureText = (text) => ({ width: 6 * String(text).length });
  const state = lookup(spec, fx.drawn.index);
  drawScene(ctx, spec, state);
  const points = calls.filter((c) => c[0] === "moveTo" || c[0] === "lineTo").map((c) => [c[1], c[2]]);
  for (const [x, y] of fx.drawn.pixels) {
    assert.ok(points.some(([px, py]) => Math.abs(px - x) < 1e-6 && Math.abs(py - y) < 1e-6), `a line through (${x}, ${y})`);
  }
  const texts = calls.filter((c) => c[0] === "fillText").map((c) => c[1]);
  for (const line of fx.drawn.texts) assert.ok(texts.includes(line), `text ${JSON.stringify(line)} drawn`);
});
