"""Exercises of notebook 02 (matrix operations): what their checks accept and what they tell (every banked slip is
run in tests/test_misconceptions.py)."""

import numpy as np

from lecture_utils.checks import evaluate


def test_expected_answers_by_hand():
    assert evaluate("02.product_shape", (100, 8)).passed
    assert evaluate("02.entry_by_hand", 1 * 1 + 3 * 2 + 4 * 5).passed  # row 1 of P, column 0 of Q
    assert evaluate("02.fix_shape_bug", np.arange(18).reshape(6, 3) @ np.array([[1, 2], [0, 1], [-1, 0]])).passed


def test_entry_by_hand_slips_all_give_different_numbers():
    from lecture_utils.exercises.matrix_operations import P, Q

    values = [(P @ Q)[1, 0], (P @ Q)[0, 1], (P @ Q)[0, 0], (P @ Q)[1, 1], (Q @ P)[1, 0],
              (P[1] + Q[:, 0]).sum(), P[1].sum() * Q[:, 0].sum(), *((P[1] * Q[:, 0]).sum() - P[1] * Q[:, 0])]
    assert len(set(np.round(values, 9))) == len(values), values
    assert np.all(P != 0) and np.all(Q != 0)


def test_transpose_loops_int_result_is_named_on_the_float_case():
    def int_result(A):
        T = np.zeros(A.T.shape, dtype=int)
        for i in range(A.shape[1]):
            for j in range(A.shape[0]):
                T[i, j] = A[j, i]
        return T

    assert "int array" in evaluate("02.transpose_loops", int_result).message
