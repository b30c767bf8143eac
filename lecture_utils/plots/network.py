"""Drawings for notebook 07 (a network with one hidden layer): the network's diagram, and the
probability map ŷ(x) of any classifier over the plane with its boundary ŷ = ½ and the lines where
each hidden unit switches sign."""

from dataclasses import dataclass

import numpy as np

from .._validation import as_array, as_count, as_grid_size, as_real, as_vector, checks_axes, describe
from ..logistic import check_labels
from ._limits import padded_limits
from .artists import Artists, Diagram
from .logistic import CLASS_COLORS, CLASS_MARKERS, boundary_segment
from .style import PALETTE

__all__ = ["ProbabilityMap", "contour_segments", "draw_network", "plot_probability_map", "plot_unit_response"]


def contour_segments(x, y, values, level=0.5):
    """The curves where ``values`` (on the grid ``x`` × ``y``, shape ``(len(y), len(x))``) cross ``level``.

    Returns a list of ``(k, 2)`` arrays, one per piece of curve (empty when ``values`` never
    crosses ``level``). Uses contourpy, matplotlib's own contouring library, so a moving
    boundary can update one ``LineCollection`` instead of making a new contour plot.
    """
    import contourpy

    x, y = as_array(x, "x", ndim=1).astype(float), as_array(y, "y", ndim=1).astype(float)
    values = as_array(values, "values", ndim=2, finite=False).astype(float)
    level = as_real(level, "level")
    if values.shape != (len(y), len(x)):
        raise ValueError(f"values must have shape (len(y), len(x)) = ({len(y)}, {len(x)}), got {values.shape}")
    if not np.all(np.isfinite(values)):
        values = np.nan_to_num(values, nan=0.5)
    lines = contourpy.contour_generator(x, y, values).lines(level)
    return [seg for seg in lines if len(seg) > 1]


@dataclass
class ProbabilityMap(Artists):
    """What :func:`plot_probability_map` drew; :meth:`update` shows new grid values.

    ``image`` shades ŷ over the plane, ``boundary`` holds the curves ŷ = ½, ``units`` the
    hidden units' lines ``W1[:, j]·x + b1[j] = 0``; ``visible`` says whether a boundary is shown.
    """

    image: object
    boundary: object
    units: object
    points: list
    x: np.ndarray
    y: np.ndarray
    visible: bool = False

    def grid_points(self):
        """Every grid point as a row, shape ``(len(y) * len(x), 2)``: feed it to ``predict_proba``."""
        g1, g2 = np.meshgrid(self.x, self.y)
        return np.column_stack([g1.ravel(), g2.ravel()])

    def update(self, values, W1=None, b1=None, highlight=None):
        """Shade ``values`` (ŷ at :meth:`grid_points`, flat or on the grid); draw the hidden units'
        lines when ``W1`` ``(2, h)`` and ``b1`` ``(h,)`` are given (unit ``highlight`` thicker). Returns ``self``."""
        values = _grid_values(values, self.x, self.y)
        with np.errstate(invalid="ignore"):
            if np.any((values < 0) | (values > 1)):  # NaN (a diverged run) is shown as such
                raise ValueError(f"values must be probabilities ŷ between 0 and 1 (predict_proba, not "
                                 f"decision_function), got values from {np.nanmin(values):.4g} to {np.nanmax(values):.4g}")
        if W1 is not None:
            W1 = as_array(W1, "W1", ndim=2).astype(float)
            if W1.shape[0] != 2:
                raise ValueError(f"W1 must have shape (2, h): the map has two features, got shape {W1.shape}")
            if b1 is None:
                raise TypeError(f"the units' lines need b1 too: update(values, W1, b1) with b1 of shape ({W1.shape[1]},)")
            b1 = as_array(b1, "b1", ndim=1).astype(float)
            if b1.shape != (W1.shape[1],):
                raise ValueError(f"b1 must have one bias per column of W1, shape ({W1.shape[1]},), got {b1.shape}")
            if highlight is not None and as_count(highlight, "highlight") >= W1.shape[1]:
                raise ValueError(f"highlight must be a unit's index, 0 to {W1.shape[1] - 1}, got {highlight}")
        self.image.set_data(values)
        segments = contour_segments(self.x, self.y, values)
        self.boundary.set_segments(segments)
        self.visible = bool(segments)
        lines, widths = [], []
        if W1 is not None:
            limits = (self.x[0], self.x[-1]), (self.y[0], self.y[-1])
            for j in range(W1.shape[1]):
                seg = boundary_segment(W1[:, j], float(b1[j]), *limits)
                if seg is not None:
                    lines.append(np.column_stack(seg))
                    widths.append(2.6 if j == highlight else 1.0)
        self.units.set_segments(lines)
        self.units.set_linewidths(widths or [1.0])
        return self

    @property
    def artists(self):
        """The moving artists: the shading, the points, the units' lines, the boundary."""
        return [self.image, *self.points, self.units, self.boundary]


@checks_axes
def plot_probability_map(ax, X2, y, values=None, *, resolution=100, class_names=("class 0", "class 1"),
                         feature_names=("$x_1$", "$x_2$")):
    """Two-feature examples coloured by label over the shading of ŷ(x), with the boundary ŷ = ½.

    Parameters
    ----------
    X2 : array_like, shape (n, 2)
    y : array_like, shape (n,), labels 0/1
    values : array_like, optional
        ŷ on the grid (see :meth:`ProbabilityMap.grid_points`); ½ everywhere when omitted.
    resolution : int
        Grid points per axis, 2 to ``MAX_GRID`` (1000).

    Returns a :class:`ProbabilityMap` (``.update(values, W1, b1)`` moves it).
    """
    from matplotlib.collections import LineCollection
    from matplotlib.colors import LinearSegmentedColormap

    X2 = as_array(X2, "X2", ndim=2).astype(float)
    if X2.shape[1] != 2:
        raise ValueError(f"X2 must have shape (n, 2): two features, got shape {X2.shape}")
    y = as_vector(y, "y")
    if y.shape[0] != X2.shape[0]:
        raise ValueError(f"X2 and y must have the same number of rows, got {X2.shape} and {y.shape}")
    y = check_labels(y).astype(int)
    resolution = as_grid_size(resolution, "resolution")
    lo, hi = padded_limits(X2.min(axis=0), X2.max(axis=0), 0.08, "X2")
    x_grid, y_grid = np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution)
    cmap = LinearSegmentedColormap.from_list("classes", [CLASS_COLORS[0], "white", CLASS_COLORS[1]])
    image = ax.imshow(np.full((resolution, resolution), 0.5), extent=(lo[0], hi[0], lo[1], hi[1]), origin="lower",
                      cmap=cmap, vmin=0, vmax=1, alpha=0.4, aspect="auto", interpolation="bilinear")
    points = [ax.scatter(X2[y == k, 0], X2[y == k, 1], s=16, color=CLASS_COLORS[k], marker=CLASS_MARKERS[k],
                         edgecolors="white", linewidths=0.3, label=class_names[k], zorder=3) for k in (0, 1)]
    units = LineCollection([], colors=PALETTE["grey"], linestyles="--", zorder=3.5, label="hidden units' lines")
    boundary = LineCollection([], colors="black", linewidths=2.2, zorder=4, label="boundary ŷ = 0.5")
    ax.add_collection(units)
    ax.add_collection(boundary)
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_xlabel(feature_names[0])
    ax.set_ylabel(feature_names[1])
    pmap = ProbabilityMap(image, boundary, units, points, x_grid, y_grid)
    return pmap.update(np.full((resolution, resolution), 0.5) if values is None else values)


def _grid_values(values, x, y):
    """``values`` on the grid ``x`` × ``y`` (given flat or as ``(len(y), len(x))``); NaN/inf are shown as such."""
    values = as_array(values, "values", finite=False).astype(float)
    if values.size != len(y) * len(x) or values.ndim > 2:
        raise ValueError(f"values must be one number per grid point, {len(y) * len(x)} flat or shape "
                         f"({len(y)}, {len(x)}), got shape {values.shape}")
    return values.reshape(len(y), len(x))


@checks_axes
def plot_unit_response(ax, pmap, values, *, vmin=-1.0, vmax=1.0):
    """Shade one hidden unit's output over the plane of ``pmap`` (a :class:`ProbabilityMap`'s grid).

    Returns the ``AxesImage``; move it later with ``image.set_data(values)``.
    """
    x, y = pmap.x, pmap.y
    values = _grid_values(values, x, y)
    vmin, vmax = as_real(vmin, "vmin"), as_real(vmax, "vmax")
    image = ax.imshow(values, extent=(x[0], x[-1], y[0], y[-1]), origin="lower", cmap="PuOr_r", vmin=vmin,
                      vmax=vmax, aspect="auto", interpolation="bilinear")
    ax.set_xlim(x[0], x[-1])
    ax.set_ylim(y[0], y[-1])
    return image


@checks_axes
def draw_network(ax, n_inputs=2, n_hidden=4, *, activation="tanh", weights=None):
    """The diagram of a network with one hidden layer: inputs → hidden units (g) → output neuron (σ).

    Parameters
    ----------
    n_inputs, n_hidden : int
        Circles drawn in the input and hidden layers (at most 12 each).
    activation : str
        Name written in the hidden units.
    weights : tuple (W1, W2), optional
        When given, each edge's width shows |weight| and its colour the sign (vermillion +, blue −).

    Returns a :class:`Diagram`: its ``shapes`` (edges, then circles) and ``texts``.
    """
    from matplotlib.patches import Circle

    m, h = as_count(n_inputs, "n_inputs", minimum=1), as_count(n_hidden, "n_hidden", minimum=1)
    if not isinstance(activation, str):
        raise TypeError(f"activation must be the name written in the hidden units, got {describe(activation)}")
    if max(m, h) > 12:
        raise ValueError(f"draw_network draws at most 12 circles per layer, got n_inputs={m}, n_hidden={h}")
    if weights is not None:
        if not isinstance(weights, (tuple, list)) or len(weights) != 2:
            raise TypeError(f"weights must be a pair (W1, W2), got {describe(weights)}")
        W1 = as_array(weights[0], "W1", ndim=2).astype(float)
        W2 = as_array(weights[1], "W2", ndim=(1, 2)).astype(float)
        if W1.shape != (m, h) or W2.reshape(-1).shape != (h,):
            raise ValueError(f"weights must be (W1, W2) of shapes ({m}, {h}) and ({h},), got {W1.shape} and {W2.shape}")
        top = max(np.abs(W1).max(), np.abs(W2).max(), 1e-12)
    xs, r, artists = (0.15, 0.55, 0.92), 0.06, []
    ys_in, ys_hid = np.linspace(0.85, 0.15, m) if m > 1 else [0.5], np.linspace(0.92, 0.08, h) if h > 1 else [0.5]

    def edge(p, q, w):
        color, width = PALETTE["grey"], 1.0
        if w is not None:
            color = PALETTE["vermillion"] if w > 0 else PALETTE["blue"]
            width = 0.4 + 3.5 * abs(w) / top
        artists.extend(ax.plot([p[0] + r, q[0] - r], [p[1], q[1]], color=color, linewidth=width, zorder=1))

    for i, yi in enumerate(ys_in):
        for j, yj in enumerate(ys_hid):
            edge((xs[0], yi), (xs[1], yj), None if weights is None else W1[i, j])
    for j, yj in enumerate(ys_hid):
        edge((xs[1], yj), (xs[2], 0.5), None if weights is None else W2.reshape(-1)[j])
    layers = ((xs[0], ys_in, "#d9ecf7", PALETTE["blue"], [f"$x_{{{i + 1}}}$" for i in range(m)]),
              (xs[1], ys_hid, "#fff3d6", PALETTE["orange"], [activation] * h),
              (xs[2], [0.5], "#dff3ea", PALETTE["green"], [r"$\sigma$"]))
    for x, ys, face, edgecolor, texts in layers:
        for yk, text in zip(ys, texts):
            artists.append(ax.add_patch(Circle((x, yk), r, facecolor=face, edgecolor=edgecolor, lw=1.5, zorder=2)))
            artists.append(ax.text(x, yk, text, ha="center", va="center", fontsize=8 if len(text) > 3 else 12,
                                   zorder=3))
    artists.append(ax.text(xs[2] + 0.07, 0.5, r"$\hat y$", ha="left", va="center", fontsize=15))
    for x, label in zip(xs, (f"input $x$\n({m} features)", f"hidden layer $H$\n({h} units)", "output\nneuron")):
        artists.append(ax.text(x, -0.04, label, ha="center", va="top", fontsize=10))
    artists.append(ax.text((xs[0] + xs[1]) / 2, 1.0, "$W_1, b_1$", ha="center", fontsize=11, color=PALETTE["vermillion"]))
    artists.append(ax.text((xs[1] + xs[2]) / 2, 1.0, "$W_2, b_2$", ha="center", fontsize=11, color=PALETTE["vermillion"]))
    ax.set_xlim(0, 1.08)
    ax.set_ylim(-0.16, 1.06)
    ax.set_aspect("equal")
    ax.axis("off")
    return Diagram.split(artists)
