"""Exercises of notebook 02 (matrix operations): the data separate every banked slip from the right answer, and each
slip gets its own message."""

import numpy as np
import pytest

from lecture_utils.checks import evaluate, get_exercise

from banks.matrix_operations import BANK

CASES = [(ex_id, slip) for ex_id, slips in sorted(BANK.items()) for slip in slips]


def _differs(ex, wrong):
    """Whether a slip's answer differs from the right one on the exercise's own data."""
    if ex.cases is not None:
        reference = ex.expected()
        for args in ex.cases():
            copy = tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)
            try:
                got = wrong(*copy)
            except Exception:
                return True
            want = reference(*args)
            if got is None or np.shape(got) != np.shape(want) or not np.allclose(got, want):
                return True
        return False
    want = ex.expected()
    if isinstance(wrong, str) or np.shape(wrong) != np.shape(want):
        return True
    if any(isinstance(v, str) for v in np.ravel(np.asarray(wrong, dtype=object))):
        return True  # text where numbers or True/False are wanted
    return not np.allclose(np.asarray(wrong, dtype=float), np.asarray(want, dtype=float))


@pytest.mark.parametrize("exercise_id, slip", CASES, ids=[f"{i}:{s.why}" for i, s in CASES])
def test_slip_differs_from_the_right_answer(exercise_id, slip):
    assert _differs(get_exercise(exercise_id), slip.answer()), f"{slip.why!r} gives the right answer"


@pytest.mark.parametrize("exercise_id", sorted(BANK))
def test_named_slips_get_different_messages(exercise_id):
    """Two different mistakes are not explained by one sentence (unless the bank says so)."""
    by_phrase = {}
    for slip in BANK[exercise_id]:
        if slip.says is None:
            continue
        message = evaluate(exercise_id, slip.answer()).message
        by_phrase.setdefault(slip.says, set()).add(message.split(" Hint:")[0].split(" (on input")[0])
    firsts = [sorted(messages)[0] for messages in by_phrase.values()]
    assert len(set(firsts)) >= len(firsts) - 2, firsts


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
