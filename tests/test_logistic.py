"""lecture_utils.logistic against independent references: hand-computed cases, finite
differences written here, and a Newton's-method optimum written here."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from support import examples

from lecture_utils import logistic
from lecture_utils.logistic import (
    EPSILON,
    LogisticRegression,
    NotFittedError,
    confusion_matrix,
    cost,
    gradients,
    log_loss,
    sigmoid,
)


# --- independent references -----------------------------------------------------------------
def ref_sigmoid(z):
    """Textbook formula with Python floats, only for moderate z (math.exp overflows past ~709)."""
    return 1.0 / (1.0 + math.exp(-z))


def softplus(t):
    """log(1 + e^t) without overflow, and without computing 1 - p for p near 1."""
    return max(t, 0.0) + math.log1p(math.exp(-abs(t)))


def ref_cost(X, y, w, b, l2=0.0):
    """J by the lecture's formula, example by example, in Python floats.

    -log(p) = softplus(-z) and -log(1 - p) = softplus(z) for p = sigmoid(z): the same J, but
    exact to a few ulps for every z. Written as log(1 - p), J carries an absolute error of
    ~eps / (1 - p) (about 1e-10 at z = 14), which central differences divide by 2h = 2e-6:
    a reference off by 1e-4, more than the gradient's tolerance.
    """
    total = 0.0
    for xi, yi in zip(X, y):
        z = sum(a * c for a, c in zip(xi, w)) + b
        total += yi * softplus(-z) + (1 - yi) * softplus(z)
    return total / len(y) + l2 * sum(c * c for c in w)


def finite_difference_gradient(X, y, w, b, l2=0.0, h=1e-6):
    """Central differences of ref_cost in every weight and in b."""
    dw = np.zeros(len(w))
    for j in range(len(w)):
        up, down = np.array(w, float), np.array(w, float)
        up[j] += h
        down[j] -= h
        dw[j] = (ref_cost(X, y, up, b, l2) - ref_cost(X, y, down, b, l2)) / (2 * h)
    db = (ref_cost(X, y, w, b + h, l2) - ref_cost(X, y, w, b - h, l2)) / (2 * h)
    return dw, db


def newton_optimum(X, y, l2=0.0, steps=60):
    """Minimiser of J (+ l2 ||w||^2) by Newton's method on (w, b), written independently."""
    n, m = X.shape
    A = np.hstack([X, np.ones((n, 1))])
    theta = np.zeros(m + 1)
    penalty = np.diag([2 * l2] * m + [0.0])
    for _ in range(steps):
        p = 0.5 * (1 + np.tanh(A @ theta / 2))  # sigmoid through tanh: no overflow warnings
        grad = A.T @ (p - y) / n + penalty @ theta
        hess = (A.T * (p * (1 - p))) @ A / n + penalty
        theta = theta - np.linalg.solve(hess, grad)
    return theta[:m], theta[m]


def overlapping_data(n=60, seed=1):
    """Two overlapping Gaussian clouds: not separable, so J has a finite minimum."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.5).astype(int)
    X = rng.normal(size=(n, 2)) + np.where(y[:, None] == 1, 0.8, -0.3)
    return X, y


# --- sigmoid ----------------------------------------------------------------------------------
def test_sigmoid_hand_values():
    assert sigmoid(0) == 0.5
    assert sigmoid(math.log(3)) == pytest.approx(0.75)
    assert sigmoid(-math.log(3)) == pytest.approx(0.25)
    assert isinstance(sigmoid(1.0), float)
    out = sigmoid([[0.0, 2.0], [-2.0, 5.0]])
    assert out.shape == (2, 2)
    np.testing.assert_allclose(out, [[0.5, ref_sigmoid(2)], [ref_sigmoid(-2), ref_sigmoid(5)]], rtol=1e-15)


def test_sigmoid_extremes_no_overflow_no_warning():
    # pytest turns every warning into an error, so an overflow in exp would fail here.
    z = np.array([-np.inf, -1e308, -1000.0, -745.2, -40.0, 40.0, 745.2, 1000.0, 1e308, np.inf])
    out = sigmoid(z)
    assert np.all(np.isfinite(out))
    assert out[0] == 0.0 and out[-1] == 1.0
    assert np.all((out >= 0) & (out <= 1))
    assert np.all(np.diff(out) >= 0)
    assert math.isnan(sigmoid(float("nan")))
    assert sigmoid(np.array([])).shape == (0,)


@given(st.floats(allow_nan=False, allow_infinity=True))
def test_sigmoid_symmetry_and_range(z):
    s = sigmoid(z)
    assert 0.0 <= s <= 1.0
    assert sigmoid(-z) == pytest.approx(1 - s, abs=1e-15)


@given(st.floats(min_value=-700, max_value=700))
def test_sigmoid_matches_textbook_formula(z):
    assert sigmoid(z) == pytest.approx(ref_sigmoid(z), rel=1e-13, abs=1e-300)


def test_sigmoid_derivative_is_s_times_one_minus_s():
    z = np.linspace(-6, 6, 25)
    h = 1e-6
    numeric = (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)
    np.testing.assert_allclose(numeric, sigmoid(z) * (1 - sigmoid(z)), atol=1e-9)


def test_sigmoid_refuses_text():
    with pytest.raises(TypeError, match="z must be numbers"):
        sigmoid("3")


# --- log_loss and cost ------------------------------------------------------------------------
def test_log_loss_hand_computed():
    expected = -(math.log(0.8) + math.log(1 - 0.4)) / 2
    assert log_loss([1, 0], [0.8, 0.4]) == pytest.approx(expected, rel=1e-14)
    assert log_loss([1, 1, 0], [0.5, 0.5, 0.5]) == pytest.approx(math.log(2))


def test_log_loss_finite_at_exact_zero_and_one():
    worst = log_loss([1, 0], [0.0, 1.0])  # both confidently wrong: ln 0 without the clip
    assert math.isfinite(worst)
    # 1 - (1 - 1e-15) is 9.992e-16 in float64, hence the loose tolerance.
    assert worst == pytest.approx(-math.log(EPSILON), rel=1e-4)
    assert log_loss([1, 0], [1.0, 0.0]) == pytest.approx(0.0, abs=1e-14)


def test_log_loss_column_and_flat_agree():
    y, p = np.array([1, 0, 1]), np.array([0.9, 0.2, 0.6])
    assert log_loss(y[:, None], p) == log_loss(y, p[:, None]) == log_loss(y, p)


def test_log_loss_errors():
    with pytest.raises(ValueError, match="only the labels 0 and 1.*got 2"):
        log_loss([2, 0], [0.5, 0.5])
    with pytest.raises(ValueError, match=r"probabilities in \[0, 1\].*Did you pass z"):
        log_loss([1, 0], [2.3, -1.0])
    with pytest.raises(ValueError, match="y_hat must have 2 entries"):
        log_loss([1, 0], [0.5, 0.5, 0.5])
    with pytest.raises(ValueError, match=r"shape \(1, 3\).*\(n, n\) matrix"):
        log_loss(np.array([[1, 0, 1]]), [0.5, 0.5, 0.5])
    with pytest.raises(ValueError, match="eps must be a small positive number"):
        log_loss([1], [0.5], eps=0.0)


def test_cost_matches_lecture_formula_and_log_loss():
    X, y = overlapping_data(20)
    w, b = np.array([0.7, -0.4]), 0.3
    assert cost(X, y, w, b) == pytest.approx(ref_cost(X, y, w, b), rel=1e-12)
    assert cost(X, y, w, b) == pytest.approx(log_loss(y, sigmoid(X @ w + b)), rel=1e-12)
    assert cost(X, y, w, b, l2=0.5) == pytest.approx(ref_cost(X, y, w, b, l2=0.5), rel=1e-12)


def test_cost_exact_for_huge_logits():
    # One example, z = 1000 for y = 0: the loss is ln(1 + e^1000) ~ 1000 exactly, no clip.
    assert cost([[1.0]], [0], [1000.0], 0.0) == pytest.approx(1000.0)
    assert cost([[1.0]], [1], [1000.0], 0.0) == 0.0


# --- gradients --------------------------------------------------------------------------------
def test_gradients_hand_computed_sign():
    # w = 0, b = 0: every y_hat = 1/2. dw = (1/n) X^T (y_hat - y) = (1*(0.5-1) + 2*(0.5-0)) / 2.
    dw, db = gradients([[1.0], [2.0]], [1, 0], [0.0], 0.0)
    assert dw.shape == (1,)
    assert dw[0] == pytest.approx(0.25)
    assert db == pytest.approx(0.0)
    # The slide's (y - y_hat) would give -0.25: stepping along it climbs the cost.
    assert dw[0] > 0


@pytest.mark.parametrize("l2", [0.0, 0.3])
def test_gradients_match_finite_differences(l2):
    X, y = overlapping_data(25, seed=3)
    X = np.hstack([X, X[:, :1] ** 2])
    w, b = np.array([0.4, -1.1, 0.2]), -0.2
    dw, db = gradients(X, y, w, b, l2=l2)
    ref_dw, ref_db = finite_difference_gradient(X, y, w, b, l2=l2)
    np.testing.assert_allclose(dw, ref_dw, rtol=1e-6, atol=1e-9)
    assert db == pytest.approx(ref_db, rel=1e-6, abs=1e-9)


@settings(max_examples=examples(30), deadline=None)
@given(hnp.arrays(float, (6, 2), elements=st.floats(-3, 3)),
       hnp.arrays(int, 6, elements=st.integers(0, 1)),
       hnp.arrays(float, 2, elements=st.floats(-2, 2)),
       st.floats(-2, 2))
def test_gradients_property_finite_differences(X, y, w, b):
    # A tolerance that holds for every draw: |z| <= 3*2*2 + 2 = 14, so J <= 15 and its
    # round-off is below ~1e-14 (50 ulps), 5e-9 once divided by 2h. The truncation error,
    # h^2/6 times J's third derivative (at most max|x|^3 / 10), is below 1e-12. atol = 1e-7
    # is twenty times the worst case; rtol covers the large components.
    dw, db = gradients(X, y, w, b)
    ref_dw, ref_db = finite_difference_gradient(X, y, w, b)
    np.testing.assert_allclose(dw, ref_dw, rtol=1e-6, atol=1e-7)
    assert db == pytest.approx(ref_db, rel=1e-6, abs=1e-7)


def test_gradients_columns_do_not_broadcast():
    X, y = overlapping_data(10)
    w = np.array([0.5, -0.5])
    dw, db = gradients(X, y, w, 0.1)
    dw_col, db_col = gradients(X, y[:, None], w[:, None], 0.1)
    assert dw_col.shape == (2, 1)  # same shape as the w given, so w - lr * dw stays (m, 1)
    np.testing.assert_allclose(dw_col[:, 0], dw)
    assert db_col == db


def test_gradients_errors():
    X, y = overlapping_data(10)
    with pytest.raises(ValueError, match=r"y must be a vector of shape \(n,\) or a column \(n, 1\).*classic"):
        gradients(X, y[None, :], np.zeros(2), 0.0)
    with pytest.raises(ValueError, match=r"w must have one weight per column.*needs 2 entries"):
        gradients(X, y, np.zeros(3), 0.0)
    with pytest.raises(ValueError, match=r"same number of examples.*is X transposed"):
        gradients(X.T, y, np.zeros(10), 0.0)
    with pytest.raises(ValueError, match=r"w must have shape \(m,\) or \(m, 1\)"):
        gradients(X, y, np.zeros((2, 2)), 0.0)
    with pytest.raises(TypeError, match="b must be one number"):
        gradients(X, y, np.zeros(2), np.zeros(2))
    with pytest.raises(ValueError, match="l2 must be >= 0"):
        gradients(X, y, np.zeros(2), 0.0, l2=-1)
    with pytest.raises(ValueError, match=r"X must be a 2-D matrix.*reshape"):
        gradients(X[:, 0], y, np.zeros(1), 0.0)


# --- confusion matrix -------------------------------------------------------------------------
def test_confusion_matrix_hand_counted():
    table = confusion_matrix([0, 0, 1, 1, 1, 0], [0, 1, 1, 0, 1, 0])
    np.testing.assert_array_equal(table, [[2, 1], [1, 2]])


# --- the estimator ----------------------------------------------------------------------------
def test_fit_reaches_newton_optimum_on_overlapping_data():
    X, y = overlapping_data()
    model = LogisticRegression(learning_rate=1.0, max_steps=5000, tol=1e-15).fit(X, y)
    w_star, b_star = newton_optimum(X, y)
    np.testing.assert_allclose(model.w_, w_star, atol=1e-5)
    assert model.b_ == pytest.approx(b_star, abs=1e-5)
    assert model.cost_history_[-1] == pytest.approx(ref_cost(X, y, w_star, b_star), abs=1e-10)


def test_fit_with_l2_reaches_regularised_newton_optimum():
    X, y = overlapping_data()
    model = LogisticRegression(learning_rate=0.5, max_steps=5000, tol=1e-15, l2=0.1).fit(X, y)
    w_star, b_star = newton_optimum(X, y, l2=0.1)
    np.testing.assert_allclose(model.w_, w_star, atol=1e-6)
    assert model.cost_history_[-1] == pytest.approx(ref_cost(X, y, w_star, b_star, l2=0.1), abs=1e-10)
    unregularised = LogisticRegression(learning_rate=1.0, max_steps=5000, tol=1e-15).fit(X, y)
    assert np.linalg.norm(model.w_) < np.linalg.norm(unregularised.w_)


def test_separable_data_weights_keep_growing():
    # Perfectly separable: J -> 0 only as ||w|| -> infinity, there is no finite minimum.
    X = np.array([[-2.0], [-1.0], [-0.5], [0.5], [1.0], [2.0]])
    y = np.array([0, 0, 0, 1, 1, 1])
    short = LogisticRegression(learning_rate=1.0, max_steps=100, tol=0).fit(X, y)
    long = LogisticRegression(learning_rate=1.0, max_steps=2000, tol=0).fit(X, y)
    assert long.score(X, y) == 1.0
    assert np.linalg.norm(long.w_) > np.linalg.norm(short.w_) + 1
    assert long.cost_history_[-1] < short.cost_history_[-1] < 0.1
    assert np.all(np.diff(long.cost_history_) <= 1e-15)
    # An L2 penalty gives a finite optimum instead.
    reg = LogisticRegression(learning_rate=1.0, max_steps=2000, tol=0, l2=0.05).fit(X, y)
    w_star, _ = newton_optimum(X, y, l2=0.05)
    np.testing.assert_allclose(reg.w_, w_star, atol=1e-8)


def test_estimator_api():
    X, y = overlapping_data()
    model = LogisticRegression(learning_rate=0.5, max_steps=200, tol=0)
    assert model.fit(X, y) is model
    assert repr(model) == "LogisticRegression(learning_rate=0.5, max_steps=200, tol=0, l2=0.0)"
    proba = model.predict_proba(X)
    assert proba.shape == (60,) and np.all((proba > 0) & (proba < 1))
    np.testing.assert_allclose(proba, [ref_sigmoid(x @ model.w_ + model.b_) for x in X], rtol=1e-12)
    np.testing.assert_array_equal(model.predict(X), (proba >= 0.5).astype(int))
    np.testing.assert_array_equal(model.predict(X, threshold=0.9), (proba >= 0.9).astype(int))
    assert model.score(X, y) == pytest.approx(np.mean((proba >= 0.5) == y))
    np.testing.assert_allclose(model.decision_function(X), X @ model.w_ + model.b_)
    assert model.cost(X, y) == pytest.approx(model.cost_history_[-1])
    assert model.cost_history_.shape == (201,) and model.n_steps_ == 200
    assert model.cost_history_[0] == pytest.approx(math.log(2))
    assert not model.converged_ and model.path_ is None


def test_tol_stops_early_and_path_is_kept():
    X, y = overlapping_data()
    model = LogisticRegression(learning_rate=1.0, max_steps=10_000, tol=1e-6).fit(X, y, keep_path=True)
    assert model.converged_ and model.n_steps_ < 10_000
    W, B = model.path_
    # tol means what it means in optim.gradient_descent: the last step moved (w, b) by < tol
    last_step = np.hypot(np.linalg.norm(W[-1] - W[-2]), B[-1] - B[-2])
    assert last_step < 1e-6 <= np.hypot(np.linalg.norm(W[-2] - W[-3]), B[-2] - B[-3])
    assert W.shape == (model.n_steps_ + 1, 2) and B.shape == (model.n_steps_ + 1,)
    np.testing.assert_array_equal(W[0], [0, 0])
    np.testing.assert_array_equal(W[-1], model.w_)
    # Every step is w := w - lr * grad J (simultaneous update of all weights and b).
    dw, db = gradients(X, y, W[3], B[3])
    np.testing.assert_allclose(W[4], W[3] - 1.0 * dw)
    assert B[4] == pytest.approx(B[3] - 1.0 * db)


def test_column_labels_give_the_same_model():
    X, y = overlapping_data()
    a = LogisticRegression(max_steps=50).fit(X, y)
    b = LogisticRegression(max_steps=50).fit(X, y[:, None])
    np.testing.assert_array_equal(a.w_, b.w_)
    assert a.score(X, y[:, None]) == a.score(X, y)


def test_estimator_errors():
    X, y = overlapping_data()
    with pytest.raises(NotFittedError, match=r"not fitted yet: call fit\(X, y\) before predict\(\)"):
        LogisticRegression().predict(X)
    with pytest.raises(NotFittedError, match="before predict_proba"):
        LogisticRegression().predict_proba(X)
    # scikit-learn's convention: NotFittedError is both a ValueError and an AttributeError
    assert issubclass(NotFittedError, ValueError) and issubclass(NotFittedError, AttributeError)
    assert not hasattr(LogisticRegression(), "w_")
    with pytest.raises(ValueError):
        LogisticRegression().score(X, y)
    # __init__ stores the settings unchanged; fit checks them
    bad = LogisticRegression(learning_rate=-1, tol="x")
    assert bad.learning_rate == -1 and bad.tol == "x"
    with pytest.raises(ValueError, match="learning_rate must be positive"):
        bad.fit(X, y)
    with pytest.raises(ValueError, match=r"tol must be >= 0"):
        LogisticRegression(tol=-1).fit(X, y)
    with pytest.raises(ValueError, match=r"l2 must be >= 0"):
        LogisticRegression(l2=-0.1).fit(X, y)
    with pytest.raises(ValueError, match=r"same number of examples: X has shape \(60, 2\).*\(59,\)"):
        LogisticRegression().fit(X, y[:-1])
    with pytest.raises(ValueError, match="only the labels 0 and 1"):
        LogisticRegression().fit(X, y * 2)
    with pytest.raises(ValueError, match=r"\(n, n\) matrix.*classic"):
        LogisticRegression().fit(X, np.tile(y[:, None], (1, 2)))
    model = LogisticRegression(max_steps=5).fit(X, y)
    with pytest.raises(ValueError, match="X has 3 features .* fitted on 2"):
        model.predict(np.zeros((4, 3)))
    with pytest.raises(ValueError, match=r"single example.*reshape\(1, -1\)"):
        model.predict(X[0])
    with pytest.raises(ValueError, match=r"threshold must be a probability"):
        model.predict(X, threshold=1.5)
    with pytest.raises(ValueError, match="learning_rate must be positive"):
        LogisticRegression(learning_rate=0).fit(X, y)
    with pytest.raises(TypeError, match="max_steps must be a whole number"):
        LogisticRegression(max_steps=10.5).fit(X, y)


def test_breast_cancer_model_is_accurate():
    from lecture_utils import data

    X, y, _ = data.load_breast_cancer()
    X_train, X_test, y_train, y_test = data.train_test_split(X, y, test_size=0.25, seed=0)
    X_train, X_test = data.standardize(X_train, X_test)
    model = LogisticRegression().fit(X_train, y_train)
    assert model.score(X_test, y_test) > 0.95
    assert np.all(np.diff(model.cost_history_) <= 0)


def test_public_names():
    for name in ("sigmoid", "log_loss", "gradients", "LogisticRegression", "NotFittedError", "check_labels"):
        assert name in logistic.__all__
