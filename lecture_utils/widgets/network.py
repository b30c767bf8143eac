"""Explorers for notebook 07 (a network with one hidden layer) on the two-moons data.

- :class:`HiddenLayerExplorer`: the number of hidden units and the training step; the
  boundary ŷ = ½, every hidden unit's line, one unit's response and the cost along training.
- :class:`InitializationExplorer`: the starting weights' size and seed and the learning rate;
  where training ends, and why all-zero or huge starting weights fail.
"""

import copy

import ipywidgets as widgets
import numpy as np

from .. import plots
from .._network_batch import fit_many
from .._validation import as_count, as_explorer_steps, as_real
from ..network import MLPClassifier, forward, init_params, moons_split
from .base import Explorer

__all__ = ["HiddenLayerExplorer", "InitializationExplorer"]

_TRAINED = {}  # (hidden, max_steps) -> {(scale, seed, learning_rate): fitted MLPClassifier}


def _rises(costs):
    return int(np.sum(np.diff(costs) > 1e-12))


class HiddenLayerExplorer(Explorer):
    """Train networks of 1-10 hidden units on the moons and scrub through training.

    Parameters
    ----------
    width : int
        Starting number of hidden units (1-10).
    step : int
        Starting training step (0 to ``max_steps``).
    unit : int
        The hidden unit (1 to ``width``) whose response is shown on the right.
    learning_rate : float
        Step size of gradient descent.
    max_steps : int
        Length of each training run (snapshots every 10 steps), 10 to ``MAX_EXPLORER_STEPS`` = 10,000.
    """

    NOTEBOOK = "07"
    examples = {"notebook 07": dict(width=1, step=0, unit=1)}

    MAX_WIDTH = 10
    EVERY = 10

    def __init__(self, width=1, step=0, unit=1, learning_rate=1.0, max_steps=1500):
        self.learning_rate = as_real(learning_rate, "learning_rate", positive=True)
        self.max_steps = as_explorer_steps(max_steps, minimum=self.EVERY)
        width, step, unit = (as_count(v, name) for v, name in ((width, "width"), (step, "step"), (unit, "unit")))
        self.X, _, self.y, _ = moons_split()
        self._runs = {}
        super().__init__(
            {
                "width": widgets.IntSlider(value=width, min=1, max=self.MAX_WIDTH, description="hidden units"),
                "step": widgets.IntSlider(value=step, min=0, max=self.max_steps, step=self.EVERY,
                                          description="training step"),
                "unit": widgets.IntSlider(value=unit, min=1, max=self.MAX_WIDTH, description="show unit"),
            },
            figsize=(12.0, 4.0), title="Hidden-layer explorer: what a network of h tanh units learns",
        )
        self.warm_backgrounds("width")  # every width trained and its cost curve drawn now, not on a first move

    def run(self, width):
        """The fitted network of ``width`` hidden units, with snapshots (cached)."""
        if width not in self._runs:
            model = MLPClassifier(hidden=width, learning_rate=self.learning_rate, max_steps=self.max_steps)
            self._runs[width] = model.fit(self.X, self.y, keep_every=self.EVERY)
        return self._runs[width]

    def setup(self, fig):
        self.ax, self.ax_unit, self.ax_cost = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1.2, 1, 1]})
        plots.style_axes(self.ax, grid=False)
        self.map = plots.plot_probability_map(self.ax, self.X, self.y, resolution=70)
        self.legend = self.ax.legend(handles=[*self.map.points, self.map.units, self.map.boundary],
                                     loc="lower left", fontsize=7, framealpha=0.9)
        self.note = plots.message(self.ax)
        self.unit_image = plots.plot_unit_response(self.ax_unit, self.map, np.zeros(len(self.map.x) ** 2))
        self.ax_unit.scatter(self.X[:, 0], self.X[:, 1], s=5, c="black", alpha=0.3, linewidths=0)
        (self.unit_line,) = self.ax_unit.plot([], [], color="black", linestyle="--", linewidth=1.5)
        self.ax_unit.set_xlabel("$x_1$     (orange: the unit near +1, purple: near −1)", fontsize=9)
        self.unit_note = plots.message(self.ax_unit)
        plots.style_axes(self.ax_cost, xlabel="gradient-descent step", ylabel="cost J (training)")
        steps = np.arange(self.max_steps + 1)
        (self.cost_line,) = self.ax_cost.plot(steps, np.zeros(steps.size), color=plots.PALETTE["blue"], linewidth=2)
        (self.cost_dot,) = self.ax_cost.plot([0], [0], "o", color=plots.PALETTE["vermillion"], zorder=5)
        self.ax_cost.set_xlim(0, self.max_steps)
        self.ax_cost.set_ylim(0, 0.75)
        self._shown_width = None
        fig.subplots_adjust(left=0.05, right=0.98, bottom=0.14, top=0.86, wspace=0.3)
        self.set_moving([*self.map.artists, self.legend, self.note, self.unit_image, self.unit_line, self.unit_note,
                         self.cost_dot, self.ax.title, self.ax_unit.title, self.ax_cost.title])

    def background_key(self):
        return self._shown_width

    def _at(self, width, step):
        """``(step actually shown, params)``: the last snapshot at or before ``step``."""
        snaps = self.run(width).snapshots_
        shown = max(s for s in snaps if s <= step)
        return shown, snaps[shown]

    def draw(self, width, step, unit):
        model = self.run(width)
        if width != self._shown_width:  # the cost curve changes only with the width
            self.cost_line.set_ydata(np.r_[model.cost_history_, np.full(self.max_steps + 1 - model.cost_history_.size,
                                                                           np.nan)])
            self._shown_width = width
        shown, (W1, b1, W2, b2) = self._at(width, step)
        j = min(unit, width) - 1
        on_grid = forward(self.map.grid_points(), W1, b1, W2, b2)
        self.map.update(on_grid.y_hat, W1, b1, highlight=j)
        self.unit_image.set_data(on_grid.H[:, j].reshape(len(self.map.y), len(self.map.x)))
        seg = plots.boundary_segment(W1[:, j], b1[j], (self.map.x[0], self.map.x[-1]), (self.map.y[0], self.map.y[-1]))
        self.unit_line.set_data(*(seg if seg is not None else ([], [])))
        y_hat = forward(self.X, W1, b1, W2, b2).y_hat
        J, acc = model.cost_history_[shown], float(np.mean((y_hat >= 0.5) == self.y))
        self.cost_dot.set_data([shown], [J])
        self.shown = (width, shown, j, J, acc, float(W2[j]), float(y_hat.min()), float(y_hat.max()))
        self.ax.set_title(f"{width} hidden unit{'s' * (width > 1)}, step {shown}: ŷ and the boundary ŷ = ½", fontsize=9.5)
        self.ax_unit.set_title(f"unit {j + 1}: tanh(w·x + b), weight to the output {W2[j]:+.2f}", fontsize=9.5)
        self.ax_cost.set_title(f"J = {J:.4f}   training accuracy {100 * acc:.1f}%", fontsize=9.5)
        plots.message(self.ax, self._message(width, shown), artist=self.note)
        plots.message(self.ax_unit, f"there are only {width} units:\nshowing unit {width}" if unit > width else "",
                      artist=self.unit_note)

    def _message(self, width, shown):
        if shown == 0:
            # With b2 = 0 the ½-line is the random units' own: a boundary, placed by luck.
            return "step 0: random starting weights, nothing learned;\nthe boundary lies where they happen to put it"
        if not self.map.visible:
            return "no boundary in view: every point\ngets the same class"
        if width == 1:
            return "1 hidden unit: still one straight line"
        return ""

    def describe(self):
        """One line: the width, the step, J and the training accuracy, and the shown unit's role."""
        if getattr(self, "shown", None) is None:
            return "Hidden-layer explorer: nothing drawn yet."
        width, shown, j, J, acc, w_out, lo, hi = self.shown
        shape = "a straight line" if width == 1 else f"a curve bent from {width} units' lines"
        if shown == 0:  # random weights give ŷ from about 0.25 to 0.75, not ½: say what they give
            shape = (f"wherever the random start happens to put it (nothing learned yet: ŷ from {lo:.2f} to "
                     f"{hi:.2f} on the training points; any accuracy here is luck)")
        return (f"{width} hidden unit{'s' * (width > 1)} at step {shown}: cost J = {J:.4f}, training accuracy "
                f"{100 * acc:.1f}%; the boundary is {shape}; unit {j + 1} feeds the output with weight {w_out:+.2f}.")


class InitializationExplorer(Explorer):
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
        Hidden units of the network (1 to ``MAX_HIDDEN`` = 64).
    max_steps : int
        Length of each training run (1 to ``MAX_EXPLORER_STEPS`` = 10,000).
    """

    NOTEBOOK = "07"
    examples = {"notebook 07": dict(scale=1.0, seed=0, learning_rate=1.0)}

    SCALES = (0.0, 0.01, 0.1, 1.0, 3.0, 10.0)
    LEARNING_RATES = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
    SEEDS = tuple(range(10))
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
        self._runs = self._train_all()
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
        """The fitted network for these settings (all trained at construction)."""
        return self._runs[(scale, seed, learning_rate)]

    def _train_all(self):
        """Every setting's network, trained at once by ``fit_many`` (cached per ``hidden, max_steps``).

        A move then only draws (the explorers' target: benchmarks/README.md). All-zero starts are the same network for
        every seed (``init_params`` gives zeros whatever the seed), so they are trained once.
        """
        key = (self.hidden, self.max_steps)
        if key not in _TRAINED:
            settings = [(scale, seed, rate) for scale in self.SCALES for seed in (self.SEEDS if scale else (0,))
                        for rate in self.LEARNING_RATES]
            fitted = dict(zip(settings, fit_many(self.X, self.y, settings, hidden=self.hidden,
                                                 max_steps=self.max_steps)))
            for rate in self.LEARNING_RATES:
                for seed in self.SEEDS[1:]:
                    fitted[(0.0, seed, rate)] = copy.copy(fitted[(0.0, 0, rate)])
                    fitted[(0.0, seed, rate)].seed = seed
            _TRAINED.clear()  # one explorer's worth of networks at a time
            _TRAINED[key] = fitted
        return _TRAINED[key]

    def setup(self, fig):
        self.ax, self.ax_cost = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.1, 1]})
        plots.style_axes(self.ax, grid=False)
        self.map = plots.plot_probability_map(self.ax, self.X, self.y, resolution=70)
        self.note = plots.message(self.ax)
        plots.style_axes(self.ax_cost, xlabel="gradient-descent step", ylabel="cost J (log scale)")
        (self.cost_line,) = self.ax_cost.plot([0], [1.0], color=plots.PALETTE["blue"], linewidth=2)
        self.ax_cost.set_yscale("log")
        self.ax_cost.set_xlim(0, self.max_steps)
        self.ax_cost.set_ylim(0.01, 10)
        self.cost_note = plots.message(self.ax_cost)
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.14, top=0.86, wspace=0.25)
        self.set_moving([*self.map.artists, self.note, self.cost_line, self.cost_note, self.ax.title,
                         self.ax_cost.title])

    def draw(self, scale, seed, learning_rate):
        model = self.run(scale, seed, learning_rate)
        self.map.update(model.predict_proba(self.map.grid_points()), model.W1_, model.b1_)
        costs = model.cost_history_
        self.cost_line.set_data(np.arange(costs.size), np.clip(costs, 0.01, 10))
        acc = model.score(self.X, self.y)
        self.shown = (scale, seed, learning_rate, float(costs[-1]), acc, _rises(costs))
        self.ax.set_title(f"after {model.n_steps_} steps: training accuracy {100 * acc:.1f}%", fontsize=9.5)
        self.ax_cost.set_title(f"J: {costs[0]:.3f} at the start, {costs[-1]:.4f} at the end", fontsize=9.5)
        plots.message(self.ax, self._message(model), artist=self.note)
        rises = _rises(costs)
        # Whether steps of this size overshoot depends on the start too (a saturated start, say).
        plots.message(self.ax_cost, f"steps of learning rate {learning_rate:g} too large\nfor this start: J rose at {rises} of "
                      f"{model.n_steps_} steps" if rises > model.n_steps_ // 20 else "", artist=self.cost_note)

    def _message(self, model):
        if model.diverged_:
            return f"the numbers overflowed after {model.n_steps_} steps:\nthe learning rate is far too large"
        if not np.any(model.W1_):
            return ("all weights started at 0: every hidden unit gets\nthe same gradient (here 0) "
                    "and they never move")
        spread = np.ptp(model.W1_, axis=1).max()
        if self.hidden > 1 and spread < 1e-3:  # one unit has nobody to be identical to
            return "the hidden units are still almost identical:\nthe network acts like one neuron"
        W1, b1, _, _ = init_params(2, self.hidden, scale=model.init_scale, seed=model.seed)
        if np.mean(np.abs(np.tanh(self.X @ W1 + b1)) > 0.99) > 0.3:
            note = "the tanh units started saturated (|H| ≈ 1),\nwhere their slope 1 − H² is ≈ 0"
            # A saturated start is a handicap, not a verdict: say so when the run ended as well
            # as the size-1 start with the same seed and learning rate.
            usual = self.run(1.0, model.seed, model.learning_rate).cost_history_[-1]
            return note + ("; this run recovered" if model.cost_history_[-1] <= 1.05 * usual else "")
        if np.mean(np.abs(model.hidden_activations(self.X)) > 0.99) > 0.5:
            return "most tanh units ended saturated (|H| ≈ 1):\nsharp steps, their slope 1 − H² ≈ 0"
        return ""

    def describe(self):
        """One line: the settings, where training ended, and what went wrong if anything did."""
        if getattr(self, "shown", None) is None:
            return "Initialisation explorer: nothing drawn yet."
        scale, seed, rate, J, acc, rises = self.shown
        why = self._message(self.run(scale, seed, rate)).replace("\n", " ")
        return (f"starting weight size {scale:g}, seed {seed}, learning rate {rate:g}: after training J = {J:.4f}, "
                f"training accuracy {100 * acc:.1f}%, J rose at {rises} step{'s' * (rises != 1)}" + (f"; {why}." if why else "."))
