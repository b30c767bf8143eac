"""Drawings for notebook 05 (gradient descent) along one line: tangent steps, cost per step, slopes.

The surface pictures (contours, arrows, paths in the plane) are in :mod:`.optim`; both are
exported by :mod:`lecture_utils.plots`.
"""

from dataclasses import dataclass

import numpy as np

from .._validation import as_array, as_real, checks_axes
from .artists import Artists
from .optim import _callable, _limits, _numbers
from .style import PALETTE, style_axes

__all__ = ["DirectionalSlopes", "TangentSteps", "plot_cost_history", "plot_directional_slopes", "plot_tangent_steps"]


@dataclass
class TangentSteps(Artists):
    """What :func:`plot_tangent_steps` drew: the ``curve``, and per iterate its ``points``, the
    ``steps`` (arrows to the next one), and for the labelled ones ``tangents``, ``labels``, ``guides``."""

    curve: object
    tangents: list
    points: list
    steps: list
    labels: list
    guides: list


@checks_axes
def plot_tangent_steps(ax, f, df, path, xlim=None, n_labels=3, symbol="w"):
    """One dimension: the curve J(w), the tangent at each iterate and the step to the next.

    ``path`` holds the iterates w¹, w², ...; the first ``n_labels`` get a label and a tangent.
    Returns a :class:`TangentSteps`.
    """
    _callable(f, "f", "J(w) of one number w")
    _callable(df, "df", "dJ/dw of one number w")
    w = as_array(path, "path", ndim=1)
    if xlim is None:
        span = max(float(np.ptp(w)), 1.0)
        xlim = (float(w.min()) - 0.3 * span, float(w.max()) + 0.3 * span)
    xlim = _limits(xlim, "xlim")
    style_axes(ax, xlabel=f"${symbol}$", ylabel=f"$J({symbol})$")
    xs = np.linspace(*xlim, 300)
    ys = _numbers(f(xs), "f(w)")
    curve = ax.plot(xs, ys, color=PALETTE["blue"], linewidth=2.2, label=f"$J({symbol})$")[0]
    drawn = TangentSteps(curve, [], [], [], [], [])
    yrange = float(np.ptp(ys)) or 1.0
    half = 0.12 * (xlim[1] - xlim[0])
    for i, wi in enumerate(w):
        ji, si = float(f(wi)), float(df(wi))
        if i < n_labels:  # tangents of the labelled steps only: near the minimum they pile up
            tx = np.array([wi - half, wi + half])
            drawn.tangents.append(ax.plot(tx, ji + si * (tx - wi), color=PALETTE["orange"], linewidth=1.4)[0])
        drawn.points.append(ax.plot([wi], [ji], "o", color=PALETTE["vermillion"], zorder=5)[0])
        if i + 1 < len(w):
            wn = w[i + 1]
            drawn.steps.append(ax.annotate("", xy=(wn, float(f(wn))), xytext=(wi, ji),
                                           arrowprops=dict(arrowstyle="->", color="black", lw=1.0,
                                                           connectionstyle="arc3,rad=-0.25")))
        if i < n_labels:
            drawn.labels.append(ax.annotate(f"${symbol}^{{{i + 1}}}$", (wi, ji), xytext=(-8, 8),
                                            textcoords="offset points", ha="right", fontsize=12))
            drawn.guides.append(ax.plot([wi, wi], [ys.min() - 0.05 * yrange, ji], ":", color="#777777",
                                        linewidth=0.8)[0])
    ax.set_xlim(*xlim)
    ax.set_ylim(ys.min() - 0.05 * yrange, ys.max() + 0.05 * yrange)
    return drawn


@checks_axes
def plot_cost_history(ax, values, lowest=None, color=PALETTE["blue"], label=None):
    """Cost per step. With ``lowest`` (the smallest possible cost), plots J − lowest on a log scale.

    On a log scale a steady convergence is a straight line going down.
    """
    v = as_array(values, "values", ndim=1, finite=False)
    steps = np.arange(len(v))
    if lowest is None:
        (line,) = ax.plot(steps, v, "-", color=color, label=label)
        style_axes(ax, xlabel="step", ylabel="cost J")
    else:
        gap = np.clip(v - as_real(lowest, "lowest"), 1e-16, None)
        (line,) = ax.semilogy(steps, gap, "-", color=color, label=label)
        style_axes(ax, xlabel="step", ylabel="J − lowest J (log scale)")
    return line


@dataclass
class DirectionalSlopes(Artists):
    """What :func:`plot_directional_slopes` drew: ``predicted`` curve, ``measured`` points, ``best`` line."""

    predicted: object
    measured: object
    best: object


@checks_axes
def plot_directional_slopes(ax, angles, slopes, gradient):
    """Slope of f in each direction (angle in degrees) against the gradient's prediction.

    ``slopes`` are measured (e.g. finite differences); the curve ``|∇f| cos(θ − θ_∇)`` is
    what the gradient predicts; the steepest direction is marked. Returns :class:`DirectionalSlopes`.
    """
    ang = as_array(angles, "angles", ndim=1)
    sl = as_array(slopes, "slopes", ndim=1)
    if ang.shape != sl.shape:
        raise ValueError(f"angles and slopes must have the same shape, got {ang.shape} and {sl.shape}")
    g = as_array(gradient, "gradient", ndim=1)
    if g.shape != (2,):
        raise ValueError(f"gradient must have shape (2,), got {g.shape}")
    style_axes(ax, xlabel="direction θ (degrees)", ylabel="slope in direction θ")
    th = np.linspace(0, 360, 361)
    g_ang = float(np.degrees(np.arctan2(g[1], g[0])) % 360)
    norm = float(np.hypot(g[0], g[1]))  # no overflow for huge entries, unlike the sum of squares
    pred = ax.plot(th, norm * np.cos(np.radians(th - g_ang)), color=PALETTE["blue"],
                   label=r"$\nabla f \cdot u_\theta$ (from the gradient)")[0]
    meas = ax.plot(ang, sl, "o", color=PALETTE["orange"], label="measured slope")[0]
    best = ax.axvline(g_ang, color=PALETTE["vermillion"], linestyle="--",
                      label=f"gradient direction ({g_ang:.0f}°)")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xlim(0, 360)
    ax.set_xticks(range(0, 361, 45))
    ax.legend(loc="lower left", fontsize=8)
    return DirectionalSlopes(pred, meas, best)
