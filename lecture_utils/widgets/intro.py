"""A first, tiny explorer for notebook 00: a straight line and its two parameters."""

import ipywidgets as widgets
import numpy as np

from .. import plots
from .._validation import as_real
from . import _scene as sc
from ._browser import BrowserExplorer, Table, each

__all__ = ["LineExplorer"]

X = np.array([-3.0, 3.0])  # the line is straight: its two ends across the panel are all it needs


def _num(v):
    """``v`` with one decimal (as the sliders step), more digits only when a set value needs them."""
    v = float(v) + 0.0  # + 0.0 turns -0.0 into 0.0
    text = f"{v:.1f}" if abs(v * 10 - round(v * 10)) < 1e-9 else f"{v:.3g}"
    return "0.0" if text in ("-0.0", "-0") else text


def _title(w, b):
    return f"y = {_num(w)} x {'+' if b >= 0 else '-'} {_num(abs(b))}   (crosses the y-axis at b)"


def _describe(w, b):
    w, b = w + 0.0, b + 0.0  # + 0.0 turns -0.0 into 0.0
    if w == 0:
        return f"slope w = 0, intercept b = {_num(b)}: a flat line at y = {_num(b)}; y does not depend on x"
    trend = "rises" if w > 0 else "falls"
    return (f"slope w = {_num(w)}, intercept b = {_num(b)}: the line crosses the y-axis at {_num(b)} "
            f"and {trend} by {_num(abs(w))} for every step of 1 to the right")


class LineExplorer(BrowserExplorer):
    """Drag the slope ``w`` and intercept ``b`` of ``y = w x + b`` and watch the line move."""

    NOTEBOOK = "00"
    examples = {"notebook 00": dict(w=1.0, b=0.5)}

    def __init__(self, w=1.0, b=0.0):
        w, b = as_real(w, "w", allow_inf=True), as_real(b, "b", allow_inf=True)  # clipped like a drag
        super().__init__(
            {
                "w": widgets.FloatSlider(value=w, min=-3, max=3, step=0.1, description="slope w"),
                "b": widgets.FloatSlider(value=b, min=-3, max=3, step=0.1, description="intercept b"),
            },
            figsize=(5.5, 3.6), title="Line explorer: y = w x + b",
        )

    def scene(self):
        panels = [sc.panel("main", (0.12, 0.14, 0.85, 0.74), (-3, 3), (-6, 6), xlabel="x", ylabel="y",
                           zero_lines=True)]
        marks = [
            sc.line("main", X, sc.ref("line_y"), width=2.5),
            sc.points("main", [0.0], sc.ref("intercept_y"), color=plots.PALETTE["vermillion"]),
            sc.text("main", 0.5, 1.02, sc.ref("title"), size=10, va="bottom", coords="axes"),
            sc.message("main", sc.ref("note")),
        ]
        return panels, marks

    def tables(self):
        return [Table(("w", "b"), self._line), Table(("b",), self._intercept)]

    @staticmethod
    def _line(w, b):
        return {"line_y": w[:, None] * X + b[:, None], "title": each(_title, w, b),
                "note": ["w = 0: a flat line - y does not depend on x" if v == 0 else "" for v in w],
                "description": each(_describe, w, b)}

    @staticmethod
    def _intercept(b):
        return {"intercept_y": b[:, None]}
