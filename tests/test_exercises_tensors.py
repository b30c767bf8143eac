"""Exercises of notebook 01 (tensors): what their checks accept and what they tell (every banked slip is
run in tests/test_misconceptions.py)."""

import numpy as np

from lecture_utils.checks import evaluate


def test_scale_pixels_instruction_facts():
    from lecture_utils.data import load_digits

    digit = load_digits()[0][0]
    assert digit.max() == 15  # the hint's "not this image's own maximum" matters for this digit
    assert evaluate("01.scale_pixels", digit / 16).passed
    assert "15" in evaluate("01.scale_pixels", digit / digit.max()).message


def test_batch_shape_accepts_tuple_list_and_array():
    for answer in ((10, 150, 128, 3), [10, 150, 128, 3], np.array([10, 150, 128, 3])):
        assert evaluate("01.batch_shape", answer).passed
