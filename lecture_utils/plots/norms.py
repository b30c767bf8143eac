"""Drawings for notebook 03 (norms): unit balls, the three lengths of a vector, the triangle."""

from dataclasses import dataclass

import numpy as np

from .._validation import MAX_CURVE, as_array, as_grid_size, as_real, as_vector, checks_axes
from ..linalg import lp_formula
from .artists import Artists
from .style import PALETTE, style_axes

__all__ = [
    "NORM_COLORS",
    "TriangleInequality",
    "UnitBall",
    "UnitBalls",
    "VectorNorms",
    "lp_value",
    "p_text",
    "plot_triangle_inequality",
    "plot_unit_ball",
    "plot_unit_balls",
    "plot_vector_norms",
    "unit_ball_boundary",
]

NORM_COLORS = {1: PALETTE["orange"], 2: PALETTE["blue"], np.inf: PALETTE["green"]}


def _as_p(p, name="p"):
    """``p > 0`` (``np.inf`` allowed); pictures also draw ``p < 1``, which is not a norm."""
    return as_real(p, name, finite=False, positive=True)  # NaN is not > 0: refused too


def lp_value(points, p, axis=0):
    """``(sum |x_i|^p)^(1/p)`` along ``axis`` for any ``p > 0`` (also ``p < 1``, not a norm there).

    ``lecture_utils.linalg.lp_norm`` refuses ``p < 1``; pictures need the formula anyway to
    show why. Checks the inputs, then uses :func:`lecture_utils.linalg.lp_formula`.
    """
    p = _as_p(p)
    a = as_array(points, "points", ndim=(1, 2))
    return lp_formula(a, p, axis=axis)


def unit_ball_boundary(p, n=721):
    """Points of ``{x in R^2 : ||x||_p = 1}``, shape ``(2, n)``, going once around the origin.

    Every ray from the origin meets the set once, so each direction ``u`` gives the point
    ``u / ||u||_p``; extra directions are put at the corners (axes and diagonals).
    """
    p = _as_p(p)
    n = as_grid_size(n, "n", minimum=16, maximum=MAX_CURVE)
    t = np.linspace(0, 2 * np.pi, n - 8, endpoint=False)
    t = np.sort(np.concatenate([t, np.arange(8) * np.pi / 4]))
    u = np.vstack([np.cos(t), np.sin(t)])
    u[np.abs(u) < 1e-15] = 0.0
    # For a tiny p the length of a diagonal direction exceeds every float (inf): u / inf = 0 is
    # the right limit there - the ball shrinks to the axes' cross - so inf is wanted here.
    pts = u / lp_formula(u, p, axis=0, _beyond_float="inf")
    return np.hstack([pts, pts[:, :1]])


@dataclass
class UnitBall(Artists):
    """What :func:`plot_unit_ball` drew: the boundary ``line`` and the filled ``patch`` (None without fill)."""

    line: object
    patch: object = None


@checks_axes
def plot_unit_ball(ax, p, *, color=None, fill=True, label=None, linewidth=2.0, alpha=0.2):
    """Draw the unit ball ``||x||_p <= 1`` in 2-D; returns a :class:`UnitBall`."""
    from matplotlib.patches import Polygon

    p = _as_p(p)
    color = color or NORM_COLORS.get(p, PALETTE["blue"])
    pts = unit_ball_boundary(p)
    (line,) = ax.plot(pts[0], pts[1], color=color, linewidth=linewidth, label=label)
    patch = None
    if fill:
        patch = Polygon(pts.T, closed=True, facecolor=color, alpha=alpha, edgecolor="none")
        ax.add_patch(patch)
    return UnitBall(line, patch)


def p_text(p):
    """``p`` as people write it: ``"∞"`` for ``np.inf``, else the number (``"1.5"``)."""
    p = as_real(p, "p", allow_inf=True)
    return "∞" if p == np.inf else f"{p:g}"


@dataclass
class UnitBalls(Artists):
    """What :func:`plot_unit_balls` drew: one boundary line per ``p``, in order, in ``lines``."""

    lines: list


@checks_axes
def plot_unit_balls(ax, ps=(1, 2, np.inf)):
    """The unit balls of several ``p`` on one square ``Axes``, with a legend; returns :class:`UnitBalls`."""
    ps = as_array(ps, "ps", ndim=1, finite=False)
    if ps.dtype == bool:
        raise TypeError(f"ps must be numbers p > 0 (np.inf allowed), got booleans {ps.tolist()}")
    if np.any(np.isnan(ps)) or np.any(ps <= 0):
        raise ValueError(f"ps must be positive numbers (np.inf allowed), got {ps.tolist()}")
    style_axes(ax, xlabel="$x_1$", ylabel="$x_2$")
    lines = [plot_unit_ball(ax, float(p), fill=False, label=f"p = {p_text(p)}").line for p in ps]
    ax.axhline(0, color=PALETTE["grey"], linewidth=0.8)
    ax.axvline(0, color=PALETTE["grey"], linewidth=0.8)
    ax.set_xlim(-1.5, 1.5)
    ax.set_ylim(-1.5, 1.8)  # room above the balls for the legend
    ax.set_aspect("equal")
    ax.legend(loc="upper center", ncol=len(ps), fontsize=9, handlelength=1.5)
    return UnitBalls(lines)


@dataclass
class VectorNorms(Artists):
    """What :func:`plot_vector_norms` drew; :meth:`update` moves it to another vector.

    ``l1`` is the path along the axes, ``linf`` the largest |coordinate| drawn on its axis,
    ``l2`` the straight line, ``point`` the vector's tip.
    """

    l1: object
    linf: object
    l2: object
    point: object

    def update(self, x):
        """Show vector ``x`` (two numbers); returns ``self``."""
        x1, x2 = float(x[0]), float(x[1])
        self.l2.set_data([0, x1], [0, x2])
        self.l1.set_data([0, x1, x1], [0, 0, x2])
        if abs(x1) >= abs(x2):
            self.linf.set_data([0, x1], [0, 0])
        else:
            self.linf.set_data([0, 0], [0, x2])
        self.point.set_data([x1], [x2])
        return self


@checks_axes
def plot_vector_norms(ax, x, *, lim=None, legend=True):
    """The three lengths of a 2-D vector ``x``: L2 arrow, L1 taxicab path, L-infinity coordinate.

    Returns a :class:`VectorNorms` (``.update(x)`` moves it).
    """
    arr = as_array(x, "x", ndim=(1, 2))
    if arr.size != 2:
        raise ValueError(f"plot_vector_norms draws 2-D vectors: x must have 2 entries, got shape {arr.shape}")
    x = as_vector(arr.reshape(2), "x", length=2).astype(float)
    if np.abs(x).max() > 1e150:  # the L² length and the axis limits must stay floats
        raise ValueError(f"x must have entries of size at most 1e150 to be drawn, got {x.tolist()}")
    lim = lim or max(1.0, 1.2 * float(np.abs(x).max()))
    style_axes(ax, xlabel="$x_1$", ylabel="$x_2$")
    ax.axhline(0, color=PALETTE["grey"], linewidth=0.8)
    ax.axvline(0, color=PALETTE["grey"], linewidth=0.8)
    artists = VectorNorms(
        l1=ax.plot([], [], color=NORM_COLORS[1], linewidth=3, linestyle="--", label="L¹: taxicab path")[0],
        linf=ax.plot([], [], color=NORM_COLORS[np.inf], linewidth=7, alpha=0.6,
                     solid_capstyle="butt", label="L∞: largest |coordinate|")[0],
        l2=ax.plot([], [], color=NORM_COLORS[2], linewidth=2.5, label="L²: straight line")[0],
        point=ax.plot([], [], "o", color=PALETTE["black"], markersize=6)[0],
    ).update(x)
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    if legend:
        ax.legend(loc="lower left", fontsize=8, framealpha=0.9)
    return artists


@dataclass
class TriangleInequality(Artists):
    """What :func:`plot_triangle_inequality` drew: the ``arrows`` x, y, x + y, their ``labels``,
    and the ``title`` comparing the lengths."""

    arrows: list
    labels: list
    title: object


@checks_axes
def plot_triangle_inequality(ax, x, y, p=2):
    """Vectors ``x``, ``y`` (tip to tail) and ``x + y``: the direct way is never longer (p >= 1).

    Returns a :class:`TriangleInequality`.
    """
    x = as_vector(x, "x", length=2).astype(float)
    y = as_vector(y, "y", length=2).astype(float)
    p = _as_p(p)
    if max(np.abs(x).max(), np.abs(y).max()) > 1e150:  # their lengths must stay floats
        raise ValueError(f"x and y must have entries of size at most 1e150 to be drawn, got {x.tolist()} "
                         f"and {y.tolist()}")
    s = x + y
    style_axes(ax, xlabel="$x_1$", ylabel="$x_2$")
    arrows, labels = [], []
    for start, end, color, name in ((np.zeros(2), x, PALETTE["blue"], "x"),
                                    (x, s, PALETTE["orange"], "y"),
                                    (np.zeros(2), s, PALETTE["vermillion"], "x + y")):
        arrows.append(ax.annotate("", xy=end, xytext=start,
                                  arrowprops={"arrowstyle": "-|>", "color": color, "lw": 2.2,
                                                  "shrinkA": 0, "shrinkB": 0}))
        mid = (start + end) / 2
        normal = np.array([-(end - start)[1], (end - start)[0]])
        normal = normal / (np.linalg.norm(normal) or 1.0) * 0.3
        if name != "x + y":  # labels outside the triangle (for x, y turning counter-clockwise)
            normal = -normal
        labels.append(ax.text(*(mid + normal), name, color=color, fontsize=12, ha="center", va="center"))
    nx, ny, ns = (lp_value(v, p) for v in (x, y, s))
    sign = "≤" if ns <= nx + ny + 1e-12 else ">"
    text = ax.set_title(f"‖x + y‖ = {ns:.2f}  {sign}  ‖x‖ + ‖y‖ = {nx:.2f} + {ny:.2f} = {nx + ny:.2f}",
                        fontsize=10)
    pts = np.vstack([np.zeros(2), x, s])
    lo, hi = pts.min(axis=0) - 0.6, pts.max(axis=0) + 0.6
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_aspect("equal")
    return TriangleInequality(arrows, labels, text)
