// Numbers formatted as Python's format() does (float.__format__), for the specs "e" and "g":
// an explorer's Python side computes a number, the browser writes it into a sentence
// (draw.js, fill) with exactly the digits the kernel-side text had. Rounding is done on the
// double's exact decimal value, half to even, as CPython does; Number.toPrecision and
// toExponential round ties away from zero instead (Python: format(0.125, ".2g") == "0.12").

/** The double `x` (finite, > 0) as an integer digit string D and a power p with x = D * 10^p, exactly. */
function pyExactDecimal(x) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0), lo = view.getUint32(4);
  const bits = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp2 = -1074;  // subnormal
  if (bits !== 0) {
    mantissa |= 1n << 52n;
    exp2 = bits - 1075;
  }
  if (exp2 >= 0) return { digits: (mantissa << BigInt(exp2)).toString(), pow: 0 };
  // m / 2^k = m * 5^k / 10^k
  return { digits: (mantissa * 5n ** BigInt(-exp2)).toString(), pow: exp2 };
}

/** `x` (finite, > 0) rounded half-even to `n` >= 1 significant digits: the digits and the decimal exponent. */
function pySignificant(x, n) {
  const { digits, pow } = pyExactDecimal(x);
  const trimmed = digits.replace(/^0+/, "");
  let exp10 = trimmed.length - 1 + pow;
  if (trimmed.length <= n) return { digits: trimmed.padEnd(n, "0"), exp10 };
  let keep = trimmed.slice(0, n);
  const rest = trimmed.slice(n);
  const up = rest[0] > "5" || (rest[0] === "5" && (/[1-9]/.test(rest.slice(1)) || Number(keep[n - 1]) % 2 === 1));
  if (up) {
    keep = (BigInt(keep) + 1n).toString();
    if (keep.length > n) {  // 999 -> 1000: one more power of ten
      keep = keep.slice(0, n);
      exp10 += 1;
    }
  }
  return { digits: keep, exp10 };
}

function pyExponent(exp10) {
  return `e${exp10 < 0 ? "-" : "+"}${String(Math.abs(exp10)).padStart(2, "0")}`;
}

function pyStripZeros(text) {
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

/** `value` formatted with a Python format spec "[+].N(e|g)" (".10g", ".1e", "+.3g"); null if the spec is another. */
export function pyFormat(value, spec) {
  const m = /^(\+?)\.(\d+)([eg])$/.exec(spec);
  if (!m || typeof value !== "number") return null;
  const [, plus, digits, kind] = m;
  const precision = Number(digits);
  const negative = value < 0 || Object.is(value, -0);
  const sign = negative ? "-" : plus;
  const x = Math.abs(value);
  if (Number.isNaN(value)) return `${plus}nan`;
  if (x === Infinity) return `${sign}inf`;
  if (kind === "e") {
    if (x === 0) return `${sign}0${precision ? `.${"0".repeat(precision)}` : ""}e+00`;
    const r = pySignificant(x, precision + 1);
    return `${sign}${r.digits[0]}${precision ? `.${r.digits.slice(1)}` : ""}${pyExponent(r.exp10)}`;
  }
  const p = Math.max(precision, 1);
  if (x === 0) return `${sign}0`;
  const r = pySignificant(x, p);
  if (r.exp10 >= -4 && r.exp10 < p) {
    const text = r.exp10 >= 0
      ? `${r.digits.slice(0, r.exp10 + 1)}.${r.digits.slice(r.exp10 + 1)}`
      : `0.${"0".repeat(-r.exp10 - 1)}${r.digits}`;
    return sign + pyStripZeros(text);
  }
  return sign + pyStripZeros(`${r.digits[0]}.${r.digits.slice(1)}`) + pyExponent(r.exp10);
}
