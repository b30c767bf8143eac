"""The explorers of notebook 04: driven over their whole ranges, and what they show."""

import math

import numpy as np
import pytest
from support import sweep

from lecture_utils.calculus import Value
from lecture_utils.widgets import BackpropExplorer, SecantExplorer, _scene
from lecture_utils.widgets._tables import stops
from lecture_utils.widgets.backprop import lecture_graph
from lecture_utils.widgets.secant import SECANT_FUNCTIONS

# --- SecantExplorer ------------------------------------------------------------------------
_XLIM = (-2.0, 4.2)
_GRID = np.logspace(-14, 0, 113)


def old_secant(function, x0, eps):
    """What the PNG-path SecantExplorer (before the browser port) drew and said at these settings:
    its formulas, with Python floats, kept here as the reference the shipped states must match."""
    f, df, lower, _ = SECANT_FUNCTIONS[function]
    head = f"f(x) = {function}, x₀ = {x0:.1f}, ε = {eps:.1e}"
    if lower is not None and not x0 > lower:
        sqrt0 = function == "√x" and x0 == 0
        outside = ("√x is defined at 0 but has no derivative there (a vertical tangent), so there is no slope to "
                   "approach" if sqrt0 else "√x is only defined for x ≥ 0, so there is no secant here"
                   if function == "√x" else f"{function} is only defined for x > 0, so there is no secant here")
        why = "√x has no derivative at 0\n(its tangent is vertical)" if sqrt0 else outside.split(", so")[0]
        return {"description": f"{head}: {outside}", "note": f"{why}:\nmove x₀ to the right", "err_note": "",
                "title": f"f(x) = {function}", "slope_text": "", "round_off_label": False, "slope": None}
    y0, y1 = float(f(x0)), float(f(x0 + eps))  # plots.SecantArtists.update
    slope = (y1 - y0) / eps
    exact = float(df(x0))
    errors = np.maximum(np.abs((f(x0 + _GRID) - f(x0)) / _GRID - exact), 1e-13)
    err = abs(slope - exact)
    true_slope = {"x² + 1": lambda e: 2 * x0 + e, "2x + 1": lambda e: 2.0,
                  "x³": lambda e: 3 * x0 ** 2 + 3 * x0 * e + e ** 2,
                  "√x": lambda e: 1 / (np.sqrt(x0 + e) + np.sqrt(x0)), "ln x": lambda e: np.log1p(e / x0) / e,
                  "eˣ": lambda e: np.exp(x0) * np.expm1(e) / e}[function]
    truncation = abs(true_slope(eps) - exact)
    rounding = abs(slope - true_slope(eps))
    round_off = bool(rounding > 1e-12 and rounding >= truncation)
    larger = errors[_GRID > eps * (1 + 1e-9)]
    worse = bool(larger.size and err > 2 * larger.min())
    best = int(np.argmin(larger)) if larger.size else None
    shrinking = abs(true_slope(eps / 10 ** 0.25) - exact) < truncation
    line = f"{head}: secant slope {slope:.10g}, f′(x₀) = {exact:.10g}, error {err:.1e}"
    if round_off and worse:
        tail = (f" (it was {larger[best]:.1e} at ε = {_GRID[_GRID > eps * (1 + 1e-9)][best]:.1e}), "
                "worse than at larger ε: round-off noise")
    elif round_off and err < truncation / 2:
        tail = f": round-off noise, which here happens to hide the secant's own error ({truncation:.1e})"
    elif round_off:
        tail = ": round-off noise now outweighs the secant's own error"
    elif err < 1e-12:
        tail = ": the secant has the tangent's slope"
    elif shrinking:
        tail = ": the error shrinks as ε shrinks"
    else:
        tail = ": the secant is not the tangent yet, and here its error grows before it shrinks"
    note = ("" if eps >= 1e-3 else "tiny ε: the secant lies on top of the tangent" if err < 1e-3 * (1 + abs(exact))
            else "tiny ε, but round-off tilts the secant\naway from the tangent")
    err_note = (f"ε = {eps:.0e}: round-off! f(x₀+ε) and f(x₀) agree\nin almost all their digits, so their "
                "difference\nis mostly rounding noise") if round_off and err > 1e-9 else ""
    big = eps >= 0.15
    return {"description": line + tail, "note": note, "err_note": err_note, "slope": slope, "exact": exact,
            "err": err, "y0": y0, "y1": y1, "errors": errors, "round_off_label": eps < 1e-6,
            "title": (f"f(x) = {function},  x₀ = {x0:.1f},  ε = {eps:.1e}\n"
                      f"secant slope (f(x₀+ε) − f(x₀)) / ε = {slope:.10g}"),
            "slope_text": f"f′(x₀) = {exact:.10g};  error of the secant slope = {err:.1e}",
            "run_text": f"width ε = {eps:.3g}" if big else "", "rise_text": f"height {y1 - y0:.3g}" if big else ""}


def shown(state, key):
    """A text as the picture shows it: the template of ``state`` filled from it."""
    return _scene.fill(str(state[key]), state)


def secant_slope(state):
    (y0, y1), (x0, x1) = state["secant_y"], _XLIM  # the secant spans the panel's x-range
    return (y1 - y0) / (x1 - x0)


@pytest.fixture(scope="module")
def secant():
    return SecantExplorer()


def test_secant_every_function_at_its_lecture_point():
    e = SecantExplorer(eps=1e-4)
    for name, (f, df, lower, _) in SECANT_FUNCTIONS.items():
        e.update(function=name, x0=1.5)
        slope = (f(1.5 + 1e-4) - f(1.5)) / 1e-4
        assert f"= {slope:.10g}" in e.text("title")
        assert f"f′(x₀) = {float(df(1.5)):.10g};" in e.text("slope_text")


def test_secant_slope_of_the_lecture_examples():
    e = SecantExplorer(function="x² + 1", x0=2.0, eps=0.01)
    assert "= 4.01" in e.text("title")  # (2.01² + 1 − 5) / 0.01 = 4.01
    e.update(function="2x + 1")
    assert e.text("title").endswith("/ ε = 2")  # (5.02 − 5) / (2.01 − 2) = 0.02 / 0.01 = 2
    assert "f′(x₀) = 2;" in e.text("slope_text")


def test_secant_turns_into_tangent_and_round_off_is_named():
    e = SecantExplorer(function="x² + 1", x0=2.0, eps=1.0)
    assert secant_slope(e.state) == pytest.approx(5.0)  # (10 - 5) / 1
    assert e.text("err_note") == ""
    e.update(eps=1e-6)
    assert secant_slope(e.state) == pytest.approx(4.0, abs=1e-5)
    assert "secant lies on top of the tangent" in e.text("note")
    e.update(eps=1e-12)
    assert "round-off" in e.text("err_note")
    dot_err = 10 ** e.state["dot_y"][0]
    assert 1e-7 < dot_err < 1e-1  # round-off makes the tiny secant worse than eps = 1e-6


def test_secant_outside_domain_says_so():
    e = SecantExplorer(function="ln x", x0=-1.0)
    assert "only defined for x > 0" in e.text("note")
    assert np.isnan(e.state["secant_y"]).all() and np.isnan(e.state["err_y"]).all()  # no secant, no error curve
    assert np.isnan(e.state["dot_y"]).all() and e.text("slope_text") == "" and e.text("round_off_label") == ""
    e.update(x0=1.0)
    assert np.isfinite(e.state["secant_y"]).all() and e.text("note") == ""


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
    tried = lambda: 10 ** np.asarray(e.state["err_x"])[np.isfinite(e.state["err_x"])]
    assert len(tried()) == 1  # the opening picture does not give the answer away
    e.update(eps=1e-6)
    assert tried().min() == pytest.approx(1e-6) and tried().max() == 1.0
    assert np.isfinite(e.state["err_y"]).all()  # the curve is there: the widths tried are what show it


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


def test_secant_static_picture_says_what_the_browser_says():
    e = SecantExplorer(function="x² + 1", x0=3.0, eps=1e-14)
    e.render_png()
    words = "\n".join(t.get_text() for ax in e.figure.axes for t in ax.texts + [ax.title] if t.get_text())
    for key in ("title", "slope_text", "note", "err_note", "round_off_label"):
        assert e.text(key) and e.text(key) in words, key
    assert "secant ≠ tangent" in words and "secant through x₀ and x₀ + ε" in words


@pytest.mark.slow
def test_secant_every_shipped_state_says_what_the_old_explorer_said(secant):
    # Every state the browser can reach, read from the tables as a move in the page reads them, against
    # the PNG-path explorer's own formulas: same words, same numbers to the digits it printed.
    functions, points, widths = (stops(secant.controls[k])[0] for k in ("function", "x0", "eps"))
    checked = 0
    for name in functions:
        for x0 in points:
            for k, eps in enumerate(widths):
                old, state = old_secant(name, x0, eps), secant.lookup(function=name, x0=x0, eps=eps)
                for key in ("description", "note", "err_note", "title", "slope_text"):
                    assert shown(state, key) == old[key], (name, x0, eps, key)
                assert bool(state["round_off_label"]) == old["round_off_label"]
                if old["slope"] is None:
                    assert np.isnan(state["secant_y"]).all() and np.isnan(state["err_y"]).all()
                    continue
                assert state["slope"] == old["slope"] and state["exact"] == old["exact"] and state["err"] == old["err"]
                assert shown(state, "run_text") == old["run_text"]
                assert shown(state, "rise_text") == old["rise_text"]
                if k % 8 == 0:  # the curve, the triangle and the dot where they are drawn (pixels, not digits)
                    np.testing.assert_allclose(state["err_y"], np.log10(old["errors"]), atol=0.006)
                    np.testing.assert_allclose(state["rise_y"], [old["y0"], old["y1"]], rtol=1e-12, atol=1e-12)
                    assert state["dot_y"][0] == pytest.approx(np.log10(max(old["err"], 1e-13)), abs=1e-12)
                checked += 1
    assert checked == len(functions) * len(points) * len(widths) - 42 * 57  # √x at x0 <= 0, ln x at x0 <= 0


@pytest.mark.parametrize("function, x0, eps", [("x² + 1", 0.25, 3e-7), ("ln x", 0.05, 2e-13), ("x³", -0.15, 0.4),
                                               ("eˣ", 2.95, 0.2), ("√x", 1e-9, 1e-14), ("2x + 1", -2.0, 1.0)])
def test_secant_between_stops_is_computed_exactly(function, x0, eps):
    e = SecantExplorer(function=function, x0=x0, eps=eps)
    old = old_secant(function, x0, eps)
    for key in ("description", "note", "err_note", "title", "slope_text", "run_text", "rise_text"):
        assert e.text(key) == old[key], key
    assert e.state["slope"] == old["slope"]
    e.update(x0=1.0, eps=1e-5)  # on stops again: the exact state is what the tables hold
    shown_there = e.lookup()
    assert e.description == shown(shown_there, "description") and e.state["slope"] == shown_there["slope"]


def test_secant_ships_small_tables():
    e = SecantExplorer()  # its build time is measured by make bench, not asserted here
    assert len(e.widget.tables) < 200_000
    tables = {tuple(t["depends"]): t["data"] for t in e.sent_tables()}
    # Per state only numbers and case indices travel: no sentence per state.
    assert all(not isinstance(v[0], str) for v in tables[("function", "x0", "eps")].values())
    assert len(tables[("function", "x0", "eps")]["case"]) == 6 * 51 * 57
    assert [tuple(v) for v in tables[("function",)]["ylim"]] == [spec[3] for spec in SECANT_FUNCTIONS.values()]


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
    assert "no derivative at 0" in e.text("note") and np.isnan(e.state["secant_y"]).all()
    e.update(x0=-1.0)
    assert e.describe().endswith("√x is only defined for x ≥ 0, so there is no secant here")


def test_secant_note_does_not_claim_the_tangent_when_round_off_tilts_it():
    e = SecantExplorer(function="x² + 1", x0=3.0, eps=1e-14)  # computed slope 6.2, not 6
    assert "round-off tilts the secant" in e.text("note")
    e.update(x0=2.0, eps=1e-6)
    assert "secant lies on top of the tangent" in e.text("note")
