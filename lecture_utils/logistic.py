"""Logistic regression from scratch: the sigmoid, the cost J, its gradient and a trainer.

The lecture's model, for examples ``x⁽ⁱ⁾ ∈ ℝᵐ`` (the rows of ``X``, shape ``(n, m)``) with
labels ``y⁽ⁱ⁾ ∈ {0, 1}``::

    z⁽ⁱ⁾ = x⁽ⁱ⁾ w + b          ŷ⁽ⁱ⁾ = σ(z⁽ⁱ⁾) = 1 / (1 + e^(−z⁽ⁱ⁾)) = P(y⁽ⁱ⁾ = 1 | x⁽ⁱ⁾)
    J(w, b) = −(1/n) Σᵢ [ y⁽ⁱ⁾ ln ŷ⁽ⁱ⁾ + (1 − y⁽ⁱ⁾) ln(1 − ŷ⁽ⁱ⁾) ]
    ∇_w J = (1/n) Xᵀ (ŷ − y)     ∂J/∂b = (1/n) Σᵢ (ŷ⁽ⁱ⁾ − y⁽ⁱ⁾)

(The lecture's slide writes ``Xᵀ(y − ŷ)``: that is the *negative* gradient, a sign slip.)

Shapes: ``X`` ``(n, m)``, ``w`` ``(m,)``, ``y`` and predictions ``(n,)``; a column ``(n, 1)``
is flattened (``ŷ − y`` of ``(n,)`` and ``(n, 1)`` would silently broadcast to ``(n, n)``).
"""

import warnings

import numpy as np

from ._classifier import BROADCAST_BUG, Classifier, NotFittedError, check_labels, check_xy, vector
from ._logistic_train import DivergenceWarning, descend, diverged_message, gradient_kernel
from ._validation import FloatOverflowError, as_array, as_non_negative, as_real, as_steps, check_finite, describe

__all__ = [
    "EPSILON", "DivergenceWarning", "LogisticRegression", "NotFittedError", "check_labels", "confusion_matrix", "cost", "gradients",
    "log_loss", "sigmoid",
]

#: ``log_loss`` clips predictions to ``[EPSILON, 1 − EPSILON]``: a confidently wrong one costs
#: ``−ln(1e-15) ≈ 34.5``, not infinity (and ``1 − 1e-15`` is still distinct from 1 in float64).
EPSILON = 1e-15

def sigmoid_kernel(z, e=None):
    """σ of a float array, unchecked (callers validate first); ``e = exp(−|z|)`` when the caller has it.

    Only ``e^(−|z|) ≤ 1`` is computed, so nothing overflows for any float ``z``. The one
    implementation of σ: :func:`sigmoid`, the classifiers and the network all call it.
    """
    e = np.exp(-np.abs(z)) if e is None else e
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


def sigmoid(z):
    """The logistic function σ(z) = 1 / (1 + e^(−z)), elementwise, for any float without overflow.

    Only ``e^(−|z|) ≤ 1`` is computed (``e^z / (1 + e^z)`` for z < 0), so nothing overflows;
    ``±inf`` give 1 and 0. Returns a float for a scalar ``z``, else an array of its shape.
    """
    out = sigmoid_kernel(as_array(z, "z", allow_empty=True, finite=False).astype(float))
    return float(out) if out.ndim == 0 else out


def log_loss(y, y_hat, *, eps=EPSILON):
    """The cost J: the mean binary cross-entropy of predictions ``y_hat`` for labels ``y``.

    Parameters
    ----------
    y : array_like, shape (n,) or (n, 1)
        Labels, 0 or 1.
    y_hat : array_like, shape (n,) or (n, 1)
        Predicted probabilities P(y = 1), in [0, 1]; clipped to ``[eps, 1 − eps]`` first.
    eps : float
        Clipping margin (:data:`EPSILON`), so the result is finite even for ŷ exactly 0 or 1.
    """
    y = check_labels(y)
    y_hat = vector(y_hat, "y_hat", length=y.shape[0], length_name="label in y")
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
    X, y = check_xy(X, y)
    n, m = X.shape
    w_arr = as_array(w, "w", ndim=(1, 2))
    if w_arr.ndim == 2 and w_arr.shape[1] != 1:
        raise ValueError(f"w must have shape (m,) or (m, 1), got shape {w_arr.shape}. {BROADCAST_BUG}")
    if w_arr.shape[0] != m:
        hint = " - is X transposed? It must be (n examples, m features)." if w_arr.shape[0] == n else ""
        raise ValueError(
            f"w must have one weight per column of X: X has shape {X.shape} so w needs {m} entries, "
            f"got shape {w_arr.shape}{hint}"
        )
    if isinstance(b, np.ndarray) and b.size != 1:
        raise TypeError(f"b must be one number (the bias), got {describe(b)}")
    return X, y, w_arr, as_real(b.item() if isinstance(b, np.ndarray) else b, "b")


_HUGE = "X, w or b holds numbers so large that the result leaves the float range (1.8e308); standardise X"


def _logits(X, w, b):
    # z beyond ±1.8e308 is ±inf, which σ and the cost below handle exactly; only NaN (inf - inf
    # inside the product: no answer at all) is a breakdown, reported instead of returned.
    with np.errstate(over="ignore", invalid="ignore"):
        z = X @ w + b
    if np.isnan(z).any():
        raise FloatOverflowError("z = Xw + b overflowed to inf - inf (NaN): X or w holds numbers so large "
                                 "that their products leave the float range; standardise X")
    return z


def _cost_from_logits(y, z):
    # -[y ln σ(z) + (1-y) ln(1-σ(z))] = ln(1 + e^z) - y z = max(s z, 0) + ln(1 + e^-|z|), s = 1 - 2y:
    # exact for every z, ±inf included (a confidently right infinite z costs exactly 0).
    with np.errstate(over="ignore"):
        return float(np.mean(np.maximum((1.0 - 2.0 * y) * z, 0.0) + np.log1p(np.exp(-np.abs(z)))))


def cost(X, y, w, b, *, l2=0.0):
    """The cost ``J(w, b)`` of the parameters ``w, b`` on data ``X, y`` (+ ``l2·‖w‖₂²``).

    Computed as ``mean(ln(1 + e^z) − y z)`` from ``z = Xw + b``: the same number as
    ``log_loss(y, sigmoid(z))`` but exact for huge ``|z|``. Parameters as in :func:`gradients`.
    """
    X, y, w, b = _check_model(X, y, w, b)
    l2 = _l2(l2)
    w = w.reshape(-1)
    with np.errstate(over="ignore"):
        J = _cost_from_logits(y, _logits(X, w, b)) + (l2 * float(w @ w) if l2 else 0.0)
    check_finite(J, "the cost J", _HUGE)
    return J


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
        Strength λ ≥ 0 of the penalty ``λ‖w‖₂²`` added to J (the bias is not penalised).

    Returns
    -------
    dw : ndarray of ``w``'s shape (so ``w - lr * dw`` never broadcasts), and db : float
    """
    X, y, w, b = _check_model(X, y, w, b)
    l2 = _l2(l2)
    # Checked once here; the training loop of LogisticRegression.fit calls the same unchecked kernel.
    with np.errstate(over="ignore", invalid="ignore"):
        dw, db = gradient_kernel(X, y, w.reshape(-1).astype(float), b, l2)  # dw (m,) = (m, n) @ (n,) ŷ − y
    check_finite(np.r_[dw, db], "the gradient (dw, db)", _HUGE)
    return dw.reshape(w.shape), db


def confusion_matrix(y_true, y_pred):
    """2×2 table of counts: rows = true class (0, 1), columns = predicted class (0, 1).

    ``[[TN, FP], [FN, TP]]`` when 1 is the positive class.
    """
    y_true = check_labels(y_true, "y_true")
    y_pred = check_labels(y_pred, "y_pred", length=y_true.shape[0], length_name="label in y_true")
    table = np.zeros((2, 2), dtype=np.int64)
    np.add.at(table, (y_true.astype(int), y_pred.astype(int)), 1)
    return table


def _l2(l2):
    return as_non_negative(l2, "l2", "a penalty strength")


class LogisticRegression(Classifier):
    """Logistic regression trained by batch gradient descent, in scikit-learn's style.

    Parameters
    ----------
    learning_rate : float
        Step size α > 0 of every update ``w := w − α ∂J/∂w``, ``b := b − α ∂J/∂b``.
    max_steps : int
        Most gradient-descent steps taken: 1 to ``MAX_STEPS`` (1,000,000); with
        ``fit(keep_path=True)`` the path must also fit in ``MAX_ENTRIES`` numbers.
    tol : float
        Stop once a step moves the parameters ``(w, b)`` by less than ``tol`` (the Euclidean
        length of the step ``α·∇J``, a distance in parameter space, not a change of J) - the
        same rule as :func:`lecture_utils.optim.gradient_descent`; that short step is still
        taken and counted. 0 means always take ``max_steps`` steps.
    l2 : float
        Strength λ ≥ 0 of the penalty ``λ‖w‖₂²`` added to J (the bias is not penalised).

    Attributes
    ----------
    w_, b_ : ndarray (m,) and float
        Learned weights and bias.
    cost_history_ : ndarray, shape (n_steps_ + 1,)
        J (with the penalty), exact, before the first step and after every step:
        ``cost_history_[k]`` is J after ``k`` steps, ``cost_history_[-1]`` J of ``(w_, b_)``.
    n_steps_, converged_, diverged_ : int, bool, bool
        Steps taken; whether a step shorter than ``tol`` stopped training; whether training
        stopped because the cost overflowed (inf or NaN - unscaled data with huge entries, or a
        huge learning rate). A diverged fit keeps the last finite ``w_, b_`` and cost, warns
        with a :class:`DivergenceWarning`, and says so in its ``repr``.
    path_ : tuple (W, b) or None
        With ``fit(..., keep_path=True)``: every iterate, ``W (n_steps_ + 1, m)``, ``b (n_steps_ + 1,)``.

    Notes
    -----
    As in scikit-learn, ``__init__`` only stores the settings; ``fit`` checks them. A model
    used before ``fit`` raises :class:`NotFittedError`. Deviation from scikit-learn:
    ``predict_proba`` returns the probabilities of class 1 with shape ``(n,)`` (as in the
    lecture), not an ``(n, 2)`` table. ``fit`` has its own loop rather than calling
    ``optim.gradient_descent``: it is the same update, written to need two products with
    ``X`` per step (see benchmarks/RESULTS.md). Training starts from ``w = 0, b = 0``.
    """

    _learned = ("w_", "b_")

    def __init__(self, learning_rate=0.1, max_steps=1000, tol=1e-6, l2=0.0):
        self.learning_rate = learning_rate
        self.max_steps = max_steps
        self.tol = tol
        self.l2 = l2

    def _settings(self):
        return (as_real(self.learning_rate, "learning_rate", positive=True),
                as_steps(self.max_steps, minimum=1),
                as_non_negative(self.tol, "tol", "the smallest step that keeps training going"),
                _l2(self.l2))

    def fit(self, X, y, *, keep_path=False):
        """Learn ``w_`` and ``b_`` from ``X`` ``(n, m)`` and 0/1 labels ``y``; returns ``self``."""
        lr, max_steps, tol, l2 = self._settings()
        X, y = check_xy(X, y)  # checked once: the loop itself (_logistic_train.descend) trusts its inputs
        theta, costs, converged, path, diverged = descend(X, y, lr, max_steps, tol, l2, keep_path)

        m = X.shape[1]
        self.w_, self.b_ = theta[:m].copy(), float(theta[m])
        self._record(costs, converged, diverged, m)
        self.path_ = (path[:, :m].copy(), path[:, m].copy()) if keep_path else None
        if diverged:
            warnings.warn(diverged_message(self.n_steps_, lr), DivergenceWarning, stacklevel=2)
        return self

    def decision_function(self, X):
        """``z = Xw + b`` for every row of ``X``, shape ``(n,)``."""
        return _logits(self._check_fitted(X, "decision_function"), self.w_, self.b_)

    def _proba(self, X):
        return sigmoid_kernel(_logits(X, self.w_, self.b_))

    def cost(self, X, y):
        """J of the fitted parameters on ``X, y`` (with the model's L2 penalty)."""
        return cost(self._check_fitted(X, "cost"), y, self.w_, self.b_, l2=_l2(self.l2))
