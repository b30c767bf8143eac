"""Drawings for notebook 06 (logistic regression): the sigmoid, the losses, the cost along
training, the decision boundary and the confusion table (the neuron schema: ``plots.neuron``)."""

from dataclasses import dataclass

import numpy as np

from .._validation import as_array, as_count, as_grid_size, as_pair, as_real, as_vector, checks_axes
from ..logistic import check_labels, sigmoid
from ._limits import padded_limits
from .artists import Artists
from .style import PALETTE

__all__ = [
    "CLASS_COLORS",
    "CLASS_MARKERS",
    "ConfusionTable",
    "DecisionBoundary",
    "ExampleLosses",
    "SigmoidCurve",
    "SigmoidFit",
    "boundary_segment",
    "plot_confusion",
    "plot_cost_by_step",
    "plot_decision_boundary",
    "plot_example_losses",
    "plot_sigmoid",
    "plot_sigmoid_fit",
]

# Class 0 / class 1: colour *and* marker differ, so the classes read in grey and for colour blindness.
CLASS_COLORS = (PALETTE["blue"], PALETTE["vermillion"])
CLASS_MARKERS = ("o", "^")


def _labels(y, name, length, other):
    """``y`` as 0/1 int labels, one per entry of ``other`` (``length`` of them)."""
    y = as_vector(y, name)
    if y.shape[0] != length:
        raise ValueError(f"{other} and {name} must have the same length, got {length} and {y.shape[0]} entries")
    return check_labels(y, name).astype(int)


@dataclass
class SigmoidCurve(Artists):
    """What :func:`plot_sigmoid` drew: the curve ``line`` and the ``point`` (0, ½)."""

    line: object
    point: object


@checks_axes
def plot_sigmoid(ax, z_min=-8.0, z_max=8.0):
    """Draw σ(z) = 1 / (1 + e^(−z)) with its asymptotes 0 and 1 and the point (0, ½); a :class:`SigmoidCurve`."""
    z_min, z_max = as_real(z_min, "z_min"), as_real(z_max, "z_max")
    if not z_min < z_max:
        raise ValueError(f"z_min must be below z_max, got z_min = {z_min:g} and z_max = {z_max:g}")
    if not np.isfinite(z_max - z_min):  # Python floats: overflows quietly to inf
        raise ValueError(f"z_min and z_max are too far apart to plot, got {z_min:g} and {z_max:g}")
    z = np.linspace(z_min, z_max, 400)
    for level in (0, 1):
        ax.axhline(level, color=PALETTE["grey"], linestyle="--", linewidth=0.9)
    ax.axvline(0, color="black", linewidth=0.7)
    (line,) = ax.plot(z, sigmoid(z), color=PALETTE["blue"], linewidth=2.5, label=r"$\sigma(z)$")
    (point,) = ax.plot([0], [0.5], "o", color=PALETTE["vermillion"], zorder=4)
    ax.annotate(r"$\sigma(0) = \frac{1}{2}$", (0, 0.5), xytext=(12, -18), textcoords="offset points")
    ax.set_xlim(z_min, z_max)
    ax.set_ylim(-0.08, 1.08)
    ax.set_xlabel(r"$z = x w + b$")
    ax.set_ylabel(r"$\hat y = \sigma(z)$")
    return SigmoidCurve(line, point)


@dataclass
class ExampleLosses(Artists):
    """What :func:`plot_example_losses` drew: the curves for a label ``one`` (y = 1) and ``zero``."""

    one: object
    zero: object


@checks_axes
def plot_example_losses(ax, y_max=6.0):
    """Per-example loss L(ŷ) for y = 1 (−ln ŷ) and y = 0 (−ln(1 − ŷ)) over ŷ ∈ (0, 1); an :class:`ExampleLosses`."""
    y_max = as_real(y_max, "y_max", positive=True)
    p = np.linspace(1e-4, 1 - 1e-4, 500)
    one = ax.plot(p, -np.log(p), color=CLASS_COLORS[1], linewidth=2.5,
                  label=r"$y = 1$: $L = -\ln \hat y$")[0]
    zero = ax.plot(p, -np.log1p(-p), color=CLASS_COLORS[0], linewidth=2.5, linestyle="--",
                   label=r"$y = 0$: $L = -\ln(1 - \hat y)$")[0]
    ax.set_xlim(0, 1)
    ax.set_ylim(0, y_max)
    ax.set_xlabel(r"prediction $\hat y = P(y = 1 \mid x)$")
    ax.set_ylabel(r"loss $L(\hat y, y)$")
    ax.annotate(r"$y=1,\ \hat y \to 0$: $L \to +\infty$", (0.02, y_max * 0.93), fontsize=9,
                color=CLASS_COLORS[1])
    ax.annotate(r"$y=0,\ \hat y \to 1$: $L \to +\infty$", (0.98, y_max * 0.93), fontsize=9, ha="right",
                color=CLASS_COLORS[0])
    ax.legend(loc="center", fontsize=9)
    return ExampleLosses(one, zero)


@checks_axes
def plot_cost_by_step(ax, costs, *, label=None, color=None, log=False, **line_kw):
    """Draw the cost J after each gradient-descent step (step 0 = before training).

    Parameters
    ----------
    costs : array_like, shape (steps + 1,)
        For example ``model.cost_history_``.
    log : bool
        Log scale for J (shows slow late progress).

    Returns
    -------
    line : Line2D
    """
    # NaN and infinity are allowed: a diverged run's costs end that way, and showing it is the point.
    costs = as_array(costs, "costs", ndim=1, finite=False).astype(float)
    try:
        (line,) = ax.plot(np.arange(costs.size), costs, label=label, color=color, linewidth=2, **line_kw)
    except AttributeError as exc:  # matplotlib's word for an unknown keyword: name the argument
        raise TypeError(f"line_kw: plot_cost_by_step passes extra keywords to the line (Line2D), and "
                        f"matplotlib refused one: {exc}") from None
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("gradient-descent step")
    ax.set_ylabel(r"cost $J(w, b)$")
    return line


@dataclass
class SigmoidFit(Artists):
    """What :func:`plot_sigmoid_fit` drew; :meth:`update` moves it to new ``w, b``.

    ``curve`` is ŷ = σ(w x + b) over ``x_grid``, ``threshold`` the vertical line where ŷ = ½
    (at x = −b/w; hidden when off the plot), ``points`` the two classes' collections.
    """

    curve: object
    threshold: object
    points: list
    x_grid: np.ndarray

    def update(self, w, b):
        """Show the curve of ``w, b``; returns ``self``."""
        with np.errstate(over="ignore", invalid="ignore"):  # a huge w gives z = ±inf: σ is 0 or 1
            self.curve.set_ydata(sigmoid(w * self.x_grid + b))
        # NaN draws nothing; toggling visibility instead would also hide the line's legend entry.
        self.threshold.set_xdata([-b / w if self.threshold_visible(w, b) else np.nan] * 2)
        return self

    def threshold_visible(self, w, b):
        """Whether x = −b/w, where ŷ = ½, lies on the plot."""
        at = -b / w if w != 0 else np.nan
        return bool(np.isfinite(at) and self.x_grid[0] <= at <= self.x_grid[-1])

    @property
    def artists(self):
        """The moving artists (curve and threshold)."""
        return [self.curve, self.threshold]


@checks_axes
def plot_sigmoid_fit(ax, x, y, w, b, *, feature="x (standardised)", jitter=0.04, seed=0):
    """One feature against its 0/1 labels, with the model's curve ŷ = σ(w x + b).

    Points are jittered vertically by up to ``jitter`` (seeded) so overlapping ones show.
    Returns a :class:`SigmoidFit` (``.update(w, b)`` moves the curve).
    """
    x = as_vector(x, "x").astype(float)
    y = _labels(y, "y", x.shape[0], "x")
    w, b = as_real(w, "w"), as_real(b, "b")
    lo, hi = padded_limits(x.min(), x.max(), 0.05, "x")
    jitter = as_real(jitter, "jitter")
    if jitter < 0:
        raise ValueError(f"jitter must be >= 0 (the largest vertical shift of a point), got {jitter}")
    rng = np.random.default_rng(as_count(seed, "seed"))
    shake = rng.uniform(-jitter, jitter, size=x.shape)
    names = ("benign (y = 0)", "malignant (y = 1)")
    points = [ax.scatter(x[y == k], y[y == k] + shake[y == k], s=14, alpha=0.55, color=CLASS_COLORS[k],
                         marker=CLASS_MARKERS[k], label=names[k], linewidths=0) for k in (0, 1)]
    x_grid = np.linspace(lo, hi, 300)
    (curve,) = ax.plot(x_grid, x_grid * 0, color="black", linewidth=2.2, label="ŷ = σ(wx + b)")
    threshold = ax.axvline(0, color=PALETTE["green"], linestyle=":", linewidth=1.8, label="ŷ = 0.5")
    ax.axhline(0.5, color=PALETTE["grey"], linewidth=0.7)
    ax.set_xlim(x_grid[0], x_grid[-1])
    ax.set_ylim(-0.12, 1.12)
    ax.set_xlabel(feature)
    ax.set_ylabel("label y and prediction ŷ")
    return SigmoidFit(curve, threshold, points, x_grid).update(w, b)


def boundary_segment(w, b, xlim, ylim):
    """End points of the line ``w[0] x + w[1] y + b = 0`` inside the box, or ``None``.

    ``None`` when ``w`` is (numerically) zero - every point then gets the same ŷ = σ(b),
    there is no boundary - or when the line misses the box.
    """
    w1, w2 = as_vector(w, "w", length=2).astype(float)
    b = as_real(b, "b")
    xlim, ylim = as_pair(xlim, "xlim", increasing=True), as_pair(ylim, "ylim", increasing=True)
    scale = max(abs(w1), abs(w2))
    if scale < 1e-12:
        return None
    w1, w2, b = w1 / scale, w2 / scale, b / scale  # the same line; huge weights no longer overflow
    (x0, x1), (y0, y1) = xlim, ylim
    # A huge b / scale puts the line at ±inf, far off the box: nothing inside, no warning.
    with np.errstate(over="ignore", invalid="ignore"):
        if abs(w2) >= abs(w1):  # closer to horizontal: solve for y
            xs = np.array([x0, x1])
            ys = -(b + w1 * xs) / w2
        else:
            ys = np.array([y0, y1])
            xs = -(b + w2 * ys) / w1
        # Clip the segment to the box by sampling along it (simple and robust for drawing).
        t = np.linspace(0, 1, 401)
        px, py = xs[0] + t * (xs[1] - xs[0]), ys[0] + t * (ys[1] - ys[0])
        inside = (px >= x0) & (px <= x1) & (py >= y0) & (py <= y1)
    if not inside.any():
        return None
    return px[inside][[0, -1]], py[inside][[0, -1]]


@dataclass
class DecisionBoundary(Artists):
    """What :func:`plot_decision_boundary` drew; :meth:`update` moves it to new ``w, b``.

    ``image`` is the ŷ shading (or None), ``line`` the boundary ŷ = ½, ``points`` the two
    classes' collections; ``visible`` says whether the last ``update`` drew a boundary.
    """

    image: object
    line: object
    points: list
    grid: tuple
    xlim: tuple
    ylim: tuple
    visible: bool = False

    def update(self, w, b):
        """Show the model ``w, b``; returns ``self`` (``visible`` is False when ``w`` is zero or
        the line is off the plot)."""
        g1, g2 = self.grid
        if self.image is not None:
            # Huge weights give z = ±inf (σ exactly 0 or 1); inf - inf leaves a blank (NaN) cell.
            with np.errstate(over="ignore", invalid="ignore"):
                self.image.set_data(sigmoid(w[0] * g1 + w[1] * g2 + b))
        segment = boundary_segment(w, b, self.xlim, self.ylim)
        self.visible = segment is not None
        self.line.set_data(*(segment if self.visible else ([], [])))
        return self

    @property
    def artists(self):
        """The moving artists: the shading (if any) first, then the points and the line."""
        return ([] if self.image is None else [self.image]) + [*self.points, self.line]


@checks_axes
def plot_decision_boundary(ax, X2, y, w, b, *, feature_names=("feature 1", "feature 2"), resolution=120,
                           shade=True):
    """Two features of the examples, coloured by label, with the boundary ŷ = ½ of ``w, b``.

    The background shows ŷ = σ(w·x + b) (blue → class 0, vermillion → class 1); the line is
    where ``w[0] x₁ + w[1] x₂ + b = 0``.

    Returns a :class:`DecisionBoundary` (``.update(w, b)`` moves the shading and the line).
    """
    from matplotlib.colors import LinearSegmentedColormap

    X2 = as_array(X2, "X2", ndim=2).astype(float)
    if X2.shape[1] != 2:
        raise ValueError(f"X2 must have shape (n, 2): two features, got shape {X2.shape}")
    y = _labels(y, "y", X2.shape[0], "X2")
    w, b = as_vector(w, "w", length=2).astype(float), as_real(b, "b")
    resolution = as_grid_size(resolution, "resolution")
    lo, hi = padded_limits(X2.min(axis=0), X2.max(axis=0), 0.08, "X2")
    g1, g2 = np.meshgrid(np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution))
    image = None
    if shade:
        cmap = LinearSegmentedColormap.from_list("classes", [CLASS_COLORS[0], "white", CLASS_COLORS[1]])
        image = ax.imshow(np.full(g1.shape, 0.5), extent=(lo[0], hi[0], lo[1], hi[1]), origin="lower",
                          cmap=cmap, vmin=0, vmax=1, alpha=0.35, aspect="auto", interpolation="bilinear")
    names = ("benign (y = 0)", "malignant (y = 1)")
    points = [ax.scatter(X2[y == k, 0], X2[y == k, 1], s=16, color=CLASS_COLORS[k], marker=CLASS_MARKERS[k],
                         edgecolors="white", linewidths=0.3, label=names[k], zorder=3) for k in (0, 1)]
    (line,) = ax.plot([], [], color="black", linewidth=2.2, label="boundary ŷ = 0.5", zorder=4)
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_xlabel(feature_names[0])
    ax.set_ylabel(feature_names[1])
    return DecisionBoundary(image, line, points, (g1, g2), (lo[0], hi[0]), (lo[1], hi[1])).update(w, b)


@dataclass
class ConfusionTable(Artists):
    """What :func:`plot_confusion` drew: the ``image`` of the cells and their ``texts`` (count, tag per cell)."""

    image: object
    texts: list


@checks_axes
def plot_confusion(ax, table, *, class_names=("benign", "malignant")):
    """Draw a 2×2 confusion table (rows = true class, columns = predicted) with its counts.

    Parameters
    ----------
    table : array_like, shape (2, 2)
        ``[[TN, FP], [FN, TP]]``, e.g. from ``lecture_utils.logistic.confusion_matrix``.

    Returns
    -------
    ConfusionTable
    """
    table = as_array(table, "table", ndim=2)
    if table.shape != (2, 2):
        raise ValueError(f"table must be a 2x2 confusion table, got shape {table.shape}")
    if np.any(table < 0) or np.any(table != np.round(table)):
        raise ValueError(f"table must hold counts (whole numbers >= 0), got {table.tolist()}")
    correct = np.eye(2, dtype=bool)
    colours = np.where(correct, 1.0, 0.0)
    from matplotlib.colors import ListedColormap

    image = ax.imshow(colours, cmap=ListedColormap(["#fbe3d4", "#d9ecf7"]), vmin=0, vmax=1)
    tags = (("true negatives", "false positives"), ("false negatives", "true positives"))
    texts = []
    for i in range(2):
        for j in range(2):
            texts.append(ax.text(j, i - 0.08, f"{int(table[i, j]):d}", ha="center", va="center", fontsize=18,
                                 fontweight="bold"))
            texts.append(ax.text(j, i + 0.25, tags[i][j], ha="center", va="center", fontsize=9,
                                 color="#333333"))
    ax.set_xticks([0, 1], [f"predicted\n{c}" for c in class_names])
    ax.set_yticks([0, 1], [f"truly\n{c}" for c in class_names])
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return ConfusionTable(image, texts)
