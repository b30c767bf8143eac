"""Exercises of notebook 03 (norms)."""
NOTEBOOK = "03"

import numpy as np

from ..checks import Exercise, register

A_FRO = np.array([[1, -2], [-2, 4]])
Y_TRUE = np.array([3.0, -1.0, 2.0, 0.5])
Y_PRED = np.array([2.5, 0.0, 2.0, 2.5])


def _lp_cases():
    return [
        (np.array([3.0, -4.0]), 1),
        (np.array([3.0, -4.0]), 2),
        (np.array([1.0, -2.0, 2.0]), 3),
        (np.array([1.0, -7.0, 3.0]), np.inf),
        (np.array([0.5, -0.5, 2.0, 1.0]), 1.5),
    ]


def _solution_lp(x, p):
    x = np.asarray(x, dtype=float)
    if p == np.inf:
        return np.max(np.abs(x))
    return np.sum(np.abs(x) ** p) ** (1 / p)


def _forgot_abs(r, args):
    x, p = args
    if p == np.inf or np.all(x >= 0):
        return False
    with np.errstate(all="ignore"):
        wrong = np.sum(x**p) ** (1 / p)
    return np.isfinite(wrong) and np.isclose(r, wrong) and not np.isclose(wrong, _solution_lp(x, p))


def _forgot_root(r, args):
    x, p = args
    return p not in (1, np.inf) and np.isclose(r, np.sum(np.abs(x) ** p))


def _distances():
    d = Y_PRED - Y_TRUE
    return (np.abs(d).sum(), np.sqrt((d**2).sum()), np.abs(d).max())


def _norm_differences():
    return tuple(np.linalg.norm(Y_PRED, p) - np.linalg.norm(Y_TRUE, p) for p in (1, 2, np.inf))


register(
    Exercise(
        id="03.lp_norm",
        expected=lambda: (lambda x, p: np.linalg.norm(np.asarray(x, dtype=float), p)),
        cases=_lp_cases,
        hint="Take absolute values, raise to the power p, sum, then take the 1/p-th root; "
             "p = np.inf is a case of its own (the largest |x_i|).",
        mistakes=(
            (_forgot_abs, "negative entries count negatively: take the absolute value |x_i| before the power."),
            (_forgot_root, "that is the sum of |x_i|^p: the 1/p-th root at the end is missing."),
            (lambda r, args: args[1] == np.inf and not np.isclose(r, np.max(np.abs(args[0]))),
             "for p = np.inf the formula with a power does not work: return max |x_i| in its own branch."),
        ),
    ),
    Exercise(
        id="03.which_are_norms",
        expected=lambda: (True, False, False, True, False),
        hint="Test each function on small vectors: is f(0) the only zero? Does f(2x) = 2 f(x)? "
             "Try x = (1, 0), y = (0, 1) in the triangle inequality.",
        mistakes=(
            (lambda a: len(a) != 5, "give five answers (True or False), one for each of (a) to (e)."),
            (lambda a: bool(a[1]),
             "(b) squares the length: f(2x) = 4 f(x), not 2 f(x), so homogeneity fails."),
            (lambda a: bool(a[2]), "(c) gives length 0 to x = (0, 1), which is not the zero vector."),
            (lambda a: bool(a[4]), "(e) is the p = 1/2 formula: for x = (1, 0), y = (0, 1), f(x + y) = 4 > f(x) + f(y) = 2."),
        ),
    ),
    Exercise(
        id="03.frobenius_by_hand",
        expected=lambda: np.sqrt((A_FRO.astype(float) ** 2).sum()),
        hint="Square every entry (four of them), add the squares, take the square root.",
        mistakes=(
            (lambda a: np.isclose(float(a), (A_FRO**2).sum()), "that is the sum of squares: the square root is missing."),
            (lambda a: np.isclose(float(a), np.abs(A_FRO).sum()), "that is the sum of absolute values (an L¹ of the entries): square them instead."),
            (lambda a: np.isclose(float(a), np.sqrt(np.abs(A_FRO).sum())), "square each entry before adding (|-2| is 2, but (-2)² is 4)."),
            (lambda a: np.isclose(float(a), A_FRO.sum()), "negative entries must not cancel: square each entry before adding."),
        ),
    ),
    Exercise(
        id="03.prediction_distance",
        expected=_distances,
        hint="First the difference vector d = y_hat - y, then the three lengths of d.",
        mistakes=(
            (lambda a: np.allclose(np.asarray(a, dtype=float), _norm_differences()),
             "that is the difference of the two lengths, ‖ŷ‖ − ‖y‖; the distance is the length of the difference, ‖ŷ − y‖."),
            (lambda a: np.isclose(float(a[1]), _distances()[1] ** 2),
             "the second value is the squared distance: take the square root."),
        ),
    ),
)
