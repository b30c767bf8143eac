"""Notebook 07's network: the maths against finite differences and the Value engine, the
estimator's conventions, the drawings, the explorers at their extremes, and the exercises."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples

from lecture_utils import _network07, plots
from lecture_utils.calculus import Value, numerical_gradient
from lecture_utils.checks import evaluate
from lecture_utils.exercises import neural_network as ex
from lecture_utils.logistic import LogisticRegression, NotFittedError, log_loss, sigmoid
from lecture_utils.network import (
    ACTIVATIONS,
    MLPClassifier,
    backward,
    cost,
    forward,
    init_params,
    make_moons,
    moons_split,
)
from lecture_utils.widgets import HiddenLayerExplorer, InitializationExplorer, _scene, _scene_mpl


def _problem(n=12, m=3, h=4, seed=3):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, m))
    y = (rng.random(n) < 0.5).astype(float)
    W1, b1, W2 = rng.standard_normal((m, h)), rng.standard_normal(h), rng.standard_normal(h)
    return X, y, W1, b1, W2, 0.3


# --- data --------------------------------------------------------------------------------------
def test_make_moons_is_seeded_balanced_and_on_two_arcs():
    X, y = make_moons(n=101, noise=0.0, seed=4)
    assert X.shape == (101, 2) and y.shape == (101,) and set(np.unique(y)) == {0.0, 1.0}
    assert int((y == 0).sum()) == 50
    np.testing.assert_allclose(np.hypot(*X[y == 0].T), 1.0)              # upper arc: unit circle
    np.testing.assert_allclose(np.hypot(X[y == 1, 0] - 1, X[y == 1, 1] - 0.5), 1.0)
    assert np.all(X[y == 0, 1] >= 0) and np.all(X[y == 1, 1] <= 0.5)
    a, b = make_moons(seed=7), make_moons(seed=7)
    np.testing.assert_array_equal(a[0], b[0])
    assert not np.array_equal(make_moons(seed=8)[0], a[0])


@pytest.mark.parametrize("kwargs, error", [(dict(n=1), ValueError), (dict(noise=-0.1), ValueError),
                                           (dict(n=10.0), TypeError), (dict(seed="a"), TypeError)])
def test_make_moons_refuses_bad_input(kwargs, error):
    with pytest.raises(error):
        make_moons(**kwargs)


def test_moons_split_is_the_notebook_split_and_fresh():
    X_train, X_test, _y_train, _y_test = moons_split()
    assert X_train.shape == (210, 2) and X_test.shape == (90, 2)
    X_train[:] = 0
    assert np.any(moons_split()[0] != 0)


# --- forward, cost, backward ---------------------------------------------------------------------
def test_forward_is_the_formula_with_its_shapes():
    X, _y, W1, b1, W2, b2 = _problem()
    fwd = forward(X, W1, b1, W2, b2)
    H = np.tanh(X @ W1 + b1)
    np.testing.assert_allclose(fwd.H, H)
    np.testing.assert_allclose(fwd.y_hat, 1 / (1 + np.exp(-(H @ W2 + b2))))
    assert fwd.Z1.shape == fwd.H.shape == (12, 4) and fwd.z2.shape == fwd.y_hat.shape == (12,)
    np.testing.assert_allclose(forward(X, W1, b1, W2[:, None], np.array(b2)).y_hat, fwd.y_hat)


def test_cost_is_log_loss_and_finite_for_huge_scores():
    X, y, W1, b1, W2, b2 = _problem()
    assert cost(X, y, W1, b1, W2, b2) == pytest.approx(log_loss(y, forward(X, W1, b1, W2, b2).y_hat))
    huge = cost(X, y, W1, b1, 1e6 * W2, b2)
    assert np.isfinite(huge) and huge > 1e4
    assert cost(X, y, W1, b1, W2, b2, l2=0.5) == pytest.approx(
        cost(X, y, W1, b1, W2, b2) + 0.5 * (np.sum(W1 ** 2) + W2 @ W2))


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("l2", [0.0, 0.3])
def test_backward_matches_finite_differences(activation, l2):
    X, y, W1, b1, W2, b2 = _problem()
    grads = backward(X, y, W1, b1, W2, b2, activation=activation, l2=l2)

    def J(*params):
        return cost(X, y, *params, activation=activation, l2=l2)

    numeric = (numerical_gradient(lambda v: J(v, b1, W2, b2), W1), numerical_gradient(lambda v: J(W1, v, W2, b2), b1),
               numerical_gradient(lambda v: J(W1, b1, v, b2), W2), numerical_gradient(lambda v: J(W1, b1, W2, v), b2))
    for got, want, param in zip(grads, numeric, (W1, b1, W2, b2)):
        assert np.shape(got) == np.shape(param)
        np.testing.assert_allclose(got, want, atol=1e-8)


def test_backward_matches_the_value_engine():
    X, y, W1, b1, W2, b2 = _problem(n=5, m=2, h=3)
    n, m, h = X.shape[0], *W1.shape
    vW1 = [[Value(W1[i, j]) for j in range(h)] for i in range(m)]
    vb1, vW2, vb2 = [Value(v) for v in b1], [Value(v) for v in W2], Value(b2)
    losses = []
    for x, t in zip(X, y):
        hidden = [(sum(x[i] * vW1[i][j] for i in range(m)) + vb1[j]).tanh() for j in range(h)]
        p = (sum(hj * wj for hj, wj in zip(hidden, vW2)) + vb2).sigmoid()
        losses.append(-(t * p.log() + (1 - t) * (1 - p).log()))
    J = sum(losses) / n
    J.backward()
    assert J.data == pytest.approx(cost(X, y, W1, b1, W2, b2), rel=1e-12)
    grads = backward(X, y, W1, b1, W2, b2)
    np.testing.assert_allclose(grads.dW1, [[v.grad for v in row] for row in vW1], atol=1e-14)
    np.testing.assert_allclose(grads.db1, [v.grad for v in vb1], atol=1e-14)
    np.testing.assert_allclose(grads.dW2, [v.grad for v in vW2], atol=1e-14)
    assert grads.db2 == pytest.approx(vb2.grad, abs=1e-14)


@pytest.mark.parametrize("change, words", [
    (lambda p: (p[0], p[1], p[2].T, *p[3:]), "inner sizes"),
    (lambda p: (p[0], p[1], p[2], p[3][:2], *p[4:]), "one bias per hidden unit"),
    (lambda p: (p[0], p[1], p[2], p[3], p[4][:2], p[5]), "one weight per hidden unit"),
    (lambda p: (p[0], p[1][:5], *p[2:]), "same number of examples"),
    (lambda p: (p[0], p[1] * 2, *p[2:]), "labels 0 and 1"),
    (lambda p: (p[0][0], *p[1:]), "2-D"),
])
def test_bad_shapes_are_refused_with_the_shapes_named(change, words):
    with pytest.raises(ValueError, match=words):
        backward(*change(_problem()))


def test_bad_types_and_names_are_refused():
    X, y, W1, b1, W2, b2 = _problem()
    with pytest.raises(TypeError):
        forward(X, W1, b1, W2, "b2")
    with pytest.raises(ValueError, match="activation must be one of"):
        forward(X, W1, b1, W2, b2, activation="softplus")
    with pytest.raises(ValueError, match="l2 must be >= 0"):
        backward(X, y, W1, b1, W2, b2, l2=-1)


def test_init_params_is_seeded_scaled_and_zero_at_scale_zero():
    W1, b1, W2, b2 = init_params(400, 300, seed=1)
    assert W1.shape == (400, 300) and b1.shape == (300,) and W2.shape == (300,) and b2 == 0.0
    assert W1.std() == pytest.approx(1 / np.sqrt(400), rel=0.02) and W2.std() == pytest.approx(1 / np.sqrt(300), rel=0.1)
    np.testing.assert_array_equal(init_params(3, 2, seed=5)[0], init_params(3, 2, seed=5)[0])
    assert not any(np.any(p) for p in init_params(3, 2, scale=0.0))
    with pytest.raises(ValueError):
        init_params(3, 0)


# --- the estimator -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def moons():
    return moons_split()


def test_fit_learns_attributes_and_beats_logistic_regression(moons):
    X_train, X_test, y_train, y_test = moons
    net = MLPClassifier(hidden=4, learning_rate=1.0, max_steps=1500)
    assert net.fit(X_train, y_train) is net
    assert net.W1_.shape == (2, 4) and net.b1_.shape == (4,) and net.W2_.shape == (4,) and isinstance(net.b2_, float)
    assert net.cost_history_.shape == (1501,) and net.n_steps_ == 1500 and not net.converged_ and not net.diverged_
    assert net.cost_history_[-1] < 0.15 < net.cost_history_[0]
    logreg = LogisticRegression(learning_rate=1.0, max_steps=2000, tol=0).fit(X_train, y_train)
    assert net.score(X_test, y_test) > logreg.score(X_test, y_test) + 0.1
    proba = net.predict_proba(X_test)
    assert proba.shape == (90,) and np.all((proba > 0) & (proba < 1))
    np.testing.assert_array_equal(net.predict(X_test), (proba >= 0.5).astype(int))
    np.testing.assert_array_equal(net.predict(X_test, threshold=0.0), np.ones(90))
    np.testing.assert_allclose(net.hidden_activations(X_test), forward(X_test, net.W1_, net.b1_, net.W2_, net.b2_).H)
    assert "MLPClassifier(hidden=4" in repr(net)


def test_fit_is_gradient_descent_from_init_params(moons):
    X, y = moons[0][:50], moons[2][:50]
    params = init_params(2, 3, seed=2)
    for _ in range(20):
        params = tuple(p - 0.7 * g for p, g in zip(params, backward(X, y, *params)))
    net = MLPClassifier(hidden=3, learning_rate=0.7, max_steps=20, seed=2).fit(X, y, keep_every=5)
    for got, want in zip((net.W1_, net.b1_, net.W2_, net.b2_), params):
        np.testing.assert_allclose(got, want, rtol=1e-12)
    assert sorted(net.snapshots_) == [0, 5, 10, 15, 20]
    np.testing.assert_allclose(net.snapshots_[20][0], net.W1_)
    J = [cost(X, y, *net.snapshots_[s]) for s in (0, 5, 10)]
    np.testing.assert_allclose(J, net.cost_history_[[0, 5, 10]])


def test_seeds_scale_zero_and_identity(moons):
    X, _, y, _ = moons
    a, b = (MLPClassifier(hidden=3, max_steps=30, seed=s).fit(X, y) for s in (0, 1))
    assert not np.allclose(a.W1_, b.W1_)
    np.testing.assert_array_equal(MLPClassifier(hidden=3, max_steps=30, seed=0).fit(X, y).W1_, a.W1_)
    stuck = MLPClassifier(hidden=3, max_steps=50, init_scale=0.0).fit(X, y)
    assert not np.any(stuck.W1_) and not np.any(stuck.W2_) and stuck.b2_ != 0
    linear = MLPClassifier(hidden=4, activation="identity", learning_rate=0.5, max_steps=100).fit(X, y)
    np.testing.assert_allclose(linear.decision_function(X), X @ (linear.W1_ @ linear.W2_) + linear.b1_ @ linear.W2_
                               + linear.b2_)


def test_tol_stops_and_overflow_is_reported(moons):
    X, _, y, _ = moons
    assert MLPClassifier(hidden=2, learning_rate=0.5, max_steps=5000, tol=1e-3).fit(X, y).converged_
    # pytest turns warnings into errors here: none may escape, even when the numbers blow up.
    wild = MLPClassifier(hidden=3, activation="relu", learning_rate=1e12, max_steps=50).fit(X * 1e100, y)
    assert wild.diverged_ and np.isfinite(wild.cost_history_).all() and np.all(np.isfinite(wild.W1_))


def test_estimator_validation(moons):
    X, _, y, _ = moons
    with pytest.raises(NotFittedError, match="not fitted"):
        MLPClassifier().predict(X)
    with pytest.raises(AttributeError):  # NotFittedError is also an AttributeError, as in scikit-learn
        MLPClassifier().predict_proba(X)
    for bad, error in [(dict(hidden=0), ValueError), (dict(hidden=2.5), TypeError), (dict(learning_rate=-1), ValueError),
                       (dict(activation="cube"), ValueError), (dict(max_steps=0), ValueError), (dict(tol=-1), ValueError)]:
        with pytest.raises(error):
            MLPClassifier(**bad).fit(X, y)
    with pytest.raises(ValueError, match="same number of examples"):
        MLPClassifier(max_steps=1).fit(X, y[:-1])
    with pytest.raises(ValueError, match="2-D"):
        MLPClassifier(max_steps=1).fit(X[:, 0], y)
    net = MLPClassifier(max_steps=1).fit(X, y)
    with pytest.raises(ValueError, match="fitted on 2"):
        net.predict(np.ones((3, 5)))
    with pytest.raises(ValueError, match="threshold"):
        net.predict(X, threshold=1.5)


# --- drawings ------------------------------------------------------------------------------------
def test_contour_segments_find_a_circle():
    x = y = np.linspace(-2, 2, 81)
    g1, g2 = np.meshgrid(x, y)
    (circle,) = plots.contour_segments(x, y, g1 ** 2 + g2 ** 2, level=1.0)
    np.testing.assert_allclose(np.hypot(*circle.T), 1.0, atol=2e-3)
    assert plots.contour_segments(x, y, np.zeros_like(g1)) == []
    with pytest.raises(ValueError, match="shape"):
        plots.contour_segments(x, y[:5], g1)


def test_probability_map_and_network_diagram(moons):
    X, _, y, _ = moons
    _fig, (ax, ax2) = plots.new_figure((8, 3), 50, ncols=2)
    pmap = plots.plot_probability_map(ax, X, y, resolution=30)
    assert not pmap.visible  # ŷ = ½ everywhere: no boundary
    net = MLPClassifier(hidden=3, max_steps=200).fit(X, y)
    pmap.update(net.predict_proba(pmap.grid_points()), net.W1_, net.b1_, highlight=1)
    assert pmap.visible and len(pmap.boundary.get_segments()) >= 1
    assert 1 <= len(pmap.units.get_segments()) <= 3
    with pytest.raises(ValueError, match="two features"):
        plots.plot_probability_map(ax, np.ones((4, 3)), [0, 1, 0, 1])
    diagram = plots.draw_network(ax2, 2, 3, weights=(net.W1_, net.W2_))
    assert len(diagram.shapes) == (2 * 3 + 3) + (2 + 3 + 1) and len(diagram.texts) == 6 + 1 + 3 + 2
    widths = [line.get_linewidth() for line in diagram.shapes[:9]]
    assert max(widths) == pytest.approx(0.4 + 3.5)  # the largest |weight| is the widest edge
    with pytest.raises(ValueError, match="weights must be"):
        plots.draw_network(ax2, 2, 3, weights=(net.W1_.T, net.W2_))


# --- explorers -----------------------------------------------------------------------------------
def _texts(explorer):
    """The words in the picture now: every text mark, its template filled from the state."""
    state = explorer.state
    return [str(_scene.fill(_scene_mpl.resolve(m, state)["text"], state) if explorer.FILL
                else _scene_mpl.resolve(m, state)["text"])
            for m in explorer._marks if m["type"] == "text"]


def _shaded(explorer, output="y_hat"):
    """The values the browser shades on the map (or the unit panel), from the weights it was sent."""
    mark = next(m for m in explorer._marks if m["type"] == "network" and m["output"] == output)
    return _scene_mpl.network_grid(_scene_mpl.resolve(mark, explorer.state))


# The notebook's explorers, as students see them: their runs are loaded from the shipped file
# (test_network07_data.py retrains a sample of them); other settings would train on construction.
@pytest.fixture(scope="module")
def hidden_explorer():
    return HiddenLayerExplorer.example("notebook 07")


@pytest.fixture(scope="module")
def init_explorer():
    return InitializationExplorer.example("notebook 07")


def test_hidden_layer_explorer_sweeps_and_describes(hidden_explorer):
    e = hidden_explorer
    assert e.NOTEBOOK == "07"
    # With b2 = 0 the random start's ½-line is the unit's own line: a real boundary, placed by luck.
    assert "where they happen to put it" in " ".join(_texts(e.update(width=1, step=0, unit=1)))
    values, _, _ = _shaded(e)
    assert values.min() < 0.5 < values.max() and "random start happens to put it" in e.describe()
    e.update(width=3, step=300, unit=10)
    assert any("only 3 units" in t for t in _texts(e))
    line = e.describe()
    assert "\n" not in line and line.startswith("3 hidden units at step 300")
    W1, b1, W2, b2 = e.run(3).snapshots_[300]
    J = cost(e.X, e.y, W1, b1, W2, b2)
    assert f"cost J = {J:.4f}" in line and f"unit 3 feeds the output with weight {W2[2]:+.2f}." in line
    assert f"unit 3: tanh(w·x + b), weight to the output {W2[2]:+.2f}" in _texts(e)
    e.update(step=137)  # between snapshots: the last one before is shown, and said
    assert "step 130" in e.describe()


def test_hidden_layer_explorer_sends_the_snapshots_weights(hidden_explorer):
    e = hidden_explorer
    e.update(width=4, step=200, unit=2)
    W1, b1, W2, b2 = e.run(4).snapshots_[200]
    np.testing.assert_allclose(e.state["params"], np.concatenate([W1.ravel(), b1, W2, [b2]]), rtol=1e-5)
    assert e.state["unit_j"] == 1 and e.state["shown"] == 200
    shaded, xs, ys = _shaded(e)
    g1, g2 = np.meshgrid(xs, ys)
    want = forward(np.column_stack([g1.ravel(), g2.ravel()]), W1, b1, W2, b2)
    np.testing.assert_allclose(shaded.ravel(), want.y_hat, atol=1e-5)
    np.testing.assert_allclose(_shaded(e, "unit")[0].ravel(), want.H[:, 1], atol=1e-5)
    # A move in the browser looks up exactly what Python computes for that state.
    for params in ({"width": 7, "step": 90, "unit": 9}, {"width": 2, "step": 300, "unit": 1}):
        seen = e.lookup(**params)
        e.update(**params)
        assert seen.keys() == e.state.keys()
        for key, value in seen.items():
            np.testing.assert_array_equal(np.asarray(value, dtype=object), np.asarray(e.state[key], dtype=object), key)


def test_initialization_explorer_extremes_say_what_happened(init_explorer):
    e = init_explorer
    assert e.NOTEBOOK == "07"
    assert any("all weights started at 0" in t for t in _texts(e.update(scale=0.0, seed=0, learning_rate=1.0)))
    assert "all weights started at 0" in e.describe()
    assert any("saturated" in t for t in _texts(e.update(scale=10.0)))
    assert any("too large\nfor this start" in t for t in _texts(e.update(scale=1.0, learning_rate=30.0)))
    # Audit 3, 07-13: a saturated start that still trained well says it recovered.
    for seed in e.SEEDS:
        e.update(scale=3.0, seed=seed, learning_rate=1.0)
        line = e.describe()
        if "started saturated" in line:
            ends, usual = e.run(3.0, seed, 1.0).cost_end_, e.run(1.0, seed, 1.0).cost_end_
            assert ("this run recovered" in line) == (ends <= 1.05 * usual), line
    for choice in ({"scale": 0.0, "learning_rate": 30.0}, {"scale": 10.0, "learning_rate": 0.1}):
        line = e.update(**choice).describe()
        assert "\n" not in line and "training accuracy" in line and e.error == ""


def test_initialization_explorer_sends_the_trained_network(init_explorer):
    e = init_explorer
    e.update(scale=1.0, seed=4, learning_rate=3.0)
    run = e.run(1.0, 4, 3.0)
    model = MLPClassifier(hidden=4, learning_rate=3.0, max_steps=e.max_steps, init_scale=1.0, seed=4).fit(e.X, e.y)
    np.testing.assert_allclose(run.W1_, model.W1_, rtol=1e-12)
    np.testing.assert_allclose(e.state["params"][12:16], model.W2_, rtol=1e-5)
    assert f"J = {model.cost_history_[-1]:.4f}" in e.describe()
    assert f"training accuracy {100 * model.score(e.X, e.y):.1f}%" in e.describe()
    # The cost curve is log10 J (2 decimals), each bin's lowest and highest J: the run's first J
    # starts it and its lowest J is in it.
    curve = np.asarray(e.state["cost_y"], dtype=float)
    assert curve[0] == round(np.log10(model.cost_history_[0]), 2)
    assert np.nanmin(curve) == round(np.log10(model.cost_history_.min()), 2)
    want = _network07.coarsen(_network07.envelope(model.cost_history_, e.max_steps), 2)
    np.testing.assert_array_equal(curve, np.round(np.log10(np.clip(want, 0.01, 10)), 2))
    shaded, xs, ys = _shaded(e)
    g1, g2 = np.meshgrid(xs, ys)
    # The page gets the weights to 6 significant digits (rounded); after 800 steps they reach ~4,
    # so ŷ may move by ~1e-5: 1e-4 still tells any other network apart (ŷ off by tenths).
    np.testing.assert_allclose(shaded.ravel(), model.predict_proba(np.column_stack([g1.ravel(), g2.ravel()])),
                               atol=1e-4)


def test_step_zero_says_what_the_random_start_gives(hidden_explorer):
    # Random weights give ŷ from about 0.25 to 0.75 at 9 units, not ½: the text must not say ≈ ½.
    e = hidden_explorer
    e.update(width=9, step=0, unit=1)
    y_hat = forward(e.X, *e.run(9).snapshots_[0]).y_hat
    line = e.describe()
    assert "≈ ½" not in line and "nothing learned yet" in line
    assert f"ŷ from {y_hat.min():.2f} to {y_hat.max():.2f}" in line and y_hat.max() - y_hat.min() > 0.3
    assert not any("≈ ½" in t for t in _texts(e))


def test_initialization_notes_claim_nothing_false():
    e = InitializationExplorer(hidden=1, max_steps=1)
    e.update(scale=10.0, seed=9, learning_rate=30.0)
    line = e.describe()
    assert "almost identical" not in line and "rose at 1 step;" in line  # one unit, one step
    for text in (line, " ".join(_texts(e))):
        assert "crawls" not in text and "slows learning" not in text


def test_probability_map_refuses_bad_updates(moons):
    X, _, y, _ = moons
    _fig, ax = plots.new_figure((4, 3), 50, ncols=1)
    pmap = plots.plot_probability_map(ax, X, y, resolution=10)
    W1, b1, _, _ = init_params(2, 3)
    with pytest.raises(ValueError, match="probabilities"):
        pmap.update(np.full(100, 2.0))  # scores z2, not ŷ
    pmap.update(np.full(100, np.nan))  # a diverged run is shown, not refused
    with pytest.raises(TypeError, match="need b1"):
        pmap.update(np.full(100, 0.5), W1)
    with pytest.raises(ValueError, match=r"W1 must have shape \(2, h\)"):
        pmap.update(np.full(100, 0.5), W1.T, b1)
    with pytest.raises(ValueError, match="highlight"):
        pmap.update(np.full(100, 0.5), W1, b1, highlight=3)
    with pytest.raises(TypeError, match="pair"):
        plots.draw_network(ax, 2, 3, weights=(W1,))


def test_explorers_refuse_bad_construction():
    with pytest.raises(ValueError, match="scale must be one of"):
        InitializationExplorer(scale=0.5)
    with pytest.raises(ValueError, match="learning_rate must be one of"):
        InitializationExplorer(learning_rate=2.0)
    with pytest.raises(TypeError):
        HiddenLayerExplorer(width=2.5)


# --- exercises -----------------------------------------------------------------------------------
def test_reference_gradients_of_the_exercises_are_backward():
    for args in ex._backprop_cases():
        for got, want in zip(ex._grads(*args), backward(*args)):
            np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)


def test_worked_solutions_are_correct():
    X_few, _ = ex.few()
    H_few = np.tanh(X_few @ ex.W1_EX + ex.B1_EX)

    def backprop(X, y, W1, b1, W2, b2):
        n = X.shape[0]
        H = np.tanh(X @ W1 + b1)
        e = sigmoid(H @ W2 + b2) - y
        dZ1 = np.outer(e, W2) * (1 - H ** 2)
        return X.T @ dZ1 / n, dZ1.mean(axis=0), H.T @ e / n, np.mean(e)

    def train(X, y, W1, b1, W2, b2, learning_rate, steps):
        for _ in range(steps):
            dW1, db1, dW2, db2 = backward(X, y, W1, b1, W2, b2)
            W1, b1 = W1 - learning_rate * dW1, b1 - learning_rate * db1
            W2, b2 = W2 - learning_rate * dW2, b2 - learning_rate * db2
        return W1, b1, W2, b2

    answers = {"07.param_count": 64 * 16 + 16 + 16 * 1 + 1, "07.forward": sigmoid(H_few @ ex.W2_EX + ex.B2_EX),
               "07.backprop": backprop, "07.train": train}
    for exercise_id, answer in answers.items():
        result = evaluate(exercise_id, answer)
        assert result.passed, result.message
        assert evaluate(exercise_id, ...).status == "not attempted"


@settings(max_examples=examples(25), deadline=None)
@given(n=st.integers(1, 6), m=st.integers(1, 4), h=st.integers(1, 4), seed=st.integers(0, 2 ** 16),
       activation=st.sampled_from(["tanh", "sigmoid", "identity"]), scale=st.sampled_from([0.1, 1.0, 3.0]))
def test_backward_matches_finite_differences_on_any_shape(n, m, h, seed, activation, scale):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, m)) * scale
    y = rng.integers(0, 2, n).astype(float)
    params = (rng.standard_normal((m, h)) * scale, rng.standard_normal(h), rng.standard_normal(h) * scale,
              float(rng.standard_normal()))
    grads = backward(X, y, *params, activation=activation)
    for k, (got, param) in enumerate(zip(grads, params)):
        def J(v, k=k):
            return cost(X, y, *params[:k], v, *params[k + 1:], activation=activation)
        want = numerical_gradient(J, param)
        assert np.shape(got) == np.shape(param)
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-7)


def test_a_training_run_too_long_for_a_notebook_is_refused_up_front():
    from lecture_utils.network import MLPClassifier, moons_split

    split = moons_split()
    with pytest.raises(ValueError, match="max_steps = 1,000,000.*lower max_steps"):
        MLPClassifier(max_steps=10**6).fit(split[0], split[2])
