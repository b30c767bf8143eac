"""Notebook 07's training-loop exercise, ``train(X, y, W1, b1, W2, b2, learning_rate, steps)``.

The student's loop is compared with the right one (:func:`_train_variant` with no slip) on
the moons from two random starts. Slips specific to a network (layer by layer, restarted from
zeros, the gradient taken once) are replayed by ``_train_variant``; the classic slips of any
gradient-descent loop (1/n missing or twice, a parameter never updated or updated without the
learning rate, the start returned) come from ``_loops.loop_slips``.
"""
NOTEBOOK = "07"

import numpy as np

from ..checks import Exercise, register
from ..network import backward, init_params, moons_split
from ._common import close as _close
from ._common import replay, steps_off
from ._loops import loop_slips
from .neural_network import _grads, _same


def _train_variant(X, y, W1, b1, W2, b2, learning_rate, steps, *, sign=-1.0, layer_by_layer=False,
                   update_b1=True, update_b2=True, mean=True, zeros=False, layer_1_first=False, update_W1=True,
                   update_W2=True, per_example=False, gradient_once=False):
    W1, b1, W2, b2 = (np.array(p, dtype=float) for p in (W1, b1, W2, b2))
    if zeros:
        W1, b1, W2, b2 = np.zeros_like(W1), np.zeros_like(b1), np.zeros_like(W2), np.zeros_like(b2)
    X, y = np.asarray(X, float), np.ravel(y).astype(float)
    for step in range(steps):
        if per_example:  # stochastic: one update after every single row
            for i in range(X.shape[0]):
                g = _grads(X[i:i + 1], y[i:i + 1], W1, b1, W2, b2, mean=mean)
                W1, b1 = W1 + sign * learning_rate * g[0], b1 + sign * learning_rate * g[1]
                W2, b2 = W2 + sign * learning_rate * g[2], b2 + sign * learning_rate * g[3]
            continue
        if not (gradient_once and step):  # gradient_once: the start's gradient reused at every step
            g = _grads(X, y, W1, b1, W2, b2, mean=mean)
        if layer_by_layer:  # layer 2 first, then layer 1's gradient from the *new* W2
            W2, b2 = W2 + sign * learning_rate * g[2], b2 + sign * learning_rate * g[3]
            g = _grads(X, y, W1, b1, W2, b2, mean=mean)
            W1, b1 = W1 + sign * learning_rate * g[0], b1 + sign * learning_rate * g[1]
            continue
        if layer_1_first:  # layer 1 first, then layer 2's gradient from the *new* W1, b1
            W1, b1 = W1 + sign * learning_rate * g[0], b1 + sign * learning_rate * g[1]
            g = _grads(X, y, W1, b1, W2, b2, mean=mean)
            W2, b2 = W2 + sign * learning_rate * g[2], b2 + sign * learning_rate * g[3]
            continue
        W1 = W1 + sign * learning_rate * g[0] if update_W1 else W1
        W2 = W2 + sign * learning_rate * g[2] if update_W2 else W2
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


def _one_step(result, args):
    """The loop stopped after its first step: a `return` inside the loop."""
    *head, learning_rate, steps = args
    return steps > 2 and _same(result, _train_variant(*head, learning_rate, 1))


def _own_learning_rate(result, args):
    """The loop used a learning rate of its own (0.01-1), not the argument ``learning_rate``."""
    *head, learning_rate, steps = args
    return any(_same(result, _train_variant(*head, rate, steps))
               for rate in (0.001, 0.01, 0.05, 0.1, 0.3, 0.5, 1.0) if rate != learning_rate)


def _gradients_at_end(result, args):
    """The gradients at the trained parameters, returned instead of the parameters."""
    X, y = args[0], args[1]
    return _same(result, _grads(X, y, *_train_variant(*args)))


def _b2_boxed(result, args):
    """Right parameters, but b2 as an array of shape (1,)."""
    want = _train_variant(*args)
    return (isinstance(result, (tuple, list)) and len(result) == 4 and _same(result[:3], want[:3])
            and np.ndim(result[3]) >= 1 and np.size(result[3]) == 1 and _close(np.ravel(result[3])[0], want[3]))


def _only_weights(result, args):
    want = _train_variant(*args)
    return _same(result, (want[0], want[2]))

def _loop_setup(X, y, W1, b1, W2, b2, learning_rate, steps):
    X, y = np.asarray(X, float), np.ravel(y).astype(float)
    return (lambda *p: backward(X, y, *p)), (W1, b1, W2, b2), learning_rate, steps, X.shape[0]


register(
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
            *loop_slips(_loop_setup, ("W1", "b1", "W2", "b2"), _same),
            (_train_slip(layer_1_first=True),
             ("W2 was updated with a gradient computed after W1 had moved: take all four gradients at the old "
             "parameters, then update them together (a simultaneous update).")),
            (_train_slip(update_W1=False, update_b1=False),
             "W1 and b1 never change: only the output layer learned; update the hidden layer too."),
            (_train_slip(update_W2=False, update_b2=False),
             "W2 and b2 never change: only the hidden layer learned; update the output neuron too."),
            (_one_step, ("only one step was taken: is the update (or the `return`) in the wrong place? Inside the loop: "
                         "backward and the update, every step; after the loop: the return.")),
            (_train_slip(gradient_once=True),
             "every step used the gradient at the start: call backward inside the loop, at the current parameters."),
            (_own_learning_rate, "your steps use a learning rate of their own: use the argument `learning_rate`."),
            (_train_slip(per_example=True),
             ("that updates after every single example (stochastic gradient descent): here one step uses the "
              "gradient on all the rows at once, backward(X, y, ...).")),
            (_gradients_at_end, "those are the gradients at the end: return the parameters (W1, b1, W2, b2) themselves."),
            (_b2_boxed, "b2 came back as an array of shape (1,): keep it a single number, as it was passed in."),
        ),
    ),
)
