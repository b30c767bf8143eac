"""The contract both classifiers share through ``_classifier.Classifier`` (one test, both estimators).

scikit-learn checks every estimator with one suite (``check_estimator``); this is the course's
small version: what a student may rely on whichever classifier they hold.
"""

import inspect

import numpy as np
import pytest

from lecture_utils import logistic, network
from lecture_utils.logistic import DivergenceWarning, LogisticRegression, NotFittedError
from lecture_utils.network import MLPClassifier

# Few steps: these tests are about the shared plumbing, not about how well either one learns.
CLASSIFIERS = {
    "logistic": lambda **kw: LogisticRegression(learning_rate=0.5, max_steps=50, **kw),
    "network": lambda **kw: MLPClassifier(hidden=3, learning_rate=0.5, max_steps=50, **kw),
}


@pytest.fixture(params=sorted(CLASSIFIERS))
def make(request):
    return CLASSIFIERS[request.param]


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((40, 2))
    y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(int)
    return X, y


def test_one_not_fitted_error_class():
    # Code written for notebook 06 (`except logistic.NotFittedError`) must catch 07's too.
    assert network.NotFittedError is logistic.NotFittedError
    assert issubclass(NotFittedError, ValueError) and issubclass(NotFittedError, AttributeError)


@pytest.mark.parametrize("cls", [LogisticRegression, MLPClassifier])
def test_repr_names_every_setting_as_given(cls):
    names = [p for p in inspect.signature(cls.__init__).parameters if p != "self"]
    model = cls(learning_rate=0.25)
    text = repr(model)
    assert text.startswith(f"{cls.__name__}(") and text.endswith(")")
    assert text == f"{cls.__name__}(" + ", ".join(f"{k}={getattr(model, k)!r}" for k in names) + ")"
    assert "learning_rate=0.25" in text


def test_init_only_stores_and_fit_checks(make, data):
    X, y = data
    model = make(tol=-1.0)  # accepted by __init__, as in scikit-learn ...
    with pytest.raises(ValueError, match=r"^tol must be >= 0"):
        model.fit(X, y)  # ... refused by fit, naming the setting


def test_every_prediction_before_fit_says_call_fit(make, data):
    X, _ = data
    model = make()
    name = type(model).__name__
    for method in ("predict", "predict_proba", "decision_function", "score"):
        args = (X, np.zeros(len(X))) if method == "score" else (X,)
        with pytest.raises(NotFittedError, match=rf"^this {name} is not fitted yet: call fit\(X, y\) before {method}\(\)$"):
            getattr(model, method)(*args)


def test_fit_records_the_run(make, data):
    X, y = data
    model = make()
    assert model.fit(X, y) is model
    assert model.n_features_in_ == 2
    assert model.cost_history_.shape == (model.n_steps_ + 1,) and model.n_steps_ == 50
    assert model.converged_ is False and model.diverged_ is False
    assert model.cost_history_[-1] < model.cost_history_[0]  # it learned something


def test_predict_and_score_follow_predict_proba(make, data):
    X, y = data
    model = make().fit(X, y)
    proba = model.predict_proba(X)
    assert proba.shape == (len(X),) and np.all((proba > 0) & (proba < 1))
    for threshold in (0.0, 0.3, 0.5, 1.0):
        pred = model.predict(X, threshold=threshold)
        assert pred.dtype == np.int64
        np.testing.assert_array_equal(pred, (proba >= threshold).astype(int))
    assert model.score(X, y) == pytest.approx(np.mean((proba >= 0.5) == y))
    assert model.score(X, y.reshape(-1, 1)) == model.score(X, y)  # a column of labels is flattened


@pytest.mark.parametrize("threshold", [-0.1, 1.5])
def test_threshold_outside_zero_one_is_refused_the_same_way(make, data, threshold):
    X, y = data
    model = make().fit(X, y)
    with pytest.raises(ValueError, match=rf"^threshold must be a probability in \[0, 1\], got {threshold}$"):
        model.predict(X, threshold=threshold)


def test_shape_errors_name_the_shapes(make, data):
    X, y = data
    model = make()
    with pytest.raises(ValueError, match=r"same number of examples: X has shape \(40, 2\) \(40 rows\), y has shape \(39,\)"):
        model.fit(X, y[:-1])
    with pytest.raises(ValueError, match=r"X must be a 2-D matrix .* got shape \(40,\).*reshape"):
        model.fit(X[:, 0], y)
    with pytest.raises(ValueError, match=r"\(n, n\) matrix.*classic"):
        model.fit(X, y.reshape(1, -1))
    with pytest.raises(ValueError, match=r"only the labels 0 and 1.*got 2"):
        model.fit(X, np.where(y == 1, 2, 0))
    model.fit(X, y)
    with pytest.raises(ValueError, match=r"^X has 3 features \(shape \(5, 3\)\) but the (model|network) was fitted on 2"):
        model.predict(np.ones((5, 3)))
    with pytest.raises(ValueError, match=r"same number of examples"):
        model.score(X, y[:-1])


def test_a_diverged_fit_keeps_finite_parameters_and_says_so_in_its_repr(make, data):
    X, y = data
    model = make()
    model.learning_rate = 1e12
    if isinstance(model, LogisticRegression):
        with pytest.warns(DivergenceWarning, match="diverged"):
            model.fit(X * 1e150, y)
    else:
        model.activation = "relu"  # tanh saturates instead of overflowing
        model.fit(X * 1e100, y)  # no warning may escape a network's fit (pytest makes it an error)
    assert model.diverged_ and np.all(np.isfinite(model.cost_history_))
    assert model.n_steps_ == len(model.cost_history_) - 1
    learned = ", ".join(type(model)._learned)
    assert repr(model).endswith(f"  # diverged after {model.n_steps_} steps: {learned} are the last finite ones")
    for name in type(model)._learned:
        assert np.all(np.isfinite(getattr(model, name)))
