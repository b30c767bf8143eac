"""Logistic regression from scratch: the sigmoid, the cost J, its gradient and a trainer.

The lecture's model, for examples ``x⁽ⁱ⁾ ∈ ℝᵐ`` (the rows of ``X``, shape ``(n, m)``) with
labels ``y⁽ⁱ⁾ ∈ {0, 1}``::

    z⁽ⁱ⁾ = x⁽ⁱ⁾ w + b          ŷ⁽ⁱ⁾ = σ(z⁽ⁱ⁾) = 1 / (1 + e^(−z⁽ⁱ⁾)) = P(y⁽ⁱ⁾ = 1 | x⁽ⁱ⁾)
    J(w, b) = −(1/n) Σᵢ [ y⁽ⁱ⁾ ln ŷ⁽ⁱ⁾ + (1 − y⁽ⁱ⁾) ln(1 − ŷ⁽ⁱ⁾) ]
    ∇_w J = (1/n) Xᵀ (ŷ − y)     ∂J/∂b = (1/n) Σᵢ (ŷ⁽ⁱ⁾ − y⁽ⁱ⁾)

(The lecture's slide writes ``Xᵀ(y − ŷ)``: that is the *negative* gradient, a sign slip.)

Shapes follow the course: ``X`` ``(n, m)``, ``w`` ``(m,)``, ``y`` and predictions ``(n,)``.
A column ``(n, 1)`` is accepted wherever ``(n,)`` is expected and flattened, because mixing
the two is the classic silent bug: ``ŷ − y`` with shapes ``(n,)`` and ``(n, 1)`` broadcasts
to an ``(n, n)`` matrix and every mean after it is wrong without any error.
"""

import numpy as np

from ._validation import as_array, as_count, as_real, describe

__all__ = [
    "EPSILON", "sigmoid", "log_loss", "cost", "gradients", "confusion_matrix", "LogisticRegression",
]

#: ``log_loss`` clips predictions to ``[EPSILON, 1 − EPSILON]`` so ``ln 0`` never happens: a
#: confidently wrong prediction (ŷ exactly 0 for a y = 1) then costs ``−ln(1e-15) ≈ 34.5``
#: instead of infinity. 1e-15 is far below any probability a float64 sigmoid gives for
#: moderate z, and ``1 − 1e-15`` is still distinct from 1 in float64 (unlike ``1 − 1e-17``).
EPSILON = 1e-15

_BROADCAST_BUG = (
    "Refused because numpy would silently broadcast it: a (1, n) row or an (n, k) matrix "
    "combined with an (n,) vector (as in y_hat - y) gives an (n, n) matrix instead of n "
    "differences - the classic logistic-regression bug. Pass a flat vector of shape (n,) "
    "(e.g. y.ravel()) or a column of shape (n, 1)."
)


def _vector(x, name, *, length=None, length_name="rows", finite=True):
    """``x`` as a 1-D float array; a column ``(n, 1)`` is flattened, anything else 2-D refused."""
    arr = as_array(x, name, ndim=(1, 2), finite=finite)
    if arr.ndim == 2:
        if arr.shape[1] != 1:
            raise ValueError(f"{name} must have shape (n,) or (n, 1), got shape {arr.shape}. {_BROADCAST_BUG}")
        arr = arr[:, 0]
    if length is not None and arr.shape[0] != length:
        raise ValueError(f"{name} must have {length} entries (one per {length_name}), got shape {arr.shape}")
    return arr.astype(float)


def _labels(y, name="y", *, length=None, length_name="row of X"):
    y = _vector(y, name, length=length, length_name=length_name)
    bad = (y != 0) & (y != 1)
    if bad.any():
        examples = ", ".join(f"{v:g}" for v in np.unique(y[bad])[:5])
        raise ValueError(
            f"{name} must hold only the labels 0 and 1 (1 = the positive class), got {examples}. "
            "Encode the classes as 0/1 first, e.g. y = (labels == 'M').astype(int)."
        )
    return y


def _design(X, name="X"):
    X = as_array(X, name, ndim=(1, 2))
    if X.ndim == 1:
        raise ValueError(
            f"{name} must be a 2-D matrix (n examples, m features), got shape {X.shape}. "
            f"For a single example with {X.shape[0]} features use {name}.reshape(1, -1); "
            f"for {X.shape[0]} examples of one feature use {name}.reshape(-1, 1)."
        )
    return X.astype(float)


def _xy(X, y):
    """Validated ``X`` ``(n, m)`` and 0/1 labels ``y`` ``(n,)``, with a clear length mismatch error."""
    X = _design(X)
    y_arr = _vector(y, "y")
    if y_arr.shape[0] != X.shape[0]:
        hint = (" - is X transposed? It must be (n examples, m features)."
                if X.shape[1] == y_arr.shape[0] else "")
        raise ValueError(
            f"X and y must have the same number of examples: X has shape {X.shape} "
            f"({X.shape[0]} rows), y has shape {np.shape(y)}{hint}"
        )
    return X, _labels(y_arr)


def sigmoid(z):
    """The logistic function σ(z) = 1 / (1 + e^(−z)), elementwise, for any float without overflow.

    ``exp`` is only ever taken of ``−|z|`` (at most 1), so nothing overflows or warns:
    for z ≥ 0 it returns ``1 / (1 + e^(−z))``, for z < 0 the equal ``e^z / (1 + e^z)``.
    ``±inf`` give exactly 1 and 0, NaN stays NaN.

    Parameters
    ----------
    z : float or array_like

    Returns
    -------
    float or ndarray
        A Python float for a scalar input, else an array of ``z``'s shape, in ``[0, 1]``.
    """
    out = _sigmoid(as_array(z, "z", allow_empty=True, finite=False).astype(float))
    return float(out) if out.ndim == 0 else out


def _sigmoid(z):
    """σ of a float array, unchecked (the training loop calls it on arrays it made itself)."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


def log_loss(y, y_hat, *, eps=EPSILON):
    """The cost J: the mean binary cross-entropy of predictions ``y_hat`` for labels ``y``.

    ``J = −(1/n) Σᵢ [yᵢ ln ŷᵢ + (1 − yᵢ) ln(1 − ŷᵢ)]``, with ``ŷ`` clipped to
    ``[eps, 1 − eps]`` first so the result is finite even when ``ŷ`` is exactly 0 or 1.

    Parameters
    ----------
    y : array_like, shape (n,) or (n, 1)
        Labels, 0 or 1.
    y_hat : array_like, shape (n,) or (n, 1)
        Predicted probabilities P(y = 1), in [0, 1].
    eps : float
        Clipping margin (default :data:`EPSILON` = 1e-15; the largest possible loss of one
        example is then ``−ln eps ≈ 34.5``).

    Returns
    -------
    float
    """
    y = _labels(y)
    y_hat = _vector(y_hat, "y_hat", length=y.shape[0], length_name="label in y")
    if np.any((y_hat < 0) | (y_hat > 1)):
        raise ValueError(
            f"y_hat must be probabilities in [0, 1], got values from {y_hat.min():g} to {y_hat.max():g}. "
            "Did you pass z = Xw + b instead of sigmoid(z)?"
        )
    eps = as_real(eps, "eps")
    if not 0 < eps < 0.5:
        raise ValueError(f"eps must be a small positive number below 0.5, got {eps}")
    p = np.clip(y_hat, eps, 1 - eps)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _check_model(X, y, w, b):
    X, y = _xy(X, y)
    n, m = X.shape
    w_arr = as_array(w, "w", ndim=(1, 2))
    if w_arr.ndim == 2 and w_arr.shape[1] != 1:
        raise ValueError(f"w must have shape (m,) or (m, 1), got shape {w_arr.shape}. {_BROADCAST_BUG}")
    if w_arr.shape[0] != m:
        hint = " - is X transposed? It must be (n examples, m features)." if w_arr.shape[0] == n else ""
        raise ValueError(
            f"w must have one weight per column of X: X has shape {X.shape} so w needs {m} entries, "
            f"got shape {w_arr.shape}{hint}"
        )
    if isinstance(b, np.ndarray) and b.size != 1:
        raise TypeError(f"b must be one number (the bias), got {describe(b)}")
    b = as_real(b.item() if isinstance(b, np.ndarray) else b, "b")
    return X, y, w_arr, b


def _logits(X, w, b):
    return X @ w + b


def _predict_and_cost(z, y):
    """ŷ = σ(z) and the cost J from the same e^(−|z|): the training loop's one pass per step."""
    e = np.exp(-np.abs(z))
    y_hat = np.where(z >= 0, 1.0, e) / (1.0 + e)
    # ln(1 + e^z) = max(z, 0) + ln(1 + e^(−|z|)): the same exact, overflow-free J as below.
    return y_hat, float(np.mean(np.maximum(z, 0.0) + np.log1p(e) - y * z))


def _cost_from_logits(y, z):
    # -[y ln σ(z) + (1-y) ln(1-σ(z))] = ln(1 + e^z) - y z, computed without overflow by logaddexp:
    # exact for every z, where going through σ and clipping would lose the very confident ones.
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def cost(X, y, w, b, *, l2=0.0):
    """The cost ``J(w, b)`` of the parameters ``w, b`` on data ``X, y`` (+ ``l2·‖w‖₂²``).

    Computed from ``z = Xw + b`` as ``mean(ln(1 + e^z) − y z)``, the same number as
    ``log_loss(y, sigmoid(z))`` but exact even for huge ``|z|`` (no clipping needed).

    Parameters
    ----------
    X : array_like, shape (n, m)
    y : array_like, shape (n,) or (n, 1), labels 0/1
    w : array_like, shape (m,) or (m, 1)
    b : float
    l2 : float, optional
        Strength λ ≥ 0 of the L2 penalty ``λ‖w‖₂²`` (the bias is not penalised).

    Returns
    -------
    float
    """
    X, y, w, b = _check_model(X, y, w, b)
    l2 = _l2(l2)
    w = w.reshape(-1)
    return _cost_from_logits(y, _logits(X, w, b)) + l2 * float(w @ w)


def gradients(X, y, w, b, *, l2=0.0):
    """Gradient of J: ``dw = (1/n) Xᵀ(ŷ − y) + 2λw`` and ``db = (1/n) Σ (ŷᵢ − yᵢ)``.

    Note the order ``ŷ − y`` (prediction minus label): the lecture's slide writes
    ``y − ŷ``, which is the negative gradient - stepping along it would climb the cost.

    Parameters
    ----------
    X : array_like, shape (n, m)
        One row per example.
    y : array_like, shape (n,) or (n, 1)
        Labels 0/1 (a column is flattened, never broadcast).
    w : array_like, shape (m,) or (m, 1)
    b : float
    l2 : float, optional
        Strength λ of the penalty ``λ‖w‖₂²`` added to J (adds ``2λw`` to ``dw``).

    Returns
    -------
    dw : ndarray, the shape of ``w`` (so ``w - lr * dw`` never broadcasts)
    db : float
    """
    X, y, w, b = _check_model(X, y, w, b)
    l2 = _l2(l2)
    w_flat = w.reshape(-1).astype(float)
    error = sigmoid(_logits(X, w_flat, b)) - y  # (n,): ŷ − y, the lecture's dL/dz per example
    n = X.shape[0]
    dw = X.T @ error / n + 2 * l2 * w_flat  # (m,) = (m, n) @ (n,)
    db = float(np.mean(error))
    return dw.reshape(w.shape), db


def confusion_matrix(y_true, y_pred):
    """2×2 table of counts: rows = true class (0, 1), columns = predicted class (0, 1).

    ``[[TN, FP], [FN, TP]]`` when 1 is the positive class.
    """
    y_true = _labels(y_true, "y_true")
    y_pred = _labels(y_pred, "y_pred", length=y_true.shape[0], length_name="label in y_true")
    table = np.zeros((2, 2), dtype=np.int64)
    np.add.at(table, (y_true.astype(int), y_pred.astype(int)), 1)
    return table


def _l2(l2):
    l2 = as_real(l2, "l2")
    if l2 < 0:
        raise ValueError(f"l2 must be >= 0 (a penalty strength), got {l2}")
    return l2


class LogisticRegression:
    """Logistic regression trained by batch gradient descent, in scikit-learn's style.

    Parameters
    ----------
    learning_rate : float
        Step size α of every update ``w := w − α ∂J/∂w``, ``b := b − α ∂J/∂b``.
    max_steps : int
        Most gradient-descent steps taken.
    tol : float
        Stop as soon as one step changes J by less than ``tol`` (the lecture's "until J
        doesn't change anymore"); 0 means always take ``max_steps`` steps.
    l2 : float
        Strength λ ≥ 0 of the penalty ``λ‖w‖₂²`` added to J (the bias is not penalised).

    Attributes
    ----------
    w_ : ndarray, shape (m,)
        Learned weights.
    b_ : float
        Learned bias.
    cost_history_ : ndarray, shape (n_steps_ + 1,)
        J (including the penalty) before the first step and after every step.
    n_steps_ : int
        Steps taken.
    converged_ : bool
        Whether training stopped because J changed by less than ``tol``.
    path_ : tuple (W, b) or None
        With ``fit(..., keep_path=True)``: every iterate, ``W`` ``(n_steps_ + 1, m)`` and
        ``b`` ``(n_steps_ + 1,)``.

    Notes
    -----
    Deviation from scikit-learn: ``predict_proba`` returns the probabilities of class 1 with
    shape ``(n,)`` (as in the lecture), not an ``(n, 2)`` table of both classes.
    Training starts from ``w = 0, b = 0`` (J is convex, so the start does not change the
    optimum) and is deterministic.
    """

    def __init__(self, learning_rate=0.1, max_steps=1000, tol=1e-6, l2=0.0):
        self.learning_rate = as_real(learning_rate, "learning_rate", positive=True)
        self.max_steps = as_count(max_steps, "max_steps", minimum=1)
        self.tol = as_real(tol, "tol")
        if self.tol < 0:
            raise ValueError(f"tol must be >= 0, got {self.tol}")
        self.l2 = _l2(l2)

    def __repr__(self):
        return (f"LogisticRegression(learning_rate={self.learning_rate:g}, max_steps={self.max_steps}, "
                f"tol={self.tol:g}, l2={self.l2:g})")

    def fit(self, X, y, *, keep_path=False):
        """Learn ``w_`` and ``b_`` from ``X`` ``(n, m)`` and 0/1 labels ``y``; returns ``self``."""
        X, y = _xy(X, y)
        n, m = X.shape
        w, b = np.zeros(m), 0.0
        lr, l2 = self.learning_rate, self.l2
        y_hat, J = _predict_and_cost(_logits(X, w, b), y)
        costs = [J]
        path_w, path_b = ([w.copy()], [b]) if keep_path else (None, None)
        converged = False
        for _ in range(self.max_steps):
            error = y_hat - y  # ŷ − y
            dw = X.T @ error / n + 2 * l2 * w
            db = float(np.mean(error))
            w = w - lr * dw  # simultaneous update: both use the gradient at the old (w, b)
            b = b - lr * db
            # Two products with X per step, the floor: ŷ of the new (w, b) gives both this cost
            # and the next step's gradient.
            y_hat, J = _predict_and_cost(_logits(X, w, b), y)
            costs.append(J + l2 * float(w @ w))
            if keep_path:
                path_w.append(w.copy())
                path_b.append(b)
            if abs(costs[-1] - costs[-2]) < self.tol:
                converged = True
                break
        self.w_, self.b_ = w, float(b)
        self.cost_history_ = np.array(costs)
        self.n_steps_ = len(costs) - 1
        self.converged_ = converged
        self.n_features_in_ = m
        self.path_ = (np.array(path_w), np.array(path_b)) if keep_path else None
        return self

    def _check_fitted(self, X, method):
        if not hasattr(self, "w_"):
            raise RuntimeError(
                f"this LogisticRegression is not fitted yet: call fit(X, y) before {method}()"
            )
        X = _design(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X.shape[1]} features (shape {X.shape}) but the model was fitted on "
                f"{self.n_features_in_}; pass the same columns, scaled the same way, as in fit"
            )
        return X

    def decision_function(self, X):
        """``z = Xw + b`` for every row of ``X``, shape ``(n,)``."""
        X = self._check_fitted(X, "decision_function")
        return _logits(X, self.w_, self.b_)

    def predict_proba(self, X):
        """ŷ = P(y = 1 | x) for every row of ``X``, shape ``(n,)`` (scikit-learn gives ``(n, 2)``)."""
        X = self._check_fitted(X, "predict_proba")
        return sigmoid(_logits(X, self.w_, self.b_))

    def predict(self, X, threshold=0.5):
        """Class 1 where ``ŷ ≥ threshold``, else 0, as an int array of shape ``(n,)``."""
        X = self._check_fitted(X, "predict")
        threshold = as_real(threshold, "threshold")
        if not 0 <= threshold <= 1:
            raise ValueError(f"threshold must be a probability in [0, 1], got {threshold}")
        return (sigmoid(_logits(X, self.w_, self.b_)) >= threshold).astype(np.int64)

    def score(self, X, y):
        """Accuracy: the fraction of rows of ``X`` whose predicted class equals ``y``."""
        X = self._check_fitted(X, "score")
        X, y = _xy(X, y)
        return float(np.mean(self.predict(X) == y))

    def cost(self, X, y):
        """J of the fitted parameters on ``X, y`` (with the model's L2 penalty)."""
        X = self._check_fitted(X, "cost")
        return cost(X, y, self.w_, self.b_, l2=self.l2)
