"""``fit_many`` (many networks as one batched gradient descent) against ``MLPClassifier.fit`` one by one,
and InitializationExplorer's numbers against networks fitted one by one."""

import numpy as np
import pytest

from lecture_utils._network_batch import fit_many
from lecture_utils.network import MLPClassifier, moons_split
from lecture_utils.widgets import InitializationExplorer
from lecture_utils.widgets.network import _rises


@pytest.fixture(scope="module")
def moons():
    X, _, y, _ = moons_split()
    return X, y


def _alone(X, y, scale, seed, rate, **shared):
    return MLPClassifier(learning_rate=rate, init_scale=scale, seed=seed, **shared).fit(X, y)


def _assert_same(batched, alone, exact=True):
    """Same fit. ``exact``: parameters equal bit for bit (fit's arithmetic, op for op), else within rounding."""
    for name in ("W1_", "b1_", "W2_", "b2_"):
        got, want = np.asarray(getattr(batched, name)), np.asarray(getattr(alone, name))
        assert got.shape == want.shape, name
        if exact:
            np.testing.assert_array_equal(got, want, err_msg=name)
        else:
            np.testing.assert_allclose(got, want, rtol=1e-11, err_msg=name)
    assert (batched.n_steps_, batched.converged_, batched.diverged_) == (alone.n_steps_, alone.converged_,
                                                                          alone.diverged_)
    # J is computed from the same z2 by a cheaper, equal-within-a-rounding formula
    np.testing.assert_allclose(batched.cost_history_, alone.cost_history_, rtol=1e-14 if exact else 1e-11,
                               atol=1e-15)
    np.testing.assert_array_equal(batched.predict(np.zeros((1, 2))), alone.predict(np.zeros((1, 2))))


SETTINGS = [(0.0, 3, 0.1), (0.0, 0, 30.0), (0.01, 1, 1.0), (1.0, 0, 1.0), (1.0, 5, 10.0), (3.0, 2, 3.0),
            (10.0, 9, 30.0), (10.0, 4, 0.3)]


def test_fit_many_equals_fit_one_by_one(moons):
    X, y = moons
    shared = dict(hidden=4, max_steps=400)
    for net, setting in zip(fit_many(X, y, SETTINGS, **shared), SETTINGS):
        _assert_same(net, _alone(X, y, *setting, **shared))
        assert (net.init_scale, net.seed, net.learning_rate) == setting


@pytest.mark.parametrize(("activation", "hidden"), [("identity", 4), ("relu", 4), ("sigmoid", 4), ("tanh", 4),
                                                     ("identity", 3)])
def test_fit_many_diverging_networks_stop_alone(moons, activation, hidden):
    """Networks that overflow stop at their own step with their last finite weights; the rest go on.

    With 3 hidden units OpenBLAS sums ``Hᵀe`` of a (n, 3) block inside a wider array in another
    order than of a (n, 3) array alone: equal within rounding then, not bit for bit (and so only
    where training is not chaotic: sigmoid units at learning rate 1000 amplify a rounding).
    """
    X, y = moons
    settings = [(10.0, 1, 30.0), (10.0, 1, 1000.0), (1.0, 0, 0.3), (0.0, 0, 1000.0)]
    shared = dict(hidden=hidden, activation=activation, max_steps=150)
    nets = fit_many(X, y, settings, **shared)
    for net, setting in zip(nets, settings):
        _assert_same(net, _alone(X, y, *setting, **shared), exact=hidden == 4)
    if activation == "identity":
        assert nets[0].diverged_ and nets[1].diverged_ and nets[0].n_steps_ != nets[1].n_steps_
        assert not nets[2].diverged_ and nets[2].n_steps_ == 150


def test_fit_many_tol_and_l2(moons):
    X, y = moons
    settings = [(1.0, 2, 1.0), (1.0, 2, 0.3), (0.1, 0, 3.0)]
    for shared in (dict(hidden=4, max_steps=1200, tol=3e-3), dict(hidden=5, max_steps=600, tol=1e-3, l2=0.01),
                   dict(hidden=4, max_steps=300, l2=0.1)):
        nets = fit_many(X, y, settings, **shared)
        for net, setting in zip(nets, settings):
            _assert_same(net, _alone(X, y, *setting, **shared), exact=shared["hidden"] == 4)
        assert any(net.converged_ for net in nets) == ("tol" in shared)


def test_fit_many_rejects_what_fit_rejects(moons):
    X, y = moons
    assert fit_many(X, y, []) == []
    with pytest.raises(ValueError, match="learning_rate"):
        fit_many(X, y, [(1.0, 0, 0.0)])
    with pytest.raises(ValueError, match="init_scale"):
        fit_many(X, y, [(-1.0, 0, 1.0)])
    with pytest.raises(ValueError, match="activation"):
        fit_many(X, y, [(1.0, 0, 1.0)], activation="softmax")
    with pytest.raises(ValueError, match="same number of examples"):
        fit_many(X, y[:-1], [(1.0, 0, 1.0)])


def _printed(net, X, y):
    """Every number InitializationExplorer prints about a network, as printed."""
    costs, acc = net.cost_history_, net.score(X, y)
    return (f"{costs[0]:.3f}", f"{costs[-1]:.4f}", f"{100 * acc:.1f}", _rises(costs), net.n_steps_, net.diverged_)


@pytest.mark.parametrize("seed", [0, 9])
def test_explorer_prints_what_fit_one_by_one_gives(moons, seed):
    """Every scale x learning rate at two seeds: the explorer's numbers, words and map are fit's."""
    X, y = moons
    explorer = InitializationExplorer()
    for scale in InitializationExplorer.SCALES:
        for rate in InitializationExplorer.LEARNING_RATES:
            net, alone = explorer.run(scale, seed, rate), _alone(X, y, scale, seed, rate, hidden=4, max_steps=800)
            assert _printed(net, X, y) == _printed(alone, X, y), (scale, seed, rate)
            assert explorer._message(net) == explorer._message(alone), (scale, seed, rate)
            grid = explorer.map.grid_points()
            np.testing.assert_array_equal(net.predict_proba(grid), alone.predict_proba(grid))
    explorer.update(scale=10.0, seed=seed, learning_rate=30.0)
    assert f"seed {seed}" in explorer.describe()
    explorer.widget.close()
