"""Explorers for notebook 06 (logistic regression) on the Breast Cancer Wisconsin data.

- :class:`SigmoidExplorer`: one feature, sliders for ``w`` and ``b``; the curve ŷ = σ(wx + b)
  moves over the labelled tumours and the cost J of that choice is shown.

DecisionBoundaryExplorer (the boundary moved by gradient descent) is drawn in the browser:
:mod:`.logistic_boundary`.
"""

import ipywidgets as widgets
import numpy as np

from .. import plots
from .._validation import as_real, describe
from ..data import breast_cancer_split
from ..logistic import LogisticRegression, cost, sigmoid
from .base import Explorer

__all__ = ["SigmoidExplorer"]


def _training_set(features):
    """Standardised training rows (notebook 06's split, :func:`data.breast_cancer_split`) of the features."""
    split = breast_cancer_split()
    return split.columns(features)[0], split.y_train


def _feature_name(feature, name):
    if not isinstance(feature, str):
        raise TypeError(f"{name} must be a column name (a string) of load_breast_cancer(), got {describe(feature)}")
    return feature


def _pretty(feature):
    return feature.replace("_", " ") + " (standardised)"


class SigmoidExplorer(Explorer):
    """Fit ŷ = σ(w x + b) to one feature by hand: drag ``w`` and ``b``, watch the cost J.

    Parameters
    ----------
    feature : str
        A column of ``load_breast_cancer()`` (standardised on the training split).
    w, b : float
        Starting slider values.
    """

    NOTEBOOK = "06"
    examples = {"notebook 06": dict(feature="worst_concave_points", w=1.0, b=0.0)}

    def __init__(self, feature="worst_concave_points", w=1.0, b=0.0):
        self.feature = _feature_name(feature, "feature")
        w, b = as_real(w, "w", allow_inf=True), as_real(b, "b", allow_inf=True)
        X1, self.y = _training_set([feature])
        self.x = X1[:, 0]
        # The best this one feature can do, for reference (J is convex: gradient descent finds it).
        best = LogisticRegression(learning_rate=1.0, max_steps=3000, tol=1e-12).fit(X1, self.y)
        self.best = (float(best.w_[0]), best.b_, float(best.cost_history_[-1]))
        super().__init__(
            {
                "w": widgets.FloatSlider(value=w, min=-10, max=10, step=0.1, description="weight w"),
                "b": widgets.FloatSlider(value=b, min=-10, max=10, step=0.1, description="bias b"),
            },
            figsize=(6.4, 4.0), title="Sigmoid explorer: ŷ = σ(w x + b) on one feature",
        )

    def setup(self, fig):
        self.ax = plots.style_axes(fig.subplots())
        self.artists = plots.plot_sigmoid_fit(self.ax, self.x, self.y, 0.0, 0.0, feature=_pretty(self.feature))
        self.legend = self.ax.legend(loc="center right", fontsize=8, framealpha=0.9)
        self.note = plots.message(self.ax)
        fig.subplots_adjust(left=0.12, right=0.97, bottom=0.13, top=0.86)
        # The legend is redrawn too, so the moving curve passes behind it, not over it.
        self.set_moving([*self.artists.artists, self.legend, self.ax.title, self.note])

    def draw(self, w, b):
        self.artists.update(w, b)
        J = cost(self.x[:, None], self.y, [w], b)
        accuracy = np.mean((w * self.x + b >= 0) == (self.y == 1))
        self.shown = (w, b, J, accuracy)
        self.ax.set_title(
            f"J(w, b) = {J:.3f}   accuracy {100 * accuracy:.0f}%\n"
            f"best possible with this feature: J = {self.best[2]:.3f} at w = {self.best[0]:.2f}, b = {self.best[1]:.2f}",
            fontsize=9.5,
        )
        plots.message(self.ax, self._message(w, b, J), artist=self.note)

    def _message(self, w, b, J):
        if abs(w) < 0.05:  # the slider's grid reaches exactly 0; a typed value can get close
            return f"w ≈ 0: a flat curve - every tumour gets\nŷ ≈ σ(b) = {float(sigmoid(b)):.2f}, whatever x"
        if not self.artists.threshold_visible(w, b):
            return "ŷ = ½ happens at x = −b/w, off the plot:\nevery tumour is put in the same class"
        if w < 0:
            return "w < 0: larger x now means 'less likely malignant'\n- the data disagree, J is high"
        if abs(w) >= 7:
            return "very steep: almost a step - confident predictions,\nand each wrong one costs a lot"
        return ""

    def describe(self):
        """One line: w, b, the cost J and the accuracy they give, and where ŷ = ½ lies."""
        if getattr(self, "shown", None) is None:
            return "Sigmoid explorer: nothing drawn yet."
        w, b, J, accuracy = self.shown
        if w == 0:
            where = f"w = 0, a flat curve: every tumour gets ŷ = σ(b) = {float(sigmoid(b)):.2f}, so the same class"
        elif self.artists.threshold_visible(w, b):
            where = f"ŷ = ½ at x = {-b / w + 0.0:.2f}"  # + 0.0 turns -0.0 into 0.0
        else:
            where = "ŷ = ½ is off the plot, so every tumour gets the same class"
        return (f"w = {w:.2f}, b = {b:.2f}: cost J = {J:.3f}, accuracy {100 * accuracy:.0f}%; {where} "
                f"(best with this feature: J = {self.best[2]:.3f}).")
