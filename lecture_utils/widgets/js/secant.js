// What the secant explorer's browser computes from a looked-up state (widgets/secant.py ships
// the numbers; `derived` there is the same code in Python, and tests/js/secant.test.mjs checks
// the two agree on every state): the sentences its case indices choose, and the secant, its
// height-over-width triangle and the error dot placed from x0, f(x0), eps and the slope.

/** The keys drawn from the state's numbers and case indices (state: one looked-up row). */
export function deriveSecant(state) {
  const out = {
    description: state.descriptions[state.case],
    note: state.notes[state.note_case],
    err_note: state.err_notes[state.err_note_case],
    best_eps: state.best >= 0 ? state.eps_grid[state.best] : null,
  };
  const defined = state.case !== 0;  // case 0: no secant at this x0 (outside f's domain)
  out.round_off_label = defined && state.small ? state.round_off_text : "";
  if (!defined) {
    const none = [null, null];
    return {
      ...out, secant_y: none, run_x: none, run_y: none, rise_x: none, rise_y: none, run_text: "", rise_text: "",
      rise_text_x: null, rise_text_y: null, rise_text_ha: "left", dot_y: [null], err: null,
    };
  }
  const { x0, y0, eps, slope } = state;
  const [lo, hi] = state.secant_xlim;
  const x1 = x0 + eps;
  const y1 = y0 + slope * eps;
  const err = Math.abs(slope - state.exact);  // one IEEE subtraction: numpy's error to the last bit
  const nearRight = x1 > hi - 0.15 * (hi - lo);  // keep the words inside the axes
  return {
    ...out,
    secant_y: [y0 + slope * (lo - x0), y0 + slope * (hi - x0)],
    run_x: [x0, x1], run_y: [y0, y0], rise_x: [x1, x1], rise_y: [y0, y1],
    run_text: state.big ? "width ε = {eps_3g}" : "",
    rise_text: state.big ? "height {height:.3g}" : "",
    rise_text_x: nearRight ? x1 - 0.05 : x1 + 0.05, rise_text_y: (y0 + y1) / 2,
    rise_text_ha: nearRight ? "right" : "left",
    dot_y: [Math.log10(Math.max(err, state.err_floor))], err,
  };
}
