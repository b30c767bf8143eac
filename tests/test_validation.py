"""lecture_utils._validation: the shared input checks' contract (one line each, exact messages)."""

import numpy as np
import pytest

from lecture_utils._validation import as_callable, as_count, as_pair, as_real, as_vector


def test_as_real_bounds_include_their_ends():
    assert as_real(0.5, "p", minimum=0.5, maximum=1) == 0.5
    assert as_real(np.float64(1.0), "p", minimum=0, maximum=1) == 1.0
    with pytest.raises(ValueError, match=r"^p must be at least 1, got 0.5$"):
        as_real(0.5, "p", minimum=1)
    with pytest.raises(ValueError, match=r"^alpha must be at most 1, got 2$"):
        as_real(2, "alpha", maximum=1)
    with pytest.raises(TypeError, match=r"^p must be a real number, got str '1'$"):
        as_real("1", "p", minimum=0)


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
