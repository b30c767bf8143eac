"""The secant explorer of notebook 04: a secant turning into the tangent as its width shrinks,
and what round-off does when the width gets tiny.

Drawn in the browser. Every number it shows is numpy's float64 arithmetic, done here (vectorised)
for all 6 x 51 x 57 function x x0 x eps states: at eps = 1e-14 the page shows numpy's slope,
cancellation and all. The browser looks numbers up, picks the sentence a case index names, writes
the numbers into it as Python's ``format`` does (``js/pyformat.js``) and places the secant from
them (``js/secant.js``, mirrored by :func:`derived` here).
"""

import math
from typing import ClassVar

import ipywidgets as widgets
import numpy as np

from .. import plots
from .._validation import as_real
from . import _scene as sc
from ._browser import BrowserExplorer, Table

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


def _pow(x, k):
    """``x ** k`` element by element as for a Python float (C ``pow``): numpy's ``array ** 2`` is
    ``x * x``, which rounds differently in the last bit, and at ε = 1e-13 that bit is the slope's
    third digit. A point's numbers are computed as for one float, the curve over the widths as
    an array: as the explorer always has."""
    return np.power(x, np.full(np.shape(x), float(k)))


# f and f' evaluated at points (arrays) with the arithmetic of a single Python float.
_AT_POINT = {**{name: spec[:2] for name, spec in SECANT_FUNCTIONS.items()},
             "x² + 1": (lambda x: _pow(x, 2) + 1, lambda x: 2 * x),
             "x³": (lambda x: _pow(x, 3), lambda x: 3 * _pow(x, 2))}
# The secant's slope (f(x0 + eps) - f(x0)) / eps written without the cancellation that
# round-off ruins: the slope exact arithmetic would give, to split the error into the
# secant's own (truncation) part and the round-off part.
_TRUE_SECANT = {
    "x² + 1": lambda x0, e: 2 * x0 + e,
    "2x + 1": lambda x0, e: 2.0 + 0 * e,
    "x³": lambda x0, e: 3 * _pow(x0, 2) + 3 * x0 * e + _pow(e, 2),
    "√x": lambda x0, e: 1 / (np.sqrt(x0 + e) + np.sqrt(x0)),
    "ln x": lambda x0, e: np.log1p(e / x0) / e,
    "eˣ": lambda x0, e: np.exp(x0) * np.expm1(e) / e,
}
_XLIM = (-2.0, 4.2)
_EPS_GRID = np.logspace(-14, 0, 113)
_ERR_FLOOR = 1e-13  # errors below this are drawn on the floor (log axes cannot show 0)
_BIG = 0.15  # the triangle's words only fit when the triangle is visible
_P = plots.PALETTE
_LOG_XLIM = (float(np.log10(_EPS_GRID[0] / 2)), float(np.log10(_EPS_GRID[-1] * 2)))  # room for the dot
_LOG_YLIM = (float(np.log10(_ERR_FLOOR / 3)), 7.0)  # headroom for the message
_EPS_TICKS = (["1e-14", "1e-11", "1e-8", "1e-5", "0.01"], [-14, -11, -8, -5, -2])
# "1e-3", not "0.001": the wider label would run into the axis label beside it
_ERR_TICKS = (["1e-12", "1e-9", "1e-6", "1e-3", "1", "1000"], [-12, -9, -6, -3, 0, 3])

# What the description says, chosen per state by its case index (FILL templates).
_HEAD = "f(x) = {fname}, x₀ = {x0_text}, ε = {eps_1e}"
_LINE = _HEAD + ": secant slope {slope:.10g}, f′(x₀) = {exact:.10g}, error {err:.1e}"
UNDEFINED, WORSE, HIDES, OUTWEIGHS, TANGENT, SHRINKS, GROWS = range(7)
DESCRIPTIONS = (
    _HEAD + ": {outside}",
    _LINE + " (it was {best_err:.1e} at ε = {best_eps:.1e}), worse than at larger ε: round-off noise",
    _LINE + ": round-off noise, which here happens to hide the secant's own error ({truncation:.1e})",
    _LINE + ": round-off noise now outweighs the secant's own error",
    _LINE + ": the secant has the tangent's slope",
    _LINE + ": the error shrinks as ε shrinks",
    _LINE + ": the secant is not the tangent yet, and here its error grows before it shrinks",
)
NOTES = ("", "tiny ε: the secant lies on top of the tangent",
         "tiny ε, but round-off tilts the secant\naway from the tangent",  # e.g. x² + 1 at x₀ = 3, ε = 1e-14
         "{why}:\nmove x₀ to the right")
ERR_NOTES = ("", ("ε = {eps_0e}: round-off! f(x₀+ε) and f(x₀) agree\n"
                  "in almost all their digits, so their difference\nis mostly rounding noise"))
ROUND_OFF_LABEL = "round-off:\nerror ≈ 1e-16 · |f| / ε"


def _outside(function, x0):
    """Why there is no secant (or no tangent) at ``x0``: ln x needs x > 0; √x is defined at 0 but
    has no derivative there (its tangent is vertical)."""
    if function == "√x" and x0 == 0:
        return "√x is defined at 0 but has no derivative there (a vertical tangent), so there is no slope to approach"
    if function == "√x":
        return "√x is only defined for x ≥ 0, so there is no secant here"
    return f"{function} is only defined for x > 0, so there is no secant here"


def _by_function(function, x0, fields):
    """``fields(name, rows)`` for each function's rows of the 1-D state arrays, merged (one call per function)."""
    out = {}
    for name in dict.fromkeys(function.tolist()):
        rows = np.flatnonzero(function == name)
        for key, value in fields(name, rows).items():
            value = np.asarray(value)
            # every row belongs to one function, so every row of every column gets written
            column = out.setdefault(key, np.empty((len(x0),) + value.shape[1:], dtype=value.dtype))
            column[rows] = value
    return out


def _defined(name, x0):
    lower = SECANT_FUNCTIONS[name][2]
    return np.ones(x0.shape, bool) if lower is None else x0 > lower


def _curves(name, x0):
    """``(f(x0), f'(x0), |secant slope - f'(x0)| over _EPS_GRID)`` at points ``x0`` (rows)."""
    f_point, df_point = _AT_POINT[name]
    y0, exact = f_point(x0), df_point(x0)
    f = SECANT_FUNCTIONS[name][0]
    errors = np.maximum(np.abs((f(x0[:, None] + _EPS_GRID) - y0[:, None]) / _EPS_GRID - exact[:, None]), _ERR_FLOOR)
    return y0, exact, errors


def derived(state):
    """What the browser computes from a looked-up state (``js/secant.js``, ``deriveSecant``): the
    sentences its case indices choose, and the secant, triangle and dot placed from its numbers."""
    out = {"description": state["descriptions"][int(state["case"])], "note": state["notes"][int(state["note_case"])],
           "err_note": state["err_notes"][int(state["err_note_case"])],
           "best_eps": float(state["eps_grid"][int(state["best"])]) if state["best"] >= 0 else math.nan}
    defined = int(state["case"]) != UNDEFINED
    out["round_off_label"] = state["round_off_text"] if defined and state["small"] else ""
    nan2 = [math.nan, math.nan]
    if not defined:
        return {**out, "secant_y": nan2, "run_x": nan2, "run_y": nan2, "rise_x": nan2, "rise_y": nan2, "run_text": "",
                "rise_text": "", "rise_text_x": math.nan, "rise_text_y": math.nan, "rise_text_ha": "left",
                "dot_y": [math.nan], "err": math.nan}
    x0, y0, eps, slope = (float(state[k]) for k in ("x0", "y0", "eps", "slope"))
    # |slope - f'(x0)|: one IEEE subtraction, so the page's error is numpy's to the last bit
    # (the slope and f'(x0) ship; the error would add 100 KB of digits).
    err = abs(slope - float(state["exact"]))
    lo, hi = (float(v) for v in state["secant_xlim"])
    x1 = x0 + eps
    y1 = y0 + slope * eps
    near_right = x1 > hi - 0.15 * (hi - lo)  # keep the words inside the axes
    return {**out, "secant_y": [y0 + slope * (lo - x0), y0 + slope * (hi - x0)], "run_x": [x0, x1], "run_y": [y0, y0],
            "rise_x": [x1, x1], "rise_y": [y0, y1], "run_text": "width ε = {eps_3g}" if state["big"] else "",
            "rise_text": "height {height:.3g}" if state["big"] else "",
            "rise_text_x": x1 - 0.05 if near_right else x1 + 0.05, "rise_text_y": (y0 + y1) / 2,
            "rise_text_ha": "right" if near_right else "left",
            "dot_y": [math.log10(max(err, float(state["err_floor"])))], "err": err}


class SecantExplorer(BrowserExplorer):
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
    FILL = True  # the texts are templates chosen by case indices and filled with the state's numbers
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

    # --- the picture ----------------------------------------------------------------
    def scene(self):
        gap, left, right = 0.28, 0.07, 0.985
        width = (right - left) / (2.15 + gap)
        bottom, height = 0.19, 0.66
        panels = [
            sc.moving(sc.panel("f", (left, bottom, width * 1.15, height), _XLIM, (0, 1), xlabel="x", ylabel="f(x)"),
                      ylim="ylim", yticks="yticks", yticklabels="yticklabels"),
            sc.panel("err", (left + width * (1.15 + gap), bottom, width, height), _LOG_XLIM, _LOG_YLIM,
                     xlabel="width ε (log scale)", ylabel="|secant slope − f′(x₀)|",
                     xticks=_EPS_TICKS[1], xticklabels=_EPS_TICKS[0], yticks=_ERR_TICKS[1],
                     yticklabels=_ERR_TICKS[0]),
            sc.panel("legend", (0.0, 0.0, 0.75, 0.08), (0, 1), (0, 1), xticks=[], yticks=[], grid=False, spines=()),
        ]
        grey = "#555555"
        marks = [
            sc.line("f", sc.ref("curve_x"), sc.ref("curve_y"), color=_P["blue"], width=2.2),
            sc.line("f", list(_XLIM), sc.ref("secant_y"), color=_P["orange"], width=1.8),
            sc.line("f", list(_XLIM), sc.ref("tangent_y"), color=_P["black"], width=1.2, dash=[3.7, 1.6]),
            sc.line("f", sc.ref("run_x"), sc.ref("run_y"), color=_P["green"], width=1.6),
            sc.line("f", sc.ref("rise_x"), sc.ref("rise_y"), color=_P["vermillion"], width=1.6),
            sc.points("f", sc.ref("run_x"), sc.ref("rise_y"), color=_P["orange"], size=6),
            sc.text("f", sc.ref("x0"), sc.ref("y0"), sc.ref("run_text"), size=9, color=_P["green"], ha="left", va="top"),
            sc.text("f", sc.ref("rise_text_x"), sc.ref("rise_text_y"), sc.ref("rise_text"), size=9,
                    color=_P["vermillion"], ha=sc.ref("rise_text_ha")),
            sc.text("f", 0.5, 1.02, sc.ref("title"), size=9.5, va="bottom", coords="axes"),
            sc.message("f", sc.ref("note")),
            sc.line("err", sc.ref("err_x"), sc.ref("err_y"), color=_P["orange"], width=1.6),
            sc.points("err", sc.ref("dot_x"), sc.ref("dot_y"), color=_P["vermillion"], size=8),
            sc.text("err", 0.97, 0.05, "secant ≠ tangent:\nerror ≈ ε · |f″|/2", size=8, color=grey, ha="right",
                    va="bottom", coords="axes"),
            # Shown only once the student has reached tiny widths: it would answer the notebook's
            # "predict first" question before the slider moves.
            sc.text("err", 0.03, 0.05, sc.ref("round_off_label"), size=8, color=grey, ha="left", va="bottom",
                    coords="axes"),
            sc.text("err", 0.5, 1.02, sc.ref("slope_text"), size=9, va="bottom", coords="axes"),
            sc.message("err", sc.ref("err_note")),
        ]
        # Each entry where the one before it ends (the secant's words are the longest).
        for x, name, color, dash in [(0.05, "f(x)", _P["blue"], None),
                                     (0.2, "secant through x₀ and x₀ + ε", _P["orange"], None),
                                     (0.6, "tangent at x₀", _P["black"], [3.7, 1.6])]:
            marks += [sc.line("legend", [x, x + 0.05], [0.5, 0.5], color=color, width=1.8, dash=dash, coords="axes"),
                      sc.text("legend", x + 0.065, 0.5, name, size=8, ha="left", coords="axes")]
        return panels, marks

    # --- the data -------------------------------------------------------------------
    def tables(self):
        return [Table((), self._texts), Table(("function",), self._function), Table(("x0",), self._point),
                Table(("eps",), self._width), Table(("function", "x0"), self._at_point),
                Table(("function", "x0", "eps"), self._secant)]

    @staticmethod
    def _texts():
        return {"descriptions": [list(DESCRIPTIONS)], "notes": [list(NOTES)], "err_notes": [list(ERR_NOTES)],
                "round_off_text": [ROUND_OFF_LABEL], "secant_xlim": [list(_XLIM)], "err_floor": [_ERR_FLOOR],
                "eps_grid": [_EPS_GRID]}

    @staticmethod
    def _function(function):
        rows = []
        for name in function.tolist():
            f, _, lower, ylim = SECANT_FUNCTIONS[name]
            x = np.linspace(_XLIM[0] if lower is None else 1e-3, _XLIM[1], 300)
            # 1e-4 of a data unit is a hundredth of a pixel; 17 digits would only add bytes.
            rows.append((name, np.round(x, 4), np.round(f(x), 4), list(ylim), *sc.axis_ticks(*ylim)))
        return dict(zip(("fname", "curve_x", "curve_y", "ylim", "yticks", "yticklabels"), map(list, zip(*rows))))

    @staticmethod
    def _point(x0):
        return {"x0": x0.astype(float), "x0_text": [f"{v:.1f}" for v in x0.tolist()]}

    @staticmethod
    def _width(eps):
        # Only the widths tried so far (eps and larger): the curve grows leftwards as the
        # student shrinks eps, so the opening picture does not answer "what happens at 1e-12?".
        tried = _EPS_GRID[None, :] >= eps[:, None] * (1 - 1e-9)
        values = eps.tolist()
        return {"eps": eps.astype(float), "eps_1e": [f"{v:.1e}" for v in values], "eps_0e": [f"{v:.0e}" for v in values],
                "eps_3g": [f"{v:.3g}" for v in values], "small": eps < 1e-6, "big": eps >= _BIG,
                "err_x": np.where(tried, np.log10(_EPS_GRID)[None, :], np.nan), "dot_x": np.log10(eps)[:, None]}

    @staticmethod
    def _at_point(function, x0):
        def fields(name, rows):
            x = x0[rows]
            y0, exact, errors = _curves(name, x)
            ok = _defined(name, x)
            y0, exact = np.where(ok, y0, np.nan), np.where(ok, exact, np.nan)
            # 1e-2 of a decade is a tenth of a pixel on the error panel.
            return {"ok": ok, "y0": y0, "exact": exact, "tangent_y": y0[:, None] + exact[:, None] * (np.asarray(_XLIM) - x[:, None]),
                    "err_y": np.where(ok[:, None], np.round(np.log10(errors), 2), np.nan)}

        out = _by_function(function, x0, fields)
        ok = out.pop("ok")
        names, points = function.tolist(), x0.tolist()
        out["outside"] = ["" if good else _outside(n, x) for n, x, good in zip(names, points, ok)]
        # the picture's shorter reason (it sits in a box over the curve)
        out["why"] = ["" if good else "√x has no derivative at 0\n(its tangent is vertical)" if n == "√x" and x == 0
                      else _outside(n, x).split(", so")[0] for n, x, good in zip(names, points, ok)]
        out["title"] = [("f(x) = {fname},  x₀ = {x0_text},  ε = {eps_1e}\n"
                         "secant slope (f(x₀+ε) − f(x₀)) / ε = {slope:.10g}") if good else "f(x) = {fname}" for good in ok]
        out["slope_text"] = ["f′(x₀) = {exact:.10g};  error of the secant slope = {err:.1e}" if good else ""
                             for good in ok]
        return out

    @staticmethod
    def _secant(function, x0, eps):
        return _by_function(function, x0, lambda name, rows: _secant_numbers(name, x0[rows], eps[rows]))

    # --- the browser's derived keys, mirrored -----------------------------------------
    def _spec(self):
        return {**super()._spec(), "derive": "secant"}

    def _state_at(self, params):
        state = super()._state_at(params)
        state.update(derived(state))
        return state

    def lookup(self, **params):
        state = super().lookup(**params)
        state.update(derived(state))
        return state


def _secant_numbers(name, x0, eps):
    """Per state (vectorised): the secant's slope and error, what they mean (case indices), and the
    numbers the chosen sentences quote. The same float64 operations, in the same order, as the
    slope ``(f(x0 + eps) - f(x0)) / eps`` of :meth:`lecture_utils.plots.SecantArtists.update`."""
    f = _AT_POINT[name][0]
    ok = _defined(name, x0)
    points, inverse = np.unique(x0, return_inverse=True)
    y0, exact, errors = (v[inverse] for v in _curves(name, points))  # once per point, read per state
    y1 = f(x0 + eps)
    slope = (y1 - y0) / eps
    err = np.abs(slope - exact)
    true_slope = _TRUE_SECANT[name]
    truncation = np.abs(true_slope(x0, eps) - exact)  # the secant's own error, exact arithmetic
    rounding = np.abs(slope - true_slope(x0, eps))
    round_off = (rounding > 1e-12) & (rounding >= truncation)
    # The smallest error over the larger widths (the grid's widths above eps), and where it was.
    larger = np.where(_EPS_GRID[None, :] > eps[:, None] * (1 + 1e-9), errors, np.inf)
    best = np.argmin(larger, axis=1)
    best_err = larger[np.arange(len(eps)), best]
    worse = np.isfinite(best_err) & (err > 2 * best_err)
    # x³ left of 0: ε(3x₀ + ε) first grows as ε shrinks past −3x₀, then shrinks.
    shrinking = np.abs(true_slope(x0, eps / 10 ** 0.25) - exact) < truncation
    case = np.select([~ok, round_off & worse, round_off & (err < truncation / 2), round_off, err < 1e-12, shrinking],
                     [UNDEFINED, WORSE, HIDES, OUTWEIGHS, TANGENT, SHRINKS], GROWS)
    note = np.select([~ok, eps >= 1e-3, err < 1e-3 * (1 + np.abs(exact))], [3, 0, 1], 2)  # within a line's width
    err_note = ok & round_off & (err > 1e-9)  # visible noise, not a last-digit wobble of a line's slope
    return {"slope": np.where(ok, slope, np.nan), "case": case, "note_case": note,
            "err_note_case": err_note.astype(int),
            # quoted only by the sentences of their cases: elsewhere null, which costs the page nothing
            "truncation": np.where(case == HIDES, truncation, np.nan),
            "best_err": np.where(case == WORSE, best_err, np.nan),
            "best": np.where(case == WORSE, best, -1),  # where on the grid: an index, 2 digits instead of 17
            "height": np.where(ok & (eps >= _BIG), y1 - y0, np.nan)}
