"""Explorers for notebook 06 (logistic regression) on the Breast Cancer Wisconsin data.

- :class:`SigmoidExplorer`: one feature, sliders for ``w`` and ``b``; the curve ŷ = σ(wx + b)
  moves over the labelled tumours and the cost J of that choice is shown. Drawn in the browser:
  the page gets the training column and labels once, draws the curve from w and b
  (``_scene.sigmoid_curve``) and computes J, the accuracy and the threshold x = −b/w there
  (``js/sigmoid.js``, tested against numpy); Python's tables say, per (w, b), which sentence and
  which warning apply (case indices into a few templates).

DecisionBoundaryExplorer (the boundary moved by gradient descent) is drawn in the browser:
:mod:`.logistic_boundary`.
"""

import functools

import ipywidgets as widgets
import numpy as np

from .. import plots
from .._validation import as_real, describe
from ..data import breast_cancer_split
from ..logistic import LogisticRegression, cost, sigmoid
from ..plots._limits import padded_limits
from ..plots.logistic import CLASS_COLORS, CLASS_MARKERS
from . import _scene as sc
from ._browser import BrowserExplorer, Table

__all__ = ["SigmoidExplorer"]

FLAT, STEEP = 0.05, 7.0  # |w| below FLAT: the curve reads as flat; at or above STEEP: almost a step
# The picture's warning, by case (see SigmoidExplorer._cases); {sb} is σ(b).
NOTES = (
    "",
    "w ≈ 0: a flat curve - every tumour gets\nŷ ≈ σ(b) = {sb:.2f}, whatever x",
    "ŷ = ½ happens at x = −b/w, off the plot:\nevery tumour is put in the same class",
    "w < 0: larger x now means 'less likely malignant'\n- the data disagree, J is high",
    "very steep: almost a step - confident predictions,\nand each wrong one costs a lot",
)
# Where ŷ = ½ lies, by case: w = 0 (no threshold), on the plot, off it.
WHERE = (
    "w = 0, a flat curve: every tumour gets ŷ = σ(b) = {sb:.2f}, so the same class",
    "ŷ = ½ at x = {t:.2f}",
    "ŷ = ½ is off the plot, so every tumour gets the same class",
)


def _training_set(features):
    """Standardised training rows (notebook 06's split, :func:`data.breast_cancer_split`) of the features."""
    split = breast_cancer_split()
    return split.columns(features)[0], split.y_train


@functools.cache
def _best_fit(feature):
    """``(w, b, J)``: the best this one feature can do, for reference, by the course's trainer (cached per feature).

    J is convex, so gradient descent finds it. On a standardised feature J's curvature is at most
    about ¼, so a learning rate of 4 is stable and reaches the optimum (to the tolerance) in a
    quarter of the steps a rate of 1 takes (~500 rather than ~2000: 15 ms, not 60, before the
    explorer can show its first picture), with the same printed digits for every feature.
    """
    X1, y = _training_set([feature])
    best = LogisticRegression(learning_rate=4.0, max_steps=3000, tol=1e-12).fit(X1, y)
    return float(best.w_[0]), best.b_, float(best.cost_history_[-1])


def _feature_name(feature, name):
    if not isinstance(feature, str):
        raise TypeError(f"{name} must be a column name (a string) of load_breast_cancer(), got {describe(feature)}")
    return feature


def _pretty(feature):
    return feature.replace("_", " ") + " (standardised)"


def _sentence(note):
    """A picture's warning as a sentence of the description (one line, a full stop)."""
    text = note.replace("\n- ", " - ").replace("\n", " ")
    return f" {text}." if text else ""


class SigmoidExplorer(BrowserExplorer):
    """Fit ŷ = σ(w x + b) to one feature by hand: drag ``w`` and ``b``, watch the cost J.

    Parameters
    ----------
    feature : str
        A column of ``load_breast_cancer()`` (standardised on the training split).
    w, b : float
        Starting slider values (clipped to [-10, 10] like a drag).
    """

    NOTEBOOK = "06"
    examples = {"notebook 06": dict(feature="worst_concave_points", w=1.0, b=0.0)}
    FILL = True  # the title, warning and description are templates filled with J, accuracy and x = −b/w

    RECT = (0.12, 0.13, 0.85, 0.73)
    YLIM = (-0.12, 1.12)
    JITTER = 0.04  # the points' vertical shake (seeded), as plots.plot_sigmoid_fit, so overlapping ones show

    def __init__(self, feature="worst_concave_points", w=1.0, b=0.0):
        self.feature = _feature_name(feature, "feature")
        w, b = as_real(w, "w", allow_inf=True), as_real(b, "b", allow_inf=True)
        X1, self.y = _training_set([feature])
        self.x = X1[:, 0]
        lo, hi = padded_limits(self.x.min(), self.x.max(), 0.05, "x")
        self.x_range = (float(lo), float(hi))
        self.best = _best_fit(self.feature)
        tail = f" (best with this feature: J = {self.best[2]:.3f})."
        # Every (where, note) pair: the sentence, plus the picture's warning when the sentence does not say it.
        self.descriptions = tuple(
            "w = {w:.2f}, b = {b:.2f}: cost J = {J:.3f}, accuracy {accuracy:.0f}%; " + where + tail
            + (_sentence(note) if k in (3, 4) or (k == 1 and i != 0) else "")
            for i, where in enumerate(WHERE) for k, note in enumerate(NOTES))
        super().__init__(
            {
                "w": widgets.FloatSlider(value=w, min=-10, max=10, step=0.1, description="weight w"),
                "b": widgets.FloatSlider(value=b, min=-10, max=10, step=0.1, description="bias b"),
            },
            figsize=(6.4, 4.0), title="Sigmoid explorer: ŷ = σ(w x + b) on one feature",
        )

    # --- the picture ------------------------------------------------------------------
    def scene(self):
        panels = [sc.panel("fit", self.RECT, self.x_range, self.YLIM, xlabel=_pretty(self.feature),
                           ylabel="label y and prediction ŷ")]
        shake = np.random.default_rng(0).uniform(-self.JITTER, self.JITTER, size=self.x.shape)
        marks = []
        for k in (0, 1):
            rows = self.y == k
            marks.append(sc.points("fit", self.x[rows].tolist(), np.round(self.y[rows] + shake[rows], 4).tolist(),
                                   color=CLASS_COLORS[k], size=3.7, shape=CLASS_MARKERS[k], alpha=0.55))
        best_w, best_b, best_J = self.best
        marks += [
            sc.line("fit", list(self.x_range), [0.5, 0.5], color=plots.PALETTE["grey"], width=0.7),
            sc.sigmoid_curve("fit", sc.ref("w"), sc.ref("b"), self.x_range, color="black", width=2.2,
                             threshold={"color": plots.PALETTE["green"], "width": 1.8, "dash": [1, 1.65]}),
            sc.text("fit", 0.64, 0.5, "● benign (y = 0)\n▲ malignant (y = 1)\nblack curve: ŷ = σ(wx + b)\n"
                    "dotted: ŷ = 0.5 at x = −b/w", size=8, ha="left", va="center", coords="axes",
                    box=plots.PALETTE["grey"]),
            sc.text("fit", 0.5, 1.02, "J(w, b) = {J:.3f}   accuracy {accuracy:.0f}%\n"
                    f"best possible with this feature: J = {best_J:.3f} at w = {best_w:.2f}, b = {best_b:.2f}",
                    size=9.5, va="bottom", coords="axes"),
            sc.message("fit", sc.ref("note")),
        ]
        return panels, marks

    def tables(self):
        return [Table(("w",), lambda w: {"w": w}),
                Table(("b",), lambda b: {"b": b, "sb": sigmoid(b)}),
                Table(("w", "b"), self._cases)]

    def _cases(self, w, b):
        """Which sentence and warning each (w, b) gets: indices into ``WHERE`` x ``NOTES`` and ``NOTES``."""
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            at = -b / w
        lo, hi = self.x_range
        visible = np.isfinite(at) & (lo <= at) & (at <= hi)  # plots.SigmoidFit.threshold_visible
        where = np.select([w == 0, visible], [0, 1], 2)
        note = np.select([np.abs(w) < FLAT, ~visible, w < 0, np.abs(w) >= STEEP], [1, 2, 3, 4], 0)
        return {"note": note, "description": where * len(NOTES) + note}

    # --- the numbers of a state (the browser computes the same: js/sigmoid.js) ------------
    def numbers(self, w, b):
        """``{"J", "accuracy", "t"}`` at ``w, b``: the cost, the training accuracy in %, and x = −b/w
        where ŷ = ½ (NaN when w = 0 or off the plot)."""
        J = cost(self.x[:, None], self.y, [w], b)
        accuracy = 100 * np.mean((w * self.x + b >= 0) == (self.y == 1))
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            at = -b / w if w != 0 else np.nan
        visible = np.isfinite(at) and self.x_range[0] <= at <= self.x_range[1]
        return {"J": J, "accuracy": float(accuracy), "t": at + 0.0 if visible else np.nan}  # + 0.0: no -0.00

    def _derive(self, state):
        """A state read from the tables, completed as ``deriveState`` in ``js/sigmoid.js`` does."""
        state = {**state, **self.numbers(float(state["w"]), float(state["b"]))}
        state["note"] = NOTES[int(state["note"])]
        state["description"] = self.descriptions[int(state["description"])]
        return state

    def _state_at(self, params):
        return self._derive(super()._state_at(params))

    def lookup(self, **params):
        """What the browser shows at these settings: the tables at the nearest stops, with J, the
        accuracy and x = −b/w of those stops (numpy's; the page computes the same) and the templates."""
        return self._derive(super().lookup(**params))

    def _spec(self):
        return {**super()._spec(), "cases": {"note": list(NOTES), "description": list(self.descriptions)},
                "logistic": {"x": self.x.tolist(), "y": self.y.astype(int).tolist(), "x_range": list(self.x_range),
                             "w": "w", "b": "b"}}

    @property
    def shown(self):
        """``(w, b, J, accuracy)`` of the state on display (accuracy as a fraction)."""
        s = self.state
        return float(s["w"]), float(s["b"]), s["J"], s["accuracy"] / 100
