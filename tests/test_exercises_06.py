"""Notebook 06's exercises: solutions pass, stubs are "not attempted", and each classic
mistake is recognised by name."""

import numpy as np
import pytest

from lecture_utils import checks
from lecture_utils.exercises import logistic_regression as ex06
from lecture_utils.logistic import sigmoid

IDS = ["06.predictions", "06.cost", "06.broadcast_shape", "06.gradient", "06.safe_log_loss", "06.gd_step"]


def status(exercise_id, answer):
    return checks.evaluate(exercise_id, answer)


@pytest.mark.parametrize("exercise_id", IDS)
def test_solution_passes_and_stub_is_not_attempted(exercise_id):
    ex = checks.get_exercise(exercise_id)
    assert status(exercise_id, ex.solution_answer()).status == "correct"
    assert status(exercise_id, ...).status == "not attempted"


def test_at_least_five_exercises_registered():
    # Only this notebook's module (imported above): another topic's module must not matter here.
    registered = [i for i in checks._REGISTRY if i.startswith("06.")]
    assert sorted(registered) == sorted(IDS)


def _small():
    X, y = ex06.small()
    return X, y, ex06.W_SMALL, ex06.B_SMALL


def test_predictions_mistakes():
    X, y, w, b = _small()
    assert status("06.predictions", sigmoid(X @ w + b)).passed
    assert "forgot the bias" in status("06.predictions", sigmoid(X @ w)).message
    assert "apply the sigmoid" in status("06.predictions", X @ w + b).message
    assert "column (8, 1)" in status("06.predictions", sigmoid(X @ w + b)[:, None]).message
    wrong = status("06.predictions", sigmoid(X @ w + b) + 0.1)
    assert wrong.status == "wrong" and "Hint" in wrong.message


def test_cost_mistakes():
    y, p = ex06.Y_TOY, ex06.P_TOY
    terms = y * np.log(p) + (1 - y) * np.log(1 - p)
    assert status("06.cost", -np.mean(terms)).passed
    assert "1/n is missing" in status("06.cost", -np.sum(terms)).message
    assert "sign is wrong" in status("06.cost", np.mean(terms)).message
    assert "(1 − y) ln(1 − ŷ)" in status("06.cost", -np.mean(y * np.log(p))).message


def test_broadcast_shape_mistake():
    y_hat, y_col = np.zeros(426), np.zeros((426, 1))
    assert status("06.broadcast_shape", (y_hat - y_col).shape).passed
    assert "broadcasts" in status("06.broadcast_shape", (426,)).message
    assert status("06.broadcast_shape", (426, 1)).status == "wrong"


def _gradient(*, transpose=False, sign=1.0, mean=True, bias=True, flatten=True):
    def gradient(X, y, w, b):
        if flatten:
            y = np.ravel(y)
        err = sigmoid(X @ w + (b if bias else 0.0)) - y
        A = X if transpose else X.T
        dw = sign * (A @ err)
        return (dw / X.shape[0] if mean else dw), sign * np.mean(err)
    return gradient


@pytest.mark.parametrize("kwargs, words", [
    ({"transpose": True}, "Xᵀ is needed"),
    ({"sign": -1.0}, "sign slip"),
    ({"mean": False}, "1/n is missing"),
    ({"bias": False}, "forgot the bias"),
    ({"flatten": False}, "broadcast to (n, n)"),
])
def test_gradient_mistakes(kwargs, words):
    result = status("06.gradient", _gradient(**kwargs))
    assert result.status == "wrong"
    assert words in result.message, result.message


def test_gradient_correct_and_stub_function():
    assert status("06.gradient", _gradient()).passed

    def stub(X, y, w, b):
        ...
    assert status("06.gradient", stub).status == "not attempted"


def test_safe_log_loss_mistakes():
    y, p = ex06.Y_EDGE, ex06.P_EDGE
    q = np.clip(p, 1e-15, 1 - 1e-15)
    assert status("06.safe_log_loss", float(-np.mean(y * np.log(q) + (1 - y) * np.log(1 - q)))).passed
    with np.errstate(divide="ignore", invalid="ignore"):  # the student's unclipped ln 0
        raw = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert not np.isfinite(raw)
    assert "ln 0" in status("06.safe_log_loss", raw).message
    assert "sum" in status("06.safe_log_loss", float(-np.sum(y * np.log(q) + (1 - y) * np.log(1 - q)))).message


def test_gd_step_mistakes():
    X, y, _, _ = _small()
    err = sigmoid(np.zeros(8)) - y
    dw, db = X.T @ err / 8, np.mean(err)
    assert status("06.gd_step", (-0.5 * dw, -0.5 * db)).passed
    assert "uphill" in status("06.gd_step", (0.5 * dw, 0.5 * db)).message
    assert "b must be updated" in status("06.gd_step", (-0.5 * dw, 0.0)).message
