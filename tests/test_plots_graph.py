"""Pictures of computation graphs (lecture_utils.plots.graph): layout, boxes, arrows, texts."""

import itertools

import numpy as np
import pytest

from lecture_utils import plots
from lecture_utils.calculus import Value
from lecture_utils.plots.graph import (
    OP_FORMATS,
    draw_graph,
    fmt,
    graph_layout,
    node_text,
    op_text,
)
from lecture_utils.widgets import backprop


# --- drawing ------------------------------------------------------------------------------
def lecture_graph():
    """The backprop explorer's lecture graph f = x (ln(3y) + z²); returns f and its named nodes."""
    f = backprop.lecture_graph()
    nodes = {node.label: node for node in f.topological_order()}
    return f, tuple(nodes[name] for name in "xyzuvs")


def neuron_graph():
    x1, x2, w1, w2 = Value(0.5, label="x1"), Value(-1.0, label="x2"), Value(2.0, label="w1"), Value(-0.5, label="w2")
    b, y = Value(0.1, label="b"), Value(1.0, label="y")
    p = (x1 * w1 + x2 * w2 + b).sigmoid()
    return -(y * p.log() + (1 - y) * (1 - p).log())


def boxes_overlap(art):
    ext = [b.get_extents() for b in art.boxes.values()]  # display coordinates
    for i in range(len(ext)):
        for j in range(i + 1, len(ext)):
            if ext[i].overlaps(ext[j]):
                return True
    return False


def test_draw_graph_lecture_example():
    f, (_x, _y, z, u, v, _s) = lecture_graph()
    f.backward()
    fig, ax = plots.new_figure((8, 3), 80, nrows=1)
    art = draw_graph(ax, f, show_local=True)
    assert len(art.boxes) == len(f.topological_order()) == 9
    assert art.texts[id(u)].get_text() == "u = ln(·)\nvalue 1.7918\ngrad 1"
    assert art.texts[id(v)].get_text() == "v = (·)²\nvalue 9\ngrad 1"
    assert art.texts[id(f)].get_text() == "f = · × ·\nvalue 10.792\ngrad 1"
    assert art.texts[id(z)].get_text() == "z\nvalue 3\ngrad 6"
    assert len(art.edges) == 8
    labels = {(c.label, p.label): t.get_text() for c, p, i, a, t in art.edges}
    assert labels[("z", "v")] == "×6" and labels[("x", "f")] == "×10.8"
    fig.canvas.draw()
    assert not boxes_overlap(art)
    pos = art.positions
    for child, parent, *_ in art.edges:  # inputs left of their results
        assert pos[id(child)][0] < pos[id(parent)][0]


def test_draw_graph_neuron_is_readable():
    L = neuron_graph()
    L.backward()
    fig, ax = plots.new_figure(plots.graph_figsize(L), 80, nrows=1)
    art = draw_graph(ax, L, show_grad=False)
    fig.canvas.draw()
    assert 15 <= len(art.boxes) <= 25
    assert not boxes_overlap(art)
    assert all(t.get_text().endswith("grad ?") for t in art.texts.values())
    pos = art.positions
    assert all(pos[id(c)][0] < pos[id(p)][0] for c, p, *_ in art.edges)


def test_no_arrow_passes_through_a_box():
    from lecture_utils.plots.graph import BOX_HEIGHT, BOX_WIDTH, _layout

    L = neuron_graph()
    pos, routes = _layout(L)
    assert any(routes.values())  # this graph has arrows that skip columns
    for (a, b), via in routes.items():
        (xa, ya), (xb, yb) = pos[a], pos[b]
        points = [(xa + BOX_WIDTH / 2, ya)]
        for vx, vy in via:
            points += [(vx - BOX_WIDTH / 2, vy), (vx + BOX_WIDTH / 2, vy)]
        points.append((xb - BOX_WIDTH / 2, yb))
        others = [p for k, p in pos.items() if k not in (a, b)]
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            for t in np.linspace(0, 1, 25):
                px, py = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
                for (x, y) in others:
                    inside = abs(px - x) < BOX_WIDTH / 2 and abs(py - y) < BOX_HEIGHT / 2
                    assert not inside, f"an arrow crosses the box at {(x, y)}"


def test_reused_node_gets_two_arrows():
    a = Value(1.0, label="a")
    b = a + a
    fig, ax = plots.new_figure((4, 2), 80, nrows=1)
    art = draw_graph(ax, b)
    arrows = [e.arrow for e in art.edges]
    assert len(arrows) == 2
    fig.canvas.draw()
    paths = [a.get_path().vertices for a in arrows]  # drawn apart, not on top of each other
    assert abs(paths[0][:, 1].mean() - paths[1][:, 1].mean()) > 0.2


def test_layout_handles_long_chains():
    v = Value(1.0)
    for _ in range(3000):
        v = v.tanh()
    pos = graph_layout(v)
    assert len(pos) == 3001 and len({p for p in pos.values()}) == 3001


def test_draw_graph_refuses_non_values():
    _fig, ax = plots.new_figure((3, 2), 80, nrows=1)
    with pytest.raises(TypeError, match=r"draw_graph draws a lecture_utils.calculus.Value, got float"):
        draw_graph(ax, 3.0)


def test_node_text_unknown_gradient():
    assert node_text(Value(2.5), grad=None) == "2.5\nvalue 2.5\ngrad ?"
    assert node_text(Value(-0.0, label="t")) == "t\nvalue 0\ngrad 0"


def test_op_text_one_table_for_boxes_and_formulas():
    x = Value(2.0, label="x")
    cases = [(x ** 2, "(·)²", ["z"], "z²"), (x ** -1, "(·)⁻¹", ["n1"], "n1⁻¹"),
             (x ** 0.5, "(·)^0.5", ["a"], "a^0.5"), (2 ** x, "2^(·)", ["x"], "2^x"),
             (x * 3, "· × ·", ["x", "3"], "x × 3"), (x.log(), "ln(·)", ["a"], "ln(a)"),
             (-x, "−·", ["x"], "−x"), (x.sigmoid(), "σ(·)", ["z"], "σ(z)")]
    for node, box, names, formula in cases:
        assert (op_text(node), op_text(node, names)) == (box, formula)
    assert set(OP_FORMATS) >= {"+", "-", "*", "/", "neg", "pow", "rpow", "exp", "log",
                               "sigmoid", "tanh", "relu"}


def test_graph_artists_update_after_a_backward_pass():
    f, (x, *_) = lecture_graph()
    _fig, ax = plots.new_figure((8, 3), 80, nrows=1)
    art = draw_graph(ax, f, show_grad=False)
    assert art.texts[id(x)].get_text().endswith("grad ?")
    assert not any(e.label.get_visible() for e in art.edges)
    f.backward()
    assert art.update(show_local=True) is art
    assert art.texts[id(x)].get_text() == "x\nvalue 1\ngrad 10.792"
    assert all(e.label.get_visible() and e.label.get_text().startswith("×") for e in art.edges)
    assert len(art.all()) == 2 * len(art.boxes) + 2 * len(art.edges)


def test_fmt_is_the_one_number_format():
    assert (fmt(-0.0), fmt(10.7917595), fmt(1 / 6, 3), fmt(2.0)) == ("0", "10.792", "0.167", "2")


@pytest.mark.parametrize("call, error, match", [
    (lambda: plots.draw_graph(None, Value(1.0)), TypeError, r"ax must be a matplotlib Axes.*got NoneType"),
    (lambda: plots.graph_figsize("f"), TypeError, r"graph_figsize sizes the graph of a .*Value, got str"),
    (lambda: plots.graph_figsize(Value(1.0), scale="2"), TypeError, r"scale must be a positive number, got str"),
    (lambda: plots.graph_figsize(Value(1.0), scale=0), ValueError, r"scale must be a positive number, got 0"),
])
def test_graph_helpers_name_a_bad_argument(call, error, match):
    with pytest.raises(error, match=match):
        call()
