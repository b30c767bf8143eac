"""Explorers for notebook 07 (a network with one hidden layer) on the two-moons data, drawn in the browser.

- :class:`HiddenLayerExplorer`: the number of hidden units and the training step; the
  boundary ŷ = ½, every hidden unit's line, one unit's response and the cost along training.
- :class:`InitializationExplorer`: the starting weights' size and seed and the learning rate;
  where training ends, and why all-zero or huge starting weights fail.

The networks are trained once, at build time, by the plain trainer (``lecture_utils._network07``,
shipped as ``lecture_utils/_shipped/network07.npz``); a state ships its few weights and the
browser shades ŷ over the plane from them (``_scene.network_field``), so nothing is trained or
drawn by the kernel when a control moves.
"""

import types

import ipywidgets as widgets
import numpy as np

from .. import _network07
from .._validation import as_count, as_explorer_steps, as_real
from ..logistic import sigmoid_kernel
from ..network import forward, init_params, moons_split
from ..plots.style import PALETTE
from . import _scene as sc
from ._browser import BrowserExplorer, Table
from ._network_scene import (
    BOUNDARY,
    CLASS_MAP,
    CURVE_MERGE,
    RESOLUTION,
    crosses_half,
    map_extent,
    map_grid,
    moons_marks,
    rounded,
)

__all__ = ["HiddenLayerExplorer", "InitializationExplorer"]

_NUMBERS = {}  # (learning_rate, max_steps, every) -> width -> HiddenLayerExplorer's per-snapshot numbers


class HiddenLayerExplorer(BrowserExplorer):
    """Networks of 1-10 hidden units trained on the moons; scrub through training.

    Parameters
    ----------
    width : int
        Starting number of hidden units (1-10).
    step : int
        Starting training step (0 to ``max_steps``).
    unit : int
        The hidden unit (1 to ``width``) whose response is shown on the right.
    learning_rate : float
        Step size of gradient descent (the shipped runs use 1.0; another rate trains on construction).
    max_steps : int
        Length of each training run (snapshots every 10 steps), 10 to ``MAX_EXPLORER_STEPS`` = 10,000.
    """

    NOTEBOOK = "07"
    examples = {"notebook 07": dict(width=1, step=0, unit=1)}
    FILL = True  # the shown unit's number and weight fill the sentence of width and step

    MAX_WIDTH = 10
    EVERY = 10

    def __init__(self, width=1, step=0, unit=1, learning_rate=1.0, max_steps=1500):
        self.learning_rate = as_real(learning_rate, "learning_rate", positive=True)
        self.max_steps = as_explorer_steps(max_steps, minimum=self.EVERY)
        width, step, unit = (as_count(v, name) for v, name in ((width, "width"), (step, "step"), (unit, "unit")))
        self.X, _, self.y, _ = moons_split()
        self.extent = map_extent(self.X)
        self._grid = map_grid(self.extent)
        self._runs = _network07.hidden_runs(self.learning_rate, self.max_steps, self.EVERY)
        super().__init__(
            {
                "width": widgets.IntSlider(value=width, min=1, max=self.MAX_WIDTH, description="hidden units"),
                "step": widgets.IntSlider(value=step, min=0, max=self.max_steps, step=self.EVERY,
                                          description="training step"),
                "unit": widgets.IntSlider(value=unit, min=1, max=self.MAX_WIDTH, description="show unit"),
            },
            figsize=(12.0, 4.0), title="Hidden-layer explorer: what a network of h tanh units learns",
        )

    def run(self, width):
        """The run of ``width`` hidden units: ``snapshots_`` (step -> ``(W1, b1, W2, b2)``) and ``costs_`` (step -> J)."""
        run = self._runs[width]
        steps = [int(s) for s in run["steps"]]
        return types.SimpleNamespace(
            snapshots_={s: _network07.unpack(row, width) for s, row in zip(steps, run["params"])},
            costs_=dict(zip(steps, (float(j) for j in run["J"]))))

    # --- the picture ---------------------------------------------------------------
    def scene(self):
        ext = self.extent
        rects = [(0.05, 0.14, 0.29, 0.72), (0.418, 0.14, 0.242, 0.72), (0.738, 0.14, 0.242, 0.72)]
        panels = [
            sc.panel("map", rects[0], ext[:2], ext[2:], xlabel="x₁   (black: ŷ = ½; dashed: each unit's line)",
                     ylabel="x₂", grid=False),
            sc.panel("unit", rects[1], ext[:2], ext[2:], xlabel="x₁   (orange: the unit near +1, purple: near −1)",
                     grid=False),
            sc.panel("cost", rects[2], (0, self.max_steps), (0, 0.75), xlabel="gradient-descent step",
                     ylabel="cost J (training)"),
        ]
        params = sc.ref("params")
        marks = [
            sc.network_field("map", params, ext, n=RESOLUTION, unit=sc.ref("unit_j"), cmap=CLASS_MAP, alpha=0.4,
                             boundary=BOUNDARY, unit_lines={"color": PALETTE["grey"], "width": 1.0, "highlight": 2.6}),
            *moons_marks("map", self.X, self.y, ext),
            sc.text("map", 0.5, 1.02, "{units}, step {shown}: ŷ and the boundary ŷ = ½", size=9.5, va="bottom",
                    coords="axes"),
            sc.message("map", sc.ref("note")),
            sc.network_field("unit", params, ext, n=RESOLUTION, output="unit", unit=sc.ref("unit_j"),
                             cmap="PuOr_r", vmin=-1.0, vmax=1.0,
                             unit_lines={"color": "black", "width": 1.5, "highlight": 1.5, "only": True}),
            sc.points("unit", self.X[:, 0], self.X[:, 1], color="black", size=2.2, alpha=0.3),
            sc.text("unit", 0.5, 1.02, "unit {unit_n}: tanh(w·x + b), weight to the output {unit_w:+.2f}",
                    size=9.5, va="bottom", coords="axes"),
            sc.message("unit", sc.ref("unit_note")),
            sc.line("cost", _network07.envelope_steps(self.max_steps), sc.ref("cost_y"), width=2),
            sc.points("cost", sc.ref("shown"), sc.ref("J"), color=PALETTE["vermillion"]),
            sc.text("cost", 0.5, 1.02, "J = {J:.4f}   training accuracy {accuracy:.1f}%", size=9.5, va="bottom",
                    coords="axes"),
        ]
        return panels, marks

    def tables(self):
        return [Table(("width",), self._per_width_keys), Table(("width", "step"), self._states),
                Table(("width", "unit"), self._units), Table(("width", "step", "unit"), self._unit_weights)]

    def _numbers(self, width):
        """Everything said or drawn about the snapshots of ``width`` units, computed for all at once (cached)."""
        cache = _NUMBERS.setdefault((self.learning_rate, self.max_steps, self.EVERY), {})
        if width not in cache:
            run = self._runs[width]
            params = run["params"]
            W1, b1 = params[:, :2 * width].reshape(-1, 2, width), params[:, 2 * width:3 * width]
            W2, b2 = params[:, 3 * width:4 * width], params[:, -1]
            H = np.tanh(np.einsum("nd,kdw->knw", self.X, W1) + b1[:, None, :])
            y_hat = sigmoid_kernel(np.einsum("knw,kw->kn", H, W2) + b2[:, None])
            crosses = (y_hat.min(axis=1) < 0.5) & (y_hat.max(axis=1) > 0.5)
            for k in np.flatnonzero(~crosses):  # the training points all on one side: ask the drawn grid
                crosses[k] = crosses_half(self.X, self._grid, _network07.unpack(params[k], width))
            cache[width] = {"params": rounded(params),
                "steps": run["steps"], "J": run["J"], "accuracy": 100 * np.mean((y_hat >= 0.5) == self.y, axis=1),
                "low": y_hat.min(axis=1), "high": y_hat.max(axis=1), "crosses": crosses, "unit_w": np.round(W2, 4)}
        return cache[width]

    def _snapshot(self, width, step):
        """Per state, the index of the last snapshot at or before ``step`` (arrays in, array out)."""
        k = np.zeros(len(width), dtype=int)
        for w in np.unique(width):
            mask = width == w
            k[mask] = np.maximum(0, np.searchsorted(self._runs[int(w)]["steps"], step[mask], side="right") - 1)
        return k

    def _rows(self, width, step):
        """``(width, k, shown step)`` per state: ``k`` indexes the last snapshot at or before ``step``."""
        for w, k in zip(width.tolist(), self._snapshot(width, step).tolist()):
            yield w, k, int(self._runs[w]["steps"][k])

    def _per_width_keys(self, width):
        out = {"cost_y": [], "units": [], "description": []}
        for w in width.tolist():
            units = f"{w} hidden unit{'s' * (w > 1)}"
            out["cost_y"].append(np.round(self._runs[w]["curve"].astype(float), 4))
            out["units"].append(units)
            # A template (FILL): the numbers come from the tables of the controls they depend on.
            out["description"].append(
                f"{units} at step {{shown}}: cost J = {{J:.4f}}, training accuracy {{accuracy:.1f}}%; the boundary is "
                "{shape}; unit {unit_n} feeds the output with weight {unit_w:+.2f}.")
        return out

    def _states(self, width, step):
        out = {k: [] for k in ("params", "shown", "J", "accuracy", "note", "shape")}
        for w, k, shown in self._rows(width, step):
            n = self._numbers(w)
            out["params"].append(n["params"][k])
            out["shown"].append(shown)
            out["J"].append(float(n["J"][k]))
            out["accuracy"].append(float(n["accuracy"][k]))
            out["note"].append(self._message(w, shown, bool(n["crosses"][k])))
            shape = "a straight line" if w == 1 else f"a curve bent from {w} units' lines"
            if shown == 0:  # random weights give ŷ from about 0.25 to 0.75, not ½: say what they give
                shape = (f"wherever the random start happens to put it (nothing learned yet: ŷ from {n['low'][k]:.2f} "
                         f"to {n['high'][k]:.2f} on the training points; any accuracy here is luck)")
            out["shape"].append(shape)
        return out

    @staticmethod
    def _message(width, shown, crosses):
        if shown == 0:
            # With b2 = 0 the ½-line is the random units' own: a boundary, placed by luck.
            return "step 0: random starting weights, nothing learned;\nthe boundary lies where they happen to put it"
        if not crosses:
            return "no boundary in view: every point\ngets the same class"
        if width == 1:
            return "1 hidden unit: still one straight line"
        return ""

    @staticmethod
    def _units(width, unit):
        j = np.minimum(unit, width) - 1
        notes = [f"there are only {w} units:\nshowing unit {w}" if u > w else "" for w, u in zip(width, unit)]
        return {"unit_j": j, "unit_n": j + 1, "unit_note": notes}

    def _unit_weights(self, width, step, unit):
        k, out = self._snapshot(width, step), np.zeros(len(width))
        for w in np.unique(width):
            mask = width == w
            out[mask] = self._numbers(int(w))["unit_w"][k[mask], np.minimum(unit[mask], w) - 1]
        return {"unit_w": out}


def _rises_text(rises):
    return f"J rose at {rises} step{'s' * (rises != 1)}"


class InitializationExplorer(BrowserExplorer):
    """Where does training end? The starting weights' size and seed, and the learning rate.

    Parameters
    ----------
    scale : float
        Starting size of the random weights, one of ``SCALES`` (0 = all zeros).
    seed : int
        Seed of the starting weights (0-9).
    learning_rate : float
        One of ``LEARNING_RATES``.
    hidden : int
        Hidden units of the network (1 to ``MAX_HIDDEN`` = 64; the shipped runs have 4, another
        size trains every setting on construction).
    max_steps : int
        Length of each training run (1 to ``MAX_EXPLORER_STEPS`` = 10,000; shipped: 800).
    """

    NOTEBOOK = "07"
    examples = {"notebook 07": dict(scale=1.0, seed=0, learning_rate=1.0)}

    SCALES = _network07.INIT["scales"]
    LEARNING_RATES = _network07.INIT["rates"]
    SEEDS = _network07.INIT["seeds"]
    MAX_HIDDEN = 64

    def __init__(self, scale=1.0, seed=0, learning_rate=1.0, hidden=4, max_steps=800):
        scale, learning_rate = as_real(scale, "scale"), as_real(learning_rate, "learning_rate")
        if scale not in self.SCALES:
            raise ValueError(f"scale must be one of {self.SCALES}, got {scale!r}")
        if learning_rate not in self.LEARNING_RATES:
            raise ValueError(f"learning_rate must be one of {self.LEARNING_RATES}, got {learning_rate!r}")
        self.hidden = as_count(hidden, "hidden", minimum=1, maximum=self.MAX_HIDDEN,
                               why=" (every setting's network is trained while the explorer is built)")
        self.max_steps = as_explorer_steps(max_steps)
        self.X, _, self.y, _ = moons_split()
        self.extent = map_extent(self.X)
        self._runs = _network07.init_runs(self.hidden, self.max_steps)
        super().__init__(
            {
                "scale": widgets.SelectionSlider(options=list(self.SCALES), value=scale,
                                                 description="starting weight size"),
                "seed": widgets.IntSlider(value=as_count(seed, "seed"), min=0, max=9, description="seed"),
                "learning_rate": widgets.Dropdown(options=list(self.LEARNING_RATES), value=learning_rate,
                                                  description="learning rate"),
            },
            figsize=(9.6, 4.0), title=f"Initialisation explorer: {self.hidden} tanh units, {self.max_steps} steps",
        )

    def run(self, scale, seed, learning_rate):
        """The trained network for these settings: ``W1_, b1_, W2_, b2_``, ``n_steps_``, ``diverged_``,
        ``cost_start_``, ``cost_end_``, ``rises_`` (steps at which J rose) and ``init_scale``, ``seed``."""
        r = self._runs[(scale, seed, learning_rate)]
        return types.SimpleNamespace(W1_=r["W1"], b1_=r["b1"], W2_=r["W2"], b2_=r["b2"], n_steps_=r["n_steps"],
                                     diverged_=r["diverged"], cost_start_=r["J0"], cost_end_=r["J_end"],
                                     rises_=r["rises"], init_scale=scale, seed=seed, learning_rate=learning_rate)

    def scene(self):
        ext = self.extent
        panels = [
            sc.panel("map", (0.07, 0.14, 0.45, 0.72), ext[:2], ext[2:], xlabel="x₁   (black: the boundary ŷ = ½)",
                     ylabel="x₂", grid=False),
            # log10 J on a linear axis, labelled in J: the browser needs no log scale of its own.
            sc.panel("cost", (0.59, 0.14, 0.39, 0.72), (0, self.max_steps), (-2, 1), xlabel="gradient-descent step",
                     ylabel="cost J (log scale)", yticks=[-2, -1, 0, 1], yticklabels=["0.01", "0.1", "1", "10"]),
        ]
        marks = [
            sc.network_field("map", sc.ref("params"), ext, n=RESOLUTION, cmap=CLASS_MAP, alpha=0.4, boundary=BOUNDARY,
                             unit_lines={"color": PALETTE["grey"], "width": 1.0, "highlight": 1.0}),
            *moons_marks("map", self.X, self.y, ext),
            sc.text("map", 0.5, 1.02, sc.ref("map_title"), size=9.5, va="bottom", coords="axes"),
            sc.message("map", sc.ref("note")),
            sc.line("cost", _network07.coarsen_steps(_network07.envelope_steps(self.max_steps), CURVE_MERGE),
                    sc.ref("cost_y"), width=2),
            sc.text("cost", 0.5, 1.02, sc.ref("cost_title"), size=9.5, va="bottom", coords="axes"),
            sc.message("cost", sc.ref("cost_note")),
        ]
        return panels, marks

    def tables(self):
        return [Table(("scale", "seed", "learning_rate"), self._states)]

    def _states(self, scale, seed, learning_rate):
        out = {k: [] for k in ("params", "cost_y", "map_title", "cost_title", "note", "cost_note", "description")}
        for a, s, rate in zip(scale.tolist(), seed.tolist(), learning_rate.tolist()):
            r = self._runs[(a, s, rate)]
            out["params"].append(rounded(np.concatenate([r["W1"].ravel(), r["b1"], r["W2"], [r["b2"]]])))
            with np.errstate(divide="ignore", invalid="ignore"):
                curve = _network07.coarsen(r["curve"], CURVE_MERGE)
                out["cost_y"].append(np.round(np.log10(np.clip(curve, 0.01, 10)), 2))
            accuracy = 100 * float(np.mean((forward(self.X, r["W1"], r["b1"], r["W2"], r["b2"]).y_hat >= 0.5) == self.y))
            out["map_title"].append(f"after {r['n_steps']} steps: training accuracy {accuracy:.1f}%")
            out["cost_title"].append(f"J: {r['J0']:.3f} at the start, {r['J_end']:.4f} at the end")
            why = self._message(a, s, rate)
            out["note"].append(why)
            # Whether steps of this size overshoot depends on the start too (a saturated start, say).
            out["cost_note"].append(f"steps of learning rate {rate:g} too large\nfor this start: J rose at {r['rises']} "
                                    f"of {r['n_steps']} steps" if r["rises"] > r["n_steps"] // 20 else "")
            why = why.replace("\n", " ")
            out["description"].append(
                f"starting weight size {a:g}, seed {s}, learning rate {rate:g}: after training J = {r['J_end']:.4f}, "
                f"training accuracy {accuracy:.1f}%, {_rises_text(r['rises'])}" + (f"; {why}." if why else "."))
        return out

    def _started_saturated(self, scale, seed):
        """Whether most of the start's tanh units sit at ±1 on the training points (once per start, not per rate)."""
        cache = self.__dict__.setdefault("_saturated", {})
        if (scale, seed) not in cache:
            W1, b1, _, _ = init_params(2, self.hidden, scale=scale, seed=seed)
            cache[(scale, seed)] = bool(np.mean(np.abs(np.tanh(self.X @ W1 + b1)) > 0.99) > 0.3)
        return cache[(scale, seed)]

    def _message(self, scale, seed, rate):
        r = self._runs[(scale, seed, rate)]
        if r["diverged"]:
            return f"the numbers overflowed after {r['n_steps']} steps:\nthe learning rate is far too large"
        if not np.any(r["W1"]):
            return ("all weights started at 0: every hidden unit gets\nthe same gradient (here 0) "
                    "and they never move")
        if self.hidden > 1 and np.ptp(r["W1"], axis=1).max() < 1e-3:  # one unit has nobody to be identical to
            return "the hidden units are still almost identical:\nthe network acts like one neuron"
        if self._started_saturated(scale, seed):
            note = "the tanh units started saturated (|H| ≈ 1),\nwhere their slope 1 − H² is ≈ 0"
            # A saturated start is a handicap, not a verdict: say so when the run ended as well
            # as the size-1 start with the same seed and learning rate.
            usual = self._runs[(1.0, seed, rate)]["J_end"]
            return note + ("; this run recovered" if r["J_end"] <= 1.05 * usual else "")
        H = forward(self.X, r["W1"], r["b1"], r["W2"], r["b2"]).H
        if np.mean(np.abs(H) > 0.99) > 0.5:
            return "most tanh units ended saturated (|H| ≈ 1):\nsharp steps, their slope 1 − H² ≈ 0"
        return ""
