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

from ._kernels import sigmoid_kernel
from ._logistic_train import DivergenceWarning, descend, diverged_message, gradient_kernel
from ._validation import FloatOverflowError, as_array, as_real, as_steps, as_vector, check_finite, describe

__all__ = [
    "EPSILON", "DivergenceWarning", "LogisticRegression", "NotFittedError", "check_labels", "confusion_matrix", "cost", "gradients",
    "log_loss", "sigmoid",
]

#: ``log_loss`` clips predictions to ``[EPSILON, 1 − EPSILON]``: a confidently wrong one costs
#: ``−ln(1e-15) ≈ 34.5``, not infinity (and ``1 − 1e-15`` is still distinct from 1 in float64).
EPSILON = 1e-15

_BROADCAST_BUG = (
    "Refused because numpy would silently broadcast it: a (1, n) row or an (n, k) matrix combined "
    "with an (n,) vector (as in y_hat - y) gives an (n, n) matrix instead of n differences - the "
    "classic logistic-regression bug. Pass a flat vector (n,) (e.g. y.ravel()) or a column (n, 1).")


def _vector(x, name, *, length=None, length_name="rows", finite=True):
    """``x`` as a 1-D float array (``_validation.as_vector``), saying why 2-D shapes are refused."""
    try:
        arr = as_vector(x, name, finite=finite)
    except ValueError as exc:
        if "rectangular" not in str(exc) and np.ndim(x) == 2:  # a ragged list has no ndim
            raise ValueError(f"{exc}. {_BROADCAST_BUG}") from None
        raise
    if length is not None and arr.shape[0] != length:
        raise ValueError(f"{name} must have {length} entries (one per {length_name}), got shape {arr.shape}")
    return arr.astype(float)


def check_labels(y, name="y", *, length=None, length_name="row of X"):
    """``y`` as a float vector of 0/1 labels ``(n,)`` (a column is flattened); else a clear ValueError.

    ``name`` is used in the messages; ``length`` (optional) is the required number of labels,
    one per ``length_name``.
    """
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
        raise ValueError(f"{name} must be a 2-D matrix (n examples, m features), got shape {X.shape}. "
                         f"For a single example with {X.shape[0]} features use {name}.reshape(1, -1); "
                         f"for {X.shape[0]} examples of one feature use {name}.reshape(-1, 1).")
    return X.astype(float)


def _xy(X, y):
    """Validated ``X`` ``(n, m)`` and 0/1 labels ``y`` ``(n,)``, with a clear length mismatch error."""
    X = _design(X)
    y_arr = _vector(y, "y")
    if y_arr.shape[0] != X.shape[0]:
        hint = " - is X transposed? It must be (n examples, m features)." if X.shape[1] == y_arr.shape[0] else ""
        raise ValueError(f"X and y must have the same number of examples: X has shape {X.shape} "
                         f"({X.shape[0]} rows), y has shape {np.shape(y)}{hint}")
    return X, check_labels(y_arr)


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


def _non_negative(x, name, what):
    x = as_real(x, name)
    if x < 0:
        raise ValueError(f"{name} must be >= 0 ({what}), got {x}")
    return x


def _l2(l2):
    return _non_negative(l2, "l2", "a penalty strength")


class NotFittedError(ValueError, AttributeError):
    """A :class:`LogisticRegression` was used before ``fit`` (scikit-learn's exception of the same name)."""


class LogisticRegression:
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

    def __init__(self, learning_rate=0.1, max_steps=1000, tol=1e-6, l2=0.0):
        self.learning_rate = learning_rate
        self.max_steps = max_steps
        self.tol = tol
        self.l2 = l2

    def __repr__(self):
        text = (f"LogisticRegression(learning_rate={self.learning_rate!r}, max_steps={self.max_steps!r}, "
                f"tol={self.tol!r}, l2={self.l2!r})")
        if getattr(self, "diverged_", False):
            text += f"  # diverged after {self.n_steps_} steps: w_, b_ are the last finite ones"
        return text

    def _settings(self):
        return (as_real(self.learning_rate, "learning_rate", positive=True),
                as_steps(self.max_steps, minimum=1),
                _non_negative(self.tol, "tol", "the smallest step that keeps training going"),
                _l2(self.l2))

    def fit(self, X, y, *, keep_path=False):
        """Learn ``w_`` and ``b_`` from ``X`` ``(n, m)`` and 0/1 labels ``y``; returns ``self``."""
        lr, max_steps, tol, l2 = self._settings()
        X, y = _xy(X, y)  # checked once: the loop itself (_logistic_train.descend) trusts its inputs
        theta, self.cost_history_, self.converged_, path, self.diverged_ = descend(
            X, y, lr, max_steps, tol, l2, keep_path)

        m = X.shape[1]
        self.w_, self.b_ = theta[:m].copy(), float(theta[m])
        self.n_steps_, self.n_features_in_ = len(self.cost_history_) - 1, m
        self.path_ = (path[:, :m].copy(), path[:, m].copy()) if keep_path else None
        if self.diverged_:
            warnings.warn(diverged_message(self.n_steps_, lr), DivergenceWarning, stacklevel=2)
        return self

    def _check_fitted(self, X, method):
        if not hasattr(self, "w_"):
            raise NotFittedError(
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
        return _logits(self._check_fitted(X, "decision_function"), self.w_, self.b_)

    def predict_proba(self, X):
        """ŷ = P(y = 1 | x) for every row of ``X``, shape ``(n,)`` (scikit-learn gives ``(n, 2)``)."""
        return sigmoid_kernel(_logits(self._check_fitted(X, "predict_proba"), self.w_, self.b_))

    def predict(self, X, threshold=0.5):
        """Class 1 where ``ŷ ≥ threshold``, else 0, as an int array of shape ``(n,)``."""
        proba = sigmoid_kernel(_logits(self._check_fitted(X, "predict"), self.w_, self.b_))
        threshold = _non_negative(threshold, "threshold", "a probability in [0, 1]")
        if threshold > 1:
            raise ValueError(f"threshold must be a probability in [0, 1], got {threshold}")
        return (proba >= threshold).astype(np.int64)

    def score(self, X, y):
        """Accuracy: the fraction of rows of ``X`` whose predicted class equals ``y``."""
        X = self._check_fitted(X, "score")
        X, y = _xy(X, y)
        return float(np.mean(self.predict(X) == y))

    def cost(self, X, y):
        """J of the fitted parameters on ``X, y`` (with the model's L2 penalty)."""
        return cost(self._check_fitted(X, "cost"), y, self.w_, self.b_, l2=_l2(self.l2))
