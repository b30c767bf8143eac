"""GradientDescentExplorer (notebook 05), drawn in the browser: the descent runs where it is drawn.

Its controls reach 3 x 71 x 61 x 61 x 200 settings, far too many to ship. Python ships what
depends on one control (per surface its contour levels, colours and minima; per step budget the
step axis) and the words as templates; ``js/descent.js`` runs ``gradient_descent`` on the
surface at each move and fills the templates, as numpy does here (``tests/test_descent_js.py``
compares both). The numpy run at the current settings is :attr:`GradientDescentExplorer.result`.
"""

import ipywidgets as widgets
import numpy as np
from contourpy import contour_generator
from matplotlib import colormaps
from matplotlib.colors import Normalize, to_hex, to_rgb
from matplotlib.ticker import MaxNLocator

from .. import plots
from .._validation import as_count, as_real
from ..optim import SURFACES, get_surface, gradient_descent
from ..plots.style import BACKGROUND, CMAP, PALETTE
from . import _scene as sc
from ._browser import BrowserExplorer, Table
from ._tables import _nearest

__all__ = ["GradientDescentExplorer"]

# The cost panel shows J - lowest J on a log scale between these bounds: convergence to
# machine precision at the bottom, clearly-exploding costs pinned at the top.
_GAP_MIN, _GAP_MAX = 1e-12, 1e6
TOL = 1e-6  # gradient_descent's tol
CONTOUR_LEVELS, CONTOUR_GRID = 14, 120  # as the explorer has always drawn its maps (plots.plot_contours)

# What GDResult.summary says (a case of GDResult.outcome with the lowest cost and whether the path
# left the map) and GDResult.status says (GDResult.outcome()), as templates: the browser chooses the
# case and fills in the numbers (js/descent.js, descentState). tests/test_widgets_optim.py checks
# them against GDResult's own sentences for every case.
SUMMARY = {
    "stopped": "stopped before the first step",
    "diverged": "diverged after {n}",
    "converged": "converged after {n}",
    "converged-local": "converged after {n} (to the shallower minimum)",
    "no steps": "no steps taken",
    "diverging-cost": "diverging: the cost grew in {n}",
    "diverging-left": "diverging: the path left the map in {n}",
    "stuck": "stuck: bouncing back and forth, the cost is not going down",
    "moving": "still moving after {n}",
    "moving-zigzag": "still moving after {n}",
}
BAD_NEWS = ("stopped", "diverged", "diverging-cost", "diverging-left", "stuck")
_TOO_LARGE = "the learning rate {lrg} is too large"
STATUS = {
    "stopped": "Stopped before the first step: {reason} - check x0 and the function.",
    "diverged": "Diverged after {n}: {reason} - " + _TOO_LARGE + " for this function.",
    "converged": "Converged after {n}: the last step moved x by {change2} < tol = {tolg}, cost J = {J4}.",
    "no steps": "No steps taken (max_steps = {max_steps}), cost J = {J4}.",
    "diverging-cost": "Diverging after {n}: the cost grew from {v04} to {J4} - " + _TOO_LARGE + ".",
    "stuck": "Stuck after {n}: the cost went from {v04} to {J4}, bouncing back and forth - " + _TOO_LARGE + ".",
    "moving": "Still moving after {n} (the last step moved x by {change2}, tol = {tolg}), cost J = {J4}: "
              "allow more steps or try a larger learning rate.",
    "moving-zigzag": "Still moving after {n} (the last step moved x by {change2}, tol = {tolg}), cost J = {J4}: "
                     "allow more steps (the path zig-zags: a larger learning rate would overshoot even more).",
}
STATUS["diverging-left"] = STATUS["diverging-cost"]  # status ignores the view: "diverging" is a cost that grew
# Everything js/descent.js needs besides the tables (spec["descent"]): the words and the limits.
WORDS = {"tol": TOL, "gap": [_GAP_MIN, _GAP_MAX], "bad_news": list(BAD_NEWS), "bad": PALETTE["vermillion"],
         "good": "black", "status": STATUS,
         "title": {k: "{name}, α = {lr3}\n" + v for k, v in SUMMARY.items()},
         "head": {k: "{name}, learning rate {lr3}, start ({x0s}, {y0s}): " + v + "; cost J = {J4} (lowest possible {low4})."
                  for k, v in SUMMARY.items()}}


def _star(radius):
    """A closed five-pointed star around (0, 0): the end-of-path marker, as offsets in data units."""
    angles = np.pi / 2 + np.arange(11) * np.pi / 5
    r = np.where(np.arange(11) % 2 == 0, radius, 0.4 * radius)
    return np.round(r * np.cos(angles), 6), np.round(r * np.sin(angles), 6)


def _plural(steps):
    return f"{steps} step" + ("" if steps == 1 else "s")


class GradientDescentExplorer(BrowserExplorer):
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
    FILL = True

    FIGSIZE = (9.6, 4.3)
    # The map is square (equal scales on both axes), as plot_contours draws it.
    MAP_RECT = (0.104, 0.12, 0.74 * 4.3 / 9.6, 0.74)
    COST_RECT = (0.60, 0.12, 0.37, 0.74)

    def __init__(self, surface="round bowl", learning_rate=0.1, x0=-2.5, y0=2.0, steps=50):
        get_surface(surface)  # a clear error for an unknown name, before any widget exists
        # Clear errors for bad start values; a value beyond a slider's end is clipped, as a drag would be.
        learning_rate = as_real(learning_rate, "learning_rate", positive=True, allow_inf=True)
        x0, y0 = as_real(x0, "x0", allow_inf=True), as_real(y0, "y0", allow_inf=True)
        steps = as_count(steps, "steps", minimum=1)
        self._result = (None, None)
        self._surfaces = {}
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
            figsize=self.FIGSIZE, title="Gradient-descent explorer",
        )

    # --- what Python keeps ------------------------------------------------------------
    @property
    def surface(self):
        """The :class:`~lecture_utils.surfaces.Surface` chosen now."""
        return get_surface(self.params["surface"])

    @property
    def result(self):
        """numpy's :func:`~lecture_utils.optim.gradient_descent` run at the current settings (computed when asked)."""
        key = tuple(sorted(self.params.items()))
        if self._result[0] != key:
            self._result = (key, self._run(self.params))
        return self._result[1]

    @staticmethod
    def _run(settings):
        s = get_surface(settings["surface"])
        return gradient_descent(s.grad, np.array([settings["x0"], settings["y0"]], dtype=float),
                                settings["learning_rate"], max_steps=int(settings["steps"]), tol=TOL, f=s.f)

    # --- the picture ------------------------------------------------------------------
    def scene(self):
        lo, hi = np.log10(_GAP_MIN), np.log10(_GAP_MAX)
        ticks = np.arange(lo, hi + 1, 3)
        ylim = (lo - 0.5, hi + 1)
        panels = [
            sc.moving(sc.panel("map", self.MAP_RECT, (-3, 3), (-3, 3), xlabel="w₁", ylabel="w₂", grid=False),
                      xlim="map_xlim", ylim="map_ylim", xticks="map_ticks", xticklabels="map_ticklabels",
                      yticks="map_yticks", yticklabels="map_yticklabels"),
            sc.moving(sc.panel("cost", self.COST_RECT, (0, 1), ylim, xlabel="step", ylabel="J − lowest J (log scale)",
                               yticks=ticks, yticklabels=[f"1e{int(t)}" for t in ticks]),
                      xlim="cost_xlim", xticks="cost_ticks", xticklabels="cost_ticklabels"),
        ]
        red, blue = PALETTE["vermillion"], PALETTE["blue"]
        floor = (lo - ylim[0]) / (ylim[1] - ylim[0])  # J − lowest J = 1e-12 in the panel's height
        marks = [
            sc.image("map", sc.ref("bands"), sc.ref("map_extent")),
            sc.line("map", sc.ref("contour_x"), sc.ref("contour_y"), color="#555555", width=0.6, alpha=0.8),
            sc.line("map", sc.ref("minima_x"), sc.ref("minima_y"), color="black", width=1.5),
            sc.line("map", sc.ref("path_x"), sc.ref("path_y"), color=red, width=1.5),
            sc.points("map", sc.ref("path_x"), sc.ref("path_y"), color=red, size=3.5),
            sc.points("map", sc.ref("start_x"), sc.ref("start_y"), color="white", edge=red, size=9),
            sc.area("map", sc.ref("star_x"), sc.ref("star_y"), fill=red, alpha=1.0, edge="black", width=0.6),
            sc.text("map", 0.5, 1.03, sc.ref("title"), color=sc.ref("title_color"), va="bottom", coords="axes"),
            sc.message("map", sc.ref("note")),
            sc.line("cost", [0, 1], [floor, floor], color="#999999", width=0.8, dash=[1, 1.65], coords="axes"),
            sc.line("cost", sc.ref("cost_x"), sc.ref("cost_y"), color=blue, width=1.8),
            sc.points("cost", sc.ref("cost_end_x"), sc.ref("cost_end_y"), color=blue, size=6),
            sc.text("cost", 0.5, 1.03, "cost per step: J = {J4} after {n}", va="bottom", coords="axes"),
            sc.message("cost", sc.ref("cost_note")),
        ]
        return panels, marks

    def tables(self):
        return [Table(("surface",), self._by_surface), Table(("steps",), self._by_steps)]

    def _by_surface(self, surface):
        rows = [self._surface_data(str(name)) for name in surface]
        return {key: [row[key] for row in rows] for key in rows[0]}

    def _surface_data(self, name):
        """What a surface's map needs: limits, contour levels and colours, minima, the lowest cost (once per surface:
        an exact state after every move the student makes asks again)."""
        if name not in self._surfaces:
            self._surfaces[name] = self._map_data(get_surface(name))
        return self._surfaces[name]

    def _map_data(self, s):
        xs, ys = np.linspace(*s.xlim, CONTOUR_GRID), np.linspace(*s.ylim, CONTOUR_GRID)
        gx, gy = np.meshgrid(xs, ys)
        z = s.f(np.stack([gx, gy], axis=-1))
        # plots.plot_contours' levels and contourf's colours for them (extend="max": one band above).
        levels = np.unique(np.nanquantile(z, np.linspace(0.0, 0.97, CONTOUR_LEVELS + 1) ** 1.6))
        bounds = np.append(levels, max(levels[-1], z.max()) + 1)
        colors = [to_hex(c) for c in colormaps[CMAP](Normalize(levels[0], levels[-1])(0.5 * (bounds[:-1] + bounds[1:])))]
        (x0, x1), (y0, y1) = s.xlim, s.ylim
        arm = 0.024 * (x1 - x0)  # a "+" of 11 points on the map
        mins = np.array(s.minima)
        nan = np.full(len(mins), np.nan)
        star_dx, star_dy = _star(0.028 * (x1 - x0))
        ticks = [float(v) for v in np.linspace(x0, x1, 3)], [float(v) for v in np.linspace(y0, y1, 3)]
        # The filled contours as one colour per pixel of the panel (contourf's colours at alpha 0.55 on
        # the background), the lines as contourpy's, on plot_contours' grid: drawn as they are by both pictures.
        width, height = (max(1, round(f * size * self.dpi)) for f, size in zip(self.MAP_RECT[2:], self.figsize))
        px = x0 + (np.arange(width) + 0.5) / width * (x1 - x0)
        py = y1 - (np.arange(height) + 0.5) / height * (y1 - y0)
        band = np.searchsorted(levels[1:], s.f(np.stack(np.meshgrid(px, py), axis=-1)), side="left")
        rgb = 0.55 * np.array([to_rgb(c) for c in colors]) + 0.45 * np.array(to_rgb(BACKGROUND))
        generator = contour_generator(gx, gy, z)
        lines = [generator.lines(level) for level in levels]  # multi_lines needs contourpy >= 1.2
        line = np.concatenate([np.vstack([seg, [np.nan, np.nan]]) for level in lines for seg in level])
        return {
            "surface": s.name, "map_xlim": [float(x0), float(x1)], "map_ylim": [float(y0), float(y1)],
            "map_extent": [float(x0), float(x1), float(y0), float(y1)],
            "map_ticks": ticks[0], "map_ticklabels": [_tick(v) for v in ticks[0]],
            "map_yticks": ticks[1], "map_yticklabels": [_tick(v) for v in ticks[1]],
            "levels": levels.tolist(), "colors": colors,
            "bands": sc.pixels(np.round(255 * rgb[band]).astype(np.uint8)),
            "contour_x": np.round(line[:, 0], 3), "contour_y": np.round(line[:, 1], 3),
            "minima_x": np.column_stack([mins[:, 0] - arm, mins[:, 0] + arm, nan, mins[:, 0], mins[:, 0], nan]).ravel(),
            "minima_y": np.column_stack([mins[:, 1], mins[:, 1], nan, mins[:, 1] - arm, mins[:, 1] + arm, nan]).ravel(),
            "lowest": s.lowest, "star_dx": star_dx, "star_dy": star_dy,
        }

    @staticmethod
    def _by_steps(steps):
        """The step axis follows the "max steps" slider: limits and at most 8 integer ticks."""
        ticks = [[float(t) for t in MaxNLocator(5, integer=True).tick_values(0, int(n)) if 0 <= t <= n][:8]
                 for n in steps]
        return {"cost_xlim": [[0.0, float(n)] for n in steps], "cost_ticks": ticks,
                "cost_ticklabels": [[f"{t:.0f}" for t in row] for row in ticks]}

    # --- the state computed from every control (in the browser: js/descent.js) ----------
    def _spec(self):
        return {**super()._spec(), "derive": "descent", "descent": WORDS}

    def _derived(self, settings, state):
        """What ``js/descent.js`` (descentState) computes at ``settings``, computed by numpy."""
        res = self._run(settings)
        pts, left = plots.clip_path(res.path, state["map_xlim"], state["map_ylim"])
        lowest = float(state["lowest"])
        gap = np.log10(np.clip(res.values - lowest, _GAP_MIN, _GAP_MAX))
        end = [] if left else [pts[-1]]
        return {
            "path_x": pts[:, 0], "path_y": pts[:, 1], "start_x": pts[:1, 0], "start_y": pts[:1, 1],
            "star_x": np.asarray(state["star_dx"]) + end[0][0] if end else np.empty(0),
            "star_y": np.asarray(state["star_dy"]) + end[0][1] if end else np.empty(0),
            "cost_x": np.arange(len(gap), dtype=float), "cost_y": gap,
            "cost_end_x": np.array([float(res.steps)]), "cost_end_y": gap[-1:],
            **words(res, settings["surface"], lowest, left),
        }

    def _state_at(self, params):
        state = super()._state_at(params)
        state.update(self._derived(params, state))
        return state

    def lookup(self, **params):
        """What the browser shows at these settings (nearest stops): the tables' keys and the descent's."""
        state = super().lookup(**params)
        settings = {**self.params, **params}
        at = {name: self._stops[name][0][_nearest(self._stops[name][0], settings[name])] for name in self.controls}
        state.update(self._derived(at, state))
        return state


def words(res, name, lowest, left):
    """The texts of a run (templates, ``FILL``) and the numbers they carry, formatted as the browser does.

    Parameters
    ----------
    res : GDResult
        A run of :func:`~lecture_utils.optim.gradient_descent` with ``f`` and a 2-D start.
    name : str
        The surface's name.
    lowest : float
        The smallest possible cost.
    left : bool
        Whether the drawn path left the map.
    """
    summary, status = _kind(res, lowest, left), _kind(res)
    J = float(res.values[-1])
    return {
        "summary_kind": summary, "status_kind": status, "title": WORDS["title"][summary],
        "title_color": WORDS["bad"] if summary in BAD_NEWS else WORDS["good"],
        "note": ("diverged - the path left the map" if res.diverged else "the path left the map") if left else "",
        "cost_note": "cost beyond the top of the plot" if J - lowest > _GAP_MAX else "",
        "description": f"{WORDS['head'][summary]} {STATUS[status]}",
        "name": name, "n": _plural(res.steps), "lr3": f"{res.learning_rate:.3g}", "lrg": f"{res.learning_rate:g}",
        "x0s": f"{res.path[0][0]:.1f}", "y0s": f"{res.path[0][1]:.1f}", "J4": f"{J:.4g}",
        "v04": f"{res.values[0]:.4g}", "low4": f"{lowest:.4g}", "change2": f"{res.last_change:.2g}",
        "tolg": f"{res.tol:g}", "max_steps": str(res.max_steps), "reason": res.reason or "",
    }


def _tick(v):
    return f"{v:g}".replace("-", "\u2212")


def _kind(res, lowest=None, left=False):
    """:meth:`GDResult.outcome` and the variant its words depend on (SUMMARY / STATUS keys)."""
    kind = res.outcome(lowest, left)
    if kind == "diverging":
        return "diverging-cost" if res._cost_grew() else "diverging-left"
    if kind == "moving":
        return "moving-zigzag" if res._zigzags() else "moving"
    return kind
