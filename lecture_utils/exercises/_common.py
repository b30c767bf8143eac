"""Answer comparisons and slip replays shared by the exercise modules.

A replayed slip is remembered (:func:`remembered`): the judge asks each of an exercise's ~20
training-loop slips for its numbers on the same cases at every check, and a replay is a whole
training run (06.train and 07.train took 0.2-0.3 s per check, almost all of it replays).

The leading underscore keeps this module out of the exercise discovery (it registers nothing).
"""
import collections
import functools
import hashlib

import numpy as np

from ..checks import close as _checks_close

#: Whether an answer equals a value (same shape, ``rtol=1e-6, atol=1e-9``): the engine's
#: :func:`lecture_utils.checks.close`, without its "rounded to 2-6 digits also counts" (a slip
#: replay compares computed values, which are never rounded by hand).
close = functools.partial(_checks_close, rounded=False)


def replay(variant, same, **flags):
    """A mistake predicate: the answer is what ``variant(*args, **flags)`` gives.

    Parameters
    ----------
    variant : callable
        The exercise's computation with its slips as keyword switches (defaults: no slip).
    same : callable
        ``same(result, want)``: whether the student's result matches ``want``.
    **flags
        The switches that turn the slip on.

    Returns
    -------
    callable
        ``predicate(result, args)`` for an exercise's ``mistakes``.
    """
    def predicate(result, args):
        with np.errstate(all="ignore"):
            return same(result, remembered(predicate, args, lambda: variant(*args, **flags)))
    return predicate


def steps_off(variant, same, delta):
    """A mistake predicate: the answer ran ``delta`` more (or fewer) steps than asked.

    Parameters
    ----------
    variant : callable
        The training loop, called as ``variant(*head, learning_rate, steps)``.
    same : callable
        ``same(result, want)``: whether the student's result matches ``want``.
    delta : int
        How many steps the slip adds (negative: leaves out).

    Returns
    -------
    callable
        ``predicate(result, args)`` where ``args`` ends with ``learning_rate, steps``.
    """
    def predicate(result, args):
        *head, learning_rate, steps = args
        with np.errstate(all="ignore"):
            return same(result, remembered(predicate, args, lambda: variant(*head, learning_rate, steps + delta)))
    return predicate


_REMEMBERED = collections.OrderedDict()
REMEMBER_AT_MOST = 256  # replays kept (least recently used dropped): a few MB at most


def remembered(owner, args, compute):
    """``compute()``, or what it returned before for the same ``owner`` and case ``args``.

    Parameters
    ----------
    owner : hashable
        What is computed (a mistake predicate, a setup function): one replay per owner and case.
    args : tuple
        The exercise case the replay runs on; identified by value (arrays by shape, dtype and
        bytes), so a fresh copy of the same case finds the replay.
    compute : callable
        Runs the replay. Its result is shared by later callers: they must not change it.

    Returns
    -------
    object
        The replay's result; computed every time when ``args`` holds an object that cannot be
        identified by value.
    """
    key = _fingerprint(args)
    if key is None:
        return compute()
    key = (owner, key)
    if key in _REMEMBERED:
        _REMEMBERED.move_to_end(key)
        return _REMEMBERED[key]
    value = _REMEMBERED[key] = compute()
    if len(_REMEMBERED) > REMEMBER_AT_MOST:
        _REMEMBERED.popitem(last=False)
    return value


def _fingerprint(value):
    """A hashable identity of ``value`` by its contents, or None when it has none here."""
    if isinstance(value, np.ndarray):
        if value.dtype.hasobject:
            return None
        digest = hashlib.blake2b(np.ascontiguousarray(value).tobytes(), digest_size=16).digest()
        return ("array", value.shape, value.dtype.str, digest)
    if value is None or isinstance(value, (bool, int, float, complex, str, np.generic)):
        return (type(value).__name__, repr(value))
    if isinstance(value, (tuple, list)):
        parts = tuple(_fingerprint(v) for v in value)
        return None if any(p is None for p in parts) else (type(value).__name__, parts)
    return None
