"""Drawings for notebook 05 (gradient descent) on a surface: contours, gradient arrows, paths.

One-variable descent, cost curves and directional slopes are in :mod:`.descent`.

Every function takes a matplotlib ``Axes``, draws, and returns what it drew (a dataclass of
named artists when there are several, see :mod:`.artists`). Two-variable
functions ``f`` take points ``p`` of shape ``(..., 2)`` and return ``p.shape[:-1]``, like the
surfaces in :mod:`lecture_utils.optim` (``surface.f``, ``surface.grad``).
"""

from dataclasses import dataclass

import numpy as np

from .._validation import as_array, as_count, as_grid_size, as_pair, checks_axes
from ..surfaces import get_surface
from .artists import Artists
from .style import CMAP, PALETTE, message, style_axes

__all__ = [
    "Contours",
    "LearningRatePanels",
    "PathArtists",
    "Surface3D",
    "clip_path",
    "plot_contours",
    "plot_gradient_arrows",
    "plot_learning_rate_comparison",
    "plot_path",
    "plot_surface_3d",
]

MAX_ARROWS = 60  # arrows per axis of plot_gradient_arrows: more overlap into a smear


def _limits(lim, name):
    return as_pair(lim, name, increasing=True)


def _callable(fn, name, what):
    if not callable(fn):
        raise TypeError(f"{name} must be a function {what}, got {type(fn).__name__} {fn!r:.60}")


def _numbers(value, name):
    try:
        if isinstance(value, np.ma.MaskedArray):  # masked points are not drawn (NaN), not drawn as data
            return np.ma.filled(value.astype(float), np.nan)
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError) as err:
        raise TypeError(f"{name} must return numbers, got {type(value).__name__} ({err})") from None


def _grid(f, xlim, ylim, n):
    _callable(f, "f", "of points p of shape (..., 2)")
    xs = np.linspace(*xlim, n)
    ys = np.linspace(*ylim, n)
    X, Y = np.meshgrid(xs, ys)
    Z = _numbers(f(np.stack([X, Y], axis=-1)), "f(p)")
    if Z.shape != X.shape:
        raise ValueError(f"f must map points of shape (..., 2) to shape (...); on a grid of shape "
                         f"{X.shape + (2,)} it returned shape {Z.shape}")
    return X, Y, Z


def clip_path(path, xlim, ylim, margin=1.0):
    """Cut a 2-D path where it first leaves the view (enlarged by ``margin`` view sizes).

    Returns ``(points, left)``: the points up to the exit, the last one moved onto the
    enlarged box along its segment (so the visible part is exact), and whether it left.
    Divergent runs reach 1e8 and beyond; drawing those coordinates is pointless.
    """
    pts = as_array(path, "path", ndim=2, finite=False)
    if pts.shape[1] != 2:
        raise ValueError(f"path must have shape (k, 2) - one (x, y) point per row - got {pts.shape}")
    (x0, x1), (y0, y1) = _limits(xlim, "xlim"), _limits(ylim, "ylim")
    mx, my = margin * (x1 - x0), margin * (y1 - y0)
    lo = np.array([x0 - mx, y0 - my])
    hi = np.array([x1 + mx, y1 + my])
    inside = np.all(np.isfinite(pts) & (pts >= lo) & (pts <= hi), axis=1)
    if inside.all():
        return pts.astype(float), False
    k = int(np.argmin(inside))  # first point outside
    if k == 0:
        return pts[:0].astype(float), True
    a, b = pts[k - 1].astype(float), pts[k].astype(float)
    if not np.all(np.isfinite(b)):
        return pts[:k].astype(float), True
    d = b - a
    t = 1.0
    with np.errstate(over="ignore"):  # a subnormal step overflows to inf, which min() below ignores
        for i in range(2):  # largest t in [0, 1] keeping a + t d inside the box
            if d[i] > 0:
                t = min(t, (hi[i] - a[i]) / d[i])
            elif d[i] < 0:
                t = min(t, (lo[i] - a[i]) / d[i])
    return np.vstack([pts[:k], a + t * d]), True


@dataclass
class Contours(Artists):
    """What :func:`plot_contours` drew: the ``filled`` contour set (None unless filled), the ``lines``."""

    filled: object
    lines: object


@checks_axes
def plot_contours(ax, f, xlim=(-3, 3), ylim=(-3, 3), levels=14, n=160, filled=True, cmap=CMAP):
    """Contour map of ``f`` over the view; returns :class:`Contours`.

    ``levels`` is a number of levels (spread over the quantiles of ``f`` on the grid, so
    a steep bowl still shows rings near its bottom) or a sequence of levels.
    """
    xlim, ylim = _limits(xlim, "xlim"), _limits(ylim, "ylim")
    n = as_grid_size(n, "n", minimum=10)
    X, Y, Z = _grid(f, xlim, ylim, n)
    if not np.isfinite(Z).any() or np.nanmin(Z) == np.nanmax(Z):
        raise ValueError(f"f has no contours to draw in this view: it is constant or NaN on the whole grid "
                         f"(values from {np.nanmin(Z) if np.isfinite(Z).any() else 'NaN'}); "
                         "choose other xlim, ylim or another f")
    if np.isscalar(levels) or np.ndim(levels) == 0:
        count = as_count(levels, "levels", minimum=2)
        # nanquantile: points where f is NaN (or masked) are gaps in the map, not levels.
        lv = np.unique(np.nanquantile(Z, np.linspace(0.0, 0.97, count + 1) ** 1.6))
    else:
        lv = as_array(levels, "levels", ndim=1)
    fill = ax.contourf(X, Y, Z, levels=lv, cmap=cmap, alpha=0.55, extend="max") if filled else None
    lines = ax.contour(X, Y, Z, levels=lv, colors="#555555", linewidths=0.6, alpha=0.8)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal", adjustable="box")
    return Contours(fill, lines)


@checks_axes
def plot_gradient_arrows(ax, grad, xlim=(-3, 3), ylim=(-3, 3), n=9, color=PALETTE["vermillion"]):
    """Arrows of ``grad`` on an ``n x n`` grid (uphill, length scaled for readability)."""
    xlim, ylim = _limits(xlim, "xlim"), _limits(ylim, "ylim")
    n = as_grid_size(n, "n", maximum=MAX_ARROWS)
    xs = np.linspace(*xlim, n + 2)[1:-1]
    ys = np.linspace(*ylim, n + 2)[1:-1]
    X, Y = np.meshgrid(xs, ys)
    _callable(grad, "grad", "of points p of shape (..., 2)")
    G = _numbers(grad(np.stack([X, Y], axis=-1)), "grad(p)")
    if G.shape != X.shape + (2,):
        raise ValueError(f"grad must map points of shape (..., 2) to the same shape; got {G.shape} "
                         f"for a grid of shape {X.shape + (2,)}")
    # Longest arrow = one grid spacing, so arrows never cross each other; lengths stay comparable.
    spacing = min(xs[1] - xs[0], ys[1] - ys[0])
    longest = float(np.max(np.hypot(G[..., 0], G[..., 1]))) or 1.0
    return ax.quiver(X, Y, G[..., 0], G[..., 1], color=color, angles="xy", scale_units="xy",
                     scale=longest / (0.9 * spacing), width=0.006, zorder=3)


@dataclass
class PathArtists(Artists):
    """What :func:`plot_path` drew: the path ``line``, the ``start`` ring, the ``end`` star,
    and ``left``, whether the path left the view (then no end star is drawn)."""

    line: object
    start: object
    end: object
    xlim: tuple
    ylim: tuple
    left: bool = False

    def update(self, path):
        """Show another path (cut at the view's edge, like the first); returns ``self``."""
        pts, self.left = clip_path(path, self.xlim, self.ylim)
        self.line.set_data(pts[:, 0], pts[:, 1])
        self.start.set_data(pts[:1, 0], pts[:1, 1])
        last = pts[-1:] if len(pts) and not self.left else np.empty((0, 2))
        self.end.set_data(last[:, 0], last[:, 1])
        return self

    @property
    def artists(self):
        """The three matplotlib artists (for a legend, say)."""
        return [self.line, self.start, self.end]


@checks_axes
def plot_path(ax, path, xlim=None, ylim=None, color=PALETTE["vermillion"], label=None, markersize=4):
    """Draw a 2-D gradient-descent path (start ring, steps, end star), cut at the view's edge.

    Returns a :class:`PathArtists` (``.update(path)`` shows another path; ``.left`` says
    whether the path left the view).
    """
    xlim = _limits(ax.get_xlim() if xlim is None else xlim, "xlim")
    ylim = _limits(ax.get_ylim() if ylim is None else ylim, "ylim")
    (line,) = ax.plot([], [], "-o", color=color, markersize=markersize, linewidth=1.5, label=label, zorder=4)
    (start,) = ax.plot([], [], "o", markersize=9, markerfacecolor="white",
                       markeredgecolor=color, markeredgewidth=2, zorder=5)
    (end,) = ax.plot([], [], "*", markersize=13, color=color, markeredgecolor="black",
                     markeredgewidth=0.6, zorder=6)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    return PathArtists(line, start, end, xlim, ylim).update(path)


@dataclass
class Surface3D(Artists):
    """What :func:`plot_surface_3d` drew: the ``surface`` and the ``path`` line on it (or None)."""

    surface: object
    path: object = None


@checks_axes
def plot_surface_3d(ax, f, xlim=(-3, 3), ylim=(-3, 3), n=50, path=None, cmap=CMAP):
    """3-D surface of ``f`` (``ax``: ``fig.add_subplot(projection="3d")``), optionally a path; a :class:`Surface3D`."""
    if getattr(ax, "name", "") != "3d":
        raise ValueError('plot_surface_3d needs a 3-D Axes: fig.add_subplot(projection="3d")')
    xlim, ylim = _limits(xlim, "xlim"), _limits(ylim, "ylim")
    X, Y, Z = _grid(f, xlim, ylim, as_count(n, "n", minimum=5))
    surf = ax.plot_surface(X, Y, Z, cmap=cmap, alpha=0.75, linewidth=0, antialiased=True,
                           rcount=n, ccount=n)
    drawn = Surface3D(surf)
    if path is not None:
        pts, _ = clip_path(path, xlim, ylim, margin=0.0)
        zs = np.asarray(f(pts), dtype=float)
        drawn.path = ax.plot(pts[:, 0], pts[:, 1], zs, "-o", color=PALETTE["vermillion"],
                             markersize=3, zorder=10)[0]
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    ax.set_zlabel("J")
    return drawn


@dataclass
class LearningRatePanels(Artists):
    """What :func:`plot_learning_rate_comparison` drew: per panel its ``contours`` and ``paths``."""

    contours: list
    paths: list


def plot_learning_rate_comparison(axes, surface, results, labels=("too small", "too large", "just right")):
    """One panel per gradient-descent run on the same surface: contours, path and what happened.

    ``results`` are :class:`~lecture_utils.optim.GDResult` runs (typically the same start and
    step budget with different learning rates); nothing is computed here, only drawn. Each
    title says the learning rate and :meth:`GDResult.summary` (in vermillion when it is bad news).
    Returns a :class:`LearningRatePanels` (one :class:`Contours` and one :class:`PathArtists` per panel).
    """
    surface = get_surface(surface)
    axes = list(np.ravel(axes))
    results = list(results)
    if len(axes) != len(results):
        raise ValueError(f"need one Axes per result: got {len(axes)} axes and {len(results)} results")
    labels = list(labels) + [""] * (len(results) - len(labels))
    drawn = LearningRatePanels([], [])
    for ax, res, label in zip(axes, results, labels):
        style_axes(ax, xlabel="$w_1$", ylabel="$w_2$", grid=False)
        drawn.contours.append(plot_contours(ax, surface.f, surface.xlim, surface.ylim))
        for m in surface.minima:
            ax.plot(*m, "+", color="black", markersize=10, zorder=3)
        path = plot_path(ax, res.path, surface.xlim, surface.ylim)
        words = res.summary(surface.lowest, path.left)
        head = f"{label}: α = {res.learning_rate:g}" if label else f"α = {res.learning_rate:g}"
        ax.set_title(f"{head}\n{words.text}", fontsize=10,
                     color=PALETTE["vermillion"] if words.bad_news else "black")
        if path.left:
            message(ax, "the path left the map")
        drawn.paths.append(path)
    return drawn
