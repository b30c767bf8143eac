"""Three surfaces J(w₁, w₂) to run gradient descent on (notebook 05): a round bowl, a narrow
valley and a tilted double well. Re-exported by :mod:`lecture_utils.optim`; numpy only."""

from dataclasses import dataclass

import numpy as np

__all__ = ["SURFACES", "Surface", "get_surface", "narrow_valley", "round_bowl", "two_minima"]

@dataclass(frozen=True, eq=False)
class Surface:
    """A function of two variables with its gradient, for drawing and descending.

    ``f`` and ``grad`` take points ``p`` of shape ``(..., 2)`` (one point ``(2,)`` or a grid
    ``(H, W, 2)``); ``f`` returns shape ``p.shape[:-1]``, ``grad`` returns ``p``'s shape.
    """

    name: str
    description: str
    f: object
    grad: object
    minima: tuple
    xlim: tuple = (-3.0, 3.0)
    ylim: tuple = (-3.0, 3.0)
    start: tuple = (-2.5, 2.0)

    @property
    def lowest(self):
        """The smallest value of ``f`` (at the deepest minimum)."""
        return float(min(self.f(np.asarray(m, dtype=float)) for m in self.minima))

    def __repr__(self):
        return f"Surface({self.name!r})"


def _bowl_f(p):
    p = np.asarray(p, dtype=float)
    return p[..., 0] ** 2 + p[..., 1] ** 2


def _bowl_grad(p):
    return 2.0 * np.asarray(p, dtype=float)


def _valley_f(p):
    p = np.asarray(p, dtype=float)
    return 0.1 * p[..., 0] ** 2 + 2.0 * p[..., 1] ** 2


def _valley_grad(p):
    p = np.asarray(p, dtype=float)
    return np.stack([0.2 * p[..., 0], 4.0 * p[..., 1]], axis=-1)


# Tilted double well: the 0.3 x term makes the left minimum deeper than the right one.
_TILT = 0.3


def _two_f(p):
    p = np.asarray(p, dtype=float)
    x, y = p[..., 0], p[..., 1]
    return (x ** 2 - 1.0) ** 2 + _TILT * x + y ** 2


def _two_grad(p):
    p = np.asarray(p, dtype=float)
    x, y = p[..., 0], p[..., 1]
    return np.stack([4.0 * x * (x ** 2 - 1.0) + _TILT, 2.0 * y], axis=-1)


def _two_minima_points():
    # Stationary points in x: 4x^3 - 4x + 0.3 = 0; the outer two roots are the minima.
    roots = np.sort(np.roots([4.0, 0.0, -4.0, _TILT]).real)
    return ((float(roots[0]), 0.0), (float(roots[2]), 0.0))


round_bowl = Surface(
    "round bowl", "J(x, y) = x² + y²: round contours, the gradient points straight at the minimum",
    _bowl_f, _bowl_grad, ((0.0, 0.0),),
)
narrow_valley = Surface(
    "narrow valley", "J(x, y) = 0.1 x² + 2 y²: steep across, almost flat along the valley",
    _valley_f, _valley_grad, ((0.0, 0.0),),
)
two_minima = Surface(
    "two minima", "J(x, y) = (x² − 1)² + 0.3 x + y²: a deep minimum on the left, a shallow one on the right",
    _two_f, _two_grad, _two_minima_points(), start=(0.5, 2.0),
)
SURFACES = {s.name: s for s in (round_bowl, narrow_valley, two_minima)}


def get_surface(name):
    """The :class:`Surface` called ``name`` (``"round bowl"``, ``"narrow valley"``, ``"two minima"``)."""
    if isinstance(name, Surface):
        return name
    if not isinstance(name, str) or name not in SURFACES:
        raise ValueError(f"unknown surface {name!r}; choose one of {sorted(SURFACES)}")
    return SURFACES[name]
