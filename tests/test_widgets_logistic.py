"""Notebook 06's explorers over their whole ranges, and its drawing functions."""



import numpy as np
import pytest

from lecture_utils import plots
from lecture_utils.logistic import cost, sigmoid
from lecture_utils.widgets import DecisionBoundaryExplorer, SigmoidExplorer
from lecture_utils.widgets._scene import fill
from lecture_utils.widgets._scene_mpl import resolve, sigmoid_points


def _picture_texts(explorer):
    """Every text of the static picture (the scene drawn by matplotlib: what the canvas shows too)."""
    explorer.render_png()
    return [t.get_text() for ax in explorer.figure.axes for t in ax.texts if t.get_visible()]


def old_describe(e, w, b, J=None, accuracy=None):
    """SigmoidExplorer.describe() as it was before the port (the kernel-drawn explorer), verbatim
    (J and the accuracy fraction may be given when computed for many states at once)."""
    J = cost(e.x[:, None], e.y, [w], b) if J is None else J
    accuracy = np.mean((w * e.x + b >= 0) == (e.y == 1)) if accuracy is None else accuracy
    if w == 0:
        where = f"w = 0, a flat curve: every tumour gets ŷ = σ(b) = {float(sigmoid(b)):.2f}, so the same class"
    elif _threshold_visible(e, w, b):
        where = f"ŷ = ½ at x = {-b / w + 0.0:.2f}"
    else:
        where = "ŷ = ½ is off the plot, so every tumour gets the same class"
    return (f"w = {w:.2f}, b = {b:.2f}: cost J = {J:.3f}, accuracy {100 * accuracy:.0f}%; {where} "
            f"(best with this feature: J = {e.best[2]:.3f}).")


def old_message(e, w, b):
    """The old picture's warning (SigmoidExplorer._message before the port), verbatim."""
    if abs(w) < 0.05:
        return f"w ≈ 0: a flat curve - every tumour gets\nŷ ≈ σ(b) = {float(sigmoid(b)):.2f}, whatever x"
    if not _threshold_visible(e, w, b):
        return "ŷ = ½ happens at x = −b/w, off the plot:\nevery tumour is put in the same class"
    if w < 0:
        return "w < 0: larger x now means 'less likely malignant'\n- the data disagree, J is high"
    if abs(w) >= 7:
        return "very steep: almost a step - confident predictions,\nand each wrong one costs a lot"
    return ""


def _threshold_visible(e, w, b):
    """plots.SigmoidFit.threshold_visible (the old picture's test) on the explorer's plot range."""
    at = -b / w if w != 0 else np.nan
    return bool(np.isfinite(at) and e.x_range[0] <= at <= e.x_range[1])


def old_words(e, w, b):
    """What the old explorer said at ``w, b``: its description and its picture's warning."""
    return old_describe(e, w, b), old_message(e, w, b)


def test_the_plot_range_is_the_old_pictures():
    e = SigmoidExplorer()
    _, ax = plots.new_figure((3, 2), 50, nrows=1, ncols=1)
    fit = plots.plot_sigmoid_fit(ax, e.x, e.y, 0.0, 0.0)
    assert (fit.x_grid[0], fit.x_grid[-1]) == e.x_range == tuple(e.widget.spec["panels"][0]["xlim"])
    assert e.widget.spec["panels"][0]["ylim"] == list(ax.get_ylim())


@pytest.fixture(scope="module")
def sigmoid_explorer():
    return SigmoidExplorer()


def test_sigmoid_explorer_shows_cost_of_its_parameters(sigmoid_explorer):
    e = sigmoid_explorer.update(w=2.0, b=-0.5)
    J = cost(e.x[:, None], e.y, [2.0], -0.5)
    assert any(t.startswith(f"J(w, b) = {J:.3f}   accuracy 91%\nbest possible with this feature: J = 0.206 at w = 4.33")
               for t in _picture_texts(e))
    (curve,) = [m for m in e._marks if m["type"] == "sigmoid"]
    xs, ys, at = sigmoid_points(resolve(curve, e.state))
    np.testing.assert_allclose(ys, sigmoid(2.0 * xs - 0.5))
    assert at == 0.25 and e.state["t"] == 0.25
    # The static picture draws that curve and the threshold line at x = 0.25.
    lines = e.figure.axes[0].lines
    assert any(np.array_equal(line.get_xdata(), xs) and np.allclose(line.get_ydata(), ys) for line in lines)
    assert any(list(line.get_xdata()) == [0.25, 0.25] for line in lines)
    # Its reference optimum is the best: nudging away from it raises J.
    w, b, best = e.best
    assert best <= cost(e.x[:, None], e.y, [w + 0.3], b) and best <= cost(e.x[:, None], e.y, [w], b + 0.3)


def test_sigmoid_explorer_extremes_say_what_happened(sigmoid_explorer):
    assert any("w ≈ 0: a flat curve" in t for t in _picture_texts(sigmoid_explorer.update(w=0.0, b=0.0)))
    assert any("σ(b) = 0.95" in t for t in _picture_texts(sigmoid_explorer.update(w=1e-9, b=3.0)))
    assert any("w < 0" in t for t in _picture_texts(sigmoid_explorer.update(w=-3.0, b=0.0)))
    assert any("off the plot" in t for t in _picture_texts(sigmoid_explorer.update(w=0.5, b=10.0)))
    assert any("very steep" in t for t in _picture_texts(sigmoid_explorer.update(w=10.0, b=0.0)))
    assert not any("w ≈ 0" in t for t in _picture_texts(sigmoid_explorer.update(w=3.0, b=-0.5)))


# Settings across the grid, its edges, and the degenerate ones: w = 0, |w| just under and at the
# thresholds of the warnings, the threshold x = −b/w at and just past the plot's ends, ties (0.125).
SWEEP = [(w, b) for w in (-10.0, -7.0, -3.0, -0.1, 0.0, 0.1, 0.5, 1.0, 4.0, 6.9, 7.0, 10.0)
         for b in (-10.0, -2.6, -0.5, 0.0, 0.3, 1.1, 5.0, 10.0)] + [(8.0, -1.0), (4.0, -0.5), (0.8, 1.1)]


@pytest.mark.parametrize("w, b", SWEEP)
def test_each_move_says_what_the_old_explorer_said(sigmoid_explorer, w, b):
    e = sigmoid_explorer
    shown = e.lookup(w=w, b=b)  # what a move in the page shows (tables + the page's numbers)
    description, note = fill(shown["description"], shown), fill(shown["note"], shown)
    said, warned = old_words(e, w, b)
    assert description.startswith(said)
    assert note == warned
    # The warning is in the description too, unless the sentence already says it.
    if warned.startswith(("w < 0", "very steep")) or (warned.startswith("w ≈ 0") and w != 0):
        assert description == said + " " + warned.replace("\n- ", " - ").replace("\n", " ") + "."
    else:
        assert description == said
    assert shown["J"] == cost(e.x[:, None], e.y, [w], b)


@pytest.mark.parametrize("w, b", [(0.04, 1.23), (-0.04, 0.0), (1e-9, 3.0), (2.345, -0.123), (-9.99, 9.99),
                                  (0.125, 0.0), (7.0, -0.875)])
def test_a_value_set_between_stops_is_described_exactly(w, b):
    e = SigmoidExplorer(w=w, b=b)
    said, warned = old_words(e, w, b)
    assert e.describe().startswith(said) and e.text("note") == warned
    assert e.shown[:2] == (w, b)


def test_the_page_gets_data_and_case_numbers_not_a_curve_per_state():
    e = SigmoidExplorer()  # its build time is measured by make bench, not asserted here
    assert len(e.widget.tables) < 20_000  # gzip bytes: two small integers per (w, b) state
    tables = {tuple(t["depends"]): t["data"] for t in e.sent_tables()}
    assert set(tables[("w", "b")]) == {"note", "description"} and len(tables[("w", "b")]["note"]) == 201 * 201
    assert e.widget.spec["logistic"]["x"] == e.x.tolist()  # the page computes J from exactly these numbers
    assert e.widget.spec["logistic"]["y"] == e.y.astype(int).tolist()


def test_explorer_rejects_bad_arguments():
    with pytest.raises(ValueError, match="unknown feature"):
        SigmoidExplorer(feature="colour")
    with pytest.raises(ValueError, match="exactly two columns"):
        DecisionBoundaryExplorer(features=("worst_radius",))
    with pytest.raises(ValueError, match="learning_rate must be one of"):
        DecisionBoundaryExplorer(learning_rate=0.5)


@pytest.mark.parametrize("make, exc, pattern", [
    (lambda: SigmoidExplorer(w="1"), TypeError, r"^w must be a real number, got str '1'$"),
    (lambda: SigmoidExplorer(b=float("nan")), ValueError, r"^b must be a finite number, got nan$"),
    (lambda: SigmoidExplorer(w=np.ones(3)), TypeError, r"^w must be a real number, got an array of shape \(3,\)"),
    (lambda: SigmoidExplorer(feature=3), TypeError, r"^feature must be a column name \(a string\) .*got int 3$"),
    (lambda: DecisionBoundaryExplorer(features=3), TypeError,
     r"^features must be a pair of column names like \('worst_radius', 'worst_texture'\), got int 3$"),
    (lambda: DecisionBoundaryExplorer(features="worst_radius"), TypeError, r"^features must be a pair .*got str"),
    (lambda: DecisionBoundaryExplorer(learning_rate=np.ones(3)), TypeError,
     r"^learning_rate must be a real number, got an array of shape \(3,\)"),
    (lambda: DecisionBoundaryExplorer(max_steps=2.5), TypeError, r"^max_steps must be a whole number, got float 2\.5$"),
    (lambda: DecisionBoundaryExplorer(max_steps=0), ValueError, r"^max_steps must be at least 1, got 0$"),
    (lambda: DecisionBoundaryExplorer(step=None), TypeError, r"^step must be a whole number, got NoneType None$"),
], ids=["w text", "b nan", "w array", "feature number", "features number", "features text", "rate array",
        "max_steps fraction", "max_steps zero", "step None"])
def test_explorer_start_values_are_checked(make, exc, pattern):
    with pytest.raises(exc, match=pattern):
        make()


def test_infinite_start_value_is_clipped_like_a_drag():
    e = SigmoidExplorer(w=float("inf"), b=-float("inf"))
    assert e.params == {"w": 10.0, "b": -10.0} and e.error == ""


def test_plots_reject_bad_arguments_by_name():
    _, ax = plots.new_figure((3, 2), 50, nrows=1, ncols=1)
    with pytest.raises(ValueError, match=r"^z_min must be below z_max, got z_min = 2 and z_max = 1$"):
        plots.plot_sigmoid(ax, 2, 1)
    with pytest.raises(ValueError, match=r"^y_max must be positive, got -1\.0$"):
        plots.plot_example_losses(ax, -1)
    with pytest.raises(TypeError, match=r"^costs must hold numbers .*got dtype complex128$"):
        plots.plot_cost_by_step(ax, np.ones(3) + 1j)
    with pytest.raises(ValueError, match=r"^y must hold only the labels 0 and 1 .*got 2\. Encode"):
        plots.plot_sigmoid_fit(ax, [1, 2], [0, 2], 1, 0)
    with pytest.raises(ValueError, match=r"^x contains NaN or infinity"):
        plots.plot_sigmoid_fit(ax, [1, np.nan], [0, 1], 1, 0)
    with pytest.raises(ValueError, match=r"^x values are too large to plot"):
        plots.plot_sigmoid_fit(ax, [1.7e308, -1.7e308], [0, 1], 1, 0)
    with pytest.raises(ValueError, match=r"^w must have 2 entries, got shape \(3,\)$"):
        plots.plot_decision_boundary(ax, np.zeros((2, 2)), [0, 1], [1, 1, 1], 0)
    with pytest.raises(ValueError, match=r"^X2 and y must have the same length, got 2 and 3 entries$"):
        plots.plot_decision_boundary(ax, np.zeros((2, 2)), [0, 1, 1], [1, 1], 0)
    with pytest.raises(TypeError, match=r"^b must be a real number, got str 'a'$"):
        plots.boundary_segment([1, 1], "a", (-1, 1), (-1, 1))
    with pytest.raises(ValueError, match=r"^xlim must be \(low, high\) with low < high, got \(1, -1\)$"):
        plots.boundary_segment([1, 1], 0, (1, -1), (-1, 1))
    with pytest.raises(ValueError, match=r"^table must hold counts \(whole numbers >= 0\), got \[\[1\.5,"):
        plots.plot_confusion(ax, [[1.5, 0], [1, 2]])
    with pytest.raises(ValueError, match=r"^table contains NaN or infinity"):
        plots.plot_confusion(ax, [[np.nan, 0], [1, 2]])


def test_huge_weights_draw_a_step_without_warnings():
    _, ax = plots.new_figure((3, 2), 50, nrows=1, ncols=1)
    art = plots.plot_sigmoid_fit(ax, [-1.0, 0.0, 1.0, 2.0], [0, 0, 1, 1], 1e308, -1e308)
    assert set(np.unique(art.curve.get_ydata())) <= {0.0, 1.0}
    # The line x1 = x2 whatever the scale of w and b; found exactly, no overflow.
    xs, ys = plots.boundary_segment([1.7e308, -1.7e308], 0.0, (-2, 2), (-2, 2))
    np.testing.assert_allclose(xs, [-2, 2])
    np.testing.assert_allclose(ys, [-2, 2])


# --- drawing functions ------------------------------------------------------------------------
def test_boundary_segment_geometry():
    x, y = plots.boundary_segment([1.0, 0.0], -0.5, (-2, 2), (-1, 1))
    np.testing.assert_allclose(x, [0.5, 0.5])
    np.testing.assert_allclose(sorted(y), [-1, 1])
    x, y = plots.boundary_segment([1.0, 1.0], 0.0, (-1, 1), (-1, 1))
    np.testing.assert_allclose(np.asarray(x) + np.asarray(y), 0, atol=1e-12)
    assert plots.boundary_segment([0.0, 0.0], 1.0, (-1, 1), (-1, 1)) is None
    assert plots.boundary_segment([1.0, 0.0], -5.0, (-1, 1), (-1, 1)) is None  # x = 5: off the box


def test_static_plots_draw_and_validate():
    _fig, axes = plots.new_figure((12, 6), 60, nrows=2, ncols=3)
    a = axes.ravel()
    line = plots.plot_sigmoid(a[0]).line
    np.testing.assert_allclose(line.get_ydata()[[0, -1]], sigmoid(np.array([-8.0, 8.0])))
    losses = plots.plot_example_losses(a[1])
    one, zero = losses.one, losses.zero
    p = one.get_xdata()
    np.testing.assert_allclose(one.get_ydata(), -np.log(p))
    np.testing.assert_allclose(zero.get_ydata(), -np.log(1 - p), rtol=1e-9)
    assert len(plots.plot_cost_by_step(a[2], [0.7, 0.5, 0.4]).get_xdata()) == 3
    texts = plots.plot_confusion(a[3], [[50, 2], [3, 40]]).texts
    assert [t.get_text() for t in texts][::2] == ["50", "2", "3", "40"]
    rng = np.random.default_rng(0)
    X2, y = rng.normal(size=(30, 2)), rng.integers(0, 2, 30)
    art = plots.plot_decision_boundary(a[4], X2, y, [1.0, -1.0], 0.0)
    assert art.image.get_array().shape == (120, 120)
    neuron = plots.draw_neuron(a[5], 4, input_labels=list("abcd"))
    assert len(neuron.shapes) == 4 + 4 + 1 + 1 + 1 + 2 and len(neuron.texts) > 10
    with pytest.raises(ValueError, match=r"X2 must have shape \(n, 2\)"):
        plots.plot_decision_boundary(a[4], np.zeros((5, 3)), np.zeros(5), [1, 1], 0)
    with pytest.raises(ValueError, match="2x2 confusion table"):
        plots.plot_confusion(a[3], np.zeros((3, 3)))
    with pytest.raises(ValueError, match="n_inputs must be at least 1"):
        plots.draw_neuron(a[5], 0)
    with pytest.raises(ValueError, match=r"^costs must not be empty, got shape \(0,\)$"):
        plots.plot_cost_by_step(a[2], [])
    with pytest.raises(ValueError, match="same length"):
        plots.plot_sigmoid_fit(a[0], [1, 2], [1], 1, 0)


def test_sigmoid_explorer_describes_what_it_shows():
    e = SigmoidExplorer(w=2.0, b=-0.5)
    J = cost(e.x[:, None], e.y, [2.0], -0.5)
    text = e.describe()
    assert text.startswith("w = 2.00, b = -0.50: cost J = ") and f"{J:.3f}" in text
    assert "ŷ = ½ at x = 0.25" in text and "\n" not in text
    e.update(w=0.0, b=10.0)  # a flat curve: no threshold at all
    assert "flat curve" in e.describe() and e.describe().startswith("w = 0.00, b = 10.00")
    e.update(w=0.5, b=10.0)  # the threshold x = -20 lies off the plot
    assert "off the plot" in e.describe()
    e.update(w=10.0, b=-10.0)
    assert "w = 10.00" in e.describe()


def test_plots_return_dataclasses_that_update():
    import matplotlib.pyplot as plt

    fig, (a1, a2) = plt.subplots(1, 2)
    fit = plots.plot_sigmoid_fit(a1, [-1.0, 0.0, 1.0, 2.0], [0, 0, 1, 1], 1.0, 0.0)
    assert fit.update(2.0, -1.0) is fit and fit.threshold_visible(2.0, -1.0)
    np.testing.assert_allclose(fit.threshold.get_xdata(), [0.5, 0.5])
    assert not fit.threshold_visible(1.0, -100.0)
    X2 = np.array([[-1.0, 0.0], [1.0, 0.5], [0.0, 1.0], [2.0, -1.0]])
    boundary = plots.plot_decision_boundary(a2, X2, [0, 1, 0, 1], [1.0, 0.0], 0.0)
    assert boundary.visible and boundary.image in boundary.artists
    assert not boundary.update(np.zeros(2), 0.0).visible  # w = 0: no boundary
    plt.close(fig)


def test_sigmoid_explorer_describe_at_w_zero_and_no_negative_zero():
    import matplotlib
    matplotlib.use("Agg")
    from lecture_utils.widgets import SigmoidExplorer
    s = SigmoidExplorer(w=0.0, b=0.0)
    assert "flat curve" in s.describe() and "off the plot" not in s.describe()
    s.update(w=1.0, b=0.0)
    assert "x = 0.00" in s.describe() and "-0.00" not in s.describe()


def test_sigmoid_explorers_reference_optimum_is_where_the_gradient_vanishes():
    """The best fit it shows (the course's trainer, at a rate that takes fewer steps) is the
    optimum: J's gradient is zero there, and a rate of 1 reaches the same printed digits."""
    from lecture_utils.logistic import LogisticRegression, gradients

    e = SigmoidExplorer(feature="mean_radius")
    w, b, best = e.best
    dw, db = gradients(e.x[:, None], e.y, np.array([w]), b)
    assert abs(dw[0]) < 1e-5 and abs(db) < 1e-5
    slow = LogisticRegression(learning_rate=1.0, max_steps=3000, tol=1e-12).fit(e.x[:, None], e.y)
    assert f"{slow.w_[0]:.2f} {slow.b_:.2f} {slow.cost_history_[-1]:.3f}" == f"{w:.2f} {b:.2f} {best:.3f}"
    assert SigmoidExplorer(feature="mean_radius").best is e.best  # trained once per feature
