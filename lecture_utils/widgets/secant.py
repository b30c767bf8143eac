"""The secant explorer of notebook 04: a secant turning into the tangent as its width shrinks,
and what round-off does when the width gets tiny."""

from typing import ClassVar

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import NullLocator

from .. import plots
from .._validation import as_real
from .base import Explorer

__all__ = ["SECANT_FUNCTIONS", "SecantExplorer"]


# name -> (f, f', smallest x where f is defined (exclusive) or None, y-limits)
SECANT_FUNCTIONS = {
    "x² + 1": (lambda x: x ** 2 + 1, lambda x: 2 * x, None, (-2, 19)),
    "2x + 1": (lambda x: 2 * x + 1, lambda x: 2 + 0 * x, None, (-5, 10)),
    "x³": (lambda x: x ** 3, lambda x: 3 * x ** 2, None, (-12, 70)),
    "√x": (np.sqrt, lambda x: 0.5 / np.sqrt(x), 0.0, (-0.5, 2.5)),
    "ln x": (np.log, lambda x: 1 / x, 0.0, (-4, 2)),
    "eˣ": (np.exp, np.exp, None, (-4, 60)),
}
# The secant's slope (f(x0 + eps) - f(x0)) / eps written without the cancellation that
# round-off ruins: the slope exact arithmetic would give, to split the error into the
# secant's own (truncation) part and the round-off part.
_TRUE_SECANT = {
    "x² + 1": lambda x0, e: 2 * x0 + e,
    "2x + 1": lambda x0, e: 2.0,
    "x³": lambda x0, e: 3 * x0 ** 2 + 3 * x0 * e + e ** 2,
    "√x": lambda x0, e: 1 / (np.sqrt(x0 + e) + np.sqrt(x0)),
    "ln x": lambda x0, e: np.log1p(e / x0) / e,
    "eˣ": lambda x0, e: np.exp(x0) * np.expm1(e) / e,
}
_XLIM = (-2.0, 4.2)
_EPS_GRID = np.logspace(-14, 0, 113)
_ERR_FLOOR = 1e-13  # errors below this are drawn on the floor (log axes cannot show 0)


def _outside(function, x0):
    """Why there is no secant (or no tangent) at ``x0``: ln x needs x > 0; √x is defined at 0 but
    has no derivative there (its tangent is vertical)."""
    if function == "√x" and x0 == 0:
        return "√x is defined at 0 but has no derivative there (a vertical tangent), so there is no slope to approach"
    if function == "√x":
        return "√x is only defined for x ≥ 0, so there is no secant here"
    return f"{function} is only defined for x > 0, so there is no secant here"


class SecantExplorer(Explorer):
    """Shrink the width ε of a secant and watch its slope approach the derivative f′(x₀).

    Left: the function, the secant through ``(x0, f(x0))`` and ``(x0 + eps, f(x0 + eps))``
    with its height-over-width triangle, and the tangent (dashed). Right: how far the
    secant's slope is from ``f'(x0)`` (log-log) for the widths tried so far, from 1 down to the
    current ε (marked): the error falls with ε until round-off takes over (below about 1e-8).

    Parameters
    ----------
    function : str
        One of :data:`SECANT_FUNCTIONS` (the lecture's examples and table).
    x0 : float
        The point, in [-2, 3].
    eps : float
        The secant's width, 1e-14 to 1 (the slider moves in quarter decades: 1, 0.56, 0.32, ...).
    """

    NOTEBOOK = "04"
    examples: ClassVar[dict] = {"x² + 1 at x₀ = 2": {"function": "x² + 1", "x0": 2.0, "eps": 1.0}}

    def __init__(self, function="x² + 1", x0=2.0, eps=1.0):
        if not isinstance(function, str) or function not in SECANT_FUNCTIONS:
            raise ValueError(f"function must be one of {list(SECANT_FUNCTIONS)}, got {function!r}")
        x0 = as_real(x0, "x0")
        eps = as_real(eps, "eps", positive=True)
        controls = {
            "function": widgets.Dropdown(options=list(SECANT_FUNCTIONS), value=function,
                                         description="f(x) =", layout=widgets.Layout(width="170px")),
            "x0": widgets.FloatSlider(value=x0, min=-2.0, max=3.0, step=0.1, description="x₀"),
            "eps": widgets.FloatLogSlider(value=eps, base=10, min=-14, max=0, step=0.25,
                                          description="ε", readout_format=".1e"),
        }
        super().__init__(controls, figsize=(10.0, 4.2), title="Secant explorer: from secant to tangent")
        self.warm_backgrounds("function")  # each curve's background drawn now: a first switch is fast too

    def setup(self, fig):
        self.ax, self.ax_err = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.15, 1]})
        plots.style_axes(self.ax, xlabel="x", ylabel="f(x)")
        plots.style_axes(self.ax_err, xlabel="width ε (log scale)",
                         ylabel="|secant slope − f′(x₀)|")
        x = np.linspace(*_XLIM, 300)
        (self.curve,) = self.ax.plot(x, x, color=plots.PALETTE["blue"], linewidth=2.2)
        self.sec = plots.plot_secant(self.ax, lambda t: t, 1.0, 0.5, df=lambda t: 1.0, xlim=_XLIM)
        self.sec.curve.remove()  # the curve is drawn (and redrawn per function) by self.curve
        # Below the axes, where no moving line can cross it: it stays in the cached background.
        self.legend = fig.legend([self.curve, self.sec.secant, self.sec.tangent],
                                 ["f(x)", "secant through x₀ and x₀ + ε", "tangent at x₀"],
                                 loc="lower center", bbox_to_anchor=(0.3, 0.0), ncol=3,
                                 fontsize=8, frameon=False)
        self.ax.set_xlim(*_XLIM)
        self.note = plots.message(self.ax)
        self.note.set_wrap(False)  # the messages carry their own line breaks; wrapping is slow
        self.ax_err.set_xscale("log")
        self.ax_err.set_yscale("log")
        self.ax_err.set_xlim(_EPS_GRID[0] / 2, _EPS_GRID[-1] * 2)  # room for the dot at the ends
        self.ax_err.set_ylim(_ERR_FLOOR / 3, 1e7)  # headroom for the message
        # Fixed plain-text ticks: log axes' default mathtext labels are slow to render
        # (benchmarks/RESULTS.md).
        xt, yt = [1e-14, 1e-11, 1e-8, 1e-5, 1e-2], [1e-12, 1e-9, 1e-6, 1e-3, 1e0, 1e3]
        self.ax_err.set_xticks(xt, ["1e-14", "1e-11", "1e-8", "1e-5", "0.01"])
        self.ax_err.set_yticks(yt, ["1e-12", "1e-9", "1e-6", "0.001", "1", "1000"])
        self.ax_err.xaxis.set_minor_locator(NullLocator())
        self.ax_err.yaxis.set_minor_locator(NullLocator())
        (self.err_line,) = self.ax_err.plot([], [], color=plots.PALETTE["orange"], linewidth=1.6)
        (self.err_dot,) = self.ax_err.plot([], [], "o", color=plots.PALETTE["vermillion"],
                                           markersize=8, zorder=5)
        self.ax_err.text(0.97, 0.05, "secant ≠ tangent:\nerror ≈ ε · |f″|/2", ha="right",
                         va="bottom", fontsize=8, color="#555555", transform=self.ax_err.transAxes)
        # Shown only once the student has reached tiny widths: it would answer the notebook's
        # "predict first" question before the slider moves.
        self.round_off_label = self.ax_err.text(
            0.03, 0.05, "round-off:\nerror ≈ 1e-16 · |f| / ε", ha="left", va="bottom", fontsize=8,
            color="#555555", transform=self.ax_err.transAxes)
        self.err_note = plots.message(self.ax_err)
        self.err_note.set_wrap(False)
        self.slope_text = self.ax_err.set_title("", fontsize=9)
        fig.subplots_adjust(left=0.07, right=0.985, bottom=0.19, top=0.85, wspace=0.28)
        self._shown = None
        self.set_moving(self.sec.moving() + [self.ax.title, self.note, self.err_line, self.err_dot,
                                             self.round_off_label, self.slope_text, self.err_note])

    def background_key(self):
        # The curve and the y-axis (the cached background) change only with the function.
        return self._shown

    def draw(self, function, x0, eps):
        f, df, lower, ylim = SECANT_FUNCTIONS[function]
        if self._shown != function:  # the curve changes only with the function
            self._shown = function
            x = np.linspace(_XLIM[0] if lower is None else 1e-3, _XLIM[1], 300)
            self.curve.set_data(x, f(x))
            self.ax.set_ylim(*ylim)
        defined = lower is None or x0 > lower
        for artist in self.sec.moving():
            artist.set_visible(defined)
        self.err_line.set_visible(defined)
        self.round_off_label.set_visible(defined and eps < 1e-6)
        self.err_dot.set_visible(defined)
        if not defined:
            self._state = {"function": function, "x0": x0, "eps": eps, "slope": None}
            self.ax.set_title(f"f(x) = {function}", fontsize=10)
            self.slope_text.set_text("")
            why = ("√x has no derivative at 0\n(its tangent is vertical)" if function == "√x" and x0 == 0
                   else _outside(function, x0).split(", so")[0])
            plots.message(self.ax, f"{why}:\nmove x₀ to the right", artist=self.note)
            plots.message(self.ax_err, "", artist=self.err_note)
            return
        slope = self.sec.update(f, x0, eps, df=df)
        exact = float(df(x0))
        big = eps >= 0.15  # the triangle's words only fit when the triangle is visible
        self.sec.run_text.set_visible(big)
        self.sec.rise_text.set_visible(big)
        self.ax.set_title(f"f(x) = {function},  x₀ = {x0:.1f},  ε = {eps:.1e}\n"
                          f"secant slope (f(x₀+ε) − f(x₀)) / ε = {slope:.10g}", fontsize=9.5)
        errors = np.maximum(np.abs((f(x0 + _EPS_GRID) - f(x0)) / _EPS_GRID - exact), _ERR_FLOOR)
        # Only the widths tried so far (eps and larger): the curve grows leftwards as the
        # student shrinks eps, so the opening picture does not answer "what happens at 1e-12?".
        tried = _EPS_GRID >= eps * (1 - 1e-9)
        self.err_line.set_data(_EPS_GRID[tried], errors[tried])
        err = abs(slope - exact)
        self.err_dot.set_data([eps], [max(err, _ERR_FLOOR)])
        self.slope_text.set_text(f"f′(x₀) = {exact:.10g};  error of the secant slope = {err:.1e}")
        true_slope = _TRUE_SECANT[function]
        truncation = abs(true_slope(x0, eps) - exact)  # the secant's own error, exact arithmetic
        rounding = abs(slope - true_slope(x0, eps))
        round_off = bool(rounding > 1e-12 and rounding >= truncation)
        larger = errors[_EPS_GRID > eps * (1 + 1e-9)]
        worse = bool(larger.size and err > 2 * larger.min())
        # x³ left of 0: ε(3x₀ + ε) first grows as ε shrinks past −3x₀, then shrinks.
        shrinking = abs(true_slope(x0, eps / 10 ** 0.25) - exact) < truncation
        self._state = {"function": function, "x0": x0, "eps": eps, "slope": slope, "exact": exact, "err": err,
                       "round_off": round_off, "worse": worse, "truncation": truncation,
                       "shrinking": shrinking}
        if round_off and err > 1e-9:  # visible noise, not a last-digit wobble of a line's slope
            plots.message(self.ax_err, f"ε = {eps:.0e}: round-off! f(x₀+ε) and f(x₀) agree\n"
                          "in almost all their digits, so their difference\nis mostly rounding noise",
                          artist=self.err_note)
        else:
            plots.message(self.ax_err, "", artist=self.err_note)
        if eps >= 1e-3:
            note = ""
        elif err < 1e-3 * (1 + abs(exact)):  # within a line's width over the plotted range
            note = "tiny ε: the secant lies on top of the tangent"
        else:  # e.g. x² + 1 at x₀ = 3, ε = 1e-14: slope 6.2 instead of 6, visibly tilted
            note = "tiny ε, but round-off tilts the secant\naway from the tangent"
        plots.message(self.ax, note, artist=self.note)

    def describe(self):
        """One line: the function, x₀, ε, the secant slope against f′(x₀), and what dominates."""
        s = self._state
        head = f"f(x) = {s['function']}, x₀ = {s['x0']:.1f}, ε = {s['eps']:.1e}"
        if s["slope"] is None:
            return f"{head}: {_outside(s['function'], s['x0'])}"
        line = (f"{head}: secant slope {s['slope']:.10g}, f′(x₀) = {s['exact']:.10g}, "
                f"error {s['err']:.1e}")
        if s["round_off"]:
            if s["worse"]:
                return line + ", worse than at larger ε: round-off noise"
            if s["err"] < s["truncation"] / 2:
                return (line + f": round-off noise, which here happens to hide the secant's own "
                        f"error ({s['truncation']:.1e})")
            return line + ": round-off noise now outweighs the secant's own error"
        if s["err"] < 1e-12:
            return line + ": the secant has the tangent's slope"
        if s["shrinking"]:
            return line + ": the error shrinks as ε shrinks"
        return line + ": the secant is not the tangent yet, and here its error grows before it shrinks"
