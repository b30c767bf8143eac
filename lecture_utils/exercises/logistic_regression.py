"""Exercises of notebook 06 (logistic regression), recognising the classic mistakes:
a transposed X, a missing 1/n, the sign of ŷ − y, a forgotten bias b, (n, 1) against (n,)
broadcasting, and ln 0."""
NOTEBOOK = "06"

import functools

import numpy as np

from ..checks import Exercise, register
from ..data import load_breast_cancer, standardize, train_test_split
from ..logistic import EPSILON, gradients, sigmoid

# The notebook's small worked example: the first 8 training tumours, first 3 features.
W_SMALL = np.array([0.5, -0.25, 1.0])
B_SMALL = 0.1
# Exercise 2 (the cost) and 5 (ln 0): labels and predictions given in the notebook.
Y_TOY = np.array([1, 0, 1, 1, 0])
P_TOY = np.array([0.9, 0.2, 0.6, 0.3, 0.4])
Y_EDGE = np.array([1, 0, 1, 0])
P_EDGE = np.array([1.0, 0.0, 0.0, 0.3])
LEARNING_RATE = 0.5


@functools.lru_cache(maxsize=1)
def _train():
    X, y, _ = load_breast_cancer()
    X_train, X_test, y_train, _ = train_test_split(X, y, test_size=0.25, seed=0)
    X_train, _ = standardize(X_train, X_test)
    X_train.setflags(write=False)
    y_train.setflags(write=False)
    return X_train, y_train


def small():
    """``X_small`` (8, 3) and ``y_small`` (8,) exactly as the notebook builds them."""
    X_train, y_train = _train()
    return X_train[:8, :3].copy(), y_train[:8].copy()


def _close(a, b):
    try:
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        return a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=1e-9)
    except (TypeError, ValueError):
        return False


# --- 06.predictions -------------------------------------------------------------------------
def _predictions(b=B_SMALL, squash=True):
    X, _ = small()
    z = X @ W_SMALL + b
    return sigmoid(z) if squash else z


# --- 06.cost --------------------------------------------------------------------------------
def _cost_terms(y, p):
    return y * np.log(p) + (1 - y) * np.log(1 - p)


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


def _broadcast_bug(result, args):
    X, y = args[0], args[1]
    dw = _dw(result)
    return np.ndim(y) == 2 and np.ndim(dw) == 2 and np.shape(dw) == (X.shape[1], X.shape[0])


# --- 06.gd_step -----------------------------------------------------------------------------
def _step(sign=-1.0, update_b=True):
    X, y = small()
    w, b = np.zeros(3), 0.0
    dw, db = gradients(X, y, w, b)
    return w + sign * LEARNING_RATE * dw, (b + sign * LEARNING_RATE * db) if update_b else b


def _pair_close(a, want):
    return isinstance(a, (tuple, list)) and len(a) == 2 and _close(a[0], want[0]) and _close(a[1], want[1])


def _finite_number(a):
    try:
        return np.ndim(a) == 0 and np.isfinite(float(a))
    except (TypeError, ValueError):
        return False


def _solution_gradient():
    def gradient(X, y, w, b):
        y = np.ravel(y)  # a column (n, 1) would broadcast ŷ − y to (n, n)
        y_hat = sigmoid(X @ w + b)
        n = X.shape[0]
        return X.T @ (y_hat - y) / n, np.mean(y_hat - y)
    return gradient


register(
    Exercise(
        id="06.predictions",
        expected=_predictions,
        hint="z = X_small @ w_small + b_small gives one number per tumour; ŷ = σ(z) squashes each into (0, 1).",
        mistakes=(
            (lambda a: _close(a, _predictions(b=0.0)), "you forgot the bias b: z = X w + b."),
            (lambda a: _close(a, _predictions(squash=False)),
             "those are the scores z = Xw + b; the prediction is ŷ = σ(z) (apply the sigmoid)."),
            (lambda a: _close(a, _predictions(b=0.0, squash=False)),
             "those are X w without the bias and without the sigmoid: ŷ = σ(Xw + b)."),
            (lambda a: np.shape(a) == (8, 1),
             "a column (8, 1): keep ŷ flat, shape (8,), or ŷ − y will broadcast to (8, 8) later."),
        ),
    ),
    Exercise(
        id="06.cost",
        expected=lambda: float(-np.mean(_cost_terms(Y_TOY, P_TOY))),
        hint="J = −(1/n) Σ [y ln ŷ + (1 − y) ln(1 − ŷ)]: np.mean does the (1/n) Σ, and mind the minus.",
        mistakes=(
            (lambda a: _close(a, -np.sum(_cost_terms(Y_TOY, P_TOY))),
             "that is the sum of the losses: J is their mean - the 1/n is missing."),
            (lambda a: _close(a, np.mean(_cost_terms(Y_TOY, P_TOY))),
             "the sign is wrong: ln of a probability is negative, J = −(1/n) Σ [...] is positive."),
            (lambda a: _close(a, -np.mean(Y_TOY * np.log(P_TOY))),
             "only the y ln ŷ term: the (1 − y) ln(1 − ŷ) term is what penalises the y = 0 examples."),
        ),
    ),
    Exercise(
        id="06.broadcast_shape",
        expected=lambda: (426, 426),
        hint="numpy lines shapes up from the right: (426,) acts as (1, 426) against (426, 1).",
        mistakes=(
            (lambda a: tuple(a) == (426,) or tuple(a) == (426, 1),
             "numpy does not line these up element by element: (426,) against (426, 1) broadcasts."),
        ),
        reveal_shape=False,
    ),
    Exercise(
        id="06.gradient",
        expected=lambda: _reference_gradient,
        cases=_gradient_cases,
        hint="dw = (1/n) Xᵀ(ŷ − y) with shapes (m,) = (m, n) @ (n,), db = mean(ŷ − y), ŷ = σ(Xw + b); "
             "flatten y first.",
        mistakes=(
            (_broadcast_bug, "dw came out as an (m, n) matrix: y is a column (n, 1) and ŷ is flat (n,), "
                             "so ŷ − y broadcast to (n, n). Flatten y first (y = np.ravel(y))."),
            (_grad_mistake(lambda X, y, w, b: X @ _error(X, y, w, b) / X.shape[0]),
             "you multiplied by X where Xᵀ is needed (on square data it runs, and is wrong): "
             "(m,) = (m, n) @ (n,) means X.T @ (ŷ − y)."),
            (_grad_mistake(lambda X, y, w, b: -X.T @ _error(X, y, w, b) / X.shape[0]),
             "that is Xᵀ(y − ŷ), the slide's sign slip: the gradient is (1/n) Xᵀ(ŷ − y); "
             "stepping along yours would climb the cost."),
            (_grad_mistake(lambda X, y, w, b: X.T @ _error(X, y, w, b)),
             "the 1/n is missing: J is a mean, so its gradient is (1/n) Xᵀ(ŷ − y)."),
            (_grad_mistake(lambda X, y, w, b: X.T @ _error(X, y, w, 0.0) / X.shape[0]),
             "you forgot the bias b in ŷ = σ(Xw + b)."),
        ),
    ),
    Exercise(
        id="06.safe_log_loss",
        expected=lambda: float(-np.mean(_cost_terms(Y_EDGE, np.clip(P_EDGE, EPSILON, 1 - EPSILON)))),
        hint="np.clip(p_edge, eps, 1 - eps) keeps every prediction strictly inside (0, 1) before the ln.",
        mistakes=(
            (lambda a: not _finite_number(a),
             "ln 0 = −∞ (numpy returns inf or nan): clip ŷ to [ε, 1 − ε] with ε = 1e-15 first."),
            (lambda a: _close(a, np.sum(-_cost_terms(Y_EDGE, np.clip(P_EDGE, EPSILON, 1 - EPSILON)))),
             "that is the sum of the losses: J is their mean (1/n)."),
        ),
    ),
    Exercise(
        id="06.gd_step",
        expected=_step,
        hint="Compute (dw, db) at w = 0, b = 0, then w := w − α dw and b := b − α db (both from the old values).",
        mistakes=(
            (lambda a: _pair_close(a, _step(sign=+1.0)),
             "you stepped uphill: gradient descent subtracts α × gradient."),
            (lambda a: _pair_close(a, _step(update_b=False)), "w is right, but b must be updated too: b := b − α db."),
        ),
    ),
)
