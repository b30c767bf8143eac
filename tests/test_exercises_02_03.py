"""Every exercise of notebooks 02 and 03: passes on its worked solution, waits for ..., names mistakes."""

import numpy as np
import pytest

from lecture_utils.checks import all_exercises, evaluate
from lecture_utils.exercises import matrix_operations as mo
from lecture_utils.exercises import norms as nm

EXERCISES = [ex for ex in all_exercises() if ex.id[:3] in ("02.", "03.")]


def test_enough_exercises():
    assert sum(ex.id.startswith("02.") for ex in EXERCISES) >= 4
    assert sum(ex.id.startswith("03.") for ex in EXERCISES) >= 4


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda ex: ex.id)
def test_solution_passes_and_ellipsis_is_not_attempted(ex):
    assert evaluate(ex.id, ex.solution_answer()).status == "correct"
    assert evaluate(ex.id, ...).status == "not attempted"


def _wrong(exercise_id, answer, words):
    r = evaluate(exercise_id, answer)
    assert r.status == "wrong", r
    assert words in r.message, r.message


# Independent references for the expected answers (numbers worked out by hand).
def test_expected_answers_by_hand():
    assert evaluate("02.product_shape", (100, 8)).passed
    assert evaluate("02.entry_by_hand", 1 * 1 + 3 * 0 + 4 * 5).passed
    assert evaluate("03.frobenius_by_hand", 5).passed
    d = np.array([-0.5, 1.0, 0.0, 2.0])
    assert evaluate("03.prediction_distance", (3.5, np.sqrt(5.25), 2.0)).passed
    assert evaluate("03.which_are_norms", (True, False, False, True, False)).passed


def test_02_mistakes():
    _wrong("02.product_shape", (8, 100), "(X @ W)ᵀ")
    _wrong("02.product_shape", (5, 5), "inner sizes")
    _wrong("02.product_shape", (100, 5), "shape of one of the inputs")
    _wrong("02.entry_by_hand", (mo.P @ mo.Q)[0, 1], "that is C[0, 1]")
    _wrong("02.entry_by_hand", (mo.P @ mo.Q)[0, 0], "counts rows and columns from 0")
    _wrong("02.entry_by_hand", (mo.Q @ mo.P)[1, 0], "Q @ P")
    _wrong("02.fix_shape_bug", mo.W_ROWS @ mo.X_BATCH.T, "transpose of the right one")
    _wrong("02.fix_shape_bug", mo.X_BATCH * 2, "shape of X")
    _wrong("02.transpose_loops", lambda A: A, "that is A itself")
    _wrong("02.transpose_loops", lambda A: np.zeros((A.shape[1], A.shape[0])), "all zeros")
    _wrong("02.transpose_loops", lambda A: A.T if A.shape[0] == A.shape[1] else np.ones_like(A),
           "your result has A's shape")
    assert evaluate("02.transpose_loops", lambda A: ...).status == "not attempted"


def test_03_mistakes():
    def no_abs(x, p):
        return np.max(x) if p == np.inf else np.sum(x**p) ** (1 / p)

    def no_root(x, p):
        return np.max(np.abs(x)) if p == np.inf else np.sum(np.abs(x) ** p)

    def no_inf_branch(x, p):
        return np.sum(np.abs(x) ** p) ** (1 / p) if p != np.inf else 1.0

    _wrong("03.lp_norm", no_abs, "absolute value")
    _wrong("03.lp_norm", no_root, "1/p-th root")
    _wrong("03.lp_norm", no_inf_branch, "p = np.inf")
    _wrong("03.which_are_norms", (True, True, False, True, False), "homogeneity fails")
    _wrong("03.which_are_norms", (True, False, True, True, False), "(c) gives length 0")
    _wrong("03.which_are_norms", (True, False, False, True, True), "f(x + y) = 4")
    _wrong("03.which_are_norms", (True, False), "five answers")
    _wrong("03.frobenius_by_hand", 25, "square root is missing")
    _wrong("03.frobenius_by_hand", 9, "sum of absolute values")
    _wrong("03.frobenius_by_hand", 3, "square each entry")
    _wrong("03.frobenius_by_hand", 1, "must not cancel")
    diffs = tuple(np.linalg.norm(nm.Y_PRED, p) - np.linalg.norm(nm.Y_TRUE, p) for p in (1, 2, np.inf))
    _wrong("03.prediction_distance", diffs, "length of the difference")
    _wrong("03.prediction_distance", (3.5, 5.25, 2.0), "squared distance")
