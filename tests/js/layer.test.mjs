// The static layers of the shared drawing layer (lecture_utils/widgets/js/layer.js, used by draw.js's
// drawScene): tests/test_layer_js.py writes the fixture (LAYER_FIXTURE: explorers' specs and a few
// states) and runs this with `node --test`. The marks that never change are drawn once per canvas
// size, transform and style, into an offscreen layer copied onto the canvas on each move, and the
// layer gets exactly the drawing the canvas would have got.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { drawScene } from "../../lecture_utils/widgets/js/draw.js";
import { drawingSteps } from "../../lecture_utils/widgets/js/layer.js";

const fixtures = JSON.parse(readFileSync(process.env.LAYER_FIXTURE, "utf8"));
const IDENTITY = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };

/** A 2-D context recording its drawing calls, with a transform that save/restore keep (no DOM in node). */
function recorder(canvas) {
  const calls = [], stack = [];
  const target = {
    canvas, m: { ...IDENTITY },
    getTransform: () => ({ ...target.m }),
    setTransform: (a, b, c, d, e, f) => { calls.push(["setTransform", a, b, c, d, e, f]); target.m = { a, b, c, d, e, f }; },
    save: () => { stack.push({ ...target.m }); calls.push(["save"]); },
    restore: () => { target.m = stack.pop(); calls.push(["restore"]); },
    measureText: (text) => ({ width: 6 * String(text).length }),
    createImageData: (w, h) => ({ data: new Uint8ClampedArray(4 * w * h) }),
  };
  const ctx = new Proxy(target, {
    get: (t, name) => (name in t ? t[name] : (...args) => { calls.push([name, ...args]); }),
    set: (t, name, value) => { t[name] = value; return true; },
  });
  return { ctx, calls };
}

let made = [];
class FakeOffscreenCanvas {
  constructor(width, height) {
    Object.assign(this, { width, height }, recorder(this));
    made.push(this);
  }

  getContext() { return this.ctx; }
}

/** A canvas `width` x `height` CSS pixels at device pixel ratio `dpr`, as explorer.js makes it. */
function screen(spec, dpr = 1) {
  const canvas = { width: Math.round(spec.width * dpr), height: Math.round(spec.height * dpr) };
  const rec = recorder(canvas);
  rec.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return rec;
}

const count = (calls, name) => calls.filter((c) => c[0] === name).length;
// Layers are the offscreen canvases drawn with markers or text (the network field's are images).
const layerCanvases = () => made.filter((c) => c.calls.some((k) => k[0] === "fill" || k[0] === "fillText"));
const markerCalls = (calls) => ["arc", "fill", "stroke", "fillText", "rect"].map((k) => count(calls, k));

for (const fx of fixtures) {
  test(`${fx.name}: the static marks are drawn once across moves, then copied`, () => {
    globalThis.OffscreenCanvas = FakeOffscreenCanvas;
    made = [];
    const spec = structuredClone(fx.spec), { ctx, calls } = screen(spec);
    for (const state of fx.states) drawScene(ctx, spec, state);
    const layers = layerCanvases(), runs = drawingSteps(spec).filter((s) => s.layer);
    assert.equal(layers.length, runs.length, "one layer per run of static marks worth one");
    assert.equal(drawingSteps(spec).filter((s) => s.run).flatMap((s) => s.run).length, fx.static_marks,
      "the marks Python sends as static");
    assert.equal(runs.length, fx.layers, "the runs with enough work in them");
    const fills = layers.reduce((n, c) => n + count(c.calls, "fill"), 0);
    assert.ok(fills >= fx.static_points, `each static marker filled once (${fills} fills, ${fx.static_points} markers)`);
    const copies = calls.filter((c) => c[0] === "drawImage" && layers.includes(c[1]));
    assert.equal(copies.length, runs.length * fx.states.length, "every layer copied on every move");
    delete globalThis.OffscreenCanvas;
  });

  test(`${fx.name}: a layer gets the drawing the canvas gets without one, where the canvas would`, () => {
    globalThis.OffscreenCanvas = FakeOffscreenCanvas;  // (the network field's picture needs one too)
    const spec = structuredClone(fx.spec), direct = screen(spec);
    direct.ctx.getTransform = undefined;  // a context that cannot say its transform: everything drawn on it
    drawScene(direct.ctx, spec, fx.states[0]);
    made = [];
    const cached = screen(spec);
    drawScene(cached.ctx, spec, fx.states[0]);
    const layers = layerCanvases();
    const together = [cached.calls, ...layers.map((c) => c.calls)].map(markerCalls);
    const sum = together.reduce((a, b) => a.map((v, i) => v + b[i]));
    assert.deepEqual(sum, markerCalls(direct.calls), "arc, fill, stroke, fillText, rect: the same calls in all");
    for (const c of layers) {
      // Drawn in CSS pixels shifted to the layer's box; copied back to that box, pixel for pixel.
      const [, a, , , d, e, f] = c.calls.find((k) => k[0] === "setTransform");
      const copy = cached.calls.find((k) => k[0] === "drawImage" && k[1] === c);
      assert.deepEqual([a, d, e + 0, f + 0], [1, 1, 0 - copy[2], 0 - copy[3]]);
      assert.ok(copy[2] >= 0 && copy[3] >= 0 && copy[2] + c.width <= spec.width && copy[3] + c.height <= spec.height);
    }
    delete globalThis.OffscreenCanvas;
  });

  test(`${fx.name}: a resize, a high-DPI canvas or another style draws the layers again`, () => {
    globalThis.OffscreenCanvas = FakeOffscreenCanvas;
    made = [];
    const spec = structuredClone(fx.spec), { ctx } = screen(spec);
    drawScene(ctx, spec, fx.states[0]);
    drawScene(ctx, spec, fx.states[1]);
    const runs = drawingSteps(spec).filter((s) => s.layer).length;
    assert.equal(layerCanvases().length, runs);
    ctx.canvas.width += 10;  // resized
    drawScene(ctx, spec, fx.states[1]);
    assert.equal(layerCanvases().length, 2 * runs);
    ctx.setTransform(2, 0, 0, 2, 0, 0);  // a device pixel ratio of 2
    drawScene(ctx, spec, fx.states[0]);
    const hidpi = layerCanvases().slice(-runs);
    assert.equal(layerCanvases().length, 3 * runs);
    for (const c of hidpi) assert.equal(c.calls.find((k) => k[0] === "setTransform")[1], 2, "drawn at 2 device pixels per CSS pixel");
    spec.style = { ...spec.style, background: "#111111", font: "serif" };  // another look
    drawScene(ctx, spec, fx.states[0]);
    assert.equal(layerCanvases().length, 4 * runs);
    drawScene(ctx, spec, fx.states[1]);
    assert.equal(layerCanvases().length, 4 * runs, "and kept again while nothing changes");
    delete globalThis.OffscreenCanvas;
  });
}
