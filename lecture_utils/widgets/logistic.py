"""Explorers for notebook 06 (logistic regression) on the Breast Cancer Wisconsin data.

- :class:`SigmoidExplorer`: one feature, sliders for ``w`` and ``b``; the curve ŷ = σ(wx + b)
  moves over the labelled tumours and the cost J of that choice is shown.
- :class:`DecisionBoundaryExplorer`: two features, a training-step slider; the boundary
  ŷ = ½ moves as gradient descent proceeds, with the cost and accuracy at that step.
"""

import ipywidgets as widgets
import numpy as np

from .. import plots
from .._validation import as_count, as_explorer_steps, as_real, describe
from ..data import breast_cancer_split
from ..logistic import LogisticRegression, cost, sigmoid
from .base import Explorer

__all__ = ["DecisionBoundaryExplorer", "SigmoidExplorer"]


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


class DecisionBoundaryExplorer(Explorer):
    """Watch gradient descent move the decision boundary on two features, step by step.

    Parameters
    ----------
    features : pair of str
        Two columns of ``load_breast_cancer()`` (standardised on the training split).
    learning_rate : float
        Starting choice among ``LEARNING_RATES``.
    max_steps : int
        Length of the training run the step slider scrubs through (1 to ``MAX_EXPLORER_STEPS`` = 10,000).
    """

    NOTEBOOK = "06"
    examples = {"notebook 06": dict(features=("worst_radius", "worst_texture"), learning_rate=0.1, step=0),
                "trained 30 steps": dict(features=("worst_radius", "worst_texture"), learning_rate=0.1, step=30)}

    LEARNING_RATES = (0.01, 0.1, 1.0, 10.0, 100.0)

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
        step = as_count(step, "step")  # a step past max_steps is clipped by the slider
        self.X2, self.y = _training_set(self.features)
        self._runs = {}
        # Predict first (notebook 06): the opening picture does not answer the question it asks;
        # the first move of a control turns the prompt off.
        self._prompt, self._constructed = True, False
        super().__init__(
            {
                "step": widgets.IntSlider(value=step, min=0, max=self.max_steps, step=1, description="step"),
                "learning_rate": widgets.Dropdown(options=list(self.LEARNING_RATES), value=learning_rate,
                                                  description="learning rate"),
            },
            figsize=(9.6, 4.0), title="Decision-boundary explorer: gradient descent, step by step",
        )
        self.warm_backgrounds("learning_rate")  # every run trained and its axes drawn now
        self._constructed = True

    def run(self, learning_rate):
        """Cost, accuracy and parameters at every step of training with ``learning_rate`` (cached)."""
        if learning_rate not in self._runs:
            model = LogisticRegression(learning_rate=learning_rate, max_steps=self.max_steps, tol=0.0)
            model.fit(self.X2, self.y, keep_path=True)
            W, B = model.path_
            accuracy = np.mean(((self.X2 @ W.T + B) >= 0) == (self.y[:, None] == 1), axis=0)
            self._runs[learning_rate] = {"W": W, "b": B, "cost": model.cost_history_, "accuracy": accuracy}
        return self._runs[learning_rate]

    def setup(self, fig):
        self.ax, self.ax_cost = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.15, 1]})
        plots.style_axes(self.ax)
        self.artists = plots.plot_decision_boundary(self.ax, self.X2, self.y, np.zeros(2), 0.0,
                                                    feature_names=[_pretty(f) for f in self.features],
                                                    resolution=60)
        self.legend = self.ax.legend(loc="lower right", fontsize=7.5, framealpha=0.9)
        self.note = plots.message(self.ax)
        plots.style_axes(self.ax_cost, xlabel="gradient-descent step", ylabel="cost J")
        steps = np.arange(self.max_steps + 1)
        (self.cost_line,) = self.ax_cost.plot(steps, np.zeros_like(steps, dtype=float), linewidth=2,
                                              color=plots.PALETTE["blue"], label="cost J")
        (self.cost_dot,) = self.ax_cost.plot([0], [0], "o", color=plots.PALETTE["vermillion"], zorder=5)
        self.ax_acc = self.ax_cost.twinx()
        (self.acc_line,) = self.ax_acc.plot(steps, np.zeros_like(steps, dtype=float), linewidth=1.5,
                                            color=plots.PALETTE["green"], linestyle="--", label="train accuracy")
        self.ax_acc.set_ylim(0, 1.02)
        self.ax_acc.set_ylabel("training accuracy", color=plots.PALETTE["green"])
        self.ax_cost.set_xlim(0, self.max_steps)
        self.ax_cost.legend(handles=[self.cost_line, self.acc_line], loc="center right", fontsize=8)
        self.cost_note = plots.message(self.ax_cost)
        self._shown_rate = None
        fig.subplots_adjust(left=0.07, right=0.93, bottom=0.13, top=0.86, wspace=0.32)
        # Drawn in this order on the cached background: shading, then the points over it.
        # The curves grow with the step (they would otherwise show the whole run at step 0).
        self.set_moving([*self.artists.artists, self.legend, self.cost_line, self.acc_line, self.cost_dot,
                         self.ax.title, self.ax_cost.title, self.note, self.cost_note])

    def background_key(self):
        return self._shown_rate

    def draw(self, step, learning_rate):
        r = self.run(learning_rate)
        if self._constructed:
            self._prompt = False
        if learning_rate != self._shown_rate:  # the axes' range changes only with the learning rate
            self.ax_cost.set_ylim(0, max(0.75, float(r["cost"].max()) * 1.05))
            self._shown_rate = learning_rate
        so_far = np.arange(step + 1)
        self.cost_line.set_data(so_far, r["cost"][: step + 1])
        self.acc_line.set_data(so_far, r["accuracy"][: step + 1])
        w, b = r["W"][step], r["b"][step]
        visible = self.artists.update(w, b).visible
        self.shown = (step, learning_rate)
        J, acc = r["cost"][step], r["accuracy"][step]
        self.cost_dot.set_data([step], [J])
        self.ax.set_title(f"step {step}: w = ({w[0]:.2f}, {w[1]:.2f}), b = {b:.2f}", fontsize=9.5)
        self.ax_cost.set_title(f"J = {J:.4f}   training accuracy {100 * acc:.1f}%", fontsize=9.5)
        if step == 0 and self._prompt:
            text = "Predict first: where is the boundary at step 0,\nand how far does one step move it?"
        elif step == 0:
            text = "step 0: w = 0, b = 0, every ŷ = ½\n(counted as class 1) - no boundary yet"
        elif not visible:
            text = "the boundary is outside the plotted area"
        else:
            text = ""
        plots.message(self.ax, text, artist=self.note)
        rises = np.diff(r["cost"][: step + 1]) > 1e-12
        plots.message(
            self.ax_cost,
            f"learning rate {learning_rate:g} overshoots: J rose at {int(rises.sum())} of {step} steps"
            if rises.any() else "",
            artist=self.cost_note,
        )

    def describe(self):
        """One line: the step, α, J and accuracy there, and whether the cost ever rose."""
        if getattr(self, "shown", None) is None:
            return "Decision-boundary explorer: nothing drawn yet."
        step, rate = self.shown
        r = self.run(rate)
        w, b = r["W"][step], r["b"][step]
        rises = int(np.sum(np.diff(r["cost"][: step + 1]) > 1e-12))
        head = (f"Step {step} of gradient descent with learning rate {rate:g}: w = ({w[0]:.2f}, {w[1]:.2f}), "
                f"b = {b:.2f}, cost J = {r['cost'][step]:.4f}, training accuracy {100 * r['accuracy'][step]:.1f}%")
        if step == 0 and self._prompt:
            return head + "; predict where the boundary is, then move the step slider."
        if step == 0:
            return head + "; every ŷ = ½, no boundary yet."
        return head + (f"; J rose at {rises} of {step} steps (overshooting)." if rises else "; J fell at every step.")
