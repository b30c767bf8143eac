"""Notebook 06's gradient exercises: ``gradient(X, y, w, b)`` (a function) and one step of
gradient descent by hand (``06.gd_step``), with the classic slips (a transposed X, the 1/n,
the sign of ŷ − y, the bias) replayed on the exercise's own data."""
NOTEBOOK = "06"

import numpy as np

from ..checks import Exercise, register
from ..logistic import gradients, sigmoid
from ._common import close as _close
from .logistic_regression import B_SMALL, LEARNING_RATE, W_SMALL, _train, small


# --- 06.gradient (a function) ---------------------------------------------------------------
def _reference_gradient(X, y, w, b):
    return gradients(X, y, w, b)


def _gradient_cases():
    X_train, y_train = _train()
    X, y = small()
    square = X_train[:3, :3].copy()  # n = m = 3: X @ (ŷ − y) runs without error - and is wrong
    return [
        (square, y_train[:3].copy(), W_SMALL.copy(), B_SMALL),
        (X, y, W_SMALL.copy(), B_SMALL),
        (X, y.reshape(-1, 1).astype(float), W_SMALL.copy(), B_SMALL),
    ]


def _error(X, y, w, b):
    return sigmoid(X @ w + b) - np.ravel(y)


def _dw(result):
    return result[0] if isinstance(result, (tuple, list)) and len(result) == 2 else None


def _grad_mistake(make_dw):
    def predicate(result, args):
        return _close(_dw(result), make_dw(*args))
    return predicate


def _db_mistake(make_db):
    def predicate(result, args):
        good = _close(_dw(result), _right_dw(*args))
        return good and _close(result[1], make_db(*args))
    return predicate


def _not_square(predicate):
    """``predicate``, but only where n ≠ m (on square data dividing by m is dividing by n)."""
    return lambda result, args: np.shape(args[0])[0] != np.shape(args[0])[1] and predicate(result, args)


def _wrong_axis(result, args):
    """(ŷ − y) times each row's sum or mean of X: the sum over the features, not over the examples."""
    X = args[0]
    per_example = _error(*args) * X.sum(axis=1)
    return any(_close(_dw(result), per_example / d) for d in (X.shape[0], X.shape[1], 1))


def _slope(X, w, b):
    p = sigmoid(X @ w + b)
    return p * (1 - p)


def _db_boxed(result, args):
    if not (isinstance(result, (tuple, list)) and len(result) == 2 and _close(result[0], _right_dw(*args))):
        return False
    db = result[1]
    return np.ndim(db) > 0 and np.size(db) == 1 and _close(np.ravel(db)[0], np.mean(_error(*args)))


def _right_dw(X, y, w, b):
    return X.T @ _error(X, y, w, b) / X.shape[0]


def _broadcast_bug(result, args):
    X, y = args[0], args[1]
    dw = _dw(result)
    return np.ndim(y) == 2 and np.ndim(dw) == 2 and np.shape(dw) == (X.shape[1], X.shape[0])


# --- 06.gd_step -----------------------------------------------------------------------------
# The step starts from w_small, b_small, not from 0: at w = 0, b = 0 "the step alone" would
# equal "w + step", and the gradient at 0 the gradient at the start.
def _step(sign=-1.0, update_b=True, at=None, rate=LEARNING_RATE):
    X, y = small()
    dw, db = gradients(X, y, *(at or (W_SMALL, B_SMALL)))
    w_new = W_SMALL + sign * rate * dw
    return w_new, (B_SMALL + sign * rate * db) if update_b else B_SMALL


def _step_only():
    X, y = small()
    dw, db = gradients(X, y, W_SMALL, B_SMALL)
    return -LEARNING_RATE * dw, -LEARNING_RATE * db


def _sequential_step():
    """w updated first, then db computed at the new w (not a simultaneous update)."""
    X, y = small()
    w_new = _step()[0]
    return w_new, B_SMALL - LEARNING_RATE * gradients(X, y, w_new, B_SMALL)[1]


def _gradient_pair():
    X, y = small()
    return gradients(X, y, W_SMALL, B_SMALL)


def _pair_close(a, want):
    return isinstance(a, (tuple, list)) and len(a) == 2 and _close(a[0], want[0]) and _close(a[1], want[1])




def _step_variant(scale=1.0, at=None, steps=1):
    """``steps`` gradient-descent steps from (w_small, b_small), the gradient multiplied by ``scale``."""
    X, y = small()
    w, b = W_SMALL, B_SMALL
    for _ in range(steps):
        dw, db = gradients(X, y, *(at or (w, b)))
        w, b = w - LEARNING_RATE * scale * dw, b - LEARNING_RATE * scale * db
    return w, b


def _step_rounded(a):
    """Both parts of the right step, rounded to 2-5 decimals (but not exactly right)."""
    want = _step()
    if _pair_close(a, want):
        return False
    return any(_pair_close(a, (np.round(want[0], d), round(float(want[1]), d))) for d in range(2, 6))




register(
    Exercise(
        id="06.gradient",
        expected=lambda: _reference_gradient,
        cases=_gradient_cases,
        hint="dw = (1/n) Xᵀ(ŷ − y) with shapes (m,) = (m, n) @ (n,), db = mean(ŷ − y), ŷ = σ(Xw + b); "
             "flatten y first.",
        mistakes=(
            (_broadcast_bug, ("dw came out as an (m, n) matrix: y is a column (n, 1) and ŷ is flat (n,), "
                             "so ŷ − y broadcast to (n, n). Flatten y first (y = np.ravel(y)).")),
            (_grad_mistake(lambda X, y, w, b: X @ _error(X, y, w, b) / X.shape[0]),
             ("you multiplied by X where Xᵀ is needed (on square data it runs, and is wrong): "
              "(m,) = (m, n) @ (n,) means X.T @ (ŷ − y).")),
            (_grad_mistake(lambda X, y, w, b: -X.T @ _error(X, y, w, b) / X.shape[0]),
             ("that is Xᵀ(y − ŷ), the slide's sign slip: the gradient is (1/n) Xᵀ(ŷ − y); "
              "stepping along yours would climb the cost.")),
            (_grad_mistake(lambda X, y, w, b: X.T @ _error(X, y, w, b)),
             "the 1/n is missing: J is a mean, so its gradient is (1/n) Xᵀ(ŷ − y)."),
            (_not_square(_grad_mistake(lambda X, y, w, b: X.T @ _error(X, y, w, b) / X.shape[1])),
             "you divided by m, the number of features (X.shape[1]): J averages over the n examples, X.shape[0]."),
            (_wrong_axis,
             ("that is one number per example, combined over the features (a mean or sum along the wrong "
              "axis; on square data it has the right shape): dw_j averages (ŷ − y) x_j over the examples, "
              "X.T @ (ŷ − y) / n.")),
            (_grad_mistake(lambda X, y, w, b: 2 * X.T @ (_error(X, y, w, b) * _slope(X, w, b)) / X.shape[0]),
             ("that is the gradient of the squared error (ŷ − y)²: for the cross-entropy cost the σ′ "
              "cancels, dL/dz = ŷ − y, so dw = (1/n) Xᵀ(ŷ − y).")),
            (_grad_mistake(lambda X, y, w, b: X.T @ (_error(X, y, w, b) * _slope(X, w, b)) / X.shape[0]),
             ("you multiplied by σ′(z) = ŷ(1 − ŷ) once more: for the cross-entropy cost it cancels, "
              "dL/dz = ŷ − y, so dw = (1/n) Xᵀ(ŷ − y).")),
            (_grad_mistake(lambda X, y, w, b: X.T @ _error(X, y, w, 0.0) / X.shape[0]),
             "you forgot the bias b in ŷ = σ(Xw + b)."),
            (_grad_mistake(lambda X, y, w, b: X.T @ (X @ w + b - np.ravel(y)) / X.shape[0]),
             "the sigmoid is missing: ŷ = σ(Xw + b), and the error is ŷ − y, not (Xw + b) − y."),
            (_grad_mistake(lambda X, y, w, b: X.T @ (sigmoid(sigmoid(X @ w + b)) - np.ravel(y)) / X.shape[0]),
             "the sigmoid is applied twice: ŷ = σ(Xw + b), once."),
            (_grad_mistake(lambda X, y, w, b: (X.T @ _error(X, y, w, b) / X.shape[0])[:, None]),
             "dw is a column (m, 1): keep it flat, shape (m,) like w, or w − α dw broadcasts to (m, m)."),
            (_db_boxed, "dw is right, but db is a one-entry array: return it as a number (np.mean gives one)."),
            (_db_mistake(lambda X, y, w, b: np.sum(_error(X, y, w, b))),
             "dw is right, but db misses the 1/n: ∂J/∂b = (1/n) Σ (ŷ − y), np.mean."),
            (_db_mistake(lambda X, y, w, b: -np.mean(_error(X, y, w, b))),
             "dw is right, but db has the wrong sign: ∂J/∂b = mean(ŷ − y)."),
            (_db_mistake(lambda X, y, w, b: np.mean(sigmoid(X @ w + b))),
             "dw is right, but db is mean(ŷ): the −y is missing, ∂J/∂b = mean(ŷ − y)."),
        ),
    ),
    Exercise(
        id="06.gd_step",
        expected=_step,
        hint="Compute (dw, db) at w_start, b_start, then w := w − α dw and b := b − α db (both from the old values).",
        mistakes=(
            (lambda a: _pair_close(a, _step(sign=+1.0)),
             "you stepped uphill: gradient descent subtracts α × gradient."),
            (lambda a: _pair_close(a, _step(update_b=False)), "w is right, but b must be updated too: b := b − α db."),
            (lambda a: _pair_close(a, _step_only()),
             "that is only the step (−α dw, −α db); add it to the current w_start and b_start."),
            (lambda a: _pair_close(a, _step(rate=1.0)), "the learning rate is missing: w − α dw with α = 0.5."),
            (lambda a: any(_pair_close(a, _step(rate=r)) for r in (0.1, 0.01, 0.05, 1e-3)),
             "that step used another learning rate: this exercise's α is 0.5 (alpha in the cell)."),
            (lambda a: _pair_close(a, _step(at=(np.zeros(3), 0.0))),
             "the gradient was taken at w = 0, b = 0: take it at the current point (w_start, b_start)."),
            (lambda a: _pair_close(a, _sequential_step()),
             ("b was updated with a gradient computed after w had moved: compute dw and db at the old "
              "(w, b) first, then update both (a simultaneous update).")),
            (lambda a: _pair_close(a, _step_variant(scale=len(small()[1]))),
             "the 1/n is missing: J is a mean, so dw = (1/n) Xᵀ(ŷ − y) and db = mean(ŷ − y)."),
            (lambda a: _pair_close(a, _step_variant(scale=1 / len(small()[1]))),
             "you divided by n twice: `gradients` already returns the mean, (1/n) Xᵀ(ŷ − y); don't divide again."),
            (lambda a: _pair_close(a, _step_variant(steps=2)),
             "that is two steps: take one step from (w_start, b_start)."),
            (lambda a: _pair_close(a, _step_variant(at=(W_SMALL, 0.0))),
             "the gradient was computed without the bias (b = 0 in ŷ = σ(Xw + b)): use b_start."),
            (_step_rounded, "close - those are the right numbers rounded: keep full precision (let numpy compute them)."),
            (lambda a: _pair_close(a, _gradient_pair()),
             "those are the gradients (dw, db); the step's result is (w − α dw, b − α db)."),
        ),
    ),
)
