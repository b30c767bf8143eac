"""The classic slips of a gradient-descent training loop, replayed on the exercise's own data.

A training-loop exercise describes its loop once, as a *setup*: ``setup(*case_args)`` returns
``(grad, start, learning_rate, steps, n)`` where ``grad(*params)`` gives the gradient of the
mean cost at ``params`` (one array or number per parameter). :func:`loop_slips` then re-runs
that loop with each classic slip switched on - the 1/n missing or applied twice (in every
gradient or in one), a parameter (or every bias, every weight) never updated or updated without
the learning rate, the step's sign, the gradient taken once before the loop, the start or the
gradients returned - and names the slip whose numbers the student's result reproduces. Nothing is listed per
exercise: a new training loop gets every slip by giving its setup and its parameters' names.

The leading underscore keeps this module out of the exercise discovery (it registers nothing).
"""
import numpy as np

from ._common import remembered


def descend(grad, start, learning_rate, steps, *, scale=1.0, sign=-1.0, frozen=(), no_rate=(), once=False):
    """Gradient descent from ``start``, with slips as switches (the defaults: no slip).

    Parameters
    ----------
    grad : callable
        ``grad(*params)`` -> one gradient per parameter.
    start : sequence
        The starting parameters (arrays or numbers); not changed.
    learning_rate : float
    steps : int
    scale : float or dict
        Multiplies every gradient (``n``: the 1/n left out; ``1/n``: divided by n twice), or
        ``{position: factor}`` for the gradients of some parameters only.
    sign : float
        -1 descends; +1 is the climbing slip.
    frozen : set of int
        Parameters (by position) never updated.
    no_rate : set of int
        Parameters updated by their gradient alone, without the learning rate.
    once : bool
        The gradient taken once, at the start, and reused in every step.

    Returns
    -------
    list
        The parameters after ``steps`` steps (numbers stay numbers).
    """
    params = [np.array(p, dtype=float) for p in start]
    factors = scale if isinstance(scale, dict) else dict.fromkeys(range(len(params)), scale)
    with np.errstate(all="ignore"):
        first = grad(*params) if once else None
        for _ in range(steps):
            grads = first if once else grad(*params)
            params = [p if i in frozen else
                      p + sign * (1.0 if i in no_rate else learning_rate) * factors.get(i, 1.0) * np.asarray(g)
                      for i, (p, g) in enumerate(zip(params, grads))]
    return [float(p) if np.ndim(s) == 0 else p for p, s in zip(params, start)]


def _classic(names):
    """``(flags, message)`` for each classic slip of a loop over parameters ``names``."""
    both = ", ".join(f"{p} := {p} − α d{p}" for p in names)
    slips = [
        ({"scale": "n"}, ("the 1/n is missing: J is a mean over the n examples, so every gradient carries a 1/n "
                        "(dw = Xᵀ(ŷ − y)/n); without it every step is n times too large.")),
        ({"scale": "1/n"}, ("you divided by n twice: the gradient of the mean already carries the 1/n "
                              "(`gradients`/`backward` return it); dividing again makes every step n times too small.")),
        ({"sign": 1.0}, f"the update climbs: gradient descent subtracts the gradient, {both}."),
        ({"no_rate": set(range(len(names)))},
         f"the learning rate is missing from the updates: {both}, with α = learning_rate."),
    ]
    for i, p in enumerate(names):
        slips.append(({"frozen": {i}}, f"{p} never changes: update it too, {p} := {p} − α d{p}."))
        slips.append(({"no_rate": {i}},
                      f"{p} was updated without the learning rate: {p} := {p} − α d{p}, not {p} − d{p}."))
    if len(names) > 1:
        for i, p in enumerate(names):
            slips.append(({"scale": {i: "n"}}, (f"d{p} misses the 1/n (the other gradients have it): J is a mean, "
                                               f"so d{p} is a mean over the n examples too.")))
            slips.append(({"scale": {i: "1/n"}}, (f"d{p} was divided by n twice (the mean already carries the 1/n): "
                                                 f"its steps are n times too small.")))
        for kind, group in _groups(names):
            listed = ", ".join(names[i] for i in group)
            slips.append(({"frozen": group}, f"the {kind} ({listed}) never change: update them too, θ := θ − α dθ."))
            slips.append(({"no_rate": group},
                          f"the {kind} ({listed}) were updated without the learning rate: θ := θ − α dθ, not θ − dθ."))
        slips.append(({"once": True},
                      ("the gradient was computed once, before the loop, and reused: recompute it from the current "
                       "parameters in every step (the forward and backward pass go inside the loop).")))
        slips.append(({"frozen": set(range(len(names)))},
                      ("that is the start, unchanged: the loop never updated the parameters (were the "
                       "updates made to copies, or is the loop's range empty?).")))
    return slips


def _groups(names):
    """Parameters that share a role, by their first letter: the biases (b...), the weights (w/W...)."""
    kinds = {"b": "biases", "w": "weights"}
    out = []
    for letter, kind in kinds.items():
        group = {i for i, p in enumerate(names) if p[:1].lower() == letter}
        if 1 < len(group) < len(names):
            out.append((kind, group))
    return out


def loop_slips(setup, names, same):
    """Mistake pairs for a training-loop exercise: each classic slip, replayed.

    Parameters
    ----------
    setup : callable
        ``setup(*case_args)`` -> ``(grad, start, learning_rate, steps, n)``.
    names : sequence of str
        The parameters' names in the order the student returns them ("w", "b").
    same : callable
        ``same(result, want)``: whether the student's result matches ``want`` (a list).

    Returns
    -------
    tuple of (predicate, message)
        For ``Exercise(mistakes=...)``; a slip that gives the right numbers on a case never fires.
    """
    def pair(flags, message):
        def replay(args):
            grad, start, learning_rate, steps, n = setup(*args)
            factor = {"n": float(n), "1/n": 1.0 / n}
            wanted = flags.get("scale")
            scale = ({i: factor[f] for i, f in wanted.items()} if isinstance(wanted, dict)
                     else factor.get(wanted, 1.0))
            return descend(grad, start, learning_rate, steps, **{**flags, "scale": scale})

        def predicate(result, args):
            wrong = remembered(predicate, args, lambda: replay(args))
            return not same(wrong, right_loop(args)) and same(result, wrong)
        return predicate, message

    def right_loop(args):
        def run():
            grad, start, learning_rate, steps, _n = setup(*args)
            return descend(grad, start, learning_rate, steps)
        return remembered(right_loop, args, run)

    def gradients_returned(result, args):
        grad, start, learning_rate, steps, _n = setup(*args)
        last = remembered(gradients_returned, args, lambda: descend(grad, start, learning_rate, max(steps - 1, 0)))
        with np.errstate(all="ignore"):
            candidates = [list(grad(*start)), list(grad(*last)), list(grad(*right_loop(args)))]
        return any(same(result, c) for c in candidates)

    returned = (gradients_returned, ("those are the gradients, not the parameters: return the parameters after the last "
                                     f"step, ({', '.join(names)})."))
    return tuple(pair(flags, message) for flags, message in _classic(names)) + (returned,)
