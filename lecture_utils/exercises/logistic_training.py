"""Notebook 06's "write the whole training loop" exercise: ``train(X, y, learning_rate, steps)``.

The student's function is run on the course data (notebook 06's split, standardised) and
compared with ``LogisticRegression(learning_rate, max_steps=steps, tol=0)``: the same start
``w = 0, b = 0``, the same number of full-batch steps. Each known slip is replayed on the same
data by :func:`_train_variant`, so a message names the slip only when the answer is exactly
what that slip produces.
"""
NOTEBOOK = "06"

import numpy as np

from ..checks import Exercise, register
from ..data import breast_cancer_split
from ..logistic import LogisticRegression, gradients, sigmoid
from ._common import replay, steps_off
from ._loops import loop_slips


def _cases():
    split = breast_cancer_split()
    X, y = split.X_train, split.y_train
    # Two runs: all 30 features, and 4 features with a larger step. Several steps each, so a
    # slip in the loop (not only in the first step) changes the result.
    return [
        (X, y, 0.1, 40),
        (np.ascontiguousarray(X[:, :4]), y.copy(), 0.5, 15),
    ]


def _reference(X, y, learning_rate, steps):
    model = LogisticRegression(learning_rate=learning_rate, max_steps=steps, tol=0).fit(X, y)
    return model.w_, model.b_


def _train_variant(X, y, learning_rate, steps, *, sign=-1.0, mean=True, sequential=False,
                   update_b=True, squash=True, flip_dw=False, b_sign=1.0, divide_by_m=False,
                   times_slope=False, w_start=0.0, per_example=False, coordinatewise=False):
    """The training loop with one slip switched on (the defaults are the right loop)."""
    X, y = np.asarray(X, dtype=float), np.ravel(y).astype(float)
    n, m = X.shape
    w, b = np.full(m, float(w_start)), 0.0
    if per_example:  # stochastic gradient descent: one update per example, not one per pass
        for _ in range(steps):
            for i in range(n):
                error = sigmoid(X[i] @ w + b) - y[i]
                w, b = w - learning_rate * error * X[i], b - learning_rate * error
        return w, b
    if coordinatewise:  # w_j updated one at a time, each from predictions that saw the earlier w_j move
        for _ in range(steps):
            for j in range(m):
                w[j] -= learning_rate * X[:, j] @ (sigmoid(X @ w + b) - y) / n
            b -= learning_rate * np.mean(sigmoid(X @ w + b) - y)
        return w, b
    scale = (1.0 / m if divide_by_m else 1.0 / n) if mean else 1.0
    for _ in range(steps):
        z = X @ w + b
        error = (sigmoid(z) if squash else z) - y
        if times_slope:  # the squared-error chain rule: σ′(z) = ŷ(1 − ŷ) does not cancel there
            error = error * sigmoid(z) * (1 - sigmoid(z))
        dw = (-1.0 if flip_dw else 1.0) * scale * (X.T @ error)
        w = w + sign * learning_rate * dw
        if sequential:  # db from the already-updated w
            z = X @ w + b
            error = (sigmoid(z) if squash else z) - y
        db = b_sign * scale * float(np.sum(error))
        if update_b:
            b = b + sign * learning_rate * db
    return w, b


def _loop_setup(X, y, learning_rate, steps):
    X, y = np.asarray(X, dtype=float), np.ravel(y).astype(float)
    return (lambda w, b: gradients(X, y, w, b)), (np.zeros(X.shape[1]), 0.0), learning_rate, steps, X.shape[0]


def _same(result, want):
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return False
    try:
        w, b = np.asarray(result[0], dtype=float), np.asarray(result[1], dtype=float)
        with np.errstate(all="ignore"):
            return (w.shape == want[0].shape and bool(np.allclose(w, want[0], rtol=1e-6, atol=1e-9))
                    and b.size == 1 and bool(np.allclose(b, want[1], rtol=1e-6, atol=1e-9)))
    except (TypeError, ValueError):
        return False


def _slip(**flags):
    return replay(_train_variant, _same, **flags)


def _steps_off(delta):
    return steps_off(_train_variant, _same, delta)


def _returns_only_w(result, args):
    with np.errstate(all="ignore"):
        w = _train_variant(*args)[0]
    try:
        return np.shape(result) == w.shape and bool(np.allclose(np.asarray(result, dtype=float), w))
    except (TypeError, ValueError):
        return False


def _swapped(result, args):
    return isinstance(result, (tuple, list)) and len(result) == 2 and _same((result[1], result[0]), _reference(*args))


def _b_boxed(result, args):
    if not isinstance(result, (tuple, list)) or len(result) != 2 or np.ndim(result[1]) == 0 or np.size(result[1]) != 1:
        return False
    try:
        return _same((result[0], float(np.ravel(np.asarray(result[1], dtype=float))[0])), _reference(*args))
    except (TypeError, ValueError):
        return False


def _other_step_count(result, args):
    """The number of steps the answer ran, when it is not ``steps`` (and not ±1, named above)."""
    X, y, learning_rate, steps = args
    X, y = np.asarray(X, dtype=float), np.ravel(y).astype(float)
    n, m = X.shape
    w, b = np.zeros(m), 0.0
    for k in range(max(2 * steps + 3, 1001)):
        if k not in (steps - 1, steps, steps + 1) and _same(result, (w, b)):
            return k
        error = sigmoid(X @ w + b) - y
        w, b = w - learning_rate * X.T @ error / n, b - learning_rate * float(np.mean(error))
    return None


def _other_rate(result, args):
    """The learning rate the answer used, when it is a fixed common one instead of ``learning_rate``."""
    X, y, learning_rate, steps = args
    for rate in (0.1, 0.5, 0.01, 1.0):
        if rate != learning_rate and _same(result, _train_variant(X, y, rate, steps)):
            return rate
    return None


register(
    Exercise(
        id="06.train",
        expected=lambda: _reference,
        cases=_cases,
        hint="Start from w = np.zeros(m), b = 0.0. Each step: ŷ = σ(Xw + b), dw = Xᵀ(ŷ − y)/n, "
             "db = mean(ŷ − y), then w := w − α dw and b := b − α db. Return (w, b).",
        mistakes=(
            (_slip(sign=+1.0),
             ("the update has the wrong sign: gradient descent subtracts, w := w − α dw and b := b − α db "
              "(yours climbs the cost).")),
            (_slip(flip_dw=True),
             "dw is Xᵀ(y − ŷ), the slide's sign slip: the gradient is (1/n) Xᵀ(ŷ − y), so w moved uphill."),
            (_slip(b_sign=-1.0),
             "w is updated right, but db has the wrong sign: ∂J/∂b = mean(ŷ − y)."),
            (_slip(mean=False),
             ("the 1/n is missing: J is a mean over the n examples, so dw = Xᵀ(ŷ − y)/n and "
              "db = mean(ŷ − y); without it every step is n times too large.")),
            (_slip(sequential=True),
             ("db was computed after w had already moved (w updated in place first): compute dw and db "
              "from the same ŷ, then update both.")),
            (_slip(update_b=False), "b never changes: update it too, b := b − α db."),
            (_slip(squash=False),
             "the sigmoid is missing: ŷ = σ(Xw + b); with ŷ = Xw + b you trained linear regression."),
            (_steps_off(+1), "one step too many: run exactly `steps` updates (range(steps))."),
            (_steps_off(-1), "one step too few: run exactly `steps` updates (range(steps))."),
            (_returns_only_w, "that is w alone: return the pair (w, b)."),
            (_swapped, "the right numbers in the wrong order: return (w, b), w first."),
            (_b_boxed, "w is right, and b has the right value, but as a one-entry array: start from b = 0.0, a number."),
            (_slip(divide_by_m=True),
             "you divided by m, the number of features (X.shape[1]): J averages over the n examples, X.shape[0]."),
            (_slip(times_slope=True),
             ("you multiplied the error by σ′(z) = ŷ(1 − ŷ): that is the squared-error gradient. For the "
              "cross-entropy cost it cancels, dL/dz = ŷ − y.")),
            (_slip(w_start=1.0), "the weights started at 1: start from w = 0 (np.zeros(m)), as the exercise asks."),
            (_slip(per_example=True),
             ("you updated w and b after every single example (stochastic gradient descent): one step here "
              "uses the gradient over all n rows, then updates once.")),
            (_slip(coordinatewise=True),
             ("you updated the weights one at a time, each from predictions that already saw the earlier "
              "ones move: compute the whole gradient at the old (w, b) first, then update every w_j and b.")),
            *loop_slips(_loop_setup, ("w", "b"), _same),
            (lambda result, args: _other_step_count(result, args) is not None,
             "that is the result of a different number of steps: use the argument `steps`, range(steps)."),
            (lambda result, args: _other_rate(result, args) is not None,
             "that is the result of another learning rate: use the argument `learning_rate`, not a fixed number."),
        ),
    ),
)
