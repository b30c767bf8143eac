"""Exercises of notebook 04 (derivatives and computation graphs)."""
NOTEBOOK = "04"

import math

import numpy as np

from ..calculus import Value
from ..checks import Exercise, register


def _close(a, b, tol=1e-6):
    return np.allclose(np.asarray(a, dtype=float), b, rtol=tol, atol=1e-9)


def _value_graph_solution():
    w, x, b, t = Value(2.0), Value(3.0), Value(1.0), Value(5.0)
    loss = (w * x + b - t) ** 2
    loss.backward()
    return (w.grad, b.grad)


def _gradient_check_solution():
    x1, x2 = 0.5, -1.0
    return np.array([math.exp(x1) / (1 + math.exp(x1)) + x2 ** 2, 2 * x1 * x2])


def _dh(x):
    return np.exp(x ** 2) * 2 * x


def _has_value(a):
    return isinstance(a, Value) or (isinstance(a, (tuple, list)) and any(isinstance(v, Value) for v in a))


register(
    Exercise(
        id="04.secant_slope",
        expected=lambda: ((2.01 ** 2 + 1) - (2 ** 2 + 1)) / (2.01 - 2),
        hint="Slope = height / width = (f(2.01) − f(2)) / (2.01 − 2) with f(x) = x² + 1.",
        mistakes=(
            (lambda a: _close(a, 4.0, 1e-12),
             "4 is f′(2), the slope of the tangent (the limit as the width shrinks); the secant "
             "between 2 and 2.01 is a little steeper."),
            (lambda a: _close(a, 0.0401, 1e-3),
             "that is the height f(2.01) − f(2); divide it by the width 2.01 − 2."),
            (lambda a: _close(a, 40.0, 1e-3) or _close(a, 40.1, 1e-3),
             "the height is 2.01² + 1 − 5 = 0.0401, not 0.4 (a slip that is easy to make - the "
             "original slides make it too)."),
            (lambda a: _close(a, 504.01, 1e-4),
             "you divided f(2.01) itself by the width; the height is the *difference* "
             "f(2.01) − f(2)."),
        ),
    ),
    Exercise(
        id="04.quotient_rule",
        expected=lambda: (2 * 2 * (1 + 2) - 2 ** 2 * 1) / (1 + 2) ** 2,
        hint="Quotient rule: (f′g − f g′) / g² with f = x², g = 1 + x, f′ = 2x, g′ = 1; then put x = 2.",
        mistakes=(
            (lambda a: _close(a, 4.0), "the derivative of a quotient is not the quotient of the "
                                       "derivatives f′/g′ (here 2x / 1)."),
            (lambda a: _close(a, 8 / 3), "the denominator of the quotient rule is g(x)², here (1 + x)² = 9."),
            (lambda a: _close(a, 4 / 3), "that is h(2), the value of the function; the question asks "
                                         "for its slope h′(2)."),
            (lambda a: _close(a, 16 / 9), "the numerator is f′g − f g′ = 2x(1 + x) − x²·1; "
                                          "it looks like you added the two terms."),
        ),
    ),
    Exercise(
        id="04.chain_rule",
        expected=lambda: _dh,
        cases=lambda: [(1.0,), (0.0,), (0.5,), (-1.3,), (np.array([0.0, 1.0, 2.0]),)],
        hint="Chain rule: h(x) = f(g(x)) with f(u) = eᵘ, g(x) = x², so h′(x) = f′(g(x)) · g′(x).",
        mistakes=(
            (lambda r, args: _close(r, np.exp(np.asarray(args[0]) ** 2))
             and not _close(r, _dh(np.asarray(args[0]))),
             "you have f′(g(x)) = e^(x²) but forgot to multiply by the inner derivative g′(x) = 2x."),
            (lambda r, args: _close(r, np.exp(2 * np.asarray(args[0])))
             and not _close(r, _dh(np.asarray(args[0]))),
             "the derivative of the inside (2x) went into the exponent; keep e^(x²) and multiply by 2x."),
        ),
    ),
    Exercise(
        id="04.value_graph",
        expected=lambda: (2 * (2 * 3 + 1 - 5) * 3.0, 2 * (2 * 3 + 1 - 5) * 1.0),
        hint="Build the Values, combine them as L = (w·x + b − t)**2, call L.backward(), "
             "then read w.grad and b.grad.",
        mistakes=(
            (_has_value, "pass the numbers w.grad and b.grad, not the Value objects."),
            (lambda a: _close(a, (0.0, 0.0)),
             "both gradients are 0: call L.backward() before reading .grad."),
            (lambda a: _close(a, (6.0, 2.0)),
             "a factor 2 is missing - d(r²)/dr = 2r. Did you build the square with ** 2?"),
            (lambda a: _close(a, (4.0, 12.0)), "the two gradients are swapped: (w.grad, b.grad)."),
        ),
    ),
    Exercise(
        id="04.gradient_check",
        expected=_gradient_check_solution,
        hint="∂/∂x₁ ln(1 + e^x₁) = e^x₁ / (1 + e^x₁) by the chain rule, and x₁x₂² gives x₂² "
             "and 2x₁x₂.",
        mistakes=(
            (lambda a: _close(a, [1 / (1 + math.exp(0.5)) + 1, -1.0]),
             "ln(u) has derivative u′/u: the inner derivative of u = 1 + e^x₁ is e^x₁, "
             "so the first entry is e^x₁ / (1 + e^x₁) + x₂²."),
            (lambda a: _close(a, [math.exp(0.5) / (1 + math.exp(0.5)) + 1, 1.0]),
             "∂/∂x₂ of x₁·x₂² is 2x₁x₂ (the power rule on x₂), not x₂²."),
        ),
    ),
)
