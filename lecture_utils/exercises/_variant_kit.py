"""Helpers of the per-class variant modules (``_variants_NN.py``); registers nothing.

A class's exercise is the public one with its key rebuilt from the class numbers: the expected
value, a hint that quotes those numbers, and the slips (each wrong value computed from the same
numbers, when the key is first asked for). The public slips and messages stay in the exercise
modules, untouched: they quote the public numbers.
"""

import dataclasses

import numpy as np

from ..checks.slips import close


def rebuilt(public, expected, hint, mistakes=(), quantities=None, named=()):
    """The class's copy of ``public``: ``expected()`` and each slip's wrong value from the class numbers.

    Parameters
    ----------
    public : Exercise
        The exercise of the self-study edition (its other fields are kept: tolerances, form).
    expected : callable
        ``expected()``: the class's right answer.
    hint : str
        The class's hint (the public one may quote the public numbers).
    mistakes : iterable of (wrong, message)
        ``wrong()`` builds a slip's value from the class numbers; ``message`` names the slip
        without its size, so it holds in practice and graded mode alike.
    quantities : callable, optional
        ``quantities()`` -> ``{name: value}`` of the class's numbers (see ``Exercise``).
    named : iterable of (predicate, message)
        Mistakes told by a test rather than by one wrong value, consulted first.
    """
    return dataclasses.replace(public, expected=expected, hint=hint, quantities=quantities,
                               mistakes=tuple(named) + tuple((_differs(wrong, expected), message)
                                                             for wrong, message in mistakes))


def _differs(wrong, expected):
    """The slip's predicate; a slip that gives the right answer on these numbers names nothing."""
    def predicate(answer):
        with np.errstate(all="ignore"):
            value = wrong()
            return not close(value, expected(), rounded=False) and close(answer, value)
    return predicate


def pick(rng, options, avoid=()):
    """One of ``options`` not in ``avoid`` (the public numbers), as a plain Python value."""
    allowed = [o for o in options if o not in avoid]
    if not allowed:
        raise ValueError(f"no option left among {options!r} once {avoid!r} are left out")
    value = allowed[int(rng.integers(len(allowed)))]
    return value.item() if isinstance(value, np.generic) else value


def num(value):
    """A number as the notebooks write it: ``3`` for 3.0, ``0.7``, ``-1.5``."""
    return f"{float(value):g}"
