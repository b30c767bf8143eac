"""Gradient descent, the lecture's first optimisation algorithm, and three surfaces to run it on.

``gradient_descent(grad, x0, learning_rate)`` repeats ``x := x - learning_rate * grad(x)``
until a step moves ``x`` by less than ``tol`` (a precise version of the lecture's "until J
doesn't change": near a minimum the steps and the changes of J shrink together; the same
rule as ``LogisticRegression``'s ``tol``), the step budget runs out, or the iterates blow up.
It returns a :class:`GDResult` with every iterate, so a notebook can draw the path, and
what happened in words (:attr:`GDResult.status`, :meth:`GDResult.summary`).

Only numpy is imported here (no matplotlib): the drawing lives in ``lecture_utils.plots``.
"""

from dataclasses import dataclass

import numpy as np

from ._validation import as_array, as_non_negative, as_real, as_steps, check_entries, describe
from .surfaces import SURFACES, Surface, get_surface, narrow_valley, round_bowl, two_minima

__all__ = [
    "SURFACES",
    "GDResult",
    "Summary",
    "Surface",
    "get_surface",
    "gradient_descent",
    "narrow_valley",
    "round_bowl",
    "two_minima",
]

# An iterate whose size passes BLOWUP * max(1, |x0|) counts as exploding: far beyond any
# minimum the course looks for, yet small enough that squaring it cannot overflow.
BLOWUP = 1e8


@dataclass(frozen=True)
class Summary:
    """A few words on a gradient-descent run, for a figure title, and whether they are bad news.

    ``bad_news`` is true when the learning rate is too large (diverged, diverging or stuck).
    """

    text: str
    bad_news: bool

    def __str__(self):
        return self.text


@dataclass(frozen=True, eq=False)
class GDResult:
    """What :func:`gradient_descent` did.

    Attributes
    ----------
    x : float or numpy.ndarray
        The last iterate (a float for a scalar ``x0``, else an array of ``x0``'s shape).
    path : numpy.ndarray
        Every iterate, ``path[0]`` being ``x0``: shape ``(steps + 1, *x0.shape)``. Always finite.
    values : numpy.ndarray or None
        ``f`` at every iterate, shape ``(steps + 1,)``, when ``f`` was given; else ``None``.
    converged : bool
        The last step moved ``x`` by less than ``tol`` (Euclidean / Frobenius norm).
    diverged : bool
        The iterates, the gradient or the cost became infinite/NaN or exploded.
    steps : int
        Number of updates made (``len(path) - 1``).
    learning_rate, tol : float
        The settings used.
    max_steps : int
        The step budget.
    last_change : float
        Size of the last step (NaN when no step was made).
    reason : str or None
        Why the run was stopped as diverged (None otherwise).
    """

    x: object
    path: np.ndarray
    values: np.ndarray | None
    converged: bool
    diverged: bool
    steps: int
    learning_rate: float
    tol: float
    max_steps: int
    last_change: float
    reason: str | None = None

    def __repr__(self):
        return f"GDResult(steps={self.steps}, converged={self.converged}, diverged={self.diverged}, status={self.status!r})"

    def __str__(self):
        return self.status

    def outcome(self, lowest=None, left=False):
        """One word for what happened: ``"stopped"`` (before the first step), ``"diverged"``,
        ``"converged"``, ``"converged-local"``, ``"no steps"``, ``"diverging"`` (the cost grew,
        or the path left the view: ``left``), ``"stuck"`` (the cost did not go down) or
        ``"moving"``. ``lowest`` (the smallest possible cost) tells a local minimum apart."""
        v = self.values
        if self.diverged:
            return "stopped" if self.steps == 0 else "diverged"
        if self.converged:
            local = lowest is not None and v is not None and v[-1] > lowest + 1e-6
            return "converged-local" if local else "converged"
        if self.steps == 0:
            return "no steps"
        if left or self._cost_grew():
            return "diverging"
        if v is not None and v[-1] >= v[0]:
            return "stuck"
        return "moving"

    def _cost_grew(self):
        v = self.values  # the one threshold for "the cost grew", used by status and summary
        return v is not None and self.steps > 0 and v[-1] > v[0] + 1e-9 * abs(v[0])

    @property
    def status(self):
        """One sentence saying what happened, for a student."""
        kind, n, lr, v = self.outcome(), _n(self.steps), self.learning_rate, self.values
        cost = "" if v is None else f", cost J = {v[-1]:.4g}"
        if kind == "stopped":  # nothing moved yet: the start point (or the function) is the problem
            return f"Stopped before the first step: {self.reason} - check x0 and the function."
        if kind == "diverged":
            return f"Diverged after {n}: {self.reason} - the learning rate {lr:g} is too large for this function."
        if kind == "converged":
            return (f"Converged after {n}: the last step moved x by "
                    f"{self.last_change:.2g} < tol = {self.tol:g}{cost}.")
        if kind == "no steps":
            return f"No steps taken (max_steps = {self.max_steps}){cost}."
        if kind == "diverging":
            return (f"Diverging after {n}: the cost grew from {v[0]:.4g} to {v[-1]:.4g} - "
                    f"the learning rate {lr:g} is too large.")
        if kind == "stuck":
            return (f"Stuck after {n}: the cost went from {v[0]:.4g} to {v[-1]:.4g}, bouncing "
                    f"back and forth - the learning rate {lr:g} is too large.")
        advice = ("allow more steps (the path zig-zags: a larger learning rate would overshoot even more)"
                  if self._zigzags() else "allow more steps or try a larger learning rate")
        return (f"Still moving after {n} (the last step moved x by {self.last_change:.2g}, "
                f"tol = {self.tol:g}){cost}: {advice}.")

    def _zigzags(self):
        """Whether the last step turned back against the one before (overshooting a valley floor)."""
        p = self.path.reshape(len(self.path), -1)
        if len(p) < 3:
            return False
        a, b = p[-2] - p[-3], p[-1] - p[-2]
        return float(a @ b) < 0

    def summary(self, lowest=None, left=False):
        """A few words for a figure title and a bad-news flag, as a :class:`Summary`.

        ``lowest`` (the smallest possible cost) lets a convergence to a higher, local minimum
        say so; ``left`` says the drawn path left the view.
        """
        kind, n = self.outcome(lowest, left), _n(self.steps)
        text = {
            "stopped": "stopped before the first step",
            "diverged": f"diverged after {n}",
            "converged": f"converged after {n}",
            "converged-local": f"converged after {n} (to the shallower minimum)",
            "no steps": "no steps taken",
            "diverging": f"diverging: the cost grew in {n}" if self._cost_grew()
            else f"diverging: the path left the map in {n}",
            "stuck": "stuck: bouncing back and forth, the cost is not going down",
            "moving": f"still moving after {n}",
        }[kind]
        return Summary(text, kind in ("stopped", "diverged", "diverging", "stuck"))


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
        Largest number of updates: a whole number from 0 to ``MAX_STEPS`` (1,000,000), and
        small enough that ``(max_steps + 1) * x0.size`` (the path) stays within ``MAX_ENTRIES``
        (10,000,000 numbers); larger requests are refused up front with the limit named.
    tol : float
        Stop once a step moves ``x`` by less than ``tol`` (norm of the step); ``tol >= 0``.
        ``LogisticRegression(tol=...)`` uses the same rule on its step in ``(w, b)``.
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
    x0_array = as_array(x0, "x0")
    if x0_array.dtype == bool:  # True/False would silently start from 1.0/0.0
        raise TypeError(f"x0 must be the starting parameters as numbers, got booleans ({describe(x0)})")
    x = np.array(x0_array, dtype=float)  # a copy: x0 is never touched
    learning_rate = as_real(learning_rate, "learning_rate", positive=True)
    max_steps = as_steps(max_steps)
    # Every iterate is kept: refuse up front a path that could not fit, rather than fill memory.
    check_entries((max_steps + 1) * max(x.size, 1), "the path (every iterate is kept)",
                  f"max_steps ({max_steps:,}) or the size of x0 ({x.size:,} numbers)")
    tol = as_non_negative(tol, "tol", "the smallest step that keeps the loop going")

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
            reason = f"a step would move x by more than {limit:.2g}"
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
            reason = f"x grew beyond size {limit:.2g}"
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
    last = path_arr[-1]
    return GDResult(
        x=float(last) if scalar else last.copy(),
        path=path_arr, values=None if values is None else np.array(values, dtype=float),
        converged=bool(converged), diverged=bool(diverged), steps=steps, learning_rate=learning_rate,
        tol=tol, max_steps=max_steps, last_change=change, reason=reason,
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
