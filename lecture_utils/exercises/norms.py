"""Exercises of notebook 03 (norms)."""
NOTEBOOK = "03"

import itertools

import numpy as np

from ..checks import Exercise, register

# ||A||_F = 7, and each slip gives its own number: no root 49, sum of |entries| 13, its root 3.61,
# `-4**2` (which Python reads as -(4**2)) 3.87, the sum 3, the largest |entry| 4.
A_FRO = np.array([[4, -4], [-1, 4]])
# d = y_hat - y = (-0.5, 1, 0.5, -1.5): no zero, and the largest |d_i| is negative (so max d is wrong).
Y_TRUE = np.array([3.0, -1.0, 2.0, 0.5])
Y_PRED = np.array([2.5, 0.0, 2.5, -1.0])


def _lp_cases():
    return [
        # First a case where the slips all differ: with (3, -4) alone, a loop that skips the
        # first entry gives 4 = max|x_i| at p = 1 and would be told it used the max.
        (np.array([2.0, -5.0, 1.0]), 1),
        (np.array([3.0, -4.0]), 1),
        (np.array([3.0, -4.0]), 2),
        (np.array([1.0, -2.0, 2.0]), 3),
        (np.array([2.0, -7.0, 3.0]), np.inf),  # power formula 1, min 2, max without abs 3
        (np.array([0.5, -0.5, 2.0, 1.0]), 1.5),
    ]


def _right_lp(x, p):
    # The reference for the mistake predicates (independent of the worked solution).
    return np.linalg.norm(np.asarray(x, dtype=float), p)


def _forgot_abs(r, args):
    x, p = args
    if p == np.inf or np.all(x >= 0):
        return False
    with np.errstate(all="ignore"):
        wrong = np.sum(x**p) ** (1 / p)
    return np.isfinite(wrong) and np.isclose(r, wrong) and not np.isclose(wrong, _right_lp(x, p))


def _forgot_root(r, args):
    x, p = args
    return p not in (1, np.inf) and np.isclose(r, np.sum(np.abs(x) ** p))


def _num(a):
    """The answer as a float, or None when it is not one number (text, an array, a function)."""
    if isinstance(a, (str, bytes, bool)) or callable(a) or np.ndim(a) != 0:
        return None
    try:
        return float(a)
    except (TypeError, ValueError):
        return None


def _is(a, value):
    got = _num(a)
    return got is not None and np.isclose(got, value)


def _frob_minus_trap():
    """``np.sqrt(4**2 + -4**2 + -1**2 + 4**2)``: Python reads -4**2 as -(4**2)."""
    signs = np.where(A_FRO < 0, -1.0, 1.0)
    return np.sqrt(np.sum(signs * A_FRO.astype(float) ** 2))


def _lp_result(r, args, formula):
    x, p = args
    with np.errstate(all="ignore"):
        wrong = formula(np.asarray(x, dtype=float), p)
    got = _num(r)
    return (got is not None and np.isfinite(wrong) and np.isclose(got, wrong)
            and not np.isclose(wrong, _right_lp(x, p)))


def _power_then_divide(r, args):
    # `s ** 1 / p` is (s ** 1) / p in Python
    return args[1] != np.inf and _lp_result(r, args, lambda x, p: np.sum(np.abs(x) ** p) / p)


def _integer_root(r, args):
    # `1 // p` is 0 for p >= 2, so the root becomes a power 0
    return args[1] != np.inf and _lp_result(r, args, lambda x, p: np.sum(np.abs(x) ** p) ** (1 // p))


def _always_square_root(r, args):
    return args[1] not in (2, np.inf) and _lp_result(r, args, lambda x, p: np.sqrt(np.sum(np.abs(x) ** p)))


def _root_only(r, args):
    return args[1] not in (1, np.inf) and _lp_result(r, args, lambda x, p: np.sum(np.abs(x)) ** (1 / p))


def _swapped_powers(r, args):
    return args[1] not in (1, np.inf) and _lp_result(r, args, lambda x, p: np.sum(np.abs(x) ** (1 / p)) ** p)


def _power_outside(r, args):
    return args[1] != np.inf and _lp_result(r, args, lambda x, p: (np.sum(np.abs(x)) ** p) ** (1 / p))


def _used_max(r, args):
    return args[1] != np.inf and _lp_result(r, args, lambda x, p: np.max(np.abs(x)))


def _cut_to_whole(r, args):
    """int(), round() or // on the result: a whole number that is the right value cut or rounded."""
    got, right = _num(r), _right_lp(*args)
    return (got is not None and float(got).is_integer() and not float(right).is_integer()
            and got in (np.floor(right), np.ceil(right), np.round(right)))


def _no_sum(r, args):
    x, p = args
    return p != np.inf and np.shape(r) == x.shape and np.allclose(np.asarray(r, dtype=float), np.abs(x) ** p)


def _skipped_entry(r, args):
    x, p = args
    got = _num(r)
    return (p != np.inf and len(x) > 1 and got is not None and not np.isclose(got, _right_lp(x, p))
            and any(np.isclose(got, _right_lp(part, p)) for part in (x[1:], x[:-1])))


def _always_euclid(r, args):
    return args[1] not in (2, np.inf) and _lp_result(r, args, lambda x, p: np.sqrt(np.sum(x ** 2)))


def _times_p(r, args):
    return args[1] not in (1, np.inf) and _lp_result(r, args, lambda x, p: np.sum(np.abs(x) * p) ** (1 / p))


def _used_mean(r, args):
    return args[1] != np.inf and _lp_result(r, args, lambda x, p: np.mean(np.abs(x) ** p) ** (1 / p))


def _rounded(a):
    """Every value within 1 % of the right one but not equal: a hand-rounded answer."""
    try:
        got = np.asarray(a, dtype=float)
    except (TypeError, ValueError):
        return False
    want = np.asarray(_distances())
    return (got.shape == want.shape and np.allclose(got, want, rtol=1e-2)
            and not np.allclose(got, want, rtol=1e-6))


def _item(a, k, value):
    try:
        return len(a) == 3 and _is(a[k], value)
    except TypeError:
        return False


NORMS = (True, False, False, True, False)  # 03.which_are_norms: (a) to (e)
_WHY_NORM = (
    ("(a) is a norm: 3‖x‖₂ keeps all four conditions - f(αx) = 3|α|‖x‖₂ = |α| f(x), and the "
     "triangle inequality of ‖·‖₂ multiplied by 3 still holds."),
    "(b) squares the length: f(2x) = 4 f(x), not 2 f(x), so homogeneity fails.",
    "(c) gives length 0 to x = (0, 1), which is not the zero vector.",
    ("(d) is a norm: a sum of two norms is zero only at x = 0, scales with |α|, and adding the two "
     "triangle inequalities gives the triangle inequality of the sum."),
    "(e) is the p = 1/2 formula: for x = (1, 0), y = (0, 1), f(x + y) = 4 > f(x) + f(y) = 2.",
)


def _several_wrong():
    """One mistake per answer with two or more wrong items, naming all of them (not just the first)."""
    words = {2: "two", 3: "three", 4: "four", 5: "all five"}
    for wrong in itertools.product((False, True), repeat=5):
        bad = [k for k in range(5) if wrong[k]]
        if len(bad) < 2:
            continue
        answer = tuple(NORMS[k] != wrong[k] for k in range(5))
        head = f"{words[len(bad)]} answers are wrong, " + ", ".join(f"({'abcde'[k]})" for k in bad) + ". "
        yield (lambda a, answer=answer: tuple(bool(v) for v in a) == answer,
               head + " ".join(_WHY_NORM[k] for k in bad))


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
            (_cut_to_whole,
             "your function returns a whole number: int(), round() or // cut off the decimals - return the value as it is."),
            (_no_sum, "you returned |x_i|^p for each entry: add them up (np.sum), then take the 1/p-th root."),
            (_skipped_entry,
             ("one entry is missing from your sum - a loop over range(1, len(x)) or range(len(x) - 1) skips one: "
             "use range(len(x)), or np.sum.")),
            (_always_euclid, "that is the Euclidean (p = 2) length whatever p is: use p in the formula."),
            (_times_p, "`|x_i| * p` multiplies; the power is `|x_i| ** p`."),
            (_forgot_abs, "negative entries count negatively: take the absolute value |x_i| before the power."),
            (_forgot_root, "that is the sum of |x_i|^p: the 1/p-th root at the end is missing."),
            (_power_then_divide,
             "`s ** 1 / p` is (s ** 1) / p in Python, a division: put the exponent in parentheses, s ** (1 / p)."),
            (_integer_root,
             "`1 // p` is integer division (0 for p >= 2), so the root became a power 0: write 1 / p."),
            (_always_square_root, "you always took the square root; the root is the p-th root, ** (1 / p)."),
            (_power_outside,
             "you summed first and raised the sum to the power p; raise each |x_i| to the power p, then sum."),
            (_root_only,
             "you took the 1/p-th root of the sum of |x_i|, but each |x_i| must first be raised to the power p."),
            (_swapped_powers,
             "the two powers are swapped: raise each |x_i| to the power p, and the sum to the power 1/p."),
            (_used_mean, "you averaged (np.mean); the norm sums the |x_i|^p (np.sum)."),
            (_used_max, "that is the largest |x_i| (the p = inf case) for a finite p: sum the |x_i|^p instead."),
            (lambda r, args: args[1] == np.inf and _is(r, np.max(np.asarray(args[0]))),
             "for p = np.inf the largest |x_i| counts, with absolute values: max(|x_i|), not max(x_i)."),
            (lambda r, args: args[1] == np.inf and _is(r, np.min(np.abs(args[0]))),
             "for p = np.inf that is the smallest |x_i|; the max-norm is the largest, np.max(np.abs(x))."),
            # |x_i| ** inf is inf (or 0), and inf ** (1 / inf) = inf ** 0 = 1: the power formula gives 1.
            (lambda r, args: args[1] == np.inf and (_is(r, 1.0) or (_num(r) is not None and np.isnan(_num(r)))),
             ("for p = np.inf the formula with a power does not work (it gives inf ** 0 = 1): "
             "return max |x_i| in its own branch.")),
            (lambda r, args: args[1] == np.inf and not _is(r, np.max(np.abs(args[0]))),
             "for p = np.inf the norm is the largest |x_i|, np.max(np.abs(x)); your function gives another value there."),
        ),
    ),
    Exercise(
        id="03.which_are_norms",
        expected=lambda: NORMS,
        hint="Test each function on small vectors: is x = 0 the only vector with f(x) = 0? "
             "Does f(2x) = 2 f(x)? Try x = (1, 0), y = (0, 1) in the triangle inequality.",
        mistakes=(
            (lambda a: isinstance(a, (str, bool)) or np.ndim(a) == 0,
             "give five answers, a tuple like (True, False, True, False, True), one for each of (a) to (e)."),
            (lambda a: len(a) != 5, "give five answers (True or False), one for each of (a) to (e)."),
            (lambda a: any(isinstance(v, str) for v in a),
             "answer with the Python values True and False, without quotes: the text \"False\" is not False."),
            (lambda a: not all(isinstance(v, (bool, np.bool_)) or v in (0, 1) for v in a),
             "each answer must be True or False."),
            *_several_wrong(),
            *((lambda a, k=k: bool(a[k]) != NORMS[k], why) for k, why in enumerate(_WHY_NORM)),
        ),
    ),
    Exercise(
        id="03.frobenius_by_hand",
        expected=lambda: np.sqrt((A_FRO.astype(float) ** 2).sum()),
        quantities=lambda: {f"the square of an entry {int(v)}": float(v) ** 2 for v in np.unique(np.abs(A_FRO))},
        hint="Square every entry (four of them), add the squares, take the square root.",
        mistakes=(
            (lambda a: isinstance(a, str), "write the arithmetic as Python, without quotes, e.g. np.sqrt(2**2 + 3**2)."),
            (lambda a: np.ndim(a) > 0 and not callable(a), "the Frobenius norm is one number, not an array."),
            (lambda a: _num(a) is not None and np.isnan(_num(a)),
             ("nan: the number under the square root came out negative. In Python -4**2 is -(4**2) = -16 "
              "(write (-4)**2), and ^ is not a power but bitwise XOR (write **).")),
            (lambda a: _is(a, _frob_minus_trap()),
             "in Python -4**2 is -(4**2) = -16 (the power comes before the minus): write (-4)**2 = 16."),
            (lambda a: _is(a, (A_FRO**2).sum()), "that is the sum of squares: the square root is missing."),
            (lambda a: _is(a, np.sqrt(abs(A_FRO.sum()))),
             "you added the entries themselves under the root: square each entry first (mind (-4)**2 = 16)."),
            (lambda a: _is(a, np.abs(A_FRO).sum()), "that is the sum of absolute values (an L¹ of the entries): square them instead."),
            (lambda a: _is(a, np.sqrt(np.abs(A_FRO).sum())),
             "you took the root of the sum of |entries|: square each entry before adding (|-4| is 4, but (-4)² is 16)."),
            (lambda a: _is(a, abs(A_FRO.sum())) or _is(a, A_FRO.sum()),
             "negative entries must not cancel: square each entry before adding."),
            (lambda a: _is(a, np.sqrt((A_FRO**2).mean())),
             "you divided by the number of entries (a mean): the Frobenius norm sums the squares."),
            (lambda a: _is(a, np.abs(A_FRO).max()), "that is the largest |entry|; the Frobenius norm uses all entries."),
            (lambda a: any(_is(a, np.sqrt((A_FRO**2).sum() - v**2)) for v in A_FRO.ravel()),
             "one entry is missing: the Frobenius norm squares and adds all four entries."),
            (lambda a: _is(a, np.sqrt((A_FRO * 2).sum())) or _is(a, (A_FRO * 2).sum()),
             "`* 2` doubles an entry; squaring is `** 2` (4 ** 2 = 16, 4 * 2 = 8)."),
            (lambda a: _is(a, (A_FRO**2).sum() / 2),
             "`** 1/2` is (...) ** 1 / 2 in Python, a division by 2: write ** 0.5, ** (1 / 2) or np.sqrt(...)."),
            (lambda a: _is(a, 1.0),
             ("1 is what any number ** 0 gives - did you write `** (1 // 2)`? // is integer division, so "
              "1 // 2 = 0; the square root is ** 0.5. (If 1 was a guess: square, add, take the root.)")),
            (lambda a: _is(a, np.linalg.norm(A_FRO, 1)) or _is(a, np.linalg.norm(A_FRO, np.inf)),
             ("that is the largest column (or row) sum of |entries|, np.linalg.norm(A, 1) or np.linalg.norm(A, "
              "np.inf) for a matrix; the Frobenius norm squares and adds all entries.")),
            (lambda a: _is(a, np.sqrt(np.trace(A_FRO @ A_FRO))),
             "√trace(A A) is not it: ‖A‖_F² = trace(AᵀA), with the transpose - or simply the sum of the squared entries."),
            (lambda a: _is(a, abs(np.linalg.det(A_FRO))), "that is the determinant; the Frobenius norm squares and adds the entries."),
            (lambda a: _is(a, np.linalg.norm(A_FRO, 2)),
             "that is np.linalg.norm(A, 2), the spectral norm of a matrix, not Frobenius (square, add, root)."),
        ),
    ),
    Exercise(
        id="03.prediction_distance",
        expected=_distances,
        hint="First the difference vector d = y_hat - y, then the three lengths of d; compute with numpy, "
             "do not round.",
        mistakes=(
            (lambda a: isinstance(a, (str, bytes)) or np.ndim(a) == 0 or callable(a),
             "give three numbers as a tuple, (d1, d2, dinf)."),
            (lambda a: len(a) != 3, "give three numbers as a tuple, (d1, d2, dinf): L¹, L² and L∞ in that order."),
            (lambda a: np.allclose(np.asarray(a, dtype=float), _norm_differences()),
             "that is the difference of the two lengths, ‖ŷ‖ − ‖y‖; the distance is the length of the difference, ‖ŷ − y‖."),
            (_rounded,
             "close, but rounded: keep every digit - compute the values with numpy instead of typing them in."),
            (lambda a: np.allclose(np.asarray(a, dtype=float), np.asarray(_distances()) / len(Y_TRUE)),
             "you divided by n (that makes mean errors); the distances themselves are not averaged."),
            (lambda a: np.shape(a) == (3,) and np.allclose(np.sort(np.asarray(a, dtype=float)), np.sort(_distances()))
             and not np.allclose(np.asarray(a, dtype=float), _distances()),
             "the right three numbers in the wrong order: give (L¹, L², L∞)."),
            (lambda a: _item(a, 0, (Y_PRED - Y_TRUE).sum()),
             "the first value (L¹) adds signed differences, which cancel: sum the |d_i|."),
            (lambda a: _item(a, 0, np.abs(Y_PRED - Y_TRUE).mean()),
             "the first value is the mean |d_i|; the L¹ distance is the sum."),
            (lambda a: np.allclose(np.asarray(a, dtype=float), _distances()[1]),
             ("all three values are the L² distance: np.linalg.norm(d) is L² unless you pass ord, "
              "np.linalg.norm(d, 1) and np.linalg.norm(d, np.inf).")),
            (lambda a: _item(a, 1, _distances()[1] ** 2),
             "the second value is the squared distance: take the square root."),
            (lambda a: _item(a, 1, np.sqrt(np.mean((Y_PRED - Y_TRUE) ** 2))),
             "the second value is the root *mean* square; the L² distance sums the squares (no 1/n)."),
            (lambda a: _item(a, 1, np.sqrt(np.abs(Y_PRED - Y_TRUE).sum())),
             "the second value is the root of the sum of |d_i|: square each d_i before adding, √(Σ d_i²)."),
            (lambda a: _item(a, 2, np.abs(Y_PRED - Y_TRUE).min()),
             "the third value is the smallest |d_i|; L∞ is the largest."),
            (lambda a: _item(a, 2, np.argmax(np.abs(Y_PRED - Y_TRUE))),
             "the third value is an index (np.argmax); L∞ is the largest |d_i| itself (np.max)."),
            (lambda a: _item(a, 0, ((Y_PRED - Y_TRUE) ** 2).sum()),
             "the first value sums the squares; the L¹ distance sums the |d_i|."),
            (lambda a: any(np.allclose(np.asarray(a, dtype=float), [np.linalg.norm(v, p) for p in (1, 2, np.inf)])
                           for v in (Y_PRED, Y_TRUE)),
             "those are the lengths of one vector alone; the distance is the length of the difference, ‖ŷ − y‖."),
            (lambda a: _item(a, 2, (Y_PRED - Y_TRUE).max()),
             "the third value is max(d_i); L∞ is the largest |d_i|, here from a negative difference."),
        ),
    ),
)
