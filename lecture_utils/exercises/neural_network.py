"""Exercises of notebook 07 (a network with one hidden layer): counting parameters, the forward
pass, backpropagation and the training loop. Each known slip is replayed on the exercise's own
data, so a message names a slip only when the answer is exactly what that slip gives."""
NOTEBOOK = "07"

import numpy as np

from ..checks import Exercise, register
from ..logistic import sigmoid
from ..network import backward, init_params, moons_split
from ._common import close as _close
from ._common import replay, steps_off

# The notebook's worked example: the first 5 training points of the moons and these weights.
W1_EX = np.array([[1.0, -0.5, 0.3], [0.5, 1.0, -1.2]])
B1_EX = np.array([0.1, -0.2, 0.0])
W2_EX = np.array([1.5, -1.0, 2.0])
B2_EX = -0.3


def few():
    """``X_few`` (5, 2) and ``y_few`` (5,) exactly as the notebook builds them."""
    X_train, _, y_train, _ = moons_split()
    return X_train[:5], y_train[:5]


def _same(result, want):
    """``result`` is a tuple/list matching every array of ``want``."""
    return (isinstance(result, (tuple, list)) and len(result) == len(want)
            and all(_close(r, w) for r, w in zip(result, want)))


# --- 07.param_count -------------------------------------------------------------------------
N_IN, N_HID = 64, 16


# --- 07.forward ------------------------------------------------------------------------------
def _forward(hidden=np.tanh, output=sigmoid, b1=True, b2=True, X=None):
    X = few()[0] if X is None else X
    H = hidden(X @ W1_EX + (B1_EX if b1 else 0.0))
    return output(H @ W2_EX + (B2_EX if b2 else 0.0))


def _is(value):
    return lambda a: _close(a, value())


# --- 07.backprop and 07.train: the right computation with one slip switched on ---------------
def _grads(X, y, W1, b1, W2, b2, *, slope="tanh", mean=True, sign=1.0, through_W2=True, db1="mean",
           dW1="XT", dW2="HT", b1_in=True):
    X, y = np.asarray(X, float), np.ravel(y).astype(float)
    n = X.shape[0]
    Z1 = X @ W1 + (b1 if b1_in else 0.0)
    H = np.tanh(Z1)
    e = sign * (sigmoid(H @ W2 + b2) - y)
    scale = 1.0 / n if mean else 1.0
    dH = np.outer(e, W2) if through_W2 else np.repeat(e[:, None], H.shape[1], axis=1)
    local = {"tanh": 1 - H ** 2, "none": 1.0, "z": 1 - Z1 ** 2, "sigmoid": H * (1 - H)}[slope]
    dZ1 = dH * local
    grad_W1 = (X.T if dW1 == "XT" else X) @ dZ1 * scale
    grad_b1 = {"mean": dZ1.sum(axis=0) * scale, "sum": dZ1.sum(axis=0), "rows": dZ1.mean(axis=1)}[db1]
    grad_W2 = (H.T if dW2 == "HT" else H) @ e * scale
    return grad_W1, grad_b1, grad_W2, float(np.sum(e) * scale)


def _backprop_cases():
    X, y = few()
    rng = np.random.default_rng(7)  # n = m = h = 3: a transposed product runs - and is wrong
    square = (rng.standard_normal((3, 3)), np.array([1.0, 0.0, 1.0]), rng.standard_normal((3, 3)),
              rng.standard_normal(3), rng.standard_normal(3), 0.2)
    return [square, (X, y, W1_EX.copy(), B1_EX.copy(), W2_EX.copy(), B2_EX)]


def _grad_slip(**flags):
    def predicate(result, args):
        with np.errstate(all="ignore"):
            return _same(result, _grads(*args, **flags))
    return predicate


def _reordered(result, args):
    want = _grads(*args)
    return _same(result, (want[2], want[3], want[0], want[1]))


def _reference_backprop(X, y, W1, b1, W2, b2):
    return tuple(backward(X, y, W1, b1, W2, b2))


def _train_variant(X, y, W1, b1, W2, b2, learning_rate, steps, *, sign=-1.0, layer_by_layer=False,
                   update_b1=True, update_b2=True, mean=True, zeros=False):
    W1, b1, W2, b2 = (np.array(p, dtype=float) for p in (W1, b1, W2, b2))
    if zeros:
        W1, b1, W2, b2 = np.zeros_like(W1), np.zeros_like(b1), np.zeros_like(W2), np.zeros_like(b2)
    for _ in range(steps):
        g = _grads(X, y, W1, b1, W2, b2, mean=mean)
        if layer_by_layer:  # layer 2 first, then layer 1's gradient from the *new* W2
            W2, b2 = W2 + sign * learning_rate * g[2], b2 + sign * learning_rate * g[3]
            g = _grads(X, y, W1, b1, W2, b2, mean=mean)
            W1, b1 = W1 + sign * learning_rate * g[0], b1 + sign * learning_rate * g[1]
            continue
        W1, W2 = W1 + sign * learning_rate * g[0], W2 + sign * learning_rate * g[2]
        b1 = b1 + sign * learning_rate * g[1] if update_b1 else b1
        b2 = b2 + sign * learning_rate * g[3] if update_b2 else b2
    return W1, b1, W2, float(b2)


def _train_cases():
    X_train, _, y_train, _ = moons_split()
    return [(X_train[:40], y_train[:40], *init_params(2, 3, seed=1), 1.0, 25),
            (X_train, y_train, *init_params(2, 4, seed=0), 0.5, 10)]


def _train_slip(**flags):
    return replay(_train_variant, _same, **flags)


def _steps_off(delta):
    return steps_off(_train_variant, _same, delta)


def _only_weights(result, args):
    want = _train_variant(*args)
    return _same(result, (want[0], want[2]))


register(
    Exercise(
        id="07.param_count",
        expected=lambda: N_IN * N_HID + N_HID + N_HID + 1,
        hint="W1 is (64, 16), b1 (16,), W2 (16,), b2 one number: add up their sizes.",
        mistakes=(
            (_is(lambda: N_IN * N_HID + N_HID), ("W1 plus only one group of 16: there are two (the biases b1 and "
                                                  "the output weights W2), and the output's bias b2.")),
            (_is(lambda: N_IN * N_HID + N_HID + 1),
             "one group of 16 is missing: b1 (a bias per hidden unit) or W2 (a weight per hidden unit to the output)."),
            (_is(lambda: N_IN * N_HID + 2 * N_HID), "b2 is missing: the output neuron has a bias too."),
            (_is(lambda: N_IN * N_HID), "that is W1 alone (64 × 16): add b1, W2 and b2."),
            (_is(lambda: N_IN * N_HID + N_HID + N_HID * N_HID + 1),
             "W2 has one weight per hidden unit, shape (16,), not (16, 16): there is one output neuron."),
            (_is(lambda: N_IN + N_HID + 1), ("that counts the units (neurons), not the weights: every input is "
                                             "connected to every hidden unit, 64 × 16 weights.")),
            (_is(lambda: N_IN * N_HID * N_HID), ("multiplying all the sizes counts paths, not parameters: add the "
                                                 "sizes of W1 (64 × 16), b1, W2 and b2.")),
        ),
    ),
    Exercise(
        id="07.forward",
        expected=_forward,
        hint="Z1 = X_few @ W1_ex + b1_ex (5, 3), H = tanh(Z1), then ŷ = σ(H @ W2_ex + b2_ex) (5,).",
        mistakes=(
            (_is(lambda: _forward(b1=False)), "b1 is missing: Z1 = X W1 + b1."),
            (_is(lambda: _forward(b2=False)), "b2 is missing: z2 = H W2 + b2."),
            (_is(lambda: _forward(output=lambda z: z)),
             "those are the scores z2 = H W2 + b2: the output neuron applies the sigmoid, ŷ = σ(z2)."),
            (_is(lambda: _forward(hidden=lambda z: z)),
             "the hidden layer has no tanh: without a nonlinearity the two layers are one linear map."),
            (_is(lambda: _forward(hidden=sigmoid)), "the hidden layer uses tanh here, not the sigmoid."),
            (_is(lambda: _forward(hidden=lambda z: np.maximum(z, 0))), "the hidden layer uses tanh here, not ReLU."),
            (_is(lambda: _forward(output=np.tanh)), "the output is a probability: σ(z2), not tanh(z2)."),
            (_is(lambda: _forward()[:, None]), "a column (5, 1): keep ŷ flat, shape (5,)."),
            (lambda a: np.shape(a) == (5, 3),
             ("that has the shape of H (5, 3), the hidden layer's output: the output neuron still has to combine "
             "its 3 columns, ŷ = σ(H W2 + b2).")),
        ),
    ),
    Exercise(
        id="07.backprop",
        expected=lambda: _reference_backprop,
        cases=_backprop_cases,
        hint="e = ŷ − y; dW2 = Hᵀe/n, db2 = mean(e); dZ1 = (e ⊗ W2) * (1 − H²); dW1 = XᵀdZ1/n, "
             "db1 = dZ1.mean(axis=0). Return (dW1, db1, dW2, db2).",
        mistakes=(
            (_grad_slip(mean=False), "every gradient is n times too large: J is a mean, divide by n."),
            (_grad_slip(sign=-1.0), "the signs are flipped: the error is ŷ − y (as in notebook 06), not y − ŷ."),
            (_grad_slip(slope="none"), "the tanh's slope is missing: dZ1 = dH * (1 − H²), the chain rule through tanh."),
            (_grad_slip(slope="z"), "tanh'(z) = 1 − tanh(z)² = 1 − H², not 1 − Z1²."),
            (_grad_slip(slope="sigmoid"), "H(1 − H) is the sigmoid's slope; tanh's is 1 − H²."),
            (_grad_slip(through_W2=False),
             "dH must go through W2: z2 = Σ_j H_j W2_j, so ∂z2/∂H_j = W2_j and dH = outer(ŷ − y, W2)."),
            (_grad_slip(db1="sum"), "dW1, dW2, db2 are right, but db1 misses the 1/n: average dZ1 over the rows."),
            (_grad_slip(db1="rows"),
             "db1 averages over the wrong axis: one entry per hidden unit, dZ1.mean(axis=0) (over the examples)."),
            (_grad_slip(dW1="X"), "dW1 needs Xᵀ: (m, h) = (m, n) @ (n, h), so X.T @ dZ1 / n."),
            (_grad_slip(dW2="H"), "dW2 needs Hᵀ: (h,) = (h, n) @ (n,), so H.T @ (ŷ − y) / n."),
            (_grad_slip(b1_in=False), "the forward pass inside forgot b1: Z1 = X W1 + b1."),
            (_reordered, "right gradients in the wrong order: return (dW1, db1, dW2, db2)."),
        ),
    ),
    Exercise(
        id="07.train",
        expected=lambda: _train_variant,
        cases=_train_cases,
        hint="Each step: (dW1, db1, dW2, db2) = backward(X, y, W1, b1, W2, b2), then subtract α × each "
             "gradient from its parameter. Return (W1, b1, W2, b2).",
        mistakes=(
            (_train_slip(sign=+1.0), "the update climbs: gradient descent subtracts, θ := θ − α ∂J/∂θ."),
            (_train_slip(layer_by_layer=True),
             ("W1 was updated with a gradient computed after W2 had moved: take all four gradients at the old "
             "parameters, then update them together (a simultaneous update).")),
            (_train_slip(update_b1=False), "b1 never changes: update it too, b1 := b1 − α db1."),
            (_train_slip(update_b2=False), "b2 never changes: update it too, b2 := b2 − α db2."),
            (_train_slip(mean=False), "the steps are n times too large: the gradients of a mean carry a 1/n."),
            (_train_slip(zeros=True),
             "you started from zeros: start from the W1, b1, W2, b2 passed in (random, so the units differ)."),
            (_steps_off(+1), "one step too many: run exactly `steps` updates (range(steps))."),
            (_steps_off(-1), "one step too few: run exactly `steps` updates (range(steps))."),
            (_only_weights, "that is (W1, W2) alone: return all four, (W1, b1, W2, b2)."),
        ),
    ),
)
