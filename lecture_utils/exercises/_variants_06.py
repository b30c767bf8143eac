"""Per-class numbers of notebook 06's value exercises (``make release SEED=...``).

The tumours are the notebook's; a class gets other weights, predictions, labels, a slice of the
labels and a learning rate. 06.gd_step starts from 06.predictions' weights, so it reads them.
"""
import numpy as np

from ..checks.variants import Variant, declare, numbers
from ..logistic import EPSILON, gradients, sigmoid
from ._variant_kit import num, pick, rebuilt
from .logistic_regression import _train, small


def _code(values):
    return "np.array([" + ", ".join(repr(float(v)) for v in values) + "])"


def _cost(y, p):
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


# --- 06.predictions: ŷ = σ(X_small w + b) ----------------------------------------------------
_W_PUBLIC, _B_PUBLIC = [0.5, -0.25, 1.0], 0.1


def _weights_line(w, b):
    return f"w_small, b_small = {_code(w)}, {b!r}"


def _predictions_exercise(public, nums):
    X, y = small()
    w, b = np.array(nums["w"]), nums["b"]
    return rebuilt(
        public, expected=lambda: sigmoid(X @ w + b), hint=public.hint,
        mistakes=(
            (lambda: X @ w + b, "that is z = Xw + b; pass it through the sigmoid."),
            (lambda: sigmoid(X @ w), "the bias b_small is missing."),
            (lambda: (sigmoid(X @ w + b) >= 0.5).astype(float), ("those are the predicted classes; the exercise asks "
                                                               "for the probabilities ŷ.")),
            (lambda: y, "that is y_small, the true labels: ŷ is what the model computes."),
            (lambda: sigmoid(X @ np.array(_W_PUBLIC) + _B_PUBLIC), "that is ŷ for the self-study edition's weights."),
        ))


def _draw_weights(rng):
    while True:
        w = rng.integers(-6, 7, size=3) / 4
        if np.count_nonzero(w) == 3 and w.tolist() != _W_PUBLIC:
            return {"w": [float(v) for v in w], "b": float(pick(rng, [-0.3, -0.2, 0.2, 0.3, 0.4]))}


declare("06.predictions", Variant(
    defaults={"w": _W_PUBLIC, "b": _B_PUBLIC},
    draw=_draw_weights,
    prose=lambda n: {_weights_line(_W_PUBLIC, _B_PUBLIC): _weights_line(n["w"], n["b"])},
    exercise=_predictions_exercise,
))


# --- 06.cost: J of y_toy and p_toy -----------------------------------------------------------
_Y_TOY, _P_TOY = [1, 0, 1, 1, 0], [0.9, 0.2, 0.6, 0.3, 0.4]


def _cost_exercise(public, nums):
    y, p = np.array(_Y_TOY, dtype=float), np.array(nums["p"])
    terms = y * np.log(p) + (1 - y) * np.log(1 - p)
    return rebuilt(
        public, expected=lambda: _cost(y, p), hint=public.hint,
        mistakes=(
            (lambda: -float(terms.sum()), "that is the sum of the losses: J is their mean (1/n)."),
            (lambda: float(terms.mean()), "the sign is wrong: J = −(1/n) Σ [...] is positive."),
            (lambda: _cost(y, 1 - p), "the two terms are swapped: y goes with ln ŷ, 1 − y with ln(1 − ŷ)."),
            (lambda: float(-np.mean(y * np.log(p))), "the term (1 − y) ln(1 − ŷ) is missing."),
            (lambda: float(-np.mean(y * np.log10(p) + (1 - y) * np.log10(1 - p))), ("np.log10 is the base-10 logarithm: "
                                                                                  "the cost uses ln, np.log.")),
            (lambda: _cost(_Y_TOY, _P_TOY), "that is the cost of the self-study edition's predictions."),
        ))


def _draw_p(rng):
    while True:
        p = rng.integers(1, 10, size=5) / 10
        if p.tolist() != _P_TOY and len(set(p.tolist())) >= 4:
            return {"p": [float(v) for v in p]}


declare("06.cost", Variant(
    defaults={"p": _P_TOY},
    draw=_draw_p,
    prose=lambda n: {f"p_toy = {_code(_P_TOY)}": f"p_toy = {_code(n['p'])}"},
    exercise=_cost_exercise,
))


# --- 06.safe_log_loss: J with exact 0s and 1s, clipped to [ε, 1 − ε] ---------------------------
_Y_EDGE, _P_EDGE = [1, 0, 1, 0], [1.0, 0.0, 0.0, 0.3]


def _edge_exercise(public, nums):
    y, p = np.array(nums["y"], dtype=float), np.array(nums["p"])
    right = _cost(y, np.clip(p, EPSILON, 1 - EPSILON))
    finite = [k for k in range(len(p)) if 0 < p[k] < 1 or p[k] == y[k]]
    return rebuilt(
        public, expected=lambda: right, hint=public.hint,
        mistakes=(
            (lambda: right * len(p), "that is the sum of the losses: J is their mean (1/n)."),
            (lambda: -right, "the sign is wrong: J = −(1/n) Σ [...] is positive."),
            (lambda: _cost(y, np.clip(p, 1e-7, 1 - 1e-7)), ("that is the cost clipped with ε = 1e-7: this exercise asks "
                                                          "for ε = 1e-15.")),
            (lambda: _cost(y[finite], np.clip(p[finite], EPSILON, 1 - EPSILON)),
             "you dropped the examples that gave ln 0: clip them instead, so they still count."),
            (lambda: _cost(_Y_EDGE, np.clip(_P_EDGE, EPSILON, 1 - EPSILON)), ("that is the cost of the self-study "
                                                                            "edition's predictions.")),
        ))


def _draw_edge(rng):
    while True:
        y = rng.integers(0, 2, size=4)
        p = np.array([float(pick(rng, [0.0, 1.0])) for _ in range(3)] + [float(pick(rng, [0.1, 0.2, 0.4, 0.6, 0.7, 0.8]))])
        wrong = np.sum(np.abs(p[:3] - y[:3]) == 1)
        if 1 <= wrong <= 2 and 0 < y.sum() < 4 and (y.tolist(), p.tolist()) != (_Y_EDGE, _P_EDGE):
            return {"y": [int(v) for v in y], "p": [float(v) for v in p]}


declare("06.safe_log_loss", Variant(
    defaults={"y": _Y_EDGE, "p": _P_EDGE},
    draw=_draw_edge,
    prose=lambda n: {f"y_edge = np.array([{', '.join(str(v) for v in _Y_EDGE)}])":
                     f"y_edge = np.array([{', '.join(str(v) for v in n['y'])}])",
                     f"p_edge = {_code(_P_EDGE)}": f"p_edge = {_code(n['p'])}"},
    exercise=_edge_exercise,
))


# --- 06.broadcast_shape: ŷ (n,) minus a column of the first k labels ---------------------------
def _broadcast_exercise(public, nums):
    k, n = nums["k"], len(_train()[1])
    return rebuilt(
        public, expected=lambda: (k, n),
        hint="numpy lines shapes up from the right: (n,) acts as (1, n) against a column (k, 1).",
        mistakes=(
            (lambda: (n, k), "a column (k, 1) keeps its rows: its k comes first, the (n,) vector's n last."),
            (lambda: (n, n), "y_col holds only the first labels, not all of them."),
            (lambda: (k, 1), "the (n,) vector stretches the column along a new axis: the result has two sizes."),
            (lambda: (n,), "a column minus a flat vector does not stay flat: both stretch."),
            (lambda: (k,), "a column minus a flat vector does not stay flat: both stretch."),
        ))


declare("06.broadcast_shape", Variant(
    defaults={"k": None},
    draw=lambda rng: {"k": int(rng.integers(3, 60))},
    prose=lambda n: {"`y_col = y_train.reshape(-1, 1)`": "`y_col = y_train.reshape(-1, 1)`" if n["k"] is None
                     else f"`y_col = y_train[:{n['k']}].reshape(-1, 1)`"},
    exercise=_broadcast_exercise,
))


# --- 06.gd_step: one step from 06.predictions' weights --------------------------------------------
def _step_exercise(public, nums):
    X, y = small()
    start = numbers("06.predictions")
    w, b, alpha = np.array(start["w"]), start["b"], nums["alpha"]
    dw, db = gradients(X, y, w, b)
    right = (w - alpha * dw, b - alpha * db)
    return rebuilt(
        public, expected=lambda: right, hint=public.hint,
        mistakes=(
            (lambda: (w + alpha * dw, b + alpha * db), "the step goes downhill: subtract α times the gradient."),
            (lambda: (w - alpha * dw, b), "b is a parameter too: update it with its own gradient."),
            (lambda: (-alpha * dw, -alpha * db), "that is the step alone; add it to the current (w, b)."),
            (lambda: (dw, db), "those are the gradients; the new parameters are (w − α dw, b − α db)."),
            (lambda: (w - dw, b - db), "the learning rate α is missing from the step."),
            (lambda: (w - 0.5 * dw, b - 0.5 * db), "that step used α = 0.5, the self-study edition's rate."),
        ))


declare("06.gd_step", Variant(
    defaults={"alpha": 0.5},
    draw=lambda rng: {"alpha": float(pick(rng, [0.1, 0.2, 0.25, 0.3, 0.8, 1.0]))},
    prose=lambda n: {r"step with $\alpha = 0.5$": rf"step with $\alpha = {num(n['alpha'])}$",
                     "w_start, b_start, alpha = w_small, b_small, 0.5":
                     f"w_start, b_start, alpha = w_small, b_small, {n['alpha']!r}"},
    exercise=_step_exercise,
))
