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
from . import _scene as sc
from ._browser import BrowserExplorer, Table

__all__ = ["UnitBallExplorer", "VectorNormExplorer"]

# The slider's stops, from below 1 (not a norm) to infinity (the max-norm), labelled for people.
P_OPTIONS = [("0.25", 0.25), ("0.5", 0.5), ("0.75", 0.75), ("1", 1.0), ("1.25", 1.25),
             ("1.5", 1.5), ("2", 2.0), ("3", 3.0), ("4", 4.0), ("8", 8.0), ("20", 20.0),
             ("∞ (max-norm)", np.inf)]
_P_VALUES = [v for _, v in P_OPTIONS]
_X, _Y = np.array([1.0, 0.0]), np.array([0.0, 1.0])


class UnitBallExplorer(BrowserExplorer):
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

    # The ball's panel is square (equal scales); the words sit on its right.
    BALL_RECT = (0.07, 0.12, 0.39, 0.78)
    WORDS_RECT = (0.50, 0.12, 0.49, 0.78)

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

    def scene(self):
        black, grey = plots.PALETTE["black"], plots.PALETTE["grey"]
        panels = [sc.panel("ball", self.BALL_RECT, (-1.6, 1.6), (-1.6, 1.6), xlabel="x₁", ylabel="x₂",
                           xticks=[-1, 0, 1], yticks=[-1, 0, 1]),
                  sc.panel("words", self.WORDS_RECT, (0, 1), (0, 1), xticks=[], yticks=[], grid=False, spines=())]
        marks = [sc.line("ball", [-1.6, 1.6], [0, 0], color=grey, width=0.8),
                 sc.line("ball", [0, 0], [-1.6, 1.6], color=grey, width=0.8)]
        for q in (1, 2, np.inf):
            pts = unit_ball_boundary(q)
            marks.append(sc.line("ball", pts[0], pts[1], color=NORM_COLORS[q], width=1.0, dash=[1, 1.65],
                                 alpha=sc.ref("outline_alpha")))
        marks += [
            sc.area("ball", sc.ref("ball_x"), sc.ref("ball_y"), fill=sc.ref("color"), alpha=0.25),
            sc.line("ball", sc.ref("ball_x"), sc.ref("ball_y"), color=sc.ref("color"), width=2.0),
            sc.line("ball", [_X[0], _Y[0]], [_X[1], _Y[1]], color=black, width=1, dash=[3.7, 1.6]),
            sc.points("ball", [0.5], [0.5], color=sc.ref("mid_color"), edge=black),
            sc.points("ball", [1, 0, 1], [0, 1, 1], color=black),
            sc.text("ball", 1.05, -0.12, "x", size=12, ha="left", va="top"),
            sc.text("ball", -0.12, 1.05, "y", size=12, ha="right", va="baseline"),
            sc.text("ball", 1.05, 1.05, "x + y", size=12, ha="left", va="baseline"),
            sc.text("ball", 0.5, 1.02, sc.ref("ball_title"), size=12, va="bottom", coords="axes"),
        ]
        marks += [sc.text("words", 0.02, 0.85 - 0.12 * k, sc.ref(f"row{k}"), size=11, ha="left", va="top",
                          coords="axes") for k in range(3)]
        marks += [sc.text("words", 0.02, 0.42, sc.ref("verdict"), size=12, ha="left", va="top", coords="axes",
                          color=sc.ref("verdict_color"), weight="bold"),
                  sc.message("ball", sc.ref("note"))]
        return panels, marks

    def tables(self):
        return [Table(("p",), self._ball), Table(("compare",), lambda compare: {
            "outline_alpha": np.where(compare, 1.0, 0.0)})]

    @staticmethod
    def _ball(p):
        rows = {key: [] for key in ("ball_x", "ball_y", "color", "mid_color", "ball_title", "row0", "row1",
                                    "row2", "verdict", "verdict_color", "note", "description")}
        for value in p.tolist():
            for key, v in _ball_state(value).items():
                rows[key].append(v)
        return {k: np.array(v) if k in ("ball_x", "ball_y") else v for k, v in rows.items()}


def _ball_state(p):
    """Everything the unit-ball picture and its description say at one ``p`` (12 stops: a loop is fine)."""
    norm_ok = p >= 1
    color = plots.PALETTE["blue"] if norm_ok else plots.PALETTE["vermillion"]
    pts = unit_ball_boundary(p)
    q = p_text(p)
    sum_xy, mid = lp_value(_X + _Y, p), lp_value((_X + _Y) / 2, p)
    formula = "max(1, 1)" if p == np.inf else f"2^(1/{q})"
    sign = "≤" if norm_ok else ">"
    if norm_ok:
        verdict = "triangle inequality holds,\nball is convex: a norm" + (
            "\n(p = ∞: largest |coordinate|)" if p == np.inf else "")
    else:
        verdict = "triangle inequality FAILS,\nball is NOT convex"
    return {
        "ball_x": pts[0], "ball_y": pts[1], "color": color,
        "mid_color": "white" if norm_ok else plots.PALETTE["vermillion"],
        "ball_title": f"‖x‖ₚ ≤ 1 with p = {q}",
        "row0": "x = (1, 0) and y = (0, 1): ‖x‖ = ‖y‖ = 1",
        "row1": f"‖x + y‖ = {formula} = {sum_xy:.2f} {sign} 2",
        "row2": f"midpoint: ‖(½, ½)‖ = {mid:.2f} {sign} 1",
        "verdict": verdict, "verdict_color": plots.PALETTE["green"] if norm_ok else plots.PALETTE["vermillion"],
        "note": "" if norm_ok else f"p = {q} < 1: not a norm",
        "description": _ball_description(p, sum_xy, mid),
    }


def _ball_description(p, sum_xy, mid):
    """One line: the current p, the shape of its ball and whether it is a norm."""
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


class VectorNormExplorer(BrowserExplorer):
    """Set the two components of ``x`` and see its L¹, L² and L∞ lengths, drawn and computed.

    Parameters
    ----------
    x1, x2 : float
        Starting components, in [-5, 5].
    """

    NOTEBOOK = "03"
    examples = {"notebook 03": dict(x1=3, x2=-2)}

    LIMIT = 5.0
    # The vector's panel is square (equal scales on both axes); the bars sit on its right.
    VECTOR_RECT = (0.07, 0.3, 0.351, 0.67)
    BARS_RECT = (0.53, 0.3, 0.45, 0.67)

    def __init__(self, x1=3.0, x2=-2.0):
        x1, x2 = as_real(x1, "x1"), as_real(x2, "x2")
        controls = {
            name: widgets.FloatSlider(value=float(np.clip(v, -self.LIMIT, self.LIMIT)),
                                      min=-self.LIMIT, max=self.LIMIT, step=0.5,
                                      description=label, continuous_update=True)
            for name, label, v in (("x1", "x₁", x1), ("x2", "x₂", x2))
        }
        super().__init__(controls, figsize=(8.4, 4.4), title="Vector-norm explorer")

    def scene(self):
        lim = self.LIMIT + 0.5
        colors = [NORM_COLORS[1], NORM_COLORS[2], NORM_COLORS[np.inf]]
        names = ["L¹\ntaxicab", "L²\nstraight\nline", "L∞\nlargest\n|coord.|"]
        panels = [
            sc.panel("vector", self.VECTOR_RECT, (-lim, lim), (-lim, lim), xlabel="x₁", ylabel="x₂",
                     xticks=[-5, 0, 5], yticks=[-5, 0, 5]),
            sc.panel("bars", self.BARS_RECT, (-0.6, 2.6), (0, 2 * self.LIMIT * 1.15), xticks=[0, 1, 2],
                     xticklabels=names, yticks=[], grid=False, spines=("bottom",)),
        ]
        grey = plots.PALETTE["grey"]
        _, bottom, _, height = self.VECTOR_RECT
        marks = [
            sc.line("vector", [-lim, lim], [0, 0], color=grey, width=0.8),
            sc.line("vector", [0, 0], [-lim, lim], color=grey, width=0.8),
            sc.line("vector", sc.ref("l1_x"), sc.ref("l1_y"), color=colors[0], width=3, dash=[3.7, 1.6]),
            sc.line("vector", sc.ref("linf_x"), sc.ref("linf_y"), color=colors[2], width=7, alpha=0.6),
            sc.line("vector", sc.ref("l2_x"), sc.ref("l2_y"), color=colors[1], width=2.5),
            sc.points("vector", sc.ref("x1"), sc.ref("x2"), color=plots.PALETTE["black"]),
        ]
        for k, color in enumerate(colors):
            marks.append(sc.rect("bars", k - 0.4, 0, 0.8, sc.ref(f"bar{k}"), fill=color, alpha=1.0))
            marks.append(sc.text("bars", k, sc.ref(f"bar{k}_y"), sc.ref(f"bar{k}_text"), size=11, va="bottom"))
            # Under the vector's panel, in figure coordinates turned into the panel's own.
            marks.append(sc.text("vector", 0.0, (0.16 - 0.06 * k - bottom) / height, sc.ref(f"formula{k}"),
                                 size=11, color=color, ha="left", va="baseline", coords="axes"))
        marks.append(sc.message("vector", sc.ref("note")))
        return panels, marks

    def tables(self):
        return [Table(("x1",), lambda x1: {"x1": x1[:, None]}),
                Table(("x2",), lambda x2: {"x2": x2[:, None]}),
                Table(("x1", "x2"), self._lengths)]

    @staticmethod
    def _lengths(x1, x2):
        n, zero = len(x1), np.zeros(len(x1))
        x = np.column_stack([x1, x2])
        l1, l2, linf = np.abs(x).sum(axis=1), np.hypot(x1, x2), np.abs(x).max(axis=1)
        along_x1 = np.abs(x1) >= np.abs(x2)
        notes = [_vector_note(a, b) for a, b in zip(x1.tolist(), x2.tolist())]
        a, b = [paren(v) for v in x1.tolist()], [paren(v) for v in x2.tolist()]
        out = {
            "l1_x": np.column_stack([zero, x1, x1]), "l1_y": np.column_stack([zero, zero, x2]),
            "l2_x": np.column_stack([zero, x1]), "l2_y": np.column_stack([zero, x2]),
            "linf_x": np.column_stack([zero, np.where(along_x1, x1, 0.0)]),
            "linf_y": np.column_stack([zero, np.where(along_x1, 0.0, x2)]),
            "note": notes,
            "formula0": [f"‖x‖₁ = |{a[i]}| + |{b[i]}| = {l1[i]:.2f}" for i in range(n)],
            "formula1": [f"‖x‖₂ = √({a[i]}² + {b[i]}²) = {l2[i]:.2f}" for i in range(n)],
            "formula2": [f"‖x‖∞ = max(|{a[i]}|, |{b[i]}|) = {linf[i]:.2f}" for i in range(n)],
            "description": [_vector_description(*v) for v in zip(x1.tolist(), x2.tolist(), l1, l2, linf, notes)],
        }
        for k, v in enumerate((l1, l2, linf)):
            out.update({f"bar{k}": v, f"bar{k}_y": v + 0.15, f"bar{k}_text": [f"{h:.2f}" for h in v]})
        return out


def _vector_note(x1, x2):
    if x1 == 0 and x2 == 0:
        return "x = 0: length 0 in every norm"
    if abs(x1) == abs(x2):
        return "|x₁| = |x₂|: a tie for the largest"
    if x1 == 0 or x2 == 0:
        return "on an axis: all three lengths agree"
    return ""


def _vector_description(x1, x2, l1, l2, linf, note):
    """One line: the vector and its three lengths."""
    line = (f"x = ({x1:g}, {x2:g}): ‖x‖₁ = {l1:.2f} (taxicab), ‖x‖₂ = {l2:.2f} (straight line), "
            f"‖x‖∞ = {linf:.2f} (largest |coordinate|)")
    return f"{line}; {note}." if note else f"{line}."
