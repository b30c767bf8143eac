"""Exercises of notebook 04 (derivatives and computation graphs).

Each exercise's numbers are chosen so that the slips students really make give values that
differ from the right answer and from each other (no 0, 1 or symmetric values that would
hide a missing factor or a swapped term); each slip that the messages name is computed from
the same numbers.
"""
NOTEBOOK = "04"

import math

import numpy as np

from ..calculus import Value
from ..checks import Exercise, close, register

# 04.quotient_rule: h(x) = f/g with f = x², g = 1 + x, at X_Q (h(3) = 2.25, h′(3) = 15/16).
X_Q = 3.0
# 04.value_graph: L = (w·x + b − t)² (residual w·x + b − t = 3, not 2: a factor 2 must show).
W, X, B, T = 2.0, 3.0, 1.0, 4.0
# 04.gradient_check: f(x₁, x₂) = ln(1 + e^x₁) + x₁x₂² at P (not 0.5 and −1, where 2x₁ = 1).
P = (0.7, -1.5)


def _close(a, b, tol=1e-6):
    return close(a, b, rtol=tol, rounded=False)


def _is(answer, wrong, right, tol=1e-6):
    """``answer`` matches the wrong value ``wrong``, which really differs from ``right``."""
    return _close(answer, wrong, tol) and not _close(wrong, right, tol)


# --- 04.quotient_rule -----------------------------------------------------------------------
def _quotient(x=X_Q):
    f, df, g, dg = x ** 2, 2 * x, 1 + x, 1.0
    return {"right": (df * g - f * dg) / g ** 2, "h": f / g, "df/dg": df / dg, "df/g": df / g,
            "over g": (df * g - f * dg) / g, "plus": (df * g + f * dg) / g ** 2,
            "numerator": df * g - f * dg, "product": df * g + f * dg,
            "g' = x": (df * g - f * x) / g ** 2, "f' = x": (x * g - f * dg) / g ** 2}


def _quotient_slip(key):
    q = _quotient()
    return lambda a: _is(a, q[key], q["right"])


# --- 04.chain_rule --------------------------------------------------------------------------
def _dh(x):
    return np.exp(x ** 2) * 2 * x


def _chain_slip(formula):
    def matches(result, args):
        x = np.asarray(args[0], dtype=float)
        with np.errstate(all="ignore"):  # e.g. / (2x) at x = 0
            return _is(result, formula(x), _dh(x))
    return matches


# --- 04.value_graph -------------------------------------------------------------------------
def _graph():
    r = W * X + B - T
    right = (2 * r * X, 2 * r)
    r_bracket = W * (X + B) - T
    return {"right": right, "half": (r * X, r), "no square": (X, 1.0), "times 2": (2 * X, 2.0),
            "twice": (2 * right[0], 2 * right[1]), "x.grad": (2 * r * W, 2 * r),
            "t.grad": (2 * r * X, -2 * r), "data": (W, B),
            "bracket": (2 * r_bracket * (X + B), 2 * r_bracket * W), "w, x": (2 * r * X, 2 * r * W),
            "+ t": (2 * (W * X + B + T) * X, 2 * (W * X + B + T))}


def _graph_slip(key):
    g = _graph()
    return lambda a: _is(a, g[key], g["right"])


def _has_value(a):
    return isinstance(a, Value) or (isinstance(a, (tuple, list)) and any(isinstance(v, Value) for v in a))


# --- 04.gradient_check ----------------------------------------------------------------------
def _gradient_check_solution():
    x1, x2 = P
    return np.array([math.exp(x1) / (1 + math.exp(x1)) + x2 ** 2, 2 * x1 * x2])


def _gradient_slips():
    x1, x2 = P
    s = math.exp(x1) / (1 + math.exp(x1))
    d2 = 2 * x1 * x2
    return {"right": [s + x2 ** 2, d2], "inner": [1 / (1 + math.exp(x1)) + x2 ** 2, d2],
            "no 1/u": [math.exp(x1) + x2 ** 2, d2], "1/x1": [1 / x1 + x2 ** 2, d2],
            "no x2²": [s, d2], "x2 not x2²": [s + x2, d2], "x2²": [s + x2 ** 2, x2 ** 2],
            "no x1": [s + x2 ** 2, 2 * x2], "swapped": [d2, s + x2 ** 2],
            "2x1x2 in first": [s + d2, d2], "no x2": [s + x2 ** 2, 2 * x1],
            "at (x2, x1)": [math.exp(x2) / (1 + math.exp(x2)) + x1 ** 2, 2 * x2 * x1]}


def _more_gradient_slips():
    x1, x2 = P
    s = math.exp(x1) / (1 + math.exp(x1))
    return {"d2 sign": [s + x2 ** 2, -2 * x1 * x2], "-x2**2": [s - x2 ** 2, 2 * x1 * x2],
            "ln itself": [math.log(1 + math.exp(x1)) + x2 ** 2, 2 * x1 * x2],
            "sigmoid'": [s * (1 - s) + x2 ** 2, 2 * x1 * x2], "no 2": [s + x2 ** 2, x1 * x2],
            "x1 kept": [s + x1 * x2 ** 2, 2 * x1 * x2]}


def _gradient_slip(key):
    g = {**_gradient_slips(), **_more_gradient_slips()}
    return lambda a: np.shape(a) == (2,) and _is(a, g[key], g["right"])


register(
    Exercise(
        id="04.quotient_rule",
        expected=lambda: _quotient()["right"],
        hint="Quotient rule: (f′g − f g′) / g² with f = x², g = 1 + x, f′ = 2x, g′ = 1; then put x = 3.",
        mistakes=(
            (_quotient_slip("df/dg"), ("the derivative of a quotient is not the quotient of the "
                                      "derivatives f′/g′ (here 2x / 1 = 6).")),
            (_quotient_slip("df/g"), ("that is 1.5 = f′/g = 2x / (1 + x) = f′g / g²: the term − f g′ of the "
                                     "numerator is missing. (15 / 10, with 1 + x² for (1 + x)², gives 1.5 too: "
                                     "g² = (1 + x)² = 16.)")),
            (lambda a: _is(a, 2 * 3 * (1 + 3) - 3 ** 2 / (1 + 3) ** 2, _quotient()["right"])
             or _is(a, (2 * 3 * (1 + 3) - 3 ** 2) / 1 + 3 ** 2, _quotient()["right"])
             or _is(a, (2 * 3 * (1 + 3) - 3 ** 2) / (1 + 3) * 2, _quotient()["right"]),
             ("brackets: Python divides before it subtracts, so write the numerator and the denominator "
              "each in brackets, (2*3*(1 + 3) - 3**2) / (1 + 3)**2.")),
            (lambda a: _is(a, 15 / 8, _quotient()["right"]),
             "g² is (1 + x)² = 16, not 2(1 + x) = 8."),
            (lambda a: _is(a, 15 / 64, _quotient()["right"]),
             "the denominator is g² = (1 + x)² = 16, not (1 + x)³."),
            (_quotient_slip("h"), ("that is h(3) = 9/4, the value of the function; the question "
                                  "asks for its slope h′(3).")),
            (_quotient_slip("over g"), ("the denominator of the quotient rule is g(x)², here "
                                       "(1 + x)² = 16, not 1 + x.")),
            (_quotient_slip("plus"), ("the numerator is f′g − f g′ = 2x(1 + x) − x²·1; "
                                     "it looks like you added the two terms.")),
            (_quotient_slip("numerator"), ("that is only the numerator f′g − f g′ = 15; divide it "
                                          "by g² = (1 + x)² = 16.")),
            (_quotient_slip("g' = x"), ("−3/16: the derivative of g = 1 + x is g′ = 1 (the 1 is a constant), "
                                       "not x - or the g of f′g is missing: f′g = 2x(1 + x), not 2x "
                                       "(at x = 3 both slips give (24 − 27)/16 = (6 − 9)/16).")),
            (_quotient_slip("f' = x"), "the derivative of f = x² is f′ = 2x, not x."),
            (_quotient_slip("product"), ("f′g + f g′ is the product rule (for f·g); the quotient "
                                        "rule subtracts and divides: (f′g − f g′) / g².")),
            (lambda a: _is(a, _quotient(2.0)["right"], _quotient()["right"]),
             "that is h′(2) = 8/9; this exercise asks for the slope at x = 3."),
            (lambda a: _is(a, -_quotient()["right"], _quotient()["right"]),
             ("the sign is flipped: the numerator is f′g − f g′ (the derivative of the top "
             "comes first), not f g′ − f′g.")),
        ),
    ),
    Exercise(
        id="04.chain_rule",
        expected=lambda: _dh,
        cases=lambda: [(0.7,), (-1.3,), (1.5,), (np.array([-0.4, 0.0, 1.2]),)],
        hint="Chain rule: h(x) = f(g(x)) with f(u) = eᵘ, g(x) = x², so h′(x) = f′(g(x)) · g′(x). "
             "Use np.exp, which works on numbers and arrays alike.",
        mistakes=(
            (_chain_slip(lambda x: np.exp(x ** 2)),
             "you have f′(g(x)) = e^(x²) but forgot to multiply by the inner derivative g′(x) = 2x."),
            (_chain_slip(lambda x: np.exp(2 * x)),
             "the derivative of the inside (2x) went into the exponent; keep e^(x²) and multiply by 2x."),
            (_chain_slip(lambda x: np.exp(2 * x) * 2 * x),
             "the exponent stays x²: h′(x) = e^(x²) · 2x, not e^(2x) · 2x."),
            (_chain_slip(lambda x: 2 * x),
             "2x is only the inner derivative g′(x); multiply it by the outer one, f′(g(x)) = e^(x²)."),
            (_chain_slip(lambda x: 2 * np.exp(x ** 2)),
             "the inner derivative of x² is 2x, not 2: multiply e^(x²) by 2x."),
            (_chain_slip(lambda x: np.exp(x) * 2 * x),
             "evaluate the outer derivative at the inner function: f′(g(x)) = e^(x²), not eˣ."),
            (_chain_slip(lambda x: x ** 2 * np.exp(x ** 2 - 1)),
             "eᵘ is not a power of u: its derivative is eᵘ itself, not u·e^(u−1)."),
            (_chain_slip(lambda x: np.exp(x ** 2) + 2 * x),
             "the chain rule multiplies the two derivatives: e^(x²) · 2x, not e^(x²) + 2x."),
            (_chain_slip(lambda x: np.exp(x ** 2) * x),
             "the inner derivative of x² is 2x: a factor 2 is missing."),
            (_chain_slip(lambda x: np.exp(x ** 2) * 2 * x + np.exp(x ** 2)),
             ("e^(x²) is one function of x, not a product: h′(x) = e^(x²) · 2x, without a product-rule "
              "term + e^(x²).")),
            (_chain_slip(lambda x: np.exp(x ** 2) / (2 * x)),
             "multiply by the inner derivative 2x; you divided by it."),
            (_chain_slip(lambda x: np.exp(x ** 2 * 2 * x)),
             "the inner derivative 2x multiplies e^(x²); it does not go into the exponent: np.exp(x**2) * 2 * x."),
            (_chain_slip(lambda x: np.exp(-x ** 2) * 2 * x),
             "the exponent is +x², not −x²: h′(x) = e^(x²) · 2x."),
            (lambda r, args: isinstance(r, (list, tuple)) and len(r) == 1 and _close(
                np.asarray(r[0], dtype=float), _dh(np.asarray(args[0], dtype=float))),
             "the right values, but inside a list: return np.exp(x**2) * 2 * x itself."),
            (_chain_slip(lambda x: np.exp(x ** 2) * x ** 2),
             "multiply by the inner function's derivative, 2x, not by the inner function x²."),
        ),
    ),
    Exercise(
        id="04.value_graph",
        expected=lambda: _graph()["right"],
        hint="Build the Values, combine them as L = (w·x + b − t)**2, call L.backward() once, "
             "then read w.grad and b.grad.",
        mistakes=(
            (_has_value, "pass the numbers w.grad and b.grad, not the Value objects."),
            (lambda a: _close(a, (0.0, 0.0)),
             ("both gradients are 0: call L.backward() before reading .grad, and build L from these "
              "w, x, b, t (new Value(2.0)s in L leave w.grad at 0).")),
            (lambda a: any(_close(a, (k * 18.0, k * 6.0)) for k in (3, 4, 5, 6)),
             ("a whole multiple of the right gradients: backward() ran several times (re-running the cell?), "
              "and gradients add up. Call L.zero_grad() (or rebuild the Values) before L.backward().")),
            (lambda a: _close(a, (18.0 + 3.0, 6.0 + 1.0)),
             ("the gradients of L plus those of w·x + b − t: backward() ran on the residual too, and "
              "gradients add up. Call only L.backward() (after L.zero_grad()).")),
            (lambda a: _close(a, (2 * (W * X - B - T) * X, -2 * (W * X - B - T))),
             "these are the gradients of (w·x − b − t)²: the bias is added, w·x + b − t."),
            (_graph_slip("half"),
             "a factor 2 is missing - d(r²)/dr = 2r. Did you build the square with ** 2?"),
            (_graph_slip("times 2"),
             "these are the gradients of (w·x + b − t) * 2: the square is ** 2, not * 2."),
            (_graph_slip("no square"),
             "these are the gradients of w·x + b − t: the square (** 2) is missing."),
            (_graph_slip("twice"),
             ("twice the right gradients: backward() ran twice, and gradients add up. Call "
             "L.backward() once (or L.zero_grad() before running it again).")),
            (_graph_slip("x.grad"),
             "the first number is x.grad = 2(wx + b − t)·w; the question asks for w.grad."),
            (_graph_slip("t.grad"),
             "the second number is t.grad = −2(wx + b − t); the question asks for b.grad."),
            (_graph_slip("data"),
             "these are w.data and b.data, the values; the gradients are in .grad."),
            (_graph_slip("w, x"),
             "the second number is x.grad = 2(wx + b − t)·w; the question asks for b.grad."),
            (_graph_slip("+ t"),
             "these are the gradients of (w·x + b + t)²: the target t is subtracted, w·x + b − t."),
            (_graph_slip("bracket"),
             ("these are the gradients of (w·(x + b) − t)²: w multiplies x only, so write "
             "w * x + b - t.")),
            (lambda a: _is(a, _graph()["right"][::-1], _graph()["right"]),
             "the two gradients are swapped: (w.grad, b.grad)."),
        ),
    ),
    Exercise(
        id="04.gradient_check",
        expected=_gradient_check_solution,
        hint="∂/∂x₁ ln(1 + e^x₁) = e^x₁ / (1 + e^x₁) by the chain rule, and x₁x₂² gives x₂² "
             "and 2x₁x₂.",
        mistakes=(
            (_gradient_slip("inner"),
             ("ln(u) has derivative u′/u: the inner derivative of u = 1 + e^x₁ is e^x₁, "
             "so the first entry is e^x₁ / (1 + e^x₁) + x₂².")),
            (_gradient_slip("no 1/u"),
             ("the first entry lacks the 1/u of ln's derivative: ∂/∂x₁ ln(1 + e^x₁) = "
             "e^x₁ / (1 + e^x₁), not e^x₁.")),
            (_gradient_slip("1/x1"),
             "the derivative of ln(u) is u′/u with u = 1 + e^x₁, not 1/x₁."),
            (_gradient_slip("no x2²"),
             "the first entry misses x₂², the derivative of x₁x₂² with respect to x₁."),
            (_gradient_slip("x2 not x2²"),
             "∂/∂x₁ of x₁x₂² is x₂² (x₂ is held fixed, squared as it is), not x₂."),
            (_gradient_slip("x2²"),
             "∂/∂x₂ of x₁·x₂² is 2x₁x₂ (the power rule on x₂), not x₂²."),
            (_gradient_slip("2x1x2 in first"),
             ("∂/∂x₁ of x₁x₂² is x₂² (x₁ appears to the first power); 2x₁x₂ is the derivative "
              "in x₂.")),
            (_gradient_slip("no x2"),
             "∂/∂x₂ of x₁x₂² is 2x₁x₂: the factor x₂ (from the power rule on x₂²) is missing."),
            (_gradient_slip("no x1"),
             "∂/∂x₂ of x₁x₂² keeps the factor x₁ (held fixed): 2x₁x₂, not 2x₂."),
            (_gradient_slip("d2 sign"),
             "∂f/∂x₂ = 2x₁x₂ is negative here (x₂ = −1.5): check its sign."),
            (_gradient_slip("-x2**2"),
             ("x₂² = (−1.5)² = +2.25; in Python -1.5**2 is −(1.5**2) = −2.25: write (-1.5)**2 or x2**2 "
              "with x2 = -1.5.")),
            (_gradient_slip("ln itself"),
             "the first entry has ln(1 + e^x₁) itself; differentiate it: e^x₁ / (1 + e^x₁)."),
            (_gradient_slip("sigmoid'"),
             ("the first entry uses σ(x₁)(1 − σ(x₁)), the derivative of the sigmoid; ln(1 + e^x₁) has "
              "derivative σ(x₁) = e^x₁ / (1 + e^x₁).")),
            (_gradient_slip("no 2"),
             "∂/∂x₂ of x₁x₂² is 2x₁x₂: the factor 2 of the power rule is missing."),
            (_gradient_slip("x1 kept"),
             "∂/∂x₁ of x₁x₂² is x₂² (the x₁ goes, x₂² stays as a constant factor), not x₁x₂²."),
            (_gradient_slip("swapped"),
             "the two entries are swapped: the array is [∂f/∂x₁, ∂f/∂x₂]."),
            (_gradient_slip("at (x2, x1)"),
             "that is the gradient at (x₁, x₂) = (−1.5, 0.7): the point is x₁ = 0.7, x₂ = −1.5."),
        ),
    ),
)
