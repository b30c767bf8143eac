"""LineExplorer (notebook 00), drawn in the browser: the data it sends, checked exactly.

Every state a student can reach by dragging is in its tables; a move in the browser draws
``lookup(...)``, so the tables must equal what numpy computes for y = w x + b at every stop.
"""

import json

import numpy as np
from conftest import visible_text

from lecture_utils.widgets import LineExplorer
from lecture_utils.widgets.intro import X

STOPS = np.round(np.arange(-30, 31) / 10, 1)  # the sliders' 61 stops, -3.0 ... 3.0


def test_describe_keeps_slider_format_and_off_step_values():
    e = LineExplorer(w=1.0, b=0.5)
    assert e.describe().startswith("slope w = 1.0, intercept b = 0.5:")
    e.update(w=0.04, b=-0.04)  # between slider steps (set from code): not "rises by 0.0", not "-0.0"
    assert "rises by 0.04" in e.describe() and "crosses the y-axis at -0.04" in e.describe()
    assert "y = 0.04 x - 0.04" in e.state["title"]
    np.testing.assert_array_equal(e.state["line_y"], 0.04 * X - 0.04)  # exact, not the nearest stop
    e.update(w=0.0, b=-0.0)
    assert e.describe() == "slope w = 0, intercept b = 0.0: a flat line at y = 0.0; y does not depend on x"


def test_every_reachable_state_is_shipped_and_equals_numpy():
    e = LineExplorer(w=1.0, b=0.5)
    spec = e.widget.spec
    controls = {c["name"]: c for c in spec["controls"]}
    assert controls["w"]["values"] == controls["b"]["values"] == STOPS.tolist()
    assert controls["w"]["labels"] == [f"{v:.2f}" for v in STOPS]
    line, intercept = e.sent_tables()
    assert line["depends"] == ["w", "b"] and intercept["depends"] == ["b"]  # factorised: b alone moves the dot
    ww, bb = np.meshgrid(STOPS, STOPS, indexing="ij")
    expected = ww.ravel()[:, None] * X + bb.ravel()[:, None]
    np.testing.assert_array_equal(np.array(line["data"]["line_y"]), expected)
    np.testing.assert_array_equal(np.array(intercept["data"]["intercept_y"]).ravel(), STOPS)
    assert len(line["data"]["description"]) == STOPS.size ** 2


def test_what_the_browser_looks_up_equals_the_exact_state():
    e = LineExplorer(w=1.0, b=0.5)
    for w, b in [(-3.0, -3.0), (-0.1, 0.0), (0.0, 2.5), (1.3, -0.7), (3.0, 3.0)]:
        shown = e.lookup(w=w, b=b)
        e.update(w=w, b=b)
        assert shown["description"] == e.description
        assert shown["title"] == e.state["title"] and shown["note"] == e.state["note"]
        np.testing.assert_array_equal(shown["line_y"], e.state["line_y"])
        np.testing.assert_array_equal(shown["intercept_y"], [b])


def test_flat_line_is_explained_in_words():
    e = LineExplorer(w=0.0, b=1.0)
    assert e.state["note"] == "w = 0: a flat line - y does not depend on x"
    assert "flat line" in e.description
    assert e.lookup(w=0.1)["note"] == ""


def test_controls_are_named_by_their_labels_and_announce_the_shown_value():
    controls = LineExplorer().widget.spec["controls"]
    assert [(c["name"], c["label"], c["kind"]) for c in controls] == [
        ("w", "slope w", "range"), ("b", "intercept b", "range")]
    assert controls[0]["labels"][0] == "-3.00" and controls[0]["labels"][40] == "1.00"  # the readout's format


def test_a_move_in_the_browser_reaches_python_without_a_redraw_sent_back():
    e = LineExplorer(w=1.0, b=0.5)
    sent = []
    e.widget.observe(lambda change: sent.append(change["name"]), names=["state", "spec"])
    e.widget.values = {"w": 15, "b": 50}  # the stops the browser syncs once the student stops
    assert e.params == {"w": -1.5, "b": 2.0}
    assert e.description.startswith("slope w = -1.5, intercept b = 2.0:")
    assert sent == []  # the browser already shows it
    assert e.widget.state["_at"] != e.widget.values  # so a view opened now draws from the tables


def test_update_from_python_sends_the_new_state():
    e = LineExplorer(w=1.0, b=0.5)
    e.update(w=2.0)
    assert e.widget.values == {"w": 50, "b": 35}  # the sliders' stops of 2.0 and 0.5
    assert e.widget.state["_readouts"] == {"w": "2.00", "b": "0.50"}
    assert e.widget.state["_at"] == {"w": 50, "b": 35}  # the stops this exact state is for
    assert e.widget.state["description"] == e.description
    assert e.widget.state["line_y"] == (2.0 * X + 0.5).tolist()
    json.dumps(e.widget.spec, allow_nan=False)  # valid JSON for the browser: no NaN anywhere
    assert len(e.widget.tables) < 100_000  # 3,721 states of text and lines, compressed


def test_display_carries_the_widget_a_static_picture_and_its_alt_text():
    e = LineExplorer(w=1.0, b=0.5)
    bundle = e._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.jupyter.widget-view+json", "image/png", "text/plain"}
    assert bundle["text/plain"].startswith("Line explorer: y = w x + b — slope w = 1.0, intercept b = 0.5:")
    text = visible_text(e.figure)  # the static picture shows the same marks' text
    assert "y = 1.0 x + 0.5" in text and "x" in text.splitlines()
