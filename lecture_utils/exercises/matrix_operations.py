"""Exercises of notebook 02 (matrix operations)."""
NOTEBOOK = "02"

import numpy as np

from ..checks import Exercise, register, said

# The inputs the notebook's exercise cells show (kept here so the checks use the same numbers).
# No zero or repeated products: each slip (a missing term, a wrong row or column) gives its own number.
P = np.array([[2, -1, 3], [1, 3, 4]])
Q = np.array([[1, 2], [2, -3], [5, 1]])
X_BATCH = np.arange(18).reshape(6, 3)
W_ROWS = np.array([[1, 0, -1], [2, 1, 0]])


def _is(a, value):
    return (not isinstance(a, (str, bytes, bool, np.bool_)) and np.ndim(a) == 0
            and np.isclose(float(a), value))


def _mixed_factors(a):
    """C[1, 0] with one factor taken from the other row of P or the other column of Q."""
    terms = _row_col_terms()
    slips = [terms.sum() - terms[k] + P[0, k] * Q[k, 0] for k in range(3)]
    slips += [terms.sum() - terms[k] + P[1, k] * Q[k, 1] for k in range(3)]
    return any(_is(a, v) for v in slips if v != terms.sum())


def _row_col_terms():
    return P[1, :] * Q[:, 0]  # the three products of C[1, 0]


def _dropped_a_term(a):
    terms = _row_col_terms()
    return any(_is(a, terms.sum() - t) for t in terms)


def _pair(a):
    return tuple(int(v) for v in a)


def _outputs():
    """X @ W.T and the wrong products students write instead, keyed by what went wrong."""
    return {
        "reshape": X_BATCH @ W_ROWS.reshape(3, 2),
        "cut X": X_BATCH[:, :2] @ W_ROWS,
        "cut both": X_BATCH[:, :2] @ W_ROWS[:, :2],
    }


def _wrong_result(r, args):
    """A transpose attempt that left some entries 0 (a loop range too short, half the loop)."""
    want = np.asarray(args[0]).T
    r = np.asarray(r)
    return (r.shape == want.shape and r.dtype.kind in "biuf" and not np.allclose(r, want)
            and np.all((r == want) | (r == 0)))


def _wrote_into_a(r, args):
    """A square A turned symmetric: the loop wrote into A itself (T = A is not a copy)."""
    A = np.asarray(args[0])
    r = np.asarray(r)
    return (A.ndim == 2 and A.shape[0] == A.shape[1] and r.shape == A.shape and r.dtype.kind in "biuf"
            and np.array_equal(r, r.T) and not np.array_equal(A, A.T))


def _truncated(r, args):
    A = np.asarray(args[0])
    r = np.asarray(r)
    return (A.dtype.kind == "f" and r.dtype.kind in "iu" and r.shape == A.T.shape
            and np.array_equal(r, np.trunc(A.T)) and not np.array_equal(A, np.trunc(A)))


def _transpose_cases():
    return [
        (np.array([[1, 3], [4, 2]]),),
        (np.array([[1, 2], [3, 4], [5, 6]]),),
        (np.arange(12).reshape(3, 4),),
        (np.array([[7]]),),
        (np.array([[1.5, -2.0, 0.25]]),),
    ]


register(
    Exercise(
        id="02.product_shape",
        expected=lambda: (100, 8),
        hint="(n, k) @ (k, m) gives (n, m): the shared inner size k disappears.",
        mistakes=(
            (lambda a: isinstance(a, str),
             "write the shape as a tuple of two numbers, without quotes, like (3, 4) - not as text."),
            (lambda a: isinstance(a, (set, frozenset, dict)),
             "a set or dict keeps no order of axes: give the sizes in order, as a tuple like (3, 4)."),
            (lambda a: np.ndim(a) == 0,
             ("a matrix's shape is two numbers (rows, columns), given as a tuple like (3, 4); "
              "a single number is not a shape.")),
            (lambda a: np.ndim(a) >= 2,
             ("that is an array of numbers (the product itself?), not its shape: give the shape as a "
              "tuple of 2 numbers, (rows, columns).")),
            (lambda a: len(a) == 1,
             ("that is one size; a product of two matrices is again a matrix, with 2 axes: give "
              "(rows, columns).")),
            (lambda a: len(a) != 2,
             ("a product of two matrices is again a matrix: give 2 numbers, (rows, columns); the inner "
              "sizes (5 and 5) do not stay in the result.")),
            (lambda a: _pair(a) == (100, 1),
             said("(100, 1) would be X @ w with a single weight column; W has 8 columns (one per unit), so "
                  "the result has 8.",
                  "that would be X @ w with a single weight column; W has one column per unit, and the "
                  "result keeps them all.")),
            (lambda a: _pair(a) == (8, 100), "that is the shape of (X @ W)ᵀ = Wᵀ Xᵀ; the rows of X come first."),
            (lambda a: _pair(a) == (5, 5), "the inner sizes (5 and 5) are the ones that disappear, not the ones that stay."),
            (lambda a: _pair(a) in ((100, 5), (5, 8)), "that is the shape of one of the inputs; the result keeps the rows of X and the columns of W."),
            (lambda a: _pair(a) == (500, 40) or _pair(a) == (100 * 5, 5 * 8),
             "sizes are not multiplied together: (n, k) @ (k, m) keeps n and m, and k disappears."),
            (lambda a: _pair(a) != (100, 8),
             said("the result keeps the rows of X (100) and the columns of W (8); the inner 5s disappear.",
                  "the result keeps the rows of X and the columns of W; the inner sizes disappear.")),
        ),
        reveal_shape=False,
    ),
    Exercise(
        id="02.entry_by_hand",
        expected=lambda: (P @ Q)[1, 0],
        hint="C[1, 0] uses row 1 of P (the second row) and column 0 of Q (the first column).",
        mistakes=(
            (lambda a: isinstance(a, str), "write the arithmetic as Python, without quotes, e.g. 2 * 3 + 1 * 4."),
            (lambda a: isinstance(a, (bool, np.bool_)),
             "True/False is the result of a comparison; the answer is a number, a sum of products."),
            (lambda a: np.shape(a) == (3,) and np.allclose(a, _row_col_terms()),
             "those are the three products P[1, k] * Q[k, 0]; the entry is their sum."),
            (lambda a: np.ndim(a) > 0 and np.size(a) > 1,
             "the answer is one number, the entry C[1, 0], not an array."),
            (lambda a: _is(a, (P @ Q)[0, 1]), "that is C[0, 1]: the first index picks the row of P, the second the column of Q."),
            (lambda a: _is(a, (P @ Q)[0, 0]), "that is C[0, 0]: numpy counts rows and columns from 0, so index 1 is the second row."),
            (lambda a: _is(a, (P @ Q)[1, 1]), "that is C[1, 1]: column index 0 is the first column of Q, (1, 2, 5)."),
            (lambda a: _is(a, (Q @ P)[1, 0]) and _is(a, _row_col_terms()[0]),
             (f"{int((Q @ P)[1, 0])} is only the first product P[1, 0]·Q[0, 0] (and also the entry [1, 0] of "
              "Q @ P, a row of Q times a column of P): C[1, 0] of P @ Q adds all three products of row 1 "
              "of P and column 0 of Q.")),
            (lambda a: _is(a, (Q @ P)[1, 0]), "you used a row of Q and a column of P (that is Q @ P): in P @ Q rows come from P."),
            (lambda a: _is(a, (P[1, :] + Q[:, 0]).sum()),
             "you added within each pair; multiply each pair, P[1, k] * Q[k, 0], then add the products."),
            (lambda a: _is(a, P[1, :].sum() * Q[:, 0].sum()),
             "that is (sum of the row) x (sum of the column); multiply entry by entry, then add."),
            (_dropped_a_term,
             "one of the three products is missing: C[1, 0] = P[1, 0]·Q[0, 0] + P[1, 1]·Q[1, 0] + P[1, 2]·Q[2, 0]."),
            (lambda a: any(_is(a, t) for t in _row_col_terms()[1:]),
             "that is a single product; C[1, 0] adds all three, P[1, k]·Q[k, 0] for k = 0, 1, 2."),
            (lambda a: _is(a, np.prod(_row_col_terms())),
             "you multiplied the three products together; the entry is their sum."),
            (lambda a: _is(a, P[1, :].sum()) or _is(a, Q[:, 0].sum()),
             ("that is the sum of row 1 of P (or of column 0 of Q) alone; multiply the pairs "
              "P[1, k]·Q[k, 0] first, then add the three products.")),
            (_mixed_factors,
             ("did one product take a factor from another row of P or another column of Q? All three "
              "use row 1 of P, (1, 3, 4), and column 0 of Q, (1, 2, 5).")),
        ),
    ),
    Exercise(
        id="02.fix_shape_bug",
        expected=lambda: X_BATCH @ W_ROWS.T,
        hint="X has 3 columns; W must be turned so that it has 3 rows: which operation swaps rows and columns?",
        mistakes=(
            (lambda a: np.shape(a) == (2, 6) and np.allclose(a, (X_BATCH @ W_ROWS.T).T),
             ("that is (2, 6), one row per unit: the transpose of what is wanted. Multiply X first: "
              "X @ (W turned), so the rows stay examples.")),
            (lambda a: np.shape(a) == (6, 2) and np.allclose(a, _outputs()["reshape"]),
             ("W.reshape(3, 2) has the right shape but not the transpose: reshape keeps the numbers in "
              "reading order. Use W.T, which swaps rows and columns.")),
            (lambda a: np.shape(a) == (6, 3) and np.allclose(a, _outputs()["cut X"]),
             ("X[:, :2] @ W runs, but it throws away the third feature of every example and gives 3 "
              "columns, not one per unit (2). Keep all of X and turn W instead.")),
            (lambda a: np.shape(a) == (6, 2) and np.allclose(a, _outputs()["cut both"]),
             ("X[:, :2] @ W[:, :2] has the right shape but ignores the third feature; keep all 3 columns "
              "of X and turn W.")),
            (lambda a: np.shape(a) == (3, 2) and np.allclose(a, W_ROWS.T), "that is W.T alone; multiply X by it."),
            (lambda a: np.shape(a) == (6, 3),
             "that has 3 columns, like X; the result needs one column per unit (2): X @ (W turned)."),
            (lambda a: np.shape(a) == (6,) and any(np.allclose(a, X_BATCH @ w) for w in W_ROWS),
             ("one number per example: that is a single unit's output (X times one row of W); keep "
              "one column per unit, (6, 2).")),
            (lambda a: np.shape(a) == (6, 2) and np.allclose(a, (X_BATCH @ W_ROWS.T)[:, ::-1]),
             "the two unit columns are swapped: keep W's rows in order, X @ W.T."),
            (lambda a: np.shape(a) == (9, 3),
             ("reshaping X to (9, 2) mixes the features of different examples; keep X as it is (one row "
              "per example) and turn W.")),
            (lambda a: np.shape(a) == (6,),
             "one number per example: you reduced (summed) the result; keep one column per unit, (6, 2)."),
        ),
    ),
    Exercise(
        id="02.transpose_loops",
        expected=lambda: (lambda A: np.asarray(A).T),
        cases=_transpose_cases,
        hint="Create an empty (m, n) result, then loop over its entries and set T[i, j] = A[j, i].",
        mistakes=(
            (lambda r, args: np.all(np.asarray(r) == 0) and np.any(args[0] != 0),
             "your result is all zeros: the loop must copy every entry, T[i, j] = A[j, i]."),
            (lambda r, args: np.array_equal(r, args[0]) and not np.array_equal(args[0], args[0].T),
             "that is A itself: entry [i, j] of the transpose is A[j, i]."),
            (lambda r, args: np.shape(r) == args[0].shape and args[0].shape[0] != args[0].shape[1],
             "your result has A's shape; the transpose of an (n, m) matrix has shape (m, n)."),
            (_truncated,
             said("your result is an int array but A holds floats, so 1.5 became 1: create the result with "
                  "A's dtype, np.zeros((m, n), dtype=A.dtype).",
                  "your result is an int array but A holds floats, so fractions were cut off: create the "
                  "result with A's dtype, np.zeros((m, n), dtype=A.dtype).")),
            (_wrong_result,
             ("some entries of your result are still 0: the loops must visit every (i, j) - check "
              "their ranges (range(m) and range(n), no -1, no starting at i), and that `return` comes "
              "after the loops, not inside them.")),
            (_wrote_into_a,
             ("your result is symmetric but A is not: did you write into A itself? T = A gives A a "
              "second name, it does not copy it; start from a new array, np.zeros((m, n)).")),
        ),
    ),
)
