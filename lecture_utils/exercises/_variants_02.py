"""Per-class numbers of notebook 02's value exercises (``make release SEED=...``)."""
import numpy as np

from ..checks.variants import Variant, declare
from ._variant_kit import pick, rebuilt


def _matrix_code(name, rows):
    """``P = np.array([[2, -1, 3],\\n              [1, 3, 4]])`` as the notebook writes it."""
    pad = " " * (len(name) + len(" = np.array(["))
    lines = [f"[{', '.join(str(int(v)) for v in row)}]" for row in rows]
    return f"{name} = np.array([" + (",\n" + pad).join(lines) + "])"


# --- 02.product_shape: (n, k) @ (k, m) -------------------------------------------------------
def _shape_exercise(public, nums):
    n, k, m = nums["n"], nums["k"], nums["m"]
    return rebuilt(
        public, expected=lambda: (n, m), hint=public.hint,
        mistakes=(
            (lambda: (m, n), "that is the shape of (X @ W)ᵀ = Wᵀ Xᵀ; the rows of X come first."),
            (lambda: (k, k), "the inner sizes are the ones that disappear, not the ones that stay."),
            (lambda: (n, k), "that is the shape of one of the inputs; the result keeps the rows of X and the columns of W."),
            (lambda: (k, m), "that is the shape of one of the inputs; the result keeps the rows of X and the columns of W."),
            (lambda: (n * k, k * m), "the sizes are not multiplied: the inner size disappears."),
            (lambda: (n, 1), "a product of matrices is a matrix: one row per example, one column per unit."),
            (lambda: (100, 8), "that is the shape for the self-study edition's sizes; read this exercise's sizes."),
        ))


def _draw_shape(rng):
    n = pick(rng, [32, 50, 64, 128, 200, 256], avoid=(100,))
    k = pick(rng, [3, 4, 6, 7, 10, 12], avoid=(5,))
    m = pick(rng, [2, 3, 4, 6, 10, 16], avoid=(8, k))
    return {"n": int(n), "k": int(k), "m": int(m)}


declare("02.product_shape", Variant(
    defaults={"n": 100, "k": 5, "m": 8},
    draw=_draw_shape,
    prose=lambda s: {"holds 100 examples with 5 features each": f"holds {s['n']} examples with {s['k']} features each",
                     "`(100, 5)`": f"`({s['n']}, {s['k']})`", "`W` of shape `(5, 8)`": f"`W` of shape `({s['k']}, {s['m']})`"},
    exercise=_shape_exercise,
))


# --- 02.entry_by_hand: entry [i, j] of P @ Q --------------------------------------------------
def _entry_exercise(public, nums):
    P, Q, i, j = np.array(nums["P"]), np.array(nums["Q"]), nums["i"], nums["j"]
    C = P @ Q
    return rebuilt(
        public, expected=lambda: C[i, j],
        hint=f"C[{i}, {j}] uses row {i} of P and column {j} of Q (numpy counts from 0).",
        mistakes=(
            (lambda: C[j, i], "the first index picks the row of P, the second the column of Q."),
            (lambda: C[1 - i, j], "numpy counts rows from 0: check which row of P you used."),
            (lambda: C[i, 1 - j], "numpy counts columns from 0: check which column of Q you used."),
            (lambda: (Q @ P)[i, j], "you used a row of Q and a column of P (that is Q @ P): in P @ Q rows come from P."),
            (lambda: (P[i, :] + Q[:, j]).sum(), "multiply the pairs of entries, then add the products."),
            (lambda: P[i, :].sum() * Q[:, j].sum(), "multiply entry by entry, then add: not the product of the two sums."),
            (lambda: np.prod(P[i, :] * Q[:, j]), "the products are added, not multiplied together."),
            (lambda: 27, "that is the self-study edition's entry; use this exercise's P and Q."),
        ))


def _draw_entry(rng):
    while True:
        P = rng.integers(-3, 6, size=(2, 3))
        Q = rng.integers(-3, 6, size=(3, 2))
        i, j = (int(v) for v in rng.integers(0, 2, size=2))
        C = P @ Q
        if (i, j) != (1, 0) and np.count_nonzero(P) == 6 and np.count_nonzero(Q) == 6 and len(np.unique(C)) == 4:
            return {"P": P.tolist(), "Q": Q.tolist(), "i": i, "j": j}


_P_PUBLIC, _Q_PUBLIC = [[2, -1, 3], [1, 3, 4]], [[1, 2], [2, -3], [5, 1]]
declare("02.entry_by_hand", Variant(
    defaults={"P": _P_PUBLIC, "Q": _Q_PUBLIC, "i": 1, "j": 0},
    draw=_draw_entry,
    prose=lambda s: {"compute entry `[1, 0]` of": f"compute entry `[{s['i']}, {s['j']}]` of",
                     "`(P @ Q)[1, 0]`": f"`(P @ Q)[{s['i']}, {s['j']}]`",
                     _matrix_code("P", _P_PUBLIC): _matrix_code("P", s["P"]),
                     _matrix_code("Q", _Q_PUBLIC): _matrix_code("Q", s["Q"])},
    exercise=_entry_exercise,
))


# --- 02.fix_shape_bug: X @ W.T with W of shape (2, 3) ----------------------------------------
_X = np.arange(18).reshape(6, 3)
_W_PUBLIC = [[1, 0, -1], [2, 1, 0]]


def _fix_exercise(public, nums):
    W = np.array(nums["W"])
    right = _X @ W.T
    return rebuilt(
        public, expected=lambda: right, hint=public.hint,
        mistakes=(
            (lambda: right.T, "that is W @ X.T, the transpose: one row per example, so X comes first."),
            (lambda: W.T, "that is W.T alone; multiply X by it."),
            (lambda: right[:, ::-1], "the two columns are swapped: column j is unit j, row j of W."),
            (lambda: _X @ W.reshape(3, 2), "reshape keeps the order of the numbers and only regroups them: W.T swaps rows and columns."),
            (lambda: _X @ np.array(_W_PUBLIC).T, "that is the self-study edition's W; this cell has another."),
        ))


def _draw_w(rng):
    while True:
        W = rng.integers(-2, 4, size=(2, 3))
        if W.tolist() != _W_PUBLIC and np.linalg.matrix_rank(W) == 2 and np.count_nonzero(W) >= 4:
            return {"W": W.tolist()}


declare("02.fix_shape_bug", Variant(
    defaults={"W": _W_PUBLIC},
    draw=_draw_w,
    prose=lambda s: {_matrix_code("W", _W_PUBLIC): _matrix_code("W", s["W"])},
    exercise=_fix_exercise,
))
