"""Per-class numbers of notebook 03's value exercises (``make release SEED=...``)."""
import math

import numpy as np

from ..checks.variants import Variant, declare
from ._variant_kit import rebuilt

# --- 03.which_are_norms: the same five functions, in a class's order ----------------------------
_ITEMS = (r"$f(x) = 3\|x\|_2$", r"$f(x) = \|x\|_2^2$", r"$f(x) = |x_1|$", r"$f(x) = \|x\|_1 + \|x\|_\infty$",
          r"$f(x) = \big(\sqrt{|x_1|} + \sqrt{|x_2|}\big)^2$")
_IS_NORM = (True, False, False, True, False)
_LETTERS = "abcde"


def _norms_exercise(public, nums):
    right = tuple(_IS_NORM[k] for k in nums["order"])
    return rebuilt(
        public, expected=lambda: right,
        hint="Test each function against the four conditions: positive, zero only at 0, f(c x) = |c| f(x), "
             "and the triangle inequality; one counterexample is enough to rule a function out.",
        mistakes=(
            (lambda: (True,) * 5, "not every function here is a norm: look for a counterexample to each condition."),
            (lambda: (False,) * 5, "some of these functions are norms: a positive multiple or a sum of norms is one."),
            (lambda: _IS_NORM, "those are the answers in the self-study edition's order; this list has another order."),
        ))


declare("03.which_are_norms", Variant(
    defaults={"order": [0, 1, 2, 3, 4]},
    draw=lambda rng: {"order": next(p for p in iter(lambda: [int(v) for v in rng.permutation(5)], None)
                                    if tuple(_IS_NORM[k] for k in p) != _IS_NORM)},
    prose=lambda s: {f"- ({_LETTERS[i]}) {_ITEMS[i]}": f"- ({_LETTERS[i]}) {_ITEMS[k]}" for i, k in enumerate(s["order"])},
    exercise=_norms_exercise,
))


# --- 03.frobenius_by_hand: ||A||_F of a 2 × 2 matrix with a whole-number norm -------------------
_A_PUBLIC = [[4, -4], [-1, 4]]


def _pmatrix(A):
    return r"$A = \begin{pmatrix} " + r" \\ ".join(" & ".join(str(v) for v in row) for row in A) + r" \end{pmatrix}$"


def _first_negative(A):
    return next(v for row in A for v in row if v < 0)


def _signs(A):
    neg = _first_negative(A)
    return f"Python reads `{neg}**2` as $-({-neg}^2)$, so square a negative entry as `({neg})**2`"


def _frobenius_exercise(public, nums):
    A = np.array(nums["A"], dtype=float)
    right = math.sqrt((A ** 2).sum())
    minus = math.sqrt(abs((np.sign(A) * A ** 2).sum()))
    return rebuilt(
        public, expected=lambda: right,
        hint="‖A‖_F is the square root of the sum of the squares of all entries.",
        mistakes=(
            (lambda: (A ** 2).sum(), "that is the sum of the squares; take its square root."),
            (lambda: minus, "a negative entry was squared to a negative number: write (-a)**2, not -a**2."),
            (lambda: (np.sign(A) * A ** 2).sum(), "a negative entry was squared to a negative number, and the square root is missing."),
            (lambda: np.abs(A).sum(), "that is the sum of the absolute values; the Frobenius norm squares them."),
            (lambda: np.abs(A).max(), "that is the largest entry; the Frobenius norm uses all of them."),
            (lambda: math.sqrt(abs(A.sum())), "square each entry before you add them."),
            (lambda: 7.0, "that is the self-study edition's matrix; use this exercise's A."),
        ),
        quantities=lambda: {f"the square of an entry {int(v)}": float(v) ** 2 for v in np.unique(np.abs(A))})


def _draw_frobenius(rng):
    while True:
        A = rng.integers(-7, 8, size=(2, 2))
        total = int((A ** 2).sum())
        root = math.isqrt(total)
        if (root * root == total and np.count_nonzero(A) == 4 and (A < 0).sum() in (1, 2)
                and len(np.unique(np.abs(A))) >= 2 and A.tolist() != _A_PUBLIC):
            return {"A": A.tolist()}


declare("03.frobenius_by_hand", Variant(
    defaults={"A": _A_PUBLIC},
    draw=_draw_frobenius,
    prose=lambda s: {_pmatrix(_A_PUBLIC): _pmatrix(s["A"]), _signs(_A_PUBLIC): _signs(s["A"])},
    exercise=_frobenius_exercise,
))


# --- 03.prediction_distance: L1, L2, L-inf of y_hat - y ---------------------------------------
_Y_PUBLIC, _Y_HAT_PUBLIC = [3.0, -1.0, 2.0, 0.5], [2.5, 0.0, 2.5, -1.0]


def _vector_code(name, values):
    return f"{name} = np.array([{', '.join(repr(float(v)) for v in values)}])"


def _distance_exercise(public, nums):
    d = np.array(nums["y_hat"]) - np.array(nums["y"])
    right = (np.abs(d).sum(), math.sqrt((d ** 2).sum()), np.abs(d).max())
    return rebuilt(
        public, expected=lambda: right, hint=public.hint,
        mistakes=(
            (lambda: (right[0], (d ** 2).sum(), right[2]), "the L² distance is the square root of the sum of squares."),
            (lambda: (d.sum(), right[1], right[2]), "the L¹ distance adds absolute values: |ŷᵢ − yᵢ|."),
            (lambda: (right[0], right[1], d.max()), "the L∞ distance is the largest absolute value."),
            (lambda: (np.abs(d).mean(), math.sqrt((d ** 2).mean()), right[2]), "a norm adds; it does not average."),
            (lambda: right[::-1], "the order is (d1, d2, dinf)."),
            (lambda: (3.5, math.sqrt(3.75), 1.5), "those are the self-study edition's distances; use this cell's y and y_hat."),
        ))


def _draw_distance(rng):
    while True:
        y = rng.integers(-6, 7, size=4) / 2
        d = rng.integers(-4, 5, size=4) / 2
        if np.count_nonzero(d) >= 3 and (d < 0).any() and len(np.unique(np.abs(d))) >= 3:
            return {"y": [float(v) for v in y], "y_hat": [float(v) for v in y + d]}


declare("03.prediction_distance", Variant(
    defaults={"y": _Y_PUBLIC, "y_hat": _Y_HAT_PUBLIC},
    draw=_draw_distance,
    prose=lambda s: {_vector_code("y", _Y_PUBLIC): _vector_code("y", s["y"]),
                     _vector_code("y_hat", _Y_HAT_PUBLIC): _vector_code("y_hat", s["y_hat"])},
    exercise=_distance_exercise,
))
