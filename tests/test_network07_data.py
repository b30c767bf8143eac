"""The shipped training runs of notebook 07's explorers (lecture_utils/_shipped/network07.npz):
a retrained sample equals them, and nothing in them is a graded exercise's answer."""

import numpy as np
import pytest

from lecture_utils import _network07
from lecture_utils.exercises import network_training, neural_network
from lecture_utils.network import MLPClassifier, moons_split


@pytest.fixture(scope="module")
def shipped():
    data = _network07._load()
    assert data is not None, f"{_network07.DATA} is missing: run python tools/network07_data.py"
    return data


@pytest.mark.parametrize("width", [1, 4, 10])
def test_hidden_layer_runs_are_the_plain_trainers(shipped, width):
    X, _, y, _ = moons_split()
    h = _network07.HIDDEN
    model = MLPClassifier(hidden=width, learning_rate=h["learning_rate"], max_steps=h["max_steps"]).fit(
        X, y, keep_every=h["every"])
    steps = shipped[f"hidden/{width}/steps"]
    assert steps.tolist() == sorted(model.snapshots_)
    for k in (0, 1, len(steps) // 2, len(steps) - 1):
        want = np.concatenate([p.ravel() if isinstance(p, np.ndarray) else [p] for p in model.snapshots_[steps[k]]])
        np.testing.assert_allclose(shipped[f"hidden/{width}/params"][k], want, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(shipped[f"hidden/{width}/J"], model.cost_history_[steps], rtol=1e-9)
    np.testing.assert_allclose(shipped[f"hidden/{width}/curve"],
                               _network07.envelope(model.cost_history_, h["max_steps"]), rtol=1e-6)


@pytest.mark.parametrize("setting", [(0.0, 0, 1.0), (1.0, 3, 0.3), (10.0, 9, 30.0), (3.0, 2, 1.0)])
def test_initialization_runs_are_the_plain_trainers(shipped, setting):
    got = _network07.init_runs()[setting]
    want = _network07.train_init(*setting, _network07.INIT["hidden"], _network07.INIT["max_steps"])
    for key in ("W1", "b1", "W2", "b2", "J0", "J_end"):
        np.testing.assert_allclose(got[key], want[key], rtol=1e-9, atol=1e-12, err_msg=key)
    assert (got["n_steps"], got["diverged"], got["rises"]) == (want["n_steps"], want["diverged"], want["rises"])
    np.testing.assert_allclose(got["curve"], want["curve"], rtol=1e-6)


def test_every_setting_is_shipped_and_all_zero_starts_are_shared(shipped):
    runs = _network07.init_runs()
    init = _network07.INIT
    assert len(runs) == len(init["scales"]) * len(init["seeds"]) * len(init["rates"])
    assert len(shipped["init/settings"]) == len(_network07.init_settings())
    assert all(runs[(0.0, seed, 1.0)] is runs[(0.0, 0, 1.0)] for seed in init["seeds"])


def test_envelope_keeps_each_bins_extremes_in_order():
    costs = np.r_[np.linspace(1, 0.5, 50), 0.5 + 0.1 * (-1.0) ** np.arange(51)]
    values, steps = _network07.envelope(costs, 100, bins=10), _network07.envelope_steps(100, bins=10)
    assert values.shape == steps.shape
    for k in range(0, len(values), 2):
        chunk = costs[int(steps[k]):int(steps[k + 1]) + 1]
        assert sorted(values[k:k + 2]) == [chunk.min(), chunk.max()]
    short = _network07.envelope(costs[:30], 100, bins=10)  # a diverged run: padded, same shape
    assert short.shape == values.shape and np.isnan(short[-1]) and np.isfinite(short[:6]).all()


def _graded_answers():
    """Every number a graded 07 exercise expects from a student who trains or runs a network."""
    answers = []
    for case in network_training._train_cases():
        W1, b1, W2, b2 = network_training._train_variant(*case)
        answers.append(np.concatenate([W1.ravel(), b1, W2, [b2]]))
    for case in neural_network._backprop_cases():
        answers.append(np.concatenate([np.ravel(g) for g in neural_network._grads(*case)]))
    return answers


def test_nothing_shipped_is_a_graded_answer(shipped):
    answers = _graded_answers()
    assert answers
    rows = [row for key, a in shipped.items() if key.endswith("params") for row in np.atleast_2d(a)]
    for answer in answers:
        for row in rows:
            if row.size == answer.size:
                assert not np.allclose(row, answer, rtol=1e-3, atol=1e-6), "a shipped run equals a graded answer"
        # Nor does any single graded number appear among the shipped parameters (beyond 0 and round values).
        special = answer[(np.abs(answer) > 1e-3) & (np.abs(answer * 100 - np.round(answer * 100)) > 1e-6)]
        everything = np.concatenate([np.ravel(a) for k, a in shipped.items() if a.dtype.kind == "f"])
        assert not np.isin(np.round(special, 10), np.round(everything, 10)).any()
