"""Per-class numbers of notebook 04's value exercises (``make release SEED=...``).

Each variant keeps the exercise's point - the same function, a point of the same kind - and
draws the numbers that decide the answer; the slips follow those numbers.
"""
import math

import numpy as np

from ..checks.variants import Variant, declare
from ._variant_kit import num, pick, rebuilt


# --- 04.secant_slope: the secant of x² + 1 between a and a + 0.01 ------------------------------
def _f(x):
    return x ** 2 + 1


def _secant(n):
    a = n["a"]
    b = round(a + 0.01, 2)
    return (_f(b) - _f(a)) / (b - a), a, b


def _secant_exercise(public, n):
    slope, a, b = _secant(n)
    return rebuilt(
        public, expected=lambda: slope,
        hint=f"Slope = height / width = (f({num(b)}) − f({num(a)})) / ({num(b)} − {num(a)}) with f(x) = x² + 1.",
        mistakes=(
            (lambda: 2 * a, (f"that is f′({num(a)}), the slope of the tangent; the secant between {num(a)} and "
                            f"{num(b)} is a little steeper (keep all the digits).")),
            (lambda: 4.01, "that is the worked example's secant, between 2 and 2.01."),
            (lambda: 2 * b, (f"that is f′({num(b)}), the tangent's slope at the right end; the secant's slope is "
                            "height over width.")),
            (lambda: _f(b) - _f(a), "that is the height only; divide it by the width."),
            (lambda: slope / 10, "a decimal point slipped in the width."),
            (lambda: slope * 10, "a decimal point slipped in the height or in the width."),
            (lambda: _f(b) / _f(a), "that is a ratio of heights; the slope is the difference of heights over the width."),
            (lambda: 1 / slope, "upside down: slope = height / width, not width / height."),
            (lambda: -slope, "the sign is flipped: subtract in the same order above and below."),
            (lambda: (b ** 2 + 1 - a ** 2) / (b - a), "the + 1 belongs to both points: f(x) = x² + 1 at each."),
        ))


declare("04.secant_slope", Variant(
    defaults={"a": 3.0},
    draw=lambda rng: {"a": float(pick(rng, [2.5, 3.5, 4.0, 5.0, 6.0, 7.0]))},  # right of 2, as the prompt says
    prose=lambda n: {"between $x = 3$ and $x = 3.01$": f"between $x = {num(n['a'])}$ and "
                                                     f"$x = {num(round(n['a'] + 0.01, 2))}$",
                     "$f'(3) = 6$": f"$f'({num(n['a'])}) = {num(2 * n['a'])}$"},
    exercise=_secant_exercise,
))


# --- 04.quotient_rule: h(x) = x² / (1 + x), h′ at x ----------------------------------------
def _quotient_exercise(public, n):
    x = n["x"]
    f, df, g, dg = x ** 2, 2 * x, 1 + x, 1.0
    right = (df * g - f * dg) / g ** 2
    return rebuilt(
        public, expected=lambda: right,
        hint=f"Quotient rule: (f′g − f g′) / g² with f = x², g = 1 + x, f′ = 2x, g′ = 1; then put x = {num(x)}.",
        mistakes=(
            (lambda: df / dg, "the derivative of a quotient is not the quotient of the derivatives f′/g′."),
            (lambda: df / g, "the term − f g′ of the numerator is missing (or g² became g)."),
            (lambda: f / g, f"that is h({num(x)}), the value of the function; the question asks for its slope."),
            (lambda: (df * g - f * dg) / g, "the denominator of the quotient rule is g(x)² = (1 + x)², not 1 + x."),
            (lambda: (df * g + f * dg) / g ** 2, "the numerator is f′g − f g′; it looks like you added the two terms."),
            (lambda: df * g - f * dg, "that is only the numerator f′g − f g′; divide it by g² = (1 + x)²."),
            (lambda: df * g + f * dg, "f′g + f g′ is the product rule; the quotient rule subtracts and divides."),
            (lambda: (df * g - f * x) / g ** 2, "the derivative of g = 1 + x is g′ = 1, not x."),
            (lambda: (x * g - f * dg) / g ** 2, "the derivative of f = x² is f′ = 2x, not x."),
            (lambda: (df * g - f * dg) / (2 * g), "g² is (1 + x)², not 2(1 + x)."),
            (lambda: (df * g - f * dg) / g ** 3, "the denominator is g² = (1 + x)², not (1 + x)³."),
            (lambda: df * g - f * dg / g ** 2, "brackets: write the numerator and the denominator each in brackets."),
            (lambda: -right, "the sign is flipped: the numerator is f′g − f g′, not f g′ − f′g."),
            (lambda: 0.9375, "that is h′(3), the self-study edition's point; this class's point is another."),
        ))


declare("04.quotient_rule", Variant(
    defaults={"x": 3.0},
    draw=lambda rng: {"x": float(pick(rng, [4.0, 5.0, 6.0, 7.0, 9.0]))},
    prose=lambda n: {"give $h'(3)$ as": f"give $h'({num(n['x'])})$ as",
                     "slope_at_3 = ...  # h′(3)": f"slope_at_{num(n['x'])} = ...  # h′({num(n['x'])})",
                     'check("04.quotient_rule", slope_at_3)': f'check("04.quotient_rule", slope_at_{num(n["x"])})'},
    exercise=_quotient_exercise,
))


# --- 04.value_graph: L = (w·x + b − t)², (w.grad, b.grad) -----------------------------------
def _draw_graph(rng):
    while True:
        w, x, b, t = (float(v) for v in (rng.integers(-3, 5), rng.integers(2, 6), rng.integers(-2, 4), rng.integers(-3, 8)))
        r = w * x + b - t
        if w not in (0.0, 1.0) and b != 0.0 and abs(r) >= 2 and (w, x, b, t) != (2.0, 3.0, 1.0, 4.0) and len({w, x, b, t}) == 4:
            return {"w": w, "x": x, "b": b, "t": t}


def _graph_exercise(public, n):
    w, x, b, t = n["w"], n["x"], n["b"], n["t"]
    r = w * x + b - t
    right = (2 * r * x, 2 * r)
    return rebuilt(
        public, expected=lambda: right,
        hint="Build the Values, combine them as L = (w·x + b − t)**2, call L.backward() once, "
             "then read w.grad and b.grad.",
        mistakes=(
            (lambda: (0.0, 0.0), ("both gradients are 0: call L.backward() before reading .grad, and build L "
                                 "from these w, x, b, t.")),
            (lambda: (r * x, r), "a factor 2 is missing - d(r²)/dr = 2r. Did you build the square with ** 2?"),
            (lambda: (2 * x, 2.0), "these are the gradients of (w·x + b − t) * 2: the square is ** 2, not * 2."),
            (lambda: (x, 1.0), "these are the gradients of w·x + b − t: the square (** 2) is missing."),
            (lambda: (2 * right[0], 2 * right[1]), "twice the right gradients: backward() ran twice, and gradients add up."),
            (lambda: (3 * right[0], 3 * right[1]), "a multiple of the right gradients: backward() ran several times."),
            (lambda: (2 * r * w, 2 * r), "the first number is x.grad; the question asks for w.grad."),
            (lambda: (2 * r * x, -2 * r), "the second number is t.grad; the question asks for b.grad."),
            (lambda: (w, b), "these are w.data and b.data, the values; the gradients are in .grad."),
            (lambda: (2 * (w * x + b + t) * x, 2 * (w * x + b + t)),
             "these are the gradients of (w·x + b + t)²: the target t is subtracted."),
            (lambda: (2 * (w * (x + b) - t) * (x + b), 2 * (w * (x + b) - t) * w),
             "these are the gradients of (w·(x + b) − t)²: w multiplies x only."),
            (lambda: right[::-1], "the two gradients are swapped: (w.grad, b.grad)."),
            (lambda: (18.0, 6.0), "those are the self-study edition's gradients; build L from this class's w, x, b, t."),
        ))


declare("04.value_graph", Variant(
    defaults={"w": 2.0, "x": 3.0, "b": 1.0, "t": 4.0},
    draw=_draw_graph,
    prose=lambda n: {"With $w = 2$, $x = 3$, $b = 1$, $t = 4$":
                     f"With $w = {num(n['w'])}$, $x = {num(n['x'])}$, $b = {num(n['b'])}$, $t = {num(n['t'])}$",
                     "w, x, b, t = Value(2.0), Value(3.0), Value(1.0), Value(4.0)":
                     "w, x, b, t = " + ", ".join(f"Value({float(n[k])!r})" for k in "wxbt")},
    exercise=_graph_exercise,
))


# --- 04.gradient_check: ∇ of ln(1 + e^x₁) + x₁x₂² at (x₁, x₂) ----------------------------------
def _gradient_exercise(public, n):
    x1, x2 = n["x1"], n["x2"]
    s = math.exp(x1) / (1 + math.exp(x1))
    d2 = 2 * x1 * x2
    right = np.array([s + x2 ** 2, d2])
    return rebuilt(
        public, expected=lambda: right,
        hint=public.hint,
        mistakes=(
            (lambda: [1 / (1 + math.exp(x1)) + x2 ** 2, d2], ("ln(u) has derivative u′/u: the inner derivative "
                                                             "of u = 1 + e^x₁ is e^x₁.")),
            (lambda: [math.exp(x1) + x2 ** 2, d2], "the first entry lacks the 1/u of ln's derivative."),
            (lambda: [1 / x1 + x2 ** 2, d2], "the derivative of ln(u) is u′/u with u = 1 + e^x₁, not 1/x₁."),
            (lambda: [s, d2], "the first entry misses x₂², the derivative of x₁x₂² with respect to x₁."),
            (lambda: [s + x2, d2], "∂/∂x₁ of x₁x₂² is x₂², not x₂."),
            (lambda: [s + x2 ** 2, x2 ** 2], "∂/∂x₂ of x₁·x₂² is 2x₁x₂ (the power rule on x₂), not x₂²."),
            (lambda: [s + d2, d2], "∂/∂x₁ of x₁x₂² is x₂²; 2x₁x₂ is the derivative in x₂."),
            (lambda: [s + x2 ** 2, 2 * x1], "∂/∂x₂ of x₁x₂² is 2x₁x₂: the factor x₂ is missing."),
            (lambda: [s + x2 ** 2, 2 * x2], "∂/∂x₂ of x₁x₂² keeps the factor x₁: 2x₁x₂, not 2x₂."),
            (lambda: [s + x2 ** 2, -d2], "check the sign of ∂f/∂x₂ = 2x₁x₂."),
            (lambda: [s - x2 ** 2, d2], "x₂² is positive; in Python -a**2 is −(a**2): write (x2)**2 with x2 negative."),
            (lambda: [math.log(1 + math.exp(x1)) + x2 ** 2, d2], "the first entry has ln(1 + e^x₁) itself; differentiate it."),
            (lambda: [s * (1 - s) + x2 ** 2, d2], ("the first entry uses the derivative of the sigmoid; ln(1 + e^x₁) "
                                                  "has derivative σ(x₁).")),
            (lambda: [s + x2 ** 2, x1 * x2], "∂/∂x₂ of x₁x₂² is 2x₁x₂: the factor 2 is missing."),
            (lambda: [s + x1 * x2 ** 2, d2], "∂/∂x₁ of x₁x₂² is x₂², not x₁x₂²."),
            (lambda: [d2, s + x2 ** 2], "the two entries are swapped: the array is [∂f/∂x₁, ∂f/∂x₂]."),
            (lambda: [math.exp(x2) / (1 + math.exp(x2)) + x1 ** 2, 2 * x2 * x1], ("that is the gradient at (x₂, x₁): "
                                                                                 "mind the order of the point.")),
        ))


def _draw_point(rng):
    return {"x1": float(pick(rng, [0.3, 0.4, 0.6, 0.8, 0.9, 1.2, 1.3])),
            "x2": float(pick(rng, [-2.5, -2.0, -1.2, -0.8, -1.3, -1.7]))}


def _point(n, sep=", "):
    return f"({num(n['x1'])}{sep}{num(n['x2'])})"


declare("04.gradient_check", Variant(
    defaults={"x1": 0.7, "x2": -1.5},
    draw=_draw_point,
    prose=lambda n: {"$(x_1, x_2) = (0.7, -1.5)$": f"$(x_1, x_2) = {_point(n)}$",
                     "at (0.7, -1.5)": f"at {_point(n)}",
                     "[0.7, -1.5]": f"[{num(n['x1'])}, {num(n['x2'])}]"},
    exercise=_gradient_exercise,
))
