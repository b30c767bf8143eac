"""Per-class numbers of notebook 07's value exercises (``make release SEED=...``)."""
import numpy as np

from ..checks.variants import Variant, declare
from ..logistic import sigmoid
from ._variant_kit import pick, rebuilt
from .neural_network import few


# --- 07.param_count: 64 inputs, h hidden units, one output ----------------------------------------
def _count_exercise(public, nums):
    h = nums["hidden"]
    return rebuilt(
        public, expected=lambda: 64 * h + h + h + 1,
        hint=f"W1 is (64, {h}), b1 ({h},), W2 ({h},), b2 one number: add up their sizes.",
        mistakes=(
            (lambda: 64 * h, "that is W1 alone; the biases and the output neuron's weights count too."),
            (lambda: 64 * h + h, "W1 and b1 only: the output neuron has weights and a bias too."),
            (lambda: 64 * h + h + 1, "one group of weights or biases is missing: W1, b1, W2 and b2."),
            (lambda: 64 * h + h + h, "b2, the output's bias, is missing."),
            (lambda: 64 * h + 2 * h + 2, "one output neuron has one bias."),
            (lambda: 64 + h + 1, "count the weights: every input connects to every hidden unit."),
            (lambda: 1057, "that is the count for 16 hidden units; this network has another number."),
        ),
        quantities=lambda: {f"W1 (64 × {h} weights)": 64 * h, f"b1 ({h} biases)": h, f"W2 ({h} weights)": h,
                            "b2 (the output's bias)": 1})


declare("07.param_count", Variant(
    defaults={"hidden": 16},
    draw=lambda rng: {"hidden": int(pick(rng, [8, 10, 12, 20, 24, 32]))},
    prose=lambda n: {"64 inputs, 16 hidden units": f"64 inputs, {n['hidden']} hidden units"},
    exercise=_count_exercise,
))


# --- 07.forward: ŷ of a tanh layer and a sigmoid output on the first 5 points -----------------------
_PUBLIC = {"W1": [[1.0, -0.5, 0.3], [0.5, 1.0, -1.2]], "b1": [0.1, -0.2, 0.0], "W2": [1.5, -1.0, 2.0], "b2": -0.3}


def _lines(n):
    rows = ", ".join("[" + ", ".join(repr(float(v)) for v in row) + "]" for row in n["W1"])
    return (f"W1_ex = np.array([{rows}])",
            "b1_ex = np.array([" + ", ".join(repr(float(v)) for v in n["b1"]) + "])",
            "W2_ex = np.array([" + ", ".join(repr(float(v)) for v in n["W2"]) + "])",
            f"b2_ex = {float(n['b2'])!r}")


def _forward_exercise(public, nums):
    X, y = few()
    W1, b1, W2, b2 = (np.array(nums[k]) for k in ("W1", "b1", "W2", "b2"))
    H = np.tanh(X @ W1 + b1)
    return rebuilt(
        public, expected=lambda: sigmoid(H @ W2 + b2), hint=public.hint,
        mistakes=(
            (lambda: H @ W2 + b2, "that is z2, before the output's sigmoid."),
            (lambda: sigmoid((X @ W1 + b1) @ W2 + b2), "the hidden layer's tanh is missing."),
            (lambda: sigmoid(np.tanh(X @ W1) @ W2 + b2), "the hidden bias b1_ex is missing."),
            (lambda: sigmoid(H @ W2), "the output's bias b2_ex is missing."),
            (lambda: sigmoid(sigmoid(X @ W1 + b1) @ W2 + b2), "the hidden layer uses tanh, not the sigmoid."),
            (lambda: y, "that is y_few, the true labels: ŷ is what the network computes from X_few."),
        ))


def _draw_weights(rng):
    return {"W1": (rng.integers(-6, 7, size=(2, 3)) / 4).tolist(), "b1": (rng.integers(-3, 4, size=3) / 10).tolist(),
            "W2": (rng.integers(-8, 9, size=3) / 4).tolist(), "b2": float(pick(rng, [-0.4, -0.2, 0.1, 0.2, 0.5]))}


declare("07.forward", Variant(
    defaults=_PUBLIC,
    draw=_draw_weights,
    prose=lambda n: dict(zip(_lines(_PUBLIC), _lines(n))),
    exercise=_forward_exercise,
))
