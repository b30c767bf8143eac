"""Realistic wrong answers to notebook 07's exercises (a network with one hidden layer)."""

import numpy as np

from banks import Slip
from lecture_utils.exercises import neural_network as ex
from lecture_utils.logistic import sigmoid
from lecture_utils.network import backward, moons_split

X_FEW = ex.few()[0]
W1, B1, W2, B2 = ex.W1_EX, ex.B1_EX, ex.W2_EX, ex.B2_EX


def _backprop(slip):
    """A student's backprop(X, y, W1, b1, W2, b2) with one slip written out."""
    def backprop(X, y, W1, b1, W2, b2):
        n = X.shape[0]
        Z1 = X @ W1 + (0.0 if slip == "no b1" else b1)
        H = np.tanh(Z1)
        y_hat = sigmoid(H @ W2 + (0.0 if slip == "no b2" else b2))
        e = y_hat - y
        if slip == "y - y_hat":
            e = -e
        if slip == "times sigmoid slope":
            e = e * y_hat * (1 - y_hat)
        dH = np.outer(e, W2) if slip != "no W2" else e[:, None] * np.ones_like(H)
        slope = {"no slope": 1.0, "1 - Z1**2": 1 - Z1 ** 2, "sigmoid slope": H * (1 - H), "(1 - H)**2": (1 - H) ** 2,
                 "1 - tanh(H)**2": 1 - np.tanh(H) ** 2}.get(slip, 1 - H ** 2)
        dZ1 = dH * slope
        div = {"no 1/n": 1, "m for n": X.shape[1]}.get(slip, n)
        dW1 = (X if slip == "X not transposed" else X.T) @ dZ1 / div
        db1 = {"db1 sum": dZ1.sum(axis=0), "db1 axis=1": dZ1.mean(axis=1),
               "m for n": dZ1.mean(axis=0)}.get(slip, dZ1.sum(axis=0) / div)
        dW2 = {"H not transposed": H, "Z1 for H": Z1.T}.get(slip, H.T) @ e / div
        db2 = np.mean(e, keepdims=True) if slip == "db2 keepdims" else float(np.mean(e) if slip == "m for n"
                                                                                else np.sum(e) / div)
        if slip == "in place":
            W1 -= 0.1 * dW1  # the right gradients, but the caller's W1 changed
        grads = (dW1, db1, dW2, db2)
        return (grads[2], grads[3], grads[0], grads[1]) if slip == "order" else grads
    return lambda: backprop


def _train(slip):
    """A student's train(...) with one slip written out."""
    def train(X, y, W1, b1, W2, b2, learning_rate, steps):
        if slip == "own rate":
            learning_rate = 0.1
        if slip == "per example":
            for _ in range(steps):
                for i in range(len(X)):
                    dW1, db1, dW2, db2 = backward(X[i:i + 1], y[i:i + 1], W1, b1, W2, b2)
                    W1, b1, W2, b2 = W1 - learning_rate * dW1, b1 - learning_rate * db1, W2 - learning_rate * dW2, \
                        b2 - learning_rate * db2
            return W1, b1, W2, b2
        if slip == "gradient once":
            grads = backward(X, y, W1, b1, W2, b2)
            for _ in range(steps):
                W1, b1, W2, b2 = (p - learning_rate * g for p, g in zip((W1, b1, W2, b2), grads))
            return W1, b1, W2, b2
        if slip == "update after the loop":
            for _ in range(steps):
                grads = backward(X, y, W1, b1, W2, b2)
            return tuple(p - learning_rate * g for p, g in zip((W1, b1, W2, b2), grads))
        if slip == "zeros":
            W1, b1, W2, b2 = np.zeros_like(W1), np.zeros_like(b1), np.zeros_like(W2), 0.0
        if slip == "start returned":  # the updates went to names the return never reads
            for _ in range(steps):
                grads = backward(X, y, W1, b1, W2, b2)
                updated = [p - learning_rate * g for p, g in zip((W1, b1, W2, b2), grads)]
            assert len(updated) == 4  # computed, then never returned: the slip itself
            return W1, b1, W2, b2
        if slip in ("1/n twice", "b2 without rate", "W1 without rate", "no rate at all"):
            for _ in range(steps):
                grads = list(backward(X, y, W1, b1, W2, b2))
                if slip == "1/n twice":
                    grads = [g / X.shape[0] for g in grads]
                rates = {"b2 without rate": (learning_rate,) * 3 + (1.0,),
                         "W1 without rate": (1.0,) + (learning_rate,) * 3,
                         "no rate at all": (1.0,) * 4}.get(slip, (learning_rate,) * 4)
                W1, b1, W2, b2 = (p - r * g for p, r, g in zip((W1, b1, W2, b2), rates, grads))
            return W1, b1, W2, b2
        n_steps = steps + {"one more": 1, "one fewer": -1}.get(slip, 0)
        sign = 1.0 if slip == "plus" else -1.0
        for _ in range(n_steps):
            dW1, db1, dW2, db2 = backward(X, y, W1, b1, W2, b2)
            if slip == "no 1/n":
                dW1, db1, dW2, db2 = (g * X.shape[0] for g in (dW1, db1, dW2, db2))
            if slip == "layer by layer":
                W2, b2 = W2 - learning_rate * dW2, b2 - learning_rate * db2
                dW1, db1, _, _ = backward(X, y, W1, b1, W2, b2)
            elif slip == "layer 1 first":
                W1, b1 = W1 - learning_rate * dW1, b1 - learning_rate * db1
                _, _, dW2, db2 = backward(X, y, W1, b1, W2, b2)
                W2, b2 = W2 - learning_rate * dW2, b2 - learning_rate * db2
                continue
            elif slip == "output layer only":
                W2, b2 = W2 - learning_rate * dW2, b2 - learning_rate * db2
                continue
            elif slip == "hidden layer only":
                W1, b1 = W1 - learning_rate * dW1, b1 - learning_rate * db1
                continue
            else:
                W2 = W2 + sign * learning_rate * dW2
                b2 = b2 if slip == "b2 frozen" else b2 + sign * learning_rate * db2
            W1 = W1 + sign * learning_rate * dW1
            b1 = b1 if slip == "b1 frozen" else b1 + sign * learning_rate * db1
            if slip == "return in the loop":
                return W1, b1, W2, b2
        if slip == "gradients at the end":
            return tuple(backward(X, y, W1, b1, W2, b2))
        if slip == "b2 as array":
            b2 = np.array([b2])
        return (W1, W2) if slip == "weights only" else (W1, b1, W2, b2)
    return lambda: train


def _hidden(g=np.tanh, out=sigmoid, b1=B1, b2=B2):
    return out(g(X_FEW @ W1 + b1) @ W2 + b2)


BANK = {
    "07.param_count": [
        Slip("a round guess", lambda: 1000, "your whole number is"),
        Slip("b1 counted twice", lambda: 64 * 16 + 16 + 16 + 16 + 1, "counted twice"),
        Slip("forgot both biases", lambda: 64 * 16 + 16, "two (the biases b1"),
        Slip("forgot b1", lambda: 64 * 16 + 16 + 1, "b1"),
        Slip("forgot b2", lambda: 64 * 16 + 16 + 16, "b2 is missing"),
        Slip("only W1", lambda: 64 * 16, "W1 alone"),
        Slip("W2 as a square matrix", lambda: 64 * 16 + 16 + 16 * 16 + 1, "not (16, 16)"),
        Slip("counted neurons", lambda: 64 + 16 + 1, "counts the units"),
        Slip("multiplied the sizes", lambda: 64 * 16 * 16, "counts paths"),
        Slip("off by 10", lambda: 1047, "your whole number is"),
        Slip("10 output neurons (one per digit)", lambda: 64 * 16 + 16 + 16 * 10 + 10, "10 output neurons"),
        Slip("2 output neurons for 2 classes", lambda: 64 * 16 + 16 + 16 * 2 + 2, "2 output neurons"),
        Slip("(64 + 1) × (16 + 1)", lambda: 65 * 17, "each layer on its own"),
        Slip("added the layer sizes", lambda: 64 + 16 + 16 + 1, "64 × 16 numbers"),
        Slip("W1 and b2 only", lambda: 64 * 16 + 1, "W1 and b2"),
        Slip("right count in a list", lambda: [1057], "inside a list"),
        Slip("right count in an array", lambda: np.array([1057]), "inside an array"),
        Slip("b2 counted twice", lambda: 1058, "a count is exact"),
        Slip("one too few", lambda: 1055, "a count is exact"),
    ],
    "07.forward": [
        Slip("forgot b1", lambda: _hidden(b1=0.0), "b1 is missing"),
        Slip("forgot b2", lambda: _hidden(b2=0.0), "b2 is missing"),
        Slip("no output sigmoid", lambda: _hidden(out=lambda z: z), "scores z2"),
        Slip("no tanh", lambda: _hidden(g=lambda z: z), "no tanh"),
        Slip("sigmoid in the hidden layer", lambda: _hidden(g=sigmoid), "not the sigmoid"),
        Slip("ReLU in the hidden layer", lambda: _hidden(g=lambda z: np.maximum(z, 0)), "not ReLU"),
        Slip("tanh at the output", lambda: _hidden(out=np.tanh), "not tanh(z2)"),
        Slip("column (5, 1)", lambda: _hidden().reshape(-1, 1), "column"),
        Slip("stopped at the hidden layer", lambda: np.tanh(X_FEW @ W1 + B1), "shape of H"),
        Slip("1 − ŷ: exp(+z) in the sigmoid", lambda: 1 / (1 + np.exp(np.tanh(X_FEW @ W1 + B1) @ W2 + B2)), "1 − ŷ"),
        Slip("thresholded to classes", lambda: (_hidden() >= 0.5).astype(int), "those are classes"),
        Slip("thresholded to booleans", lambda: _hidden() > 0.5, "those are classes"),
        Slip("returned the labels y_few", lambda: ex.few()[1], "true labels"),
        Slip("tanh at the output, then sigmoid", lambda: _hidden(out=lambda z: sigmoid(np.tanh(z))), "hidden layer only"),
        Slip("b1 added after tanh", lambda: sigmoid((np.tanh(X_FEW @ W1) + B1) @ W2 + B2), "after the tanh"),
        Slip("summed over the examples", lambda: sigmoid((np.tanh(X_FEW @ W1 + B1) * W2).sum(axis=0) + B2),
             "sums over the 5 examples"),
        Slip("all 210 training points", lambda: sigmoid(np.tanh(moons_split()[0] @ W1 + B1) @ W2 + B2), "all 210"),
        Slip("rounded to 3 decimals", lambda: np.round(_hidden(), 3), "don't round"),
        Slip("rounded to 2 decimals, a list", lambda: [round(float(v), 2) for v in _hidden()], "don't round"),
    ],
    "07.backprop": [
        Slip("no 1/n", _backprop("no 1/n"), "n times too large"),
        Slip("y - y_hat", _backprop("y - y_hat"), "signs are flipped"),
        Slip("forgot tanh's slope", _backprop("no slope"), "tanh's slope is missing"),
        Slip("slope from Z1", _backprop("1 - Z1**2"), "not 1 − Z1²"),
        Slip("sigmoid's slope", _backprop("sigmoid slope"), "sigmoid's slope"),
        Slip("dH without W2", _backprop("no W2"), "through W2"),
        Slip("db1 summed", _backprop("db1 sum"), "db1 misses the 1/n"),
        Slip("db1 over axis 1", _backprop("db1 axis=1"), "wrong axis"),
        Slip("X not transposed", _backprop("X not transposed"), "needs Xᵀ"),
        Slip("H not transposed", _backprop("H not transposed"), "needs Hᵀ"),
        Slip("forgot b1 in the forward pass", _backprop("no b1"), "forgot b1"),
        Slip("returned in the wrong order", _backprop("order"), "wrong order"),
        Slip("n = X.shape[1] (features) in the 1/n", _backprop("m for n"), "X.shape[1]"),
        Slip("times σ's slope at the output", _backprop("times sigmoid slope"), "σ's slope"),
        Slip("slope (1 - H)**2", _backprop("(1 - H)**2"), "squares the wrong thing"),
        Slip("slope 1 - tanh(H)**2", _backprop("1 - tanh(H)**2"), "H already is tanh"),
        Slip("dW2 from Z1", _backprop("Z1 for H"), "not Z1ᵀ"),
        Slip("forgot b2 in the forward pass", _backprop("no b2"), "forgot b2"),
        Slip("db2 as an array (1,)", _backprop("db2 keepdims"), "not an array of shape (1,)"),
        Slip("changed W1 in place", _backprop("in place"), "in place"),
    ],
    "07.train": [
        Slip("climbs", _train("plus"), "climbs"),
        Slip("layer by layer", _train("layer by layer"), "simultaneous update"),
        Slip("b1 never updated", _train("b1 frozen"), "b1 never changes"),
        Slip("b2 never updated", _train("b2 frozen"), "b2 never changes"),
        Slip("gradients without 1/n", _train("no 1/n"), "n times too large"),
        Slip("restarted from zeros", _train("zeros"), "started from zeros"),
        Slip("one step too many", _train("one more"), "one step too many"),
        Slip("one step too few", _train("one fewer"), "one step too few"),
        Slip("returned the weights only", _train("weights only"), "return all four"),
        Slip("layer 1 first", _train("layer 1 first"), "simultaneous update"),
        Slip("output layer only", _train("output layer only"), "W1 and b1 never change"),
        Slip("hidden layer only", _train("hidden layer only"), "W2 and b2 never change"),
        Slip("return inside the loop", _train("return in the loop"), "only one step"),
        Slip("update after the loop", _train("update after the loop"), "only one step"),
        Slip("backward once, before the loop", _train("gradient once"), "computed once, before the loop"),
        Slip("own learning rate 0.1", _train("own rate"), "learning rate of their own"),
        Slip("one update per example", _train("per example"), "every single example"),
        Slip("returned the gradients", _train("gradients at the end"), "those are the gradients"),
        Slip("b2 as an array (1,)", _train("b2 as array"), "shape (1,)"),
        Slip("divided by n again", _train("1/n twice"), "divided by n twice"),
        Slip("b2 stepped without the learning rate", _train("b2 without rate"), "b2 was updated without the learning rate"),
        Slip("W1 stepped without the learning rate", _train("W1 without rate"), "W1 was updated without the learning rate"),
        Slip("no learning rate anywhere", _train("no rate at all"), "learning rate is missing"),
        Slip("updates lost, the start returned", _train("start returned"), "the start, unchanged"),
    ],
}


# ---- More slips, written from notebook 07's text alone (issue 26, item 5): the two loops first.
def _c3_backprop(rule):
    def backprop(X, y, W1, b1, W2, b2):
        return rule(X, y, W1, b1, W2, b2)
    return lambda: backprop


def _c3_grads(X, y, W1, b1, W2, b2, *, slope=True, one_minus_h=False, db1="mean", per_n=True, flip=False,
              order="right", dot=False, linear=False, db1_e=False):
    """A student's backprop written out, one slip switched on."""
    n = X.shape[0]
    Z1 = X @ W1 + b1
    H = Z1 if linear else np.tanh(Z1)
    e = sigmoid(H @ W2 + b2) - y
    if flip:
        e = -e
    dH = np.full(H.shape, e @ W2) if dot else e[:, None] @ W2[None, :]
    dZ1 = dH if not slope else dH * ((1 - H) if one_minus_h else (1 - H ** 2))
    d = n if per_n else 1
    dW1 = X.T @ dZ1 / d
    b1_grad = {"mean": dZ1.sum(axis=0) / d, "rows": dZ1, "all": np.sum(dZ1) / d}[db1]
    if db1_e:
        b1_grad = np.full(W1.shape[1], np.mean(e))
    dW2, db2 = H.T @ e / d, np.sum(e) / d
    return {"right": (dW1, b1_grad, dW2, db2), "W_b": (dW1, dW2, b1_grad, db2),
            "reverse": (db2, dW2, b1_grad, dW1)}[order]


def _c3_bp(**slip):
    return _c3_backprop(lambda *args: _c3_grads(*args, **slip))


def _c3_train(rule):
    def train(X, y, W1, b1, W2, b2, learning_rate, steps):
        return rule(X, y, W1, b1, W2, b2, learning_rate, steps)
    return lambda: train


def _c3_loop(*, biases=True, twice=False, bias_rate=True, extra=0, plus=False, order="right", start=False):
    def rule(X, y, W1, b1, W2, b2, a, steps):
        first = (W1, b1, W2, b2)
        s = 1.0 if plus else -1.0
        for _ in range(steps + extra):
            dW1, db1, dW2, db2 = backward(X, y, W1, b1, W2, b2)
            if twice:
                dW1, db1, dW2, db2 = dW1 / len(y), db1 / len(y), dW2 / len(y), db2 / len(y)
            W1, W2 = W1 + s * a * dW1, W2 + s * a * dW2
            if biases:
                rate = a if bias_rate else 1.0
                b1, b2 = b1 + s * rate * db1, b2 + s * rate * db2
        if start:
            return first
        return (W1, W2, b1, b2) if order == "W_b" else (W1, b1, W2, b2)
    return rule


def _c3_in_place(X, y, W1, b1, W2, b2, a, steps):
    for _ in range(steps):
        dW1, db1, dW2, db2 = backward(X, y, W1, b1, W2, b2)
        W1 -= a * dW1  # the 06/PyTorch idiom: changes the caller's W1
        b1 -= a * db1
        W2 -= a * dW2
        b2 = b2 - a * db2
    return W1, b1, W2, b2


def _c3_layer_by_layer(X, y, W1, b1, W2, b2, a, steps):
    for _ in range(steps):
        _, _, dW2, db2 = backward(X, y, W1, b1, W2, b2)
        W2, b2 = W2 - a * dW2, b2 - a * db2
        dW1, db1, _, _ = backward(X, y, W1, b1, W2, b2)  # after W2 moved
        W1, b1 = W1 - a * dW1, b1 - a * db1
    return W1, b1, W2, b2


def _c3_returns_gradients(X, y, W1, b1, W2, b2, a, steps):
    for _ in range(steps):
        grads = backward(X, y, W1, b1, W2, b2)
        W1, b1, W2, b2 = (p - a * g for p, g in zip((W1, b1, W2, b2), grads))
    return grads


def _c3_list_never_read(X, y, W1, b1, W2, b2, a, steps):
    params = [W1, b1, W2, b2]
    for _ in range(steps):
        grads = backward(X, y, *params)
        params = [p - a * g for p, g in zip(params, grads)]
    return W1, b1, W2, b2


def _c3_backward_short(X, y, W1, b1, W2, b2, a, steps):
    for _ in range(steps):
        dW1, db1, dW2, db2 = backward(X, y, W1, b1, W2)  # noqa: RUF059 - b2 left out of the call
    return W1, b1, W2, b2


def _c3_unpack_three(X, y, W1, b1, W2, b2, a, steps):
    for _ in range(steps):
        dW1, db1, dW2 = backward(X, y, W1, b1, W2, b2)  # noqa: RUF059 - three names, four values
    return W1, b1, W2, b2


_C3_H = np.tanh(X_FEW @ W1 + B1)
_MORE = {
    "07.param_count": [
        Slip("the four counts, not added", lambda: (64 * 16, 16, 16, 1), "their sum is missing"),
        Slip("the four counts as a list", lambda: [64 * 16, 16, 16, 1], "their sum is missing"),
    ],
    "07.forward": [
        Slip("classes", lambda: (sigmoid(_C3_H @ W2 + B2) > 0.5).astype(float), "those are classes"),
    ],
    "07.backprop": [
        Slip("slope 1 − H", _c3_bp(one_minus_h=True), "not 1 − H"),
        Slip("db1 per example", _c3_bp(db1="rows"), "separate values"),
        Slip("db1 summed over everything", _c3_bp(db1="all"), None),
        Slip("(dW1, dW2, db1, db2)", _c3_bp(order="W_b"), "wrong order"),
        Slip("reversed order", _c3_bp(order="reverse"), "wrong order"),
        Slip("e @ W2.T, a dot product", _c3_bp(dot=True), "outer product"),
        Slip("no tanh in the forward pass", _c3_bp(linear=True), "has no tanh"),
        Slip("db1 = mean(e) for every unit", _c3_bp(db1_e=True), "copied to every unit"),
    ],
    "07.train": [
        Slip("biases never updated", _c3_train(_c3_loop(biases=False)), "biases (b1, b2) never change"),
        Slip("biases without the rate", _c3_train(_c3_loop(bias_rate=False)), "without the learning rate"),
        Slip("(W1, W2, b1, b2)", _c3_train(_c3_loop(order="W_b")), "wrong order"),
        Slip("in place, 06's idiom", _c3_train(_c3_in_place), "in place"),
        Slip("backward without b2", _c3_train(_c3_backward_short), "fewer arguments"),
        Slip("three names for four gradients", _c3_train(_c3_unpack_three), "not as many"),
    ],
}
for _id, _slips in _MORE.items():
    BANK[_id] = BANK[_id] + _slips
