"""Notebook 05's exercises: the expected answers checked independently, and exercise data
that separate the right formula from each slip in tests/banks/gradient_descent.py."""

import numpy as np
import pytest

from lecture_utils import checks
from lecture_utils.exercises import gradient_descent as ex05


def _wrong(exercise_id, answer, words):
    r = checks.evaluate(exercise_id, answer)
    assert r.status == "wrong", r
    assert words in r.message, r.message


def test_gradient_at_point_expected_by_finite_differences():
    def f(w):
        return w[0] ** 2 + 3 * w[0] * w[1] + w[1] ** 3

    p, h = np.array([5.0, 4.0]), 1e-6
    fd = np.array([(f(p + h * e) - f(p - h * e)) / (2 * h) for e in np.eye(2)])
    np.testing.assert_allclose(fd, [22.0, 63.0], rtol=1e-8)
    assert checks.evaluate("05.gradient_at_point", fd).status == "correct"


def test_old_point_hid_a_slip_the_new_point_separates():
    # At (2, 1), "power not lowered" 3 w₂³ equals 3 w₂² (both 3): the reason the point moved.
    new = ex05._P
    assert 3 * new[1] ** 3 != 3 * new[1] ** 2 and 2 * new[0] != new[0] ** 2 and new[0] != new[1]


def test_update_step_in_place_is_caught_and_cases_separate_slips():
    def in_place(w, g, a):
        w -= a * g  # the result is right, but the caller's w changes
        return w

    _wrong("05.update_step", in_place, "in place")
    assert checks.evaluate("05.update_step", lambda w, g, a: w - a * g).status == "correct"
    # no learning rate is 1 (it would hide "α forgotten") and no w equals its gradient
    for w, g, lr in ex05._step_cases():
        assert lr != 1 and not np.allclose(w, g)


@pytest.mark.parametrize("alpha", [0.07, 0.1, 0.15, 0.2, 0.22])
def test_learning_rate_bowl_accepts_every_working_rate(alpha):
    assert checks.evaluate("05.learning_rate_bowl", alpha).status == "correct"
    # and the reason is real: run by hand, these converge within 100 steps
    w = ex05.BOWL_START.copy()
    scale = np.array([2.0, 8.0])
    for _ in range(100):
        step = alpha * scale * w
        w = w - step
        if np.linalg.norm(step) < 1e-6:
            break
    else:
        pytest.fail("did not converge by hand")


def test_divergence_threshold_by_running_it():
    # one step multiplies w by (1 - 10 α): just below 0.2 shrinks, just above grows
    from lecture_utils.optim import gradient_descent

    assert gradient_descent(lambda w: 10 * w, 1.0, 0.199, max_steps=5000).converged
    assert gradient_descent(lambda w: 10 * w, 1.0, 0.201, max_steps=5000).diverged
    assert checks.evaluate("05.divergence_threshold", 0.2).status == "correct"


def test_matrix_gradient_by_finite_differences():
    x, y = np.array([1.0, 2.0, 3.0]), np.array([4.0, -1.0])
    A, h = np.zeros((3, 2)), 1e-6
    fd = np.zeros((3, 2))
    for i in range(3):
        for j in range(2):
            E = np.zeros((3, 2))
            E[i, j] = h
            fd[i, j] = (x @ (A + E) @ y - x @ (A - E) @ y) / (2 * h)
    assert checks.evaluate("05.matrix_gradient", fd).status == "correct"
