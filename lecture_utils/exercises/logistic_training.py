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
from ..logistic import LogisticRegression, sigmoid
from ._common import replay, steps_off


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
                   update_b=True, squash=True, flip_dw=False, b_sign=1.0):
    """The training loop with one slip switched on (the defaults are the right loop)."""
    X, y = np.asarray(X, dtype=float), np.ravel(y).astype(float)
    n, m = X.shape
    w, b = np.zeros(m), 0.0
    scale = 1.0 / n if mean else 1.0
    for _ in range(steps):
        z = X @ w + b
        error = (sigmoid(z) if squash else z) - y
        dw = (-1.0 if flip_dw else 1.0) * scale * (X.T @ error)
        w = w + sign * learning_rate * dw
        if sequential:  # db from the already-updated w
            z = X @ w + b
            error = (sigmoid(z) if squash else z) - y
        db = b_sign * scale * float(np.sum(error))
        if update_b:
            b = b + sign * learning_rate * db
    return w, b


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
        ),
    ),
)
