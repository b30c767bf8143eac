"""Training: ``LogisticRegression.fit`` with notebook 06's settings, one step against its floor, loops vs numpy.

Notebook 06 trains with the defaults of ``LogisticRegression`` and ``train_test_split``
(learning rate 0.1, at most 1000 steps, tol 1e-6; a 25 % test split, seed 0), so that is what
is timed here; nothing is read from or run out of the notebook.
"""

import math
import timeit

import numpy as np
from report import TARGETS

SECTION = "training"


def best_per_call(fn, number, repeat=7):
    """Seconds per call of ``fn``: the best of ``repeat`` runs of ``number`` calls."""
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def lecture_loop_gradients(X, y, w, b):
    """The lecture's version: for every example i and every feature j, accumulate dL/dw_j."""
    n, m = X.shape
    dw = [0.0] * m
    db = 0.0
    for i in range(n):
        z = b
        for j in range(m):
            z += X[i, j] * w[j]
        y_hat = 1 / (1 + math.exp(-z))
        dz = y_hat - y[i]  # dL/dz for example i
        for j in range(m):
            dw[j] += X[i, j] * dz
        db += dz
    return [d / n for d in dw], db / n


def bare_steps(X, y, steps=400, with_cost=False):
    """What a step could cost: z once, sigmoid as 0.5(1 + tanh(z/2)), no validation (optionally J)."""
    n, m = X.shape
    w, b = np.zeros(m), 0.0
    z = X @ w + b
    for _ in range(steps):
        err = 0.5 * (1.0 + np.tanh(0.5 * z)) - y
        w = w - 0.1 * (X.T @ err) / n
        b = b - 0.1 * err.sum() / n
        z = X @ w + b
        if with_cost:
            float(np.mean(np.logaddexp(0.0, z) - y * z))
    return w, b


def bench_training(rep):
    from lecture_utils import data, logistic

    sec = SECTION
    with rep.measure(sec, "LogisticRegression.fit") as fitted:
        X, y, _ = data.load_breast_cancer()
        X_tr, X_te, y_tr, y_te = data.train_test_split(X, y)
        X_tr, X_te = data.standardize(X_tr, X_te)
        model = logistic.LogisticRegression()
        model.fit(X_tr, y_tr)  # warm-up
        fit_s = best_per_call(lambda: model.fit(X_tr, y_tr), number=1, repeat=5)
        rep.add(sec, "LogisticRegression.fit (breast cancer, std.)", fit_s * 1000, "ms",
                note=f"{model!r} (notebook 06's settings); {model.n_steps_} steps, "
                     f"test accuracy {model.score(X_te, y_te):.3f}; X_train {X_tr.shape}")
    if not fitted.ok:
        return
    n, m = X_tr.shape
    y_f = np.asarray(y_tr, float)
    rng = np.random.default_rng(0)
    w, r = rng.normal(scale=0.1, size=m), rng.normal(size=n)
    floor = best_per_call(lambda: (X_tr @ w, X_tr.T @ r), number=2000, repeat=9)
    rep.add(sec, "floor: X @ w + X.T @ r", floor * 1e6, "us", note=f"X {X_tr.shape}, best of 7x2000")

    with rep.measure(sec, "one step inside fit / floor"):  # tol=0: fit takes exactly max_steps steps
        steps = 1000
        timer = logistic.LogisticRegression(tol=0.0, max_steps=steps)
        per_step = best_per_call(lambda: timer.fit(X_tr, y_tr), number=1, repeat=7) / steps
        rep.add(sec, "one step inside fit / floor", per_step / floor, "x", TARGETS["step_ratio"], "<=",
                note=f"{per_step * 1e6:.1f} us per step ({steps} steps incl. the exact J of each, best of 7)")

    for with_cost in (False, True):
        label = "reference: bare NumPy step" + (" + cost J" if with_cost else "")
        with rep.measure(sec, label):
            per = best_per_call(lambda c=with_cost: bare_steps(X_tr, y_f, 400, c), number=1, repeat=5) / 400
            rep.add(sec, f"{label} / floor", per / floor, "x",
                    note=f"{per * 1e6:.1f} us per step (benchmarks' own loop: what fit could reach)")

    with rep.measure(sec, "one step via logistic.gradients / floor"):  # as a notebook's own loop would
        def step():
            dw, db = logistic.gradients(X_tr, y_tr, w, 0.0)
            return w - 0.1 * dw, -0.1 * db

        per = best_per_call(step, number=500)
        rep.add(sec, "one step via logistic.gradients / floor", per / floor, "x",
                note=f"{per * 1e6:.1f} us per step: the public helper checks X, y, w, b on every call "
                     "(no target: fit checks once, then uses the kernel below)")

    with rep.measure(sec, "one step via the unchecked gradient kernel / floor"):
        from lecture_utils._logistic_train import gradient_kernel

        def kernel_step():
            dw, db = gradient_kernel(X_tr, y_f, w, 0.0, 0.0)
            return w - 0.1 * dw, -0.1 * db

        per = best_per_call(kernel_step, number=500)
        rep.add(sec, "one step via the unchecked gradient kernel / floor", per / floor, "x", TARGETS["step_ratio"],
                "<=", note=f"{per * 1e6:.1f} us per step (what logistic.gradients runs after its checks)")

    with rep.measure(sec, "gradient: logistic.gradients vs loops"):
        dw_l, db_l = lecture_loop_gradients(X_tr, y_tr, w, 0.1)
        dw_v, db_v = logistic.gradients(X_tr, y_tr, w, 0.1)
        if not (np.allclose(dw_l, dw_v, rtol=1e-9, atol=1e-12) and math.isclose(db_l, db_v, rel_tol=1e-9,
                                                                                  abs_tol=1e-12)):
            raise AssertionError("loop and vectorised gradients disagree")
        vec = best_per_call(lambda: logistic.gradients(X_tr, y_tr, w, 0.1), number=500)
        loop = best_per_call(lambda: lecture_loop_gradients(X_tr, y_tr, w, 0.1), number=1, repeat=3)
        rep.add(sec, "gradient: logistic.gradients vs loops", loop / vec, "x", TARGETS["loop_speedup"], ">=",
                note=f"loops over i, j {loop * 1000:.1f} ms, vectorised {vec * 1e6:.1f} us; results agree")
