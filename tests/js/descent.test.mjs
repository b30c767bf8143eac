// The browser's gradient descent (lecture_utils/widgets/js/descent.js) against numpy's: tests/test_descent_js.py
// writes the fixture (DESCENT_FIXTURE: numpy's runs, Python's formatted numbers, the explorer's spec,
// tables and states) and runs this with `node --test`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { descend, formatFixed, formatGeneral } from "../../lecture_utils/widgets/js/descent.js";
import { lookup, unpack } from "../../lecture_utils/widgets/js/draw.js";

const fx = JSON.parse(readFileSync(process.env.DESCENT_FIXTURE, "utf8"));
const RTOL = fx.rtol;

function close(got, want, what) {
  if (want === null) {  // JSON's null is numpy's NaN or infinity
    assert.ok(got === null || !Number.isFinite(got), `${what}: ${got}, numpy has NaN/inf`);
    return;
  }
  assert.ok(Number.isFinite(got), `${what}: ${got}, numpy has ${want}`);
  const scale = Math.max(Math.abs(want), 1e-300);
  assert.ok(Math.abs(got - want) <= RTOL * scale, `${what}: ${got} vs numpy ${want}`);
}

/** Every number of `got` within RTOL of `want`, every string equal, same shapes. */
function same(got, want, what) {
  if (Array.isArray(want)) {
    assert.ok(Array.isArray(got), `${what}: ${JSON.stringify(got)?.slice(0, 80)} is not a list`);
    assert.equal(got.length, want.length, `${what}: length`);
    want.forEach((w, i) => same(got[i], w, `${what}[${i}]`));
  } else if (typeof want === "number" || want === null) {
    close(got, want, what);
  } else {
    assert.deepEqual(got, want, what);
  }
}

test("every run takes numpy's steps: each iterate, each J, the verdict", () => {
  assert.ok(fx.runs.length >= 100);
  for (const run of fx.runs) {
    const { surface, x0, y0, learning_rate: lr, max_steps: steps } = run.input;
    const what = `${surface} α=${lr} start (${x0}, ${y0}) ${steps} steps`;
    const got = descend(surface, x0, y0, lr, steps, run.input.tol);
    assert.equal(got.steps, run.steps, `${what}: steps`);
    assert.equal(got.converged, run.converged, `${what}: converged`);
    assert.equal(got.diverged, run.diverged, `${what}: diverged`);
    assert.equal(got.reason ?? null, run.reason, `${what}: reason`);
    same(got.xs, run.xs, `${what}: x`);
    same(got.ys, run.ys, `${what}: y`);
    same(got.values, run.values, `${what}: J`);
    same(Number.isNaN(got.lastChange) ? null : got.lastChange, run.last_change, `${what}: last change`);
  }
});

test("numbers are written as Python's format() writes them", () => {
  for (const [value, spec, want] of fx.formats) {
    const v = value === "nan" ? NaN : value === "inf" ? Infinity : value === "-inf" ? -Infinity
      : value === "-0" ? -0 : value;
    const f = /^\.(\d+)f$/.exec(spec), g = /^(?:\.(\d+))?g$/.exec(spec);
    const got = f ? formatFixed(v, Number(f[1])) : formatGeneral(v, g[1] === undefined ? 6 : Number(g[1]));
    assert.equal(got, want, `format(${value}, ${JSON.stringify(spec)})`);
  }
});

test("a move shows the state Python computes at those stops (every key)", async () => {
  const spec = { ...fx.explorer.spec, tables: await unpack(Buffer.from(fx.explorer.packed, "base64")) };
  assert.ok(fx.explorer.samples.length >= 20);
  for (const sample of fx.explorer.samples) {
    const got = lookup(spec, sample.index);
    for (const [key, want] of Object.entries(sample.state)) same(got[key], want, `${JSON.stringify(sample.index)} ${key}`);
    assert.deepEqual(Object.keys(got).sort(), Object.keys(sample.state).sort());
  }
});

/** A 2-D context that records the texts drawn (no DOM in node; an offscreen canvas is a recorder too). */
function recorder() {
  const texts = [];
  const ctx = new Proxy({}, {
    get: (target, name) => (name in target ? target[name] : (...args) => { if (name === "fillText") texts.push(args[0]); }),
    set: (target, name, value) => { target[name] = value; return true; },
  });
  ctx.measureText = (text) => ({ width: 6 * String(text).length });
  ctx.createImageData = (w, h) => ({ data: new Uint8ClampedArray(4 * w * h) });
  return { ctx, texts };
}

test("the canvas writes every text the static picture shows, from the same scene", async () => {
  globalThis.document = { createElement: () => ({ getContext: () => recorder().ctx }) };
  const { drawScene } = await import("../../lecture_utils/widgets/js/draw.js");
  const spec = { ...fx.explorer.spec, tables: await unpack(Buffer.from(fx.explorer.packed, "base64")) };
  for (const picture of fx.pictures) {
    const { ctx, texts } = recorder();
    drawScene(ctx, spec, lookup(spec, picture.index));
    const lines = new Set(texts.flatMap((t) => String(t).split("\n")));
    for (const text of picture.texts) assert.ok(lines.has(text), `${JSON.stringify(picture.index)}: ${JSON.stringify(text)} drawn`);
  }
});
