"""What the course's two classifiers share, in the style of scikit-learn's base classes.

:class:`Classifier` is the small base of :class:`lecture_utils.logistic.LogisticRegression`
and :class:`lecture_utils.network.MLPClassifier` (scikit-learn's ``BaseEstimator`` +
``ClassifierMixin`` idea, without the machinery a course does not need):

- ``__init__`` only stores the settings, and ``repr`` is built from its signature;
- the checks of ``X`` and ``y`` that name the shapes they got, in one place;
- ``predict(X, threshold)`` and ``score(X, y)`` from the subclass's ``predict_proba``;
- the not-fitted and feature-count checks before any prediction;
- the record of a training run (``cost_history_``, ``n_steps_``, ``converged_``,
  ``diverged_``), and the note in ``repr`` when training diverged.

Shapes follow the course: ``X`` ``(n, m)``, labels and predictions ``(n,)``; a column
``(n, 1)`` is flattened, never broadcast.
"""

import inspect

import numpy as np

from ._validation import as_array, as_real, as_vector

__all__ = ["BROADCAST_BUG", "Classifier", "NotFittedError", "check_design", "check_labels", "check_xy", "vector"]

BROADCAST_BUG = (
    "Refused because numpy would silently broadcast it: a (1, n) row or an (n, k) matrix combined "
    "with an (n,) vector (as in y_hat - y) gives an (n, n) matrix instead of n differences - the "
    "classic logistic-regression bug. Pass a flat vector (n,) (e.g. y.ravel()) or a column (n, 1).")


class NotFittedError(ValueError, AttributeError):
    """A classifier was used before ``fit`` (scikit-learn's exception of the same name)."""


def vector(x, name, *, length=None, length_name="rows", finite=True):
    """``x`` as a 1-D float array (``_validation.as_vector``), saying why 2-D shapes are refused."""
    try:
        arr = as_vector(x, name, finite=finite)
    except ValueError as exc:
        if "rectangular" not in str(exc) and np.ndim(x) == 2:  # a ragged list has no ndim
            raise ValueError(f"{exc}. {BROADCAST_BUG}") from None
        raise
    if length is not None and arr.shape[0] != length:
        raise ValueError(f"{name} must have {length} entries (one per {length_name}), got shape {arr.shape}")
    return arr.astype(float)


def check_labels(y, name="y", *, length=None, length_name="row of X"):
    """``y`` as a float vector of 0/1 labels ``(n,)`` (a column is flattened); else a clear ValueError.

    ``name`` is used in the messages; ``length`` (optional) is the required number of labels,
    one per ``length_name``.
    """
    y = vector(y, name, length=length, length_name=length_name)
    bad = (y != 0) & (y != 1)
    if bad.any():
        examples = ", ".join(f"{v:g}" for v in np.unique(y[bad])[:5])
        raise ValueError(
            f"{name} must hold only the labels 0 and 1 (1 = the positive class), got {examples}. "
            "Encode the classes as 0/1 first, e.g. y = (labels == 'M').astype(int)."
        )
    return y


def check_design(X, name="X"):
    """``X`` as a float matrix ``(n, m)``; a 1-D array is refused with the reshape that fixes it."""
    X = as_array(X, name, ndim=(1, 2))
    if X.ndim == 1:
        raise ValueError(f"{name} must be a 2-D matrix (n examples, m features), got shape {X.shape}. "
                         f"For a single example with {X.shape[0]} features use {name}.reshape(1, -1); "
                         f"for {X.shape[0]} examples of one feature use {name}.reshape(-1, 1).")
    return X.astype(float)


def check_xy(X, y):
    """Validated ``X`` ``(n, m)`` and 0/1 labels ``y`` ``(n,)``, with a clear length mismatch error."""
    X = check_design(X)
    y_arr = vector(y, "y")
    if y_arr.shape[0] != X.shape[0]:
        hint = " - is X transposed? It must be (n examples, m features)." if X.shape[1] == y_arr.shape[0] else ""
        raise ValueError(f"X and y must have the same number of examples: X has shape {X.shape} "
                         f"({X.shape[0]} rows), y has shape {np.shape(y)}{hint}")
    return X, check_labels(y_arr)


class Classifier:
    """Base of the course's binary classifiers: a subclass writes ``__init__``, ``fit`` and ``_proba``.

    A subclass sets :attr:`_learned` (the parameters ``fit`` learns, in the order ``repr``
    names them) and :attr:`_kind` (how the messages call it), and calls :meth:`_record`
    at the end of ``fit``. ``_proba(X)`` returns ŷ ``(n,)`` for an ``X`` already checked by
    :meth:`_check_fitted`.
    """

    _learned = ()
    _kind = "model"

    @classmethod
    def _param_names(cls):
        # scikit-learn's BaseEstimator._get_param_names: the settings are __init__'s arguments.
        return [p.name for p in inspect.signature(cls.__init__).parameters.values() if p.name != "self"]

    def __repr__(self):
        args = ", ".join(f"{k}={getattr(self, k)!r}" for k in self._param_names())
        text = f"{type(self).__name__}({args})"
        if getattr(self, "diverged_", False):
            text += f"  # diverged after {self.n_steps_} steps: {', '.join(self._learned)} are the last finite ones"
        return text

    def _record(self, costs, converged, diverged, n_features):
        """Store what a training run did: the costs, the steps taken, why it stopped, the features seen."""
        self.cost_history_ = np.asarray(costs, dtype=float)
        self.n_steps_ = len(self.cost_history_) - 1
        self.converged_, self.diverged_ = bool(converged), bool(diverged)
        self.n_features_in_ = n_features

    def _check_fitted(self, X, method):
        """``X`` checked against the fitted model; :class:`NotFittedError` before ``fit``."""
        if not hasattr(self, self._learned[0]):
            raise NotFittedError(
                f"this {type(self).__name__} is not fitted yet: call fit(X, y) before {method}()"
            )
        X = check_design(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X.shape[1]} features (shape {X.shape}) but the {self._kind} was fitted on "
                f"{self.n_features_in_}; pass the same columns, scaled the same way, as in fit"
            )
        return X

    def _proba(self, X):
        raise NotImplementedError(f"{type(self).__name__} must define _proba(X)")

    def predict_proba(self, X):
        """ŷ = P(y = 1 | x) for every row of ``X``, shape ``(n,)`` (scikit-learn gives ``(n, 2)``)."""
        return self._proba(self._check_fitted(X, "predict_proba"))

    def predict(self, X, threshold=0.5):
        """Class 1 where ``ŷ ≥ threshold``, else 0, as an int array of shape ``(n,)``."""
        proba = self._proba(self._check_fitted(X, "predict"))
        threshold = as_real(threshold, "threshold")
        if not 0 <= threshold <= 1:
            raise ValueError(f"threshold must be a probability in [0, 1], got {threshold}")
        return (proba >= threshold).astype(np.int64)

    def score(self, X, y):
        """Accuracy: the fraction of rows of ``X`` whose predicted class equals ``y``."""
        X, y = check_xy(self._check_fitted(X, "score"), y)
        return float(np.mean(self.predict(X) == y))
