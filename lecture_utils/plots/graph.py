"""Pictures of computation graphs (notebook 04): a :class:`lecture_utils.calculus.Value`'s
graph drawn with plain matplotlib (boxes and arrows, no graphviz).

Each node shows its operation, its value and its gradient; inputs on the left, the result on
the right. :data:`OP_FORMATS` is the one table of how operations read, used by the boxes
here and by the explanations of :class:`lecture_utils.widgets.BackpropExplorer`.
"""

from dataclasses import dataclass, field
from typing import NamedTuple

from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path
from matplotlib.text import Text

from .._validation import as_real, check_drawn, checks_axes
from ..calculus import Value
from ._graph_layout import BOX_HEIGHT, BOX_WIDTH, _layout, graph_figsize, graph_layout
from .artists import Artists
from .style import PALETTE

__all__ = ["GraphArtists", "draw_graph", "graph_figsize", "graph_layout", "node_text"]

# Fill colours of the node kinds (light, so black text stays readable).
NODE_COLORS = {
    "input": "#d6ecfa",     # a labelled leaf: a variable we want the gradient of
    "constant": "#eeeeee",  # an unlabelled leaf: a plain number in the formula
    "op": "#ffffff",        # an intermediate result
    "output": "#d4efe6",    # the root
}
EDGE_COLOR = "#777777"
LINESPACING = 1.25  # of the text in a box

# The one table of how operations read: {0}, {1} are the operands, {k} the op's number
# (the exponent of "pow", the base of "rpow"; see Value.op_arg).
OP_FORMATS = {
    "+": "{0} + {1}", "-": "{0} − {1}", "*": "{0} × {1}", "/": "{0} / {1}", "neg": "−{0}",
    "exp": "exp({0})", "log": "ln({0})", "sigmoid": "σ({0})", "tanh": "tanh({0})",
    "relu": "relu({0})", "pow": "{0}{k}", "rpow": "{k}^{0}",
}
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


#: Most nodes draw_graph lays out: 50 nodes already take seconds, 3000 took minutes.
MAX_NODES = 60


def fmt(v, digits=5):
    """The one way numbers are written in graph pictures and their explanations."""
    return f"{v + 0.0:.{digits}g}"  # + 0.0 turns -0.0 into 0.0


def _atom(text):
    """``text`` ready to carry an exponent: "x", "n1", "2" stay; "·" or "a + b" get brackets."""
    return text if text.replace(".", "").isalnum() else f"({text})"


def op_text(node, names=None):
    """How a node's operation reads: "· + ·", "ln(·)", "(·)²", or with ``names`` "u + v", "z²".

    Parameters
    ----------
    node : Value
    names : sequence of str, optional
        What to call the operands (default "·" for each).
    """
    names = list(names) if names is not None else ["·"] * len(node.children)
    if node.op not in OP_FORMATS:
        return node.op
    k = node.op_arg
    if node.op == "pow":
        k = fmt(k).translate(_SUPERSCRIPT) if float(k).is_integer() else f"^{fmt(k)}"
        names = [_atom(n) for n in names]
    elif node.op == "rpow":
        k, names = fmt(k), [_atom(n) for n in names]
    return OP_FORMATS[node.op].format(*names, k=k)


def node_title(node):
    """First line of a node's box: ``label = operation``, the label, or the number."""
    if node.op:
        return f"{node.label} = {op_text(node)}" if node.label else op_text(node)
    return node.label or fmt(node.data)


def node_text(node, grad="current"):
    """The three lines written in a node's box: title, value, gradient.

    ``grad`` is "current" (``node.grad``), a number, or None (drawn as "?": not known yet).
    """
    if isinstance(grad, str) and grad == "current":
        grad = node.grad
    elif grad is not None:
        grad = as_real(grad, "grad", finite=False)  # "current", a number, or None - nothing else
    g = "?" if grad is None else fmt(grad)
    return f"{node_title(node)}\nvalue {fmt(node.data)}\ngrad {g}"


def node_kind(node, root):
    if node is root:
        return "output"
    if node.op:
        return "op"
    return "input" if node.label else "constant"


class Edge(NamedTuple):
    """One arrow of a graph picture: ``child`` is operand number ``index`` of ``parent``."""

    child: Value
    parent: Value
    index: int
    arrow: FancyArrowPatch
    label: Text  # the local derivative, at the arrow's last stretch


@dataclass
class GraphArtists(Artists):
    """What :func:`draw_graph` drew; :meth:`update` rewrites it after the numbers change.

    ``nodes`` lists the graph's Values inputs-first; ``boxes``, ``texts`` and ``positions`` are
    keyed by ``id(node)``; ``edges`` holds one :class:`Edge` per operand.
    """

    nodes: list
    boxes: dict = field(default_factory=dict)
    texts: dict = field(default_factory=dict)
    positions: dict = field(default_factory=dict)
    edges: list = field(default_factory=list)
    linespacing: float = LINESPACING

    def update(self, *, show_grad=True, show_local=False):
        """Rewrite every box from its node's current value and ``.grad`` (after a backward pass)."""
        for node in self.nodes:
            self.texts[id(node)].set_text(node_text(node, node.grad if show_grad else None))
        for edge in self.edges:
            edge.label.set_text(f"×{fmt(edge.parent.local_grads[edge.index], 3)}")
            edge.label.set_visible(show_local)
        return self

    def all(self):
        """Every artist, as a flat list: boxes, texts, then arrows and their labels."""
        return (list(self.boxes.values()) + list(self.texts.values())
                + [e.arrow for e in self.edges] + [e.label for e in self.edges])


@checks_axes
def draw_graph(ax, root, *, show_grad=True, show_local=False, fontsize=8.5):
    """Draw the computation graph of a ``Value`` on ``ax``: boxes for values, arrows for uses.

    Each box shows the node's operation (with its label), its value and its gradient
    (``grad ?`` when ``show_grad`` is false). Inputs are on the left, the result on the right.
    Colours: blue = labelled inputs, grey = constants, green = the result.

    Parameters
    ----------
    ax : matplotlib Axes
        Its axis frame is turned off and its limits set to the graph.
    root : lecture_utils.calculus.Value
    show_grad : bool
        Write each node's ``.grad`` (call ``root.backward()`` first) or "?".
    show_local : bool
        Write each arrow's local derivative ``d(parent)/d(child)`` at its middle.
    fontsize : float

    Returns
    -------
    GraphArtists
    """
    if not isinstance(root, Value):
        raise TypeError(f"draw_graph draws a lecture_utils.calculus.Value, got {type(root).__name__}")
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes (e.g. from plt.subplots()), got {type(ax).__name__}")

    order = root.topological_order()
    check_drawn(len(order), MAX_NODES, "draw_graph", "the size of root's graph (draw a smaller formula)")
    pos, routes = _layout(root)
    art = GraphArtists(nodes=order, positions=pos)
    for node in order:
        x, y = pos[id(node)]
        box = FancyBboxPatch((x - BOX_WIDTH / 2, y - BOX_HEIGHT / 2), BOX_WIDTH, BOX_HEIGHT,
                             boxstyle="round,pad=0,rounding_size=0.08",
                             facecolor=NODE_COLORS[node_kind(node, root)], edgecolor="#333333",
                             linewidth=1.0, zorder=2)
        ax.add_patch(box)
        art.boxes[id(node)] = box
        art.texts[id(node)] = ax.text(x, y, node_text(node, node.grad if show_grad else None),
                                      ha="center", va="center", fontsize=fontsize, zorder=3,
                                      linespacing=LINESPACING)
    for parent in order:
        n_uses = {}
        for i, child in enumerate(parent.children):
            # The same child used twice (a + a) gets two parallel arrows, one above the other.
            k = n_uses[id(child)] = n_uses.get(id(child), 0) + 1
            repeated = parent.children.count(child) > 1
            dy = (0.17 if k == 1 else -0.17) if repeated else 0.0
            # From the right side of the input's box to the left side of the result's box
            # (inputs are always in an earlier column), through the placeholders of the
            # columns it crosses; computed here rather than by clipping to the boxes, which
            # would cost half of every redraw.
            (x0, y0), (x1, y1) = pos[id(child)], pos[id(parent)]
            via = routes[(id(child), id(parent))]
            points = [(x0 + BOX_WIDTH / 2, y0 + dy)]
            for vx, vy in via:
                points += [(vx - BOX_WIDTH / 2, vy + dy), (vx + BOX_WIDTH / 2, vy + dy)]
            points.append((x1 - BOX_WIDTH / 2, y1 + dy))
            if len(points) == 2:
                arrow = FancyArrowPatch(points[0], points[1], shrinkA=1, shrinkB=1,
                                        arrowstyle="-|>", mutation_scale=11, color=EDGE_COLOR,
                                        linewidth=1.1, zorder=1)
            else:
                arrow = FancyArrowPatch(path=Path(points), arrowstyle="-|>", mutation_scale=11,
                                        color=EDGE_COLOR, linewidth=1.1, zorder=1)
            ax.add_patch(arrow)
            # The local derivative belongs to the result: label the last stretch.
            (ax_, ay_), (bx_, by_) = points[-2], points[-1]
            mx, my = (ax_ + bx_) / 2, (ay_ + by_) / 2
            label = ax.text(mx, my, "",
                            ha="center", va="center", fontsize=fontsize - 0.5, zorder=4,
                            color=PALETTE["vermillion"],
                            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                                      "edgecolor": "none", "alpha": 0.85})
            art.edges.append(Edge(child, parent, i, arrow, label))
    points = list(pos.values()) + [p for r in routes.values() for p in r]
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    ax.set_xlim(min(xs) - BOX_WIDTH / 2 - 0.1, max(xs) + BOX_WIDTH / 2 + 0.1)
    ax.set_ylim(min(ys) - BOX_HEIGHT / 2 - 0.15, max(ys) + BOX_HEIGHT / 2 + 0.15)
    ax.set_axis_off()
    return art.update(show_grad=show_grad, show_local=show_local)
