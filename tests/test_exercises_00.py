"""Exercises of notebook 00 (start here): the data separate every banked slip from the right answer, and each
slip gets its own message."""

import numpy as np
import pytest

from lecture_utils.checks import evaluate, get_exercise

from banks.start_here import BANK

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


def test_right_answer_in_every_form():
    for answer in (64, 64.0, np.int64(64), 8 * 8):
        assert evaluate("00.pixels_in_digit", answer).passed


def test_the_shape_is_told_a_count_is_wanted():
    message = evaluate("00.pixels_in_digit", (8, 8)).message
    assert "count" in message and "got (2,)" not in message
