"""lecture_utils.linalg against numpy (an independent reference) and the norm axioms."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from support import examples

from lecture_utils import linalg

# Moderate magnitudes: the axioms are checked with float tolerances, not overflow behaviour.
# No numbers below 1e-100: numpy's norm squares them to 0 (underflow) where lp_norm rescales
# and stays exact (test_lp_norm_extremes_do_not_overflow_or_underflow).
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False).filter(
    lambda v: v == 0 or abs(v) >= 1e-100)
vectors = hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=1, min_side=1, max_side=8),
                     elements=finite)
matrices = hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=6),
                      elements=finite)
ps = st.one_of(st.floats(min_value=1, max_value=50), st.sampled_from([1, 2, 3, np.inf]))
small_ints = st.integers(min_value=-50, max_value=50)
# No per-example deadline: the suite shares its machine with notebooks and other jobs.
relaxed = settings(deadline=None)


# --- transpose_loops ---------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [np.int64, np.float64, np.bool_, np.float32, np.uint8])
def test_transpose_matches_numpy_with_its_dtype(dtype):
    A = (np.arange(12).reshape(3, 4) % 3).astype(dtype)
    T = linalg.transpose_loops(A)
    assert T.shape == (4, 3)
    assert T.dtype == A.T.dtype
    np.testing.assert_array_equal(T, A.T)


@relaxed
@given(matrices)
def test_transpose_property(A):
    np.testing.assert_array_equal(linalg.transpose_loops(A), A.T)


def test_transpose_returns_a_new_array_and_accepts_lists():
    A = np.array([[1, 2], [3, 4]])
    T = linalg.transpose_loops(A)
    T[0, 0] = 99
    assert A[0, 0] == 1
    np.testing.assert_array_equal(linalg.transpose_loops([[1, 2, 3]]), [[1], [2], [3]])
    assert linalg.transpose_loops(np.zeros((0, 3))).shape == (3, 0)


def test_transpose_refuses_vectors_with_a_reason():
    with pytest.raises(ValueError, match=r"needs a 2-D matrix, got shape \(3,\).*reshape\(-1, 1\)"):
        linalg.transpose_loops([1, 2, 3])
    with pytest.raises(TypeError, match="must hold numbers"):
        linalg.transpose_loops([["a", "b"]])


# --- matmul_loops ------------------------------------------------------------------------
def test_matmul_lecture_shapes_and_values():
    A = np.array([[1, 2], [3, 4], [5, 6]])
    B = np.array([[1, 3, 5, 7], [2, 4, 6, 8]])
    C = linalg.matmul_loops(A, B)
    assert C.shape == (3, 4)
    # written out by hand: C[i, j] = sum_k A[i, k] B[k, j]; the slide shows the corner 5, 11 / 11, 25
    np.testing.assert_array_equal(C, [[5, 11, 17, 23], [11, 25, 39, 53], [17, 39, 61, 83]])
    B2 = np.array([[1, 0, 2, 1], [0, 1, 1, -1]])  # negative entries too
    np.testing.assert_array_equal(linalg.matmul_loops(A, B2), [[1, 2, 4, -1], [3, 4, 10, -1], [5, 6, 16, -1]])


@pytest.mark.parametrize("da,db", [(np.int64, np.int64), (np.int64, np.float64), (np.bool_, np.bool_),
                                   (np.bool_, np.int64), (np.float32, np.float32), (np.int32, np.float32),
                                   (np.uint8, np.int8)])
def test_matmul_dtype_and_values_like_numpy(da, db):
    rng = np.random.default_rng(1)
    A = rng.integers(0, 3, size=(4, 3)).astype(da)
    B = rng.integers(0, 3, size=(3, 5)).astype(db)
    C = linalg.matmul_loops(A, B)
    assert C.dtype == (A @ B).dtype
    np.testing.assert_array_equal(C, A @ B)


def test_bool_product_is_or_of_ands_like_numpy():
    A = np.array([[True, True], [False, False]])
    B = np.array([[True, False], [True, False]])
    np.testing.assert_array_equal(linalg.matmul_loops(A, B), A @ B)
    assert linalg.matmul_loops(A, B).dtype == np.bool_


@settings(max_examples=examples(60), deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.integers(1, 5), st.data())
def test_matmul_property_int_exact(n, k, m, data):
    A = data.draw(hnp.arrays(np.int64, (n, k), elements=small_ints))
    B = data.draw(hnp.arrays(np.int64, (k, m), elements=small_ints))
    np.testing.assert_array_equal(linalg.matmul_loops(A, B), A @ B)


@settings(max_examples=examples(60), deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.integers(1, 5), st.data())
def test_matmul_property_float(n, k, m, data):
    A = data.draw(hnp.arrays(np.float64, (n, k), elements=finite))
    B = data.draw(hnp.arrays(np.float64, (k, m), elements=finite))
    np.testing.assert_allclose(linalg.matmul_loops(A, B), A @ B, rtol=1e-9, atol=1e-6 * (1 + np.abs(A).max() * np.abs(B).max()))


def test_matmul_vectors_follow_numpy():
    A = np.arange(6).reshape(2, 3)
    v = np.array([1, -1, 2])
    for left, right in [(A, v), (v, A.T), (v, v)]:
        got = linalg.matmul_loops(left, right)
        want = left @ right
        assert np.shape(got) == np.shape(want) and type(got) is type(want)
        np.testing.assert_array_equal(got, want)


def test_matmul_empty_inner_dimension_gives_zeros_like_numpy():
    C = linalg.matmul_loops(np.zeros((3, 0)), np.zeros((0, 4)))
    np.testing.assert_array_equal(C, np.zeros((3, 4)))


def test_matmul_integer_overflow_wraps_silently_like_numpy():
    A = np.array([[2**62, 2**62]])
    B = np.array([[2], [2]])
    np.testing.assert_array_equal(linalg.matmul_loops(A, B), A @ B)


def test_matmul_shape_mismatch_names_both_shapes_and_the_rule():
    with pytest.raises(ValueError, match=r"inner dimensions must match: \(3, 2\) @ \(3, 4\)") as info:
        linalg.matmul_loops(np.ones((3, 2)), np.ones((3, 4)))
    assert "columns in A (2)" in str(info.value) and "rows in B (3)" in str(info.value)
    with pytest.raises(ValueError, match=r"inner dimensions must match: \(3,\) @ \(4,\)"):
        linalg.matmul_loops(np.ones(3), np.ones(4))


def test_matmul_refuses_scalars_and_3d():
    with pytest.raises(ValueError, match="got a scalar.*use \\* instead of @"):
        linalg.matmul_loops(2, np.ones((2, 2)))
    with pytest.raises(ValueError, match=r"B must be .*got shape \(2, 2, 2\)"):
        linalg.matmul_loops(np.ones((2, 2)), np.ones((2, 2, 2)))


# --- is_symmetric ------------------------------------------------------------------------
def test_is_symmetric_examples():
    assert linalg.is_symmetric([[1, 3], [3, 2]]) is True
    assert linalg.is_symmetric([[1, 3], [4, 2]]) is False  # the lecture's example
    assert linalg.is_symmetric(np.ones((2, 3))) is False  # not square
    assert linalg.is_symmetric([[True, False], [False, True]]) is True
    assert linalg.is_symmetric([[1.0, 2.0], [2.0 + 1e-13, 1.0]]) is True
    assert linalg.is_symmetric([[1.0, 2.0], [2.0 + 1e-13, 1.0]], atol=0) is False
    assert linalg.is_symmetric([[1.0, 2.0], [2.1, 1.0]], atol=0.2) is True
    with pytest.raises(ValueError, match="NaN or infinity"):
        linalg.is_symmetric([[np.nan, 0.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match="must not be empty"):
        linalg.is_symmetric(np.zeros((0, 0)))
    big = 2**62
    assert linalg.is_symmetric(np.array([[0, big + 1], [big, 0]])) is False  # exact for ints
    assert linalg.is_symmetric(np.array([[0, 3], [4, 0]]), atol=1) is True
    assert linalg.is_symmetric([[0.0, 1.5e308], [-1.5e308, 0.0]]) is False  # no overflow warning


@relaxed
@given(matrices)
def test_a_times_a_transpose_is_symmetric(A):
    C = A @ A.T
    assert linalg.is_symmetric(C, atol=1e-9 * (1 + np.abs(C).max()))
    square = A.shape[0] == A.shape[1]
    assert linalg.is_symmetric(A) == (square and bool(np.all(np.abs(A - A.T) <= 1e-12)))
    assert linalg.is_symmetric(A, atol=0) == (square and np.array_equal(A, A.T))


def test_is_symmetric_argument_errors():
    with pytest.raises(ValueError, match="atol must be >= 0"):
        linalg.is_symmetric(np.eye(2), atol=-1)
    with pytest.raises(ValueError, match=r"needs a 2-D matrix, got shape \(2,\)"):
        linalg.is_symmetric([1, 2])


# --- lp_norm -----------------------------------------------------------------------------
@relaxed
@given(vectors, ps)
def test_lp_norm_agrees_with_numpy(x, p):
    # numpy's |x_i|^p underflows to 0 for tiny x_i and large p; lp_norm rescales first.
    # So compare with numpy on x / max|x| (the norm is homogeneous), scaled back.
    s = np.abs(x).max()
    want = np.linalg.norm(x / s, p) * s if s > 0 else 0.0
    assert np.isclose(linalg.lp_norm(x, p), want, rtol=1e-9, atol=0)
    if s >= 1e-3:  # away from underflow: numpy directly
        assert np.isclose(linalg.lp_norm(x, p), np.linalg.norm(x, p), rtol=1e-9, atol=0)


@relaxed
@given(vectors, ps)
def test_axiom_nonnegative(x, p):
    assert linalg.lp_norm(x, p) >= 0


@relaxed
@given(vectors, ps)
def test_axiom_zero_only_for_zero_vector(x, p):
    assert (linalg.lp_norm(x, p) == 0) == bool(np.all(x == 0))


@relaxed
@given(vectors, ps, st.floats(min_value=-1e3, max_value=1e3))
def test_axiom_absolute_homogeneity(x, p, alpha):
    lhs = linalg.lp_norm(alpha * x, p)
    rhs = abs(alpha) * linalg.lp_norm(x, p)
    assert np.isclose(lhs, rhs, rtol=1e-9, atol=1e-300)


@relaxed
@given(st.integers(1, 8).flatmap(lambda n: st.tuples(hnp.arrays(np.float64, n, elements=finite),
                                                     hnp.arrays(np.float64, n, elements=finite))), ps)
def test_axiom_triangle_inequality(xy, p):
    x, y = xy
    assert linalg.lp_norm(x + y, p) <= (linalg.lp_norm(x, p) + linalg.lp_norm(y, p)) * (1 + 1e-12)


def test_lp_norm_named_cases():
    x = np.array([3, -4])
    assert linalg.lp_norm(x, 1) == 7
    assert linalg.lp_norm(x, 2) == 5  # the p = 2 case is exactly the Euclidean length
    assert linalg.lp_norm(x, np.inf) == 4
    assert linalg.lp_norm([[3], [-4]], 2) == 5  # a column is accepted
    assert linalg.lp_norm([True, False, True], 1) == 2
    assert isinstance(linalg.lp_norm(x, 2), np.float64)


def test_lp_norm_extremes_do_not_overflow_or_underflow():
    assert linalg.lp_norm([1e200, 1e200], 2) == pytest.approx(np.sqrt(2) * 1e200)
    assert linalg.lp_norm([1e-200, 1e-200], 2) == pytest.approx(np.sqrt(2) * 1e-200)
    assert linalg.lp_norm([3.0, -4.0], 1e6) == pytest.approx(4.0)
    for p in (1, 2, 3):  # beyond the largest float: inf, like numpy, and no warning
        assert linalg.lp_norm([1.7e308, 1.7e308], p) == np.inf


@pytest.mark.parametrize("p", [0.5, 0.999, 0.1])
def test_p_below_one_explains_the_triangle_inequality(p):
    with pytest.raises(ValueError, match=r"< 1 does not give a norm: the triangle inequality .* fails"):
        linalg.lp_norm([1, 2], p)


def test_p_just_below_one_message_does_not_say_2_greater_than_2():
    with pytest.raises(ValueError) as info:
        linalg.lp_norm([1, 1], 0.9999)
    assert "= 2 > 2" not in str(info.value) and "2.0001386" in str(info.value)


def test_lp_formula_is_the_one_scaled_implementation():
    x = np.array([[3.0, 1e200], [-4.0, 0.0]])
    np.testing.assert_allclose(linalg.lp_formula(x, 2, axis=0), [5.0, 1e200])
    assert linalg.lp_formula([1.0, 0.0, 0.0], 0.5) == 1.0  # p < 1 allowed here (pictures need it)
    assert linalg.lp_formula([0.0, 0.0], 3) == 0.0
    assert linalg.lp_formula([3.0, -4.0], np.inf) == 4.0


def test_p_below_one_message_has_a_concrete_counterexample():
    with pytest.raises(ValueError, match=r"x = \(1, 0\), y = \(0, 1\).*2\^\(1/0\.5\) = 4 > 2"):
        linalg.lp_norm([1, 2], 0.5)


@pytest.mark.parametrize("p,err,msg", [(0, ValueError, "p <= 0"), (-2, ValueError, "p <= 0"),
                                       (np.nan, ValueError, "got nan"), ("inf", TypeError, "np.inf"),
                                       (True, TypeError, "got bool")])
def test_bad_p(p, err, msg):
    with pytest.raises(err, match=msg):
        linalg.lp_norm([1, 2], p)


def test_lp_norm_refuses_matrices_and_bad_vectors():
    with pytest.raises(ValueError, match=r"got shape \(2, 3\); for a matrix use frobenius_norm"):
        linalg.lp_norm(np.ones((2, 3)), 2)
    with pytest.raises(ValueError, match="NaN or infinity"):
        linalg.lp_norm([1.0, np.nan], 2)
    with pytest.raises(ValueError, match="must not be empty"):
        linalg.lp_norm([], 2)


# --- frobenius_norm ----------------------------------------------------------------------
@relaxed
@given(matrices)
def test_frobenius_agrees_with_numpy_and_with_l2_of_the_flattened_matrix(A):
    f = linalg.frobenius_norm(A)
    assert np.isclose(f, np.linalg.norm(A, "fro"), rtol=1e-9, atol=0)
    assert np.isclose(f, np.linalg.norm(A.ravel(), 2), rtol=1e-9, atol=0)


@relaxed
@given(matrices, matrices, st.floats(min_value=-1e3, max_value=1e3))
def test_frobenius_axioms(A, B, alpha):
    if A.shape != B.shape:
        B = np.resize(B, A.shape)
    fa, fb = linalg.frobenius_norm(A), linalg.frobenius_norm(B)
    assert fa >= 0 and (fa == 0) == bool(np.all(A == 0))
    assert np.isclose(linalg.frobenius_norm(alpha * A), abs(alpha) * fa, rtol=1e-9, atol=1e-300)
    assert linalg.frobenius_norm(A + B) <= (fa + fb) * (1 + 1e-12)


def test_frobenius_examples_and_errors():
    assert linalg.frobenius_norm([[1, -2], [-2, 4]]) == 5
    assert linalg.frobenius_norm(np.eye(4, dtype=bool)) == 2
    with pytest.raises(ValueError, match=r"got shape \(3,\); for a vector use lp_norm\(x, 2\)"):
        linalg.frobenius_norm([1, 2, 3])
