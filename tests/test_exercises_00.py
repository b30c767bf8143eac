"""Exercises of notebook 00 (start here): the data separate every banked slip from the right answer, and each
slip gets its own message."""

import numpy as np
from banks.start_here import BANK
from exercise_banks import bank_tests

from lecture_utils.checks import evaluate

test_slip_differs_from_the_right_answer, test_named_slips_get_their_own_messages = bank_tests(BANK)


def test_right_answer_in_every_form():
    for answer in (64, 64.0, np.int64(64), 8 * 8):
        assert evaluate("00.pixels_in_digit", answer).passed


def test_the_shape_is_told_a_count_is_wanted():
    message = evaluate("00.pixels_in_digit", (8, 8)).message
    assert "count" in message and "got (2,)" not in message
