"""Gradient descent, the lecture's first optimisation algorithm, and three surfaces to run it on.

``gradient_descent(grad, x0, learning_rate)`` repeats ``x := x - learning_rate * grad(x)``
until a step moves ``x`` by less than ``tol`` ("until J doesn't change"), the step budget
runs out, or the iterates blow up. It returns a :class:`GDResult` with every iterate, so a
notebook can draw the path, and a status sentence a student can read.

Only numpy is imported here (no matplotlib): the drawing lives in ``lecture_utils.plots``.
"""

from dataclasses import dataclass, field

import numpy as np

from ._validation import as_array, as_count, as_real, describe

__all__ = [
    "GDResult", "gradient_descent", "Surface", "SURFACES", "get_surface",
    "round_bowl", "narrow_valley", "two_minima",
]

# An iterate whose size passes BLOWUP * max(1, |x0|) counts as exploding: far beyond any
# minimum the course looks for, yet small enough that squaring it cannot overflow.
BLOWUP = 1e8


@dataclass(frozen=True, eq=False)
class GDResult:
    """What :func:`gradient_descent` did.

    Attributes
    ----------
    x : float or numpy.ndarray
        The last iterate (a float for a scalar ``x0``, else an array of ``x0``'s shape).
    path : numpy.ndarray
        Every iterate, ``path[0]`` being ``x0``: shape ``(steps + 1, *x0.shape)``, that is
        ``(steps + 1,)`` for a scalar, ``(steps + 1, d)`` for a vector of length ``d`` and
        ``(steps + 1, n, m)`` for an ``(n, m)`` matrix. Always finite.
    values : numpy.ndarray or None
        ``f`` at every iterate, shape ``(steps + 1,)``, when ``f`` was given; else ``None``.
    converged : bool
        The last step moved ``x`` by less than ``tol`` (Euclidean / Frobenius norm).
    diverged : bool
        The iterates, the gradient or the cost became infinite/NaN or exploded.
    steps : int
        Number of updates made (``len(path) - 1``).
    status : str
        One sentence saying what happened, for a student.
    learning_rate, tol : float
        The settings used.
    last_change : float
        Size of the last step (NaN when no step was made).
    """

    x: object
    path: np.ndarray
    values: np.ndarray | None
    converged: bool
    diverged: bool
    steps: int
    status: str
    learning_rate: float = field(default=float("nan"))
    tol: float = field(default=float("nan"))
    last_change: float = field(default=float("nan"))

    def __repr__(self):
        return f"GDResult(steps={self.steps}, converged={self.converged}, diverged={self.diverged}, status={self.status!r})"

    def __str__(self):
        return self.status


def gradient_descent(grad, x0, learning_rate, max_steps=1000, tol=1e-6, f=None):
    """Minimise by gradient descent: repeat ``x := x - learning_rate * grad(x)``.

    Parameters
    ----------
    grad : callable
        ``grad(x)`` returns the gradient at ``x``, an array of ``x0``'s shape (for a vector
        ``x0`` of shape ``(d,)`` a column ``(d, 1)`` is accepted too).
    x0 : float or array_like
        Start point: a scalar, a vector or a matrix of finite numbers. Never modified.
    learning_rate : float
        Step size alpha, a positive finite number.
    max_steps : int
        Largest number of updates (a whole number >= 0).
    tol : float
        Stop once a step moves ``x`` by less than ``tol`` (norm of the step); ``tol >= 0``.
    f : callable, optional
        The function being minimised; when given, ``values`` holds ``f`` along the path.

    Returns
    -------
    GDResult
        ``x``, ``path``, ``values``, ``converged``, ``diverged``, ``steps`` and ``status``.

    Notes
    -----
    Divergence (an iterate, gradient or cost that is infinite or NaN, or an iterate whose
    norm exceeds ``1e8 * max(1, |x0|)``) stops the loop without raising and without numpy
    warnings; ``path`` then ends at the last finite iterate.
    """
    if not callable(grad):
        raise TypeError(f"grad must be a function grad(x) returning the gradient, got {describe(grad)}")
    if f is not None and not callable(f):
        raise TypeError(f"f must be a function f(x) returning the cost, or None, got {describe(f)}")
    x = np.array(as_array(x0, "x0"), dtype=float)  # a copy: x0 is never touched
    learning_rate = as_real(learning_rate, "learning_rate", positive=True)
    max_steps = as_count(max_steps, "max_steps")
    tol = as_real(tol, "tol")
    if tol < 0:
        raise ValueError(f"tol must be >= 0, got {tol}")

    scalar = x.ndim == 0
    limit = BLOWUP * max(1.0, _norm(x))
    path = [x.copy()]
    values = None
    reason = None
    if f is not None:
        v0 = _cost(f, x)
        values = [v0]
        if not np.isfinite(v0):
            reason = f"the cost f(x0) is {v0}"
    change = float("nan")
    while reason is None and len(path) - 1 < max_steps:
        g = _gradient(grad, x, scalar)
        if not np.all(np.isfinite(g)):
            reason = f"the gradient became infinite or NaN at step {len(path) - 1}"
            break
        # Explicit guard instead of silencing overflow: a step this big is already exploding.
        gmax = float(np.max(np.abs(g)))
        if gmax > limit / learning_rate:
            reason = f"a step would move x by more than {limit:.0e}"
            break
        with np.errstate(over="ignore", invalid="ignore"):  # checked on the next line
            step = learning_rate * g
            x_new = x - step
        if not np.all(np.isfinite(x_new)):
            reason = f"x became infinite at step {len(path)}"
            break
        if _norm(x_new) > limit:
            path.append(x_new)
            if values is not None:
                values.append(_cost(f, x_new))
                if not np.isfinite(values[-1]):
                    path.pop()
                    values.pop()
            reason = f"x grew beyond size {limit:.0e}"
            break
        if values is not None:
            v = _cost(f, x_new)
            if not np.isfinite(v):
                reason = f"the cost became {v}"
                break
            values.append(v)
        change = _norm(step)
        x = x_new
        path.append(x)
        if change < tol:
            break

    steps = len(path) - 1
    diverged = reason is not None
    converged = not diverged and steps > 0 and change < tol
    path_arr = np.array(path, dtype=float)
    values_arr = None if values is None else np.array(values, dtype=float)
    status = _status(steps, max_steps, converged, diverged, reason, learning_rate, tol, change, values_arr)
    last = path_arr[-1]
    return GDResult(
        x=float(last) if scalar else last.copy(),
        path=path_arr, values=values_arr, converged=bool(converged), diverged=bool(diverged),
        steps=steps, status=status, learning_rate=learning_rate, tol=tol, last_change=change,
    )


def _norm(v):
    """Euclidean (Frobenius) norm that cannot overflow: huge entries are scaled first."""
    big = float(np.max(np.abs(v))) if np.size(v) else 0.0
    if big == 0.0 or not np.isfinite(big):
        return big
    return big * float(np.sqrt(np.sum(np.square(np.asarray(v) / big))))


def _gradient(grad, x, scalar):
    arg = np.float64(x) if scalar else x.copy()  # a copy: a grad that edits x cannot corrupt the path
    # A cost blowing up (exp of a huge number, ...) must not flood the notebook with warnings:
    # the result is checked for inf/NaN right after and reported as divergence.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        try:
            g = grad(arg)
        except (OverflowError, FloatingPointError):
            return np.full(x.shape, np.nan)
    if g is None:
        raise TypeError("grad(x) returned None - does the function end with a return statement?")
    g = as_array(g, "grad(x)", finite=False)
    if g.shape != x.shape:
        if x.ndim == 1 and g.shape == (x.shape[0], 1):
            g = g[:, 0]
        elif scalar and g.size == 1:
            g = g.reshape(())
        else:
            raise ValueError(
                f"grad(x) must return an array of the same shape as x0, {x.shape}, "
                f"got shape {g.shape}"
            )
    return g.astype(float)


def _cost(f, x):
    arg = np.float64(x) if x.ndim == 0 else x.copy()
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        try:
            v = f(arg)
        except (OverflowError, FloatingPointError):
            return float("inf")
    v = as_array(v, "f(x)", finite=False)
    if v.size != 1:
        raise ValueError(f"f(x) must return one number (the cost), got shape {v.shape}")
    return float(v.reshape(()))


def _n(steps):
    return f"{steps} step" + ("" if steps == 1 else "s")


def _status(steps, max_steps, converged, diverged, reason, lr, tol, change, values):
    cost = "" if values is None else f", cost J = {values[-1]:.4g}"
    if diverged and steps == 0:
        # Nothing moved yet: the start point (or the function) is the problem, not alpha.
        return f"Stopped before the first step: {reason} - check x0 and the function."
    if diverged:
        return (f"Diverged after {_n(steps)}: {reason} - "
                f"the learning rate {lr:g} is too large for this function.")
    if converged:
        return (f"Converged after {_n(steps)}: the last step moved x by "
                f"{change:.2g} < tol = {tol:g}{cost}.")
    if steps == 0:
        return f"No steps taken (max_steps = {max_steps}){cost}."
    if values is not None and values[-1] >= values[0]:
        return (f"Not getting anywhere after {_n(steps)}: the cost went from {values[0]:.4g} "
                f"to {values[-1]:.4g} - the learning rate {lr:g} is too large.")
    return (f"Still moving after {_n(steps)} (the last step moved x by {change:.2g}, "
            f"tol = {tol:g}){cost}: allow more steps or try a larger learning rate.")


# --- surfaces for the explorer, the figures and the tests ------------------------------------


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
    if name not in SURFACES:
        raise ValueError(f"unknown surface {name!r}; choose one of {sorted(SURFACES)}")
    return SURFACES[name]
