"""Explorers and drawings of notebook 03: swept over their ranges, saying the right things.

The explorers draw in the browser: what they show is the data they send (``state`` at the
current settings, ``lookup`` and ``sent_tables`` for every stop), checked here exactly.
"""


import numpy as np
import pytest

from lecture_utils import plots, widgets


def _texts(explorer):
    """Every word the picture shows now (its text marks' values)."""
    return " | ".join(v for k, v in explorer.state.items() if isinstance(v, str) and k != "description")


def test_unit_ball_slider_goes_from_below_one_to_infinity():
    e = widgets.UnitBallExplorer()
    values = [v for _, v in e.controls["p"].options]
    labels = [k for k, _ in e.controls["p"].options]
    assert min(values) < 1 and values[-1] == np.inf and "∞" in labels[-1]


@pytest.mark.parametrize("p", [0.25, 0.5, 0.75])
def test_unit_ball_below_one_says_why_it_is_not_a_norm(p):
    e = widgets.UnitBallExplorer(p=p)
    text = _texts(e)
    assert f"p = {p:g} < 1: not a norm" in text
    assert "triangle inequality FAILS" in text and "NOT convex" in text
    # the concrete pair: x = (1, 0), y = (0, 1), ||x + y||_p = 2^(1/p) > 2
    assert "x = (1, 0) and y = (0, 1)" in text
    assert f"= {2 ** (1 / p):.2f} > 2" in text


@pytest.mark.parametrize("p", [1.0, 2.0, 3.0, np.inf])
def test_unit_ball_norms_hold(p):
    e = widgets.UnitBallExplorer(p=p)
    text = _texts(e)
    assert "not a norm" not in text and "triangle inequality holds" in text
    # the boundary drawn is the unit sphere of the p-norm (independent reference: numpy)
    norms = np.linalg.norm(np.vstack([e.state["ball_x"], e.state["ball_y"]]), ord=p, axis=0)
    np.testing.assert_allclose(norms, 1.0, rtol=1e-9)


def test_unit_ball_ships_every_stop_and_the_outlines_follow_the_checkbox():
    e = widgets.UnitBallExplorer(p=1.0)
    ball, outlines = e.sent_tables()
    assert ball["depends"] == ["p"] and outlines["depends"] == ["compare"]  # factorised by control
    stops = [v for _, v in e.controls["p"].options]
    assert len(ball["data"]["ball_x"]) == len(stops) == 12
    for k, p in enumerate(stops):
        xy = np.vstack([ball["data"]["ball_x"][k], ball["data"]["ball_y"][k]])
        np.testing.assert_allclose(np.linalg.norm(xy, ord=p, axis=0), 1.0, rtol=1e-9)
        assert ball["data"]["color"][k] == (plots.PALETTE["blue"] if p >= 1 else plots.PALETTE["vermillion"])
    assert outlines["data"]["outline_alpha"] == [0.0, 1.0]  # compare = False, True
    assert e.update(compare=False).state["outline_alpha"] == 0.0


def test_unit_ball_boundary_for_p_below_one_is_not_convex():
    pts = plots.unit_ball_boundary(0.5)
    vals = (np.sqrt(np.abs(pts[0])) + np.sqrt(np.abs(pts[1]))) ** 2
    np.testing.assert_allclose(vals, 1.0, rtol=1e-9)
    # the midpoint of (1, 0) and (0, 1) lies outside: far from the origin than the boundary there
    diag = pts[:, np.argmin(np.abs(pts[0] - pts[1]) + (pts[0] < 0))]
    assert diag[0] < 0.5


def test_unit_ball_starts_at_nearest_stop_and_refuses_bad_p():
    assert widgets.UnitBallExplorer(p=2.2).params["p"] == 2.0
    assert widgets.UnitBallExplorer(p=1e9).params["p"] == 20.0
    assert widgets.UnitBallExplorer(p=np.inf).params["p"] == np.inf
    with pytest.raises(ValueError, match="positive"):
        widgets.UnitBallExplorer(p=0)


def test_vector_norm_explorer_values_and_zero():
    e = widgets.VectorNormExplorer(x1=3, x2=-2)  # the notebook's example: swept in test_robustness_explorers
    e.update(x1=3, x2=-4)
    heights = [e.state[f"bar{k}"] for k in range(3)]
    np.testing.assert_allclose(heights, [np.linalg.norm([3, -4], p) for p in (1, 2, np.inf)])
    formulas = " | ".join(e.state[f"formula{k}"] for k in range(3))
    assert "‖x‖₁ = |3| + |(-4)| = 7.00" in formulas and "= 5.00" in formulas
    e.update(x1=0, x2=0)
    assert "x = 0: length 0 in every norm" in _texts(e)
    e.update(x1=-5, x2=-5)
    assert "tie for the largest" in _texts(e)


@pytest.mark.parametrize("cls,moves", [
    (widgets.UnitBallExplorer, [{"p": v} for v in (0.5, 2.0, np.inf, 1.0)]),
    (widgets.VectorNormExplorer, [{"x1": v, "x2": -v / 2} for v in (-5, 0, 2.5, 5)]),
])
def test_norm_explorers_carry_a_png(cls, moves):
    e = cls()
    bundle = e._repr_mimebundle_()
    assert "image/png" in bundle
    assert bundle["text/plain"].endswith("(interactive explorer: run the notebook to use it)")
    # Each move once (the picture is drawn per display, not per move; speed is `make bench`'s).
    for move in moves:
        e.update(**move)
        assert e.png.startswith(b"\x89PNG") and e.error == ""


def test_norm_plots():
    _, ax = plots.new_figure(nrows=1)
    lines = plots.plot_unit_balls(ax).lines
    assert [line.get_label() for line in lines] == ["p = 1", "p = 2", "p = ∞"]
    _, ax = plots.new_figure(nrows=1)
    ball = plots.plot_unit_ball(ax, 1, fill=False)
    assert ball.patch is None and ball.all() == [ball.line]
    _, ax = plots.new_figure(nrows=1)
    tri = plots.plot_triangle_inequality(ax, [3, 1], [1, 2])
    assert len(tri.arrows) == 3 and "≤" in tri.title.get_text()
    assert [t.get_text() for t in tri.labels] == ["x", "y", "x + y"]
    _, ax = plots.new_figure(nrows=1)
    tri = plots.plot_triangle_inequality(ax, [1, 0], [0, 1], p=0.5)
    assert ">" in tri.title.get_text()
    _, ax = plots.new_figure(nrows=1)
    art = plots.plot_vector_norms(ax, [3, -2])
    assert list(art.l1.get_xdata()) == [0, 3, 3] and list(art.linf.get_ydata()) == [0, 0]
    art.update([1, -4])  # |x2| is the largest now: L∞ moves to the x2 axis
    assert list(art.l1.get_xdata()) == [0, 1, 1] and list(art.linf.get_ydata()) == [0, -4]
    with pytest.raises(ValueError, match=r"2-D vectors: x must have 2 entries, got shape \(3,\)"):
        plots.plot_vector_norms(ax, [1, 2, 3])


def test_lp_value_matches_numpy_for_p_at_least_one():
    rng = np.random.default_rng(0)
    pts = rng.normal(size=(2, 50))
    for p in (1, 1.5, 2, 7, np.inf):
        np.testing.assert_allclose(plots.lp_value(pts, p), np.linalg.norm(pts, ord=p, axis=0))


@pytest.mark.parametrize("p, words", [(0.25, "not a norm"), (0.5, "fails"), (1.0, "a diamond"),
                                      (2.0, "a disc"), (3.0, "between the disc and the square"),
                                      (np.inf, "a square")])
def test_unit_ball_describe_names_the_shape_and_the_verdict(p, words):
    e = widgets.UnitBallExplorer(p=p)
    line = e.describe()
    assert words in line and "\n" not in line
    assert ("a norm" in line) and (("not a norm" in line) == (p < 1))


def test_vector_norm_describe_gives_the_three_lengths():
    e = widgets.VectorNormExplorer(x1=3, x2=-4)
    assert e.describe().startswith("x = (3, -4): ‖x‖₁ = 7.00") and "‖x‖₂ = 5.00" in e.describe()
    assert "‖x‖∞ = 4.00 (largest |coordinate|)" in e.describe()
    e.update(x1=0.0, x2=0.0)
    assert "length 0 in every norm" in e.describe()
    e.update(x1=99, x2=-99)  # clipped by the sliders, as a drag would be
    assert "x = (5, -5)" in e.describe() and "tie" in e.describe()


def test_infinity_labels_say_absolute_value():
    e = widgets.VectorNormExplorer()
    bars = next(p for p in e.widget.spec["panels"] if p["name"] == "bars")
    assert "largest\n|coord.|" in bars["xticklabels"][2]


def test_vector_norm_ships_all_441_vectors_with_numpys_lengths():
    e = widgets.VectorNormExplorer(x1=3, x2=-2)
    *_, lengths = e.sent_tables()
    assert lengths["depends"] == ["x1", "x2"]
    stops = np.arange(-10, 11) * 0.5
    x = np.array([(a, b) for a in stops for b in stops])
    for k, p in enumerate((1, 2, np.inf)):
        np.testing.assert_allclose(lengths["data"][f"bar{k}"], np.linalg.norm(x, ord=p, axis=1), rtol=1e-15)
    tip = e.lookup(x1=-4.5, x2=2.0)
    assert tip["l2_x"].tolist() == [0.0, -4.5] and tip["l2_y"].tolist() == [0.0, 2.0]
    assert tip["linf_x"].tolist() == [0.0, -4.5] and tip["linf_y"].tolist() == [0.0, 0.0]  # |x1| is the largest
