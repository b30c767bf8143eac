"""Secant pictures for notebook 04 (derivatives); computation graphs are in :mod:`.graph`.

- :func:`plot_secant` draws a function, the secant through ``x0`` and ``x0 + eps`` with its
  "height over width" triangle, and the tangent; the returned :class:`SecantArtists` moves
  them (``update``).
- :func:`plot_fd_error` draws the error of forward and central differences against ``h``.
"""

from dataclasses import dataclass

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import offset_copy

from .._validation import MAX_CURVE, as_array, as_grid_size, as_pair, as_real, checks_axes, describe
from .artists import Artists
from .style import PALETTE

__all__ = ["FDErrorArtists", "SecantArtists", "plot_fd_error", "plot_secant"]


def _function(f, name):
    if not callable(f):
        raise TypeError(f"{name} must be a function (callable), got {describe(f)}")
    return f


def _values(f, x, name):
    """``f(x)`` as a float array of ``x``'s shape, or a clear error naming ``name``."""
    try:
        with np.errstate(all="ignore"):  # inf or NaN from f: checked below, naming f
            y = f(x)
    except (OverflowError, ZeroDivisionError) as exc:
        raise ValueError(f"{name}(x) failed with {type(exc).__name__} ({exc}) for x from {np.min(x):g} to "
                         f"{np.max(x):g}: is the range (xlim, x0, eps) outside {name}'s domain?") from None
    arr = np.asarray(y) if not isinstance(y, str) else None
    if arr is None or arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must return real numbers, but {name}(x) returned {describe(y)}")
    try:
        return np.broadcast_to(arr.astype(float), np.shape(x))
    except ValueError:
        raise ValueError(f"{name}(x) must have the shape of x, {np.shape(x)}, got {arr.shape}") from None


# --- secants and tangents ------------------------------------------------------------------
@dataclass
class SecantArtists(Artists):
    """What :func:`plot_secant` drew; :meth:`update` moves it to another ``x0`` / ``eps``."""

    curve: Line2D
    secant: Line2D
    tangent: Line2D
    run: Line2D
    rise: Line2D
    points: Line2D
    run_text: Text
    rise_text: Text
    xlim: tuple

    def moving(self):
        """The artists :meth:`update` changes (the curve stays)."""
        return [self.secant, self.tangent, self.run, self.rise, self.points,
                self.run_text, self.rise_text]

    def update(self, f, x0, eps, *, df=None):
        """Draw the secant of ``f`` through ``x0`` and ``x0 + eps`` (and the tangent if ``df``).

        Returns
        -------
        float
            The secant's slope ``(f(x0 + eps) - f(x0)) / eps``.
        """
        x1 = x0 + eps
        y0, y1 = float(f(x0)), float(f(x1))
        slope = (y1 - y0) / eps
        lo, hi = self.xlim
        xs = np.array(self.xlim, dtype=float)
        self.secant.set_data(xs, y0 + slope * (xs - x0))
        self.points.set_data([x0, x1], [y0, y1])
        self.run.set_data([x0, x1], [y0, y0])
        self.rise.set_data([x1, x1], [y0, y1])
        self.run_text.set_position((x0, y0))
        self.run_text.set_text(f"width ε = {eps:.3g}")
        near_right = x1 > hi - 0.15 * (hi - lo)  # keep the words inside the axes
        self.rise_text.set_horizontalalignment("right" if near_right else "left")
        self.rise_text.set_position((x1 - 0.05 if near_right else x1 + 0.05, (y0 + y1) / 2))
        self.rise_text.set_text(f"height {y1 - y0:.3g}")
        self.tangent.set_visible(df is not None)
        if df is not None:
            self.tangent.set_data(xs, y0 + float(df(x0)) * (xs - x0))
        return slope


@checks_axes
def plot_secant(ax, f, x0, eps, *, df=None, xlim=(-1.0, 4.0), n=300, name="f(x)"):
    """Draw ``f``, the secant through ``x0`` and ``x0 + eps``, its rise/run triangle, the tangent.

    Parameters
    ----------
    ax : matplotlib Axes
    f : callable
        Vectorised over numpy arrays (``np.exp``, ``lambda x: x**2 + 1``, ...).
    x0, eps : float
        The point and the width of the secant.
    df : callable, optional
        The exact derivative; draws the tangent (dashed) when given.
    xlim : (float, float)
        The x-range of the curve.
    n : int
        Points along the curve, 2 to ``MAX_CURVE`` (100,000).
    name : str
        Legend label of the curve.

    Returns
    -------
    SecantArtists
        Call its ``update(f, x0, eps, df=...)`` to move the secant.
    """
    f = _function(f, "f")
    df = None if df is None else _function(df, "df")
    x0 = as_real(x0, "x0")
    eps = as_real(eps, "eps", positive=True)
    xlim = as_pair(xlim, "xlim", increasing=True)
    x = np.linspace(xlim[0], xlim[1], as_grid_size(n, "n", maximum=MAX_CURVE))
    y = _values(f, x, "f")
    ends = _values(f, np.array([x0, x0 + eps]), "f")
    if not np.all(np.isfinite(ends)):  # a secant through inf or NaN has no slope to show
        raise ValueError(f"f(x0) and f(x0 + eps) must be finite numbers for a secant, got {ends.tolist()} at "
                         f"x0 = {x0:g}, x0 + eps = {x0 + eps:g}: choose x0 and eps inside f's domain")

    def line(*args, **kwargs):
        return ax.plot(*args, **kwargs)[0]

    # A few points away from the triangle's sides, whatever the axes' scale.
    below = offset_copy(ax.transData, fig=ax.figure, y=-4, units="points")
    veil = {"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}
    art = SecantArtists(
        curve=line(x, y, color=PALETTE["blue"], linewidth=2.2, label=name),
        secant=line([], [], color=PALETTE["orange"], linewidth=1.8, label="secant"),
        tangent=line([], [], color=PALETTE["black"], linewidth=1.2, linestyle="--", label="tangent"),
        run=line([], [], color=PALETTE["green"], linewidth=1.6),
        rise=line([], [], color=PALETTE["vermillion"], linewidth=1.6),
        points=line([], [], "o", color=PALETTE["orange"], markersize=6, zorder=5),
        run_text=ax.text(0, 0, "", color=PALETTE["green"], ha="left", va="top", fontsize=9,
                         transform=below, bbox=veil, zorder=6),
        rise_text=ax.text(0, 0, "", color=PALETTE["vermillion"], ha="left", va="center",
                          fontsize=9, bbox=veil, zorder=6),
        xlim=(float(xlim[0]), float(xlim[1])),
    )
    ax.set_xlim(*xlim)
    art.update(f, x0, eps, df=df)
    return art


# --- finite-difference errors --------------------------------------------------------------
@dataclass
class FDErrorArtists(Artists):
    """What :func:`plot_fd_error` drew: the two error curves, and the step ``h`` where each
    is smallest; :meth:`update` redraws them for another function or point."""

    forward: Line2D
    central: Line2D
    hs: np.ndarray
    best_forward: float = np.nan
    best_central: float = np.nan

    def update(self, f, df, x0):
        """Recompute both errors of ``f`` at ``x0`` over the steps ``hs``; returns ``self``."""
        hs = self.hs
        with np.errstate(all="ignore"):  # leaving f's domain gives NaN or inf; checked below
            exact = float(_values(df, np.array(x0), "df"))
            fx = _values(f, np.array(x0), "f")
            fwd = np.abs((_values(f, x0 + hs, "f") - fx) / hs - exact)
            cen = np.abs((_values(f, x0 + hs, "f") - _values(f, x0 - hs, "f")) / (2 * hs) - exact)
        if not (np.all(np.isfinite(fwd)) and np.all(np.isfinite(cen)) and np.isfinite(exact)):
            raise ValueError(f"f or df is not finite near x0 = {x0:g} (outside its domain?): "
                             "pick another x0 or smaller steps hs")
        # An error of exactly 0 (lucky rounding) cannot be drawn on log axes: floor it.
        fwd, cen = np.maximum(fwd, 1e-17), np.maximum(cen, 1e-17)
        self.forward.set_data(hs, fwd)
        self.central.set_data(hs, cen)
        self.best_forward = float(hs[np.argmin(fwd)])
        self.best_central = float(hs[np.argmin(cen)])
        return self


@checks_axes
def plot_fd_error(ax, f, df, x0, hs=None):
    """Error of forward and central differences of ``f`` at ``x0`` against the step ``h``, log-log.

    Shows the two competing errors: truncation (falls with ``h``: slope 1 for forward,
    2 for central) and round-off (grows like machine-epsilon / h as ``h`` shrinks).

    Parameters
    ----------
    ax : matplotlib Axes
    f, df : callable
        The function (vectorised) and its exact derivative.
    x0 : float
    hs : array_like, optional
        Steps; default ``logspace(-15, 0, 61)``.

    Returns
    -------
    FDErrorArtists
        ``forward``, ``central`` (Line2D), ``best_forward``, ``best_central`` (the ``h`` with
        the smallest error of each).
    """
    f, df = _function(f, "f"), _function(df, "df")
    x0 = as_real(x0, "x0")
    if hs is None:
        hs = np.logspace(-15, 0, 61)
    else:
        hs = as_array(hs, "hs", ndim=1).astype(float)
        if np.any(hs <= 0):
            raise ValueError("hs must be positive steps")
    (lf,) = ax.loglog([], [], "o-", color=PALETTE["orange"], markersize=3,
                      label="forward (f(x+h) − f(x)) / h")
    (lc,) = ax.loglog([], [], "s-", color=PALETTE["blue"], markersize=3,
                      label="central (f(x+h) − f(x−h)) / 2h")
    art = FDErrorArtists(lf, lc, hs).update(f, df, x0)
    ax.relim()
    ax.autoscale_view()
    ax.set_xlabel("step h")
    ax.set_ylabel("|approximation − f′(x)|")
    return art
