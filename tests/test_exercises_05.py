"""Every exercise of notebook 05 passes on its worked solution, and the classic mistakes are named."""

import numpy as np
import pytest

from lecture_utils import checks
from lecture_utils.exercises import gradient_descent as ex05

IDS = ["05.gradient_at_point", "05.update_step", "05.learning_rate_bowl",
       "05.divergence_threshold", "05.matrix_gradient"]


def test_the_notebook_has_these_exercises():
    assert sorted(e.id for e in checks.all_exercises() if e.id.startswith("05.")) == sorted(IDS)


@pytest.mark.parametrize("exercise_id", IDS)
def test_solution_passes_and_ellipsis_is_not_attempted(exercise_id):
    ex = checks.get_exercise(exercise_id)
    assert checks.evaluate(exercise_id, ex.solution_answer()).status == "correct"
    assert checks.evaluate(exercise_id, ...).status == "not attempted"


def _wrong(exercise_id, answer, words):
    r = checks.evaluate(exercise_id, answer)
    assert r.status == "wrong", r
    assert words in r.message, r.message


def test_gradient_at_point():
    # independent check of the expected answer: central differences of f at (2, 1)
    f = lambda w: w[0] ** 2 + 3 * w[0] * w[1] + w[1] ** 3
    p, h = np.array([2.0, 1.0]), 1e-6
    fd = [(f(p + h * e) - f(p - h * e)) / (2 * h) for e in np.eye(2)]
    assert checks.evaluate("05.gradient_at_point", np.array(fd)).status == "correct"
    _wrong("05.gradient_at_point", [9.0, 7.0], "swapped")
    _wrong("05.gradient_at_point", [4.0, 9.0], "∂f/∂w₁ misses the cross term")
    _wrong("05.gradient_at_point", [7.0, 3.0], "∂f/∂w₂ misses the cross term")
    _wrong("05.gradient_at_point", [7.0, 7.0], "3 w₂²")
    _wrong("05.gradient_at_point", 11.0, "one number")
    _wrong("05.gradient_at_point", [-7.0, -9.0], "sign is flipped")


def test_update_step():
    _wrong("05.update_step", lambda w, g, a: w + a * g, "uphill")
    _wrong("05.update_step", lambda w, g, a: w - g, "learning rate is missing")
    _wrong("05.update_step", lambda w, g, a: -a * g, "only the step")
    _wrong("05.update_step", lambda w, g, a: w - g / a, "multiplied by the learning rate")
    _wrong("05.update_step", 0.5, "wants a function")

    def in_place(w, g, a):
        w -= a * g  # works on arrays (changing the caller's w) but the result is still right
        return w

    assert checks.evaluate("05.update_step", in_place).status == "correct"


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


def test_learning_rate_bowl_mistakes():
    _wrong("05.learning_rate_bowl", 0.01, "too small")
    _wrong("05.learning_rate_bowl", 0.25, "too large")  # w₂ bounces between ±1 forever
    _wrong("05.learning_rate_bowl", 0.5, "too large")    # diverges
    _wrong("05.learning_rate_bowl", -0.1, "must be positive")
    _wrong("05.learning_rate_bowl", "0.1", "give one number")
    _wrong("05.learning_rate_bowl", [0.1, 0.2], "give one number")


def test_divergence_threshold():
    # (1 - 10 a) w: a little above 0.2 grows, a little below shrinks
    assert abs(1 - 10 * 0.21) > 1 > abs(1 - 10 * 0.19)
    _wrong("05.divergence_threshold", 0.1, "lands exactly on the minimum")
    _wrong("05.divergence_threshold", 0.4, "derivative of 5w² is 10w")
    _wrong("05.divergence_threshold", 10, "steepness")


def test_matrix_gradient():
    x, y = np.array([1.0, 2.0, 3.0]), np.array([4.0, -1.0])
    # independent: finite differences of x^T A y entry by entry
    A, h = np.zeros((3, 2)), 1e-6
    fd = np.zeros((3, 2))
    for i in range(3):
        for j in range(2):
            E = np.zeros((3, 2))
            E[i, j] = h
            fd[i, j] = (x @ (A + E) @ y - x @ (A - E) @ y) / (2 * h)
    assert checks.evaluate("05.matrix_gradient", fd).status == "correct"
    _wrong("05.matrix_gradient", np.outer(y, x), "transpose")
    _wrong("05.matrix_gradient", 0.0, "one number")
