"""Exercises of notebook 00 (start here): what their checks accept and what they tell (every banked slip is
run in tests/test_misconceptions.py)."""

import numpy as np

from lecture_utils.checks import evaluate


def test_right_answer_in_every_form():
    for answer in (64, 64.0, np.int64(64), 8 * 8):
        assert evaluate("00.pixels_in_digit", answer).passed


def test_the_shape_is_told_a_count_is_wanted():
    message = evaluate("00.pixels_in_digit", (8, 8)).message
    assert "count" in message and "got (2,)" not in message
