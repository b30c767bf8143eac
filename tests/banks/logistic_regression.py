"""Realistic wrong answers to notebook 06's exercises (logistic regression)."""

import math

import numpy as np

from banks import Slip
from lecture_utils.exercises import logistic_gradients as lg
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


def _boxed_b_train():
    def train(X, y, learning_rate, steps):
        w, b = tr._train_variant(X, y, learning_rate, steps)
        return w, np.array([b])  # b started as np.zeros(1)
    return train


def _student_train(**kw):
    """A hand-written loop with one slip (independent of the checker's replay)."""
    def train(X, y, learning_rate, steps):
        n, m = X.shape
        w, b = np.full(m, kw.get("w0", 0.0)), 0.0
        rate = kw.get("rate", learning_rate)
        for _ in range(kw.get("steps", steps)):
            y_hat = sigmoid(X @ w + b)
            err = y_hat - y
            if kw.get("mse"):
                err = err * y_hat * (1 - y_hat)
            d = m if kw.get("by_m") else n * n if kw.get("n_twice") else n
            dw, db = X.T @ err / d, np.sum(err) / d
            w = w - dw if kw.get("w_no_rate") else w - rate * dw
            b = b - db if kw.get("b_no_rate") else b - rate * db
        if kw.get("start"):  # the updated values went to names the return never reads
            return np.zeros(m), 0.0
        return (b, w) if kw.get("swap") else (w, b)
    return lambda: train


def _sgd_train():
    def train(X, y, learning_rate, steps):
        n, m = X.shape
        w, b = np.zeros(m), 0.0
        for _ in range(steps):
            for i in range(n):  # one update per example
                err = sigmoid(X[i] @ w + b) - y[i]
                w, b = w - learning_rate * err * X[i], b - learning_rate * err
        return w, b
    return train


def _coordinatewise_train():
    def train(X, y, learning_rate, steps):
        n, m = X.shape
        w, b = np.zeros(m), 0.0
        for _ in range(steps):
            for j in range(m):  # the prediction is recomputed after every weight moves
                w[j] -= learning_rate * X[:, j] @ (sigmoid(X @ w + b) - y) / n
            b -= learning_rate * np.mean(sigmoid(X @ w + b) - y)
        return w, b
    return train


def _gd(steps=1, scale=1.0, at_b=None):
    X, y, w, b = _small()
    for _ in range(steps):
        dw, db = gradients(X, y, w, b if at_b is None else at_b)
        w, b = w - ex.LEARNING_RATE * scale * dw, b - ex.LEARNING_RATE * scale * db
    return w, b


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
        Slip("bias subtracted", lambda: sigmoid(_small()[0] @ ex.W_SMALL - ex.B_SMALL), "bias was subtracted"),
        Slip("1 / (1 + e^z)", lambda: 1 / (1 + np.exp(_z())), "σ(−z)"),
        Slip("rounded to 3 decimals", lambda: np.round(sigmoid(_z()), 3), "close"),
        Slip("elementwise X * w (8, 3)", lambda: sigmoid(_small()[0] * ex.W_SMALL + ex.B_SMALL), "shape"),
        Slip("mean of the predictions", lambda: float(np.mean(sigmoid(_z()))), "single number"),
        Slip("row (1, 8)", lambda: sigmoid(_z())[None, :], "row"),
        Slip("σ(z) + b", lambda: sigmoid(_z()) + ex.B_SMALL, None),
        Slip("tanh instead of σ", lambda: np.tanh(_z()), None),
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
        Slip("log2", lambda: -np.mean(_terms(Y, P, np.log2)), "base-2"),
        Slip("divided by n − 1", lambda: -np.sum(_terms(Y, P)) / (len(Y) - 1), "n − 1"),
        Slip("J inside a list", lambda: [float(-np.mean(_terms(Y, P)))], "inside a list"),
        Slip("per-example losses, not their mean", lambda: -_terms(Y, P), "separate values"),
        Slip("rounded to 2 digits", lambda: round(float(-np.mean(_terms(Y, P))), 2), "close"),
        Slip("mean squared error", lambda: float(np.mean((Y - P) ** 2)), None),
        Slip("minus sign on the first term only", lambda: float(-np.mean(Y * np.log(P)) + np.mean((1 - Y) * np.log(1 - P))),
             None),
        Slip("J as a percentage", lambda: 100 * float(-np.mean(_terms(Y, P))), "100"),
    ],
    "06.broadcast_shape": [
        Slip("element by element (426,)", lambda: (426,), "broadcasting rule"),
        Slip("the column (426, 1)", lambda: (426, 1), "broadcasting rule"),
        Slip("a row (1, 426)", lambda: (1, 426), "broadcasting rule"),
        Slip("X_train's shape", lambda: (426, 30), "shape of X_train"),
        Slip("w's shape", lambda: (30,), "shape of w"),
        Slip("number of entries", lambda: (181476,), "number of entries"),
        Slip("one number", lambda: 426, "a shape is a tuple"),
        Slip("the whole data set (569, 569)", lambda: (569, 569), "every tumour in the data set"),
        Slip("the test set (143, 143)", lambda: (143, 143), "axis 0 and axis 1"),
        Slip("X_small's 8 rows (8, 8)", lambda: (8, 8), "axis 0 and axis 1"),
        Slip("an extra axis (426, 426, 1)", lambda: (426, 426, 1), "2 axes"),
        Slip("the shape as a string", lambda: "(426, 426)", "without quotes"),
        Slip("'an error'", lambda: "error", "without quotes"),
        Slip("the column's shape, as a list", lambda: [426, 1], "broadcasting rule"),
        Slip("X_train transposed", lambda: (30, 426), "shape of X_train"),
    ],
    "06.gradient": [
        Slip("the notebook's X_train inside the function", _gradient(
            lambda X, y, w, b: (X_train.T @ _err(X, y, w, b), 0.0)), "never defines"),  # noqa: F821
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
        Slip("divided by m, not n", _gradient(lambda X, y, w, b: (X.T @ _err(X, y, w, b) / X.shape[1],
                                                                  np.sum(_err(X, y, w, b)) / X.shape[1])), "divided by m"),
        Slip("mean over the wrong axis", _gradient(lambda X, y, w, b: (np.mean(X.T * _err(X, y, w, b), axis=0),
                                                                       np.mean(_err(X, y, w, b)))), "wrong axis"),
        Slip("sum over the features", _gradient(lambda X, y, w, b: (np.sum(X * _err(X, y, w, b)[:, None], axis=1) / len(X),
                                                                    np.mean(_err(X, y, w, b)))), "wrong axis"),
        Slip("squared-error gradient", _gradient(lambda X, y, w, b: (
            2 * X.T @ (_err(X, y, w, b) * sigmoid(X @ w + b) * (1 - sigmoid(X @ w + b))) / len(X),
            2 * np.mean(_err(X, y, w, b) * sigmoid(X @ w + b) * (1 - sigmoid(X @ w + b))))), "squared error"),
        Slip("σ′ multiplied in once more", _gradient(lambda X, y, w, b: (
            X.T @ (_err(X, y, w, b) * sigmoid(X @ w + b) * (1 - sigmoid(X @ w + b))) / len(X),
            np.mean(_err(X, y, w, b) * sigmoid(X @ w + b) * (1 - sigmoid(X @ w + b))))), "σ′"),
        Slip("db as a one-entry array", _gradient(lambda X, y, w, b: (X.T @ _err(X, y, w, b) / len(X),
                                                                      np.array([np.mean(_err(X, y, w, b))]))), "one-entry array"),
        Slip("(db, dw) swapped", _gradient(lambda X, y, w, b: (np.mean(_err(X, y, w, b)), X.T @ _err(X, y, w, b) / len(X))),
             "wrong order"),
        Slip("list arithmetic (y converted with list())", _gradient(
            lambda X, y, w, b: (X.T @ np.asarray(list(sigmoid(X @ w + b)) - list(np.ravel(y))), 0.0)),
             "python lists"),
        Slip("dw with the bias entry appended", _gradient(lambda X, y, w, b: (
            np.r_[X.T @ _err(X, y, w, b) / len(X), np.mean(_err(X, y, w, b))], np.mean(_err(X, y, w, b)))), "shape"),
        Slip("bias subtracted in z", _gradient(lambda X, y, w, b: (X.T @ _err(X, y, w, -b) / len(X),
                                                                   np.mean(_err(X, y, w, -b)))), None),
    ],
    "06.safe_log_loss": [
        Slip("no clipping (nan)", lambda: float(-np.mean(_terms(YE, PE))), "ln 0"),
        Slip("clip only from below", lambda: float(-np.mean(_terms(YE, np.clip(PE, EPSILON, 1)))), "ln 0"),
        Slip("sum of the losses", lambda: float(np.sum(-_terms(YE, _clipped()))), "sum of the losses"),
        Slip("Keras's ε = 1e-7", lambda: float(-np.mean(_terms(YE, _clipped(1e-7)))), "ε = 1e-15"),
        Slip("minus sign forgotten", lambda: float(np.mean(_terms(YE, _clipped()))), "sign"),
        Slip("infinite terms dropped", lambda: float(-np.mean(_terms(YE, PE)[np.isfinite(_terms(YE, PE))])),
             "dropped"),
        Slip("clipped with ε = 1e-12", lambda: float(-np.mean(_terms(YE, _clipped(1e-12)))), "another ε"),
        Slip("clipped with ε = 1e-10", lambda: float(-np.mean(_terms(YE, _clipped(1e-10)))), "another ε"),
        Slip("log2", lambda: float(-np.mean(_terms(YE, _clipped(), np.log2))), "base-2"),
        Slip("J inside a list", lambda: [float(-np.mean(_terms(YE, _clipped())))], "inside a list"),
        Slip("clip only from above", lambda: float(-np.mean(_terms(YE, np.clip(PE, 0, 1 - EPSILON)))), "ln 0"),
        Slip("per-example losses", lambda: -_terms(YE, _clipped()), None),
        Slip("rounded to 8.7", lambda: 8.7, "close"),
        Slip("only the confidently wrong loss", lambda: float(-np.log(EPSILON)), None),
        Slip("log10", lambda: float(-np.mean(_terms(YE, _clipped(), np.log10)))
             , "natural logarithm"),
    ],
    "06.gd_step": [
        Slip("uphill", lambda: _step(sign=+1.0), "uphill"),
        Slip("b not updated", lambda: _step(b_too=False), "b must be updated"),
        Slip("only the step", lambda: tuple(v - s for v, s in zip(_step(), (ex.W_SMALL, ex.B_SMALL))), "only the step"),
        Slip("learning rate forgotten", lambda: _step(rate=1.0), "learning rate is missing"),
        Slip("gradient at w = 0", lambda: _step(dw_at=(np.zeros(3), 0.0)), "taken at w = 0"),
        Slip("db after w moved", lambda: lg._sequential_step(), "simultaneous"),
        Slip("returned the gradients", lambda: gradients(*_small()), "those are the gradients"),
        Slip("own formula without 1/n", lambda: _gd(scale=len(_small()[1])), "1/n is missing"),
        Slip("gradients() divided by n again", lambda: _gd(scale=1 / len(_small()[1])), "divided by n twice"),
        Slip("two steps", lambda: _gd(steps=2), "two steps"),
        Slip("gradient without the bias", lambda: _gd(at_b=0.0), "without the bias"),
        Slip("rounded to 4 decimals", lambda: tuple(np.round(v, 4) for v in _gd()), "rounded"),
        Slip("b as a one-entry array", lambda: (_gd()[0], np.array([_gd()[1]])), "inside an array"),
        Slip("w and b in one array", lambda: np.r_[_gd()[0], _gd()[1]], "2 values"),
        Slip("(b, w) swapped", lambda: (_gd()[1], _gd()[0]), "wrong order"),
    ],
    "06.train": [
        Slip("divided by n twice (mean, then / n)", _student_train(n_twice=True), "divided by n twice"),
        Slip("b stepped without the learning rate", _student_train(b_no_rate=True),
             "b was updated without the learning rate"),
        Slip("w stepped without the learning rate", _student_train(w_no_rate=True),
             "w was updated without the learning rate"),
        Slip("no learning rate at all", _student_train(w_no_rate=True, b_no_rate=True), "learning rate is missing"),
        Slip("updates lost, the start returned", _student_train(start=True), "the start, unchanged"),
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
        Slip("divided by m, not n", _student_train(by_m=True), "divided by m"),
        Slip("squared-error gradient (σ′ kept)", _student_train(mse=True), "squared-error"),
        Slip("weights start at 1", _student_train(w0=1.0), "started at 1"),
        Slip("(b, w) returned", _student_train(swap=True), "wrong order"),
        Slip("b as a one-entry array", _boxed_b_train, "one-entry array"),
        Slip("one update per example (SGD)", _sgd_train, "every single example"),
        Slip("weights updated one at a time", _coordinatewise_train, "one at a time"),
        Slip("steps hard-coded to 40", _student_train(steps=40), "different number of steps"),
        Slip("learning rate hard-coded to 0.1", _student_train(rate=0.1), "another learning rate"),
        Slip("two steps too many", lambda: (lambda X, y, lr, steps: tr._train_variant(X, y, lr, steps + 2)),
             "different number of steps"),
    ],
}


# ---- More slips, written from notebook 06's text alone (issue 26, item 5): the weak exercises
# (gradient, broadcast_shape, train) first.
def _c3_gradient(rule):
    def gradient(X, y, w, b):
        return rule(X, np.ravel(y), w, b)
    return lambda: gradient


def _c3_no_flatten():
    def gradient(X, y, w, b):
        e = sigmoid(X @ w + b) - y  # y as a column broadcasts to (n, n)
        return X.T @ e / len(y), np.mean(e)
    return gradient


def _c3_loop_wrong_index(X, y, w, b):
    n, m = X.shape
    dw, db = np.zeros(m), 0.0
    for i in range(n):
        e = sigmoid(X[i] @ w + b) - y[i]
        for j in range(m):
            dw[j] += e * X[j, i]  # X[j, i] for X[i, j]: runs on square data only
        db += e
    return dw / n, db / n


def _c3_train(**slip):
    """A student's train(X, y, learning_rate, steps) with one slip written out."""
    def train(X, y, learning_rate, steps):
        n, m = X.shape
        w, b = np.full(m, slip.get("w0", 0.0)), 0.0
        if slip.get("once"):
            e = sigmoid(X @ w + b) - y
        for _ in range(steps):
            if not slip.get("once"):
                e = sigmoid(X @ w + b) - y
            dw = X.T @ e / {"n": n, "none": 1, "twice": n * n}[slip.get("dw", "n")]
            db = np.sum(e) if slip.get("db_sum") else np.mean(e)
            w = w - learning_rate * dw
            b = b - (learning_rate if not slip.get("b_no_rate") else 1.0) * db
        return w, b
    return lambda: train


def _c3_range_from_1(X, y, learning_rate, steps):
    n, m = X.shape
    w, b = np.zeros(m), 0.0
    for _ in range(1, steps):
        e = sigmoid(X @ w + b) - y
        w, b = w - learning_rate * X.T @ e / n, b - learning_rate * np.mean(e)
    return w, b


def _c3_w_per_row(X, y, learning_rate, steps):
    n = X.shape[0]
    w, b = np.zeros(n), 0.0  # one weight per row, not per column
    for _ in range(steps):
        e = sigmoid(X @ w + b) - y
        w, b = w - learning_rate * X.T @ e / n, b - learning_rate * np.mean(e)
    return w, b


def _c3_e_times_XT(X, y, learning_rate, steps):
    n, m = X.shape
    w, b = np.zeros(m), 0.0
    for _ in range(steps):
        e = sigmoid(X @ w + b) - y
        w, b = w - learning_rate * (e @ X.T) / n, b - learning_rate * np.mean(e)
    return w, b


_XS, _YS = ex.small()
_C3_DW, _C3_DB = gradients(_XS, _YS, ex.W_SMALL, ex.B_SMALL)
_MORE = {
    "06.predictions": [
        Slip("σ(−z)", lambda: sigmoid(-_z()), "σ(−z)"),
    ],
    "06.cost": [
        Slip("the terms, no mean, no minus", lambda: _terms(Y, P), "the sign is wrong too"),
        Slip("np.mean, then / len(y) again", lambda: -np.mean(_terms(Y, P)) / len(Y), "division too many"),
        Slip("minus on the first term only", lambda: np.mean(-Y * np.log(P) + (1 - Y) * np.log(1 - P)),
             "the minus covers only the first term"),
        Slip("squared error", lambda: np.mean((P - Y) ** 2), "mean squared error"),
    ],
    "06.safe_log_loss": [
    ],
    "06.broadcast_shape": [
        Slip("w's shape as a column", lambda: (30, 1), "shape of w"),
        Slip("letters", lambda: ("n", "n"), "whole numbers"),
    ],
    "06.gradient": [
        Slip("a dict", _c3_gradient(lambda X, y, w, b: {"dw": X.T @ (sigmoid(X @ w + b) - y) / len(y),
                                                        "db": np.mean(sigmoid(X @ w + b) - y)}), "got a dict"),
        Slip("db not averaged", _c3_gradient(lambda X, y, w, b: (X.T @ (sigmoid(X @ w + b) - y) / len(y),
                                                                 sigmoid(X @ w + b) - y)), "separate values"),
        Slip("dw one row per example", _c3_gradient(lambda X, y, w, b: (X * (sigmoid(X @ w + b) - y)[:, None],
                                                                        np.mean(sigmoid(X @ w + b) - y))),
             "separate values"),
    ],
    "06.gd_step": [
        Slip("w alone", lambda: ex.W_SMALL - 0.5 * _C3_DW, "expected 2 values"),
        Slip("α = 0.1 from another cell", lambda: (ex.W_SMALL - 0.1 * _C3_DW, ex.B_SMALL - 0.1 * _C3_DB),
             "another learning rate"),
    ],
    "06.train": [
        Slip("dw divided by n twice", _c3_train(dw="twice"), "dw was divided by n twice"),
        Slip("range(1, steps)", lambda: _c3_range_from_1, "one step too few"),
        Slip("the gradient computed once, before the loop", _c3_train(once=True), "computed once, before the loop"),
        Slip("w of length n", lambda: _c3_w_per_row, "inner sizes must agree"),
        Slip("dw without the 1/n", _c3_train(dw="none"), "dw misses the 1/n"),
    ],
}
for _id, _slips in _MORE.items():
    BANK[_id] = BANK[_id] + _slips
