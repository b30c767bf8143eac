"""A first, tiny explorer for notebook 00: a straight line and its two parameters."""

import ipywidgets as widgets
import numpy as np

from .. import plots
from .._validation import as_real
from .base import Explorer

__all__ = ["LineExplorer"]


def _num(v):
    """``v`` with one decimal (as the sliders step), more digits only when a set value needs them."""
    v = float(v) + 0.0  # + 0.0 turns -0.0 into 0.0
    text = f"{v:.1f}" if abs(v * 10 - round(v * 10)) < 1e-9 else f"{v:.3g}"
    return "0.0" if text in ("-0.0", "-0") else text


class LineExplorer(Explorer):
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

    def setup(self, fig):
        self.ax = plots.style_axes(fig.subplots(), xlabel="x", ylabel="y")
        self.x = np.linspace(-3, 3, 2)
        (self.line,) = self.ax.plot(self.x, self.x, linewidth=2.5)
        (self.point,) = self.ax.plot([0], [0], "o", color=plots.PALETTE["vermillion"], zorder=4)
        self.ax.axhline(0, color="black", linewidth=0.8)
        self.ax.axvline(0, color="black", linewidth=0.8)
        self.ax.set_xlim(-3, 3)
        self.ax.set_ylim(-6, 6)
        self.note = plots.message(self.ax)
        fig.subplots_adjust(left=0.12, right=0.97, bottom=0.14, top=0.88)
        # Axes, ticks and the zero lines are drawn once (blitting); only these are redrawn per move.
        self.set_moving([self.line, self.point, self.ax.title, self.note])

    def draw(self, w, b):
        self.line.set_ydata(w * self.x + b)
        self.point.set_ydata([b])
        self.ax.set_title(f"y = {_num(w)} x {'+' if b >= 0 else '-'} {_num(abs(b))}   (crosses the y-axis at b)",
                          fontsize=10)
        plots.message(self.ax, "w = 0: a flat line - y does not depend on x" if w == 0 else "",
                      artist=self.note)

    def describe(self):
        """One line: where the line crosses the y-axis and how steeply it rises or falls."""
        w, b = self.params["w"] + 0.0, self.params["b"] + 0.0  # + 0.0 turns -0.0 into 0.0
        if w == 0:
            return f"slope w = 0, intercept b = {_num(b)}: a flat line at y = {_num(b)}; y does not depend on x"
        trend = "rises" if w > 0 else "falls"
        return (f"slope w = {_num(w)}, intercept b = {_num(b)}: the line crosses the y-axis at {_num(b)} "
                f"and {trend} by {_num(abs(w))} for every step of 1 to the right")
