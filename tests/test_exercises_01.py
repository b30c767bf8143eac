"""Exercises of notebook 01 (tensors): the data separate every banked slip from the right answer, and each
slip gets its own message."""

import numpy as np
from banks.tensors import BANK
from exercise_banks import bank_tests

from lecture_utils.checks import evaluate

test_slip_differs_from_the_right_answer, test_named_slips_get_their_own_messages = bank_tests(BANK)


def test_scale_pixels_instruction_facts():
    from lecture_utils.data import load_digits

    digit = load_digits()[0][0]
    assert digit.max() == 15  # the hint's "not this image's own maximum" matters for this digit
    assert evaluate("01.scale_pixels", digit / 16).passed
    assert "15" in evaluate("01.scale_pixels", digit / digit.max()).message


def test_batch_shape_accepts_tuple_list_and_array():
    for answer in ((10, 150, 128, 3), [10, 150, 128, 3], np.array([10, 150, 128, 3])):
        assert evaluate("01.batch_shape", answer).passed
