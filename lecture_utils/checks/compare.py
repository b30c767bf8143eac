"""Compare an answer with the right one and say, in a student's words, what differs.

``compare(ex, got, want)`` returns None when ``got`` counts as ``want``, else one sentence.
It never raises on any ``got``: answers are first turned into numbers (or told why they
cannot be), then shapes are compared (explaining the rule, not echoing array shapes when the
answer *is* a shape or a count), then values (see ``values.py``).
"""

import decimal
import itertools
import numbers

import numpy as np

from .values import amount, graded, value_problem

_NOT_NUMBERS = {
    "b": "True/False values (the result of a comparison?) where numbers are wanted",
    "c": "complex numbers where real numbers are wanted",
    "U": "text (strings) where numbers are wanted - drop the quotes",
    "S": "bytes where numbers are wanted",
    "O": "entries that are not numbers (None, objects, or lists of different lengths)",
    "M": "dates where numbers are wanted",
    "m": "time spans where numbers are wanted",
    "V": "raw records where numbers are wanted",
}


def kind(x):
    """A few words naming what ``x`` is ("a string 'abc'", "a list of 3 items")."""
    if isinstance(x, str):
        return f"a string {x[:20]!r}"
    if isinstance(x, (bool, np.bool_)):
        return f"the boolean {bool(x)}"
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape}"
    if isinstance(x, (list, tuple)):
        return f"a {type(x).__name__} of {len(x)} item{'s' * (len(x) != 1)}"
    if callable(x):
        return "a function"
    name = type(x).__name__
    return f"{'an' if name[0] in 'aeiouAEIOU' else 'a'} {name}"


def is_numeric_like(x):
    """Whether ``x`` converts to a numeric (bool, int or float) array."""
    if isinstance(x, str):
        return False
    try:
        return np.asarray(x).dtype.kind in "biuf"
    except Exception:  # noqa: BLE001 - ragged lists, objects whose __array__ fails: not numeric
        return False


def _is_bool_like(want):
    if isinstance(want, (bool, np.bool_)):
        return True
    if isinstance(want, np.ndarray):
        return want.dtype.kind == "b"
    return isinstance(want, (tuple, list)) and len(want) > 0 and all(isinstance(v, (bool, np.bool_)) for v in want)


def _is_shape(want):
    return isinstance(want, tuple) and len(want) > 0 and all(
        isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in want)


def compare(ex, got, want):
    """None when ``got`` matches ``want``, else a sentence naming what differs."""
    if _is_bool_like(want):
        return _bool_problem(got, want)
    if isinstance(want, (tuple, list)) and not is_numeric_like(want):
        return _sequence_problem(ex, got, want)
    if not is_numeric_like(want):
        return None if _safe_eq(want, got) else "that is not the right answer."
    if _is_shape(want) and not ex.reveal_shape:
        return _shape_answer_problem(got, want)
    g, problem = as_numbers(got)
    if problem:
        return problem
    w = np.asarray(want)
    if g.shape != w.shape:
        return shape_problem(ex, got, g, w)
    if g.size == 0:
        return None
    problem = value_problem(g, w, ex.rtol, ex.atol, ex.rounding_ok, gdtype=g.dtype)
    if problem is None and ex.exact_dtype and g.dtype.kind != w.dtype.kind:
        return f"the values are right but the dtype is {g.dtype}; this exercise wants {w.dtype}."
    return problem


def as_numbers(got):
    """``(array, None)`` for a numeric answer, else ``(None, sentence saying why not)``."""
    if isinstance(got, str):
        return None, f"expected a number or an array of numbers, got {kind(got)} - write it without quotes."
    if isinstance(got, (bool, np.bool_)):
        return None, f"expected a number, got {kind(got)} (a comparison?)."
    if callable(got) and not isinstance(got, np.ndarray):
        return None, "that is a function; this exercise wants a value (call the function, f(...))."
    if isinstance(got, (dict, set, frozenset)):
        return None, f"expected a number or an array of numbers, got {kind(got)}."
    try:
        g = np.asarray(got)
    except ValueError:
        return None, ("expected a number or an array of numbers, got a ragged list: its rows "
                      "have different lengths, so it is not a table of numbers.")
    except Exception:  # noqa: BLE001 - any object numpy cannot read is "not numbers"
        return None, f"expected a number or an array of numbers, got {kind(got)}."
    if g.dtype.kind == "O" and g.size and all(_is_plain_number(v) for v in g.flat):
        g = g.astype(float)  # Fraction and Decimal answers (notebook 01 teaches Fraction)
    if g.dtype.kind not in "iuf":
        what = _NOT_NUMBERS.get(g.dtype.kind, f"values of dtype {g.dtype}")
        return None, f"expected numbers, got {what}."
    return g, None


def _is_plain_number(v):
    return isinstance(v, (numbers.Real, decimal.Decimal)) and not isinstance(v, (bool, np.bool_))


def shape_problem(ex, got, g, w):
    """A sentence on a numeric answer whose shape is not the right one."""
    if g.size == 0:
        return "your answer is empty (it has no entries)."
    inside = _answer_inside_tuple(ex, got, w)
    if inside:
        return inside
    if w.ndim == 0:
        return _count_problem(ex, got, g, w)
    if isinstance(got, (tuple, list)) and len(got) == 1 and w.ndim >= 1 and g.shape[1:] == w.shape:
        holder = "tuple" if isinstance(got, tuple) else "list"
        with np.errstate(all="ignore"):
            inner = value_problem(g[0], w, ex.rtol, ex.atol, ex.rounding_ok, gdtype=g.dtype)
        return (f"your answer is a {holder} holding one array (a trailing comma, `x,`, or "
                f"brackets around it?): return the array itself"
                + ("." if inner is None else f"; and inside it, {inner}"))
    if g.ndim == 0:
        wanted = f"an array of shape {w.shape}" if ex.reveal_shape else f"{w.size} numbers"
        return f"that is a single number; {wanted} is wanted."
    combined = _uncombined_problem(ex, g, w)
    if combined:
        return combined
    with np.errstate(all="ignore"):
        same_numbers = g.size == w.size and np.allclose(g.astype(float).ravel(), w.astype(float).ravel(),
                                                         rtol=ex.rtol, atol=ex.atol)
        if w.ndim == 2 and g.shape == w.T.shape and np.allclose(g, w.T, rtol=ex.rtol, atol=ex.atol):
            return "your answer is the transpose of the right one - check the order of rows and columns."
    if same_numbers and g.ndim == 2 and g.shape[1] == 1 and w.ndim == 1:
        return f"right numbers, but a column of shape {g.shape}; a flat vector of shape {w.shape} is wanted."
    if same_numbers and g.ndim == 2 and g.shape[0] == 1 and w.ndim == 1:
        return f"right numbers, but a row of shape {g.shape}; a flat vector of shape {w.shape} is wanted."
    if not ex.reveal_shape:
        return "right numbers, but not arranged the way wanted." if same_numbers else "that is not the right answer."
    if same_numbers:
        return f"right numbers, wrong shape: got {g.shape}, expected {w.shape}."
    return f"wrong shape: got {g.shape}, expected {w.shape}."


def _answer_inside_tuple(ex, got, w):
    """A sentence when ``got`` is a tuple or list of several values and one of them is the answer
    (``return w, grad_w`` where only w is wanted), else None."""
    if not isinstance(got, (tuple, list)) or len(got) < 2:
        return None
    for i, item in enumerate(got):
        try:
            item = np.asarray(item, dtype=float)
        except (TypeError, ValueError):
            continue
        with np.errstate(all="ignore"):
            if item.shape == w.shape and np.allclose(item, w, rtol=ex.rtol, atol=ex.atol):
                return (f"your answer holds {len(got)} values, and its {_ordinal(i + 1)} is the right answer: "
                        "give that one alone (one value is wanted, not a tuple or list of several).")
    return None


def _count_problem(ex, got, g, w):
    """The right answer is one number; the answer has several."""
    combined = _uncombined_problem(ex, g, w)  # before the shape rule: (1024, 16, 16, 1) are counts to add
    if combined:
        return combined
    # A tuple of sizes typed for a count (not a function's result): the shape/count rule.
    count = ex.cases is None and float(w) == int(w) and float(w) >= 0
    if count and isinstance(got, tuple) and g.ndim == 1 and g.dtype.kind in "iu" and 2 <= g.size <= 6:
        sizes = ", ".join(str(int(v)) for v in g)
        note = " - the number of entries is their product" if int(np.prod(g)) == w else ""
        return (f"({sizes}) is a shape: the size along each axis. This asks for one number, "
                f"a count{note}.")
    if count and g.size == int(w) and g.size > 1:
        # graded: the size of the student's array is the key itself, so it is not printed
        return (f"that is an array of {amount(f'{g.size} ', '')}numbers itself; the question asks how many there "
                "are: one number, the count (its .size).")
    if g.size == 1:
        holder = "a list" if isinstance(got, list) else "a tuple" if isinstance(got, tuple) else "an array"
        with np.errstate(all="ignore"):
            inner = value_problem(g.reshape(()), w, ex.rtol, ex.atol, ex.rounding_ok, gdtype=g.dtype)
        unwrap = "[0] or .item()" if g.ndim == 1 else ".item()"  # [0] of [[x]] is still a list
        if inner is None:
            return f"the right value, but inside {holder}: one plain number is wanted - take it out with {unwrap}."
        return f"one plain number is wanted, not {holder} holding one; and {inner}"
    return f"one number is wanted; your answer has {g.size} numbers."


_REDUCERS = (("mean", np.mean, "the (1/n) Σ, np.mean"), ("sum", np.sum, "the Σ, np.sum"))


def _uncombined_problem(ex, g, w):
    """A sentence when ``g`` holds the per-item values (one loss per example, one gradient row
    per example) whose mean or sum, along one axis, is the answer; else None.

    A formula with (1/n) Σ or Σ asks for one combined value; an answer with one more axis than
    wanted, whose mean or sum (or minus it) over that axis is right, skipped that step.
    """
    if g.size < 2 or g.ndim != w.ndim + 1 or g.dtype.kind not in "iuf":
        return None
    gf = g.astype(float)
    for axis in range(g.ndim):
        if g.shape[axis] < 2 or g.shape[:axis] + g.shape[axis + 1:] != w.shape:
            continue  # a length-1 axis is an extra bracket, not values left to combine
        for word, reduce, formula in _REDUCERS:
            with np.errstate(all="ignore"):
                combined = reduce(gf, axis=axis)
            for sign, also in ((1, ""), (-1, ", and the sign is wrong too")):
                if np.all(np.isfinite(combined)) and np.allclose(sign * combined, w, rtol=ex.rtol, atol=ex.atol):
                    along = "" if w.ndim == 0 else f" along axis {axis} (axis={axis})"
                    return (f"your answer holds {amount(f'{g.shape[axis]} ', '')}separate values (one per example or item), "
                            f"not combined into one: their {word}{along} is missing - {formula}{also}.")
    return None


def _shape_answer_problem(got, want):
    """The right answer is a shape (a tuple of sizes): say which rule the answer breaks."""
    n = len(want)
    if isinstance(got, str):
        return f"give the shape as a tuple of {n} whole numbers, like (3, 4), without quotes."
    if isinstance(got, (numbers.Number, np.number)) and not isinstance(got, (bool, np.bool_)):
        return (f"a shape is a tuple with one size per axis, like (3, 4); this one has {n} axes, "
                f"so give {n} numbers, not one.")
    g, problem = as_numbers(got)
    if problem:
        return f"give a tuple of {n} whole numbers (one size per axis), not {kind(got)}."
    if g.ndim != 1:
        return f"a shape is a flat tuple of {n} sizes, like (3, 4), not a table of numbers."
    if g.size != n:
        return f"this result has {n} axes: give a tuple of {n} sizes (yours has {g.size})."
    with np.errstate(all="ignore"):
        whole = np.all(np.isfinite(g)) and np.all(g == np.round(g))
    if not whole or np.any(g < 0):
        return "sizes along axes are whole numbers, 0 or more."
    if [int(v) for v in g] == list(want):
        return None
    if sorted(int(v) for v in g) == sorted(want):
        return "the right sizes in the wrong order - which axis comes first?"
    off = [i for i, (a, b) in enumerate(zip(g, want)) if a != b]
    axes = " and ".join(f"axis {i}" for i in off)
    return f"the size along {axes} is not right."


def _bool_problem(got, want):
    """The right answer is True/False, or a tuple of them."""
    single = isinstance(want, (bool, np.bool_))
    items = [got] if single else got
    if single and isinstance(got, (tuple, list, np.ndarray)):
        return "answer with one True or False."
    if not single and not isinstance(got, (tuple, list, np.ndarray)):
        return f"give {len(want)} answers, each True or False, in a tuple; got {kind(got)}."
    items = list(np.ravel(items)) if isinstance(items, np.ndarray) else list(items)
    if any(isinstance(v, (str, np.str_)) for v in items):
        return "answer with True/False, not strings: write True, without quotes."
    if not all(isinstance(v, (bool, np.bool_)) for v in items):
        bad = next(v for v in items if not isinstance(v, (bool, np.bool_)))
        return f"answer with True or False (got {bad!r}; 1 and 0 are not accepted either)."
    wants = [bool(want)] if single else [bool(v) for v in np.ravel(want)]
    if len(items) != len(wants):
        return f"give {len(wants)} answers (True or False), one for each item; got {len(items)}."
    wrong = [i for i, (a, b) in enumerate(zip(items, wants)) if bool(a) != b]
    if not wrong:
        return None
    if single:
        return "that is not the right answer."
    if graded():
        # Which items are wrong (or how many) would let a few tries spell out the key.
        return f"not all of your {len(wants)} answers are right - think each one through again."
    names = ", ".join(f"answer {i + 1}" for i in wrong)
    verb = "is" if len(wrong) == 1 else "are"
    return f"{len(wrong)} of {len(wants)} answers {verb} not right ({names}, counting from 1)."


def _sequence_problem(ex, got, want):
    """The right answer is a tuple of values of different kinds, e.g. (dw, db)."""
    if not isinstance(got, (tuple, list)):
        return f"expected {len(want)} values (a tuple), got {kind(got)}."
    if len(got) != len(want):
        return f"expected {len(want)} values (a tuple), got {len(got)}."
    problems = [compare(ex, g, w) for g, w in zip(got, want)]
    if not any(problems):
        return None
    order = _reordered_values(ex, got, want)
    if order is not None:
        moved = ", ".join(f"your {_ordinal(i + 1)} is the right {_ordinal(j + 1)}" for i, j in enumerate(order) if i != j)
        return f"the right values in the wrong order ({moved}): return them in the order the exercise asks."
    i = next(k for k, p in enumerate(problems) if p)
    return f"the {_ordinal(i + 1)} value (index {i}): {problems[i]}"


def _reordered_values(ex, got, want):
    """``order[i]`` = where ``got[i]`` belongs, when ``got`` is ``want`` reordered, else None."""
    if len(want) > 4:
        return None
    for order in itertools.permutations(range(len(want))):
        if list(order) != list(range(len(want))) and all(
                compare(ex, got[i], want[j]) is None for i, j in enumerate(order)):
            return order
    return None


def _ordinal(n):
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _safe_eq(want, got):
    try:
        result = want == got
        return isinstance(result, (bool, np.bool_)) and bool(result)
    except Exception:  # noqa: BLE001 - an object that cannot be compared is not the answer
        return False
