"""DecisionBoundaryExplorer (06) drawn in the browser: the data it sends, checked against the trainer.

``explorer.state`` is the exact current state, ``lookup`` what a move in the browser draws,
``sent_tables`` every state as the page receives it (JSON: NaN as null).
"""


import numpy as np
import pytest

from lecture_utils.logistic import LogisticRegression
from lecture_utils.widgets import DecisionBoundaryExplorer
from lecture_utils.widgets.logistic_boundary import half_planes


@pytest.fixture(scope="module")
def explorer():
    return DecisionBoundaryExplorer()


def _reference(e, rate, steps):
    return LogisticRegression(learning_rate=rate, max_steps=steps, tol=0).fit(e.X2, e.y)


@pytest.mark.parametrize("rate, step", [(0.1, 50), (100.0, 40), (0.01, 300), (1.0, 1)])
def test_each_state_is_the_trainers_model_at_that_step(explorer, rate, step):
    ref = _reference(explorer, rate, step)
    shown = explorer.lookup(step=step, learning_rate=rate)
    assert f"J = {ref.cost_history_[-1]:.4f}" in shown["cost_title"]
    assert f"training accuracy {100 * ref.score(explorer.X2, explorer.y):.1f}%" in shown["cost_title"]
    np.testing.assert_allclose(shown["cost_dot"], [ref.cost_history_[-1]], rtol=1e-12)
    x, y = shown["line_x"], shown["line_y"]
    # The boundary's end points lie on w . x + b = 0 of the reference model, on the box's edges.
    # (Sent to 4 decimals: a hundredth of a pixel.)
    np.testing.assert_allclose(ref.w_[0] * x + ref.w_[1] * y + ref.b_, 0, atol=1e-4 * np.abs(ref.w_).sum())
    (x0, x1), (y0, y1) = explorer.xlim, explorer.ylim
    on_edge = (np.isclose(x, x0, atol=1e-4) | np.isclose(x, x1, atol=1e-4) | np.isclose(y, y0, atol=1e-4)
               | np.isclose(y, y1, atol=1e-4))
    assert on_edge.all() and abs(x[1] - x[0]) + abs(y[1] - y[0]) > 0.1


def test_the_shading_splits_the_box_by_the_predicted_class(explorer):
    shown = explorer.lookup(step=30, learning_rate=0.1)
    ref = _reference(explorer, 0.1, 30)
    rng = np.random.default_rng(0)
    (x0, x1), (y0, y1) = explorer.xlim, explorer.ylim
    probes = np.column_stack([rng.uniform(x0, x1, 400), rng.uniform(y0, y1, 400)])
    predicted = ref.predict(probes)
    from matplotlib.path import Path

    for side in (0, 1):
        region = Path(np.column_stack([shown[f"class{side}_x"], shown[f"class{side}_y"]]))
        inside = region.contains_points(probes)
        assert (inside == (predicted == side)).mean() > 0.99  # points on the line itself may go either way
    # Areas add up to the box.
    def area(xs, ys):
        return 0.5 * abs(np.dot(xs, np.roll(ys, -1)) - np.dot(ys, np.roll(xs, -1)))
    total = sum(area(shown[f"class{k}_x"], shown[f"class{k}_y"]) for k in (0, 1))
    assert total == pytest.approx((x1 - x0) * (y1 - y0), rel=1e-4)


def test_half_planes_edge_cases():
    box = ((-1.0, 1.0), (-1.0, 1.0))
    out = half_planes(np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 0.0]]), np.array([0.0, 0.0, -5.0]), *box)
    # w = 0: ŷ = ½ everywhere, counted as class 1: the whole box, no line, no class-0 part.
    assert np.isnan(out["line_x"][0]).all() and np.isnan(out["class0_x"][0]).all()
    assert sorted(set(zip(out["class1_x"][0], out["class1_y"][0]))) == [(-1, -1), (-1, 1), (1, -1), (1, 1)]
    np.testing.assert_allclose(out["line_x"][1], [0, 0])  # x = 0
    np.testing.assert_allclose(sorted(out["line_y"][1]), [-1, 1])
    assert np.isnan(out["line_x"][2]).all() and np.isnan(out["class1_x"][2]).all()  # x = 5: off the box


def test_curves_grow_with_the_step(explorer):
    tables = explorer.sent_tables()
    by_step, by_rate, by_state = tables
    assert by_step["depends"] == ["step"] and by_rate["depends"] == ["learning_rate"]
    assert by_state["depends"] == ["step", "learning_rate"]
    curve_x = by_step["data"]["curve_x"]
    assert len(curve_x) == 301  # one row per step
    # At step 5 the curves run through steps 0..5 and no further (null in JSON: a gap).
    assert curve_x[5][:6] == [0, 1, 2, 3, 4, 5] and all(v is None for v in curve_x[5][6:])
    rate = explorer.LEARNING_RATES.index(100.0)
    ref = _reference(explorer, 100.0, 300)
    np.testing.assert_allclose(by_rate["data"]["cost_y"][rate], ref.cost_history_, rtol=1e-12)


def test_long_runs_are_sampled_and_the_tail_reaches_the_step():
    e = DecisionBoundaryExplorer(max_steps=1000)
    assert len(e.samples) == 301 and e.samples[0] == 0 and e.samples[-1] == 1000
    shown = e.lookup(step=777, learning_rate=1.0)
    assert shown["tail_x"][1] == 777 and shown["tail_x"][0] <= 777 and shown["tail_x"][0] in e.samples
    assert np.nanmax(shown["curve_x"]) <= 777
    ref = _reference(e, 1.0, 777)
    np.testing.assert_allclose(shown["cost_tail"][1], ref.cost_history_[-1], rtol=1e-12)


def test_predict_first_at_the_opening_state_only(explorer):
    e = DecisionBoundaryExplorer(step=0)
    assert "Step 0 " in e.describe() and "predict where the boundary is" in e.describe()
    assert e.state["note"].startswith("Predict first")
    # What any move in the browser draws at step 0 answers instead of asking.
    assert "no boundary yet" in e.lookup(step=0)["description"]
    assert "no boundary yet" in e.lookup(step=0)["note"]
    e.update(step=5)
    e.update(step=0)
    assert "no boundary yet" in e.describe() and "predict" not in e.describe()
    # A student's move synced back from the page ends the prompt too.
    fresh = DecisionBoundaryExplorer(step=0)
    fresh.widget.values = {"step": 3, "learning_rate": 1}
    fresh.widget.values = {"step": 0, "learning_rate": 1}
    assert "no boundary yet" in fresh.describe()


def test_overshooting_is_counted_and_said(explorer):
    e = explorer.update(step=40, learning_rate=100.0)
    r = e.run(100.0)
    rises = int(np.sum(np.diff(r["cost"][:41]) > 1e-12))
    text = e.describe()
    assert text.startswith("Step 40 of gradient descent with learning rate 100")
    assert f"J = {r['cost'][40]:.4f}" in text
    assert rises > 0 and f"J rose at {rises} of 40 steps" in text
    assert f"J rose at {rises} of 40 steps" in e.state["cost_note"]
    assert e.update(step=40, learning_rate=0.1).describe().endswith("J fell at every step.")
    assert e.state["cost_note"] == ""
    assert "outside the plotted area" not in e.state["note"]


def test_ships_little():
    e = DecisionBoundaryExplorer()  # its build time is measured by make bench, not asserted here
    assert len(e.widget.tables) < 250_000


def test_png_matches_the_state(explorer):
    png = explorer.update(step=30, learning_rate=1.0).png
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_start_values_are_checked():
    with pytest.raises(ValueError, match="two different columns"):
        DecisionBoundaryExplorer(features=("worst_radius", "worst_radius"))
    with pytest.raises(ValueError, match="learning_rate must be one of"):
        DecisionBoundaryExplorer(learning_rate=0.5)
    with pytest.raises(ValueError, match="unknown feature"):
        DecisionBoundaryExplorer(features=("worst_radius", "colour"))


def test_the_confident_bands_sharpen_as_the_weights_grow(explorer):
    from matplotlib.path import Path

    def band_area(shown):
        xs, ys = shown["sure0_x"], shown["sure0_y"]
        if np.isnan(xs).all():
            return 0.0
        return 0.5 * abs(np.dot(xs, np.roll(ys, -1)) - np.dot(ys, np.roll(xs, -1)))

    assert band_area(explorer.lookup(step=0, learning_rate=0.1)) == 0.0  # ŷ = ½ everywhere: nobody is sure
    early, late = explorer.lookup(step=5, learning_rate=1.0), explorer.lookup(step=300, learning_rate=1.0)
    assert band_area(late) > band_area(early)
    ref = _reference(explorer, 1.0, 300)
    (x0, x1), (y0, y1) = explorer.xlim, explorer.ylim
    probes = np.random.default_rng(1).uniform([x0, y0], [x1, y1], (400, 2))
    p = ref.predict_proba(probes)
    for k, sure in ((0, p < 0.1), (1, p > 0.9)):
        inside = Path(np.column_stack([late[f"sure{k}_x"], late[f"sure{k}_y"]])).contains_points(probes)
        assert (inside == sure).mean() > 0.99
