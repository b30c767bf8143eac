"""Explorers for notebook 05 (gradient descent)."""

import html

import ipywidgets as widgets
import numpy as np
from matplotlib import rcParams
from matplotlib.ticker import MaxNLocator, NullLocator

from .. import plots
from .._validation import as_count, as_real
from ..optim import SURFACES, get_surface, gradient_descent
from ..plots.style import PALETTE
from .base import Explorer

__all__ = ["GradientDescentExplorer"]


# The cost panel shows J - lowest J on a log scale between these bounds: convergence to
# machine precision at the bottom, clearly-exploding costs pinned at the top.
_GAP_MIN, _GAP_MAX = 1e-12, 1e6


class GradientDescentExplorer(Explorer):
    """Run gradient descent on a surface: choose the learning rate, the start and the steps.

    Left: the path on the contour map. Right: the cost at every step. The title says what
    happened: converged after k steps, diverged, or still moving.

    Parameters
    ----------
    surface : str
        ``"round bowl"``, ``"narrow valley"`` or ``"two minima"``.
    learning_rate : float
        Initial α (log slider from 0.001 to about 3).
    x0, y0 : float
        Start point (each in [-3, 3]).
    steps : int
        Largest number of steps (1 to 200).
    """

    NOTEBOOK = "05"
    examples = {"notebook 05": dict(surface="round bowl", learning_rate=0.1, x0=-2.5, y0=2.0, steps=50),
                "narrow valley": dict(surface="narrow valley", learning_rate=0.45, x0=-2.5, y0=2.0, steps=200)}

    def __init__(self, surface="round bowl", learning_rate=0.1, x0=-2.5, y0=2.0, steps=50):
        get_surface(surface)  # a clear error for an unknown name, before any widget exists
        # Clear errors for bad start values; a value beyond a slider's end is clipped, as a drag would be.
        learning_rate = as_real(learning_rate, "learning_rate", positive=True, allow_inf=True)
        x0, y0 = as_real(x0, "x0", allow_inf=True), as_real(y0, "y0", allow_inf=True)
        steps = as_count(steps, "steps", minimum=1)
        self.status = widgets.HTML(value="")
        self._surface_name = None
        self.result = self.surface = None
        style = {"description_width": "initial"}
        super().__init__(
            {
                "surface": widgets.Dropdown(options=list(SURFACES), value=surface, description="surface"),
                "learning_rate": widgets.FloatLogSlider(
                    value=learning_rate, base=10, min=-3, max=0.5, step=0.05,
                    description="learning rate α", readout_format=".3g", style=style),
                "x0": widgets.FloatSlider(value=x0, min=-3, max=3, step=0.1, description="start w₁", style=style),
                "y0": widgets.FloatSlider(value=y0, min=-3, max=3, step=0.1, description="start w₂", style=style),
                "steps": widgets.IntSlider(value=steps, min=1, max=200, step=1, description="max steps", style=style),
            },
            figsize=(9.6, 4.3), title="Gradient-descent explorer", below=[self.status],
        )
        self.warm_backgrounds("surface")  # each surface's contours drawn now: a first switch is fast too

    def setup(self, fig):
        self.ax = plots.style_axes(fig.add_axes([0.06, 0.12, 0.42, 0.74]), xlabel="$w_1$", ylabel="$w_2$",
                                   grid=False)
        self.ax_cost = plots.style_axes(fig.add_axes([0.60, 0.12, 0.37, 0.74]),
                                        ylabel="J − lowest J (log scale)")
        self.ax_cost.set_xlabel("step", labelpad=13)
        # log10 on a linear axis with fixed ticks: a real log axis re-computes its many
        # minor ticks on every render and doubled the update time.
        lo, hi = np.log10(_GAP_MIN), np.log10(_GAP_MAX)
        ticks = np.arange(lo, hi + 1, 3)
        self.ax_cost.set_yticks(ticks, [f"1e{int(t)}" for t in ticks])
        self.ax_cost.set_ylim(lo - 0.5, hi + 1)
        self.ax_cost.yaxis.set_minor_locator(NullLocator())
        self._surface_artists = {}  # surface name -> its contour sets and minima markers
        self.path = plots.plot_path(self.ax, np.zeros((1, 2)), (-3, 3), (-3, 3), markersize=3.5)
        (self.cost_line,) = self.ax_cost.plot([], [], "-", color=PALETTE["blue"], linewidth=1.8)
        (self.cost_end,) = self.ax_cost.plot([], [], "o", color=PALETTE["blue"])
        self.ax_cost.axhline(np.log10(_GAP_MIN), color="#999999", linewidth=0.8, linestyle=":")
        # The step axis follows the "max steps" slider. Its ticks and vertical grid lines are
        # moving parts (below), so the cached background never depends on the step count.
        self.ax_cost.set_xticks([])
        (self.step_grid,) = self.ax_cost.plot([], [], color="#dddddd", linewidth=0.8, zorder=0,
                                              transform=self.ax_cost.get_xaxis_transform())
        self.step_labels = [self.ax_cost.text(0, -0.015, "", transform=self.ax_cost.get_xaxis_transform(),
                                              ha="center", va="top", fontsize=rcParams["xtick.labelsize"])
                            for _ in range(8)]
        self.note = plots.message(self.ax)
        self.cost_note = plots.message(self.ax_cost)
        # Titles as figure texts: an Axes title re-measures the whole Axes on every render.
        self.title_text = fig.text(0.27, 0.885, "", ha="center", va="bottom", fontsize=10)
        self.cost_title = fig.text(0.785, 0.885, "", ha="center", va="bottom", fontsize=10)
        self.set_moving([self.step_grid, *self.step_labels, *self.path.artists,
                         self.cost_line, self.cost_end, self.note, self.cost_note, self.title_text,
                         self.cost_title])

    def background_key(self):
        return self._surface_name  # contours and axes change only with the surface

    def _set_surface(self, s):
        for contours, minima in self._surface_artists.values():
            for artist in (*contours.all(), minima):
                artist.set_visible(False)
        if s.name not in self._surface_artists:
            contours = plots.plot_contours(self.ax, s.f, s.xlim, s.ylim, n=120)
            mins = np.array(s.minima)
            (minima,) = self.ax.plot(mins[:, 0], mins[:, 1], "+", color="black", markersize=11, zorder=3)
            self._surface_artists[s.name] = (contours, minima)
        for artist in (*self._surface_artists[s.name][0].all(), self._surface_artists[s.name][1]):
            artist.set_visible(True)
        self.ax.set_xlim(*s.xlim)
        self.ax.set_ylim(*s.ylim)
        self.ax.set_xticks(np.linspace(*s.xlim, 3))
        self.ax.set_yticks(np.linspace(*s.ylim, 3))
        self._surface_name = s.name

    def draw(self, surface, learning_rate, x0, y0, steps):
        s = get_surface(surface)
        if s.name != self._surface_name:
            self._set_surface(s)
        res = gradient_descent(s.grad, np.array([x0, y0], dtype=float), learning_rate,
                               max_steps=steps, tol=1e-6, f=s.f)
        self.result, self.surface = res, s
        self.path.xlim, self.path.ylim = s.xlim, s.ylim
        left = self.path.update(res.path).left

        gap = np.log10(np.clip(res.values - s.lowest, _GAP_MIN, _GAP_MAX))
        self.cost_line.set_data(np.arange(len(gap)), gap)
        self.cost_end.set_data([len(gap) - 1], gap[-1:])
        self.ax_cost.set_xlim(0, steps)
        ticks = MaxNLocator(5, integer=True).tick_values(0, steps)
        ticks = ticks[(ticks >= 0) & (ticks <= steps)][: len(self.step_labels)]
        self.step_grid.set_data(np.repeat(ticks, 3), np.tile([0.0, 1.0, np.nan], len(ticks)))
        for i, label in enumerate(self.step_labels):
            label.set_text(f"{ticks[i]:.0f}" if i < len(ticks) else "")
            label.set_x(ticks[i] if i < len(ticks) else 0)

        words = res.summary(s.lowest, left)
        self.title_text.set_text(f"{s.name}, α = {learning_rate:.3g}\n{words.text}")
        self.title_text.set_color(PALETTE["vermillion"] if words.bad_news else "black")
        plots.message(self.ax, ("diverged - " if res.diverged else "") + "the path left the map" if left else "",
                      artist=self.note)
        top = res.values[-1] - s.lowest > _GAP_MAX
        plots.message(self.ax_cost, "cost beyond the top of the plot" if top else "", artist=self.cost_note)
        self.cost_title.set_text(f"cost per step: J = {res.values[-1]:.4g} after {res.steps} "
                                 + ("step" if res.steps == 1 else "steps"))
        # The full sentence goes below the picture as HTML: drawing ~100 more glyphs into the
        # figure is a large share of an update (benchmarks/RESULTS.md); the figure's titles already say what happened.
        self.status.value = f"<span style='font-size:0.95em'>{html.escape(res.status)}</span>"

    def describe(self):
        """One line: the surface, α, the start and what gradient descent did (converged, diverged...)."""
        res, s = self.result, self.surface
        if res is None:
            return "Gradient-descent explorer: nothing drawn yet."
        words = res.summary(s.lowest, self.path.left)
        start = res.path[0]
        return (f"{s.name}, learning rate {res.learning_rate:.3g}, start ({start[0]:.1f}, {start[1]:.1f}): "
                f"{words.text}; cost J = {res.values[-1]:.4g} (lowest possible {s.lowest:.4g}).")
