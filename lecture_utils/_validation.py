"""Input checks shared by the public helpers: clear errors instead of numpy tracebacks.

The one home of the checks every module uses, and of the size limits that keep a request
which is valid but too large for a laptop or a 1 GB hub server from ending in a bare
``MemoryError`` or an hour-long loop: :data:`MAX_STEPS`, :data:`MAX_ENTRIES`.
"""

import functools
import numbers

import numpy as np

_NUMERIC_KINDS = "biuf"  # bool, signed int, unsigned int, float

#: Most iterations any training or descent loop runs (``max_steps``): about a second per
#: 100,000 small steps, so a run stays well under a minute.
MAX_STEPS = 1_000_000
#: Most numbers an array built from a size argument may hold (80 MB of float64).
MAX_ENTRIES = 10_000_000
#: Most training steps an explorer runs while it is built (it trains every setting up front).
MAX_EXPLORER_STEPS = 10_000


class FloatOverflowError(OverflowError, ValueError):
    """A computation left the range of a float (an overflow, an infinite derivative, NaN).

    Both an ``OverflowError`` (what it is) and a ``ValueError`` (what the input was: too
    large for this computation), so ``except ValueError`` catches every bad input.
    """


class DivisionByZeroError(ZeroDivisionError, ValueError):
    """A division by zero asked for by the input (``Value(1) / 0``): also a ``ValueError``."""


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
    if isinstance(x, np.ma.MaskedArray):
        # np.asarray would drop the mask and compute with the hidden entries: refuse, say how.
        raise TypeError(f"{name} is a masked array; lecture_utils computes with every entry and "
                        f"would silently use the masked ones. Pass {name}.compressed() (only the "
                        f"unmasked entries) or {name}.filled(value) instead")
    try:
        arr = np.asarray(x)
    except ValueError as exc:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers; numpy says: {exc}") from None
    if arr.dtype.kind == "O" and arr.size and all(_is_real(v) for v in arr.flat):
        arr = _big_ints_as_float(arr, name)
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


def _is_real(v):
    # Python ints beyond int64 (and lists mixing them with floats) make numpy fall back to objects
    return isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))


def _big_ints_as_float(arr, name):
    """Python ints beyond int64 (numpy keeps them as objects) as floats, when they fit in one."""
    try:
        return arr.astype(np.float64)
    except OverflowError:
        biggest = max(abs(int(v)) for v in arr.flat if isinstance(v, numbers.Integral))
        raise ValueError(f"{name} must fit in a float (at most about 1.8e308 in size), got an "
                         f"integer of {len(str(biggest))} digits") from None


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
    try:
        x = float(x)
    except OverflowError:  # an int like 10**400: float() would fail naming nothing
        raise ValueError(f"{name} must fit in a float (at most about 1.8e308 in size), got an "
                         f"integer of {len(str(abs(int(x))))} digits") from None
    if finite and not np.isfinite(x) and not (allow_inf and np.isinf(x)):
        raise ValueError(f"{name} must be a finite number, got {x}")
    if positive and not x > 0:
        raise ValueError(f"{name} must be positive, got {x}")
    if minimum is not None and not x >= minimum:
        raise ValueError(f"{name} must be at least {minimum:g}, got {x:g}")
    if maximum is not None and not x <= maximum:
        raise ValueError(f"{name} must be at most {maximum:g}, got {x:g}")
    return x


def as_non_negative(x, name, why=""):
    """Return a finite float ``>= 0`` (a tolerance, a penalty, a noise level); else a clear error.

    ``why`` says what the number is, e.g. ``"a penalty strength"``: it is named in the message.
    """
    x = as_real(x, name)
    if x < 0:
        raise ValueError(f"{name} must be >= 0{f' ({why})' if why else ''}, got {x}")
    return x


def as_callable(f, name, what="a function"):
    """Return ``f`` if it can be called; else a ``TypeError`` saying what was expected and what came.

    ``what`` describes the expected function, e.g. ``"a function grad(x) returning the gradient"``.
    """
    if not callable(f):
        raise TypeError(f"{name} must be {what}, got {describe(f)}")
    return f


def as_count(x, name, *, minimum=0, maximum=None, why=""):
    """Return a Python int ``>= minimum`` (and ``<= maximum``); refuse floats, bools and strings.

    ``why`` ends the "at most" message, e.g. ``" (MAX_STEPS, about a minute of training)"``.
    """
    if isinstance(x, bool) or not isinstance(x, (numbers.Integral,)):
        raise TypeError(f"{name} must be a whole number, got {describe(x)}")
    x = int(x)
    if x < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {x}")
    if maximum is not None and x > maximum:
        raise ValueError(f"{name} must be at most {maximum:,}{why}, got {_amount(x)}")
    return x


def _amount(n):
    """A whole number for a message: with thousands separators, or as a power of ten when huge."""
    return f"{n:,}" if n < 10**15 else f"about 10^{len(str(n)) - 1}"


def as_steps(x, name="max_steps", *, minimum=0):
    """A step budget: a whole number from ``minimum`` to :data:`MAX_STEPS`."""
    return as_count(x, name, minimum=minimum, maximum=MAX_STEPS,
                    why=" (lecture_utils' MAX_STEPS: more would run for minutes)")


def as_explorer_steps(x, name="max_steps", *, minimum=1):
    """An explorer's training length: a whole number from ``minimum`` to :data:`MAX_EXPLORER_STEPS`."""
    return as_count(x, name, minimum=minimum, maximum=MAX_EXPLORER_STEPS,
                    why=" (lecture_utils' MAX_EXPLORER_STEPS: an explorer trains every setting while it is "
                        "built, so more would keep the notebook busy for minutes)")


def check_entries(count, what, names):
    """Refuse an allocation of more than :data:`MAX_ENTRIES` numbers, naming the arguments to lower.

    ``what`` says what would be built (``"the grid"``), ``names`` which arguments set its size.
    """
    if count > MAX_ENTRIES:  # integer arithmetic: count may be far beyond a float (10**400)
        raise ValueError(f"{what} would hold {_amount(count)} numbers ({_amount(count * 8 // 2**20)} MiB), more "
                         f"than lecture_utils' limit MAX_ENTRIES = {MAX_ENTRIES:,}; lower {names}")


#: Most points along one axis of a plotted grid (contours, probability maps): 1000 × 1000 is
#: already finer than any screen shows.
MAX_GRID = 1000
#: Most points of a plotted curve.
MAX_CURVE = 100_000


def as_grid_size(x, name, *, minimum=2, maximum=MAX_GRID):
    """Points per axis of a plotted grid, or of a curve: a whole number from ``minimum`` to ``maximum``."""
    return as_count(x, name, minimum=minimum, maximum=maximum,
                    why=" (more points than a screen shows; drawing them would take minutes or all the memory)")


def check_drawn(count, limit, what, names):
    """Refuse a drawing of more than ``limit`` items (cells, circles, boxes): it would take minutes."""
    if count > limit:
        raise ValueError(f"{what} would draw {count:,} items, more than its limit of {limit:,} (beyond it "
                         f"the picture is unreadable and takes minutes to draw); lower {names}")


def as_entry(entry, name, shape):
    """An index ``(i, j)`` into a matrix of ``shape``: two whole numbers, ``0 <= i < rows``, ``0 <= j < cols``.

    Negative indices are refused: in a picture that teaches indices, ``-1`` meaning "the last
    row" would silently highlight an unexpected cell.
    """
    if isinstance(entry, (str, bytes)) or np.ndim(entry) != 1 or len(entry) != 2:
        raise ValueError(f"{name} must be a pair (i, j) of a row and a column, got {describe(entry)}")
    i, j = (as_count(v, f"{name}[{k}]") for k, v in enumerate(entry))
    if i >= shape[0] or j >= shape[1]:
        raise ValueError(f"{name} = ({i}, {j}) is outside the matrix of shape {shape}: rows 0-{shape[0] - 1}, "
                         f"columns 0-{shape[1] - 1}")
    return i, j


def as_choice(x, name, choices):
    """Return ``x`` if it is one of ``choices`` (any value, hashable or not); else a clear ValueError."""
    if not any(isinstance(x, type(c)) and x == c for c in choices):
        raise ValueError(f"{name} must be one of {list(choices)}, got {describe(x)}")
    return x


def as_axes(ax, name="ax"):
    """Return ``ax`` if it is a matplotlib ``Axes``; else a ``TypeError`` saying how to get one."""
    from matplotlib.axes import Axes  # lazy: the maths modules never import matplotlib

    if not isinstance(ax, Axes):
        raise TypeError(f"{name} must be a matplotlib Axes to draw on (e.g. fig, {name} = "
                        f"plt.subplots()), got {describe(ax)}")
    return ax


def checks_axes(func):
    """Decorator: the drawing function's first argument ``ax`` must be an ``Axes`` (checked first)."""
    @functools.wraps(func)
    def wrapper(ax, *args, **kwargs):
        as_axes(ax)
        return func(ax, *args, **kwargs)
    return wrapper


def as_format(fmt, name="fmt", sample=1.5):
    """A ``str.format`` pattern for one number, like ``"{:g}"``; tried on ``sample`` first."""
    if not isinstance(fmt, str):
        raise TypeError(f"{name} must be a format string like '{{:g}}' or '{{:.2f}}', got {describe(fmt)}")
    try:
        fmt.format(sample)
    except (ValueError, IndexError, KeyError, TypeError) as exc:
        raise ValueError(f"{name} must be a format string for one number like '{{:g}}' or "
                         f"'{{:.2f}}', got {fmt!r} ({exc})") from None
    return fmt


def check_finite(values, what, hint):
    """Raise :class:`FloatOverflowError` if ``values`` holds inf or NaN: a breakdown, not a result."""
    if not np.all(np.isfinite(values)):
        raise FloatOverflowError(f"{what} overflowed (inf or NaN in float64): {hint}")



def as_pair(x, name, *, positive=False, increasing=False):
    """Return a pair of finite floats ``(a, b)`` (a size, or limits with ``increasing=True``)."""
    if isinstance(x, (str, bytes)) or x is None or np.ndim(x) != 1 or len(x) != 2:
        raise TypeError(f"{name} must be a pair of numbers like (6, 4), got {describe(x)}")
    a, b = (as_real(v, name, positive=positive) for v in x)
    if increasing and not a < b:
        raise ValueError(f"{name} must be (low, high) with low < high, got ({a:g}, {b:g})")
    return a, b
