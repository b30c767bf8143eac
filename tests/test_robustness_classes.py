"""Classes of bad and edge inputs over every public helper (issue 27, security review §5-6).

``test_robustness_inputs.py`` replaces each data argument by the obvious bad values of its
family (a string, None, NaN, ...). This file reuses its recipes and adds the classes a fuzzing
review found still leaking - each applied to every argument of its family, so a new function
is covered by adding its recipe there:

- numbers too large for a float (``10**400``) and big but valid ones (``2**70``);
- masked arrays (numpy would silently compute with the hidden entries);
- object arrays of Python ints, bool and huge/tiny finite magnitudes;
- sizes and step budgets far beyond what a laptop or a 1 GB hub server can hold or run.

The rule is the one of ``test_robustness_inputs``: a result (with no numpy warning, and finite
numbers when the inputs were finite), or a ``ValueError``/``TypeError`` raised by lecture_utils
naming the argument - never an error from deep inside numpy or matplotlib, never a hang (each
call runs under a time limit), never a ``MemoryError``.
"""

import signal
import time
import traceback
import warnings
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
import test_robustness_inputs as base

TIME_LIMIT = 20  # seconds: the review's hang threshold


@contextmanager
def time_limit(seconds=TIME_LIMIT):
    def stop(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _masked(v):
    a = np.ma.masked_array(np.asarray(v, dtype=float))
    a[np.unravel_index(0, a.shape)] = np.ma.masked
    return a


def _object_ints(v, big):
    a = np.empty(np.shape(v), dtype=object)
    a[...] = 1
    a.reshape(-1)[0] = big
    return a


CLASS_KINDS = {
    "real": {
        "int too big for a float": (lambda v: 10 ** 400, "error"),
        "big int that fits": (lambda v: 2 ** 70, "either"),
        "huge": (lambda v: 1e300, "either"),
        "tiny": (lambda v: 1e-300, "either"),
    },
    "count": {
        "int too big for a float": (lambda v: 10 ** 400, "either"),
        "huge": (lambda v: 10 ** 9, "either"),
    },
    "array": {
        "masked": (_masked, "error"),
        "object ints too big for a float": (lambda v: _object_ints(v, 10 ** 400), "error"),
        "object ints beyond int64": (lambda v: _object_ints(v, 2 ** 70), "either"),
        "bool": (lambda v: np.ones(np.shape(v), dtype=bool), "either"),
        "huge": (lambda v: np.full(np.shape(v), 1e300) * np.sign(np.arange(np.size(v)).reshape(np.shape(v)) - .5),
                 "either"),
        "tiny": (lambda v: np.full(np.shape(v), 1e-300), "either"),
    },
}

# (recipe id, argument, kind) accepted with a non-finite result, and why (numpy's own rule).
NON_FINITE_OK = {
    ("linalg.matmul_loops", "A", "huge"): "1e300 * 1e300 is inf in float64, as with @ (documented)",
    ("linalg.matmul_loops", "B", "huge"): "1e300 * 1e300 is inf in float64, as with @ (documented)",
}


def _cases():
    out = []
    for r in base.RECIPES:
        for arg, family in r.fuzz.items():
            for kind in CLASS_KINDS.get(family, {}):
                out.append(pytest.param(r, arg, family, kind, id=f"{r.id}-{arg}-{kind}"))
    return out


def _numbers(result):
    """The float arrays inside ``result`` (an array, a number, a record of them)."""
    if isinstance(result, (float, np.floating)):
        return [np.asarray(result)]
    if isinstance(result, np.ndarray) and result.dtype.kind == "f":
        return [result]
    if isinstance(result, tuple):
        return [a for item in result for a in _numbers(item)]
    return []


@pytest.mark.parametrize("recipe, arg, family, kind", _cases())
def test_edge_input_gives_a_result_or_a_clear_error(recipe, arg, family, kind):
    make, expect = CLASS_KINDS[family][kind]
    kwargs = recipe.args()
    value = make(kwargs[arg])
    kwargs[arg] = value
    start = time.perf_counter()
    try:
        with time_limit(), warnings.catch_warnings():
            warnings.simplefilter("error")
            result = recipe(**kwargs)
    except (ValueError, TypeError) as exc:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        assert base.raised_in_lecture_utils(exc), (
            f"{type(exc).__name__} raised in {Path(where.filename).name}:{where.lineno} ({where.name}), "
            f"not by lecture_utils: {exc}")
        assert base.names_argument(str(exc), recipe, arg, None, kwargs), (
            f"the message does not name {arg!r}: {type(exc).__name__}: {exc}")
        return
    except Exception as exc:  # noqa: BLE001 - any other exception (MemoryError, OverflowError, a warning)
        where = traceback.extract_tb(exc.__traceback__)[-1]
        raise AssertionError(f"{type(exc).__name__} at {Path(where.filename).name}:{where.lineno}: {exc}") from None
    assert expect != "error", f"accepted silently (returned {type(result).__name__}) instead of a clear error"
    assert time.perf_counter() - start < TIME_LIMIT
    if (recipe.id, arg, kind) not in NON_FINITE_OK:
        for a in _numbers(result):
            assert np.all(np.isfinite(a)), f"finite inputs gave a non-finite result: {a}"
