"""Helpers for writing an exercise's known mistakes from the exercise's own data.

``slip(wrong, message)`` returns a ``(predicate, message)`` pair for ``Exercise(mistakes=...)``
whose predicate is true for answers close to the value ``wrong`` builds (or, rounded, to 2-6
significant digits of it). ``wrong`` takes no argument for a value exercise, or the case's
arguments for a function exercise::

    mistakes=(
        slip(lambda: np.sum(np.abs(Y_PRED - Y_TRUE) ** 2), "that is the squared distance ..."),
        slip(lambda X, y, w, b: X.T @ (sigmoid(X @ w + b) - y), "the 1/n is missing ..."),
    )

A message that states the answer's numbers (a shape, the size of a step) can carry a graded
variant, ``slip(wrong, message, graded="...")`` or ``said(message, graded)`` in a hand-written
pair: graded mode (see ``values.wording``) prints that instead.

The engine consults mistakes only for answers that are not right, so a slip whose wrong
value happens to equal the right one on the exercise's data never fires (but it also never
helps: choose data that separate them).
"""

import inspect

import numpy as np

from .compare import is_numeric_like
from .values import rounded_digits


class Said(str):
    """A mistake's message with the wording graded mode uses instead (``.graded``)."""

    graded: str

    def __new__(cls, practice, graded):
        if not (isinstance(practice, str) and practice and isinstance(graded, str) and graded):
            raise TypeError("said() wants two non-empty strings: the practice and the graded message")
        text = super().__new__(cls, practice)
        text.graded = graded
        return text


def said(practice, graded):
    """A message for ``Exercise(mistakes=...)`` whose graded wording is ``graded``.

    For a mistake whose practice message names the answer's numbers (a shape, a count, how
    far off a step is): ``graded`` names the same mistake without them.
    """
    return Said(practice, graded)


def wording_of(message, graded):
    """The message to print: its graded variant in graded mode, when it has one."""
    return message.graded if graded and isinstance(message, Said) else message


def close(answer, value, rtol=1e-6, atol=1e-9, rounded=True):
    """Whether ``answer`` is ``value`` (numbers, arrays, or tuples of them), never raising.

    Shapes must agree; with ``rounded``, an answer that is ``value`` rounded to 2-6
    significant digits also counts.
    """
    try:
        if isinstance(value, (tuple, list)) and not is_numeric_like(value):
            return (isinstance(answer, (tuple, list)) and len(answer) == len(value)
                    and all(close(a, v, rtol, atol, rounded) for a, v in zip(answer, value)))
        if isinstance(answer, (str, bool, np.bool_)) or not is_numeric_like(answer):
            return False
        a, v = np.asarray(answer, dtype=float), np.asarray(value, dtype=float)
        if a.shape != v.shape:
            return False
        with np.errstate(all="ignore"):
            if np.allclose(a, v, rtol=rtol, atol=atol, equal_nan=True):
                return True
            return bool(rounded) and rounded_digits(a, v, rtol, atol) is not None
    except Exception:  # noqa: BLE001 - an answer that cannot be compared is not this slip
        return False


def slip(wrong, message, rtol=1e-6, atol=1e-9, graded=None):
    """A ``(predicate, message)`` mistake matching answers close to ``wrong``'s value.

    Parameters
    ----------
    wrong : callable
        ``wrong()`` (value exercise) or ``wrong(*case_args)`` (function exercise) computes
        the wrong answer the slip produces, from the exercise's own data.
    message : str
        What the student did, true for every answer the predicate matches.
    rtol, atol : float
        How close an answer must be to the wrong value.
    graded : str, optional
        The message in graded mode, for a ``message`` that states numbers of the answer.
    """
    if not callable(wrong):
        raise TypeError(f"slip() wants a function computing the wrong answer, got {type(wrong).__name__}")
    if not isinstance(message, str) or not message:
        raise TypeError("slip() wants a message (a non-empty string) naming the mistake")
    takes_args = _takes_arguments(wrong)
    if graded is not None:
        message = said(message, graded)

    def predicate(answer, args=()):
        with np.errstate(all="ignore"):
            value = wrong(*args) if takes_args else wrong()
        return close(answer, value, rtol, atol)

    return predicate, message


def _takes_arguments(func):
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL) for p in params)
