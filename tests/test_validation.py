"""lecture_utils._validation: the shared input checks' contract (one line each, exact messages)."""

import re

import numpy as np
import pytest

from lecture_utils import linalg, logistic, network, optim
from lecture_utils._validation import as_callable, as_count, as_non_negative, as_pair, as_real, as_vector


def test_as_real_bounds_include_their_ends():
    assert as_real(0.5, "p", minimum=0.5, maximum=1) == 0.5
    assert as_real(np.float64(1.0), "p", minimum=0, maximum=1) == 1.0
    with pytest.raises(ValueError, match=r"^p must be at least 1, got 0.5$"):
        as_real(0.5, "p", minimum=1)
    with pytest.raises(ValueError, match=r"^alpha must be at most 1, got 2$"):
        as_real(2, "alpha", maximum=1)
    with pytest.raises(TypeError, match=r"^p must be a real number, got str '1'$"):
        as_real("1", "p", minimum=0)


def test_as_non_negative_accepts_zero_and_says_what_the_number_is():
    assert as_non_negative(0, "tol") == 0.0 and isinstance(as_non_negative(np.int64(2), "tol"), float)
    with pytest.raises(ValueError, match=r"^l2 must be >= 0 \(a penalty strength\), got -0.5$"):
        as_non_negative(-0.5, "l2", "a penalty strength")
    with pytest.raises(ValueError, match=r"^atol must be >= 0, got -1.0$"):
        as_non_negative(-1, "atol")
    with pytest.raises(ValueError, match=r"^noise must be a finite number, got nan$"):
        as_non_negative(float("nan"), "noise")
    with pytest.raises(TypeError, match=r"^tol must be a real number, got bool True$"):
        as_non_negative(True, "tol")


def test_every_non_negative_setting_is_refused_by_the_one_check():
    # One home: the same sentence from every module that takes a tolerance, penalty or spread.
    X, y = np.array([[0.0], [1.0]]), np.array([0, 1])
    cases = [
        (lambda: optim.gradient_descent(lambda x: x, 1.0, 0.1, tol=-1), "tol", " (the smallest step that keeps the loop going)"),
        (lambda: linalg.is_symmetric(np.eye(2), atol=-1), "atol", ""),
        (lambda: logistic.cost(X, y, [0.0], 0.0, l2=-1), "l2", " (a penalty strength)"),
        (lambda: network.make_moons(10, noise=-1), "noise", " (a standard deviation)"),
        (lambda: network.init_params(2, 3, scale=-1), "scale", ""),
        (lambda: network.MLPClassifier(init_scale=-1).fit(X, y), "init_scale", ""),
    ]
    for call, name, why in cases:
        with pytest.raises(ValueError, match=rf"^{name} must be >= 0{re.escape(why)}, got -1(\.0)?$"):
            call()


def test_as_callable_names_what_it_expected():
    assert as_callable(len, "f") is len
    with pytest.raises(TypeError, match=r"^grad must be a function grad\(x\) returning the gradient, got int 3$"):
        as_callable(3, "grad", "a function grad(x) returning the gradient")


def test_the_other_checks_keep_their_messages():
    assert as_count(np.int64(3), "steps") == 3
    with pytest.raises(ValueError, match=r"^steps must be at least 1, got 0$"):
        as_count(0, "steps", minimum=1)
    assert as_pair([0, 1], "xlim", increasing=True) == (0.0, 1.0)
    with pytest.raises(ValueError, match=r"^xlim must be \(low, high\) with low < high, got \(1, 0\)$"):
        as_pair((1, 0), "xlim", increasing=True)
    assert as_vector([[1.0], [2.0]], "w").tolist() == [1.0, 2.0]
    with pytest.raises(ValueError, match=r"^w must have 3 entries, got shape \(2,\)$"):
        as_vector([1.0, 2.0], "w", length=3)


def test_numbers_beyond_a_float_name_the_argument():
    from lecture_utils._validation import as_array

    with pytest.raises(ValueError, match=r"^h must fit in a float \(at most about 1.8e308 in size\), got an integer "
                                         r"of 401 digits$"):
        as_real(10 ** 400, "h")
    assert as_real(2 ** 70, "x0") == 2.0 ** 70
    assert as_array([2 ** 70, 1], "x0").tolist() == [2.0 ** 70, 1.0]
    with pytest.raises(ValueError, match=r"^A must fit in a float"):
        as_array([[10 ** 400, 0.5]], "A")
    with pytest.raises(TypeError, match=r"^w is a masked array"):
        as_array(np.ma.masked_array([1.0, 2.0], mask=[0, 1]), "w")


def test_size_limits_name_the_limit_and_the_argument():
    from lecture_utils._validation import MAX_ENTRIES, MAX_STEPS, as_steps, check_entries

    assert as_steps(MAX_STEPS) == MAX_STEPS
    with pytest.raises(ValueError, match=r"^max_steps must be at most 1,000,000 \(lecture_utils' MAX_STEPS"):
        as_steps(MAX_STEPS + 1)
    check_entries(MAX_ENTRIES, "the grid", "n")
    with pytest.raises(ValueError, match=r"^the grid would hold about 10\^400 numbers \(about 10\^394 MiB\)"):
        check_entries(10 ** 400, "the grid", "n")  # an int far beyond a float: no OverflowError
    with pytest.raises(ValueError, match=r"MAX_ENTRIES = 10,000,000; lower n$"):
        check_entries(MAX_ENTRIES + 1, "the grid", "n")


def test_drawing_arguments_checks():
    from lecture_utils._validation import as_axes, as_entry, as_format

    assert as_entry((1, 2), "entry", (2, 3)) == (1, 2)
    with pytest.raises(ValueError, match=r"^entry = \(2, 0\) is outside the matrix of shape \(2, 3\): rows 0-1"):
        as_entry((2, 0), "entry", (2, 3))
    with pytest.raises(ValueError, match=r"^entry must be a pair \(i, j\)"):
        as_entry(3, "entry", (2, 3))
    assert as_format("{:.2f}") == "{:.2f}"
    with pytest.raises(ValueError, match=r"^fmt must be a format string for one number"):
        as_format("{:q}")
    with pytest.raises(TypeError, match=r"^ax must be a matplotlib Axes to draw on \(e.g. fig, ax = plt.subplots\(\)\), "
                                        r"got NoneType None$"):
        as_axes(None)
