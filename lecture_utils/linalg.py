"""Linear algebra of notebooks 02 (matrix operations) and 03 (norms), written to be read.

numpy already does all of this (``A.T``, ``A @ B``, ``np.linalg.norm``); these versions
spell the formulas out with explicit loops and explain what went wrong when the input
does not fit. Only numpy is imported here.
"""


import math

import numpy as np

from ._validation import FloatOverflowError, as_array, as_count, as_non_negative, as_real, as_vector, describe

__all__ = ["frobenius_norm", "is_symmetric", "lp_formula", "lp_norm", "matmul_loops", "transpose_loops"]


def transpose_loops(A):
    """Transpose a matrix with two explicit loops: ``(A^T)[i, j] = A[j, i]``.

    Parameters
    ----------
    A : array_like, shape (n, m)
        A 2-D matrix of bool, int or float (NaN and infinity are copied like any number).

    Returns
    -------
    numpy.ndarray, shape (m, n)
        A new array with ``A``'s dtype, equal to ``A.T``.
    """
    A = as_array(A, "A", ndim=(0, 1, 2), allow_empty=True, finite=False)
    if A.ndim != 2:
        raise ValueError(
            f"transpose_loops needs a 2-D matrix, got shape {A.shape}: a {A.ndim}-D array has no "
            "rows and columns to swap (numpy's x.T returns a 1-D vector unchanged); "
            "for a column vector use x.reshape(-1, 1)"
        )
    n, m = A.shape
    T = np.empty((m, n), dtype=A.dtype)
    for i in range(m):
        for j in range(n):
            T[i, j] = A[j, i]
    return T


def matmul_loops(A, B):
    """Matrix product with explicit loops: ``C[i, j] = sum_k A[i, k] * B[k, j]``.

    Follows ``A @ B``: a 1-D ``A`` is a row, a 1-D ``B`` a column, and that axis is dropped
    from the result; the result's dtype is the one ``A @ B`` gives (bool @ bool is bool,
    int @ float is float, ...). Like ``@`` (the course follows numpy here on purpose), integers
    wrap around on overflow without a warning: ``uint8`` products wrap at 256, ``int64`` ones at
    2**64. Python ints from 2**63 to 2**64 become ``uint64`` (numpy's conversion); a list mixing
    them with negative ints, or ints of 2**64 and more, becomes float64 and loses exactness.

    Parameters
    ----------
    A : array_like, shape (n, k) or (k,)
    B : array_like, shape (k, m) or (k,)

    Returns
    -------
    numpy.ndarray, shape (n, m) (or (n,), (m,), () when an input is 1-D)

    Raises
    ------
    ValueError
        When the inner dimensions differ, naming both shapes:
        ``inner dimensions must match: (3, 2) @ (3, 4)``.
    """
    A = as_array(A, "A", ndim=(0, 1, 2), allow_empty=True, finite=False)
    B = as_array(B, "B", ndim=(0, 1, 2), allow_empty=True, finite=False)
    for name, M in (("A", A), ("B", B)):
        if M.ndim == 0:
            raise ValueError(
                f"matmul_loops needs a vector or a matrix for {name}, got a scalar ({M.item()!r}); "
                "to multiply by a number use * instead of @"
            )
    A2 = A[np.newaxis, :] if A.ndim == 1 else A   # a vector on the left is a row (1, k)
    B2 = B[:, np.newaxis] if B.ndim == 1 else B   # a vector on the right is a column (k, 1)
    n, k = A2.shape
    k2, m = B2.shape
    if k != k2:
        raise ValueError(
            f"inner dimensions must match: {A.shape} @ {B.shape} - A @ B needs as many columns "
            f"in A ({k}) as rows in B ({k2}); the result would have shape (rows of A, columns of B)"
        )
    dtype = np.result_type(A, B)
    # Multiply in the result's dtype so bool @ bool is "or of ands" and ints stay ints, as with @.
    A2, B2 = A2.astype(dtype, copy=False), B2.astype(dtype, copy=False)
    zero = dtype.type(0)
    C = np.empty((n, m), dtype=dtype)
    with np.errstate(over="ignore", invalid="ignore"):  # @ never warns on overflow; neither do we
        for i in range(n):
            for j in range(m):
                total = zero
                for kk in range(k):
                    total = total + A2[i, kk] * B2[kk, j]
                C[i, j] = total
    if A.ndim == 1:
        C = C[0]
    if B.ndim == 1:
        C = C[..., 0]
    return C[()] if C.ndim == 0 else C  # vector @ vector is a number, as with @


def is_symmetric(A, atol=1e-12):
    """Whether ``A`` equals its transpose, entry by entry up to ``atol``.

    Parameters
    ----------
    A : array_like, shape (n, m)
        A 2-D matrix of finite numbers; a non-square matrix is never symmetric (``A.T`` has
        another shape).
    atol : float
        Largest allowed ``|A[i, j] - A[j, i]|`` (rounding in floats; use 0 for exact).

    Returns
    -------
    bool
    """
    A = as_array(A, "A", ndim=(0, 1, 2), allow_empty=True, finite=False)
    if A.ndim != 2:
        raise ValueError(f"is_symmetric needs a 2-D matrix, got shape {A.shape}")
    A = as_array(A, "A")  # not empty, no NaN or infinity (NaN != NaN would make any answer wrong)
    atol = as_non_negative(atol, "atol")
    if A.shape[0] != A.shape[1]:
        return False
    if A.dtype.kind in "biu":
        # Exact: Python ints neither wrap (int64 differences can) nor round (2**62 + 3 in a float).
        if np.array_equal(A, A.T) or atol < 1:  # different integers differ by at least 1
            return bool(np.array_equal(A, A.T))
        diff = np.abs(A.astype(object) - A.T.astype(object))
        return bool(np.all(diff <= atol))
    with np.errstate(over="ignore"):  # a difference too big for a float (inf) is simply "not equal"
        diff = np.abs(A.astype(float) - A.T.astype(float))
    return bool(np.all(diff <= atol))


def _check_p(p):
    if isinstance(p, str):
        raise TypeError(f"p must be a number >= 1 or np.inf, got {describe(p)}")
    p = as_real(p, "p", finite=False)  # refuses bools, strings and arrays with a clear TypeError
    if np.isnan(p):
        raise ValueError("p must be a number >= 1 or np.inf, got nan")
    if p < 1:
        q = f"{p:g}"
        if p <= 0:
            raise ValueError(
                f"p = {q} does not give a norm (p must be >= 1 or np.inf): with p <= 0 the formula "
                "(sum |x_i|^p)^(1/p) is not even defined for vectors with zero entries"
            )
        raise ValueError(
            f"p = {q} < 1 does not give a norm: the triangle inequality ||x + y|| <= ||x|| + ||y|| "
            f"fails. Example: x = (1, 0), y = (0, 1) have length 1 each, but "
            f"||x + y||_{q} = 2^(1/{q}) = {_power_of_two(1 / p)} > 2. Use p >= 1 or np.inf."
        )
    return p


def _power_of_two(e):
    """``2**e`` as text for any ``e > 1``, also beyond the largest float (a tiny p gives a huge e)."""
    if e * math.log10(2) < 300:
        two = 2.0 ** e
        return f"{two:.{3 if two > 2.01 else 8}g}"  # enough digits that p just below 1 is not "2 > 2"
    digits = e * math.log10(2)
    return f"{10 ** (digits % 1):.3g}e+{int(digits)}" if digits < 1e6 else f"10^({digits:.3g})"


def lp_norm(x, p):
    """The L^p norm ``||x||_p = (sum_i |x_i|^p)^(1/p)``, and ``max_i |x_i|`` for ``p = np.inf``.

    Parameters
    ----------
    x : array_like, shape (n,) or (n, 1)
        A vector of bool, int or float (finite); a column is flattened.
    p : float
        ``p >= 1`` or ``np.inf``. ``p = 1`` is the taxicab length, ``p = 2`` the straight-line
        (Euclidean) length, ``p = np.inf`` the largest absolute coordinate, max |x_i|.

    Returns
    -------
    numpy.float64
        Agrees with ``np.linalg.norm(x, ord=p)``.

    Raises
    ------
    ValueError
        For ``p < 1``, explaining that the triangle inequality fails (so it is not a norm).
    """
    p = _check_p(p)
    arr = as_array(x, "x", ndim=(0, 1, 2), allow_empty=True, finite=False)
    if arr.ndim == 2 and arr.shape[1] != 1:
        raise ValueError(
            f"lp_norm needs a vector of shape (n,) or a column (n, 1), got shape {arr.shape}; "
            "for a matrix use frobenius_norm(A), or lp_norm(A.ravel(), p) for its entries"
        )
    return lp_formula(as_vector(x, "x"), p)


def lp_formula(x, p, axis=None, *, _beyond_float="raise"):
    """The formula ``(sum_i |x_i|^p)^(1/p)`` for any ``p > 0`` (``max |x_i|`` for ``np.inf``).

    The one implementation of the formula: :func:`lp_norm` checks ``p >= 1`` and calls it;
    the pictures of notebook 03 also use it for ``p < 1`` (where it is not a norm) to show why.
    Every entry is divided by the largest one first, so ``|x_i|^p`` can neither overflow nor
    underflow to 0 for large ``p``.

    Parameters
    ----------
    x : array_like
        Numbers, finite, at least one (a clear error otherwise).
    p : float
        ``p > 0`` or ``np.inf`` (``p < 1`` is allowed here: it is not a norm, see :func:`lp_norm`).
    axis : int, optional
        Reduce along this axis (``-ndim <= axis < ndim``); ``None`` (the default) reduces over
        every entry.

    Returns
    -------
    numpy.float64 or numpy.ndarray
        One value per position of the other axes.
    """
    absx = np.abs(as_array(x, "x").astype(np.float64))
    p = as_real(p, "p", positive=True, allow_inf=True)
    if axis is not None:
        axis = as_count(axis, "axis", minimum=-absx.ndim, maximum=absx.ndim - 1,
                        why=f" (x has {absx.ndim} dimensions)")
    biggest = absx.max(axis=axis, keepdims=True)
    if p == np.inf:
        return _drop(biggest, axis)
    # A length beyond the largest float is inf, as np.linalg.norm gives, without a warning.
    with np.errstate(over="ignore"):
        if p == 1:
            return _drop(absx.sum(axis=axis, keepdims=True), axis)
        safe = np.where(biggest > 0, biggest, 1.0)  # an all-zero vector has length 0
        scaled = np.sum((absx / safe) ** p, axis=axis, keepdims=True)
        out = biggest * scaled ** (1 / p)
    if _beyond_float == "raise" and p < 1 and not np.all(np.isfinite(out[np.isfinite(biggest)])):
        # (sum |x_i|^p)^(1/p) grows like n^(1/p): for a tiny p it exceeds every float
        raise FloatOverflowError(f"with p = {p:g} the value (sum |x_i|^p)^(1/p) exceeds the largest float "
                                 "(about 1.8e308): it grows like (number of nonzero entries)^(1/p); use a larger p")
    return _drop(out, axis)


def _drop(kept, axis):
    out = np.squeeze(kept, axis=axis)
    return np.float64(out) if out.ndim == 0 else out


def frobenius_norm(A):
    """The Frobenius norm ``||A||_F = sqrt(sum_i sum_j A[i, j]^2)``: L^2 of the flattened matrix.

    Parameters
    ----------
    A : array_like, shape (n, m)
        A 2-D matrix of bool, int or float (finite).

    Returns
    -------
    numpy.float64
        Agrees with ``np.linalg.norm(A, "fro")``.
    """
    arr = as_array(A, "A", ndim=(0, 1, 2), allow_empty=True, finite=False)
    if arr.ndim != 2:
        raise ValueError(
            f"frobenius_norm needs a 2-D matrix, got shape {arr.shape}; for a vector use lp_norm(x, 2)"
        )
    arr = as_array(arr, "A")  # non-empty, finite
    return lp_formula(arr, 2.0)
