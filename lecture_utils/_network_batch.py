"""Many :class:`~lecture_utils.network.MLPClassifier` fits at once, as one batched gradient descent.

InitializationExplorer (notebook 07) shows 306 different networks (every starting size, seed and
learning rate; all-zero starts are one network whatever the seed). Fitting them one by one costs a
Python loop of 800 small steps each (benchmarks/RESULTS.md); here the networks are stacked and one loop trains them
all. Every operation is the one :meth:`MLPClassifier.fit` does, applied network by network
(``matmul`` runs the same BLAS routine per network, elementwise ops and per-network reductions add in
the same order), so the parameters equal ``fit``'s bit for bit at the explorer's 4 hidden units
(tests/test_network_batch.py checks it; at 3 units OpenBLAS sums ``Hᵀe`` in another order and they
agree within rounding). ``cost_history_`` uses a cheaper formula equal within ~1e-16.
A network that stops (overflow, or ``tol``) leaves the batch with its parameters; the others go on.
"""

import numpy as np

from ._validation import as_array, as_count, as_non_negative, as_real, as_steps, check_entries
from .logistic import sigmoid_kernel
from .network import ACTIVATIONS, MLPClassifier, activation_pair, init_params, labels_as_floats

__all__ = ["fit_many"]


# Layout: the B networks' hidden layers side by side as ONE wide layer of B·h units, so the two
# big products are one gemm each: W1 (m, B·h), b1 (B·h,), Z1 and H (n, B·h); network b owns the
# columns b·h ... b·h + h − 1. The output side is per network: W2 (B, h), b2 (B,), z2 and ŷ (B, n).


def _per_net(H, B):
    """The (B, n, h) view of a wide (n, B·h) array: network b's own (n, h) block, no copy."""
    return H.reshape(H.shape[0], B, -1).transpose(1, 0, 2)


def _forward(X, W1, b1, W2, b2, activation, out=None):
    """Batched ``network._forward``: ``(Z1, H)`` of shape (n, B·h), ``z2`` and ``ŷ`` (B, n).

    ``out``: two spare (n, B·h) arrays to write Z1 and H into. These arrays are large: a fresh
    one per operation (page faults) costs more than the arithmetic.
    """
    Z1 = np.matmul(X, W1, out=None if out is None else out[0])
    Z1 += b1
    if activation == "tanh":
        H = np.tanh(Z1, out=None if out is None else out[1])
    else:
        H = ACTIVATIONS[activation][0](Z1)
    z2 = (_per_net(H, W2.shape[0]) @ W2[:, :, None])[:, :, 0] + b2[:, None]   # one gemv per network
    e = np.exp(-np.abs(z2))  # what sigmoid_kernel computes; kept for the cost
    return Z1, H, z2, sigmoid_kernel(z2, e), e


def _cost(y, fwd):
    """Per network ``mean(ln(1 + e^z) − y z)``, as ``network._cost``.

    ``ln(1 + e^z) = max(z, 0) + ln(1 + e^−|z|)`` reuses the forward pass's ``e^−|z|``: faster
    than ``np.logaddexp`` (benchmarks/RESULTS.md) and equal to it within a rounding (≤ 1e-15), which moves J's last
    digit only. J does not feed back into training, so the parameters stay bit-identical.
    """
    z2, e = fwd[2], fwd[4]
    return np.mean(np.maximum(z2, 0.0) + np.log1p(e) - y * z2, axis=1)


def _penalty(W1, W2):
    """``‖W1‖² + ‖W2‖²`` per network, each summed in ``fit``'s order."""
    B, h = W2.shape
    sq = (W1 ** 2).reshape(W1.shape[0], B, h).transpose(1, 0, 2).reshape(B, -1)
    return np.sum(sq, axis=1) + (W2[:, None, :] @ W2[:, :, None])[:, 0, 0]


def _slope(activation, Z1, H, out):
    """g'(Z1), as ``ACTIVATIONS`` computes it; tanh's ``1 − H²`` written into ``out``."""
    if activation != "tanh":
        return ACTIVATIONS[activation][1](Z1, H)
    slope = np.multiply(H, H, out=out)
    return np.subtract(1.0, slope, out=slope)


def _backward(X, y, W1, W2, fwd, activation, l2, scratch):
    """Batched ``network._backward``: ``(dW1, db1, dW2, db2)`` in the layout above."""
    Z1, H, _, y_hat, _ = fwd
    n, (B, h) = X.shape[0], W2.shape
    e = y_hat - y
    dW2 = (_per_net(H, B).transpose(0, 2, 1) @ e[:, :, None])[:, :, 0] / n + 2 * l2 * W2
    db2 = np.mean(e, axis=1)
    dZ1 = np.repeat(e.T, h, axis=1)
    dZ1 *= W2.ravel()                                     # dH = e ⊗ W2 per network, in the wide layout
    dZ1 *= _slope(activation, Z1, H, scratch)
    dW1 = X.T @ dZ1 / n + 2 * l2 * W1
    db1 = dZ1.mean(axis=0)
    return dW1, db1, dW2, db2


def fit_many(X, y, settings, *, hidden=8, activation="tanh", max_steps=2000, tol=0.0, l2=0.0):
    """Fit one ``MLPClassifier`` per ``(init_scale, seed, learning_rate)`` in ``settings``, all at once.

    Parameters
    ----------
    X : array, shape (n, m)
    y : array of 0/1, shape (n,)
    settings : sequence of (float, int, float)
        ``(init_scale, seed, learning_rate)`` of every network.
    hidden, activation, max_steps, tol, l2
        Shared by every network, as in :class:`MLPClassifier`.

    Returns
    -------
    list of MLPClassifier
        Fitted, in the order of ``settings``, with the attributes ``fit`` sets (no snapshots).
    """
    models = [MLPClassifier(hidden=hidden, activation=activation, learning_rate=lr, max_steps=max_steps, tol=tol,
                            l2=l2, init_scale=scale, seed=seed) for scale, seed, lr in settings]
    if not models:
        return models
    # The same checks (and messages) as fit, once for the shared settings and once per network.
    for net in models:
        as_real(net.learning_rate, "learning_rate", positive=True), as_non_negative(net.init_scale, "init_scale")
        as_count(net.seed, "seed")
    max_steps, tol, l2 = as_steps(max_steps, minimum=1), as_non_negative(tol, "tol"), as_non_negative(l2, "l2")
    activation_pair(activation)
    hidden = as_count(hidden, "hidden", minimum=1)
    X = as_array(X, "X", ndim=2).astype(float)
    check_entries(len(models) * X.shape[0] * hidden, "the hidden layers of all networks (settings × n × hidden)",
                  "hidden or the number of settings")
    check_entries(len(models) * (max_steps + 1), "the cost histories (settings × (max_steps + 1))",
                  "max_steps or the number of settings")
    y = labels_as_floats(y, X.shape[0])
    m, B = X.shape[1], len(models)
    starts = [init_params(m, hidden, scale=net.init_scale, seed=net.seed) for net in models]
    params = (np.concatenate([p[0] for p in starts], axis=1), np.concatenate([p[1] for p in starts]),
              np.array([p[2] for p in starts]), np.array([p[3] for p in starts], dtype=float))
    lr = np.array([float(net.learning_rate) for net in models])
    costs = np.full((B, max_steps + 1), np.nan)
    n_steps = np.zeros(B, dtype=int)
    converged, diverged = np.zeros(B, dtype=bool), np.zeros(B, dtype=bool)
    final = {}  # network -> its (W1, b1, W2, b2) when it stopped
    idx = np.arange(B)  # the networks still training, in the order of the working arrays' blocks
    fwd = _forward(X, *params, activation)
    spare = scratch = None  # reused large arrays: the step before last's Z1 and H, and g'(Z1)
    with np.errstate(over="ignore", invalid="ignore"):
        costs[:, 0] = _cost(y, fwd) + l2 * _penalty(params[0], params[2])
        for step in range(1, max_steps + 1):
            if scratch is None or scratch.shape != fwd[0].shape:
                scratch = np.empty_like(fwd[0])
            grads = _backward(X, y, params[0], params[2], fwd, activation, l2, scratch)
            cols = np.repeat(lr, hidden)
            new = (params[0] - cols * grads[0], params[1] - cols * grads[1], params[2] - lr[:, None] * grads[2],
                   params[3] - lr * grads[3])
            fwd_new = _forward(X, *new, activation, out=spare)
            J = _cost(y, fwd_new) + l2 * _penalty(new[0], new[2])
            ok = np.isfinite(J)
            costs[idx[ok], step] = J[ok]
            n_steps[idx[ok]] = step
            diverged[idx[~ok]] = True  # these keep their last finite parameters, as fit does
            stop = ~ok
            if tol > 0:
                sizes = (np.sum(_per_net_blocks(np.square(grads[0]), hidden), axis=1),
                         np.sum(np.square(grads[1]).reshape(-1, hidden), axis=1),
                         np.sum(np.square(grads[2]), axis=1), np.square(grads[3]))
                done = ok & (lr * np.sqrt(0 + sizes[0] + sizes[1] + sizes[2] + sizes[3]) < tol)
                converged[idx[done]] = True
                stop = stop | done
            if stop.any():
                _store(final, idx, ~ok, params, hidden)
                _store(final, idx, ok & stop, new, hidden)
                keep = ~stop
                idx, lr = idx[keep], lr[keep]
                new, fwd_new = _select(new, keep, hidden), _select(fwd_new, keep, hidden)
                if not idx.size:
                    break
            spare = fwd[:2] if fwd[0].shape == fwd_new[0].shape else None
            params, fwd = new, fwd_new
    _store(final, idx, np.ones(idx.size, dtype=bool), params, hidden)
    for b, net in enumerate(models):
        W1, b1, W2, b2 = final[b]
        net.W1_, net.b1_, net.W2_, net.b2_ = W1, b1, W2, float(b2)
        net._record(costs[b, : n_steps[b] + 1].copy(), converged[b], diverged[b], m)
        net.snapshots_ = None
    return models


def _per_net_blocks(A, h):
    """(m, B·h) -> (B, m·h): network b's (m, h) block as one row, in C order (a copy)."""
    return A.reshape(A.shape[0], -1, h).transpose(1, 0, 2).reshape(A.shape[1] // h, -1)


def _select(arrays, keep, h):
    """Networks ``keep`` (a mask over the batch) of ``params`` or a forward pass: wide arrays first, then (B, ...)."""
    cols = np.repeat(keep, h)
    # C order, as fit's arrays: BLAS sums an F-ordered block in another order (other last bits)
    return tuple(np.ascontiguousarray(a[..., cols]) if i < 2 else a[keep] for i, a in enumerate(arrays))


def _store(final, idx, rows, params, h):
    """Record the parameters of the networks ``rows`` (a mask over the working batch) as they stop."""
    W1, b1, W2, b2 = params
    for r in np.flatnonzero(rows):
        block = slice(r * h, (r + 1) * h)
        final[int(idx[r])] = (W1[:, block].copy(), b1[block].copy(), W2[r].copy(), b2[r])
