"""Exercises of notebook 03 (norms): what their checks accept and what they tell (every banked slip is
run in tests/test_misconceptions.py)."""

import numpy as np
import pytest

from lecture_utils.checks import evaluate


def test_expected_answers_by_hand():
    assert evaluate("03.frobenius_by_hand", 7).passed   # sqrt(16 + 16 + 1 + 16)
    assert evaluate("03.frobenius_by_hand", np.sqrt(4**2 + (-4) ** 2 + (-1) ** 2 + 4**2)).passed
    assert evaluate("03.prediction_distance", (3.5, np.sqrt(3.75), 1.5)).passed
    for answer in ((True, False, False, True, False), [True, False, False, True, False],
                   np.array([True, False, False, True, False])):
        assert evaluate("03.which_are_norms", answer).passed


@pytest.mark.parametrize("answer, words", [
    ((True, False, False, False, False), "(d) is a norm"),
    ((False, False, False, True, False), "(a) is a norm"),
    ([1, 0, 0, 0, 0], "(d) is a norm"),
    (("True", "False", "False", "True", "False"), "without quotes"),
])
def test_which_are_norms_wrong_a_and_d_and_strings(answer, words):
    result = evaluate("03.which_are_norms", answer)
    assert result.status == "wrong" and words in result.message
    assert "could not be checked" not in result.message


def test_minus_two_squared_trap_is_named():
    # the template np.sqrt(... + ...) invites -4**2, which Python reads as -(4**2)
    assert "-4**2" in evaluate("03.frobenius_by_hand", np.sqrt(4**2 + -4**2 + -1**2 + 4**2)).message


def test_distance_data_separate_max_from_max_abs():
    from lecture_utils.exercises.norms import Y_PRED, Y_TRUE

    d = Y_PRED - Y_TRUE
    assert np.all(d != 0) and d.max() != np.abs(d).max() and d.sum() != np.abs(d).sum()
