"""Exercises of notebook 05 (the gradient and gradient descent)."""
NOTEBOOK = "05"

import numbers

import numpy as np

from ..checks import Exercise, register
from ..checks.slips import said
from ..optim import gradient_descent

# 05.gradient_at_point: f(w1, w2) = w1^2 + 3 w1 w2 + w2^3 at (5, 4). No coordinate is 0, 1, 2
# or 3 and w1 != w2, so every slip below gives another number: at w2 = 1, 3 w2^3 would equal
# 3 w2^2; at w2 = 2, w2^2 = 2 w2 (so 3 w2^2 and a wrong 6 w2 agree); at w2 = 3, w2^3 = 3 w2^2.
_P = (5.0, 4.0)


def _f(w1, w2):
    return w1 ** 2 + 3 * w1 * w2 + w2 ** 3


def _grad_at_point(w1=_P[0], w2=_P[1]):
    return np.array([2 * w1 + 3 * w2, 3 * w1 + 3 * w2 ** 2])


def _near(a, b):
    try:
        a = np.asarray(a, dtype=float)
        return a.shape == np.shape(b) and bool(np.allclose(a, b))
    except (TypeError, ValueError):
        return False


def _grad_is(d1, d2):
    """Predicate: the answer is the vector (d1, d2) computed at the exercise's point."""
    return lambda a: _near(a, [d1(*_P), d2(*_P)])


def _d1(w1, w2):
    return 2 * w1 + 3 * w2


def _d2(w1, w2):
    return 3 * w1 + 3 * w2 ** 2


# Slips of 05.gradient_at_point, each computed from the exercise's own point.
_GRADIENT_SLIPS = (
    (lambda a: np.ndim(a) == 0 and _near(a, _f(*_P)),
     f"that is the value f({_P[0]:g}, {_P[1]:g}), one number; the gradient is the vector of the two partial derivatives."),
    (lambda a: np.ndim(a) == 0, "that is one number; the gradient has one entry per variable (two here)."),
    (lambda a: _near(a, _grad_at_point()[::-1]), "the two entries are swapped: the first one is ∂f/∂w₁."),
    (lambda a: _near(a, _grad_at_point(_P[1], _P[0])),
     f"that is the gradient at ({_P[1]:g}, {_P[0]:g}): the point is (w₁, w₂) = ({_P[0]:g}, {_P[1]:g})."),
    (_grad_is(lambda w1, w2: 2 * w1, _d2),
     "∂f/∂w₁ misses the cross term: 3 w₁ w₂ depends on w₁ too (its derivative is 3 w₂)."),
    (_grad_is(_d1, lambda w1, w2: 3 * w2 ** 2),
     "∂f/∂w₂ misses the cross term: 3 w₁ w₂ depends on w₂ too (its derivative is 3 w₁)."),
    (_grad_is(lambda w1, w2: 2 * w1 + 3 * w1, _d2),
     "in ∂f/∂w₁ the cross term 3 w₁ w₂ gives 3 w₂ (w₁ is the variable, w₂ the constant), not 3 w₁."),
    (_grad_is(_d1, lambda w1, w2: 3 * w2 + 3 * w2 ** 2),
     "in ∂f/∂w₂ the cross term 3 w₁ w₂ gives 3 w₁ (w₂ is the variable, w₁ the constant), not 3 w₂."),
    (_grad_is(lambda w1, w2: w1 ** 2 + 3 * w2, _d2),
     "the power is not lowered: the derivative of w₁² is 2 w₁, not w₁²."),
    (_grad_is(_d1, lambda w1, w2: 3 * w1 + 3 * w2 ** 3),
     "the power is not lowered: the derivative of w₂³ is 3 w₂², not 3 w₂³."),
    (_grad_is(_d1, lambda w1, w2: 3 * w1 + w2 ** 2),
     "the derivative of w₂³ is 3 w₂², not w₂²: the old power 3 comes down as a factor."),
    (_grad_is(_d1, lambda w1, w2: 3 * w1 + 6 * w2),
     "the derivative of w₂³ is 3 w₂² (the power drops by one), not 6 w₂: that is its second derivative."),
    (_grad_is(lambda w1, w2: w1 + 3 * w2, _d2),
     "the derivative of w₁² is 2 w₁, not w₁: the old power 2 comes down as a factor."),
    (_grad_is(_d1, lambda w1, w2: 3 * w1 + 3 * w2),
     "the derivative of w₂³ is 3 w₂²: the power drops by one, to 2, not to 1."),
    (_grad_is(lambda w1, w2: 2 * w1 + 3 * w1 * w2, lambda w1, w2: 3 * w1 * w2 + 3 * w2 ** 2),
     "the cross term 3 w₁ w₂ was kept whole: its derivative drops the variable, 3 w₂ (in w₁) and 3 w₁ (in w₂)."),
    (_grad_is(lambda w1, w2: 2 * w1 + 3, lambda w1, w2: 3 + 3 * w2 ** 2),
     "the cross term 3 w₁ w₂ gives 3 w₂ and 3 w₁ (the other variable stays), not 3."),
)


# 05.update_step: one step w := w - alpha * grad.
def _reference_step(w, grad_w, learning_rate):
    return w - learning_rate * grad_w


class _Watched(np.ndarray):
    """A test input that notices an in-place update (``w -= ...``), which changes the caller's w."""

    def __isub__(self, other):
        _IN_PLACE.append("w")
        return super().__isub__(other)

    def __iadd__(self, other):
        _IN_PLACE.append("w")
        return super().__iadd__(other)


_IN_PLACE = []


def _step_cases():
    # No learning rate of 1 (it hides a missing α) and no w equal to its gradient. The first w
    # notices `w -= ...`: the checker hands out copies, so the change would otherwise go unseen.
    _IN_PLACE.clear()
    return [
        (np.array([1.0, -2.0]).view(_Watched), np.array([0.5, 1.0]), 0.1),
        (3.0, 2.0, 0.25),
        (np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[0.5, 1.0], [-2.0, 4.0]]), 0.3),
    ]


def _step_is(expr):
    def predicate(result, args):
        w, g, lr = (np.asarray(a, dtype=float) for a in args)
        return _near(result, expr(w, g, lr))
    return predicate


# 05.learning_rate_bowl: J(w) = w1^2 + 4 w2^2 from (2, 1), converge within 100 steps.
BOWL_START = np.array([2.0, 1.0])
BOWL_STEPS = 100


def bowl_cost(w):
    """The bowl of exercise 05.learning_rate_bowl: J(w) = w₁² + 4 w₂²."""
    w = np.asarray(w, dtype=float)
    return w[..., 0] ** 2 + 4.0 * w[..., 1] ** 2


def bowl_gradient(w):
    """Its gradient (2 w₁, 8 w₂)."""
    w = np.asarray(w, dtype=float)
    return np.stack([2.0 * w[..., 0], 8.0 * w[..., 1]], axis=-1)


def _is_number(a):
    return isinstance(a, numbers.Real) and not isinstance(a, bool) or (
        isinstance(a, np.ndarray) and a.size == 1 and a.dtype.kind in "iuf")


def _run_bowl(a):
    return gradient_descent(bowl_gradient, BOWL_START, float(np.asarray(a).reshape(())),
                            max_steps=BOWL_STEPS, f=bowl_cost)


def _bowl_ok(a):
    return _is_number(a) and float(np.asarray(a).reshape(())) > 0 and _run_bowl(a).converged


class _AnyAnswer:
    """An expected answer that accepts every value passing ``test`` (several answers are right).

    ``checks`` compares a non-numeric expected answer with ``==``; this object's ``__eq__``
    runs the test, so any learning rate that works is correct, without revealing one.
    """

    def __init__(self, test, text):
        self.test, self.text = test, text

    def __eq__(self, other):
        try:
            return bool(self.test(other))
        except (TypeError, ValueError, ArithmeticError, AttributeError):  # an answer of another kind
            return False

    __hash__ = None

    def __repr__(self):
        return self.text


# Where a failing learning rate sits decides the message: 0.2 = 2 / (2 + 8) balances the
# two directions' factors (1 - 2α) and (1 - 8α); failures above it overshoot, below it crawl.
_BALANCED = 0.2


def _bowl_fails(a):
    if not _is_number(a):
        return None
    alpha = float(np.asarray(a).reshape(()))
    if alpha <= 0 or _run_bowl(a).converged:
        return None
    return "large" if alpha > _BALANCED else "small"


register(
    Exercise(
        id="05.gradient_at_point",
        expected=_grad_at_point,
        hint="Take ∂f/∂w₁ treating w₂ as a constant, then ∂f/∂w₂ treating w₁ as a constant, "
             f"and put both numbers, in that order, in one array evaluated at ({_P[0]:g}, {_P[1]:g}).",
        mistakes=_GRADIENT_SLIPS,
    ),
    Exercise(
        id="05.update_step",
        expected=lambda: _reference_step,
        cases=_step_cases,
        hint="Gradient descent goes downhill: new w = w − (learning rate) × (gradient at w).",
        mistakes=(
            (lambda result, args: bool(_IN_PLACE),
             ("your function changed its input w in place (`w -= ...`): the caller's w (in gradient "
              "descent, the previous point of the path) changes too. Return a new array: w - learning_rate * grad_w.")),
            (_step_is(lambda w, g, lr: w + lr * g), "you stepped uphill: the update subtracts the gradient."),
            (_step_is(lambda w, g, lr: w - g), "the learning rate is missing: the step is α times the gradient."),
            (_step_is(lambda w, g, lr: -lr * g), "that is only the step; add it to the current w."),
            (_step_is(lambda w, g, lr: lr * g), "that is only the step (and with the wrong sign); the new w is w − α ∇J."),
            (_step_is(lambda w, g, lr: w - g / lr), "divide? the gradient is multiplied by the learning rate."),
            (_step_is(lambda w, g, lr: w - lr * w),
             "you subtracted α·w: the step uses the gradient grad_w, not the parameters themselves."),
            (_step_is(lambda w, g, lr: lr * (w - g)),
             "the learning rate multiplies only the gradient: w − α·grad_w, not α·(w − grad_w)."),
            (_step_is(lambda w, g, lr: (w - lr) * g),
             "that is (w − α)·grad_w: the update is w − α·grad_w, a subtraction of α times the gradient."),
            (_step_is(lambda w, g, lr: w - lr * g ** 2),
             "you squared the gradient: the step is α·grad_w."),
            (lambda result, args: np.ndim(args[1]) == 2 and _step_is(lambda w, g, lr: w - lr * g.T)(result, args),
             "you transposed the gradient: it already has w's shape, so subtract it entry by entry, w − α·grad_w."),
            (lambda result, args: np.ndim(args[1]) >= 1 and (_step_is(lambda w, g, lr: w - lr * np.mean(g))(result, args)
                                                            or _step_is(lambda w, g, lr: w - lr * np.sum(g))(result, args)),
             "you subtracted one number (the mean or sum of the gradient) from every entry: each w_j moves by α times its own ∂J/∂w_j."),
            (_step_is(lambda w, g, lr: w - lr * np.sign(g)),
             "you used only the sign of the gradient: the step is α times the gradient itself, so steep directions move further."),
            (lambda result, args: (isinstance(result, (tuple, list)) and len(result) == 1
                                   and _step_is(lambda w, g, lr: w - lr * g)(result[0], args)),
             "right numbers, but wrapped in a tuple or list of one item (a trailing comma after the return value?): return the array itself."),
        ),
    ),
    Exercise(
        id="05.learning_rate_bowl",
        expected=lambda: _AnyAnswer(_bowl_ok, "a learning rate that converges within 100 steps"),
        hint="Each step multiplies w₁ by (1 − 2α) and w₂ by (1 − 8α): both factors must be "
             "well inside (−1, 1).",
        mistakes=(
            (lambda a: not _is_number(a), "give one number, the learning rate α (for example 0.01)."),
            (lambda a: not np.isfinite(float(np.asarray(a).reshape(()))),
             "give a finite number: an infinite (or nan) learning rate makes the very first step blow up."),
            (lambda a: float(np.asarray(a).reshape(())) <= 0,
             "a learning rate must be positive: α ≤ 0 stands still or walks uphill."),
            (lambda a: _bowl_fails(a) == "large",
             said("too large: the steep direction (gradient 8 w₂) overshoots the valley floor each "
                  "step and bounces instead of settling within 100 steps. Try a smaller α.",
                  "with this α the steep direction (gradient 8 w₂) overshoots the valley floor each "
                  "step and bounces instead of settling within 100 steps.")),
            (lambda a: _bowl_fails(a) == "small",
             said("too small: after 100 steps gradient descent is still moving along the flat direction "
                  "(gradient 2 w₁). Try a larger α.",
                  "with this α, after 100 steps gradient descent is still moving along the flat direction "
                  "(gradient 2 w₁).")),
        ),
    ),
    Exercise(
        id="05.divergence_threshold",
        expected=lambda: 0.2,
        hint="One step gives w_new = w − α·10w = (1 − 10α) w. It blows up when |1 − 10α| > 1.",
        mistakes=(
            (lambda a: np.ndim(a) == 0 and not isinstance(a, (str, bool)) and np.isclose(float(a), 0.25),
             ("0.25 is 2/8, the limit of Exercise 3's steep direction (slope 8 w₂): here J = 5w² has slope "
              "10w, so the limit is where |1 − 10α| = 1.")),
            (lambda a: np.isclose(float(a), 0.1),
             ("with α = 0.1 the factor 1 − 10α is 0: one step lands exactly on the minimum. "
              "Divergence starts later, when |1 − 10α| > 1.")),
            (lambda a: np.isclose(float(a), 0.4),
             "the derivative of 5w² is 10w, not 5w."),
            (lambda a: np.isclose(float(a), 5.0) or np.isclose(float(a), 10.0),
             "that is the steepness itself; the threshold on α is a small number (α · 10 must stay below 2)."),
            (lambda a: np.isclose(float(a), 2.0),
             "2 is the bound on α · 10 (|1 − 10α| ≤ 1 means 10α ≤ 2): divide by 10."),
            (lambda a: np.isclose(float(a), 1.0),
             "α = 1 gives the factor 1 − 10 = −9: far beyond divergence. Solve |1 − 10α| = 1."),
            (lambda a: np.isclose(float(a), -0.2),
             "a learning rate is positive; the threshold is where 1 − 10α reaches −1."),
            (lambda a: 0.18 <= float(a) <= 0.22 and not np.isclose(float(a), 0.2),
             ("close, but the threshold is exact: the α where |1 − 10α| = 1, not a rate that happens to "
              "converge or diverge.")),
            (lambda a: np.isclose(float(a), 0.05),
             "0.05 = 1/(2 · 10) treats J as 10w²: J = 5w² has dJ/dw = 10w, and the threshold is 2/10."),
        ),
    ),
    Exercise(
        id="05.matrix_gradient",
        expected=lambda: np.outer([1.0, 2.0, 3.0], [4.0, -1.0]),
        hint="f(A) = Σᵢⱼ xᵢ aᵢⱼ yⱼ, so ∂f/∂aᵢⱼ = xᵢ yⱼ: the gradient has A's shape (3, 2).",
        mistakes=(
            (lambda a: np.ndim(a) == 0,
             "that is one number; the gradient with respect to a 3 × 2 matrix is a 3 × 2 matrix."),
            (lambda a: _near(a, np.outer([4.0, -1.0], [1.0, 2.0, 3.0])),
             "that is y xᵀ, the transpose: the gradient must have the shape of A, (3, 2)."),
            (lambda a: _near(a, np.add.outer([1.0, 2.0, 3.0], [4.0, -1.0])),
             "you added xᵢ + yⱼ: the derivative of xᵢ aᵢⱼ yⱼ with respect to aᵢⱼ is the product xᵢ yⱼ."),
            (lambda a: _near(a, np.outer([1.0, 2.0, 3.0], [1.0, 1.0])),
             "y is missing: ∂(xᵢ aᵢⱼ yⱼ)/∂aᵢⱼ = xᵢ yⱼ, so column j is x times yⱼ."),
            (lambda a: _near(a, np.outer([1.0, 1.0, 1.0], [4.0, -1.0])),
             "x is missing: ∂(xᵢ aᵢⱼ yⱼ)/∂aᵢⱼ = xᵢ yⱼ, so row i is xᵢ times y."),
            (lambda a: _near(a, np.outer([1.0, 2.0, 3.0], [4.0, 1.0])),
             "the second entry of y is −1: column 2 of x yᵀ is −x."),
        ),
    ),
)
