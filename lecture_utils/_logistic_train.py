"""The training loop of :class:`lecture_utils.logistic.LogisticRegression`, unvalidated and fast.

The public helpers of :mod:`lecture_utils.logistic` check every argument on every call (right
for a student's own loop). ``LogisticRegression.fit`` checks its data and settings once and
then runs :func:`descend`, which trusts them: one step costs the two products with ``X``
(``z = Xw + b`` and ``Xᵀ(ŷ − y)``) plus a dozen passes over ``n`` numbers; its target, at most
3× the two products alone, and the measured figure are in benchmarks/RESULTS.md.

How a step stays cheap while still recording the exact cost J at every step:

- the bias is a last column of ones, so ``z`` and the gradient are one product each;
- every array is allocated once and reused (``out=``);
- ``ŷ − y = ½ tanh(z/2) + (½ − y)``: σ through ``tanh`` (no overflow, no branch);
- J's summand ``ln(1 + eᶻ) − y z = max(s z, 0) + ln(1 + e^(−|z|))`` with ``s = 1 − 2y``: exact
  for every z, as ``logistic.cost``, without the slow ``logaddexp``.
"""

import numpy as np

from ._validation import check_entries

__all__ = ["DivergenceWarning", "descend", "diverged_message", "gradient_kernel"]


class DivergenceWarning(RuntimeWarning):
    """Training stopped because the numbers overflowed; the model keeps its last finite parameters."""


def diverged_message(steps, lr):
    """What LogisticRegression.fit warns when training diverged."""
    return (f"LogisticRegression.fit diverged: the cost overflowed (inf or NaN) after {steps} steps, so "
            f"training stopped there and w_, b_ are the last finite parameters (diverged_ is True). "
            f"Standardise X (entries near 1) or lower learning_rate (now {lr:g}).")


def gradient_kernel(X, y, w, b, l2):
    """``(dw, db)`` of J at ``(w, b)`` for checked float arrays ``X (n, m)``, ``y (n,)``, ``w (m,)``."""
    z = X @ w + b
    error = 0.5 * np.tanh(0.5 * z) + (0.5 - y)  # σ(z) − y
    n = X.shape[0]
    return X.T @ error / n + 2 * l2 * w, float(error.sum() / n)


def descend(X, y, lr, max_steps, tol, l2, keep_path=False):
    """Gradient descent on J from ``w = 0, b = 0``, for checked ``X (n, m)`` floats, ``y (n,)`` 0/1 floats.

    Stops after ``max_steps`` steps or after the first step shorter than ``tol`` (the Euclidean
    length of the change of ``(w, b)``).

    Returns
    -------
    theta : ndarray (m + 1,)
        The weights, then the bias.
    costs : ndarray (steps + 1,)
        J (with the penalty ``l2·‖w‖²``) before the first step and after every step.
    converged : bool
        Whether a step shorter than ``tol`` stopped training.
    path : ndarray (steps + 1, m + 1) or None
        Every iterate, with ``keep_path``.
    diverged : bool
        Whether training stopped because the cost or the parameters overflowed (inf or NaN:
        data with entries far from 1, or a huge learning rate). ``theta`` and ``costs`` then
        end at the last finite step.
    """
    if keep_path:
        check_entries((max_steps + 1) * (X.shape[1] + 1), "the kept path (every iterate of w and b)",
                      f"max_steps ({max_steps:,}) or use keep_path=False")
    # Overflow is detected (a non-finite cost) and reported as divergence: no numpy warning.
    with np.errstate(over="ignore", invalid="ignore"):
        return _descend(X, y, lr, max_steps, tol, l2, keep_path)


def _descend(X, y, lr, max_steps, tol, l2, keep_path):
    n, m = X.shape
    Xa = np.empty((n, m + 1))
    Xa[:, :m], Xa[:, m] = X, 1.0
    XaT = np.ascontiguousarray(Xa.T)
    theta, g = np.zeros(m + 1), np.empty(m + 1)
    z, t, u = np.empty(n), np.empty(n), np.empty(n)
    c, s = 0.5 - y, 1.0 - 2.0 * y
    k = lr / n  # the step is k·(Xaᵀ(ŷ − y)) (+ the penalty's part)
    limit = np.float64(tol / k) ** 2  # (inf for a tiny lr: numpy's, not Python's OverflowError)
    # |step| < tol  <=>  |g|² < (tol / k)²
    mask = np.r_[np.ones(m), 0.0] * (2 * l2 * n)  # the penalty's gradient, times n; the bias is not penalised
    costs = np.empty(max_steps + 1)
    path = np.empty((max_steps + 1, m + 1)) if keep_path else None
    np.dot(Xa, theta, out=z)
    converged = diverged = False
    steps = max_steps
    previous = theta.copy()
    for step in range(max_steps + 1):
        # J at this step: sum of max(s z, 0) + ln(1 + e^(−|z|)), then / n (+ penalty).
        np.multiply(s, z, out=u)
        np.maximum(u, 0.0, out=u)
        np.abs(z, out=t)
        np.negative(t, out=t)
        np.exp(t, out=t)
        np.log1p(t, out=t)
        u += t
        costs[step] = u.sum()
        if l2:
            costs[step] += l2 * n * float(theta[:m] @ theta[:m])
        if not np.isfinite(costs[step]):  # overflowed: keep the last finite step, say so
            theta[:] = previous
            steps, diverged = step - 1, True
            break
        if keep_path:
            path[step] = theta
        if step == max_steps or converged:
            steps = step
            break
        np.multiply(z, 0.5, out=t)  # ŷ − y = ½ tanh(z/2) + (½ − y)
        np.tanh(t, out=t)
        t *= 0.5
        t += c
        np.dot(XaT, t, out=g)
        if l2:
            g += mask * theta
        previous[:] = theta
        theta -= k * g
        converged = float(g @ g) < limit
        np.dot(Xa, theta, out=z)
    costs = costs[:steps + 1] / n
    return theta, costs, converged, (path[:steps + 1] if keep_path else None), diverged
