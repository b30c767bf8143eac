"""Input checks shared by the public helpers: clear errors instead of numpy tracebacks."""

import numbers

import numpy as np

_NUMERIC_KINDS = "biuf"  # bool, signed int, unsigned int, float


def describe(value):
    """Short description of what the caller passed, for error messages."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    return f"{type(value).__name__} {value!r}"[:80]


def as_array(x, name, *, ndim=None, allow_empty=False, finite=True):
    """Return ``x`` as a numeric numpy array, or raise a clear ``TypeError``/``ValueError``.

    Parameters
    ----------
    x : array_like
        Numbers: a scalar, a (nested) list or an array of bool, int or float.
    name : str
        The argument's name, used in the messages.
    ndim : int or tuple of int, optional
        Allowed numbers of dimensions.
    allow_empty : bool
        Whether an array with no entries is accepted.
    finite : bool
        Whether NaN and infinity are refused.
    """
    if isinstance(x, (str, bytes)):
        raise TypeError(f"{name} must be numbers (an array, list or scalar), got the string {x!r}")
    if x is None:
        raise TypeError(f"{name} must be numbers (an array, list or scalar), got None")
    try:
        arr = np.asarray(x)
    except ValueError as exc:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers; numpy says: {exc}") from None
    if arr.dtype.kind not in _NUMERIC_KINDS:
        raise TypeError(
            f"{name} must hold numbers (bool, int or float), got dtype {arr.dtype}"
            + (" - is it a ragged list or does it contain strings?" if arr.dtype.kind in "OUS" else "")
        )
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(_NDIM_WORDS.get(d, f"{d}-D") for d in allowed)
            raise ValueError(f"{name} must be {want}, got shape {arr.shape} ({arr.ndim}-D)")
    if not allow_empty and arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if finite and arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinity; every entry must be a finite number")
    return arr


_NDIM_WORDS = {0: "a scalar", 1: "a 1-D vector", 2: "a 2-D matrix"}


def as_vector(x, name, *, length=None, finite=True):
    """Return a 1-D float array; a column ``(n, 1)`` is accepted and flattened."""
    arr = as_array(x, name, ndim=(1, 2), finite=finite)
    if arr.ndim == 2:
        if arr.shape[1] != 1:
            raise ValueError(
                f"{name} must be a vector of shape (n,) or a column (n, 1), got shape {arr.shape}"
            )
        arr = arr[:, 0]
    if length is not None and arr.shape[0] != length:
        raise ValueError(f"{name} must have {length} entries, got shape {arr.shape}")
    return arr


def as_real(x, name, *, finite=True, positive=False, allow_inf=False, minimum=None, maximum=None):
    """Return a Python float from a real number; refuse bools, strings and arrays.

    ``finite`` refuses NaN and infinity; ``allow_inf`` lets infinity through all the same (a
    slider's start value: the slider clips it, as a drag past the end would). ``minimum`` and
    ``maximum`` bound it, both included (like scikit-learn's ``check_scalar``).
    """
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        if isinstance(x, np.ndarray) and x.ndim == 0 and x.dtype.kind in "iuf":
            x = x.item()
        else:
            raise TypeError(f"{name} must be a real number, got {describe(x)}")
    x = float(x)
    if finite and not np.isfinite(x) and not (allow_inf and np.isinf(x)):
        raise ValueError(f"{name} must be a finite number, got {x}")
    if positive and not x > 0:
        raise ValueError(f"{name} must be positive, got {x}")
    if minimum is not None and not x >= minimum:
        raise ValueError(f"{name} must be at least {minimum:g}, got {x:g}")
    if maximum is not None and not x <= maximum:
        raise ValueError(f"{name} must be at most {maximum:g}, got {x:g}")
    return x


def as_callable(f, name, what="a function"):
    """Return ``f`` if it can be called; else a ``TypeError`` saying what was expected and what came.

    ``what`` describes the expected function, e.g. ``"a function grad(x) returning the gradient"``.
    """
    if not callable(f):
        raise TypeError(f"{name} must be {what}, got {describe(f)}")
    return f


def as_count(x, name, *, minimum=0):
    """Return a Python int ``>= minimum``; refuse floats, bools and strings."""
    if isinstance(x, bool) or not isinstance(x, (numbers.Integral,)):
        raise TypeError(f"{name} must be a whole number, got {describe(x)}")
    x = int(x)
    if x < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {x}")
    return x


def as_pair(x, name, *, positive=False, increasing=False):
    """Return a pair of finite floats ``(a, b)`` (a size, or limits with ``increasing=True``)."""
    if isinstance(x, (str, bytes)) or x is None or np.ndim(x) != 1 or len(x) != 2:
        raise TypeError(f"{name} must be a pair of numbers like (6, 4), got {describe(x)}")
    a, b = (as_real(v, name, positive=positive) for v in x)
    if increasing and not a < b:
        raise ValueError(f"{name} must be (low, high) with low < high, got ({a:g}, {b:g})")
    return a, b
