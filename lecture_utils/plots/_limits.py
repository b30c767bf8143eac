"""Axis limits around data, shared by the plots of notebooks 06 and 07."""

import numpy as np


def padded_limits(lo, hi, frac, name):
    """Axis limits ``lo - pad, hi + pad`` around data: ``pad = frac`` of the range (of ``max(1, |value|)``
    when all values are equal); a clear error when that range is too wide for floats."""
    lo, hi = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is refused just below
        pad = frac * np.where(hi > lo, hi - lo, np.maximum(1.0, np.abs(lo)))
        lo, hi = lo - pad, hi + pad
        ok = np.all(np.isfinite(hi - lo)) and np.all(lo < hi)
    if not ok:
        raise ValueError(f"{name} values are too large to plot: the range {lo} to {hi} overflows")
    return lo, hi
