"""The two-moons data set of notebook 07 (exported by :mod:`lecture_utils.network`)."""

import functools

import numpy as np

from ._validation import as_count, as_non_negative, check_entries

__all__ = ["make_moons", "moons_split"]


def make_moons(n=200, noise=0.2, seed=0):
    """Two interleaving half circles in the plane, a classic set no straight line separates.

    Class 0 lies on the upper arc ``(cos t, sin t)``, class 1 on the lower arc
    ``(1 − cos t, 0.5 − sin t)``, ``t`` uniform in ``[0, π]``, plus Gaussian noise.

    Parameters
    ----------
    n : int
        Number of points (at least 2, at most ``MAX_ENTRIES / 2``; half of them, rounded down, in class 0).
    noise : float
        Standard deviation of the noise added to each coordinate (0 to 1e150).
    seed : int
        Seed of the random numbers: the same seed always gives the same points.

    Returns
    -------
    X : ndarray, shape (n, 2)
    y : ndarray of float, shape (n,), labels 0 and 1
    """
    n = as_count(n, "n", minimum=2)
    check_entries(2 * n, "the data set X (n, 2)", "n")
    noise = as_non_negative(noise, "noise", "a standard deviation")
    if noise > 1e150:  # noise² (its variance) and the points' spread must stay floats
        raise ValueError(f"noise must be at most 1e150 (a standard deviation; the moons are of size 1), "
                         f"got {noise:g}")
    rng = np.random.default_rng(as_count(seed, "seed"))
    n0 = n // 2
    t = rng.uniform(0.0, np.pi, size=n)
    upper = np.column_stack([np.cos(t[:n0]), np.sin(t[:n0])])
    lower = np.column_stack([1.0 - np.cos(t[n0:]), 0.5 - np.sin(t[n0:])])
    X = np.vstack([upper, lower]) + noise * rng.standard_normal((n, 2))
    y = np.r_[np.zeros(n0), np.ones(n - n0)]
    order = rng.permutation(n)
    return X[order], y[order]


def moons_split():
    """Notebook 07's data: ``make_moons(300, noise=0.25, seed=0)``, then ``train_test_split(X, y, 0.3, seed=0)``.

    Returns fresh copies of ``X_train`` (210, 2), ``X_test`` (90, 2), ``y_train``, ``y_test``.
    """
    return tuple(a.copy() for a in _moons_arrays())


@functools.lru_cache(maxsize=1)
def _moons_arrays():
    from .data import train_test_split

    X, y = make_moons(n=300, noise=0.25, seed=0)
    return train_test_split(X, y, test_size=0.3, seed=0)
