"""Calculus of notebook 04: numerical derivatives and a tiny reverse-mode autodiff engine.

- :func:`derivative` and :func:`numerical_gradient` approximate derivatives by finite
  differences ("height over width" with a small width ``h``).
- :class:`Value` is a scalar that remembers how it was computed, in the spirit of Andrej
  Karpathy's micrograd: ``f.backward()`` applies the chain rule backwards through the
  computation graph and leaves ``df/dv`` in ``v.grad`` for every ``Value`` ``v`` it used.

Only numpy and the standard library are imported here; drawing a graph lives in
:mod:`lecture_utils.plots.calculus` (``draw_graph``), imported when you call
:meth:`Value.draw`.
"""

import math
import numbers

import numpy as np

from ._validation import as_array, as_real, describe

__all__ = ["derivative", "numerical_gradient", "Value"]

_METHODS = ("central", "forward", "backward")


def _call_scalar(f, x, where):
    """``f(x)`` as a float; a clear error when ``f`` does not return one finite number."""
    y = f(x)
    if isinstance(y, Value):
        y = y.data
    if isinstance(y, np.ndarray) and y.size == 1 and y.dtype.kind in "biuf":
        y = y.reshape(()).item()
    if isinstance(y, bool) or not isinstance(y, numbers.Real):
        raise TypeError(f"f must return a single real number, but f({where}) returned {describe(y)}")
    y = float(y)
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
        Any shape (a scalar, a vector, a matrix, ...). It is not modified: ``f`` is called on
        a float copy with one entry moved by ``+h`` and ``-h``.
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
        up = _call_scalar(f, work, "x + h e_i")
        flat[i] = old - h
        down = _call_scalar(f, work, "x - h e_i")
        flat[i] = old
        grad.reshape(-1)[i] = (up - down) / (2 * h)
    return grad


class Value:
    """A scalar that remembers how it was computed, for reverse-mode automatic differentiation.

    Combine Values (and plain numbers, on either side) with ``+ - * / **``, ``exp()``,
    ``log()``, ``sigmoid()``, ``tanh()``, ``relu()``; each result records its operation
    (:attr:`op`), its inputs (:attr:`children`) and the *local* derivatives of its output
    with respect to each input (:attr:`local_grads`), written next to the operation.
    :meth:`backward` then applies the chain rule,
    ``child.grad += local_derivative * node.grad``, from the output back to the inputs.

    Parameters
    ----------
    data : float
        The number.
    label : str
        A name shown in pictures of the graph (``"x"``, ``"w1"``, ...).

    Attributes
    ----------
    data : float
    grad : float
        ``d(root)/d(self)`` after ``root.backward()``; 0.0 before.
    op : str
        The operation that made this Value ("" for an input).
    children : tuple of Value
        Its inputs, in order (the same Value twice for ``a + a``).
    local_grads : tuple of float
        ``d(self)/d(child)`` for each child, evaluated at the forward pass.

    Examples
    --------
    >>> x, y = Value(2.0, label="x"), Value(3.0, label="y")
    >>> f = x * y + x
    >>> f.backward()
    >>> x.grad, y.grad
    (4.0, 2.0)
    """

    # Let numpy defer to Value: np.float64(2) * v calls v.__rmul__ instead of building an array.
    __array_ufunc__ = None

    def __init__(self, data, label="", *, _children=(), _op="", _local_grads=()):
        if isinstance(data, Value):
            raise TypeError("data must be a number, got a Value; use the Value itself, or v.data")
        self.data = as_real(data, "data")
        if not isinstance(label, str):
            raise TypeError(f"label must be a string, got {describe(label)}")
        self.label = label
        self.grad = 0.0
        self.children = tuple(_children)
        self.op = _op
        self.local_grads = tuple(float(g) for g in _local_grads)

    def __repr__(self):
        name = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g}{name})"

    # --- building blocks --------------------------------------------------------------
    @staticmethod
    def _lift(other, op):
        """A plain number becomes a constant Value (a leaf); anything else is refused clearly."""
        if isinstance(other, Value):
            return other
        if isinstance(other, bool) or not isinstance(other, numbers.Real):
            raise TypeError(f"Value {op} {describe(other)}: a Value combines only with Values "
                            "and plain numbers (int or float)")
        return Value(other)

    def _result(self, data, children, op, local_grads):
        if not math.isfinite(data):
            raise OverflowError(f"the result of {op!r} on {[c.data for c in children]} is {data}: "
                                "the number is too large for a float")
        return Value(data, _children=children, _op=op, _local_grads=local_grads)

    # --- operations, each with its local derivatives ----------------------------------
    def __add__(self, other):
        other = Value._lift(other, "+")
        # d(a + b)/da = 1, d(a + b)/db = 1
        return self._result(self.data + other.data, (self, other), "+", (1.0, 1.0))

    def __radd__(self, other):  # 3 + v
        return Value._lift(other, "+") + self

    def __sub__(self, other):
        other = Value._lift(other, "-")
        # d(a - b)/da = 1, d(a - b)/db = -1
        return self._result(self.data - other.data, (self, other), "-", (1.0, -1.0))

    def __rsub__(self, other):  # 1 - v
        return Value._lift(other, "-") - self

    def __mul__(self, other):
        other = Value._lift(other, "*")
        # d(a b)/da = b, d(a b)/db = a
        return self._result(self.data * other.data, (self, other), "*", (other.data, self.data))

    def __rmul__(self, other):  # 3 * v
        return Value._lift(other, "*") * self

    def __truediv__(self, other):
        other = Value._lift(other, "/")
        if other.data == 0:
            raise ZeroDivisionError(f"division by a Value equal to 0 ({self.data:g} / 0)")
        # d(a / b)/da = 1/b, d(a / b)/db = -a/b**2
        return self._result(self.data / other.data, (self, other), "/",
                            (1.0 / other.data, -self.data / other.data ** 2))

    def __rtruediv__(self, other):  # 1 / v
        return Value._lift(other, "/") / self

    def __neg__(self):
        # d(-a)/da = -1
        return self._result(-self.data, (self,), "neg", (-1.0,))

    def __pos__(self):
        return self

    def __pow__(self, k):
        if isinstance(k, Value):
            raise TypeError("Value ** Value is not supported: the exponent must be a plain number "
                            "(for a^b with both Values write (b * a.log()).exp())")
        if isinstance(k, bool) or not isinstance(k, numbers.Real):
            raise TypeError(f"the exponent must be a plain number, got {describe(k)}")
        k = float(k)
        a = self.data
        if a == 0 and k < 0:
            raise ZeroDivisionError(f"0 ** {k:g} is undefined (a negative power of zero)")
        if a < 0 and not k.is_integer():
            raise ValueError(f"({a:g}) ** {k:g} is not a real number: a non-integer power "
                             "needs a non-negative base")
        # d(a**k)/da = k a**(k-1)   (at a = 0 with 0 < k < 1 the slope is infinite)
        local = 0.0 if k == 0 else (k * a ** (k - 1) if (a != 0 or k >= 1) else math.inf)
        if not math.isfinite(local):
            raise ValueError(f"d/da a**{k:g} is infinite at a = 0: the graph has no finite gradient")
        return self._result(a ** k, (self,), f"**{k:g}", (local,))

    def __rpow__(self, base):  # 2 ** v = exp(v ln 2)
        base = as_real(base, "base", positive=True)
        out = base ** self.data
        # d(c**a)/da = ln(c) c**a
        return self._result(out, (self,), f"{base:g}**", (math.log(base) * out,))

    def exp(self):
        """``e ** self``; its derivative is itself."""
        try:
            out = math.exp(self.data)
        except OverflowError:
            raise OverflowError(f"exp({self.data:g}) is too large for a float") from None
        # d(e**a)/da = e**a
        return self._result(out, (self,), "exp", (out,))

    def log(self):
        """Natural logarithm ``ln(self)``; only defined for a positive number."""
        if self.data <= 0:
            raise ValueError(f"log of a non-positive number: ln({self.data:g}) is undefined "
                             "(ln x needs x > 0)")
        # d(ln a)/da = 1/a
        return self._result(math.log(self.data), (self,), "log", (1.0 / self.data,))

    def sigmoid(self):
        """``1 / (1 + e**(-self))``, computed without overflow for any input."""
        a = self.data
        if a >= 0:
            s = 1.0 / (1.0 + math.exp(-a))
        else:  # e**(-a) would overflow for a very negative a: use the equivalent e**a/(1 + e**a)
            e = math.exp(a)
            s = e / (1.0 + e)
        # d(sigma(a))/da = sigma(a) (1 - sigma(a))
        return self._result(s, (self,), "sigmoid", (s * (1.0 - s),))

    def tanh(self):
        """Hyperbolic tangent."""
        t = math.tanh(self.data)
        # d(tanh a)/da = 1 - tanh(a)**2
        return self._result(t, (self,), "tanh", (1.0 - t * t,))

    def relu(self):
        """``max(0, self)``; its derivative is taken as 0 at 0."""
        a = self.data
        # d(relu a)/da = 1 if a > 0 else 0
        return self._result(max(a, 0.0), (self,), "relu", (1.0 if a > 0 else 0.0,))

    # --- the backward pass -------------------------------------------------------------
    def topological_order(self):
        """Every Value this one depends on (itself included), each once, inputs before results.

        Iterative depth-first search (no recursion), so graphs of any depth work.
        """
        order, seen = [], set()
        stack = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
                continue
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack.append((node, True))
            for child in reversed(node.children):
                if id(child) not in seen:
                    stack.append((child, False))
        return order

    def _propagate(self):
        """Chain rule at one node: pass ``self.grad`` to each child, times the local derivative."""
        for child, local in zip(self.children, self.local_grads):
            # += : a child used several times (a + a, or by several nodes) sums its paths.
            child.grad += local * self.grad

    def backward(self):
        """Compute ``d(self)/d(v)`` for every Value ``v`` in this graph, into ``v.grad``.

        The gradients are computed from scratch on every call: first every ``.grad`` in the
        graph is set to 0, then ``self.grad = 1`` and each node, from ``self`` back to the
        inputs (reverse topological order), passes its gradient to its children. Calling
        ``backward()`` twice therefore gives the same gradients, not twice them (PyTorch and
        micrograd accumulate instead and need ``zero_grad()``). A Value shared by two graphs
        holds the gradient of the graph whose ``backward()`` ran last.
        """
        order = self.topological_order()
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            node._propagate()

    # --- pictures ----------------------------------------------------------------------
    def draw(self, ax=None, **kwargs):
        """Draw this Value's computation graph (see :func:`lecture_utils.plots.draw_graph`).

        With ``ax`` the graph is drawn there and the artists are returned; without, a new
        matplotlib ``Figure`` sized to the graph is returned (Jupyter shows it).
        """
        from .plots.calculus import draw_graph, graph_figsize  # matplotlib only when drawing
        if ax is not None:
            return draw_graph(ax, self, **kwargs)
        from .plots.style import new_figure

        fig, ax = new_figure(graph_figsize(self), 100, nrows=1)
        draw_graph(ax, self, **kwargs)
        return fig
