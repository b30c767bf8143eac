"""Shared tests for a topic's misconception bank (used by tests/test_exercises_NN.py)."""

import numpy as np
import pytest

from lecture_utils.checks import evaluate, get_exercise


def differs(ex, wrong):
    """Whether a slip's answer differs from the right one on the exercise's own data."""
    if ex.cases is not None:
        reference = ex.expected()
        for args in ex.cases():
            copy = tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)
            try:
                got = wrong(*copy)
            except (ArithmeticError, LookupError, TypeError, ValueError):
                return True  # a function that fails on the data is told so: it differs
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


def bank_tests(bank):
    """The two tests every topic's bank gets: each slip differs from the right answer on the
    exercise's data, and different named slips are not all explained by one sentence."""
    cases = [(ex_id, slip) for ex_id, slips in sorted(bank.items()) for slip in slips]

    @pytest.mark.parametrize("exercise_id, slip", cases, ids=[f"{i}:{s.why}" for i, s in cases])
    def test_slip_differs_from_the_right_answer(exercise_id, slip):
        assert differs(get_exercise(exercise_id), slip.answer()), f"{slip.why!r} gives the right answer"

    @pytest.mark.parametrize("exercise_id", sorted(bank))
    def test_named_slips_get_their_own_messages(exercise_id):
        messages = {}
        for slip in bank[exercise_id]:
            if slip.says is not None:
                text = evaluate(exercise_id, slip.answer()).message
                messages.setdefault(slip.says, text.split(" Hint:")[0].split(" (on input")[0])
        # at most two pairs of slips may share a sentence (e.g. two ways of dropping one product)
        assert len(set(messages.values())) >= len(messages) - 2, messages

    return test_slip_differs_from_the_right_answer, test_named_slips_get_their_own_messages
