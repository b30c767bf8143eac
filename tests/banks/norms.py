"""Realistic wrong answers to the exercises of notebook 03 (norms)."""

import numpy as np

from banks import Slip
from lecture_utils.exercises.norms import A_FRO, Y_PRED, Y_TRUE


def _lp(body):
    """A student's my_lp_norm whose finite-p branch is ``body(x, p)``; p = inf done right."""
    def my_lp_norm(x, p):
        x = np.asarray(x, dtype=float)
        if p == np.inf:
            return np.max(np.abs(x))
        return body(x, p)
    return my_lp_norm


def _no_inf_branch(x, p):
    with np.errstate(all="ignore"):
        return np.sum(np.abs(np.asarray(x, dtype=float)) ** p) ** (1 / p)


def _inf_without_abs(x, p):
    x = np.asarray(x, dtype=float)
    if p == np.inf:
        return np.max(x)
    return np.sum(np.abs(x) ** p) ** (1 / p)


def _quiet_sqrt(v):
    with np.errstate(invalid="ignore"):  # the student sees numpy's warning; the test need not
        return np.sqrt(v)


def _loop(skip_first):
    """A loop-based my_lp_norm that sums one entry too few (range(1, n) or range(n - 1))."""
    def my_lp_norm(x, p):
        if p == np.inf:
            return max(abs(v) for v in x)
        total = 0.0
        for i in (range(1, len(x)) if skip_first else range(len(x) - 1)):
            total += abs(x[i]) ** p
        return total ** (1 / p)
    return my_lp_norm


def _inf_branch(value):
    def my_lp_norm(x, p):
        x = np.asarray(x, dtype=float)
        if p == np.inf:
            return value(x)
        return np.sum(np.abs(x) ** p) ** (1 / p)
    return my_lp_norm


_D = Y_PRED - Y_TRUE
_RIGHT = (np.abs(_D).sum(), np.sqrt((_D**2).sum()), np.abs(_D).max())

BANK = {
    "03.lp_norm": [
        Slip("forgot the absolute value", lambda: _lp(lambda x, p: np.sum(x**p) ** (1 / p)), "absolute value"),
        Slip("forgot the 1/p root", lambda: _lp(lambda x, p: np.sum(np.abs(x) ** p)), "root at the end is missing"),
        Slip("** 1 / p without parentheses", lambda: _lp(lambda x, p: np.sum(np.abs(x) ** p) ** 1 / p), "in parentheses"),
        Slip("1 // p integer division", lambda: _lp(lambda x, p: np.sum(np.abs(x) ** p) ** (1 // p)), "integer division"),
        Slip("always the square root", lambda: _lp(lambda x, p: np.sqrt(np.sum(np.abs(x) ** p))), "square root"),
        Slip("power applied to the sum", lambda: _lp(lambda x, p: (np.sum(np.abs(x)) ** p) ** (1 / p)), "summed first"),
        Slip("np.mean instead of np.sum", lambda: _lp(lambda x, p: np.mean(np.abs(x) ** p) ** (1 / p)), "averaged"),
        Slip("max for every p", lambda: _lp(lambda x, p: np.max(np.abs(x))), "largest |x_i|"),
        Slip("root of the plain sum", lambda: _lp(lambda x, p: np.sum(np.abs(x)) ** (1 / p)), "first be raised"),
        Slip("powers swapped", lambda: _lp(lambda x, p: np.sum(np.abs(x) ** (1 / p)) ** p), "swapped"),
        Slip("no branch for p = inf", lambda: _no_inf_branch, "own branch"),
        Slip("max without abs for p = inf", lambda: _inf_without_abs, "max(x_i)"),
        Slip("loop skips the first entry", lambda: _loop(True), "one entry is missing"),
        Slip("loop skips the last entry", lambda: _loop(False), "one entry is missing"),
        Slip("int() on the result", lambda: _lp(lambda x, p: int(np.sum(np.abs(x) ** p) ** (1 / p))), "whole number"),
        Slip("returns a one-entry list", lambda: _lp(lambda x, p: [np.sum(np.abs(x) ** p) ** (1 / p)]), "inside a list"),
        Slip("forgot np.sum", lambda: _lp(lambda x, p: np.abs(x) ** p), "add them up"),
        Slip("Euclidean whatever p", lambda: _lp(lambda x, p: np.sqrt(np.sum(x**2))), "whatever p is"),
        Slip("|x_i| * p instead of ** p", lambda: _lp(lambda x, p: np.sum(np.abs(x) * p) ** (1 / p)), "multiplies"),
        Slip("min for p = inf", lambda: _inf_branch(lambda x: np.min(np.abs(x))), "smallest |x_i|"),
        Slip("max of squares for p = inf", lambda: _inf_branch(lambda x: np.max(x**2)), "another value there"),
    ],
    "03.which_are_norms": [
        Slip("(a) a multiple is not a norm", lambda: (False, False, False, True, False), "(a) is a norm"),
        Slip("(d) a sum of norms is not a norm", lambda: (True, False, False, False, False), "(d) is a norm"),
        Slip("(b) squared length is a norm", lambda: (True, True, False, True, False), "(b) squares"),
        Slip("(c) one coordinate is a norm", lambda: (True, False, True, True, False), "(c) gives length 0"),
        Slip("(e) p = 1/2 is a norm", lambda: (True, False, False, True, True), "(e) is the p = 1/2"),
        Slip("answers as text", lambda: ("True", "False", "False", "True", "False"), "without quotes"),
        Slip("only four answers", lambda: (True, False, False, True), "five answers"),
        Slip("a single True", lambda: True, "five answers"),
        Slip("everything is a norm", lambda: (True,) * 5, "(b) squares"),
        Slip("(b) and (e) wrong: both named", lambda: (True, True, False, True, True), "two answers are wrong, (b), (e)"),
        Slip("all five flipped", lambda: (False, True, True, False, True), "all five answers are wrong"),
        Slip("a dict", lambda: {"a": True, "b": False}, "five answers"),
        Slip("a string of letters", lambda: "TFFTF", "five answers"),
        Slip("None for an unsure item", lambda: (True, None, False, True, False), "True or False"),
        Slip("six answers", lambda: (True, False, False, True, False, False), "five answers"),
        Slip("yes/no as text", lambda: ("yes", "no", "no", "yes", "no"), "without quotes"),
        Slip("(c) and (d) swapped", lambda: [True, False, True, False, False], "(d) is a norm"),
    ],
    "03.frobenius_by_hand": [
        Slip("one square alone", lambda: 4.0 ** 2, "one of the pieces"),
        Slip("-4**2 is -16 in Python", lambda: np.sqrt(4**2 + -4**2 + -1**2 + 4**2), "-4**2"),
        Slip("forgot the square root", lambda: 4**2 + (-4) ** 2 + (-1) ** 2 + 4**2, "square root is missing"),
        Slip("sum of absolute values", lambda: 4 + 4 + 1 + 4, "sum of absolute values"),
        Slip("root of the sum of |entries|", lambda: np.sqrt(4 + 4 + 1 + 4), "root of the sum of |entries|"),
        Slip("entries cancel", lambda: 4 - 4 - 1 + 4, "must not cancel"),
        Slip("mean of the squares", lambda: np.sqrt((16 + 16 + 1 + 16) / 4), "number of entries"),
        Slip("largest entry", lambda: 4, "largest |entry|"),
        Slip("np.linalg.norm(A, 2)", lambda: np.linalg.norm(A_FRO, 2), "spectral norm"),
        Slip("answer as text", lambda: "7", "without quotes"),
        Slip("left out the -1", lambda: np.sqrt(4**2 + (-4) ** 2 + 4**2), "one entry is missing"),
        Slip("* 2 instead of ** 2", lambda: np.sqrt(4 * 2 + (-4) * 2 + (-1) * 2 + 4 * 2), "doubles"),
        Slip("** 1/2 without brackets", lambda: (4**2 + (-4) ** 2 + (-1) ** 2 + 4**2) ** 1 / 2, "division by 2"),
        Slip("** (1 // 2)", lambda: (4**2 + (-4) ** 2 + (-1) ** 2 + 4**2) ** (1 // 2), "integer division"),
        Slip("np.linalg.norm(A, 1)", lambda: np.linalg.norm(A_FRO, 1), "column (or row) sum"),
        Slip("sqrt(trace(A @ A)), no transpose", lambda: np.sqrt(np.trace(A_FRO @ A_FRO)), "with the transpose"),
        Slip("determinant", lambda: np.linalg.det(A_FRO), "determinant"),
        Slip("a one-entry list", lambda: [7.0], "one number, not an array"),
        Slip("^ instead of **", lambda: _quiet_sqrt(4 ^ 2 + (-4) ^ 2 + (-1) ^ 2 + 4 ^ 2), "XOR"),
    ],
    "03.prediction_distance": [
        Slip("difference of the norms", lambda: tuple(np.linalg.norm(Y_PRED, p) - np.linalg.norm(Y_TRUE, p) for p in (1, 2, np.inf)), "length of the difference"),
        Slip("rounded by hand", lambda: (3.5, 1.94, 1.5), "rounded"),
        Slip("squared L2", lambda: (_RIGHT[0], _RIGHT[1] ** 2, _RIGHT[2]), "squared distance"),
        Slip("L1 without abs", lambda: (_D.sum(), _RIGHT[1], _RIGHT[2]), "signed differences"),
        Slip("L-inf without abs", lambda: (_RIGHT[0], _RIGHT[1], _D.max()), "max(d_i)"),
        Slip("mean errors (MAE, RMSE)", lambda: (np.abs(_D).mean(), np.sqrt((_D**2).mean()), _RIGHT[2]), "mean |d_i|"),
        Slip("all divided by n", lambda: tuple(v / 4 for v in _RIGHT), "divided by n"),
        Slip("wrong order", lambda: (_RIGHT[1], _RIGHT[0], _RIGHT[2]), "wrong order"),
        Slip("only two values", lambda: _RIGHT[:2], "three numbers"),
        Slip("RMSE as L2", lambda: (_RIGHT[0], np.sqrt((_D**2).mean()), _RIGHT[2]), "root *mean* square"),
        Slip("L2 as root of sum |d_i|", lambda: (_RIGHT[0], np.sqrt(np.abs(_D).sum()), _RIGHT[2]), "root of the sum of |d_i|"),
        Slip("min |d_i| for L-inf", lambda: (_RIGHT[0], _RIGHT[1], np.abs(_D).min()), "smallest |d_i|"),
        Slip("argmax for L-inf", lambda: (_RIGHT[0], _RIGHT[1], np.argmax(np.abs(_D))), "index"),
        Slip("L1 as sum of squares", lambda: ((_D**2).sum(), _RIGHT[1], _RIGHT[2]), "sums the squares"),
        Slip("norms of y_hat alone", lambda: tuple(np.linalg.norm(Y_PRED, p) for p in (1, 2, np.inf)), "one vector alone"),
        Slip("one-entry arrays (keepdims)", lambda: tuple(np.array([v]) for v in _RIGHT), "column of shape (3, 1)"),
        Slip("reversed order", lambda: _RIGHT[::-1], "wrong order"),
        Slip("|d| itself", lambda: np.abs(_D), "three numbers"),
        Slip("a dict", lambda: {"d1": _RIGHT[0]}, "three numbers"),
        Slip("np.linalg.norm(d) three times", lambda: (np.linalg.norm(_D),) * 3, "unless you pass ord"),
    ],
}


# ---- More slips, written from notebook 03's text alone (issue 26, item 5).
def _my(body):
    """A student's whole my_lp_norm(x, p), inf branch included, as ``body(x, p)``."""
    def my_lp_norm(x, p):
        return body(x, p)
    return lambda: my_lp_norm


def _max_no_abs(x, p):
    if p == np.inf:
        return max(x)
    return np.sum(np.abs(x) ** p) ** (1 / p)


def _inf_as_text(x, p):
    if p == "inf":
        return np.max(np.abs(x))
    return np.sum(np.abs(x) ** p) ** (1 / p)


def _prints_inf(x, p):
    if p == np.inf:
        print(np.max(np.abs(x)))
    else:
        return np.sum(np.abs(x) ** p) ** (1 / p)


def _loop_no_inf(x, p):
    total = 0
    for v in x:
        total += abs(v) ** p
    return total ** (1 / p)


def _finite(rule):
    return _my(lambda x, p: np.max(np.abs(x)) if p == np.inf else rule(x, p))


_D = Y_PRED - Y_TRUE
_MORE = {
    "03.lp_norm": [
        Slip("the inf norm printed, not returned", _my(_prints_inf), "forget `return`"),
    ],
    "03.which_are_norms": [
        Slip("1 and 0", lambda: (1, 0, 0, 1, 0), "True or False"),
    ],
    "03.frobenius_by_hand": [
        Slip("entries added, not squared", lambda: np.sqrt(abs(4 - 4 - 1 + 4)), "square each entry first"),
    ],
    "03.prediction_distance": [
        Slip("L2 without the root", lambda: (np.abs(_D).sum(), (_D**2).sum(), np.abs(_D).max()), "squared distance"),
    ],
}
for _id, _slips in _MORE.items():
    BANK[_id] = BANK[_id] + _slips
