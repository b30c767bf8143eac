"""DecisionBoundaryExplorer (notebook 06), drawn in the browser: gradient descent on two features, step by step.

Every learning rate is trained once at construction with the plain
:class:`lecture_utils.logistic.LogisticRegression` (5 rates x 300 steps: well under 0.1 s), and
every (step, rate) state is sent as data: the boundary's two end points, the two half-planes
it splits the plot into, the cost and accuracy curves up to the step, the words.
"""

import ipywidgets as widgets
import numpy as np

from .. import plots
from .._validation import as_count, as_explorer_steps, as_real, describe
from ..data import breast_cancer_split
from ..logistic import LogisticRegression
from ..plots._limits import padded_limits
from ..plots.logistic import CLASS_COLORS
from . import _scene as sc
from ._browser import BrowserExplorer, Table, each
from .logistic import _feature_name, _pretty

__all__ = ["DecisionBoundaryExplorer"]

CONFIDENT = 0.9  # ŷ above this (or below 1 - this) is shaded darker: the shading sharpens as ‖w‖ grows
CURVE_POINTS = 301  # samples of a cost curve: about one per pixel of its panel
PROMPT = "Predict first: where is the boundary at step 0,\nand how far does one step move it?"


def half_planes(w, b, xlim, ylim):
    """The box split by the lines ``w·x + b = 0``, for many lines at once (vectorised).

    Parameters
    ----------
    w : ndarray, shape (n, 2)
    b : ndarray, shape (n,)
    xlim, ylim : pair of float
        The box.

    Returns
    -------
    dict
        ``class1_x``, ``class1_y``: the corners (n, 6; the last repeated, NaN when empty) of the part
        where ``w·x + b >= 0`` (ŷ >= ½, counted as class 1); ``class0_x``, ``class0_y`` the rest;
        ``line_x``, ``line_y`` (n, 2): where the line crosses the box's edges (NaN when it misses
        the box or ``w`` = 0: no boundary).
    """
    (x0, x1), (y0, y1) = xlim, ylim
    cx, cy = np.array([x0, x1, x1, x0]), np.array([y0, y0, y1, y1])
    v = w[:, :1] * cx + w[:, 1:] * cy + b[:, None]  # (n, 4): the line's value at the corners
    vn, nx, ny = np.roll(v, -1, axis=1), np.roll(cx, -1), np.roll(cy, -1)
    out = {}
    for side, inside in ((1, v >= 0), (0, v < 0)):
        inside_next = np.roll(inside, -1, axis=1)
        cross = inside != inside_next
        t = np.where(cross, v / np.where(cross, v - vn, 1.0), np.nan)
        # Sutherland-Hodgman against one half-plane: each edge gives its start (if inside)
        # and its crossing (if the edge leaves or enters), in order around the box.
        xs = np.stack([np.where(inside, cx, np.nan), cx + t * (nx - cx)], axis=2).reshape(len(b), 8)
        ys = np.stack([np.where(inside, cy, np.nan), cy + t * (ny - cy)], axis=2).reshape(len(b), 8)
        order = np.argsort(np.isnan(xs), axis=1, kind="stable")
        xs, ys = np.take_along_axis(xs, order, 1)[:, :6], np.take_along_axis(ys, order, 1)[:, :6]
        count = (~np.isnan(xs)).sum(1)  # at most 5: three corners and two crossings
        last = np.maximum(count - 1, 0)[:, None]
        pad = np.arange(6)[None, :] >= count[:, None]
        out[f"class{side}_x"] = np.where(pad, np.take_along_axis(xs, last, 1), xs)
        out[f"class{side}_y"] = np.where(pad, np.take_along_axis(ys, last, 1), ys)
        if side == 1:
            tx, ty = (cx + t * (nx - cx)), (cy + t * (ny - cy))
            order = np.argsort(np.isnan(tx), axis=1, kind="stable")
            tx, ty = np.take_along_axis(tx, order, 1), np.take_along_axis(ty, order, 1)
            two = (~np.isnan(tx)).sum(1) >= 2
            out["line_x"] = np.where(two[:, None], tx[:, :2], np.nan)
            out["line_y"] = np.where(two[:, None], ty[:, :2], np.nan)
    return out


class DecisionBoundaryExplorer(BrowserExplorer):
    """Watch gradient descent move the decision boundary on two features, step by step.

    Parameters
    ----------
    features : pair of str
        Two columns of ``load_breast_cancer()`` (standardised on the training split).
    learning_rate : float
        Starting choice among ``LEARNING_RATES``.
    max_steps : int
        Length of the training run the step slider scrubs through (1 to ``MAX_EXPLORER_STEPS`` = 10,000).
    step : int
        Starting step (a step past ``max_steps`` is clipped like a drag).
    """

    NOTEBOOK = "06"
    examples = {"notebook 06": dict(features=("worst_radius", "worst_texture"), learning_rate=0.1, step=0),
                "trained 30 steps": dict(features=("worst_radius", "worst_texture"), learning_rate=0.1, step=30)}

    LEARNING_RATES = (0.01, 0.1, 1.0, 10.0, 100.0)
    BOUNDARY_RECT = (0.07, 0.13, 0.42, 0.70)
    COST_RECT = (0.60, 0.56, 0.37, 0.27)
    ACCURACY_RECT = (0.60, 0.13, 0.37, 0.27)

    def __init__(self, features=("worst_radius", "worst_texture"), learning_rate=0.1, max_steps=300, step=0):
        if isinstance(features, str) or not isinstance(features, (tuple, list)):
            raise TypeError("features must be a pair of column names like ('worst_radius', 'worst_texture'), "
                            f"got {describe(features)}")
        self.features = tuple(_feature_name(f, "features") for f in features)
        if len(self.features) != 2:
            raise ValueError(f"features must name exactly two columns, got {self.features}")
        if self.features[0] == self.features[1]:
            raise ValueError(f"features must name two different columns (the plot's two axes), got {self.features}")
        learning_rate = as_real(learning_rate, "learning_rate")
        if learning_rate not in self.LEARNING_RATES:
            raise ValueError(f"learning_rate must be one of {self.LEARNING_RATES}, got {learning_rate!r}")
        self.max_steps = as_explorer_steps(max_steps)
        step = as_count(step, "step")
        split = breast_cancer_split()
        self.X2, self.y = split.columns(self.features)[0], split.y_train
        lo, hi = padded_limits(self.X2.min(axis=0), self.X2.max(axis=0), 0.08, "X2")
        self.xlim, self.ylim = (float(lo[0]), float(hi[0])), (float(lo[1]), float(hi[1]))
        self._runs = {}
        # The cost curves' samples (every step up to CURVE_POINTS steps).
        self.samples = np.unique(np.round(np.linspace(0, self.max_steps, min(self.max_steps + 1, CURVE_POINTS))))
        self.samples = self.samples.astype(int)
        self.cost_top = max(0.75, 1.05 * max(float(self.run(r)["cost"].max()) for r in self.LEARNING_RATES))
        # Predict first (notebook 06): the opening picture does not answer the question it asks.
        # Only the exact opening state carries the prompt; the tables (every move) do not.
        self._opening = True
        super().__init__(
            {
                "step": widgets.IntSlider(value=step, min=0, max=self.max_steps, step=1, description="step"),
                "learning_rate": widgets.Dropdown(options=list(self.LEARNING_RATES), value=learning_rate,
                                                  description="learning rate"),
            },
            figsize=(9.6, 4.0), title="Decision-boundary explorer: gradient descent, step by step",
        )
        self._opening = False

    def run(self, learning_rate):
        """Cost, accuracy and parameters at every step of training with ``learning_rate`` (cached)."""
        if learning_rate not in self._runs:
            model = LogisticRegression(learning_rate=learning_rate, max_steps=self.max_steps, tol=0.0)
            model.fit(self.X2, self.y, keep_path=True)
            W, B = model.path_
            accuracy = np.mean(((self.X2 @ W.T + B) >= 0) == (self.y[:, None] == 1), axis=0)
            # rises[s]: at how many of the first s steps the cost went up (overshooting).
            rises = np.concatenate([[0], np.cumsum(np.diff(model.cost_history_) > 1e-12)])
            self._runs[learning_rate] = {"W": W, "b": B, "cost": model.cost_history_, "accuracy": accuracy,
                                         "rises": rises}
        return self._runs[learning_rate]

    # --- the picture ------------------------------------------------------------------
    def scene(self):
        black = plots.PALETTE["black"]
        steps = (0, self.max_steps)
        panels = [
            sc.panel("boundary", self.BOUNDARY_RECT, self.xlim, self.ylim,
                     xlabel=_pretty(self.features[0]), ylabel=_pretty(self.features[1])),
            sc.panel("cost", self.COST_RECT, steps, (0, self.cost_top), ylabel="cost J"),
            sc.panel("accuracy", self.ACCURACY_RECT, steps, (0, 1.02), xlabel="gradient-descent step",
                     ylabel="train accuracy", yticks=[0, 0.5, 1]),
        ]
        marks = [
            sc.area("boundary", sc.ref("class0_x"), sc.ref("class0_y"), fill=CLASS_COLORS[0], alpha=0.15),
            sc.area("boundary", sc.ref("class1_x"), sc.ref("class1_y"), fill=CLASS_COLORS[1], alpha=0.15),
            sc.area("boundary", sc.ref("sure0_x"), sc.ref("sure0_y"), fill=CLASS_COLORS[0], alpha=0.2),
            sc.area("boundary", sc.ref("sure1_x"), sc.ref("sure1_y"), fill=CLASS_COLORS[1], alpha=0.2),
        ]
        for k, shape in ((0, "o"), (1, "^")):
            rows = self.X2[self.y == k]
            marks.append(sc.points("boundary", rows[:, 0].tolist(), rows[:, 1].tolist(), color=CLASS_COLORS[k],
                                   size=4.5 if k == 0 else 6.0, edge="white", shape=shape))
        marks += [
            sc.line("boundary", sc.ref("line_x"), sc.ref("line_y"), color=black, width=2.2),
            sc.text("boundary", 0.98, 0.03, "● benign (y = 0)   ▲ malignant (y = 1)\n"
                    "black line: boundary ŷ = ½; shading: predicted class,\n"
                    f"darker where ŷ < {1 - CONFIDENT:.1f} or ŷ > {CONFIDENT:.1f}",
                    size=7.5, ha="right", va="bottom", coords="axes", box=plots.PALETTE["grey"]),
            sc.text("boundary", 0.5, 1.02, sc.ref("boundary_title"), size=10, va="bottom", coords="axes"),
            sc.message("boundary", sc.ref("note")),
        ]
        for name, color, dash in (("cost", plots.PALETTE["blue"], None), ("accuracy", plots.PALETTE["green"],
                                                                           [3.7, 1.6])):
            marks += [sc.line(name, sc.ref("curve_x"), sc.ref(f"{name}_y"), color=color, width=2, dash=dash),
                      sc.line(name, sc.ref("tail_x"), sc.ref(f"{name}_tail"), color=color, width=2, dash=dash),
                      sc.points(name, sc.ref("dot_x"), sc.ref(f"{name}_dot"), color=plots.PALETTE["vermillion"])]
        marks += [sc.text("cost", 0.5, 1.04, sc.ref("cost_title"), size=10, va="bottom", coords="axes"),
                  sc.message("cost", sc.ref("cost_note"))]
        return panels, marks

    def tables(self):
        return [Table(("step",), self._by_step), Table(("learning_rate",), self._by_rate),
                Table(("step", "learning_rate"), self._by_state)]

    def _by_step(self, step):
        """The curves' x: the samples up to the step (NaN after it), and the tail from the last sample to the step."""
        curve_x = np.where(self.samples[None, :] <= step[:, None], self.samples[None, :], np.nan)
        last = self.samples[np.searchsorted(self.samples, step, side="right") - 1]
        return {"curve_x": curve_x, "tail_x": np.column_stack([last, step]).astype(float),
                "dot_x": step[:, None].astype(float)}

    def _by_rate(self, learning_rate):
        runs = [self.run(float(r)) for r in learning_rate]
        return {"cost_y": np.array([r["cost"][self.samples] for r in runs]),
                "accuracy_y": np.array([r["accuracy"][self.samples] for r in runs])}

    def _by_state(self, step, learning_rate):
        rates = np.asarray(learning_rate, dtype=float)
        out = {key: np.empty((len(step), k)) for key, k in (("w", 2), ("b", 1), ("cost_tail", 2),
                                                             ("accuracy_tail", 2), ("cost_dot", 1),
                                                             ("accuracy_dot", 1))}
        last = self.samples[np.searchsorted(self.samples, step, side="right") - 1]
        for rate in np.unique(rates):  # five rates: the rest is vectorised over the steps
            rows, r = rates == rate, self.run(float(rate))
            s, before = step[rows], last[rows]
            out["w"][rows], out["b"][rows, 0] = r["W"][s], r["b"][s]
            for name in ("cost", "accuracy"):
                out[f"{name}_tail"][rows] = np.column_stack([r[name][before], r[name][s]])
                out[f"{name}_dot"][rows, 0] = r[name][s]
        w, b = out.pop("w"), out.pop("b")[:, 0]
        # 1e-4 of a standardised unit is a hundredth of a pixel; 17 digits would double the page's bytes.
        out.update({k: np.round(v, 4) for k, v in half_planes(w, b, self.xlim, self.ylim).items()})
        # Where the model is confident (ŷ beyond CONFIDENT): a darker band that widens as ‖w‖ grows.
        margin = np.log(CONFIDENT / (1 - CONFIDENT))  # σ(margin) = CONFIDENT
        sure1, sure0 = half_planes(w, b - margin, self.xlim, self.ylim), half_planes(w, b + margin, self.xlim, self.ylim)
        out.update({f"sure{k}_{a}": np.round(h[f"class{k}_{a}"], 4) for k, h in ((1, sure1), (0, sure0)) for a in "xy"})
        visible = np.isfinite(out["line_x"][:, 0])
        texts = each(self._state_words, step, learning_rate, visible)
        out.update({key: [t[key] for t in texts] for key in ("boundary_title", "cost_title", "note", "cost_note",
                                                              "description")})
        return out

    def _state_words(self, step, rate, visible, opening=False):
        r = self.run(rate)
        w, b = r["W"][step], r["b"][step]
        J, acc = r["cost"][step], r["accuracy"][step]
        rises = int(r["rises"][step])
        if step == 0 and opening:
            note = PROMPT
        elif step == 0:
            note = "step 0: w = 0, b = 0, every ŷ = ½\n(counted as class 1) - no boundary yet"
        elif not visible:
            note = "the boundary is outside the plotted area"
        else:
            note = ""
        head = (f"Step {step} of gradient descent with learning rate {rate:g}: w = ({w[0]:.2f}, {w[1]:.2f}), "
                f"b = {b:.2f}, cost J = {J:.4f}, training accuracy {100 * acc:.1f}%")
        if step == 0 and opening:
            description = head + "; predict where the boundary is, then move the step slider."
        elif step == 0:
            description = head + "; every ŷ = ½, no boundary yet."
        else:
            description = head + (f"; J rose at {rises} of {step} steps (overshooting)." if rises
                                  else "; J fell at every step.")
        return {
            "boundary_title": f"step {step}: w = ({w[0]:.2f}, {w[1]:.2f}), b = {b:.2f}",
            "cost_title": f"J = {J:.4f}   training accuracy {100 * acc:.1f}%",
            "note": note,
            "cost_note": f"rate {rate:g} overshoots: J rose at {rises} of {step} steps" if rises else "",
            "description": description,
        }

    def _state_at(self, params):
        state = super()._state_at(params)
        if getattr(self, "_opening", False) and params["step"] == 0:
            # The exact opening state asks first; the tables (what any move draws) answer.
            words = self._state_words(0, params["learning_rate"], False, opening=True)
            state.update({"note": words["note"], "description": words["description"]})
        return state

    @property
    def shown(self):
        """``(step, learning_rate)`` of the state on display."""
        return self.params["step"], self.params["learning_rate"]
