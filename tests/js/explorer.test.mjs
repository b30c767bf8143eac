// The shared explorer front end's drawing layer (lecture_utils/widgets/js/draw.js) against what Python sent
// and computed: tests/test_explorer_js.py writes the fixture (EXPLORER_FIXTURE) and runs this
// with `node --test`. Checks that a move in the browser shows exactly Python's state, and that
// the canvas receives the marks at the pixels the panel's transform gives.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { drawScene, lookup, transform, unpack } from "../../lecture_utils/widgets/js/draw.js";

const fixtures = JSON.parse(readFileSync(process.env.EXPLORER_FIXTURE, "utf8"));

/** A 2-D context that records the calls the drawing makes (no DOM in node). */
function recorder() {
  const calls = [];
  const ctx = new Proxy({}, {
    get: (target, name) => (name in target ? target[name] : (...args) => calls.push([name, ...args])),
    set: (target, name, value) => { target[name] = value; calls.push([`set ${String(name)}`, value]); return true; },
  });
  ctx.measureText = (text) => ({ width: 6 * String(text).length });
  return { ctx, calls };
}

for (const fx of fixtures) {
  test(`${fx.name}: the packed tables unpack to what Python computed`, async () => {
    const tables = await unpack(Buffer.from(fx.packed, "base64"));
    assert.deepEqual(tables, fx.tables);
  });

  test(`${fx.name}: a move looks up Python's state at those stops`, async () => {
    const spec = { ...fx.spec, tables: await unpack(Buffer.from(fx.packed, "base64")) };
    for (const sample of fx.samples) assert.deepEqual(lookup(spec, sample.index), sample.state);
  });

  test(`${fx.name}: each panel maps its limits onto its rectangle`, () => {
    for (const p of fx.spec.panels) {
      const t = transform(p, fx.spec.width, fx.spec.height);
      const [l, b, w, h] = p.rect;
      assert.ok(Math.abs(t.x(p.xlim[0]) - l * fx.spec.width) < 1e-9);
      assert.ok(Math.abs(t.x(p.xlim[1]) - (l + w) * fx.spec.width) < 1e-9);
      assert.ok(Math.abs(t.y(p.ylim[0]) - (1 - b) * fx.spec.height) < 1e-9);
      assert.ok(Math.abs(t.y(p.ylim[1]) - (1 - b - h) * fx.spec.height) < 1e-9);
    }
  });

  test(`${fx.name}: the canvas gets every text and line point of the state`, async () => {
    const spec = { ...fx.spec, tables: await unpack(Buffer.from(fx.packed, "base64")) };
    const sample = fx.samples[0];
    const { ctx, calls } = recorder();
    drawScene(ctx, spec, sample.state);
    const texts = calls.filter((c) => c[0] === "fillText").map((c) => c[1]);
    for (const expected of sample.texts) assert.ok(texts.includes(expected), `text ${JSON.stringify(expected)} drawn`);
    const points = calls.filter((c) => c[0] === "moveTo" || c[0] === "lineTo").map((c) => [c[1], c[2]]);
    for (const [x, y] of sample.pixels) {
      assert.ok(points.some(([px, py]) => Math.abs(px - x) < 1e-6 && Math.abs(py - y) < 1e-6),
        `a line passes through pixel (${x}, ${y})`);
    }
  });
}
