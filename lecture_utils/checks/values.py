"""What can be said about numbers that have the right shape but the wrong values.

Each function takes the student's array ``g`` and the right one ``w`` (same shape, numeric)
and returns a sentence, or None when its pattern does not fit. ``value_problem`` tries them
from the most specific (a flipped sign, a rounded answer) to the least (which entries are
off, by how much, in which direction).

Two wordings share these functions. In practice mode (the default) a sentence may carry the
amount and direction of an error ("entry [1, 2] is 21 too small"): the key is on the
student's machine anyway, and the size of a miss is the best clue to its cause. In graded
mode (``wording("graded")``, set by the engine) each sentence keeps the diagnosis - which
slip, which entry - and drops its amount and direction, so a student with a few graded
tries cannot home in on the key by reading numbers off the feedback. Sentences are built
from a diagnosis part and an ``amount(...)`` part that graded mode leaves out.
"""

import contextlib
import contextvars

import numpy as np

MODES = ("practice", "graded")
_GRADED = contextvars.ContextVar("lecture_utils_graded_wording", default=False)

MAX_LISTED = 3  # entries named one by one before "and k more"


def graded():
    """Whether sentences are being built in graded wording (no amounts, no directions)."""
    return _GRADED.get()


def check_mode(mode):
    """``mode`` itself, after checking it is one of :data:`MODES`."""
    if mode not in MODES:
        raise ValueError(f"mode must be 'practice' or 'graded', got {mode!r}")
    return mode


@contextlib.contextmanager
def wording(mode):
    """Build every sentence inside the block in ``mode``'s wording ("practice" or "graded")."""
    token = _GRADED.set(check_mode(mode) == "graded")
    try:
        yield
    finally:
        _GRADED.reset(token)


def amount(text, graded_text=""):
    """``text`` (an amount or a direction) in practice wording, ``graded_text`` in graded."""
    return graded_text if graded() else text


def num(x):
    """A number as a student would write it: 4 significant digits, no trailing noise."""
    x = float(x)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.4g}"


def round_sig(w, digits, how=np.round):
    """``w`` rounded (or, with ``how=np.trunc``, cut) to ``digits`` significant digits."""
    w = np.asarray(w, dtype=float)
    with np.errstate(all="ignore"):
        mag = np.floor(np.log10(np.where(w == 0, 1.0, np.abs(w))))
        scale = 10.0 ** (digits - 1 - mag)
        return np.where(np.isfinite(w) & (w != 0), how(w * scale) / scale, w)


def _rounding_level(g, w, rtol, atol, levels, rounded):
    """The first level at which every entry of ``g`` is right or one of ``rounded(w, level)``.

    At least one entry must be a rounding (not right); None when no level fits.
    """
    g, w = np.asarray(g, dtype=float), np.asarray(w, dtype=float)
    if g.shape != w.shape or not (np.all(np.isfinite(g)) and np.all(np.isfinite(w))):
        return None
    right = np.isclose(g, w, rtol=rtol, atol=atol)
    if right.all():
        return None
    for level in levels:
        ok = right.copy()
        for candidate in rounded(w, level):
            ok |= np.isclose(g, candidate, rtol=1e-9, atol=1e-12)
        if ok.all():
            return level
    return None


def rounded_digits(g, w, rtol=1e-6, atol=1e-9):
    """The fewest significant digits (2-6) at which ``g`` is ``w`` rounded or cut, else None."""
    return _rounding_level(g, w, rtol, atol, range(2, 7),
                           lambda w, digits: (round_sig(w, digits), round_sig(w, digits, np.trunc)))


def rounded_decimals(g, w, rtol=1e-6, atol=1e-9):
    """The fewest decimal places (1-8) at which ``g`` is ``w`` rounded or cut, else None.

    Catches ``np.round(w, 3)`` of entries of different sizes, which no single number of
    significant digits describes.
    """
    return _rounding_level(g, w, rtol, atol, range(1, 9),
                           lambda w, places: (np.round(w, places), np.trunc(w * 10.0 ** places) / 10.0 ** places))


def _simple_factor(r):
    """'2×', '1/3 of', '10×' for a ratio near a simple one, else None."""
    for k in (2, 3, 4, 5, 6, 8, 10, 100, 1000):
        if np.isclose(r, k, rtol=1e-6):
            return f"{k}×"
        if np.isclose(r, 1 / k, rtol=1e-6):
            return f"1/{k} of"
    return None


def _sign(g, w, rtol, atol):
    if np.any(w != 0) and np.allclose(g, -w, rtol=rtol, atol=atol):
        return "the sign is flipped - check a minus sign or the order of a subtraction."
    return None


def _truncated(g, w, gdtype, wdtype):
    if (gdtype.kind in "iu" or w.size > 1) and wdtype.kind == "f" and not np.allclose(w, np.round(w)):
        for how in (np.trunc, np.floor):
            if np.array_equal(g, how(w)):
                return ("your numbers are whole numbers where fractions are wanted: an integer "
                        "array (dtype int), int() or // cuts off everything after the decimal "
                        "point. Use floats and /.")
    return None


def _transposed(g, w, rtol, atol):
    if w.ndim == 2 and w.shape[0] == w.shape[1] and not np.allclose(w, w.T, rtol=rtol, atol=atol) and np.allclose(g, w.T, rtol=rtol, atol=atol):
        return "your answer is the transpose of the right one - check the order of rows and columns."
    return None


def _reordered(g, w, rtol, atol):
    if w.size > 1 and np.unique(w).size > 1 and np.allclose(np.sort(g, axis=None), np.sort(w, axis=None),
                                                             rtol=rtol, atol=atol):
        if w.ndim == 1 and np.allclose(g, w[::-1], rtol=rtol, atol=atol):
            return "the right numbers in reverse order - check which entry comes first."
        if w.ndim == 2 and min(w.shape) > 1 and np.allclose(g, w.T.reshape(w.shape), rtol=rtol, atol=atol):
            return ("the transpose's numbers poured into this shape: reshape keeps the reading order, "
                    "it does not swap rows and columns - .T (or the formula itself) does.")
        return "the right numbers, but in the wrong places - check the order of the entries."
    return None


def _all_zero(g, w, atol):
    if w.size > 1 and np.allclose(g, 0, atol=atol) and not np.allclose(w, 0, atol=atol):
        return ("your answer is all zeros - was an array made with np.zeros and never filled, "
                "or a loop that never ran?")
    return None


def _constant_factor(g, w, atol):
    nz = np.abs(w) > atol
    if w.size < 2 or nz.sum() < 2 or not np.allclose(g[~nz], 0, atol=atol):
        return None
    ratio = g[nz] / w[nz]
    r = ratio[0]
    if not np.allclose(ratio, r, rtol=1e-6) or np.isclose(r, 1) or np.isclose(r, -1):
        return None
    factor = amount(f"{_simple_factor(r) or f'{num(r)}×'} the right ones (a constant multiple)",
                    "a constant multiple of the right ones")
    return f"all entries are {factor} - look for a missing or extra factor, such as 1/n, 2 or a square root."


def _constant_offset(g, w, atol):
    d = g - w
    if w.size < 2 or not np.allclose(d, d.flat[0], rtol=1e-6, atol=atol) or np.isclose(d.flat[0], 0, atol=atol):
        return None
    way = "too large" if d.flat[0] > 0 else "too small"
    off = amount(f"{num(abs(d.flat[0]))} {way}", "off by the same amount")
    return f"every entry is {off} - a term added to every entry, or left out (a bias, an offset)?"


def _scalar(g, w):
    g, w = float(g), float(w)
    way = "too large" if g > w else "too small"
    if w == int(w) and g == int(g) and 0 < abs(g - w) <= 2 and abs(w) >= 3:
        # Whole numbers (counts, sums of products) are exact: "very close" would suggest rounding.
        return (f"your whole number is {amount(f'off by one or two ({way})', 'not right')}: a term "
                f"counted twice or left out (a bias, the first or last item), or an arithmetic slip?")
    if w != 0:
        factor = _simple_factor(g / w)
        if factor is not None:
            off = amount(f"{factor} the right one (off by a factor of {factor.rstrip(' of×')})",
                         "off by a constant factor")
            return f"your value is {off} - a factor missing or one too many?"
        if g / w < 0:
            should = amount(f": it should be {'positive' if w > 0 else 'negative'}", "")
            return f"your value has the wrong sign and size{should}."
        if w == int(w) and g == int(g) and abs(w) >= 10:
            return (f"your whole number is {amount(f'{num(abs(g - w))} {way}', 'not right')}: a term or group of items left out "
                    f"or counted twice, or a size multiplied where it should be added?")
        if abs(g / w - 1) < 0.01:
            close = amount(f"very close, but a little {way}", "not right")
            return f"your value is {close}: an approximation, or a rounded number on the way?"
        if 0.5 < g / w < 2:
            return amount(f"your value is {way} by about {abs(g / w - 1):.0%} - the value is not right yet.",
                          "the value is not right.")
    return f"the value is not right{amount(f': yours is {way}', '')}."


def _entries(g, w, rtol, atol):
    off = ~np.isclose(g, w, rtol=rtol, atol=atol)
    idx = np.argwhere(off)
    parts = []
    for i in idx[:MAX_LISTED]:
        i = tuple(int(k) for k in i)
        d = g[i] - w[i]
        off = amount(f"{num(abs(d))} {'too large' if d > 0 else 'too small'}", "wrong")
        parts.append(f"entry [{', '.join(map(str, i))}] is {off}")
    more = f" (and {len(idx) - MAX_LISTED} more)" if len(idx) > MAX_LISTED else ""
    verb = "differs" if len(idx) == 1 else "differ"
    return f"{len(idx)} of {w.size} entries {verb} from the right answer: {', '.join(parts)}{more}."


def nonfinite(g, w):
    """A sentence on NaN or infinity in ``g`` where ``w`` is finite, else None."""
    bad = ~np.isfinite(g) & np.isfinite(w)
    if not bad.any():
        return None
    if np.isnan(g[bad]).any():
        what, cause = "NaN (not a number)", "a 0/0, the log or square root of a negative number, or inf − inf"
    else:
        what, cause = "infinite", "a division by zero, log(0) or an overflow (exp of a large number)"
    head = f"your answer is {what}" if g.size == 1 else f"{int(bad.sum())} of {g.size} entries of your answer are {what}"
    return f"{head}: {cause} happened on the way."


def value_problem(g, w, rtol, atol, rounding_ok=False, gdtype=None):
    """None when ``g`` counts as ``w``; else a sentence on what is off (same shapes)."""
    wdtype = w.dtype
    g, w = g.astype(float), w.astype(float)
    with np.errstate(all="ignore"):
        if np.allclose(g, w, rtol=rtol, atol=atol, equal_nan=True):
            return None
        problem = nonfinite(g, w)
        if problem:
            return problem
        # A whole-number answer (a count) is never "rounded": 1000 for 1057 is a counting slip.
        counted = wdtype.kind in "iu" and np.all(g == np.round(g))
        digits = None if counted else rounded_digits(g, w, rtol, atol)
        if digits is not None and rounding_ok and digits >= 3:
            return None
        if not counted and (digits is not None or rounded_decimals(g, w, rtol, atol) is not None):
            return ("close - keep more digits (don't round): let Python compute the value, "
                    "or copy every digit it prints.")
        for test in (lambda: _all_zero(g, w, atol), lambda: _sign(g, w, rtol, atol),
                     lambda: _truncated(g, w, gdtype if gdtype is not None else g.dtype, wdtype),
                     lambda: _transposed(g, w, rtol, atol), lambda: _reordered(g, w, rtol, atol),
                     lambda: _constant_factor(g, w, atol), lambda: _constant_offset(g, w, atol)):
            problem = test()
            if problem:
                return problem
        if w.size == 1:
            return _scalar(g.ravel()[0], w.ravel()[0])
        return _entries(g, w, rtol, atol)
