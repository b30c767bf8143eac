"""A neural network with one hidden layer, from scratch: forward pass, backpropagation, training.

Shapes follow the course (rows are examples)::

    X  (n, m)   W1 (m, h)   b1 (h,)     Z1 = X W1 + b1   (n, h) = (n, m)(m, h) + (h,)
                                        H  = g(Z1)       (n, h)   g = tanh, relu, ...
                W2 (h,)     b2 float    z2 = H W2 + b2   (n,)   = (n, h)(h,)
                                        ŷ  = σ(z2)       (n,)

The output neuron is notebook 06's logistic regression, fed the hidden features ``H``
instead of ``X``; the cost is 06's ``J = mean(−[y ln ŷ + (1 − y) ln(1 − ŷ)])``. The chain
rule, backwards through that graph (``e = ŷ − y``, one entry per example)::

    dW2 = Hᵀ e / n   (h,)       db2 = mean(e)
    dH  = e ⊗ W2     (n, h)     dZ1 = dH * g'(Z1)   (n, h)
    dW1 = Xᵀ dZ1 / n (m, h)     db1 = mean of dZ1 over the rows   (h,)
"""

from collections import namedtuple

import numpy as np

from ._classifier import Classifier, NotFittedError, check_labels, check_xy
from ._moons import make_moons, moons_split
from ._validation import as_array, as_count, as_non_negative, as_real, as_steps, check_entries, check_finite, describe
from .logistic import sigmoid_kernel

__all__ = [
    "ACTIVATIONS", "Forward", "Gradients", "MLPClassifier", "NotFittedError", "backward", "cost", "forward",
    "init_params", "make_moons", "moons_split",
]

Forward = namedtuple("Forward", "Z1 H z2 y_hat")
Forward.__doc__ = "Every intermediate of the forward pass: Z1, H (n, h), z2 and ŷ (n,)."
Gradients = namedtuple("Gradients", "dW1 db1 dW2 db2")
Gradients.__doc__ = "∂J/∂W1 (m, h), ∂J/∂b1 (h,), ∂J/∂W2 (h,), ∂J/∂b2 (float): each of its parameter's shape."

# name -> (g(z), g'(z) written with z = Z1 and a = g(Z1), whichever is cheaper)
ACTIVATIONS = {
    "tanh": (np.tanh, lambda z, a: 1.0 - a * a),
    "relu": (lambda z: np.maximum(z, 0.0), lambda z, a: (z > 0).astype(float)),
    "sigmoid": (sigmoid_kernel, lambda z, a: a * (1.0 - a)),
    "identity": (lambda z: z, lambda z, a: np.ones_like(z)),
}


def activation_pair(name):
    """``(f, f′)`` of a hidden-layer activation by name (validated; shared with the batched trainer)."""
    if not isinstance(name, str) or name not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, got {describe(name)}")
    return ACTIVATIONS[name]


def init_params(n_inputs, n_hidden, *, scale=1.0, seed=0):
    """Random starting weights ``(W1, b1, W2, b2)``: ``W1 ~ N(0, scale²/m)``, ``W2 ~ N(0, scale²/h)``, biases 0.

    Dividing the variance by the number of inputs of a layer keeps every ``Z1`` and ``z2`` near size 1, where
    tanh is not flat. ``scale=0`` gives all zeros: then every hidden unit computes the same thing,
    gets the same gradient and stays identical (here: zero) forever.
    """
    m, h = as_count(n_inputs, "n_inputs", minimum=1), as_count(n_hidden, "n_hidden", minimum=1)
    check_entries(m * h, f"W1 ({m:,} × {h:,})", "n_inputs or n_hidden")
    scale = as_non_negative(scale, "scale")
    rng = np.random.default_rng(as_count(seed, "seed"))
    W1 = rng.standard_normal((m, h)) * scale / np.sqrt(m)
    W2 = rng.standard_normal(h) * scale / np.sqrt(h)
    return W1, np.zeros(h), W2, 0.0


def _params(X, W1, b1, W2, b2):
    """Validated float parameters; the shape errors name both shapes and notebook 02's rule."""
    X = as_array(X, "X", ndim=2).astype(float)
    W1 = as_array(W1, "W1", ndim=2).astype(float)
    if X.shape[1] != W1.shape[0]:
        hint = " - is X transposed? It must be (n examples, m features)." if X.shape[0] == W1.shape[0] else ""
        raise ValueError(f"X @ W1 needs the inner sizes to match, (n, m) @ (m, h): X has shape {X.shape}, "
                         f"W1 has shape {W1.shape}{hint}")
    h = W1.shape[1]
    b1 = as_array(b1, "b1", ndim=1).astype(float)
    if b1.shape != (h,):
        raise ValueError(f"b1 must have one bias per hidden unit, shape ({h},) like W1's columns, got {b1.shape}")
    W2 = as_array(W2, "W2", ndim=(1, 2)).astype(float)
    if W2.ndim == 2 and W2.shape[1] == 1:
        W2 = W2[:, 0]  # a column (h, 1) is the same weights
    if W2.shape != (h,):
        raise ValueError(f"W2 must have one weight per hidden unit, shape ({h},): H W2 is (n, {h}) @ ({h},), "
                         f"got {W2.shape}")
    if isinstance(b2, np.ndarray) and b2.size == 1:
        b2 = b2.item()
    return X, W1, b1, W2, as_real(b2, "b2")


def _forward(X, W1, b1, W2, b2, activation):
    g = ACTIVATIONS[activation][0]
    Z1 = X @ W1 + b1          # (n, m) @ (m, h) + (h,) -> (n, h): b1 is added to every row
    H = g(Z1)
    z2 = H @ W2 + b2          # (n, h) @ (h,) -> (n,)
    return Forward(Z1, H, z2, sigmoid_kernel(z2))


def forward(X, W1, b1, W2, b2, *, activation="tanh"):
    """The forward pass: ``Z1 = X W1 + b1``, ``H = g(Z1)``, ``z2 = H W2 + b2``, ``ŷ = σ(z2)``.

    Returns a :class:`Forward` ``(Z1, H, z2, y_hat)`` with shapes ``(n, h), (n, h), (n,), (n,)``.
    """
    activation_pair(activation)
    with np.errstate(over="ignore", invalid="ignore"):
        fwd = _forward(*_params(X, W1, b1, W2, b2), activation)
    check_finite(fwd.z2, "the forward pass (z2 = H W2 + b2)", _HUGE)
    check_finite(fwd.Z1, "the forward pass (Z1 = X W1 + b1)", _HUGE)
    return fwd


_HUGE = "X or the weights hold numbers so large that the result leaves the float range (1.8e308)"


def _cost(y, z2):
    # −[y ln σ(z) + (1−y) ln(1 − σ(z))] = ln(1 + e^z) − y z: exact for every z (notebook 06).
    return float(np.mean(np.logaddexp(0.0, z2) - y * z2))


def labels_as_floats(y, n):
    """``y`` as 0/1 floats, one per row of an ``(n, m)`` X; else a clear ValueError."""
    y = check_labels(y, "y")
    if y.shape[0] != n:
        raise ValueError(f"X and y must have the same number of examples: X has {n} rows, y has shape {y.shape}")
    return y


def cost(X, y, W1, b1, W2, b2, *, activation="tanh", l2=0.0):
    """The cost ``J`` (mean log loss, notebook 06) of the network on ``X, y``, plus ``l2·(‖W1‖² + ‖W2‖²)``."""
    activation_pair(activation)
    X, W1, b1, W2, b2 = _params(X, W1, b1, W2, b2)
    y = labels_as_floats(y, X.shape[0])
    l2 = as_non_negative(l2, "l2")
    with np.errstate(over="ignore", invalid="ignore"):
        J = _cost(y, _forward(X, W1, b1, W2, b2, activation).z2) + (l2 * (np.sum(W1 * W1) + W2 @ W2) if l2 else 0.0)
    check_finite(J, "the cost J", _HUGE)
    return float(J)


def _backward(X, y, W2, fwd, activation, l2, W1):
    n = X.shape[0]
    e = fwd.y_hat - y                                         # dL/dz2 = ŷ − y, as in notebook 06
    dW2 = fwd.H.T @ e / n + 2 * l2 * W2                       # (h, n) @ (n,) -> (h,)
    db2 = float(np.mean(e))
    dH = np.outer(e, W2)                                      # (n, h): z2 = Σ_j H_j W2_j
    dZ1 = dH * ACTIVATIONS[activation][1](fwd.Z1, fwd.H)     # chain rule through g, entry by entry
    dW1 = X.T @ dZ1 / n + 2 * l2 * W1                         # (m, n) @ (n, h) -> (m, h)
    db1 = dZ1.mean(axis=0)                                    # (h,): b1 is added to every row
    return Gradients(dW1, db1, dW2, db2)


def backward(X, y, W1, b1, W2, b2, *, activation="tanh", l2=0.0):
    """Backpropagation: the gradient of :func:`cost` with respect to every parameter.

    Runs the forward pass, then the chain rule from ``J`` back to ``W1`` (see the module
    docstring). Returns :class:`Gradients` ``(dW1, db1, dW2, db2)``, each of its parameter's shape.
    """
    activation_pair(activation)
    X, W1, b1, W2, b2 = _params(X, W1, b1, W2, b2)
    y = labels_as_floats(y, X.shape[0])
    with np.errstate(over="ignore", invalid="ignore"):
        grads = _backward(X, y, W2, _forward(X, W1, b1, W2, b2, activation), activation, as_non_negative(l2, "l2"), W1)
    for name, g in zip(grads._fields, grads):
        check_finite(g, f"the gradient {name}", _HUGE)
    return grads


#: The former name of :func:`lecture_utils._validation.as_non_negative`, kept for callers that import it.
non_negative = as_non_negative


# A step costs numpy's call overhead (STEP_OVERHEAD multiply-adds' worth) plus its matrix
# products; MAX_WORK is the "about 30 s of training" the message below names (the calibration
# is in benchmarks/RESULTS.md). max_steps alone (MAX_STEPS) is not enough: a network's step
# costs several logistic ones, so a small network could still train for minutes.
STEP_OVERHEAD = 10_000
MAX_WORK = 5_000_000_000


def _check_work(max_steps, n, m, hidden):
    """Refuse a training run too long for a notebook up front, naming what to lower."""
    work = max_steps * (STEP_OVERHEAD + n * hidden * (m + 2))
    if work > MAX_WORK:
        raise ValueError(f"max_steps = {max_steps:,} on {n:,} samples × {m:,} features with hidden = {hidden:,} "
                         f"would train too long for a notebook (about {work / MAX_WORK * 30:,.0f} s on a laptop; lecture_utils' limit is "
                         f"about 30 s of training); lower max_steps, hidden or the number of samples")


class MLPClassifier(Classifier):
    """A network with one hidden layer, trained by batch gradient descent, in scikit-learn's style.

    Parameters
    ----------
    hidden : int
        Number of hidden units ``h`` (at least 1; ``n × h`` activations must fit in ``MAX_ENTRIES``).
    activation : str
        The hidden layer's nonlinearity: "tanh", "relu", "sigmoid" or "identity" (no nonlinearity).
    learning_rate : float
        Step size α > 0 of every update ``θ := θ − α ∂J/∂θ``.
    max_steps : int
        Gradient-descent steps, 1 to ``MAX_STEPS`` (1,000,000).
    tol : float
        Stop once a step moves the parameters by less than ``tol`` (as ``LogisticRegression``);
        0 means always take ``max_steps`` steps.
    l2 : float
        Strength λ ≥ 0 of the penalty ``λ(‖W1‖² + ‖W2‖²)`` (biases are not penalised).
    init_scale : float
        Size of the random starting weights (:func:`init_params`); 0 starts from all zeros.
    seed : int
        Seed of the starting weights.

    Attributes
    ----------
    W1_, b1_, W2_, b2_ : learned parameters, shapes ``(m, h), (h,), (h,)`` and a float
    cost_history_ : ndarray, shape (n_steps_ + 1,)
        J before the first step and after every step.
    n_steps_, converged_, diverged_ : int, bool, bool
        Steps taken; stopped by ``tol``; stopped because the numbers overflowed (the last finite
        parameters are kept, and ``repr`` says so; unlike ``LogisticRegression``, no warning).
    snapshots_ : dict or None
        With ``fit(..., keep_every=k)``: step -> ``(W1, b1, W2, b2)`` every ``k`` steps and at the end.
    """

    _learned = ("W1_", "b1_", "W2_", "b2_")
    _kind = "network"

    def __init__(self, hidden=8, activation="tanh", learning_rate=1.0, max_steps=2000, tol=0.0, l2=0.0,
                 init_scale=1.0, seed=0):
        self.hidden = hidden
        self.activation = activation
        self.learning_rate = learning_rate
        self.max_steps = max_steps
        self.tol = tol
        self.l2 = l2
        self.init_scale = init_scale
        self.seed = seed

    def fit(self, X, y, *, keep_every=None):
        """Learn ``W1_, b1_, W2_, b2_`` from ``X`` ``(n, m)`` and 0/1 labels ``y`` ``(n,)``; returns ``self``."""
        lr = as_real(self.learning_rate, "learning_rate", positive=True)
        max_steps = as_steps(self.max_steps, minimum=1)
        tol, l2 = as_non_negative(self.tol, "tol"), as_non_negative(self.l2, "l2")
        activation_pair(self.activation)
        hidden, scale = as_count(self.hidden, "hidden", minimum=1), as_non_negative(self.init_scale, "init_scale")
        X, y = check_xy(X, y)
        check_entries(X.shape[0] * hidden, f"the hidden layer's outputs H ({X.shape[0]:,} × {hidden:,})", "hidden")
        _check_work(max_steps, *X.shape, hidden)
        every = None if keep_every is None else as_count(keep_every, "keep_every", minimum=1)
        params = init_params(X.shape[1], hidden, scale=scale, seed=self.seed)
        snapshots = {0: params} if every else None
        fwd = _forward(X, *params, self.activation)
        with np.errstate(over="ignore", invalid="ignore"):
            costs = [_cost(y, fwd.z2) + l2 * (np.sum(params[0] ** 2) + params[2] @ params[2])]
        check_finite(costs[0], "the starting cost", "init_scale or X is so large that the first forward pass "
                     "leaves the float range; standardise X or lower init_scale")
        converged = diverged = False
        for step in range(1, max_steps + 1):
            grads = _backward(X, y, params[2], fwd, self.activation, l2, params[0])
            # Simultaneous update: every gradient was taken at the old parameters.
            new = tuple(p - lr * g for p, g in zip(params, grads))
            with np.errstate(over="ignore", invalid="ignore"):
                fwd_new = _forward(X, *new, self.activation)
                J = _cost(y, fwd_new.z2) + l2 * (np.sum(new[0] ** 2) + new[2] @ new[2])
            if not np.isfinite(J):
                diverged = True  # keep the last finite parameters; say so instead of returning nan
                break
            params, fwd = new, fwd_new
            costs.append(float(J))
            if every and (step % every == 0 or step == max_steps):
                snapshots[step] = params
            # With tol = 0 (the default) no step is short enough: skip the norm (its share of a step: benchmarks/RESULTS.md).
            if tol > 0 and lr * np.sqrt(sum(float(np.sum(np.square(g))) for g in grads)) < tol:
                converged = True
                break
        if snapshots is not None:
            snapshots[len(costs) - 1] = params
        self.W1_, self.b1_, self.W2_, self.b2_ = params[0], params[1], params[2], float(params[3])
        self._record(costs, converged, diverged, X.shape[1])
        self.snapshots_ = snapshots
        return self

    def _forward_fitted(self, X, method):
        return _forward(self._check_fitted(X, method), self.W1_, self.b1_, self.W2_, self.b2_, self.activation)

    def hidden_activations(self, X):
        """The hidden layer's outputs ``H = g(X W1 + b1)``, shape ``(n, h)``: the features the output neuron sees."""
        return self._forward_fitted(X, "hidden_activations").H

    def decision_function(self, X):
        """``z2 = H W2 + b2`` for every row of ``X``, shape ``(n,)``."""
        return self._forward_fitted(X, "decision_function").z2

    def _proba(self, X):
        return _forward(X, self.W1_, self.b1_, self.W2_, self.b2_, self.activation).y_hat
