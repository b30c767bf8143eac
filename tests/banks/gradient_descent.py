"""Realistic wrong answers to notebook 05's exercises (the gradient and gradient descent)."""

import math

import numpy as np

from banks import Slip

W1, W2 = 5.0, 4.0  # the point of 05.gradient_at_point


def _grad(d1, d2):
    return lambda: np.array([d1, d2])


def _step(rule):
    """A student's gd_step(w, grad_w, learning_rate) built from a wrong rule."""
    def gd_step(w, grad_w, learning_rate):
        return rule(w, grad_w, learning_rate)
    return lambda: gd_step


def _in_place():
    def gd_step(w, grad_w, learning_rate):
        w -= learning_rate * grad_w  # changes the caller's array
        return w
    return gd_step


def _slice_assign():
    def gd_step(w, grad_w, learning_rate):
        w = np.asarray(w)
        if w.ndim:
            w[...] = w - learning_rate * grad_w  # writes into the caller's array
            return w
        return w - learning_rate * grad_w
    return gd_step


def _math_exp_step():
    def gd_step(w, grad_w, learning_rate):
        return w - learning_rate * math.exp(math.log(grad_w))  # math on arrays
    return gd_step


BANK = {
    "05.gradient_at_point": [
        Slip("∂f/∂w₁ without the cross term", _grad(2 * W1, 3 * W1 + 3 * W2 ** 2), "∂f/∂w₁ misses the cross term"),
        Slip("∂f/∂w₂ without the cross term", _grad(2 * W1 + 3 * W2, 3 * W2 ** 2), "∂f/∂w₂ misses the cross term"),
        Slip("entries swapped", _grad(3 * W1 + 3 * W2 ** 2, 2 * W1 + 3 * W2), "swapped"),
        Slip("power of w₂³ not lowered", _grad(2 * W1 + 3 * W2, 3 * W1 + 3 * W2 ** 3), "power is not lowered"),
        Slip("w₁² not differentiated", _grad(W1 ** 2 + 3 * W2, 3 * W1 + 3 * W2 ** 2), "power is not lowered"),
        Slip("derivative of w₂³ taken as w₂²", _grad(2 * W1 + 3 * W2, 3 * W1 + W2 ** 2), "3 w₂², not w₂²"),
        Slip("derivative of w₂³ taken as 6 w₂ (differentiated twice)", _grad(2 * W1 + 3 * W2, 3 * W1 + 6 * W2),
             "not 6 w₂"),
        Slip("squared w₂ by doubling it (3·2w₂)", _grad(2 * W1 + 3 * W2, 3 * W1 + 3 * 2 * W2), "not 6 w₂"),
        Slip("list instead of two entries: only ∂f/∂w₂", lambda: [3 * W1 + 3 * W2 ** 2], None),
        Slip("a column (2, 1)", lambda: np.array([[2 * W1 + 3 * W2], [3 * W1 + 3 * W2 ** 2]]), "column"),
        Slip("half the gradient", _grad((2 * W1 + 3 * W2) / 2, (3 * W1 + 3 * W2 ** 2) / 2), "1/2"),
        Slip("∂f/∂w₂ as the sum of both cross-term factors", _grad(2 * W1 + 3 * W2, 3 * W1 * W2 + 3 * W2 ** 2), None),
        Slip("derivative of w₁² taken as w₁", _grad(W1 + 3 * W2, 3 * W1 + 3 * W2 ** 2), "2 w₁, not w₁"),
        Slip("cross term in ∂f/∂w₁ keeps w₁", _grad(2 * W1 + 3 * W1, 3 * W1 + 3 * W2 ** 2), "not 3 w₁"),
        Slip("cross term in ∂f/∂w₂ keeps w₂", _grad(2 * W1 + 3 * W2, 3 * W2 + 3 * W2 ** 2), "not 3 w₂"),
        Slip("cross term differentiated to 3", _grad(2 * W1 + 3, 3 + 3 * W2 ** 2), "not 3."),
        Slip("evaluated at (w₂, w₁)", _grad(2 * W2 + 3 * W1, 3 * W2 + 3 * W1 ** 2), "gradient at (4, 5)"),
        Slip("f itself instead of the gradient", lambda: W1 ** 2 + 3 * W1 * W2 + W2 ** 3, "the value f(5, 4)"),
        Slip("sum of the two partials", lambda: (2 * W1 + 3 * W2) + (3 * W1 + 3 * W2 ** 2), "one number"),
        Slip("downhill direction instead of the gradient", _grad(-(2 * W1 + 3 * W2), -(3 * W1 + 3 * W2 ** 2)),
             "sign"),
    ],
    "05.update_step": [
        Slip("uphill: w + α g", _step(lambda w, g, a: w + a * g), "uphill"),
        Slip("learning rate forgotten", _step(lambda w, g, a: w - g), "learning rate is missing"),
        Slip("only the step", _step(lambda w, g, a: -a * g), "only the step"),
        Slip("step with the wrong sign, no w", _step(lambda w, g, a: a * g), "only the step"),
        Slip("divided by α", _step(lambda w, g, a: w - g / a), "multiplied by the learning rate"),
        Slip("α times w instead of the gradient", _step(lambda w, g, a: w - a * w), "not the parameters"),
        Slip("α multiplies (w − g)", _step(lambda w, g, a: a * (w - g)), "multiplies only the gradient"),
        Slip("(w − α) times g", _step(lambda w, g, a: (w - a) * g), "(w − α)·grad_w"),
        Slip("gradient squared", _step(lambda w, g, a: w - a * g ** 2), "squared the gradient"),
        Slip("in place w -= α g", _in_place, "in place"),
        Slip("in place w[:] = w − α g", _slice_assign, "in place"),
        Slip("transposed gradient", _step(lambda w, g, a: w - a * np.transpose(g)), "transposed the gradient"),
        Slip("mean of the gradient", _step(lambda w, g, a: w - a * np.mean(g)), "one number"),
        Slip("sum of the gradient", _step(lambda w, g, a: w - a * np.sum(g)), "one number"),
        Slip("sign of the gradient only", _step(lambda w, g, a: w - a * np.sign(g)), "only the sign"),
        Slip("trailing comma: returns (w_new,)", _step(lambda w, g, a: (w - a * g,)), "tuple or list of one item"),
        Slip("factor 2 too many", _step(lambda w, g, a: w - 2 * a * g), None),
        Slip("returns the gradient, not w", _step(lambda w, g, a: g - a * w), None),
        Slip("math.exp/log on arrays", _math_exp_step, None),
    ],
    "05.learning_rate_bowl": [
        Slip("the round bowl's 0.5", lambda: 0.5, "overshoots the valley floor"),
        Slip("0.25, just past the steep direction's limit", lambda: 0.25, "overshoots the valley floor"),
        Slip("α = 1", lambda: 1.0, "overshoots the valley floor"),
        Slip("tiny α", lambda: 0.01, "still moving along the flat direction"),
        Slip("very tiny α", lambda: 0.001, "still moving along the flat direction"),
        Slip("negative α", lambda: -0.1, "positive"),
        Slip("zero", lambda: 0, "positive"),
        Slip("a list of candidates", lambda: [0.1, 0.2], "one number"),
        Slip("0.3, just past 0.25 (the factor 1 − 8α < −1)", lambda: 0.3, "overshoots the valley floor"),
        Slip("2/8 = 0.25 exactly (the edge, bounces forever)", lambda: 0.25, "overshoots the valley floor"),
        Slip("0.05, a little too slow in w₁", lambda: 0.05, "still moving along the flat direction"),
        Slip("the step count instead of α", lambda: 100, "overshoots the valley floor"),
        Slip("a string", lambda: "0.1", "one number"),
        Slip("the value as a boolean", lambda: True, "one number"),
        Slip("α = 2/(2 + 8) exactly but as a fraction string", lambda: "1/5", "one number"),
        Slip("infinite", lambda: float("inf"), "finite number"),
    ],
    "05.divergence_threshold": [
        Slip("1/(2a) from J = a w²/2", lambda: 0.1, "lands exactly on the minimum"),
        Slip("derivative taken as 5w", lambda: 0.4, "10w, not 5w"),
        Slip("the steepness 10", lambda: 10.0, "steepness itself"),
        Slip("the coefficient 5", lambda: 5, "steepness itself"),
        Slip("the bound on 10α", lambda: 2.0, "divide by 10"),
        Slip("α = 1", lambda: 1.0, "far beyond divergence"),
        Slip("a rate that diverges", lambda: 0.21, "threshold is exact"),
        Slip("a rate that converges", lambda: 0.19, "threshold is exact"),
        Slip("negative threshold", lambda: -0.2, "positive"),
        Slip("1/(2·10)", lambda: 0.05, "J = 5w² has dJ/dw = 10w"),
        Slip("the right number in a list", lambda: [0.2], "inside a list"),
        Slip("the right number in a 1-element array", lambda: np.array([0.2]), "inside an array"),
        Slip("2/5 (2 over the coefficient)", lambda: 0.4, "10w, not 5w"),
        Slip("1/(2·5): treats the factor as 2a = 5", lambda: 0.1, "lands exactly on the minimum"),
        Slip("1/5 rounded to 0.19", lambda: 0.19, "threshold is exact"),
        Slip("a much too large rate 0.5", lambda: 0.5, None),
        Slip("1/20 = 0.02 (threshold divided by 10 once more)", lambda: 0.02, "1/10"),
    ],
    "05.matrix_gradient": [
        Slip("y xᵀ (transposed)", lambda: np.outer([4.0, -1.0], [1.0, 2.0, 3.0]), "transpose"),
        Slip("f(A) value, one number", lambda: 1.0 * 4.0, "one number"),
        Slip("sum instead of product", lambda: np.add.outer([1.0, 2.0, 3.0], [4.0, -1.0]), "product xᵢ yⱼ"),
        Slip("y forgotten", lambda: np.outer([1.0, 2.0, 3.0], [1.0, 1.0]), "y is missing"),
        Slip("x forgotten", lambda: np.outer([1.0, 1.0, 1.0], [4.0, -1.0]), "x is missing"),
        Slip("sign of y's second entry lost", lambda: np.outer([1.0, 2.0, 3.0], [4.0, 1.0]), "second entry of y is −1"),
        Slip("x · y summed to a number", lambda: float(np.outer([1.0, 2.0, 3.0], [4.0, -1.0]).sum()), "one number"),
        Slip("minus x yᵀ", lambda: -np.outer([1.0, 2.0, 3.0], [4.0, -1.0]), "sign is flipped"),
        Slip("flattened to (6,)", lambda: np.outer([1.0, 2.0, 3.0], [4.0, -1.0]).ravel(), "wrong shape"),
        Slip("reshaped to (2, 3) instead of transposed back", lambda: np.outer([1.0, 2.0, 3.0], [4.0, -1.0]).reshape(2, 3),
             "wrong shape"),
        Slip("y read backwards", lambda: np.outer([1.0, 2.0, 3.0], [-1.0, 4.0]), "wrong places"),
        Slip("x read backwards", lambda: np.outer([3.0, 2.0, 1.0], [4.0, -1.0]), "wrong places"),
        Slip("factor 2 (as for ‖A‖²)", lambda: 2 * np.outer([1.0, 2.0, 3.0], [4.0, -1.0]), "2×"),
        Slip("numerical gradient at A = 0 read as zero", lambda: np.zeros((3, 2)), None),
        Slip("an extra axis (3, 2, 1)", lambda: np.outer([1.0, 2.0, 3.0], [4.0, -1.0])[..., None], "wrong shape"),
    ],
}


# ---- More slips, written from notebook 05's text alone (issue 26, item 5).
def _loop_entries(w, g, a):
    w = np.array(w, dtype=float)
    for i in range(len(w)):  # fails on a plain number
        w[i] = w[i] - a * g[i]
    return w


def _as_list(w, g, a):
    return [wi - a * gi for wi, gi in zip(w, g)]


def _forgot_return(w, g, a):
    w = w - a * g  # the new w is never returned


_X5, _Y5 = np.array([1.0, 2.0, 3.0]), np.array([4.0, -1.0])
_MORE = {  # only answers the slips above do not already give
    "05.gradient_at_point": [
        Slip("w₂³ differentiated to 3 w₂", _grad(2 * W1 + 3 * W2, 3 * W1 + 3 * W2), "not to 1"),
        Slip("the cross term kept whole", _grad(2 * W1 + 3 * W1 * W2, 3 * W1 * W2 + 3 * W2 ** 2), "kept whole"),
    ],
    "05.update_step": [
        Slip("a loop over the entries", _step(_loop_entries), "single number here"),
        Slip("a list comprehension", _step(_as_list), "single number here"),
        Slip("no return", lambda: _forgot_return, "forget `return`"),
        Slip("cast to int", _step(lambda w, g, a: np.asarray(w - a * g).astype(int)), "whole numbers"),
        Slip("float() around the result", _step(lambda w, g, a: float(w - a * g)), "take one number"),
        Slip("α g − w", _step(lambda w, g, a: a * g - w), "sign is flipped"),
        Slip("the gradient returned too", _step(lambda w, g, a: (w - a * g, g)), "its 1st is the right answer"),
        Slip("w (1 − α g)", _step(lambda w, g, a: w * (1 - a * g)), None),
        Slip("w − α − g (a * typed as -)", _step(lambda w, g, a: w - a - g), None),
    ],
    "05.learning_rate_bowl": [
        Slip("α = 2", lambda: 2.0, "overshoots the valley floor"),
        Slip("α = 0.4", lambda: 0.4, "overshoots the valley floor"),
        Slip("α = 0.26, just past 2/8", lambda: 0.26, "overshoots the valley floor"),
        Slip("α = 1e-4", lambda: 1e-4, "still moving along the flat direction"),
        Slip("α = 0.02", lambda: 0.02, "still moving along the flat direction"),
        Slip("the status text", lambda: "converged", "one number"),
    ],
    "05.divergence_threshold": [
        Slip("just below the threshold", lambda: 0.1999, "threshold is exact"),
        Slip("2 // 10", lambda: 2 // 10, "whole numbers"),
        Slip("2/8 from Exercise 3's bowl", lambda: 0.25, "Exercise 3"),
    ],
    "05.matrix_gradient": [
        Slip("a matrix of ones", lambda: np.ones((3, 2)), None),
        Slip("y xᵀ reshaped to (3, 2)", lambda: np.outer(_Y5, _X5).reshape(3, 2), "reshape keeps the reading order"),
    ],
}
for _id, _slips in _MORE.items():
    BANK[_id] = BANK[_id] + _slips
