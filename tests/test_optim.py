"""lecture_utils.optim.gradient_descent, the surfaces, and the drawings of notebook 05."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples

from lecture_utils import optim, plots
from lecture_utils.optim import gradient_descent
from lecture_utils.plots.style import new_figure


def _fd_grad(f, p, h=1e-6):
    """Central differences, written here so the surfaces' gradients are checked independently."""
    p = np.asarray(p, dtype=float)
    g = np.zeros_like(p)
    for i in range(p.size):
        e = np.zeros_like(p)
        e.flat[i] = h
        g.flat[i] = (f(p + e) - f(p - e)) / (2 * h)
    return g


# --- convergence --------------------------------------------------------------------------


def test_scalar_parameter_converges_to_known_minimiser():
    res = gradient_descent(lambda w: 2 * (w - 3.0), 0.0, 0.1, f=lambda w: (w - 3.0) ** 2 + 1)
    assert res.converged and not res.diverged
    assert isinstance(res.x, float)
    assert res.x == pytest.approx(3.0, abs=1e-5)
    assert res.path.shape == (res.steps + 1,)
    assert res.values.shape == (res.steps + 1,)
    assert res.values[-1] == pytest.approx(1.0, abs=1e-9)
    assert res.status.startswith(f"Converged after {res.steps} steps")


def test_vector_parameter_path_shape_and_values():
    x0 = np.array([3.0, -4.0])
    f = lambda x: float(x @ x)
    res = gradient_descent(lambda x: 2 * x, x0, 0.1, f=f)
    assert res.path.shape == (res.steps + 1, 2)
    np.testing.assert_array_equal(res.path[0], x0)
    np.testing.assert_allclose(res.values, [f(p) for p in res.path])
    np.testing.assert_allclose(res.x, [0, 0], atol=1e-5)
    # each step is x_{k+1} = x_k - 0.1 * 2 x_k = 0.8 x_k
    np.testing.assert_allclose(res.path[1:], 0.8 * res.path[:-1])


def test_matrix_parameter():
    B = np.arange(6.0).reshape(2, 3)
    A0 = np.zeros((2, 3))
    # J(A) = ||A - B||_F^2 has gradient 2 (A - B) and its minimum at A = B.
    res = gradient_descent(lambda A: 2 * (A - B), A0, 0.25, f=lambda A: np.sum((A - B) ** 2))
    assert res.converged
    assert res.path.shape == (res.steps + 1, 2, 3)
    np.testing.assert_allclose(res.x, B, atol=1e-6)
    assert res.x.shape == (2, 3)


@settings(max_examples=examples(40), deadline=None)
@given(
    eig=st.lists(st.floats(0.5, 5.0), min_size=2, max_size=3),
    angle=st.floats(0, math.pi),
    b=st.lists(st.floats(-5, 5), min_size=3, max_size=3),
)
def test_quadratic_converges_to_solution_of_linear_system(eig, angle, b):
    d = len(eig)
    c, s = math.cos(angle), math.sin(angle)
    R = np.eye(d)
    R[:2, :2] = [[c, -s], [s, c]]
    Q = R @ np.diag(eig) @ R.T
    bv = np.array(b[:d])
    # J(x) = 1/2 x^T Q x - b^T x; minimiser solves Q x = b. Step 1/L (L = largest eigenvalue) converges.
    res = gradient_descent(lambda x: Q @ x - bv, np.zeros(d), 1.0 / max(eig), max_steps=20000, tol=1e-10)
    assert res.converged
    np.testing.assert_allclose(res.x, np.linalg.solve(Q, bv), atol=1e-7)


@settings(max_examples=examples(40), deadline=None)
@given(a=st.floats(0.1, 10.0), factor=st.floats(1.05, 20.0), x0=st.floats(0.5, 100.0))
def test_too_large_learning_rate_diverges_without_warnings(a, factor, x0):
    # J(w) = a w^2: each step multiplies w by (1 - 2 a lr); lr > 1/a makes |1 - 2 a lr| > 1.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = gradient_descent(lambda w: 2 * a * w, x0, factor / a, max_steps=100000, f=lambda w: a * w * w)
    assert res.diverged and not res.converged
    assert np.all(np.isfinite(res.path)) and np.all(np.isfinite(res.values))
    assert res.status.startswith("Diverged after")
    assert "too large" in res.status


@settings(max_examples=examples(30), deadline=None)
@given(a=st.floats(0.1, 10.0), factor=st.floats(0.05, 0.95), x0=st.floats(-100.0, 100.0))
def test_small_enough_learning_rate_converges(a, factor, x0):
    res = gradient_descent(lambda w: 2 * a * w, x0, factor / a, max_steps=100000)
    assert res.converged and not res.diverged
    assert abs(res.x) < 1e-5 / (2 * a * factor / a) + 1e-9


def test_divergence_from_overflowing_functions_is_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # exp overflows numpy floats: inf gradient, then stop.
        r1 = gradient_descent(lambda x: -np.exp(x), 700.0, 10.0, f=lambda x: -np.exp(x))
        # math.exp raises OverflowError instead of returning inf.
        r2 = gradient_descent(lambda x: -math.exp(x), 700.0, 1.0)
        # a cost that overflows while the iterate is still modest
        r3 = gradient_descent(lambda x: 2 * x, np.array([10.0]), 1.5, f=lambda x: np.exp(x[0] ** 2))
        # a gradient returning NaN
        r4 = gradient_descent(lambda x: np.full(2, np.nan), np.ones(2), 0.1)
    for r in (r1, r2, r3, r4):
        assert r.diverged and not r.converged, r.status
        assert np.all(np.isfinite(r.path))
    assert "infinite or NaN" in r4.status
    assert r4.steps == 0 and r4.status.startswith("Stopped before the first step")


@pytest.mark.parametrize("x0", [np.array([1e200, 1e200]), np.array(1e308), np.full((3, 3), 1e155),
                                np.array([-1.7e308, 1.7e308])])
def test_huge_start_points_never_warn(x0):
    # norms of such points overflow a plain sqrt(x . x); the status still reads sensibly
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for f in (None, lambda x: float(np.sum(np.square(x)))):
            res = gradient_descent(lambda x: 2 * x, x0, 0.1, max_steps=20, f=f)
            assert np.all(np.isfinite(res.path))
            if f is not None:
                assert res.diverged and "cost f(x0) is inf" in res.status


# --- stopping rule, inputs untouched ---------------------------------------------------------


def test_stops_when_the_step_falls_under_tol():
    tol = 1e-4
    res = gradient_descent(lambda x: 2 * x, np.array([1.0, 1.0]), 0.1, tol=tol)
    moves = np.linalg.norm(np.diff(res.path, axis=0), axis=1)
    assert moves[-1] < tol <= moves[-2]
    assert res.last_change == pytest.approx(moves[-1])


def test_max_steps_reached_is_still_moving():
    res = gradient_descent(lambda x: 2 * x, 5.0, 0.001, max_steps=7, f=lambda x: x * x)
    assert res.steps == 7 and res.path.shape == (8,)
    assert not res.converged and not res.diverged
    assert res.status.startswith("Still moving after 7 steps")


def test_zero_steps():
    res = gradient_descent(lambda x: 2 * x, np.ones(3), 0.1, max_steps=0)
    assert res.steps == 0 and res.path.shape == (1, 3)
    assert not res.converged and not res.diverged and res.values is None
    assert "No steps" in res.status


def test_bouncing_forever_is_reported():
    res = gradient_descent(lambda x: 2 * x, 1.0, 1.0, max_steps=10, f=lambda x: x * x)
    np.testing.assert_allclose(res.path, [(-1.0) ** k for k in range(11)])
    assert not res.converged and not res.diverged
    assert res.status.startswith("Stuck after 10 steps") and "too large" in res.status
    assert res.summary().bad_news and res.summary().text.startswith("stuck")


def test_x0_is_never_modified_even_by_a_grad_that_edits_its_input():
    x0 = np.array([1.0, 2.0])
    keep = x0.copy()

    def rude_grad(x):
        g = 2 * x
        x *= 100  # a buggy student function editing its argument
        return g

    res = gradient_descent(rude_grad, x0, 0.1, max_steps=5)
    np.testing.assert_array_equal(x0, keep)
    np.testing.assert_allclose(res.path, [keep * 0.8 ** k for k in range(6)])


def test_integer_x0_works_and_is_not_modified():
    x0 = np.array([4, -2])
    res = gradient_descent(lambda x: 2 * x, x0, 0.5, max_steps=3)
    assert res.path.dtype == float
    np.testing.assert_array_equal(x0, [4, -2])
    np.testing.assert_allclose(res.path[1], [0.0, 0.0])


def test_column_gradient_accepted_for_vector():
    res = gradient_descent(lambda x: (2 * x).reshape(-1, 1), np.ones(3), 0.1)
    assert res.converged and res.path.shape[1:] == (3,)


# --- bad inputs ------------------------------------------------------------------------------


@pytest.mark.parametrize("lr, err, match", [
    (0, ValueError, r"learning_rate must be positive, got 0.0"),
    (-0.1, ValueError, r"learning_rate must be positive, got -0.1"),
    (float("nan"), ValueError, r"learning_rate must be a finite number"),
    (float("inf"), ValueError, r"learning_rate must be a finite number"),
    ("0.1", TypeError, r"learning_rate must be a real number, got str"),
    (True, TypeError, r"learning_rate must be a real number"),
])
def test_bad_learning_rate(lr, err, match):
    with pytest.raises(err, match=match):
        gradient_descent(lambda x: x, 1.0, lr)


@pytest.mark.parametrize("steps, err, match", [
    (2.5, TypeError, r"max_steps must be a whole number, got float 2.5"),
    (-1, ValueError, r"max_steps must be at least 0, got -1"),
    (True, TypeError, r"max_steps must be a whole number"),
])
def test_bad_max_steps(steps, err, match):
    with pytest.raises(err, match=match):
        gradient_descent(lambda x: x, 1.0, 0.1, max_steps=steps)


def test_bad_tol_x0_and_functions():
    with pytest.raises(ValueError, match=r"tol must be >= 0 \(the smallest step that keeps the loop going\), got -1.0"):
        gradient_descent(lambda x: x, 1.0, 0.1, tol=-1)
    with pytest.raises(ValueError, match=r"x0 contains NaN or infinity"):
        gradient_descent(lambda x: x, [1.0, np.nan], 0.1)
    with pytest.raises(TypeError, match=r"x0 must be numbers .* got the string 'a'"):
        gradient_descent(lambda x: x, "a", 0.1)
    with pytest.raises(TypeError, match=r"grad must be a function grad\(x\).*got an array of shape \(2,\)"):
        gradient_descent(np.ones(2), np.ones(2), 0.1)
    with pytest.raises(TypeError, match=r"f must be a function f\(x\) returning the cost, or None, got int 3"):
        gradient_descent(lambda x: x, 1.0, 0.1, f=3)


def test_grad_of_wrong_shape_names_both_shapes():
    with pytest.raises(ValueError, match=r"same shape as x0, \(2,\), got shape \(3,\)"):
        gradient_descent(lambda x: np.ones(3), np.ones(2), 0.1)
    with pytest.raises(ValueError, match=r"same shape as x0, \(2, 3\), got shape \(3, 2\)"):
        gradient_descent(lambda A: A.T, np.ones((2, 3)), 0.1)
    with pytest.raises(TypeError, match=r"grad\(x\) returned None - does the function end with a return"):
        gradient_descent(lambda x: None, np.ones(2), 0.1)
    with pytest.raises(ValueError, match=r"f\(x\) must return one number \(the cost\), got shape \(2,\)"):
        gradient_descent(lambda x: x, np.ones(2), 0.1, f=lambda x: x)


# --- surfaces ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(optim.SURFACES))
def test_surface_gradients_match_finite_differences(name):
    s = optim.get_surface(name)
    rng = np.random.default_rng(0)
    for p in rng.uniform(-3, 3, size=(10, 2)):
        np.testing.assert_allclose(s.grad(p), _fd_grad(s.f, p), rtol=1e-5, atol=1e-6)
    # works on grids too: (H, W, 2) in
    grid = rng.uniform(-3, 3, size=(4, 5, 2))
    assert s.f(grid).shape == (4, 5) and s.grad(grid).shape == (4, 5, 2)


@pytest.mark.parametrize("name", sorted(optim.SURFACES))
def test_surface_minima_are_minima(name):
    s = optim.get_surface(name)
    for m in s.minima:
        m = np.array(m)
        np.testing.assert_allclose(s.grad(m), 0, atol=1e-9)
        ring = m + 1e-3 * np.stack([np.cos(np.linspace(0, 6.28, 16)), np.sin(np.linspace(0, 6.28, 16))], 1)
        assert np.all(s.f(ring) > s.f(m))
    assert s.lowest == pytest.approx(min(float(s.f(np.array(m))) for m in s.minima))


def test_two_minima_left_is_deeper_and_start_decides():
    s = optim.two_minima
    (left, right) = s.minima
    assert left[0] < 0 < right[0] and s.f(np.array(left)) < s.f(np.array(right))
    r_right = gradient_descent(s.grad, np.array([0.5, 1.0]), 0.05)
    r_left = gradient_descent(s.grad, np.array([-0.5, 1.0]), 0.05)
    np.testing.assert_allclose(r_right.x, right, atol=1e-4)
    np.testing.assert_allclose(r_left.x, left, atol=1e-4)


def test_unknown_surface():
    with pytest.raises(ValueError, match=r"unknown surface 'hill'; choose one of"):
        optim.get_surface("hill")


# --- drawings ------------------------------------------------------------------------------


def test_clip_path_inside_unchanged_and_exit_on_box():
    pts = np.array([[0.0, 0.0], [1.0, 1.0]])
    out, left = plots.clip_path(pts, (-3, 3), (-3, 3))
    assert not left and np.array_equal(out, pts)
    far = np.array([[0.0, 0.0], [1.0, 0.5], [100.0, 50.0], [1e9, 1e9]])
    out, left = plots.clip_path(far, (-3, 3), (-3, 3), margin=1.0)
    assert left and out.shape == (3, 2)
    # the last point is on the enlarged box (x = 9) and on the segment from (1, .5) to (100, 50)
    np.testing.assert_allclose(out[-1], [9.0, 4.5])
    with pytest.raises(ValueError, match=r"path must have shape \(k, 2\).*got \(3, 3\)"):
        plots.clip_path(np.zeros((3, 3)), (-1, 1), (-1, 1))


@pytest.mark.parametrize("lim, err, match", [
    (3.0, TypeError, r"xlim must be a pair of numbers like \(6, 4\), got float 3.0"),
    ((1, 2, 3), TypeError, r"xlim must be a pair of numbers.*got tuple \(1, 2, 3\)"),
    ("ab", TypeError, r"xlim must be a pair of numbers.*got str 'ab'"),
    ((2, 1), ValueError, r"xlim must be \(low, high\) with low < high, got \(2, 1\)"),
    ((0, np.nan), ValueError, r"xlim must be a finite number"),
    ((0, "1"), TypeError, r"xlim must be a real number"),
])
def test_bad_view_limits(lim, err, match):
    _fig, ax = new_figure((3, 3), 50, ncols=1)
    with pytest.raises(err, match=match):
        plots.plot_contours(ax, optim.round_bowl.f, lim, (-1, 1))
    with pytest.raises(err, match=match):
        plots.clip_path(np.zeros((2, 2)), lim, (-1, 1))


def test_comparison_figure_reports_each_case():
    _fig, axes = new_figure((12, 4), 60, ncols=3)
    s = optim.round_bowl
    results = [gradient_descent(s.grad, np.array(s.start), lr, max_steps=60, f=s.f) for lr in (0.01, 1.2, 0.3)]
    assert not results[0].converged and not results[0].diverged
    assert results[1].diverged
    assert results[2].converged
    drawn = plots.plot_learning_rate_comparison(axes, s, results)
    titles = [ax.get_title() for ax in axes]
    assert titles[0].startswith("too small: α = 0.01") and "still moving" in titles[0]
    assert "diverged" in titles[1] and "converged" in titles[2]
    # bad news in vermillion, and the path that left the map is cut at the view's edge
    assert axes[1].title.get_color() != axes[2].title.get_color()
    assert drawn.paths[1].left and not drawn.paths[2].left
    assert len(drawn.contours) == 3 and len(drawn.all()) == 3 * 5
    # drawing only: the results are what was passed, nothing is re-run
    assert len(drawn.paths[0].line.get_xdata()) == results[0].steps + 1
    with pytest.raises(ValueError, match=r"need one Axes per result: got 3 axes and 2 results"):
        plots.plot_learning_rate_comparison(axes, "round bowl", results[:2])


def test_other_drawings_run_without_warnings():
    s = optim.narrow_valley
    fig, (a1, a2, a3, a4) = new_figure((12, 3), 50, ncols=4)
    contours = plots.plot_contours(a1, s.f, s.xlim, s.ylim)
    assert contours.filled is not None and contours.all() == [contours.filled, contours.lines]
    plots.plot_gradient_arrows(a1, s.grad, s.xlim, s.ylim)
    res = gradient_descent(s.grad, np.array(s.start), 0.3, f=s.f)
    drawn = plots.plot_path(a1, res.path)
    assert not drawn.left and len(drawn.line.get_xdata()) == res.steps + 1
    assert len(drawn.end.get_xdata()) == 1
    far = gradient_descent(s.grad, np.array(s.start), 0.6, f=s.f)  # diverges: leaves the view
    assert drawn.update(far.path).left and len(drawn.end.get_xdata()) == 0
    assert np.abs(np.column_stack(drawn.line.get_data())).max() <= 9.0 + 1e-9
    plots.plot_cost_history(a2, res.values, lowest=s.lowest)
    assert a2.get_yscale() == "log"
    r1 = gradient_descent(lambda w: 2 * (w - 1), -1.5, 0.3, max_steps=3)
    steps = plots.plot_tangent_steps(a3, lambda w: (w - 1) ** 2, lambda w: 2 * (w - 1), r1.path)
    assert len(steps.points) == len(r1.path) and len(steps.steps) == len(r1.path) - 1 and len(steps.tangents) == 3
    assert [t.get_text() for t in a3.texts if t.get_text()] == ["$w^{1}$", "$w^{2}$", "$w^{3}$"]
    ang = np.arange(0, 360, 30.0)
    g = np.array([1.0, 1.0])
    slopes = plots.plot_directional_slopes(a4, ang, np.sqrt(2) * np.cos(np.radians(ang - 45)), g)
    np.testing.assert_allclose(slopes.best.get_xdata(), [45, 45])
    assert "45°" in a4.get_legend().get_texts()[2].get_text()
    with pytest.raises(ValueError, match=r"needs a 3-D Axes"):
        plots.plot_surface_3d(a1, s.f)
    ax3 = fig.add_subplot(1, 5, 5, projection="3d")
    surface = plots.plot_surface_3d(ax3, s.f, path=res.path)
    assert len(surface.path.get_xdata()) == res.steps + 1 and len(surface.all()) == 2
    fig.canvas.draw()  # rendering itself must not warn either


def test_boolean_start_is_refused_not_read_as_one():
    import pytest as _pytest

    from lecture_utils.optim import gradient_descent as _gd
    for x0 in (True, np.array([True, False])):
        with _pytest.raises(TypeError, match="booleans"):
            _gd(lambda x: 2 * x, x0, 0.1)


def test_still_moving_advice_does_not_suggest_a_larger_rate_while_zigzagging():
    zigzag = gradient_descent(lambda w: 2 * w, 1.0, 0.9, max_steps=5)  # factor -0.8: overshoots each step
    assert "zig-zags" in zigzag.status and "try a larger learning rate" not in zigzag.status
    crawl = gradient_descent(lambda w: 2 * w, 1.0, 0.02, max_steps=5)  # factor 0.96: creeps one way
    assert "try a larger learning rate" in crawl.status


def test_plot_helpers_name_a_function_that_is_not_one():
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots()
    try:
        with pytest.raises(TypeError, match="f must be a function"):
            plots.plot_tangent_steps(ax, 3, lambda w: 2 * w, [1.0, 2.0])
        with pytest.raises(TypeError, match="must return numbers"):
            plots.plot_contours(ax, lambda p: "x")
        with pytest.raises(TypeError, match="grad must be a function"):
            plots.plot_gradient_arrows(ax, None)
    finally:
        plt.close(fig)
