"""Classes of bad and edge inputs over every public helper (issue 27, security review §5-6).

``test_robustness_inputs.py`` replaces each data argument by the obvious bad values of its
family (a string, None, NaN, ...). This file reuses its recipes and adds the classes a fuzzing
review found still leaking - each applied to every argument of its family, so a new function
is covered by adding its recipe there:

- numbers too large for a float (``10**400``) and big but valid ones (``2**70``);
- masked arrays (numpy would silently compute with the hidden entries);
- object arrays of Python ints, bool and huge/tiny finite magnitudes;
- sizes and step budgets far beyond what a laptop or a 1 GB hub server can hold or run.

The rule is the one of ``test_robustness_inputs``: a result (with no numpy warning, and finite
numbers when the inputs were finite), a ``DivergenceWarning`` from a fit that overflowed, or a
``ValueError``/``TypeError`` raised by lecture_utils naming the argument - never an error from deep inside numpy or matplotlib, never a hang (each
call runs under a time limit), never a ``MemoryError``.
"""

import signal
import time
import traceback
import warnings
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
import test_robustness_inputs as base

from lecture_utils.logistic import DivergenceWarning

TIME_LIMIT = 60  # seconds: a hang, not a slow machine (the review's threshold was 20 s on an idle one)


@contextmanager
def time_limit(seconds=TIME_LIMIT):
    def stop(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _masked(v):
    a = np.ma.masked_array(np.asarray(v, dtype=float))
    a[np.unravel_index(0, a.shape)] = np.ma.masked
    return a


def _object_ints(v, big):
    a = np.empty(np.shape(v), dtype=object)
    a[...] = 1
    a.reshape(-1)[0] = big
    return a


CLASS_KINDS = {
    "real": {
        "int too big for a float": (lambda v: 10 ** 400, "error"),
        "big int that fits": (lambda v: 2 ** 70, "either"),
        "huge": (lambda v: 1e300, "either"),
        "tiny": (lambda v: 1e-300, "either"),
    },
    "count": {
        "int too big for a float": (lambda v: 10 ** 400, "either"),
        "huge": (lambda v: 10 ** 9, "either"),
    },
    "array": {
        "masked": (_masked, "error"),
        "object ints too big for a float": (lambda v: _object_ints(v, 10 ** 400), "error"),
        "object ints beyond int64": (lambda v: _object_ints(v, 2 ** 70), "either"),
        "bool": (lambda v: np.ones(np.shape(v), dtype=bool), "either"),
        "huge": (lambda v: np.full(np.shape(v), 1e300) * np.sign(np.arange(np.size(v)).reshape(np.shape(v)) - .5),
                 "either"),
        "tiny": (lambda v: np.full(np.shape(v), 1e-300), "either"),
    },
}

# (recipe id, argument, kind) accepted with a non-finite result, and why (numpy's own rule).
NON_FINITE_OK = {
    ("linalg.matmul_loops", "A", "huge"): "1e300 * 1e300 is inf in float64, as with @ (documented)",
    ("linalg.matmul_loops", "B", "huge"): "1e300 * 1e300 is inf in float64, as with @ (documented)",
}


def _cases():
    out = []
    for r in base.RECIPES:
        for arg, family in r.fuzz.items():
            for kind in CLASS_KINDS.get(family, {}):
                out.append(pytest.param(r, arg, family, kind, id=f"{r.id}-{arg}-{kind}"))
    return out


def _numbers(result):
    """The float arrays inside ``result`` (an array, a number, a record of them)."""
    if isinstance(result, (float, np.floating)):
        return [np.asarray(result)]
    if isinstance(result, np.ndarray) and result.dtype.kind == "f":
        return [result]
    if isinstance(result, tuple):
        return [a for item in result for a in _numbers(item)]
    return []


@pytest.mark.parametrize("recipe, arg, family, kind", _cases())
def test_edge_input_gives_a_result_or_a_clear_error(recipe, arg, family, kind):
    make, expect = CLASS_KINDS[family][kind]
    kwargs = recipe.args()
    value = make(kwargs[arg])
    kwargs[arg] = value
    start = time.perf_counter()
    try:
        with time_limit(), warnings.catch_warnings():
            warnings.simplefilter("error")
            result = recipe(**kwargs)
    except (ValueError, TypeError) as exc:
        base.recycle(kwargs)
        where = traceback.extract_tb(exc.__traceback__)[-1]
        assert base.raised_in_lecture_utils(exc), (
            f"{type(exc).__name__} raised in {Path(where.filename).name}:{where.lineno} ({where.name}), "
            f"not by lecture_utils: {exc}")
        assert base.names_argument(str(exc), recipe, arg, None, kwargs), (
            f"the message does not name {arg!r}: {type(exc).__name__}: {exc}")
        return
    except DivergenceWarning:
        return  # a diverging fit says so (and keeps its last finite parameters): reported, not hidden
    except Exception as exc:  # noqa: BLE001 - any other exception (MemoryError, OverflowError, a warning)
        where = traceback.extract_tb(exc.__traceback__)[-1]
        raise AssertionError(f"{type(exc).__name__} at {Path(where.filename).name}:{where.lineno}: {exc}") from None
    assert expect != "error", f"accepted silently (returned {type(result).__name__}) instead of a clear error"
    assert time.perf_counter() - start < TIME_LIMIT
    if (recipe.id, arg, kind) not in NON_FINITE_OK:
        for a in _numbers(result):
            assert np.all(np.isfinite(a)), f"finite inputs gave a non-finite result: {a}"


# --- the review's findings, one test each (security-review.md §5-6) ---------------------------
def test_numerical_gradient_is_right_when_f_edits_its_argument():
    from lecture_utils.calculus import numerical_gradient

    def f(x):
        x -= 1.0  # a student's in-place slip: every call must still see its own point
        return float(np.sum(x ** 2))

    x = np.array([3.0, 3.0, 3.0])
    np.testing.assert_allclose(numerical_gradient(f, x), [4.0, 4.0, 4.0], rtol=1e-6)
    assert x.tolist() == [3.0, 3.0, 3.0]


def test_logistic_regression_reports_an_overflow_as_divergence():
    from lecture_utils.logistic import DivergenceWarning, LogisticRegression

    X = np.array([[0.0, 1], [1, 0], [2, 1], [3, 0.5]]) * 1e200
    with pytest.warns(DivergenceWarning, match=r"diverged.*Standardise X"):
        model = LogisticRegression(max_steps=50).fit(X, [0, 0, 1, 1])
    assert model.diverged_ and not model.converged_
    assert np.all(np.isfinite(model.w_)) and np.isfinite(model.b_)
    assert np.all(np.isfinite(model.cost_history_)) and model.n_steps_ == len(model.cost_history_) - 1
    assert "diverged after" in repr(model)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fine = LogisticRegression(max_steps=50).fit(X / 1e200, [0, 0, 1, 1])
    assert not fine.diverged_ and "diverged" not in repr(fine)


def test_logistic_cost_is_exact_for_infinite_logits_or_says_it_overflowed():
    from lecture_utils._validation import FloatOverflowError
    from lecture_utils.logistic import cost, gradients

    X = np.array([[0.0, 1], [1, 0], [2, 1], [3, 0.5]]) * 1e200
    with pytest.raises(FloatOverflowError, match="the cost J overflowed"):
        cost(X, [0, 0, 1, 1], [1e200, 0.0], 0.0)  # the true cost is about 1e400: no float holds it
    # z = +inf on class-1 rows only: those cost exactly 0, the others ln 2 - a finite, exact answer
    assert cost(X, [0, 1, 1, 1], [1e200, 0.0], 0.0) == pytest.approx(np.log(2) / 4)
    dw, db = gradients(X, [0, 0, 1, 1], [1e200, 0.0], 0.0)
    assert np.all(np.isfinite(dw)) and np.isfinite(db)
    with pytest.raises(FloatOverflowError, match="inf - inf"):
        cost(np.array([[1e200, -1e200]]), [1], [1e200, 1e200], 0.0)


@pytest.mark.parametrize("make, message", [
    (lambda V: V(1e300) ** 2, r"'\*\* 2' on \[1e\+300\] leaves the range of a float"),
    (lambda V: V(2.0) ** 1e10, "leaves the range of a float"),
    (lambda V: V(1e-300) ** -2, "leaves the range of a float"),
    (lambda V: 10 ** V(400.0), "leaves the range of a float"),
    (lambda V: V(3.0) / V(1e-200), r"the derivative of '/' .* is too large for a float"),
    (lambda V: V(2.0) ** 10 ** 400, "the exponent must fit in a float"),
    (lambda V: V(10 ** 400), "data must fit in a float"),
    (lambda V: V(1.0) + 10 ** 400, "must fit in a float"),
])
def test_value_arithmetic_out_of_float_range_is_a_clear_error(make, message):
    from lecture_utils.calculus import Value

    with pytest.raises(ValueError, match=message):
        make(Value)


def test_backward_never_returns_infinite_or_nan_gradients():
    from lecture_utils._validation import FloatOverflowError
    from lecture_utils.calculus import Value

    x = Value(1e-160, "x")
    with pytest.raises(FloatOverflowError):
        ((1 / x) * 0).backward()
    chain = Value(1e-300, "x")
    for _ in range(3):
        chain = chain * 1e200  # values stay finite (up to 1e300), but d chain / dx = 1e600
    with pytest.raises(FloatOverflowError, match="backward"):
        chain.backward()


@pytest.mark.parametrize("p", [1e-5, 1e-300, 0.5, 0.999999])
def test_lp_norm_below_one_explains_itself_for_any_p(p):
    from lecture_utils.linalg import lp_norm

    with pytest.raises(ValueError, match=r"does not give a norm.*2\^\(1/"):
        lp_norm([3.0, 4.0], p)


def test_is_symmetric_compares_integers_exactly():
    from lecture_utils.linalg import is_symmetric

    assert not is_symmetric(np.array([[0, 2 ** 62], [2 ** 62 + 3, 0]]), atol=1.5)
    assert is_symmetric(np.array([[0, 2 ** 62], [2 ** 62 + 1, 0]]), atol=1.5)
    assert not is_symmetric(np.array([[0, np.iinfo(np.int64).max], [np.iinfo(np.int64).min, 0]]), atol=10)
    assert is_symmetric(np.array([[1, 2], [2, 1]], dtype=np.uint8), atol=0)


def test_big_ints_that_fit_a_float_are_numbers_and_the_others_say_so():
    from lecture_utils.linalg import lp_norm
    from lecture_utils.optim import gradient_descent

    run = gradient_descent(lambda x: 2 * x, 2 ** 70, 0.1, max_steps=3)
    assert run.x == pytest.approx(2.0 ** 70 * 0.8 ** 3)
    assert lp_norm([2 ** 70, 0], 2) == pytest.approx(2.0 ** 70)
    with pytest.raises(ValueError, match=r"^x must fit in a float .* 401 digits"):
        lp_norm([10 ** 400, 1], 2)


def _module(name):
    import importlib

    return importlib.import_module(f"lecture_utils.{name}")


@pytest.mark.parametrize("call, message", [
    (lambda: _module("optim").gradient_descent(lambda x: 2 * x, 1.0, 0.1, max_steps=10 ** 9),
     "max_steps must be at most 1,000,000"),
    (lambda: _module("optim").gradient_descent(lambda x: 2 * x, np.zeros(2000), 0.1, max_steps=10 ** 5, tol=0),
     "MAX_ENTRIES"),
    (lambda: _module("logistic").LogisticRegression(max_steps=10 ** 9).fit([[1.0], [2]], [0, 1]),
     "max_steps must be at most"),
    (lambda: _module("logistic").LogisticRegression(max_steps=10 ** 6).fit(np.ones((2, 30)), [0, 1], keep_path=True),
     "keep_path=False"),
    (lambda: _module("network").make_moons(n=10 ** 9), "lower n"),
    (lambda: _module("network").init_params(10 ** 5, 10 ** 5), "n_inputs or n_hidden"),
    (lambda: _module("network").MLPClassifier(hidden=10 ** 9).fit([[1.0], [2]], [0, 1]), "lower hidden"),
    (lambda: _module("network").MLPClassifier(max_steps=10 ** 9).fit([[1.0], [2]], [0, 1]),
     "max_steps must be at most"),
])
def test_sizes_beyond_the_machine_are_refused_up_front_naming_the_limit(call, message):
    with time_limit(5), pytest.raises(ValueError, match=message):
        call()


def test_masked_arrays_are_refused_not_silently_unmasked():
    from lecture_utils import calculus, linalg, logistic, optim

    m = np.ma.masked_array([3.0, 4.0, 5.0], mask=[0, 0, 1])
    for call in (lambda: linalg.lp_norm(m, 2), lambda: linalg.transpose_loops(m), lambda: logistic.sigmoid(m),
                 lambda: calculus.numerical_gradient(lambda v: float(np.sum(v)), m),
                 lambda: optim.gradient_descent(lambda v: 2 * v, m, 0.1)):
        with pytest.raises(TypeError, match=r"is a masked array.*compressed\(\)"):
            call()


def test_standardize_handles_huge_values_and_keeps_constant_columns_in_their_units():
    from lecture_utils.data import standardize

    X = np.array([[1.0, 5.0], [3.0, 5.0], [1e308, 5.0]])
    A, B = standardize(X, np.array([[1e308, 7.0]]))
    assert np.all(np.isfinite(A)) and A[:, 0] == pytest.approx([-0.70710678, -0.70710678, 1.41421356])
    assert A[:, 1].tolist() == [0.0, 0.0, 0.0] and B[0, 1] == 2.0
    rng = np.random.default_rng(1)
    Y = rng.normal(size=(20, 3)) * 7 + 2
    np.testing.assert_allclose(standardize(Y, Y)[0], (Y - Y.mean(0)) / Y.std(0), atol=1e-12)


def test_data_files_unreadable_or_oversized_give_a_data_file_error(tmp_path, monkeypatch):
    import os

    from lecture_utils import data

    monkeypatch.setenv("LECTURE_UTILS_DATA", str(tmp_path))
    big = tmp_path / "digits.csv"
    with open(big, "wb") as fh:
        fh.truncate(data.MAX_FILE_BYTES + 1)  # sparse: no disk used
    with pytest.raises(data.DataFileError, match="MAX_FILE_BYTES"):
        data.data_path("digits.csv")
    big.write_bytes(b"x")
    big.chmod(0)
    if os.access(big, os.R_OK):  # root reads anything: make the read itself fail as it would for a student
        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr("builtins.open", refuse)
    with pytest.raises(data.DataFileError, match=r"cannot be read \(PermissionError: Permission denied\)"):
        data.data_path("digits.csv")
    monkeypatch.undo()
    with pytest.raises(TypeError, match="name must be the file name as a string"):
        data.data_path(["digits.csv"])


@pytest.fixture
def axes1():
    from lecture_utils import plots

    return plots.new_figure((3, 2), 50, nrows=1, ncols=1)[1]


def _value(x=1.0):
    return _module("calculus").Value(x)


@pytest.mark.parametrize("call, error, message", [
    (lambda a, p: p.plot_sigmoid(None), TypeError, r"^ax must be a matplotlib Axes"),
    (lambda a, p: p.show_matrix("axes", [[1]]), TypeError, r"^ax must be a matplotlib Axes"),
    (lambda a, p: p.show_matrix(a, [[1.0]], fmt="{:q}"), ValueError, r"^fmt must be a format string"),
    (lambda a, p: p.show_matrix(a, [[1.0]], fmt=3), TypeError, r"^fmt must be a format string"),
    (lambda a, p: p.show_matrix(a, [[1.0]], vmin=2, vmax=1), ValueError, r"^vmin must be at most vmax"),
    (lambda a, p: p.show_matrix(a, np.zeros((300, 300))), ValueError, "annotate=False"),
    (lambda a, p: p.show_channels(a, np.zeros((2, 2, 3))), TypeError, r"^axes must be a list of 3"),
    (lambda a, p: p.plot_contours(a, lambda q: np.zeros(np.shape(q)[:-1]), n=20), ValueError, "no contours"),
    (lambda a, p: p.plot_contours(a, lambda q: np.full(np.shape(q)[:-1], np.nan), n=20), ValueError, "no contours"),
    (lambda a, p: p.plot_contours(a, lambda q: q[..., 0], n=20000), ValueError, "n must be at most 1,000"),
    (lambda a, p: p.plot_gradient_arrows(a, lambda q: q, n=10 ** 5), ValueError, "n must be at most 60"),
    (lambda a, p: p.plot_matmul(a, np.eye(2), np.eye(2), entry=(0,)), ValueError, r"^entry must be a pair"),
    (lambda a, p: p.plot_matmul(a, np.eye(2), np.eye(2), entry=(5, 5)), ValueError, "outside the matrix"),
    (lambda a, p: p.plot_transpose(a, np.eye(2), entry=(-1, 0)), ValueError, r"entry\[0\] must be at least 0"),
    (lambda a, p: p.draw_matrix(a, np.eye(2), colors=["r"]), TypeError, r"^colors must be a dict"),
    (lambda a, p: p.draw_matrix(a, np.eye(2), colors={(2, 0): "r"}), ValueError, "outside the matrix"),
    (lambda a, p: p.draw_matrix(a, np.zeros((200, 200))), ValueError, "draw_matrix would draw 40,000"),
    (lambda a, p: p.draw_neuron(a, 10 ** 5), ValueError, "n_inputs must be at most 12"),
    (lambda a, p: p.node_text(_value(), grad="bogus"), TypeError, r"^grad must be a real number"),
    (lambda a, p: p.plot_sigmoid_fit(a, [0.0, 1.0], [0, 1], 1.0, 0.0, jitter=-1), ValueError, r"^jitter must be >= 0"),
    (lambda a, p: p.plot_cost_by_step(a, [1.0, 0.5], bogus=1), TypeError, r"^line_kw"),
    (lambda a, p: p.plot_secant(a, np.sin, 1.0, 0.5, n=10 ** 8), ValueError, "n must be at most 100,000"),
    (lambda a, p: p.unit_ball_boundary(2, n=10 ** 9), ValueError, "n must be at most 100,000"),
    (lambda a, p: p.plot_probability_map(a, np.eye(2), [0, 1], resolution=10 ** 5), ValueError,
     "resolution must be at most 1,000"),
    (lambda a, p: p.plot_vector_norms(a, [1e308, 1e308]), ValueError, "at most 1e150"),
    (lambda a, p: p.new_figure(figsize=(1e6, 1e6)), ValueError, "MAX_PIXELS"),
    (lambda a, p: p.new_figure(dpi=1e5), ValueError, "lower figsize"),
])
def test_plot_arguments_are_checked_by_lecture_utils(axes1, call, error, message):
    from lecture_utils import plots

    with time_limit(10), pytest.raises(error, match=message) as info:
        call(axes1, plots)
    assert base.raised_in_lecture_utils(info.value)


def test_draw_graph_refuses_graphs_too_big_to_draw(axes1):
    from lecture_utils import plots

    v = _value()
    for _ in range(100):
        v = v * 1.001
    with time_limit(5), pytest.raises(ValueError, match="draw_graph would draw 201 items"):
        plots.draw_graph(axes1, v)


@pytest.mark.parametrize("axis, error", [(5, ValueError), ("rows", TypeError), (0.5, TypeError), (True, TypeError)])
def test_lp_formula_axis_is_checked(axis, error):
    from lecture_utils.linalg import lp_formula

    with pytest.raises(error, match=r"^axis must be"):
        lp_formula(np.ones((2, 2)), 2, axis=axis)
    np.testing.assert_allclose(lp_formula(np.ones((2, 3)), 2, axis=-1), [np.sqrt(3)] * 2)


@pytest.mark.parametrize("make, message", [
    (lambda W: W._browser.BrowserExplorer(None), r"^controls must be a dict"),
    (lambda W: W.DecisionBoundaryExplorer(max_steps=10 ** 7), "MAX_EXPLORER_STEPS"),
    (lambda W: W.HiddenLayerExplorer(max_steps=10 ** 9), "MAX_EXPLORER_STEPS"),
    (lambda W: W.InitializationExplorer(max_steps=10 ** 9), "MAX_EXPLORER_STEPS"),
    (lambda W: W.InitializationExplorer(hidden=10 ** 4), "hidden must be at most 64"),
    (lambda W: W.LineExplorer(w=10 ** 400), "w must fit in a float"),
])
def test_explorer_settings_beyond_their_limits_are_refused_quickly(make, message):
    from lecture_utils import widgets

    with time_limit(10), pytest.raises((ValueError, TypeError), match=message):
        make(widgets)


def test_unhashable_names_are_clear_errors():
    from lecture_utils import optim

    with pytest.raises(ValueError, match=r"unknown surface \['round bowl'\]"):
        optim.get_surface(["round bowl"])


def test_logistic_fits_on_any_finite_data_end_finite_or_say_they_diverged():
    """The review's Hypothesis pass: 21 of 300 fits on entries up to 1e300 ended in inf or NaN silently."""
    from lecture_utils.logistic import LogisticRegression

    rng = np.random.default_rng(27)
    for _ in range(60):
        n, m = rng.integers(2, 6), rng.integers(1, 4)
        X = rng.normal(size=(n, m)) * 10.0 ** rng.integers(-300, 301, size=(n, m))
        y = np.r_[0, 1, rng.integers(0, 2, n - 2)]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            model = LogisticRegression(max_steps=30).fit(X, y)
        assert np.all(np.isfinite(model.w_)) and np.isfinite(model.b_) and np.all(np.isfinite(model.cost_history_))
        assert [type(w.message) for w in caught] == ([DivergenceWarning] if model.diverged_ else [])


def test_masked_points_of_a_users_function_are_left_out_of_the_contours():
    from lecture_utils import plots

    def f(p):
        z = np.sum(np.asarray(p) ** 2, axis=-1)
        return np.ma.masked_greater(z, 4.0)  # hide the corners

    ax = plots.new_figure((3, 2), 50, nrows=1, ncols=1)[1]
    drawn = plots.plot_contours(ax, f, xlim=(-3, 3), ylim=(-3, 3), n=20)
    levels = np.asarray(drawn.lines.levels)
    # The masked values (up to 18) must not reach the levels, which follow the shown values (<= 4).
    assert levels.max() <= 4.0 + 1e-9
