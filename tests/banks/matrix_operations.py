"""Realistic wrong answers to the exercises of notebook 02 (matrix operations)."""

import numpy as np

from banks import Slip
from lecture_utils.exercises.matrix_operations import W_ROWS, X_BATCH, P, Q


def _loops(fill, dtype=None, shape="mT"):
    """A student's my_transpose: ``fill(T, A, m, n)`` fills the result it creates."""
    def my_transpose(A):
        n, m = A.shape
        T = np.zeros((m, n) if shape == "mT" else (n, m), dtype=dtype or A.dtype)
        fill(T, A, m, n)
        return T
    return my_transpose


def _full(T, A, m, n):
    for i in range(m):
        for j in range(n):
            T[i, j] = A[j, i]


def _short_range(T, A, m, n):
    for i in range(m - 1):
        for j in range(n):
            T[i, j] = A[j, i]


def _upper_only(T, A, m, n):
    for i in range(m):
        for j in range(i, n):
            T[i, j] = A[j, i]


def _no_fill(T, A, m, n):
    pass


def _swap_in_place(A):
    A = A.copy()
    n = min(A.shape)
    for i in range(n):
        for j in range(n):
            A[i, j], A[j, i] = A[j, i], A[i, j]
    return A


def _alias(A):
    T = A  # not a copy: the loop overwrites A while reading it
    n, m = A.shape
    for i in range(m):
        for j in range(n):
            T[i, j] = A[j, i]
    return T


def _return_inside(A):
    n, m = A.shape
    T = np.zeros((m, n), dtype=A.dtype)
    for i in range(m):
        for j in range(n):
            T[i, j] = A[j, i]
        return T  # indented one level too deep


def _copy_same_place(T, A, m, n):
    for i in range(min(m, n)):
        for j in range(min(m, n)):
            T[i, j] = A[i, j]


def _from_one(T, A, m, n):
    for i in range(1, m):
        for j in range(1, n):
            T[i, j] = A[j, i]


def _lower_only(T, A, m, n):
    for i in range(m):
        for j in range(min(i + 1, n)):
            T[i, j] = A[j, i]


def _no_swap_same_shape(T, A, m, n):
    for i in range(n):
        for j in range(m):
            T[i, j] = A[i, j]


def _reshaped(A):
    n, m = A.shape
    return A.reshape(m, n)


def _prints(A):
    print(A.T)


BANK = {
    "02.product_shape": [
        Slip("transposed order", lambda: (8, 100), "(X @ W)ᵀ"),
        Slip("kept the inner sizes", lambda: (5, 5), "inner sizes"),
        Slip("shape of X", lambda: (100, 5), "one of the inputs"),
        Slip("three numbers", lambda: (100, 5, 8), "give 2 numbers"),
        Slip("number of entries", lambda: 800, "single number"),
        Slip("shape as text", lambda: "(100, 8)", "without quotes"),
        Slip("sizes multiplied", lambda: (500, 40), "not multiplied"),
        Slip("an extra axis", lambda: (100, 8, 1), "give 2 numbers"),
        Slip("rows of W kept", lambda: (100, 5 + 8), "keeps the rows of X"),
        Slip("one size only", lambda: (100,), "that is one size"),
        Slip("columns only", lambda: (8,), "that is one size"),
        Slip("the product array itself", lambda: np.zeros((100, 8)), "not its shape"),
        Slip("a single weight column", lambda: (100, 1), "single weight column"),
        Slip("shape of W", lambda: (5, 8), "one of the inputs"),
        Slip("inner sizes with the rows", lambda: (8, 5), "keeps the rows of X"),
        Slip("sizes as strings", lambda: ["100", "8"], "whole numbers"),
        Slip("inner sizes kept as a third axis", lambda: (100, 8, 5), "give 2 numbers"),
        Slip("sizes in a set {...}", lambda: {100, 8}, "set or dict"),
    ],
    "02.entry_by_hand": [
        Slip("C[0, 1] (indices swapped)", lambda: (P @ Q)[0, 1], "C[0, 1]"),
        Slip("C[0, 0] (counted from 1)", lambda: (P @ Q)[0, 0], "C[0, 0]"),
        Slip("C[1, 1]", lambda: (P @ Q)[1, 1], "C[1, 1]"),
        Slip("Q @ P instead", lambda: (Q @ P)[1, 0], "Q @ P"),
        Slip("added the pairs", lambda: (1 + 1) + (3 + 2) + (4 + 5), "added within each pair"),
        Slip("forgot the last product", lambda: 1 * 1 + 3 * 2, "missing"),
        Slip("forgot the first product", lambda: 3 * 2 + 4 * 5, "missing"),
        Slip("products not summed", lambda: P[1, :] * Q[:, 0], "their sum"),
        Slip("row sum times column sum", lambda: (1 + 3 + 4) * (1 + 2 + 5), "sum of the row"),
        Slip("answer as text", lambda: "1*1 + 3*2 + 4*5", "without quotes"),
        Slip("only the last product", lambda: 4 * 5, "single product"),
        Slip("a boolean (a comparison)", lambda: P[1] @ Q[:, 0] == 27, "comparison"),
        Slip("the right value in a list", lambda: [1 * 1 + 3 * 2 + 4 * 5], "one plain number is wanted"),
        Slip("only the first product (= (Q @ P)[1, 0])", lambda: 1 * 1, "only the first product"),
        Slip("row sum of P", lambda: 1 + 3 + 4, "sum of row 1"),
        Slip("last factor from column 1 of Q", lambda: 1 * 1 + 3 * 2 + 4 * 1, "another column of Q"),
        Slip("first factor from row 0 of P", lambda: 2 * 1 + 3 * 2 + 4 * 5, "another row of P"),
        Slip("second product from column 1 of Q", lambda: 1 * 1 + 3 * -3 + 4 * 5, "another column of Q"),
        Slip("sign slip on the last product", lambda: 1 * 1 + 3 * 2 - 4 * 5, "sign"),
        Slip("the whole product", lambda: P @ Q, "one number"),
    ],
    "02.fix_shape_bug": [
        Slip("W @ X.T (transposed result)", lambda: W_ROWS @ X_BATCH.T, "transpose"),
        Slip("reshape instead of transpose", lambda: X_BATCH @ W_ROWS.reshape(3, 2), "reshape"),
        Slip("@ on a slice of X", lambda: X_BATCH[:, :2] @ W_ROWS, "third feature"),
        Slip("slices of both", lambda: X_BATCH[:, :2] @ W_ROWS[:, :2], "third feature"),
        Slip("W.T alone", lambda: W_ROWS.T, "W.T alone"),
        Slip("summed the outputs", lambda: (X_BATCH @ W_ROWS.T).sum(axis=1), "one column per unit"),
        Slip("(X @ W.T).T", lambda: (X_BATCH @ W_ROWS.T).T, "transpose"),
        Slip("only the first unit", lambda: X_BATCH @ W_ROWS[0], "single unit"),
        Slip("only the second unit", lambda: X_BATCH @ W_ROWS[1], "single unit"),
        Slip("units swapped (W[::-1])", lambda: X_BATCH @ W_ROWS[::-1].T, "swapped"),
        Slip("reshaped X instead", lambda: X_BATCH.reshape(9, 2) @ W_ROWS, "reshaping X"),
        Slip("W.reshape(-1, 2)", lambda: X_BATCH @ W_ROWS.reshape(-1, 2), "reshape"),
        Slip("np.dot(W, X.T)", lambda: np.dot(W_ROWS, X_BATCH.T), "transpose"),
        Slip("X * W[0] (broadcast)", lambda: X_BATCH * W_ROWS[0], "3 columns"),
        Slip("sign flipped", lambda: -(X_BATCH @ W_ROWS.T), "sign"),
    ],
    "02.transpose_loops": [
        Slip("int result for a float input", lambda: _loops(_full, dtype=int), "int array"),
        Slip("range(m - 1)", lambda: _loops(_short_range), "still 0"),
        Slip("inner loop starts at i", lambda: _loops(_upper_only), "still 0"),
        Slip("never filled the result", lambda: _loops(_no_fill), "all zeros"),
        Slip("swapped in place (twice)", lambda: _swap_in_place, "A itself"),
        Slip("result with A's shape", lambda: _loops(_copy_same_place, shape="A"), "A itself"),
        Slip("T = A, then written in place", lambda: _alias, "write into A itself"),
        Slip("return inside the loop", lambda: _return_inside, "after the loops"),
        Slip("loops start at 1", lambda: _loops(_from_one), "still 0"),
        Slip("inner loop stops at i (lower half)", lambda: _loops(_lower_only), "still 0"),
        Slip("A.reshape(m, n)", lambda: _reshaped, "A itself"),
        Slip("copies A[i, j] into an (n, m) result", lambda: _loops(_no_swap_same_shape, shape="A"), "A itself"),
        Slip("int zeros, float input", lambda: _loops(_full, dtype=np.int64), "int array"),
        Slip("prints instead of returning", lambda: _prints, "forget `return`"),
        Slip("rotated with np.rot90", lambda: np.rot90, None),
    ],
}


# ---- More slips, written from notebook 02's text alone (issue 26, item 5).
_X = np.arange(18).reshape(6, 3)
_W = np.array([[1, 0, -1], [2, 1, 0]])


def _into_same_shape(A):
    T = np.zeros_like(A)  # the result made with A's shape, not the transpose's
    for i in range(A.shape[0]):
        for j in range(A.shape[1]):
            T[i, j] = A[j, i]
    return T


def _copies(A):
    T = np.empty((A.shape[1], A.shape[0]))
    for i in range(A.shape[1]):
        for j in range(A.shape[0]):
            T[i, j] = A[i, j]
    return T


def _len_twice(A):
    T = np.zeros((len(A[0]), len(A)))
    for i in range(len(A)):
        for j in range(len(A)):  # len(A) again: the rows' count for the columns too
            T[j, i] = A[i, j]
    return T


def _no_return(A):
    T = np.zeros((A.shape[1], A.shape[0]))
    for i in range(A.shape[1]):
        for j in range(A.shape[0]):
            T[i, j] = A[j, i]


def _ranges_swapped(A):
    m, n = A.shape
    T = np.zeros((n, m))
    for i in range(m):
        for j in range(n):
            T[i, j] = A[j, i]
    return T


_MORE = {
    "02.product_shape": [
    ],
    "02.fix_shape_bug": [
        Slip("flattened", lambda: (_X @ _W.T).ravel(), "right numbers"),
    ],
    "02.transpose_loops": [
        Slip("result made with A's shape", lambda: _into_same_shape, "an index went past the end"),
        Slip("len(A) for both loops", lambda: _len_twice, "an index went past the end"),
        Slip("loops over the wrong ranges", lambda: _ranges_swapped, "an index went past the end"),
    ],
}
for _id, _slips in _MORE.items():
    BANK[_id] = BANK[_id] + _slips
