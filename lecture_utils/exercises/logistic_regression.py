"""Exercises of notebook 06 (logistic regression), recognising the classic mistakes:
a transposed X, a missing 1/n, the sign of ŷ − y, a forgotten bias b, (n, 1) against (n,)
broadcasting, and ln 0."""
NOTEBOOK = "06"

import functools

import numpy as np

from ..checks import Exercise, register
from ..checks.slips import said
from ..data import breast_cancer_split
from ..logistic import EPSILON, sigmoid
from ._common import close as _close

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
    split = breast_cancer_split()  # notebook 06's split, written once in lecture_utils.data
    X_train, y_train = split.X_train, split.y_train
    X_train.setflags(write=False)
    y_train.setflags(write=False)
    return X_train, y_train


def small():
    """``X_small`` (8, 3) and ``y_small`` (8,) exactly as the notebook builds them."""
    X_train, y_train = _train()
    return X_train[:8, :3].copy(), y_train[:8].copy()


def _is(value):
    """Predicate: the answer is ``value()`` (a number or an array), computed from the exercise's data."""
    return lambda a: _close(a, value())


def _rounded(value):
    """Predicate: the answer is ``value()`` to 2-5 significant digits, but not exactly."""
    def predicate(a):
        v = float(value())
        return not _close(a, v) and any(_close(a, float(f"{v:.{d}g}")) for d in range(2, 6))
    return predicate


# --- 06.predictions -------------------------------------------------------------------------
def _predictions(b=B_SMALL, squash=True):
    X, _ = small()
    z = X @ W_SMALL + b
    return sigmoid(z) if squash else z


# --- 06.cost --------------------------------------------------------------------------------
def _cost_terms(y, p):
    return y * np.log(p) + (1 - y) * np.log(1 - p)


# --- 06.broadcast_shape ---------------------------------------------------------------------
_RULE = ("numpy's broadcasting rule: shapes are lined up from the right, and a size 1 (or a missing "
         "axis, treated as size 1) is stretched to match the other. ")


def _shape_is(*shapes):
    return lambda a: isinstance(a, (tuple, list)) and tuple(a) in shapes


_BROADCAST_SLIPS = (
    (_shape_is((426,)),
     said(_RULE + "The flat (426,) has no second axis, so it acts as a row (1, 426); against the column (426, 1) "
                  "both size-1 axes stretch to 426. No error, and no element-by-element difference either.",
          _RULE + "A flat vector has no second axis, so it acts as a row; against a column both size-1 "
                  "axes stretch. No element-by-element difference.")),
    (_shape_is((426, 1)),
     said(_RULE + "The column (426, 1) does not absorb the flat (426,): that one acts as a row (1, 426), "
                  "so the column's size-1 axis stretches to 426 too.",
          _RULE + "The column does not absorb the flat vector: that one acts as a row, so the column's "
                  "size-1 axis stretches too.")),
    (_shape_is((1, 426)),
     said(_RULE + "The flat (426,) does act as a row (1, 426), but the other operand is a column (426, 1): its "
                  "426 rows stay, so the result has 426 rows and 426 columns.",
          _RULE + "The flat vector does act as a row, but the other operand is a column: its rows stay.")),
    (_shape_is((569, 569), (569,), (569, 1)),
     said("569 counts every tumour in the data set: X_train holds the 426 training tumours, so the "
          "predictions have shape (426,).",
          "that counts every tumour in the data set: X_train holds only the training tumours.")),
    (_shape_is((426, 30), (30, 426)),
     said("that is the shape of X_train: sigmoid(X_train @ w + b) is (426, 30) @ (30,) + b = (426,). "
          + _RULE + "Now line up (426,) against y_col's (426, 1).",
          "that is the shape of X_train: work out the shape of sigmoid(X_train @ w + b) first. " + _RULE)),
    (_shape_is((30,), (30, 1)),
     said("that is the shape of w; the predictions have one entry per tumour, (426,). " + _RULE,
          "that is the shape of w; the predictions have one entry per tumour. " + _RULE)),
    (_shape_is((181476,), (181476, 1)),
     said("181,476 = 426 × 426 is the number of entries; a shape lists the size of each axis. " + _RULE,
          "that is the number of entries; a shape lists the size of each axis. " + _RULE)),
    (lambda a: not isinstance(a, (tuple, list)) and np.ndim(a) == 0 and _close(a, 426),
     said("a shape is a tuple with one size per axis. " + _RULE + "What does (426,) against (426, 1) give?",
          "a shape is a tuple with one size per axis. " + _RULE)),
)


# --- 06.safe_log_loss ---------------------------------------------------------------------
def _edge_cost(eps=EPSILON, log=np.log):
    p = np.clip(P_EDGE, eps, 1 - eps)
    return float(-np.mean(Y_EDGE * log(p) + (1 - Y_EDGE) * log(1 - p)))


def _finite_terms_only():
    with np.errstate(all="ignore"):
        terms = _cost_terms(Y_EDGE, P_EDGE)
    return float(-np.mean(terms[np.isfinite(terms)]))

def _not_finite(a):
    """The answer holds an inf or a nan (what ln 0 gives); a finite answer of another shape is not this slip."""
    try:
        return not bool(np.all(np.isfinite(np.asarray(a, dtype=float))))
    except (TypeError, ValueError):
        return False

def _clipped_with_other_eps(a):
    """The answer is the clipped cost for some ε = 10⁻ᵏ other than 1e-15 (1e-7 has its own message)."""
    return any(_close(a, _edge_cost(10.0 ** -k)) for k in range(2, 21) if k not in (7, 15))


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
            (_is(lambda: sigmoid(_predictions())),
             "the sigmoid is applied twice: ŷ = σ(z) once; σ(σ(z)) squeezes everything towards 0.5-0.73."),
            (_is(lambda: sigmoid(-_predictions(squash=False))),
             "that is σ(−z) = 1 − ŷ: the sigmoid is 1 / (1 + e^(−z)), with a minus in the exponent."),
            (_is(lambda: sigmoid(_predictions(b=0.0, squash=False)) + B_SMALL),
             "the bias was added after the sigmoid: b belongs inside, ŷ = σ(Xw + b)."),
            (lambda a: _close(a, np.round(_predictions())) or _close(a, _predictions(squash=False) >= 0),
             "those are classes 0/1 (rounded or thresholded): the prediction ŷ is the probability σ(Xw + b)."),
            (_is(lambda: sigmoid(_predictions(b=-B_SMALL, squash=False))),
             "the bias was subtracted: z = X w + b, with a plus."),
            (_is(lambda: np.exp(-_predictions(squash=False))),
             "that is e^(−z), only a piece of the sigmoid: ŷ = 1 / (1 + e^(−z))."),
        ),
    ),
    Exercise(
        id="06.cost",
        expected=lambda: float(-np.mean(_cost_terms(Y_TOY, P_TOY))),
        # n: a (1/n) applied twice (np.mean, then / len(y) again) is named as a division too many.
        quantities=lambda: {"n = 5, the number of examples,": 5},
        hint="J = −(1/n) Σ [y ln ŷ + (1 − y) ln(1 − ŷ)]: np.mean does the (1/n) Σ, and mind the minus.",
        mistakes=(
            (lambda a: _close(a, -np.sum(_cost_terms(Y_TOY, P_TOY))),
             "that is the sum of the losses: J is their mean - the 1/n is missing."),
            (lambda a: _close(a, np.mean(_cost_terms(Y_TOY, P_TOY))),
             "the sign is wrong: ln of a probability is negative, J = −(1/n) Σ [...] is positive."),
            (lambda a: _close(a, -np.mean(Y_TOY * np.log(P_TOY))),
             "only the y ln ŷ term: the (1 − y) ln(1 − ŷ) term is what penalises the y = 0 examples."),
            (_is(lambda: -np.mean(Y_TOY * np.log10(P_TOY) + (1 - Y_TOY) * np.log10(1 - P_TOY))),
             "np.log10 is the base-10 logarithm: the cost uses the natural logarithm ln, np.log."),
            (_is(lambda: -np.mean(Y_TOY * np.log(1 - P_TOY) + (1 - Y_TOY) * np.log(P_TOY))),
             "the two terms are swapped: y = 1 examples pay −ln ŷ, y = 0 examples pay −ln(1 − ŷ)."),
            (_is(lambda: -np.mean(Y_TOY * np.log(P_TOY) + np.log(1 - P_TOY))),
             "the factor (1 − y) is missing in front of ln(1 − ŷ): without it every example pays that term."),
            (_is(lambda: -np.mean(Y_TOY * np.log(P_TOY) + (1 - Y_TOY) * np.log(P_TOY))),
             "the second term needs ln(1 − ŷ), the log of the probability of class 0, not ln ŷ again."),
            (_is(lambda: -np.mean(Y_TOY * np.log2(P_TOY) + (1 - Y_TOY) * np.log2(1 - P_TOY))),
             "np.log2 is the base-2 logarithm: the cost uses the natural logarithm ln, np.log."),
            (_is(lambda: -np.sum(_cost_terms(Y_TOY, P_TOY)) / (len(Y_TOY) - 1)),
             "you divided by n − 1: J is the mean of the n losses, (1/n) Σ (np.mean)."),
            (_is(lambda: np.mean((P_TOY - Y_TOY) ** 2)),
             "that is the mean squared error (ŷ − y)²: the logistic cost is the log loss, with ln."),
            (_is(lambda: np.mean(-Y_TOY * np.log(P_TOY) + (1 - Y_TOY) * np.log(1 - P_TOY))),
             "the minus covers only the first term: J = −(1/n) Σ [y ln ŷ + (1 − y) ln(1 − ŷ)], both terms inside."),
            (_rounded(lambda: -np.mean(_cost_terms(Y_TOY, P_TOY))),
             "close - that is the right cost rounded: keep full precision (let numpy compute it)."),
        ),
    ),
    Exercise(
        id="06.broadcast_shape",
        expected=lambda: (426, 426),
        hint="numpy lines shapes up from the right: (426,) acts as (1, 426) against (426, 1).",
        mistakes=_BROADCAST_SLIPS,
        reveal_shape=False,
    ),
    Exercise(
        id="06.safe_log_loss",
        expected=lambda: float(-np.mean(_cost_terms(Y_EDGE, np.clip(P_EDGE, EPSILON, 1 - EPSILON)))),
        hint="np.clip(p_edge, eps, 1 - eps) keeps every prediction strictly inside (0, 1) before the ln.",
        mistakes=(
            (_not_finite,
             ("ln 0 = −∞ (numpy returns inf or nan): some ŷ reached a ln while still exactly 0 or 1. Clip "
              "both ends, np.clip(p_edge, eps, 1 - eps) (clipping only from below leaves ŷ = 1, whose "
              "ln(1 − ŷ) is ln 0), and use the clipped array in both terms.")),
            (lambda a: _close(a, np.sum(-_cost_terms(Y_EDGE, np.clip(P_EDGE, EPSILON, 1 - EPSILON)))),
             "that is the sum of the losses: J is their mean (1/n)."),
            (_is(lambda: _edge_cost(1e-7)),
             "that is the cost clipped with ε = 1e-7 (Keras's default): this exercise asks for ε = 1e-15."),
            (_clipped_with_other_eps,
             "that is the cost clipped with another ε: this exercise asks for ε = 1e-15 (the variable eps)."),
            (_is(lambda: _edge_cost(log=np.log2)),
             "np.log2 is the base-2 logarithm: the cost uses the natural logarithm ln, np.log."),
            (_is(lambda: -_edge_cost()), "the sign is wrong: J = −(1/n) Σ [...] is positive."),
            (_is(lambda: _edge_cost(log=np.log10)),
             "np.log10 is the base-10 logarithm: the cost uses the natural logarithm ln, np.log."),
            (_is(_finite_terms_only),
             ("you dropped the examples that gave ln 0: clip them instead, so the confidently wrong one "
              "still counts (about 34.5).")),
        ),
    ),
)
