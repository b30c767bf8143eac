"""Exercises of notebook 03 (norms): the data separate every banked slip from the right answer, and each
slip gets its own message."""

import numpy as np
import pytest

from lecture_utils.checks import evaluate, get_exercise

from banks.norms import BANK

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
