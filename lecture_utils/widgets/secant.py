"""The secant explorer of notebook 04: a secant turning into the tangent as its width shrinks,
and what round-off does when the width gets tiny.

Drawn in the browser. Every number it shows is float64 arithmetic done here by numpy, for
every function x x0 x eps the controls reach: at eps = 1e-14 the browser shows the slope numpy
computed, cancellation and all (JavaScript never recomputes it).
"""

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


_P = plots.PALETTE
_LOG_XLIM = (float(np.log10(_EPS_GRID[0] / 2)), float(np.log10(_EPS_GRID[-1] * 2)))  # room for the dot
_LOG_YLIM = (float(np.log10(_ERR_FLOOR / 3)), 7.0)  # headroom for the message
_EPS_TICKS = (["1e-14", "1e-11", "1e-8", "1e-5", "0.01"], [-14, -11, -8, -5, -2])
_ERR_TICKS = (["1e-12", "1e-9", "1e-6", "0.001", "1", "1000"], [-12, -9, -6, -3, 0, 3])


def _curve(function):
    f, _, lower, _ = SECANT_FUNCTIONS[function]
    x = np.linspace(_XLIM[0] if lower is None else 1e-3, _XLIM[1], 300)
    return x, f(x)


def _point_numbers(function, x0):
    """``(f(x0), f'(x0), errors over _EPS_GRID)`` at a point where f is defined (else None)."""
    f, df, lower, _ = SECANT_FUNCTIONS[function]
    if lower is not None and not x0 > lower:
        return None
    exact = float(df(np.float64(x0)))
    errors = np.maximum(np.abs((f(x0 + _EPS_GRID) - f(x0)) / _EPS_GRID - exact), _ERR_FLOOR)
    return float(f(np.float64(x0))), exact, errors


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
            sc.panel("legend", (0.0, 0.0, 0.6, 0.08), (0, 1), (0, 1), xticks=[], yticks=[], grid=False, spines=()),
        ]
        grey = "#555555"
        marks = [
            sc.line("f", sc.ref("curve_x"), sc.ref("curve_y"), color=_P["blue"], width=2.2),
            sc.line("f", list(_XLIM), sc.ref("secant_y"), color=_P["orange"], width=1.8),
            sc.line("f", list(_XLIM), sc.ref("tangent_y"), color=_P["black"], width=1.2, dash=[3.7, 1.6]),
            sc.line("f", sc.ref("run_x"), sc.ref("run_y"), color=_P["green"], width=1.6),
            sc.line("f", sc.ref("rise_x"), sc.ref("rise_y"), color=_P["vermillion"], width=1.6),
            sc.points("f", sc.ref("run_x"), sc.ref("run_y_points"), color=_P["orange"], size=6),
            sc.text("f", sc.ref("run_text_x"), sc.ref("run_text_y"), sc.ref("run_text"), size=9, color=_P["green"],
                    ha="left", va="top"),
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
        for k, (name, color, dash) in enumerate([("f(x)", _P["blue"], None),
                                                  ("secant through x₀ and x₀ + ε", _P["orange"], None),
                                                  ("tangent at x₀", _P["black"], [3.7, 1.6])]):
            x = 0.05 + 0.32 * k
            marks += [sc.line("legend", [x, x + 0.05], [0.5, 0.5], color=color, width=1.8, dash=dash, coords="axes"),
                      sc.text("legend", x + 0.065, 0.5, name, size=8, ha="left", coords="axes")]
        return panels, marks

    # --- the data -------------------------------------------------------------------
    def tables(self):
        return [Table(("function",), self._function), Table(("eps",), self._widths),
                Table(("function", "x0"), self._point), Table(("function", "x0", "eps"), self._secant)]

    @staticmethod
    def _function(function):
        out = {"curve_x": [], "curve_y": [], "ylim": [], "yticks": [], "yticklabels": []}
        for name in function.tolist():
            x, y = _curve(name)
            ylim = SECANT_FUNCTIONS[name][3]
            ticks, labels = sc.axis_ticks(*ylim)
            for key, value in zip(out, (x, y, list(ylim), ticks, labels)):
                out[key].append(value)
        return {key: np.asarray(v) if key in ("curve_x", "curve_y", "ylim") else v for key, v in out.items()}

    @staticmethod
    def _widths(eps):
        # Only the widths tried so far (eps and larger): the curve grows leftwards as the
        # student shrinks eps, so the opening picture does not answer "what happens at 1e-12?".
        tried = _EPS_GRID[None, :] >= eps[:, None] * (1 - 1e-9)
        return {"err_x": np.where(tried, np.log10(_EPS_GRID)[None, :], np.nan), "dot_x": np.log10(eps)[:, None]}

    @staticmethod
    def _point(function, x0):
        n = len(x0)
        err_y, tangent_y = np.full((n, _EPS_GRID.size), np.nan), np.full((n, 2), np.nan)
        for name in set(function.tolist()):
            f, df, lower, _ = SECANT_FUNCTIONS[name]
            rows = np.flatnonzero(function == name)
            for r in rows:
                x = float(x0[r])
                if lower is not None and not x > lower:
                    continue
                exact = float(df(x))
                errors = np.maximum(np.abs((f(x + _EPS_GRID) - f(x)) / _EPS_GRID - exact), _ERR_FLOOR)
                err_y[r] = np.log10(errors)
                tangent_y[r] = float(f(x)) + exact * (np.asarray(_XLIM) - x)
        return {"err_y": err_y, "tangent_y": tangent_y}

    def _secant(self, function, x0, eps):
        keys = ("secant_y", "run_x", "run_y", "rise_x", "rise_y", "run_y_points", "run_text_x", "run_text_y",
                "run_text", "rise_text_x", "rise_text_y", "rise_text", "rise_text_ha", "title", "note", "dot_y",
                "round_off_label", "slope_text", "err_note", "description")
        rows, cache = [], {}
        for name, x, e in zip(function.tolist(), x0.tolist(), eps.tolist()):
            if (name, x) not in cache:  # what depends on the point alone, once per point
                cache[(name, x)] = _point_numbers(name, x)
            rows.append(self._state_of(name, x, e, cache[(name, x)]))
        return {key: (np.asarray([r[key] for r in rows], dtype=float)
                      if not isinstance(rows[0][key], str) else [r[key] for r in rows]) for key in keys}

    @staticmethod
    def _state_of(function, x0, eps, point=None):
        """Everything shown for one setting; every number is numpy's float64 arithmetic."""
        point = _point_numbers(function, x0) if point is None else point
        f, _df, lower, _ = SECANT_FUNCTIONS[function]
        head = f"f(x) = {function}, x₀ = {x0:.1f}, ε = {eps:.1e}"
        nan2 = [np.nan, np.nan]
        if lower is not None and not x0 > lower:
            why = ("√x has no derivative at 0\n(its tangent is vertical)" if function == "√x" and x0 == 0
                   else _outside(function, x0).split(", so")[0])
            return {"secant_y": nan2, "run_x": nan2, "run_y": nan2, "rise_x": nan2, "rise_y": nan2,
                    "run_y_points": nan2, "run_text_x": np.nan, "run_text_y": np.nan, "run_text": "",
                    "rise_text_x": np.nan, "rise_text_y": np.nan, "rise_text": "", "rise_text_ha": "left",
                    "title": f"f(x) = {function}", "note": f"{why}:\nmove x₀ to the right", "dot_y": [np.nan],
                    "round_off_label": "", "slope_text": "", "err_note": "",
                    "description": f"{head}: {_outside(function, x0)}"}
        y0, exact, errors = point
        x1 = x0 + eps
        y1 = float(f(np.float64(x1)))
        slope = (y1 - y0) / eps
        err = abs(slope - exact)
        lo, hi = _XLIM
        near_right = x1 > hi - 0.15 * (hi - lo)  # keep the words inside the axes
        big = eps >= 0.15  # the triangle's words only fit when the triangle is visible
        true_slope = _TRUE_SECANT[function]
        truncation = abs(true_slope(x0, eps) - exact)  # the secant's own error, exact arithmetic
        rounding = abs(slope - true_slope(x0, eps))
        round_off = bool(rounding > 1e-12 and rounding >= truncation)
        larger = errors[_EPS_GRID > eps * (1 + 1e-9)]
        worse = bool(larger.size and err > 2 * larger.min())
        # x³ left of 0: ε(3x₀ + ε) first grows as ε shrinks past −3x₀, then shrinks.
        shrinking = abs(true_slope(x0, eps / 10 ** 0.25) - exact) < truncation
        if eps >= 1e-3:
            note = ""
        elif err < 1e-3 * (1 + abs(exact)):  # within a line's width over the plotted range
            note = "tiny ε: the secant lies on top of the tangent"
        else:  # e.g. x² + 1 at x₀ = 3, ε = 1e-14: slope 6.2 instead of 6, visibly tilted
            note = "tiny ε, but round-off tilts the secant\naway from the tangent"
        err_note = (f"ε = {eps:.0e}: round-off! f(x₀+ε) and f(x₀) agree\n"
                    "in almost all their digits, so their difference\nis mostly rounding noise"
                    if round_off and err > 1e-9 else "")  # visible noise, not a last-digit wobble
        line = f"{head}: secant slope {slope:.10g}, f′(x₀) = {exact:.10g}, error {err:.1e}"
        if round_off:
            if worse:
                description = line + ", worse than at larger ε: round-off noise"
            elif err < truncation / 2:
                description = (line + f": round-off noise, which here happens to hide the secant's own "
                               f"error ({truncation:.1e})")
            else:
                description = line + ": round-off noise now outweighs the secant's own error"
        elif err < 1e-12:
            description = line + ": the secant has the tangent's slope"
        elif shrinking:
            description = line + ": the error shrinks as ε shrinks"
        else:
            description = line + ": the secant is not the tangent yet, and here its error grows before it shrinks"
        return {"secant_y": [y0 + slope * (lo - x0), y0 + slope * (hi - x0)], "run_x": [x0, x1], "run_y": [y0, y0],
                "rise_x": [x1, x1], "rise_y": [y0, y1], "run_y_points": [y0, y1],
                "run_text_x": x0, "run_text_y": y0, "run_text": f"width ε = {eps:.3g}" if big else "",
                "rise_text_x": x1 - 0.05 if near_right else x1 + 0.05, "rise_text_y": (y0 + y1) / 2,
                "rise_text": f"height {y1 - y0:.3g}" if big else "", "rise_text_ha": "right" if near_right else "left",
                "title": (f"f(x) = {function},  x₀ = {x0:.1f},  ε = {eps:.1e}\n"
                          f"secant slope (f(x₀+ε) − f(x₀)) / ε = {slope:.10g}"),
                "note": note, "dot_y": [float(np.log10(max(err, _ERR_FLOOR)))],
                "round_off_label": "round-off:\nerror ≈ 1e-16 · |f| / ε" if eps < 1e-6 else "",
                "slope_text": f"f′(x₀) = {exact:.10g};  error of the secant slope = {err:.1e}",
                "err_note": err_note, "description": description, "slope": slope, "exact": exact}
