"""Exercises of notebook 02 (matrix operations)."""
NOTEBOOK = "02"

import numpy as np

from ..checks import Exercise, register

# The inputs the notebook's exercise cells show (kept here so the checks use the same numbers).
P = np.array([[2, -1, 0], [1, 3, 4]])
Q = np.array([[1, 2], [0, -2], [5, 1]])
X_BATCH = np.arange(18).reshape(6, 3)
W_ROWS = np.array([[1, 0, -1], [2, 1, 0]])


def _is(a, value):
    return np.isclose(float(a), value)


def _transpose_cases():
    return [
        (np.array([[1, 3], [4, 2]]),),
        (np.array([[1, 2], [3, 4], [5, 6]]),),
        (np.arange(12).reshape(3, 4),),
        (np.array([[7]]),),
        (np.array([[1.5, -2.0, 0.25]]),),
    ]


def _solution_transpose(A):
    n, m = A.shape
    T = np.zeros((m, n), dtype=A.dtype)
    for i in range(m):
        for j in range(n):
            T[i, j] = A[j, i]
    return T


register(
    Exercise(
        id="02.product_shape",
        expected=lambda: (100, 8),
        hint="(n, k) @ (k, m) gives (n, m): the shared inner size k disappears.",
        mistakes=(
            (lambda a: tuple(a) == (8, 100), "that is the shape of (X @ W)ᵀ = Wᵀ Xᵀ; the rows of X come first."),
            (lambda a: tuple(a) == (5, 5), "the inner sizes (5 and 5) are the ones that disappear, not the ones that stay."),
            (lambda a: tuple(a) in ((100, 5), (5, 8)), "that is the shape of one of the inputs; the result keeps the rows of X and the columns of W."),
        ),
        reveal_shape=False,
    ),
    Exercise(
        id="02.entry_by_hand",
        expected=lambda: (P @ Q)[1, 0],
        hint="C[1, 0] uses row 1 of P (the second row) and column 0 of Q (the first column).",
        mistakes=(
            (lambda a: _is(a, (P @ Q)[0, 1]), "that is C[0, 1]: the first index picks the row of P, the second the column of Q."),
            (lambda a: _is(a, (P @ Q)[0, 0]), "that is C[0, 0]: numpy counts rows and columns from 0, so index 1 is the second row."),
            (lambda a: _is(a, (Q @ P)[1, 0]), "you used a row of Q and a column of P (that is Q @ P): in P @ Q rows come from P."),
        ),
    ),
    Exercise(
        id="02.fix_shape_bug",
        expected=lambda: X_BATCH @ W_ROWS.T,
        hint="X has 3 columns; W must be turned so that it has 3 rows: which operation swaps rows and columns?",
        mistakes=(
            (lambda a: np.shape(a) == (6, 3), "that has the shape of X: multiply X by the weights, don't multiply entry by entry."),
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
        ),
    ),
)
