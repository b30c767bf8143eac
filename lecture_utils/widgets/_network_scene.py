"""What notebook 07's two explorers draw alike: the moons over a network's shading, and the helpers
that make it (``widgets/network.py``)."""

import numpy as np
from matplotlib.colors import LinearSegmentedColormap

from ..network import forward
from ..plots._limits import padded_limits
from ..plots.logistic import CLASS_COLORS, CLASS_MARKERS
from . import _scene as sc

RESOLUTION = 70  # grid points per axis of the shading (as plots.plot_probability_map in the notebook)
CLASS_MAP = LinearSegmentedColormap.from_list("classes", [CLASS_COLORS[0], "white", CLASS_COLORS[1]])
BOUNDARY = {"level": 0.5, "color": "black", "width": 2.2}
CURVE_MERGE = 2  # InitializationExplorer's 360 curves: half the shipped bins (~5 px each), 2 decimals of log10 J


def rounded(values, digits=6):
    """``values`` rounded to ``digits`` significant digits: what a picture needs, a third of the JSON."""
    a = np.asarray(values, dtype=float)
    return np.array([float(f"{v:.{digits}g}") for v in a.ravel()]).reshape(a.shape)


def moons_marks(name, X, y, extent):
    """The training points over a map: class 0 blue circles, class 1 vermillion triangles."""
    return [sc.points(name, X[y == k, 0], X[y == k, 1], color=CLASS_COLORS[k], size=4.5, edge="white",
                      shape=CLASS_MARKERS[k]) for k in (0, 1)]


def map_extent(X):
    lo, hi = padded_limits(X.min(axis=0), X.max(axis=0), 0.08, "X")
    return (float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1]))


def map_grid(extent):
    xs, ys = np.linspace(extent[0], extent[1], RESOLUTION), np.linspace(extent[2], extent[3], RESOLUTION)
    g1, g2 = np.meshgrid(xs, ys)
    return np.column_stack([g1.ravel(), g2.ravel()])


def crosses_half(X, grid, params):
    """Whether ŷ crosses ½ on the drawn grid (the boundary is in view); the training points decide most cases."""
    y_hat = forward(X, *params).y_hat
    if y_hat.min() < 0.5 < y_hat.max():
        return True
    on_grid = forward(grid, *params).y_hat
    return bool(on_grid.min() < 0.5 < on_grid.max())
