"""Per-class numbers of notebook 05's value exercises (``make release SEED=...``)."""
import numpy as np

from ..checks.variants import Variant, declare
from ..optim import gradient_descent
from ._variant_kit import num, pick, rebuilt
from .gradient_descent import BOWL_START, BOWL_STEPS, _AnyAnswer, _is_number


# --- 05.gradient_at_point: ∇(w1² + 3 w1 w2 + w2³) at a point ------------------------------------
def _gradient_exercise(public, nums):
    w1, w2 = nums["w1"], nums["w2"]
    d1, d2 = 2 * w1 + 3 * w2, 3 * w1 + 3 * w2 ** 2
    return rebuilt(
        public, expected=lambda: np.array([d1, d2]), hint=public.hint,
        mistakes=(
            (lambda: np.array([d2, d1]), "the two entries are swapped: [∂f/∂w1, ∂f/∂w2]."),
            (lambda: np.array([2 * w1, d2]), "∂f/∂w1 also has the term 3 w2 from 3 w1 w2."),
            (lambda: np.array([d1, 3 * w2 ** 2]), "∂f/∂w2 also has the term 3 w1 from 3 w1 w2."),
            (lambda: np.array([d1, 3 * w1 + w2 ** 2]), "the derivative of w2³ is 3 w2², not w2²."),
            (lambda: np.array([d1, 3 * w1 + 3 * w2 ** 3]), "the derivative of w2³ is 3 w2²: the power drops by one."),
            (lambda: np.array([w1 + 3 * w2, d2]), "the derivative of w1² is 2 w1, not w1."),
            (lambda: np.array([d1, 3 * w1 + 2 * w2]), "the derivative of w2³ is 3 w2², not 2 w2."),
            (lambda: np.array([22.0, 63.0]), "that is the gradient at the self-study edition's point; use this exercise's point."),
        ))


def _draw_point(rng):
    w1 = pick(rng, [2.0, 3.0, 4.0, 6.0, 7.0, -2.0, -3.0])
    w2 = pick(rng, [4.0, 5.0, 6.0, -2.0, -4.0], avoid=(w1,))
    if (w1, w2) == (5.0, 4.0):
        w2 = 6.0
    return {"w1": float(w1), "w2": float(w2)}


declare("05.gradient_at_point", Variant(
    defaults={"w1": 5.0, "w2": 4.0},
    draw=_draw_point,
    prose=lambda n: {"at $(w_1, w_2) = (5, 4)$": f"at $(w_1, w_2) = ({num(n['w1'])}, {num(n['w2'])})$"},
    exercise=_gradient_exercise,
))


# --- 05.learning_rate_bowl: J(w) = w1² + c w2², any α that converges within 100 steps -------------
def _bowl_exercise(public, nums):
    c = nums["c"]

    def converges(a):
        if not _is_number(a):
            return False
        alpha = float(np.asarray(a).reshape(()))
        if not np.isfinite(alpha) or alpha <= 0:
            return False
        return gradient_descent(lambda w: np.array([2 * w[0], 2 * c * w[1]]), BOWL_START, alpha,
                                max_steps=BOWL_STEPS, f=lambda w: w[0] ** 2 + c * w[1] ** 2).converged

    balanced = 2 / (2 + 2 * c)  # the two directions' factors (1 - 2α) and (1 - 2cα) balance here

    def fails(a, side):
        try:
            alpha = float(np.asarray(a).reshape(()))
        except (TypeError, ValueError):
            return False
        return _is_number(a) and alpha > 0 and not converges(a) and (alpha > balanced) == (side == "large")

    return rebuilt(
        public, expected=lambda: _AnyAnswer(converges, "a learning rate that converges within 100 steps"),
        hint=f"Each step multiplies w₁ by (1 − 2α) and w₂ by (1 − {num(2 * c)}α): both factors must be well inside (−1, 1).",
        named=((lambda a: not _is_number(a), "give one number, the learning rate α."),
               (lambda a: float(np.asarray(a).reshape(())) <= 0,
                "a learning rate must be positive: α ≤ 0 stands still or walks uphill."),
               (lambda a: fails(a, "large"), ("with this α the steep direction overshoots the valley floor each step "
                                             "and bounces instead of settling within 100 steps.")),
               (lambda a: fails(a, "small"), ("with this α, after 100 steps gradient descent is still moving along "
                                             "the flat direction."))))


declare("05.learning_rate_bowl", Variant(
    defaults={"c": 4.0},
    draw=lambda rng: {"c": float(pick(rng, [5.0, 6.0, 8.0, 10.0]))},  # 0.2, the public answer, fails
    prose=lambda n: {"$J(w) = w_1^2 + 4 w_2^2$": f"$J(w) = w_1^2 + {num(n['c'])} w_2^2$",
                     "np.array([2 * w[0], 8 * w[1]])": f"np.array([2 * w[0], {num(2 * n['c'])} * w[1]])"},
    exercise=_bowl_exercise,
))


# --- 05.divergence_threshold: J(w) = k w², diverges for α > 1/k ---------------------------------
def _threshold_exercise(public, nums):
    k = nums["k"]
    return rebuilt(
        public, expected=lambda: 1 / k,
        hint=f"One step gives w_new = w − α·{num(2 * k)}w = (1 − {num(2 * k)}α) w. It blows up when |1 − {num(2 * k)}α| > 1.",
        mistakes=(
            (lambda: 1 / (2 * k), "with this α one step lands exactly on the minimum; divergence starts later."),
            (lambda: 2 / k, f"the derivative of {num(k)}w² is {num(2 * k)}w, not {num(k)}w."),
            (lambda: k, "that is the steepness itself; the threshold on α is a small number."),
            (lambda: 2 * k, "that is the slope factor of the derivative; the threshold on α is a small number."),
            (lambda: 2.0, f"2 is the bound on α · {num(2 * k)}: divide by {num(2 * k)}."),
            (lambda: -1 / k, "a learning rate is positive."),
            (lambda: 1 / (4 * k), f"that treats J as {num(2 * k)}w²: differentiate {num(k)}w² once."),
            (lambda: 0.2, "that is the threshold of the self-study edition's J = 5w²; this J is another."),
        ))


declare("05.divergence_threshold", Variant(
    defaults={"k": 5.0},
    draw=lambda rng: {"k": float(pick(rng, [2.0, 4.0, 8.0, 10.0, 2.5, 20.0]))},
    prose=lambda n: {"For $J(w) = 5 w^2$": f"For $J(w) = {num(n['k'])} w^2$"},
    exercise=_threshold_exercise,
))


# --- 05.matrix_gradient: ∇_A xᵀ A y = x yᵀ ---------------------------------------------------
_X_PUBLIC, _Y_PUBLIC = [1.0, 2.0, 3.0], [4.0, -1.0]


def _matrix_exercise(public, nums):
    x, y = np.array(nums["x"]), np.array(nums["y"])
    return rebuilt(
        public, expected=lambda: np.outer(x, y), hint=public.hint,
        mistakes=(
            (lambda: np.outer(y, x), "that is y xᵀ, the transpose: the gradient must have the shape of A."),
            (lambda: np.add.outer(x, y), "the derivative of xᵢ aᵢⱼ yⱼ with respect to aᵢⱼ is the product xᵢ yⱼ."),
            (lambda: np.outer(x, np.ones_like(y)), "y is missing: ∂(xᵢ aᵢⱼ yⱼ)/∂aᵢⱼ = xᵢ yⱼ."),
            (lambda: np.outer(np.ones_like(x), y), "x is missing: ∂(xᵢ aᵢⱼ yⱼ)/∂aᵢⱼ = xᵢ yⱼ."),
            (lambda: np.outer(x, np.abs(y)), "check the signs of y's entries."),
            (lambda: np.outer(_X_PUBLIC, _Y_PUBLIC), "that is the self-study edition's gradient; use this cell's x5 and y5."),
        ))


def _draw_vectors(rng):
    while True:
        x = rng.integers(-3, 6, size=3).astype(float)
        y = rng.integers(-4, 6, size=2).astype(float)
        fits = np.count_nonzero(x) == 3 and np.count_nonzero(y) == 2 and (y < 0).any() and len(set(np.abs(x))) == 3
        if fits and (x.tolist(), y.tolist()) != (_X_PUBLIC, _Y_PUBLIC):
            return {"x": x.tolist(), "y": y.tolist()}


def _tuple(v):
    return "(" + ", ".join(num(a) for a in v) + ")"


def _code(name, v):
    return f"{name} = np.array([{', '.join(repr(float(a)) for a in v)}])"


declare("05.matrix_gradient", Variant(
    defaults={"x": _X_PUBLIC, "y": _Y_PUBLIC},
    draw=_draw_vectors,
    prose=lambda n: {rf"$\mathbf{{x}} = {_tuple(_X_PUBLIC)}$": rf"$\mathbf{{x}} = {_tuple(n['x'])}$",
                     rf"$\mathbf{{y}} = {_tuple(_Y_PUBLIC)}$": rf"$\mathbf{{y}} = {_tuple(n['y'])}$",
                     _code("x5", _X_PUBLIC): _code("x5", n["x"]), _code("y5", _Y_PUBLIC): _code("y5", n["y"])},
    exercise=_matrix_exercise,
))
