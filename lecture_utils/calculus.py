"""Calculus of notebook 04: numerical derivatives and a tiny reverse-mode autodiff engine.

- :func:`derivative` and :func:`numerical_gradient` approximate derivatives by finite
  differences ("height over width" with a small width ``h``).
- :class:`Value` is a scalar that remembers how it was computed, in the spirit of Andrej
  Karpathy's micrograd: ``f.backward()`` applies the chain rule backwards through the
  computation graph and adds ``df/dv`` to ``v.grad`` for every ``Value`` ``v`` it used
  (``f.zero_grad()`` resets them). It lives in :mod:`lecture_utils.autodiff` and is
  re-exported here.

Only numpy and the standard library are imported here; drawing a graph lives in
:mod:`lecture_utils.plots.graph` (``draw_graph``), which imports this module, never the
other way round.
"""

import math
import numbers

import numpy as np

from ._validation import FloatOverflowError, as_array, as_real, describe
from .autodiff import Value

__all__ = ["Value", "derivative", "numerical_gradient"]

_METHODS = ("central", "forward", "backward")


def _call_scalar(f, x, where):
    """``f(x)`` as a float; a clear error when ``f`` does not return one finite number."""
    try:
        with np.errstate(all="ignore"):  # an overflow inside f is reported below, naming the point
            y = f(x)
    except (OverflowError, ZeroDivisionError) as exc:
        raise FloatOverflowError(f"f({where}) failed with {type(exc).__name__} ({exc}): is that point outside "
                                 "f's domain or too large? (try another x or a smaller h)") from None
    if isinstance(y, Value):
        y = y.data
    if isinstance(y, np.ndarray) and y.size == 1 and y.dtype.kind in "biuf":
        y = y.reshape(()).item()
    if isinstance(y, bool) or not isinstance(y, numbers.Real):
        raise TypeError(f"f must return a single real number, but f({where}) returned {describe(y)}")
    try:
        y = float(y)
    except OverflowError:  # an int like 10**400
        raise ValueError(f"f({where}) returned an integer too large for a float "
                         f"({len(str(abs(int(y))))} digits); f must return a number below about 1.8e308") from None
    if not math.isfinite(y):
        raise ValueError(f"f({where}) is {y}: is that point outside f's domain? "
                         "(try another x or a smaller h)")
    return y


def derivative(f, x, h=1e-5, method="central"):
    """Approximate ``f'(x)`` by a finite difference with step ``h``.

    ``"forward"``: ``(f(x + h) - f(x)) / h`` (the secant of the lecture; error ~ h).
    ``"central"``: ``(f(x + h) - f(x - h)) / (2h)`` (error ~ h**2, the default).
    ``"backward"``: ``(f(x) - f(x - h)) / h``.

    Parameters
    ----------
    f : callable
        A function of one real number returning one real number.
    x : float
        Where to take the derivative.
    h : float
        The step, > 0. Too large: the secant is far from the tangent (truncation error);
        too small: ``f(x + h) - f(x)`` loses its digits to round-off. 1e-5 suits
        central differences of smooth functions of size ~1.
    method : {"central", "forward", "backward"}

    Returns
    -------
    float
    """
    if not callable(f):
        raise TypeError(f"f must be a function (callable), got {describe(f)}")
    x = as_real(x, "x")
    h = as_real(h, "h", positive=True)
    if method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}, got {method!r}")
    if x + h == x:
        raise ValueError(f"h = {h:g} is too small to change x = {x:g} in floating point "
                         f"(x + h == x); use a larger h")
    if method == "central":
        return (_call_scalar(f, x + h, "x + h") - _call_scalar(f, x - h, "x - h")) / (2 * h)
    if method == "forward":
        return (_call_scalar(f, x + h, "x + h") - _call_scalar(f, x, "x")) / h
    return (_call_scalar(f, x, "x") - _call_scalar(f, x - h, "x - h")) / h


def numerical_gradient(f, x, h=1e-5):
    """Gradient of a scalar function of an array, by central differences, one entry at a time.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns one real number for an array ``x`` of ``x``'s shape.
    x : array_like
        Any shape (a scalar, a vector, a matrix, ...). It is not modified: every call of ``f``
        gets a fresh float copy with one entry moved by ``+h`` or ``-h``, so an ``f`` that
        edits its argument in place (``x -= 1``) cannot spoil the next call.
    h : float
        The step, > 0.

    Returns
    -------
    numpy.ndarray
        Float array of ``x``'s shape: entry ``i`` is ``(f(x + h e_i) - f(x - h e_i)) / (2h)``.
    """
    if not callable(f):
        raise TypeError(f"f must be a function (callable), got {describe(f)}")
    h = as_real(h, "h", positive=True)
    x0 = as_array(x, "x").astype(float)  # astype copies: the caller's x is never touched
    grad = np.empty_like(x0)
    work = x0.copy()
    flat = work.reshape(-1)  # a view: writing flat[i] moves entry i of work
    for i in range(flat.size):
        old = flat[i]
        if old + h == old:
            raise ValueError(f"h = {h:g} is too small to change entry {np.unravel_index(i, x0.shape)} "
                             f"= {old:g} in floating point; use a larger h")
        flat[i] = old + h
        up = _call_scalar(f, work.copy(), "x + h e_i")
        flat[i] = old - h
        down = _call_scalar(f, work.copy(), "x - h e_i")
        flat[i] = old
        grad.reshape(-1)[i] = (up - down) / (2 * h)
    return grad
