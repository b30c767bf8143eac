// The secant explorer's front end (js/secant.js, js/pyformat.js through draw.js's lookup and fill)
// against Python: tests/test_secant_js.py writes the fixture (SECANT_FIXTURE) and runs this with
// `node --test`. Every state the page can reach must show Python's words and numbers: the
// sentence its case index chooses, numpy's slope and error written with Python's digits, the
// secant and triangle where Python puts them.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { fill, lookup, unpack } from "../../lecture_utils/widgets/js/draw.js";
import { pyFormat } from "../../lecture_utils/widgets/js/pyformat.js";

const fx = JSON.parse(readFileSync(process.env.SECANT_FIXTURE, "utf8"));

test("pyFormat writes numbers as Python's format() does", () => {
  for (const [value, spec, want] of fx.formats) {
    const v = value === "nan" ? NaN : value === "inf" ? Infinity : value === "-inf" ? -Infinity
      : value === "-0" ? -0 : value;
    assert.equal(pyFormat(v, spec), want, `format(${value}, "${spec}")`);
  }
  assert.equal(pyFormat(1.5, ".2f"), null);  // not its spec: fill's own .Nf branch formats it
});

test("every state: the page's words and numbers are Python's", async () => {
  const spec = { ...fx.spec, tables: await unpack(Buffer.from(fx.packed, "base64")) };
  const [fNames, xNames, eNames] = ["function", "x0", "eps"];
  let checked = 0;
  for (const s of fx.states) {
    const state = lookup(spec, { [fNames]: s.index[0], [xNames]: s.index[1], [eNames]: s.index[2] });
    const where = JSON.stringify(s.index);
    for (const [key, want] of Object.entries(s.texts)) assert.equal(fill(state[key], state), want, `${key} at ${where}`);
    for (const [key, want] of Object.entries(s.numbers)) {
      const got = state[key];
      if (key === "dot_y") {  // Math.log10 and C's log10 may differ in the last bit
        assert.ok(want[0] === null ? got[0] === null : Math.abs(got[0] - want[0]) < 1e-12, `${key} at ${where}`);
      } else {
        assert.deepEqual(got, want, `${key} at ${where}`);
      }
    }
    checked += 1;
  }
  assert.equal(checked, fx.states.length);
  assert.ok(checked > 17000);
});
