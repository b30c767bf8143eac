"""A tiny reverse-mode automatic differentiation engine: :class:`Value`, in the spirit of
Andrej Karpathy's micrograd (re-exported by :mod:`lecture_utils.calculus`).

A Value is a number that remembers how it was computed; ``f.backward()`` applies the chain
rule backwards through the computation graph and adds ``df/dv`` to ``v.grad`` for every
Value ``v`` that ``f`` used. Only the standard library is imported here.
"""

import math
import numbers
from dataclasses import dataclass

from ._validation import DivisionByZeroError, FloatOverflowError, as_real, describe

__all__ = ["BackwardStep", "Value"]


class Value:
    """A scalar that remembers how it was computed, for reverse-mode automatic differentiation.

    Combine Values (and plain numbers, on either side) with ``+ - * / **``, ``exp()``,
    ``log()``, ``sigmoid()``, ``tanh()``, ``relu()``; each result records its operation
    (:attr:`op`), its inputs (:attr:`children`) and the *local* derivatives of its output
    with respect to each input (:attr:`local_grads`), written next to the operation.
    :meth:`backward` then applies the chain rule, ``d(out)/d(child) += local_derivative *
    d(out)/d(node)``, from the output back to the inputs (in reverse topological order, see
    :meth:`topological_order` and :meth:`backward_steps`).

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
        0.0 at first; every ``root.backward()`` *adds* ``d(root)/d(self)`` to it (as in
        micrograd and PyTorch); ``root.zero_grad()`` sets it back to 0.
    op : str
        The operation that made this Value ("" for an input): "+", "-", "*", "/", "neg",
        "pow" (``a ** k``), "rpow" (``c ** a``), "exp", "log", "sigmoid", "tanh", "relu".
    op_arg : float or None
        The plain number inside the operation: ``k`` of "pow", ``c`` of "rpow"; else None.
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
    >>> f.backward()  # gradients accumulate, as in PyTorch
    >>> x.grad
    8.0
    >>> f.zero_grad()
    >>> x.grad
    0.0
    """

    # Let numpy defer to Value: np.float64(2) * v calls v.__rmul__ instead of building an array.
    __array_ufunc__ = None

    def __init__(self, data, label="", *, _children=(), _op="", _local_grads=(), _op_arg=None):
        if isinstance(data, Value):
            raise TypeError("data must be a number, got a Value; use the Value itself, or v.data")
        self.data = as_real(data, "data")
        if not isinstance(label, str):
            raise TypeError(f"label must be a string, got {describe(label)}")
        self.label = label
        self.grad = 0.0
        self.children = tuple(_children)
        self.op = _op
        self.op_arg = _op_arg
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
        return Value(as_real(other, f"the number in Value {op} number"))

    @staticmethod
    def _compute(op, inputs, fn):
        """``fn()`` (float arithmetic of one operation); an overflow or a division by an underflowed
        0 becomes a :class:`FloatOverflowError` naming the operation and its inputs."""
        try:
            return fn()
        except (OverflowError, ZeroDivisionError):
            raise FloatOverflowError(f"{op!r} on {inputs} leaves the range of a float (about 1e-308 "
                                     "to 1.8e308 in size): the number or its derivative is too large") from None

    def _result(self, data, children, op, local_grads, op_arg=None):
        """The new node: refuses an overflow (inf) clearly, records inputs and local derivatives.

        An infinite local derivative is refused too: backward() would turn it into -inf or NaN
        gradients (``(1/x) * 0`` at a tiny x gives inf * 0 = NaN).
        """
        if not math.isfinite(data):
            raise FloatOverflowError(f"the result of {op!r} on {[c.data for c in children]} is {data}: "
                                     "the number is too large for a float")
        if not all(math.isfinite(g) for g in local_grads):
            raise FloatOverflowError(f"the derivative of {op!r} at {[c.data for c in children]} is too "
                                     f"large for a float ({list(local_grads)}): backward() could not give "
                                     "finite gradients")
        return Value(data, _children=children, _op=op, _local_grads=local_grads, _op_arg=op_arg)

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
        a, b = self.data, other.data
        if b == 0:
            raise DivisionByZeroError(f"division by a Value equal to 0 ({a:g} / 0)")
        # d(a / b)/da = 1/b, d(a / b)/db = -a/b**2 (as -(a/b)/b: b**2 can underflow to 0)
        out, local = Value._compute("/", [a, b], lambda: (a / b, (1.0 / b, -(a / b) / b)))
        return self._result(out, (self, other), "/", local)

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
        k = as_real(k, "the exponent")
        a = self.data
        if a == 0 and k < 0:
            raise DivisionByZeroError(f"0 ** {k:g} is undefined (a negative power of zero)")
        if a < 0 and not k.is_integer():
            raise ValueError(f"({a:g}) ** {k:g} is not a real number: a non-integer power "
                             "needs a non-negative base")
        if a == 0 and 0 < k < 1:  # d/da a**k = k a**(k-1): infinite at a = 0
            raise ValueError(f"d/da a**{k:g} is infinite at a = 0: the graph has no finite gradient")
        # d(a**k)/da = k a**(k-1)
        out, local = Value._compute(f"** {k:g}", [a], lambda: (a ** k, 0.0 if k == 0 else k * a ** (k - 1)))
        return self._result(out, (self,), "pow", (local,), op_arg=k)

    def __rpow__(self, base):  # 2 ** v = exp(v ln 2)
        base = as_real(base, "base", positive=True)
        a = self.data
        # d(c**a)/da = ln(c) c**a
        out, local = Value._compute(f"{base:g} **", [a], lambda: (base ** a, math.log(base) * base ** a))
        return self._result(out, (self,), "rpow", (local,), op_arg=base)

    def exp(self):
        """``e ** self``; its derivative is itself."""
        try:
            out = math.exp(self.data)
        except OverflowError:
            raise FloatOverflowError(f"exp({self.data:g}) is too large for a float") from None
        # d(e**a)/da = e**a
        return self._result(out, (self,), "exp", (out,))

    def log(self):
        """Natural logarithm ``ln(self)``; only defined for a positive number."""
        if self.data <= 0:
            underflow = (" (if it should be a tiny positive number: it underflowed to 0, below the "
                         "smallest float, about 5e-324)") if self.data == 0 and self.children else ""
            raise ValueError(f"log of a non-positive number: ln({self.data:g}) is undefined "
                             f"(ln x needs x > 0){underflow}")
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

    def zero_grad(self):
        """Set ``.grad`` of every Value in this graph (this one and all it depends on) to 0.

        ``backward()`` *adds* to ``.grad``; call this before a fresh backward pass.
        """
        for node in self.topological_order():
            node.grad = 0.0

    def backward_steps(self):
        """The backward pass as a generator: one :class:`BackwardStep` per node, output first.

        Nodes come in reverse topological order, so when a node's turn comes every node that
        uses it has been handled and its gradient ``d(self)/d(node)`` is complete. The node
        adds that gradient to its ``.grad`` and passes it to each input, times the local
        derivative (chain rule). :meth:`backward` is this generator run to the end.
        """
        order = self.topological_order()
        # This pass's gradients, kept apart from .grad so that .grad gains exactly d(self)/d(v)
        # even when .grad already holds gradients of an earlier backward pass.
        fresh = {id(node): 0.0 for node in order}
        fresh[id(self)] = 1.0
        for node in reversed(order):
            grad = fresh[id(node)]
            node.grad += grad
            passed = []
            for child, local in zip(node.children, node.local_grads):
                # += : a child used several times (a + a, or by several nodes) sums its paths.
                fresh[id(child)] += local * grad
                _check_finite(fresh[id(child)], node, child)  # inf or NaN is an error, not a gradient
                passed.append((child, local, local * grad))
            yield BackwardStep(node, grad, tuple(passed))

    def backward(self):
        """Add ``d(self)/d(v)`` to ``v.grad`` for every Value ``v`` in this graph.

        Gradients **accumulate**, as in micrograd and PyTorch: calling ``backward()`` of two
        losses that share a Value leaves the *sum* of their gradients in it, and calling it
        twice on one graph doubles them. Call :meth:`zero_grad` first for fresh gradients.
        """
        for _ in self.backward_steps():
            pass


def _check_finite(grad, node, child):
    if not math.isfinite(grad):  # a chain of large local derivatives overflowed
        raise FloatOverflowError(
            f"backward(): the gradient passed through {node.op!r} (at {node.data:g}) to "
            f"{child.label or child.op or 'an input'} = {child.data:g} is too large for a "
            "float; rescale the inputs so the derivatives stay below about 1e308")


@dataclass(frozen=True)
class BackwardStep:
    """One step of :meth:`Value.backward_steps`: a node hands its gradient to its inputs.

    Attributes
    ----------
    node : Value
    grad : float
        ``d(output)/d(node)`` in this backward pass (complete when the step runs).
    passed : tuple of (Value, float, float)
        Per input of ``node``: the input, the local derivative ``d(node)/d(input)`` and what
        it received, ``local * grad``.
    """

    node: Value
    grad: float
    passed: tuple
