"""Realistic wrong answers to notebook 06's exercises (logistic regression)."""

import math

import numpy as np

from banks import Slip
from lecture_utils.exercises import logistic_regression as ex
from lecture_utils.exercises import logistic_training as tr
from lecture_utils.logistic import EPSILON, gradients, sigmoid


def _small():
    X, y = ex.small()
    return X, y, ex.W_SMALL, ex.B_SMALL


def _z():
    X, _, w, b = _small()
    return X @ w + b


Y, P = ex.Y_TOY, ex.P_TOY
YE, PE = ex.Y_EDGE, ex.P_EDGE


def _terms(y, p, log=np.log):
    with np.errstate(all="ignore"):  # the unclipped slips take ln 0 on purpose
        return y * log(p) + (1 - y) * log(1 - p)


def _clipped(eps=EPSILON):
    return np.clip(PE, eps, 1 - eps)


def _gradient(rule):
    """A student's gradient(X, y, w, b) built from a wrong formula for (dw, db)."""
    def gradient(X, y, w, b):
        return rule(X, y, w, b)
    return lambda: gradient


def _err(X, y, w, b):
    return sigmoid(X @ w + b) - np.ravel(y)


def _math_exp_gradient():
    def gradient(X, y, w, b):
        y_hat = 1 / (1 + math.exp(-(X @ w + b)))  # math.exp works on one number only
        return X.T @ (y_hat - y) / len(y), np.mean(y_hat - y)
    return gradient


def _step(dw_at=None, rate=ex.LEARNING_RATE, sign=-1.0, b_too=True):
    X, y, w, b = _small()
    dw, db = gradients(X, y, *(dw_at or (w, b)))
    return w + sign * rate * dw, (b + sign * rate * db) if b_too else b


def _train(**flags):
    return lambda: (lambda X, y, learning_rate, steps: tr._train_variant(X, y, learning_rate, steps, **flags))


def _train_in_place_before_db():
    def train(X, y, learning_rate, steps):
        n, m = X.shape
        w, b = np.zeros(m), 0.0
        for _ in range(steps):
            w -= learning_rate * X.T @ (sigmoid(X @ w + b) - y) / n  # w moves first ...
            b -= learning_rate * np.mean(sigmoid(X @ w + b) - y)     # ... so db sees the new w
        return w, b
    return train


def _train_math_exp():
    def train(X, y, learning_rate, steps):
        n, m = X.shape
        w, b = np.zeros(m), 0.0
        for _ in range(steps):
            y_hat = 1 / (1 + math.exp(-(X @ w + b)))
            w, b = w - learning_rate * X.T @ (y_hat - y) / n, b - learning_rate * np.mean(y_hat - y)
        return w, b
    return train


BANK = {
    "06.predictions": [
        Slip("bias forgotten", lambda: sigmoid(_small()[0] @ ex.W_SMALL), "forgot the bias"),
        Slip("scores z, no sigmoid", _z, "apply the sigmoid"),
        Slip("no bias, no sigmoid", lambda: _small()[0] @ ex.W_SMALL, "without the bias and without the sigmoid"),
        Slip("column (8, 1)", lambda: sigmoid(_z())[:, None], "column"),
        Slip("sigmoid applied twice", lambda: sigmoid(sigmoid(_z())), "applied twice"),
        Slip("exp(+z) in the sigmoid", lambda: 1 / (1 + np.exp(_z())), "σ(−z)"),
        Slip("bias added after the sigmoid", lambda: sigmoid(_small()[0] @ ex.W_SMALL) + ex.B_SMALL, "after the sigmoid"),
        Slip("rounded to classes", lambda: np.round(sigmoid(_z())), "classes 0/1"),
        Slip("thresholded z", lambda: (_z() >= 0).astype(float), "classes 0/1"),
        Slip("only e^(−z)", lambda: np.exp(-_z()), "only a piece of the sigmoid"),
    ],
    "06.cost": [
        Slip("sum, not mean", lambda: -np.sum(_terms(Y, P)), "1/n is missing"),
        Slip("minus sign forgotten", lambda: np.mean(_terms(Y, P)), "sign is wrong"),
        Slip("only the y ln ŷ term", lambda: -np.mean(Y * np.log(P)), "only the y ln ŷ term"),
        Slip("log10", lambda: -np.mean(_terms(Y, P, np.log10)), "natural logarithm"),
        Slip("terms swapped", lambda: -np.mean(Y * np.log(1 - P) + (1 - Y) * np.log(P)), "swapped"),
        Slip("(1 − y) factor missing", lambda: -np.mean(Y * np.log(P) + np.log(1 - P)), "(1 − y) is missing"),
        Slip("ln ŷ twice", lambda: -np.mean(Y * np.log(P) + (1 - Y) * np.log(P)), "ln(1 − ŷ)"),
        Slip("hand answer rounded to 3 digits", lambda: round(float(-np.mean(_terms(Y, P))), 3), "close"),
    ],
    "06.broadcast_shape": [
        Slip("element by element (426,)", lambda: (426,), "broadcasting rule"),
        Slip("the column (426, 1)", lambda: (426, 1), "broadcasting rule"),
        Slip("a row (1, 426)", lambda: (1, 426), "broadcasting rule"),
        Slip("X_train's shape", lambda: (426, 30), "shape of X_train"),
        Slip("w's shape", lambda: (30,), "shape of w"),
        Slip("number of entries", lambda: (181476,), "number of entries"),
        Slip("one number", lambda: 426, "a shape is a tuple"),
    ],
    "06.gradient": [
        Slip("X instead of Xᵀ", _gradient(lambda X, y, w, b: (X @ _err(X, y, w, b) / len(X), np.mean(_err(X, y, w, b)))),
             "where Xᵀ is needed"),
        Slip("y − ŷ (slide's sign)", _gradient(lambda X, y, w, b: (-X.T @ _err(X, y, w, b) / len(X), -np.mean(_err(X, y, w, b)))),
             "slide's sign slip"),
        Slip("1/n forgotten", _gradient(lambda X, y, w, b: (X.T @ _err(X, y, w, b), np.sum(_err(X, y, w, b)))),
             "1/n is missing"),
        Slip("bias forgotten", _gradient(lambda X, y, w, b: (X.T @ _err(X, y, w, 0.0) / len(X), np.mean(_err(X, y, w, 0.0)))),
             "forgot the bias"),
        Slip("column y not flattened", _gradient(lambda X, y, w, b: (X.T @ (sigmoid(X @ w + b) - y) / len(X),
                                                                      np.mean(sigmoid(X @ w + b) - y))),
             "broadcast"),
        Slip("sigmoid forgotten", _gradient(lambda X, y, w, b: (X.T @ (X @ w + b - np.ravel(y)) / len(X),
                                                                 np.mean(X @ w + b - np.ravel(y)))),
             "sigmoid is missing"),
        Slip("sigmoid applied twice", _gradient(lambda X, y, w, b: (X.T @ (sigmoid(sigmoid(X @ w + b)) - np.ravel(y)) / len(X),
                                                                     np.mean(sigmoid(sigmoid(X @ w + b)) - np.ravel(y)))),
             "applied twice"),
        Slip("dw as a column (m, 1)", _gradient(lambda X, y, w, b: ((X.T @ _err(X, y, w, b) / len(X))[:, None],
                                                                     np.mean(_err(X, y, w, b)))),
             "column (m, 1)"),
        Slip("db summed", _gradient(lambda X, y, w, b: (X.T @ _err(X, y, w, b) / len(X), np.sum(_err(X, y, w, b)))),
             "db misses the 1/n"),
        Slip("db sign flipped", _gradient(lambda X, y, w, b: (X.T @ _err(X, y, w, b) / len(X), -np.mean(_err(X, y, w, b)))),
             "db has the wrong sign"),
        Slip("db = mean(ŷ)", _gradient(lambda X, y, w, b: (X.T @ _err(X, y, w, b) / len(X), np.mean(sigmoid(X @ w + b)))),
             "the −y is missing"),
        Slip("math.exp on arrays", _math_exp_gradient, None),
    ],
    "06.safe_log_loss": [
        Slip("no clipping (nan)", lambda: float(-np.mean(_terms(YE, PE))), "ln 0"),
        Slip("clip only from below", lambda: float(-np.mean(_terms(YE, np.clip(PE, EPSILON, 1)))), "ln 0"),
        Slip("sum of the losses", lambda: float(np.sum(-_terms(YE, _clipped()))), "sum of the losses"),
        Slip("Keras's ε = 1e-7", lambda: float(-np.mean(_terms(YE, _clipped(1e-7)))), "ε = 1e-15"),
        Slip("minus sign forgotten", lambda: float(np.mean(_terms(YE, _clipped()))), "sign"),
        Slip("infinite terms dropped", lambda: float(-np.mean(_terms(YE, PE)[np.isfinite(_terms(YE, PE))])),
             "dropped"),
        Slip("log10", lambda: float(-np.mean(_terms(YE, _clipped(), np.log10)))
             , "natural logarithm"),
    ],
    "06.gd_step": [
        Slip("uphill", lambda: _step(sign=+1.0), "uphill"),
        Slip("b not updated", lambda: _step(b_too=False), "b must be updated"),
        Slip("only the step", lambda: tuple(v - s for v, s in zip(_step(), (ex.W_SMALL, ex.B_SMALL))), "only the step"),
        Slip("learning rate forgotten", lambda: _step(rate=1.0), "learning rate is missing"),
        Slip("gradient at w = 0", lambda: _step(dw_at=(np.zeros(3), 0.0)), "taken at w = 0"),
        Slip("db after w moved", lambda: ex._sequential_step(), "simultaneous"),
        Slip("returned the gradients", lambda: gradients(*_small()), "those are the gradients"),
    ],
    "06.train": [
        Slip("update with +", _train(sign=+1.0), "wrong sign"),
        Slip("Xᵀ(y − ŷ) for dw", _train(flip_dw=True), "slide's sign slip"),
        Slip("1/n forgotten", _train(mean=False), "1/n is missing"),
        Slip("w updated in place before db", _train_in_place_before_db, "after w had already moved"),
        Slip("b never updated", _train(update_b=False), "b never changes"),
        Slip("sigmoid forgotten", _train(squash=False), "sigmoid is missing"),
        Slip("db sign flipped", _train(b_sign=-1.0), "db has the wrong sign"),
        Slip("one step too many", lambda: (lambda X, y, lr, steps: tr._train_variant(X, y, lr, steps + 1)),
             "one step too many"),
        Slip("returns w only", lambda: (lambda X, y, lr, steps: tr._train_variant(X, y, lr, steps)[0]), "w alone"),
        Slip("math.exp on arrays", _train_math_exp, None),
    ],
}
