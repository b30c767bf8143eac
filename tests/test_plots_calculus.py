"""Secant and finite-difference pictures (lecture_utils.plots.calculus)."""

import numpy as np
import pytest

from lecture_utils import plots


# --- secant and finite-difference pictures ---------------------------------------------
def test_plot_secant_draws_the_lecture_secant():
    _fig, ax = plots.new_figure((5, 4), 80, nrows=1)
    art = plots.plot_secant(ax, lambda x: x ** 2 + 1, 2.0, 0.01, df=lambda x: 2 * x)
    xs, ys = art.secant.get_data()
    assert (ys[1] - ys[0]) / (xs[1] - xs[0]) == pytest.approx(4.01)
    xt, yt = art.tangent.get_data()
    assert (yt[1] - yt[0]) / (xt[1] - xt[0]) == pytest.approx(4.0)
    assert list(art.points.get_data()[0]) == [2.0, 2.01]
    slope = art.update(lambda x: 2 * x + 1, 2.0, 0.01)
    assert slope == pytest.approx(2.0)  # (5.02 - 5) / (2.01 - 2)
    assert art.run_text.get_text() == "width ε = 0.01"
    assert art.rise_text.get_text() == "height 0.02"
    assert not art.tangent.get_visible()  # no df given this time: no tangent
    assert art.curve not in art.moving() and len(art.moving()) == 7


def test_plot_fd_error_shows_truncation_and_round_off():
    _fig, ax = plots.new_figure((5, 4), 80, nrows=1)
    res = plots.plot_fd_error(ax, np.exp, np.exp, 1.0)
    assert 1e-10 <= res.best_forward <= 1e-6
    assert 1e-8 <= res.best_central <= 1e-3
    h, e_fwd = res.forward.get_data()
    _, e_cen = res.central.get_data()
    big = (h >= 1e-4) & (h <= 1e-2)  # truncation: slope 1 (forward) and 2 (central) on log-log
    assert np.polyfit(np.log10(h[big]), np.log10(e_fwd[big]), 1)[0] == pytest.approx(1, abs=0.05)
    assert np.polyfit(np.log10(h[big]), np.log10(e_cen[big]), 1)[0] == pytest.approx(2, abs=0.05)
    assert e_fwd[0] > 1e-3  # h = 1e-15: round-off dominates
    res.update(np.sin, np.cos, 0.5)  # the same artists, another function
    assert res.forward.get_data()[1][-10] == pytest.approx(
        abs((np.sin(0.5 + h[-10]) - np.sin(0.5)) / h[-10] - np.cos(0.5)))


@pytest.mark.parametrize("call, error, match", [
    (lambda ax: plots.plot_secant(ax, 3.0, 2.0, 0.5), TypeError, r"f must be a function \(callable\), got float 3.0"),
    (lambda ax: plots.plot_secant(ax, lambda x: "a", 2.0, 0.5), TypeError,
     r"f must return real numbers, but f\(x\) returned str 'a'"),
    (lambda ax: plots.plot_secant(ax, np.sin, "2", 0.5), TypeError, r"x0 must be a real number, got str '2'"),
    (lambda ax: plots.plot_secant(ax, np.sin, 2.0, float("nan")), ValueError, r"eps must be a finite number, got nan"),
    (lambda ax: plots.plot_secant(ax, np.sin, 2.0, -0.1), ValueError, r"eps must be positive, got -0.1"),
    (lambda ax: plots.plot_secant(ax, np.sin, 2.0, 0.1, df=1), TypeError, r"df must be a function"),
    (lambda ax: plots.plot_fd_error(ax, np.sin, "cos", 1.0), TypeError, r"df must be a function \(callable\), got str 'cos'"),
    (lambda ax: plots.plot_fd_error(ax, np.sin, np.cos, float("inf")), ValueError, r"x0 must be a finite number, got inf"),
    (lambda ax: plots.plot_fd_error(ax, np.sin, lambda x: "a", 1.0), TypeError, r"df must return real numbers"),
    (lambda ax: plots.plot_fd_error(ax, np.log, lambda x: 1 / x, 0.0), ValueError, r"not finite near x0 = 0"),
    (lambda ax: plots.plot_fd_error(ax, np.sin, np.cos, 1.0, hs=[0.1, -1]), ValueError, r"hs must be positive steps"),
])
def test_plot_helpers_refuse_bad_input(call, error, match):
    _fig, ax = plots.new_figure((3, 2), 80, nrows=1)
    with pytest.raises(error, match=match):
        call(ax)
