"""Exercises of notebook 07 (a network with one hidden layer): counting parameters, the forward
pass, backpropagation and the training loop. Each known slip is replayed on the exercise's own
data, so a message names a slip only when the answer is exactly what that slip gives."""
NOTEBOOK = "07"

import numpy as np

from ..checks import Exercise, register
from ..logistic import sigmoid
from ..network import backward, moons_split
from ._common import close as _close

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
def _forward(hidden=np.tanh, output=sigmoid, b1=True, b2=True, X=None, b1_after=False):
    X = few()[0] if X is None else X
    H = hidden(X @ W1_EX + (B1_EX if b1 and not b1_after else 0.0)) + (B1_EX if b1_after else 0.0)
    return output(H @ W2_EX + (B2_EX if b2 else 0.0))


def _is(value):
    return lambda a: _close(a, value())


def _is_exact(value):
    """Exactly ``value`` (a count): only whole numbers, so 1056.7 is not "forgot b2"."""
    return lambda a: _close(a, value()) and float(np.asarray(a, dtype=float)) == value()


def _count_off_by(a):
    """A whole number a few away from the count (not a rounding: a count is exact)."""
    try:
        v = float(a)
    except (TypeError, ValueError):
        return False
    right = N_IN * N_HID + 2 * N_HID + 1
    return not isinstance(a, (bool, np.bool_)) and v == int(v) and 0 < abs(v - right) <= 3


def _decimals(a):
    """ŷ rounded to 1-6 decimal places (np.round(y_hat, k), round(v, 3)): not a rounding of significant digits."""
    want = _forward()
    return any(_close(a, np.round(want, k)) for k in range(1, 7)) and not _close(a, want)


def _classes(a):
    """ŷ turned into classes with the ½ threshold (0/1 floats, ints or booleans)."""
    return np.shape(a) == (5,) and _close(np.asarray(a, dtype=float), (_forward() >= 0.5).astype(float))


def _summed_over_examples(a):
    """σ(Σ over the 5 rows of H * W2 + b2): the sum over axis 0 instead of over the hidden units."""
    X = few()[0]
    return _close(a, sigmoid((np.tanh(X @ W1_EX + B1_EX) * W2_EX).sum(axis=0) + B2_EX))


# --- 07.backprop and 07.train: the right computation with one slip switched on ---------------
def _grads(X, y, W1, b1, W2, b2, *, slope="tanh", mean=True, sign=1.0, through_W2=True, db1="mean",
           dW1="XT", dW2="HT", b1_in=True, b2_in=True, n_axis=0, output_slope=False, hidden=np.tanh):
    X, y = np.asarray(X, float), np.ravel(y).astype(float)
    n = X.shape[n_axis]
    Z1 = X @ W1 + (b1 if b1_in else 0.0)
    H = hidden(Z1)
    y_hat = sigmoid(H @ W2 + (b2 if b2_in else 0.0))
    e = sign * (y_hat - y) * (y_hat * (1 - y_hat) if output_slope else 1.0)
    scale = 1.0 / n if mean else 1.0
    if through_W2 == "dot":  # e @ W2 on 1-D arrays: a dot product, one number (runs when n = h)
        dH = np.full(H.shape, e @ W2)
    else:
        dH = np.outer(e, W2) if through_W2 else np.repeat(e[:, None], H.shape[1], axis=1)
    local = {"tanh": 1 - H ** 2, "none": 1.0, "z": 1 - Z1 ** 2, "sigmoid": H * (1 - H), "square": (1 - H) ** 2,
             "tanh(H)": 1 - np.tanh(H) ** 2, "1-H": 1 - H}[slope]
    dZ1 = dH * local
    grad_W1 = (X.T if dW1 == "XT" else X) @ dZ1 * scale
    grad_b1 = {"mean": dZ1.sum(axis=0) * scale, "sum": dZ1.sum(axis=0), "rows": dZ1.mean(axis=1),
               "e": np.full(H.shape[1], np.sum(e) * scale)}[db1]
    grad_W2 = {"HT": H.T, "H": H, "Z1": Z1.T}[dW2] @ e * scale
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
            wrong = _grads(*args, **flags)
            # A slip that gives the right numbers on this case (n = m on square data) says nothing here.
            return not _same(wrong, _grads(*args)) and _same(result, wrong)
    return predicate


def _per_feature(result, args):
    """dW1 and dW2 divided by m = X.shape[1] instead of n (the biases' means may still be right)."""
    with np.errstate(all="ignore"):
        wrong, right = _grads(*args, n_axis=1), _grads(*args)
        return (not _same(wrong, right) and isinstance(result, (tuple, list)) and len(result) == 4
                and _close(result[0], wrong[0]) and _close(result[2], wrong[2])
                and any(_close(result[1], g[1]) for g in (wrong, right))
                and any(_close(result[3], g[3]) for g in (wrong, right)))


def _reordered(result, args):
    want = _grads(*args)
    return _same(result, (want[2], want[3], want[0], want[1]))


def _db2_boxed(result, args):
    """Right gradients, but db2 as an array of shape (1,) (np.mean(e, keepdims=True)) - b2 is one number."""
    want = _grads(*args)
    return (isinstance(result, (tuple, list)) and len(result) == 4 and _same(result[:3], want[:3])
            and np.ndim(result[3]) >= 1 and np.size(result[3]) == 1 and _close(np.ravel(result[3])[0], want[3]))


def _reference_backprop(X, y, W1, b1, W2, b2):
    return tuple(backward(X, y, W1, b1, W2, b2))


register(
    Exercise(
        id="07.param_count",
        expected=lambda: N_IN * N_HID + N_HID + N_HID + 1,
        quantities=lambda: {"W1 (64 × 16 weights)": N_IN * N_HID, "b1 (16 biases)": N_HID,
                            "W2 (16 weights)": N_HID, "b2 (the output's bias)": 1},
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
            (_is(lambda: N_IN * N_HID + N_HID + N_HID * 10 + 10),
             ("that counts 10 output neurons, one per digit: this network has one output neuron (is the digit odd?), "
              "so W2 has shape (16,) and b2 is one number.")),
            (_is(lambda: N_IN * N_HID + N_HID + N_HID * 2 + 2),
             ("that counts 2 output neurons: one is enough for two classes, ŷ = P(class 1) and 1 − ŷ for class 0; "
              "W2 has shape (16,), b2 is one number.")),
            (_is(lambda: (N_IN + 1) * (N_HID + 1)),
             ("(64 + 1) × (16 + 1) multiplies across both layers at once: count each layer on its own, "
              "(64 + 1) × 16 for the hidden layer (W1 and b1), then (16 + 1) × 1 for the output neuron (W2 and b2).")),
            (_is(lambda: N_IN + N_HID + N_HID + 1),
             ("that adds 64 for W1, but W1 connects every input to every hidden unit: its shape (64, 16) holds "
              "64 × 16 numbers.")),
            (_is_exact(lambda: N_IN * N_HID + 1),
             "that is W1 and b2: add b1 (one bias per hidden unit) and W2 (one weight per hidden unit)."),
            (_count_off_by, ("a count is exact, and yours is off by a little: recount the sizes of W1 (64, 16), "
                             "b1 (16,), W2 (16,) and b2 (a single number) and add them up.")),
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
            (_is(lambda: 1 - _forward()),
             "that is 1 − ŷ, the probability of class 0: σ(z) = 1 / (1 + e^(−z)), with a minus in the exponent."),
            (_classes, ("those are classes (ŷ ≥ ½ turned into 0 or 1): the exercise wants the probabilities ŷ "
                        "themselves, before any threshold.")),
            (_is(lambda: few()[1]), "that is y_few, the true labels: ŷ is what the network computes from X_few."),
            (_is(lambda: _forward(output=lambda z: sigmoid(np.tanh(z)))),
             "the output neuron applies tanh and then σ: the tanh belongs to the hidden layer only, ŷ = σ(H W2 + b2)."),
            (_is(lambda: _forward(b1_after=True)), "b1 was added after the tanh: it goes inside, H = tanh(X W1 + b1)."),
            (_summed_over_examples,
             ("that sums over the 5 examples (axis 0), giving one number per hidden unit: the output neuron sums "
              "over the hidden units, one number per example - that is what H @ W2 does.")),
            (lambda a: np.shape(a) == (210,) and _close(a, _forward(X=moons_split()[0])),
             "that is ŷ for all 210 training points: the exercise wants the first 5, X_few."),
            (_decimals, "close - keep every digit (don't round): the check compares to about 6 significant digits."),
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
            (_per_feature, ("you divided by m = X.shape[1], the number of features: J is the mean over the "
                                    "n = X.shape[0] examples (the rows).")),
            (_grad_slip(output_slope=True),
             ("the error was multiplied by σ's slope ŷ(1 − ŷ): with the log loss, ∂L/∂z2 is already ŷ − y (notebook "
              "06: the slope cancels), so e = ŷ − y as it is.")),
            (_grad_slip(slope="square"), "tanh's slope is 1 − H², i.e. 1 - H ** 2: (1 - H) ** 2 squares the wrong thing."),
            (_grad_slip(slope="tanh(H)"), "H already is tanh(Z1): the slope is 1 − H², not 1 − tanh(H)²."),
            (_grad_slip(dW2="Z1"), ("dW2 needs what W2 multiplies, the hidden outputs H = tanh(Z1): Hᵀ(ŷ − y)/n, "
                                    "not Z1ᵀ(ŷ − y)/n.")),
            (_grad_slip(b2_in=False), "the forward pass inside forgot b2: z2 = H W2 + b2."),
            (_grad_slip(through_W2="dot"),
             ("e @ W2 (or e @ W2.T) on two 1-D arrays is a dot product, one number (.T does nothing to a 1-D "
              "array): dH is the outer product, np.outer(e, W2), one row per example.")),
            (_grad_slip(slope="1-H"), "tanh's slope is 1 − H², i.e. 1 - H ** 2, not 1 − H."),
            (_grad_slip(hidden=lambda z: z),
             "the forward pass inside has no tanh: H = tanh(X W1 + b1), and the slope 1 − H² uses that H."),
            (_grad_slip(db1="e"),
             ("db1 is the output's mean error copied to every unit: db1 is dZ1 averaged over the examples, "
              "one entry per hidden unit, dZ1.mean(axis=0).")),
            (_db2_boxed, "db2 has the shape of b2, a single number: np.mean(e), not an array of shape (1,)."),
        ),
    ),
)
