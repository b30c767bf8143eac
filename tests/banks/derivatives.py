"""Realistic wrong answers to the exercises of notebook 04 (derivatives).

Thought through as a student would: arithmetic slips on the secant (the slides' own 0.4,
missing brackets, the + 1 forgotten once), rules mixed up (quotient of derivatives, product
rule, sign), the chain rule half applied, gradients read from the wrong Value or
accumulated twice, partial derivatives that forget the variable held fixed.
"""

import math

import numpy as np

from banks import Slip
from lecture_utils.calculus import Value


def _fn(formula):
    return lambda: formula


S = math.exp(0.7) / (1 + math.exp(0.7))  # σ(x₁) at the exercise's point (0.7, −1.5)

BANK = {
    "04.secant_slope": [
        Slip("tangent slope 6 instead of the secant", lambda: 6.0, "slope of the tangent"),
        Slip("the worked example's 4.01 copied", lambda: 4.01, "worked example"),
        Slip("f′(3.01) = 6.02", lambda: 2 * 3.01, "f′(3.01)"),
        Slip("height only", lambda: (3.01 ** 2 + 1) - (3 ** 2 + 1), "divide it by the width"),
        Slip("the slides' kind of slip, 0.6 / 0.01", lambda: 0.6 / 0.01, "decimal point slipped"),
        Slip("f(3.01) / width", lambda: (3.01 ** 2 + 1) / 0.01, "*difference*"),
        Slip("divided by 3.01", lambda: ((3.01 ** 2 + 1) - 10) / 3.01, "you divided by 3.01"),
        Slip("+1 forgotten in f(3)", lambda: (3.01 ** 2 + 1 - 3 ** 2) / 0.01, "belongs to both points"),
        Slip("+1 forgotten in f(3.01)", lambda: (3.01 ** 2 - 10) / (3.01 - 3), "belongs to both points"),
        Slip("no brackets at all", lambda: 3.01 ** 2 + 1 - 3 ** 2 + 1 / 3.01 - 3, "brackets"),
        Slip("no brackets round the height", lambda: (3.01 ** 2 + 1) - (3 ** 2 + 1) / (3.01 - 3), "brackets"),
        Slip("- 3**2 + 1 without brackets", lambda: (3.01 ** 2 + 1 - 3 ** 2 + 1) / (3.01 - 3), "brackets"),
        Slip("copied the line 2x + 1", lambda: ((2 * 3.01 + 1) - (2 * 3 + 1)) / 0.01, "slope of the line"),
        Slip("width 0.1 instead of 0.01", lambda: ((3.1 ** 2 + 1) - 10) / 0.1, "another width"),
        Slip("f(3.1) for f(3.01)", lambda: ((3.1 ** 2 + 1) - 10) / 0.01, "you used f(3.1)"),
        Slip("divided by 0.1", lambda: ((3.01 ** 2 + 1) - 10) / 0.1, "decimal point slipped in the width"),
        Slip("divided by 0.001", lambda: ((3.01 ** 2 + 1) - 10) / 0.001, "decimal point slipped"),
        Slip("ratio f(3.01) / f(3)", lambda: (3.01 ** 2 + 1) / (3 ** 2 + 1), "ratio"),
        Slip("width / height", lambda: 0.01 / ((3.01 ** 2 + 1) - 10), "upside down"),
        Slip("height times width", lambda: ((3.01 ** 2 + 1) - 10) * 0.01, "you multiplied"),
        Slip("one-entry array", lambda: np.array([((3.01 ** 2 + 1) - 10) / 0.01]), "one plain number is wanted"),
        Slip("typed as text", lambda: "6.01", "without quotes"),
        Slip("(height, width) pair", lambda: (0.0601, 0.01), "one number is wanted"),
        Slip("6.01 rounded to 6.0", lambda: round(6.01, 1), "keep the digits"),
        Slip("width subtracted the other way", lambda: ((3.01 ** 2 + 1) - 10) / (3 - 3.01), "sign is flipped"),
    ],
    "04.quotient_rule": [
        Slip("f′/g′", lambda: 2 * 3 / 1, "not the quotient of the derivatives"),
        Slip("f′/g (dropped f g′)", lambda: 2 * 3 / (1 + 3), "term − f g′"),
        Slip("h(3) instead of h′(3)", lambda: 3 ** 2 / (1 + 3), "value of the function"),
        Slip("denominator g, not g²", lambda: (2 * 3 * 4 - 9) / 4, "(1 + x)² = 16"),
        Slip("plus in the numerator", lambda: (2 * 3 * 4 + 9) / 16, "added the two terms"),
        Slip("numerator only", lambda: 2 * 3 * 4 - 9, "only the numerator"),
        Slip("product rule", lambda: 2 * 3 * 4 + 9, "product rule"),
        Slip("f g′ − f′g", lambda: (9 - 2 * 3 * 4) / 16, "sign is flipped"),
        Slip("f′g without its g", lambda: (2 * 3 - 9) / 16, "the g of f′g is missing"),
        Slip("g′ = x", lambda: (2 * 3 * 4 - 9 * 3) / 16, "g′ = 1"),
        Slip("f′ = x", lambda: (3 * 4 - 9) / 16, "f′ = 2x"),
        Slip("slope at 2 (the old exercise)", lambda: 8 / 9, "h′(2)"),
        Slip("denominator 1 + x² for (1 + x)²", lambda: (2 * 3 * 4 - 9) / (1 + 3 ** 2), "1 + x²"),
        Slip("no brackets round the numerator", lambda: 2 * 3 * (1 + 3) - 3 ** 2 / (1 + 3) ** 2, "brackets"),
        Slip("no brackets round the denominator", lambda: (2 * 3 * (1 + 3) - 3 ** 2) / 1 + 3 ** 2, "brackets"),
        Slip("g² as 2g", lambda: (2 * 3 * 4 - 9) / (2 * 4), "not 2(1 + x)"),
        Slip("g³", lambda: (2 * 3 * 4 - 9) / 4 ** 3, "(1 + x)³"),
        Slip("one-entry list", lambda: [15 / 16], "one plain number is wanted"),
        Slip("typed as text", lambda: "15/16", "without quotes"),
        Slip("rounded by hand to 0.94", lambda: 0.94, None),  # the generic "close" message
    ],
    "04.chain_rule": [
        Slip("forgot the inner derivative", _fn(lambda x: np.exp(x ** 2)), "inner derivative"),
        Slip("2x into the exponent", _fn(lambda x: np.exp(2 * x)), "went into the exponent"),
        Slip("e^(2x) · 2x", _fn(lambda x: np.exp(2 * x) * 2 * x), "exponent stays x²"),
        Slip("only the inner derivative", _fn(lambda x: 2 * x), "only the inner derivative"),
        Slip("times 2, not 2x", _fn(lambda x: 2 * np.exp(x ** 2)), "not 2"),
        Slip("outer derivative at x", _fn(lambda x: np.exp(x) * 2 * x), "at the inner function"),
        Slip("power rule on eᵘ", _fn(lambda x: x ** 2 * np.exp(x ** 2 - 1)), "not a power"),
        Slip("added instead of multiplied", _fn(lambda x: np.exp(x ** 2) + 2 * x), "multiplies"),
        Slip("forgot the 2 of 2x", _fn(lambda x: x * np.exp(x ** 2)), "factor 2 is missing"),
        Slip("times x² instead of 2x", _fn(lambda x: np.exp(x ** 2) * x ** 2), "not by the inner function"),
        Slip("product rule on e^(x²)", _fn(lambda x: np.exp(x ** 2) * 2 * x + np.exp(x ** 2)), "not a product"),
        Slip("divided by 2x", _fn(lambda x: np.exp(x ** 2) / (2 * x)), "you divided"),
        Slip("2x inside the exponent", _fn(lambda x: np.exp(x ** 2 * 2 * x)), "does not go into the exponent"),
        Slip("e^(−x²)", _fn(lambda x: np.exp(-x ** 2) * 2 * x), "+x², not −x²"),
        Slip("returns a one-entry list", _fn(lambda x: [np.exp(x ** 2) * 2 * x]), "inside a list"),
        Slip("sign flipped", _fn(lambda x: -2 * x * np.exp(x ** 2)), "sign is flipped"),
        Slip("returns (value, x)", _fn(lambda x: (np.exp(x ** 2) * 2 * x, x)), "its 1st is the right answer"),
        # Right for numbers, raises on the array case: the generic "your function raised" reply.
        Slip("math.exp on an array", _fn(lambda x: math.exp(x ** 2) * 2 * x), None),
    ],
    "04.value_graph": [
        Slip("the Value objects", lambda: (Value(18.0), Value(6.0)), "not the Value objects"),
        Slip("backward() never called", lambda: (0.0, 0.0), "call L.backward()"),
        Slip("factor 2 missing", lambda: (9.0, 3.0), "factor 2 is missing"),
        Slip("* 2 instead of ** 2", lambda: (6.0, 2.0), "not * 2"),
        Slip("no square", lambda: (3.0, 1.0), "square (** 2) is missing"),
        Slip("backward() twice", lambda: (36.0, 12.0), "backward() ran twice"),
        Slip("x.grad for w.grad", lambda: (12.0, 6.0), "x.grad"),
        Slip("t.grad for b.grad", lambda: (18.0, -6.0), "t.grad"),
        Slip(".data for .grad", lambda: (2.0, 1.0), "w.data and b.data"),
        Slip("(w.grad, x.grad)", lambda: (18.0, 12.0), "second number is x.grad"),
        Slip("+ t instead of − t", lambda: (66.0, 22.0), "target t is subtracted"),
        Slip("w * (x + b) - t", lambda: (32.0, 16.0), "w multiplies x only"),
        Slip("swapped", lambda: (6.0, 18.0), "swapped"),
        Slip("backward() three times", lambda: (54.0, 18.0), "ran several times"),
        Slip("r.backward() and L.backward()", lambda: (21.0, 7.0), "ran on the residual too"),
        Slip("w * x - b - t", lambda: (6.0, -2.0), "the bias is added"),
        Slip("a dict of gradients", lambda: {"w": 18.0, "b": 6.0}, "got a dict"),
        Slip("(w.grad, b.grad, x.grad)", lambda: (18.0, 6.0, 12.0), "wrong shape"),
        Slip("gradients as text", lambda: ("18", "6"), "drop the quotes"),
        Slip("both signs flipped", lambda: (-18.0, -6.0), "sign is flipped"),
        Slip("only w.grad", lambda: (18.0,), None),  # the generic count/shape message
    ],
    "04.gradient_check": [
        Slip("ln: forgot the inner derivative", lambda: np.array([1 / (1 + math.exp(0.7)) + 2.25, -2.1]),
             "inner derivative of u = 1 + e^x₁"),
        Slip("ln: forgot 1/u", lambda: np.array([math.exp(0.7) + 2.25, -2.1]), "1/u"),
        Slip("ln′ = 1/x₁", lambda: np.array([1 / 0.7 + 2.25, -2.1]), "not 1/x₁"),
        Slip("dropped x₂² in ∂/∂x₁", lambda: np.array([S, -2.1]), "misses x₂²"),
        Slip("x₂ instead of x₂²", lambda: np.array([S - 1.5, -2.1]), "not x₂."),
        Slip("∂/∂x₂ = x₂²", lambda: np.array([S + 2.25, 2.25]), "2x₁x₂"),
        Slip("∂/∂x₂ = 2x₂", lambda: np.array([S + 2.25, -3.0]), "keeps the factor x₁"),
        Slip("2x₁x₂ as ∂/∂x₁ of x₁x₂²", lambda: np.array([S - 2.1, -2.1]), "first power"),
        Slip("∂/∂x₂ = 2x₁", lambda: np.array([S + 2.25, 1.4]), "factor x₂"),
        Slip("entries swapped", lambda: np.array([-2.1, S + 2.25]), "swapped"),
        Slip("point swapped", lambda: np.array([math.exp(-1.5) / (1 + math.exp(-1.5)) + 0.49, -2.1]),
             "the point is x₁ = 0.7"),
        Slip("∂/∂x₂ with the wrong sign", lambda: np.array([S + 2.25, 2.1]), "check its sign"),
        Slip("-1.5**2 in ∂/∂x₁", lambda: np.array([S - 2.25, -2.1]), "-1.5**2"),
        Slip("ln(1 + e^x₁) not differentiated", lambda: np.array([math.log(1 + math.exp(0.7)) + 2.25, -2.1]), "itself"),
        Slip("sigmoid's derivative", lambda: np.array([S * (1 - S) + 2.25, -2.1]), "derivative of the sigmoid"),
        Slip("∂/∂x₂ = x₁x₂", lambda: np.array([S + 2.25, -1.05]), "factor 2 of the power rule"),
        Slip("∂/∂x₁ kept x₁", lambda: np.array([S + 0.7 * 2.25, -2.1]), "not x₁x₂²"),
        Slip("three entries", lambda: np.array([S + 2.25, -2.1, 0.0]), "wrong shape"),
        Slip("row vector", lambda: np.array([[S + 2.25, -2.1]]), "row of shape (1, 2)"),
        Slip("column vector", lambda: np.array([[S + 2.25], [-2.1]]), None),  # generic shape message
        Slip("rounded by hand", lambda: np.array([2.92, -2.1]), None),  # generic "close" message
    ],
}


# ---- More slips, written from notebook 04's text alone (issue 26, item 5).
def _graph(build):
    """A student's Exercise 4 cell: the four Values made as in the notebook, then ``build``."""
    def answer():
        w, x, b, t = Value(2.0), Value(3.0), Value(1.0), Value(4.0)
        return build(w, x, b, t)
    return answer


def _backward_twice(w, x, b, t):
    L = (w * x + b - t) ** 2
    L.backward()
    L.backward()  # the cell run twice
    return (w.grad, b.grad)


def _grads_of(expression, read=lambda w, x, b, t: (w.grad, b.grad)):
    def build(w, x, b, t):
        L = expression(w, x, b, t)
        L.backward()
        return read(w, x, b, t)
    return build


_S2 = 2.25  # x₂² at (0.7, −1.5)
_MORE = {
    "04.secant_slope": [
        Slip("the tangent's slope", lambda: 6, "slope of the tangent"),
        Slip("f(3.01) / 3.01", lambda: (3.01 ** 2 + 1) / 3.01, None),
    ],
    "04.quotient_rule": [
        Slip("15 // 16", lambda: 15 // 16, "whole numbers"),
    ],
    "04.chain_rule": [
        Slip("math.exp on an array", _fn(lambda x: math.exp(x ** 2) * 2 * x), "take one number"),
        Slip("x ^ 2 for the square", _fn(lambda x: np.exp(x ^ 2) * 2 * x), "XOR"),
    ],
    "04.value_graph": [
        Slip("the Values themselves", _graph(_grads_of(lambda w, x, b, t: (w * x + b - t) ** 2,
                                                       lambda w, x, b, t: (w, b))), "not the Value objects"),
    ],
    "04.gradient_check": [
        Slip("∂f/∂x₂ without the 2", lambda: np.array([S + _S2, 0.7 * -1.5]), "factor 2 of the power rule"),
    ],
}
for _id, _slips in _MORE.items():
    BANK[_id] = BANK[_id] + _slips
