"""Explorers for notebook 03 (norms): the unit ball for every p, and the lengths of a vector."""

import ipywidgets as widgets
import numpy as np

from .. import plots
from .._validation import as_real
from ..plots.matrices import paren
from ..plots.norms import (
    NORM_COLORS,
    lp_value,
    p_text,
    unit_ball_boundary,
)
from .base import Explorer

__all__ = ["UnitBallExplorer", "VectorNormExplorer"]

# The slider's stops, from below 1 (not a norm) to infinity (the max-norm), labelled for people.
P_OPTIONS = [("0.25", 0.25), ("0.5", 0.5), ("0.75", 0.75), ("1", 1.0), ("1.25", 1.25),
             ("1.5", 1.5), ("2", 2.0), ("3", 3.0), ("4", 4.0), ("8", 8.0), ("20", 20.0),
             ("∞ (max-norm)", np.inf)]
_P_VALUES = [v for _, v in P_OPTIONS]
_X, _Y = np.array([1.0, 0.0]), np.array([0.0, 1.0])


class UnitBallExplorer(Explorer):
    """The unit ball ``{x : ||x||_p <= 1}`` in 2-D, for p from 0.25 (not a norm) up to infinity.

    The points x = (1, 0) and y = (0, 1) lie on every unit circle; the panel on the right
    tests the triangle inequality on them. For p < 1 it fails (``||x + y||_p = 2^(1/p) > 2``)
    and the ball is not convex (the midpoint of x and y is outside it): the figure says so.

    Parameters
    ----------
    p : float
        Starting value, one of the slider's stops (0.25 ... 20, ``np.inf``); another value
        is moved to the nearest stop.
    """

    NOTEBOOK = "03"
    examples = {"notebook 03": dict(p=1.0)}

    def __init__(self, p=2.0):
        p = as_real(p, "p", finite=False, positive=True)
        finite = [v for v in _P_VALUES if np.isfinite(v)]
        start = np.inf if p == np.inf else min(finite, key=lambda v: abs(np.log(v / p)))
        controls = {
            "p": widgets.SelectionSlider(options=P_OPTIONS, value=start, description="p",
                                         continuous_update=True,
                                         layout=widgets.Layout(width="420px")),
            "compare": widgets.Checkbox(value=True, description="show p = 1, 2, ∞ outlines"),
        }
        super().__init__(controls, figsize=(8.4, 4.2), title="Unit-ball explorer")
        self.warm_backgrounds("compare")

    def setup(self, fig):
        self.ax, self.panel = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.05]})
        fig.subplots_adjust(left=0.07, right=0.99, bottom=0.12, top=0.9, wspace=0.08)
        # Plain-text labels and few ticks: text is most of the render time of each update.
        ax = plots.style_axes(self.ax, xlabel="x₁", ylabel="x₂")
        ax.set_xticks([-1, 0, 1])
        ax.set_yticks([-1, 0, 1])
        ax.axhline(0, color=plots.PALETTE["grey"], linewidth=0.8)
        ax.axvline(0, color=plots.PALETTE["grey"], linewidth=0.8)
        self.refs = [plots.plot_unit_ball(ax, q, fill=False, linewidth=1.0).line for q in (1, 2, np.inf)]
        for line in self.refs:
            line.set_linestyle(":")
        ball = plots.plot_unit_ball(ax, 2.0, color=plots.PALETTE["blue"], alpha=0.25)
        self.line, self.patch = ball.line, ball.patch
        ax.plot([_X[0], _Y[0]], [_X[1], _Y[1]], "--", color=plots.PALETTE["black"], linewidth=1)
        self.mid = ax.plot([0.5], [0.5], "o", markersize=6, color=plots.PALETTE["black"],
                           markerfacecolor="white")[0]
        self.points = ax.plot([1, 0, 1], [0, 1, 1], "o", color=plots.PALETTE["black"], markersize=6)[0]
        ax.text(1.05, -0.12, "x", fontsize=12, va="top")
        ax.text(-0.12, 1.05, "y", fontsize=12, ha="right")
        ax.text(1.05, 1.05, "x + y", fontsize=12)
        ax.set_xlim(-1.6, 1.6)
        ax.set_ylim(-1.6, 1.6)
        ax.set_aspect("equal")
        self.ball_title = ax.set_title("")
        self.panel.axis("off")
        self.lines = [self.panel.text(0.02, 0.85 - 0.12 * k, "", fontsize=11, va="top",
                                      transform=self.panel.transAxes) for k in range(3)]
        self.verdict = self.panel.text(0.02, 0.42, "", fontsize=12, va="top",
                                       transform=self.panel.transAxes, fontweight="bold")
        self.note = plots.message(self.ax)
        # Blitting: axes, ticks and the reference outlines are drawn once (per "compare").
        self.set_moving([self.patch, self.line, self.mid, self.points, self.ball_title, *self.lines,
                         self.verdict, self.note])

    def background_key(self):
        return self.controls["compare"].value  # the p = 1, 2, inf outlines are in the background

    def draw(self, p, compare):
        norm_ok = p >= 1
        color = plots.PALETTE["blue"] if norm_ok else plots.PALETTE["vermillion"]
        pts = unit_ball_boundary(p)
        self.line.set_data(pts[0], pts[1])
        self.line.set_color(color)
        self.patch.set_xy(pts.T)
        self.patch.set_facecolor(color)
        for line in self.refs:
            line.set_visible(compare)
        q = p_text(p)
        sub = r"\infty" if p == np.inf else q
        self.ball_title.set_text(rf"$\Vert x \Vert_{{{sub}}} \leq 1$")
        sum_xy = lp_value(_X + _Y, p)
        mid = lp_value((_X + _Y) / 2, p)
        formula = "max(1, 1)" if p == np.inf else f"2^(1/{q})"
        # Few, short texts: every glyph costs render time on each update.
        rows = [
            "x = (1, 0) and y = (0, 1): ‖x‖ = ‖y‖ = 1",
            f"‖x + y‖ = {formula} = {sum_xy:.2f} {'≤' if norm_ok else '>'} 2",
            f"midpoint: ‖(½, ½)‖ = {mid:.2f} {'≤' if norm_ok else '>'} 1",
        ]
        for text, row in zip(self.lines, rows):
            text.set_text(row)
        self.mid.set_markerfacecolor("white" if norm_ok else plots.PALETTE["vermillion"])
        if norm_ok:
            verdict = "triangle inequality holds,\nball is convex: a norm"
            if p == np.inf:
                verdict += "\n(p = ∞: largest |coordinate|)"
            self.verdict.set_color(plots.PALETTE["green"])
            plots.message(self.ax, "", artist=self.note)
        else:
            verdict = "triangle inequality FAILS,\nball is NOT convex"
            self.verdict.set_color(plots.PALETTE["vermillion"])
            plots.message(self.ax, f"p = {q} < 1: not a norm", artist=self.note)
        self.verdict.set_text(verdict)
        self._state = (p, sum_xy, mid)

    def describe(self):
        """One line: the current p, the shape of its ball and whether it is a norm."""
        p, sum_xy, mid = self._state
        q = p_text(p)
        shape = {1.0: "a diamond", 2.0: "a disc", np.inf: "a square"}.get(p)
        if shape is None:
            shape = "a star caving in between the axes" if p < 1 else (
                "between the diamond and the disc" if p < 2 else "between the disc and the square")
        if p >= 1:
            return (f"p = {q}: the unit ball is {shape}; ‖(1, 0) + (0, 1)‖ = {sum_xy:.2f} ≤ 2, "
                    "the triangle inequality holds: a norm.")
        return (f"p = {q}: the unit ball is {shape}, not convex; ‖(1, 0) + (0, 1)‖ = {sum_xy:.2f} > 2, "
                f"the triangle inequality fails (midpoint length {mid:.2f} > 1): not a norm.")


class VectorNormExplorer(Explorer):
    """Set the two components of ``x`` and see its L¹, L² and L∞ lengths, drawn and computed.

    Parameters
    ----------
    x1, x2 : float
        Starting components, in [-5, 5].
    """

    NOTEBOOK = "03"
    examples = {"notebook 03": dict(x1=3, x2=-2)}

    LIMIT = 5.0

    def __init__(self, x1=3.0, x2=-2.0):
        x1, x2 = as_real(x1, "x1"), as_real(x2, "x2")
        controls = {
            name: widgets.FloatSlider(value=float(np.clip(v, -self.LIMIT, self.LIMIT)),
                                      min=-self.LIMIT, max=self.LIMIT, step=0.5,
                                      description=label, continuous_update=True)
            for name, label, v in (("x1", "x₁", x1), ("x2", "x₂", x2))
        }
        super().__init__(controls, figsize=(8.4, 4.4), title="Vector-norm explorer")

    def setup(self, fig):
        self.ax, self.bars_ax = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.15, 1]})
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.3, top=0.97, wspace=0.3)
        self.artists = plots.plot_vector_norms(self.ax, [0.0, 0.0], lim=self.LIMIT + 0.5, legend=False)
        # Plain labels, few ticks, no legend (the coloured formulas name the colours):
        # every glyph costs render time on each update.
        self.ax.set_xlabel("x₁")
        self.ax.set_ylabel("x₂")
        self.ax.set_xticks([-5, 0, 5])
        self.ax.set_yticks([-5, 0, 5])
        bx = plots.style_axes(self.bars_ax, grid=False)
        bx.set_yticks([])  # the value is written on each bar
        for side in ("left", "right", "top"):
            bx.spines[side].set_visible(False)
        names = ["L¹\ntaxicab", "L²\nstraight\nline", "L∞\nlargest\n|coord.|"]
        colors = [NORM_COLORS[1], NORM_COLORS[2], NORM_COLORS[np.inf]]
        self.bars = bx.bar(names, [0, 0, 0], color=colors)
        self.bar_labels = [bx.text(k, 0, "", ha="center", va="bottom", fontsize=11) for k in range(3)]
        bx.set_ylim(0, 2 * self.LIMIT * 1.15)
        self.formulas = [fig.text(0.07, 0.16 - 0.06 * k, "", fontsize=11, color=c, ha="left")
                         for k, c in enumerate(colors)]
        self.note = plots.message(self.ax)
        # Blitting: axes and ticks are drawn once; only the vector, bars and texts move.
        self.set_moving([*self.artists.all(), *self.bars, *self.bar_labels, *self.formulas,
                         self.note])

    def draw(self, x1, x2):
        x = np.array([x1, x2])
        self.artists.update(x)
        l1, l2, linf = np.abs(x).sum(), float(np.hypot(x1, x2)), np.abs(x).max()
        for bar, label, v in zip(self.bars, self.bar_labels, (l1, l2, linf)):
            bar.set_height(v)
            label.set_y(v + 0.15)
            label.set_text(f"{v:.2f}")
        a, b = paren(x1), paren(x2)
        self.formulas[0].set_text(f"‖x‖₁ = |{a}| + |{b}| = {l1:.2f}   ")
        self.formulas[1].set_text(f"‖x‖₂ = √({a}² + {b}²) = {l2:.2f}   ")
        self.formulas[2].set_text(f"‖x‖∞ = max(|{a}|, |{b}|) = {linf:.2f}   ")
        if l1 == 0:
            note = "x = 0: length 0 in every norm"
        elif abs(x1) == abs(x2):
            note = "|x₁| = |x₂|: a tie for the largest"
        elif x1 == 0 or x2 == 0:
            note = "on an axis: all three lengths agree"
        else:
            note = ""
        plots.message(self.ax, note, artist=self.note)
        self._state = (x1, x2, l1, l2, linf, note)

    def describe(self):
        """One line: the vector and its three lengths."""
        x1, x2, l1, l2, linf, note = self._state
        line = (f"x = ({x1:g}, {x2:g}): ‖x‖₁ = {l1:.2f} (taxicab), ‖x‖₂ = {l2:.2f} (straight line), "
                f"‖x‖∞ = {linf:.2f} (largest |coordinate|)")
        return f"{line}; {note}." if note else f"{line}."

