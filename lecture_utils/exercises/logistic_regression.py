"""Exercises of notebook 06 (logistic regression), recognising the classic mistakes:
a transposed X, a missing 1/n, the sign of ŷ − y, a forgotten bias b, (n, 1) against (n,)
broadcasting, and ln 0."""
NOTEBOOK = "06"

import functools

import numpy as np

from ..checks import Exercise, register, said
from ..data import breast_cancer_split
from ..logistic import EPSILON, gradients, sigmoid
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
     said(_RULE + "(426,) has no second axis, so it acts as a row (1, 426); against the column (426, 1) "
                  "both size-1 axes stretch to 426. No error, and no element-by-element difference either.",
          _RULE + "a flat vector has no second axis, so it acts as a row; against a column both size-1 "
                  "axes stretch. No element-by-element difference.")),
    (_shape_is((426, 1)),
     said(_RULE + "the column (426, 1) does not absorb the flat (426,): that one acts as a row (1, 426), "
                  "so the column's size-1 axis stretches to 426 too.",
          _RULE + "the column does not absorb the flat vector: that one acts as a row, so the column's "
                  "size-1 axis stretches too.")),
    (_shape_is((1, 426)),
     said(_RULE + "(426,) does act as a row (1, 426), but the other operand is a column (426, 1): its "
                  "426 rows stay, so the result has 426 rows and 426 columns.",
          _RULE + "the flat vector does act as a row, but the other operand is a column: its rows stay.")),
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


def _clipped_with_other_eps(a):
    """The answer is the clipped cost for some ε = 10⁻ᵏ other than 1e-15 (1e-7 has its own message)."""
    return any(_close(a, _edge_cost(10.0 ** -k)) for k in range(2, 21) if k not in (7, 15))


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


def _not_finite(a):
    """The answer holds an inf or a nan (what ln 0 gives); a finite answer of another shape is not this slip."""
    try:
        return not bool(np.all(np.isfinite(np.asarray(a, dtype=float))))
    except (TypeError, ValueError):
        return False


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
        id="06.safe_log_loss",
        expected=lambda: float(-np.mean(_cost_terms(Y_EDGE, np.clip(P_EDGE, EPSILON, 1 - EPSILON)))),
        hint="np.clip(p_edge, eps, 1 - eps) keeps every prediction strictly inside (0, 1) before the ln.",
        mistakes=(
            (_not_finite,
             "ln 0 = −∞ (numpy returns inf or nan): clip ŷ to [ε, 1 − ε] with ε = 1e-15 first."),
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
