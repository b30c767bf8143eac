"""Answer comparisons and slip replays shared by the exercise modules.

The leading underscore keeps this module out of the exercise discovery (it registers nothing).
"""
import functools

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
            return same(result, variant(*args, **flags))
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
            return same(result, variant(*head, learning_rate, steps + delta))
    return predicate
