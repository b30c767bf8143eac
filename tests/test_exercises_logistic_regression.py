"""Notebook 06's exercises: the expected answers checked independently, data that separate
the right formula from each slip in tests/banks/logistic_regression.py, and the training-loop
exercise against LogisticRegression on the course data."""

import numpy as np
import pytest
from banks.logistic_regression import BANK

from lecture_utils import checks, data
from lecture_utils.exercises import logistic_regression as ex06
from lecture_utils.exercises import logistic_training as ex06_train
from lecture_utils.logistic import LogisticRegression, sigmoid


def status(exercise_id, answer):
    return checks.evaluate(exercise_id, answer)


def test_small_data_is_the_notebooks():
    split = data.breast_cancer_split()
    X, y = ex06.small()
    np.testing.assert_array_equal(X, split.X_train[:8, :3])
    np.testing.assert_array_equal(y, split.y_train[:8])


def test_gd_step_starts_where_the_step_alone_differs():
    w_new, b_new = checks.get_exercise("06.gd_step").expected()
    X, y = ex06.small()
    # independent: the gradient written out, at w_small, b_small
    err = 1 / (1 + np.exp(-(X @ ex06.W_SMALL + ex06.B_SMALL))) - y
    np.testing.assert_allclose(w_new, ex06.W_SMALL - 0.5 * X.T @ err / 8, rtol=1e-12)
    assert b_new == pytest.approx(ex06.B_SMALL - 0.5 * err.mean(), rel=1e-12)
    assert not np.allclose(w_new, w_new - ex06.W_SMALL)  # "the step alone" is another answer
    for slip in BANK["06.gd_step"]:
        wrong = slip.answer()
        if len(wrong) != 2 or np.ndim(wrong[1]) != 0:
            continue  # a slip of type or layout (b as [b], w and b in one array), not of value
        assert not (np.allclose(wrong[0], w_new) and np.isclose(wrong[1], b_new)), slip.why


def test_broadcast_shape_is_what_numpy_does():
    y_hat, y_col = np.zeros(426), np.zeros((426, 1))
    assert status("06.broadcast_shape", (y_hat - y_col).shape).passed
    r = status("06.broadcast_shape", (426,))
    assert "lined up from the right" in r.message and "(1, 426)" in r.message


def _independent_train(X, y, learning_rate, steps):
    n, m = X.shape
    w, b = np.zeros(m), 0.0
    for _ in range(steps):
        p = 0.5 * (1 + np.tanh((X @ w + b) / 2))  # σ, written another way
        w, b = w - learning_rate * X.T @ (p - y) / n, b - learning_rate * np.mean(p - y)
    return w, b


def test_train_reference_is_logistic_regression_on_the_course_data():
    split = data.breast_cancer_split()
    for X, y, lr, steps in ex06_train._cases():
        assert X.shape[0] == split.X_train.shape[0]
        w, b = _independent_train(X, y, lr, steps)
        model = LogisticRegression(learning_rate=lr, max_steps=steps, tol=0).fit(X, y)
        np.testing.assert_allclose(model.w_, w, rtol=1e-10, atol=1e-13)
        assert model.b_ == pytest.approx(b, rel=1e-10)
    assert status("06.train", _independent_train).passed


def test_train_slips_differ_from_the_right_loop_on_every_case():
    for X, y, lr, steps in ex06_train._cases():
        right = ex06_train._train_variant(X, y, lr, steps)
        for flags in ({"sign": 1.0}, {"mean": False}, {"sequential": True}, {"update_b": False},
                      {"squash": False}, {"flip_dw": True}, {"b_sign": -1.0}):
            with np.errstate(all="ignore"):
                wrong = ex06_train._train_variant(X, y, lr, steps, **flags)
            assert not np.allclose(wrong[0], right[0], rtol=1e-4), flags


def test_train_stub_and_sigmoid_choice():
    def stub(X, y, learning_rate, steps):
        ...
    assert status("06.train", stub).status == "not attempted"
    # any correct sigmoid passes, including the lecture's own formula
    def textbook(X, y, learning_rate, steps):
        n, m = X.shape
        w, b = np.zeros(m), 0.0
        for _ in range(steps):
            p = 1 / (1 + np.exp(-(X @ w + b)))
            w, b = w - learning_rate * X.T @ (p - y) / n, b - learning_rate * np.mean(p - y)
        return w, b
    assert status("06.train", textbook).passed
    assert sigmoid(0.0) == 0.5


def test_a_slip_is_replayed_once_per_case_and_found_again_by_value():
    """The judge replays every training-loop slip at every check (a whole training run each):
    a replay is remembered by the case's value, so a second check, or the same case rebuilt,
    runs none; another case, or one that cannot be identified by value, runs its own."""
    from lecture_utils.exercises import _common

    calls = []

    def variant(x, factor):
        calls.append(factor)
        return x * factor

    predicate = _common.replay(variant, lambda result, want: np.allclose(result, want))
    x = np.arange(3.0)
    assert predicate(2 * x, (x, 2.0)) and predicate(2 * x, (x.copy(), 2.0))
    assert not predicate(2 * x, (x + 1, 2.0)) and not predicate(2 * x, (x, 3.0))
    assert calls == [2.0, 2.0, 3.0]
    unknown = (x, 2.0, object())
    assert predicate(2 * x, unknown[:2]) and calls == [2.0, 2.0, 3.0]
    opaque = _common.replay(lambda x, factor, _: variant(x, factor), lambda r, w: np.allclose(r, w))
    assert opaque(2 * x, unknown) and opaque(2 * x, unknown) and calls == [2.0, 2.0, 3.0, 2.0, 2.0]


def test_a_second_check_of_the_training_loop_says_the_same_without_replaying(monkeypatch):
    from lecture_utils.exercises import _loops

    slip = next(s for s in BANK["06.train"] if s.why == "no learning rate at all")
    first = checks.evaluate("06.train", slip.answer())
    runs = []
    real = _loops.descend
    monkeypatch.setattr(_loops, "descend", lambda *a, **k: runs.append(k) or real(*a, **k))
    again = checks.evaluate("06.train", slip.answer())
    assert again == first and slip.says in first.message
    assert runs == [], f"the second check replayed {len(runs)} training loops"
