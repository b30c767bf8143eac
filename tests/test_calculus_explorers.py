"""The explorers of notebook 04: driven over their whole ranges, and what they show."""

import math

import numpy as np
import pytest
from support import sweep

from lecture_utils.calculus import Value
from lecture_utils.widgets import BackpropExplorer, SecantExplorer
from lecture_utils.widgets.backprop import lecture_graph
from lecture_utils.widgets.secant import SECANT_FUNCTIONS


def shown_text(artist):
    return artist.get_text() if artist.get_visible() else ""


# --- SecantExplorer ------------------------------------------------------------------------
def test_secant_every_function_at_its_lecture_point():
    e = SecantExplorer(eps=1e-4)
    for name, (f, df, lower, _) in SECANT_FUNCTIONS.items():
        e.update(function=name, x0=1.5)
        slope = (f(1.5 + 1e-4) - f(1.5)) / 1e-4
        assert f"= {slope:.10g}" in e.ax.get_title()
        assert f"f′(x₀) = {float(df(1.5)):.10g};" in e.slope_text.get_text()


def test_secant_slope_of_the_lecture_examples():
    e = SecantExplorer(function="x² + 1", x0=2.0, eps=0.01)
    assert "= 4.01" in e.ax.get_title()  # (2.01² + 1 − 5) / 0.01 = 4.01
    e.update(function="2x + 1")
    assert e.ax.get_title().endswith("/ ε = 2")  # (5.02 − 5) / (2.01 − 2) = 0.02 / 0.01 = 2
    assert "f′(x₀) = 2;" in e.slope_text.get_text()


def test_secant_turns_into_tangent_and_round_off_is_named():
    e = SecantExplorer(function="x² + 1", x0=2.0, eps=1.0)
    x, y = e.sec.secant.get_data()
    assert (y[1] - y[0]) / (x[1] - x[0]) == pytest.approx(5.0)  # (10 - 5) / 1
    assert shown_text(e.err_note) == ""
    e.update(eps=1e-6)
    x, y = e.sec.secant.get_data()
    assert (y[1] - y[0]) / (x[1] - x[0]) == pytest.approx(4.0, abs=1e-5)
    assert "secant lies on top of the tangent" in shown_text(e.note)
    e.update(eps=1e-12)
    assert "round-off" in shown_text(e.err_note)
    dot_err = e.err_dot.get_data()[1][0]
    assert 1e-7 < dot_err < 1e-1  # round-off makes the tiny secant worse than eps = 1e-6


def test_secant_outside_domain_says_so():
    e = SecantExplorer(function="ln x", x0=-1.0)
    assert "only defined for x > 0" in shown_text(e.note)
    assert not e.sec.secant.get_visible()
    e.update(x0=1.0)
    assert e.sec.secant.get_visible() and shown_text(e.note) == ""


@pytest.mark.parametrize("kwargs, error, match", [
    ({"function": "sin x"}, ValueError, r"function must be one of \['x² \+ 1'.*got 'sin x'"),
    ({"function": None}, ValueError, r"function must be one of .* got None"),
    ({"x0": "2"}, TypeError, r"x0 must be a real number, got str '2'"),
    ({"x0": float("nan")}, ValueError, r"x0 must be a finite number, got nan"),
    ({"eps": 0.0}, ValueError, r"eps must be positive, got 0.0"),
    ({"eps": np.ones(2)}, TypeError, r"eps must be a real number, got an array of shape \(2,\)"),
])
def test_secant_rejects_bad_settings(kwargs, error, match):
    with pytest.raises(error, match=match):
        SecantExplorer(**kwargs)


@pytest.mark.parametrize("step, error, match", [
    ("3", TypeError, r"step must be a whole number, got str '3'"),
    (2.5, TypeError, r"step must be a whole number, got float 2.5"),
    (-1, ValueError, r"step must be at least 0, got -1"),
])
def test_backprop_rejects_bad_step(step, error, match):
    with pytest.raises(error, match=match):
        BackpropExplorer(step=step)


def test_secant_error_curve_shows_only_the_widths_tried():
    e = SecantExplorer(function="x² + 1", x0=2.0, eps=1.0)
    assert len(e.err_line.get_data()[0]) == 1  # the opening picture does not give the answer away
    e.update(eps=1e-6)
    eps_shown = e.err_line.get_data()[0]
    assert eps_shown.min() == pytest.approx(1e-6) and eps_shown.max() == 1.0


def test_secant_describe_says_what_dominates():
    e = SecantExplorer(function="x² + 1", x0=2.0, eps=0.01)
    assert e.describe() == ("f(x) = x² + 1, x₀ = 2.0, ε = 1.0e-02: secant slope 4.01, f′(x₀) = 4, "
                            "error 1.0e-02: the error shrinks as ε shrinks")
    e.update(eps=1e-13)
    assert e.describe().endswith("worse than at larger ε: round-off noise")
    e.update(function="2x + 1", eps=0.5)
    assert e.describe().endswith(": the secant has the tangent's slope")
    e.update(function="ln x", x0=-1.0)
    assert e.describe() == ("f(x) = ln x, x₀ = -1.0, ε = 5.0e-01: ln x is only defined for x > 0, "
                            "so there is no secant here")


def test_secant_picture_changes_with_eps():
    e = SecantExplorer()
    first = e.png
    e.update(eps=1e-3)
    assert e.png != first and e.png.startswith(b"\x89PNG")


# --- BackpropExplorer ----------------------------------------------------------------------
def test_backprop_steps_walk_the_lecture_graph():
    e = BackpropExplorer()
    f = e.root
    steps = e.controls["step"].max
    assert steps == 1 + 5  # seed, then f, s, u, v, a (the 5 operations)
    texts = lambda: [e.box_text(n) for n in e.order]
    e.update(step=0)
    assert all(t.endswith("grad ?") for t in texts())
    e.update(step=1)
    assert e.box_text(f).endswith("grad 1")
    assert sum(t.endswith("grad ?") for t in texts()) == len(texts()) - 1
    e.update(step=steps)
    by_label = {n.label: n for n in e.order if n.label}
    assert by_label["x"].grad == pytest.approx(math.log(6) + 9)
    assert by_label["y"].grad == pytest.approx(0.5)
    assert by_label["z"].grad == pytest.approx(6.0)
    assert "Done - the gradient: ∂f/∂x = 10.792,  ∂f/∂y = 0.5,  ∂f/∂z = 6." in e.state["explanation"]


def test_backprop_step_explains_local_derivatives():
    e = BackpropExplorer(step=3)  # seed, f, then s = u + v
    text = e.state["explanation"]
    assert text.startswith("Node s = u + v passes ∂f/∂s = 1 back.")
    assert "∂s/∂u = 1,  ∂s/∂v = 1" in text
    shown = [v for k, v in e.state.items() if k.startswith("edge") and k.endswith("_label") and v]
    assert "×10.8" in shown and "×1" in shown
    # the arrows into s (from u and v) are the active ones: drawn in vermillion and wider
    active = [k[:-len("_color")] for k, v in e.state.items() if k.endswith("_color") and k.startswith("edge")
              and not k.endswith("label_color") and v != "#777777"]
    assert len(active) == 2 and all(e.state[f"{k}_width"] == 2.2 for k in active)


def test_backprop_ships_every_step_and_the_browser_reads_the_same():
    e = BackpropExplorer()
    (table,) = e.sent_tables()
    assert table["depends"] == ["step"] and len(table["data"]["description"]) == 7
    for step in range(7):
        shown = e.lookup(step=step)
        e.update(step=step)
        assert shown["description"] == e.description and shown["explanation"] == e.state["explanation"]
        assert [shown[f"grad{n}"] for n in range(len(e.order))] == [e.state[f"grad{n}"] for n in range(len(e.order))]
    # at the end every node's box says the gradient backward() leaves
    assert [e.box_text(n).rsplit("grad ", 1)[1] for n in e.order] == [f"{n.grad:.5g}" for n in e.order]


def test_backprop_reuse_graph_accumulates():
    a = Value(3.0, label="a")
    b = a + a
    b.label = "b"
    c = b + b
    c.label = "c"
    e = BackpropExplorer(c)
    e.update(step=2)
    assert e.box_text(b).endswith("grad 2")
    assert "∂b/∂a" not in e.state["explanation"] and "∂c/∂b = 1 + 1 = 2" in e.state["explanation"]
    e.update(step=3)
    assert e.box_text(a).endswith("grad 4")
    sweep(e)


def test_backprop_names_unlabelled_nodes_and_shows_running_sums():
    a = Value(3.0, label="a")
    c = (a + a) + (a + a) * 0  # unlabelled results: n1, n2, ...; output "out"
    e = BackpropExplorer(c)
    texts = [e.box_text(n) for n in e.order]
    assert any(t.startswith("n1 = · + ·") for t in texts)
    assert any(t.startswith("out = · + ·") for t in texts)
    b = a * a
    e = BackpropExplorer(b)
    e.update(step=2)
    assert "∂out/∂a += 3 × 1 → 3;  ∂out/∂a += 3 × 1 → 6." in e.state["explanation"]


def _explanation_box(e):
    """The explanation's text in the static picture (drawn now by matplotlib) and where it ends."""
    e.render_png()
    (text,) = [t for ax in e.figure.axes for t in ax.texts if t.get_text() == e.state["explanation"]]
    return text, text.get_window_extent(e.figure.canvas.get_renderer())


def test_backprop_explanations_fit_in_the_figure():
    xs = [Value(0.1 * i, label=f"x{i}") for i in range(1, 9)]
    ws = [Value(-0.2 * i, label=f"w{i}") for i in range(1, 9)]
    z = sum((x * w for x, w in zip(xs, ws)), Value(0.5, label="b"))
    loss = -(z.sigmoid().log())
    for root in (loss, xs[0] * 2):  # many inputs, and a graph narrower than the text
        e = BackpropExplorer(root)
        # One drawing; then the explanation (a mark that stays put, its words change per step)
        # is laid out with each step's words: all a step changes about where the text ends.
        explain, _ = _explanation_box(e)
        fig, renderer, widest = e.figure, e.figure.canvas.get_renderer(), (0.0, 0)
        for step in range(e.controls["step"].max + 1):
            explain.set_text(e.update(step=step).state["explanation"])
            box = explain.get_window_extent(renderer)
            assert box.x1 <= fig.bbox.x1 and box.y0 >= fig.bbox.y0, (step, e.state["explanation"])
            widest = max(widest, (box.width, step))
        # That layout is the drawing's: drawn at the widest step, the text ends where it said.
        explain.set_text(e.update(step=widest[1]).state["explanation"])
        expected = explain.get_window_extent(renderer)
        assert _explanation_box(e)[1].bounds == expected.bounds, widest


def test_backprop_neuron_graph():
    x, w, bias = Value(0.5, label="x"), Value(2.0, label="w"), Value(-1.0, label="b")
    p = (w * x + bias).sigmoid()
    loss = -(p.log())
    e = BackpropExplorer(loss)
    sweep(e)
    e.update(step=e.controls["step"].max)
    assert w.grad == pytest.approx(-(1 - p.data) * 0.5)


def test_backprop_steps_through_the_whole_pass_with_one_labelled_slider():
    e = BackpropExplorer()
    assert list(e.controls) == ["step"] and e.controls["step"].description == "step"
    assert e.controls["step"].max == len(e.snapshots) - 1


def test_backprop_explains_powers_with_the_exponent_as_data():
    z = Value(3.0, label="z")
    v = z ** 2
    v.label = "v"
    e = BackpropExplorer(v, step=2)
    assert e.state["explanation"].startswith("Node v = z² passes ∂v/∂v = 1 back.")
    assert e.box_text(v).startswith("v = (·)²")


def test_backprop_leaves_the_gradients_of_one_backward_pass():
    f = lecture_graph()
    f.backward()
    f.backward()  # stale, doubled gradients: the explorer starts from zero_grad()
    e = BackpropExplorer(f)
    e.update(step=e.controls["step"].max)
    by_label = {n.label: n for n in e.order if n.label}
    assert by_label["y"].grad == pytest.approx(0.5) and by_label["z"].grad == pytest.approx(6.0)


def test_backprop_describe_follows_the_steps():
    e = BackpropExplorer()
    assert e.describe() == ("Step 0 of 6: forward pass done, f = 10.792; no gradient known yet")
    e.update(step=1)
    assert e.describe() == "Step 1 of 6: the backward pass starts with ∂f/∂f = 1; not yet: x, y, z"
    e.update(step=2)
    assert e.describe() == ("Step 2 of 6: node f passes ∂f/∂f = 1 to x, s; "
                            "so far: ∂f/∂x = 10.792; not yet: y, z")
    e.update(step=6)
    assert e.describe() == "Step 6 of 6: node a passes ∂f/∂a = 0.16667 to y; done: " \
        "∂f/∂x = 10.792, ∂f/∂y = 0.5, ∂f/∂z = 6"
    a = Value(3.0, label="a")
    e = BackpropExplorer(a + a, step=2)  # a reused: one name, and its running sum
    assert e.describe() == "Step 2 of 2: node out passes ∂out/∂out = 1 to a; done: ∂out/∂a = 2"


def test_backprop_rejects_non_values():
    with pytest.raises(TypeError, match=r"root must be a lecture_utils.calculus.Value, got float"):
        BackpropExplorer(3.0)


def test_lecture_graph_values():
    f = lecture_graph()
    assert f.data == pytest.approx(math.log(6) + 9)


@pytest.mark.parametrize("cls", [SecantExplorer, BackpropExplorer])
def test_examples_build_and_describe_in_one_line(cls):
    assert cls.NOTEBOOK == "04" and cls.examples
    for kwargs in cls.examples.values():
        text = cls(**kwargs).describe()
        assert text and "\n" not in text


@pytest.mark.parametrize("function, x0, eps, ending", [
    # round-off already 100x worse than at 1e-8, but eps was not 30x below the grid's best width
    ("eˣ", -2.0, 1e-10, "worse than at larger ε: round-off noise"),
    ("ln x", 0.1, 1e-10, "worse than at larger ε: round-off noise"),
    # a line's secant error is round-off alone: it never "shrinks as ε shrinks"
    ("2x + 1", 3.0, 1e-4, "worse than at larger ε: round-off noise"),
    # x³ left of 0: the secant's error ε·|3x₀ + ε| grows from ε = 0.6 down to 0.3
    ("x³", -0.2, 0.5, "its error grows before it shrinks"),
    # at the bottom of the bowl the computed slope is 0 only because ε² vanished in round-off
    ("x² + 1", 0.0, 1e-8, "happens to hide the secant's own error (1.0e-08)"),
])
def test_secant_describe_names_the_real_cause(function, x0, eps, ending):
    e = SecantExplorer(function=function, x0=x0, eps=eps)
    assert e.describe().endswith(ending), e.describe()


def test_secant_sqrt_is_defined_at_zero_but_has_no_slope_there():
    # The notebook teaches that √x is defined at 0 but has no derivative there: the explorer agrees.
    e = SecantExplorer(function="√x", x0=0.0)
    assert "defined at 0 but has no derivative" in e.describe()
    assert "no derivative at 0" in shown_text(e.note) and not e.sec.secant.get_visible()
    e.update(x0=-1.0)
    assert e.describe().endswith("√x is only defined for x ≥ 0, so there is no secant here")


def test_secant_note_does_not_claim_the_tangent_when_round_off_tilts_it():
    e = SecantExplorer(function="x² + 1", x0=3.0, eps=1e-14)  # computed slope 6.2, not 6
    assert "round-off tilts the secant" in shown_text(e.note)
    e.update(x0=2.0, eps=1e-6)
    assert "secant lies on top of the tangent" in shown_text(e.note)
