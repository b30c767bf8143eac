"""Drawings for notebook 04 (derivatives and computation graphs).

- :func:`draw_graph` draws the computation graph of a :class:`lecture_utils.calculus.Value`
  with plain matplotlib (boxes and arrows, no graphviz): each node shows its operation,
  its value and its gradient.
- :func:`plot_secant` draws a function, the secant through ``x0`` and ``x0 + eps`` with its
  "height over width" triangle, and the tangent; :func:`set_secant` moves it.
- :func:`plot_fd_error` draws the error of forward and central differences against ``h``.
"""

from dataclasses import dataclass, field

import numpy as np

from .._validation import as_real, describe
from .style import PALETTE

__all__ = ["draw_graph", "graph_layout", "graph_figsize", "node_text",
           "plot_secant", "set_secant", "plot_fd_error", "GraphArtists"]

# Fill colours of the node kinds (light, so black text stays readable).
NODE_COLORS = {
    "input": "#d6ecfa",     # a labelled leaf: a variable we want the gradient of
    "constant": "#eeeeee",  # an unlabelled leaf: a plain number in the formula
    "op": "#ffffff",        # an intermediate result
    "output": "#d4efe6",    # the root
}
EDGE_COLOR = "#777777"

_OP_TEXT = {
    "+": "· + ·", "-": "· − ·", "*": "· × ·", "/": "· / ·", "neg": "−(·)",
    "exp": "exp(·)", "log": "ln(·)", "sigmoid": "σ(·)", "tanh": "tanh(·)", "relu": "relu(·)",
}
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")

# Layout units: one column per graph depth, one row per leaf.
COLUMN_WIDTH = 2.0
BOX_WIDTH = 1.42
BOX_HEIGHT = 0.78
INCHES_PER_COLUMN = 1.7
INCHES_PER_ROW = 0.78


def _fmt(v):
    return f"{v + 0.0:.5g}"  # + 0.0 turns -0.0 into 0.0


def op_text(node):
    """How a node's operation reads in a picture: "· + ·", "ln(·)", "(·)²", ..."""
    op = node.op
    if op in _OP_TEXT:
        return _OP_TEXT[op]
    if op.startswith("**"):
        k = op[2:]
        return "(·)" + (k.translate(_SUPERSCRIPT) if k.lstrip("-").isdigit() else "^" + k)
    if op.endswith("**"):
        return op[:-2] + "^(·)"
    return op


def node_title(node):
    """First line of a node's box: ``label = operation``, the label, or the number."""
    if node.op:
        return f"{node.label} = {op_text(node)}" if node.label else op_text(node)
    return node.label or _fmt(node.data)


def node_text(node, grad="current"):
    """The three lines written in a node's box: title, value, gradient.

    ``grad`` is "current" (``node.grad``), a number, or None (drawn as "?": not known yet).
    """
    if isinstance(grad, str) and grad == "current":
        grad = node.grad
    g = "?" if grad is None else _fmt(grad)
    return f"{node_title(node)}\nvalue {_fmt(node.data)}\ngrad {g}"


def node_kind(node, root):
    if node is root:
        return "output"
    if node.op:
        return "op"
    return "input" if node.label else "constant"


def graph_layout(root):
    """Positions ``{id(node): (x, y)}`` of ``root``'s graph: inputs on the left, root on the right.

    Columns: each node sits one column left of the first operation that uses it (so a number
    used late in the formula sits next to its use). Rows: inputs start in the order a
    depth-first walk from the root meets them (operands of one operation are neighbours);
    then a few sweeps move each result to the mean height of its inputs and each input to the
    mean height of its users, spreading nodes of a column at least one row apart.
    """
    return _layout(root)[0]


def _layout(root):
    """``(positions, routes)``: node centres by ``id``, and for every arrow that skips columns
    the points it passes through, keyed by ``(id(child), id(parent))``.

    An arrow that skips columns gets a placeholder in each column it crosses (the classic
    "dummy node" of layered graph drawing), spread with the boxes, so no box sits on it.
    """
    order = root.topological_order()
    parents = {id(n): [] for n in order}
    for node in order:
        for c in node.children:
            if not any(p is node for p in parents[id(c)]):
                parents[id(c)].append(node)
    depth = {}
    for node in order:  # longest path from the inputs
        depth[id(node)] = 1 + max((depth[id(c)] for c in node.children), default=-1)
    col = {id(root): depth[id(root)]}
    for node in reversed(order[:-1]):  # as late as possible: just before the first user
        col[id(node)] = min(col[id(p)] for p in parents[id(node)]) - 1
    shift = min(col.values())
    for node in order:
        col[id(node)] -= shift

    # The layered graph: real nodes (keyed by id) plus placeholders on long arrows.
    preds = {id(n): [] for n in order}
    succs = {id(n): [] for n in order}
    chains = {}
    for node in order:
        for child in {id(c): c for c in node.children}.values():
            a, b = id(child), id(node)
            chain = [("via", a, b, c) for c in range(col[a] + 1, col[b])]
            chains[(a, b)] = chain
            for key in chain:
                col[key] = key[3]
            path = [a] + chain + [b]
            for u, v in zip(path, path[1:]):
                succs.setdefault(u, []).append(v)
                preds.setdefault(v, []).append(u)
    columns = {}
    for key in col:
        columns.setdefault(col[key], []).append(key)
    ncols = max(columns) + 1

    row, seen, stack = {}, set(), [root]
    while stack:  # depth-first from the root, operands in order: first rows for the leaves
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if not node.children:
            row[id(node)] = float(len(row))
        stack.extend(reversed(node.children))

    def mean_row(keys):
        return float(np.mean([row[k] for k in keys]))

    def forward():  # results (and placeholders) at the mean height of what feeds them
        for c in range(ncols):
            members = columns.get(c, [])
            want = {k: mean_row(preds[k]) if preds[k] else row[k] for k in members}
            _spread(members, want, row)

    forward()
    for _ in range(3):
        for c in reversed(range(ncols - 1)):  # inputs at the mean height of their users
            members = columns.get(c, [])
            want = {k: mean_row(succs[k]) if not preds[k] else row[k] for k in members}
            _spread(members, want, row)
        forward()
    top = min(row.values())

    def xy(key):
        return (col[key] * COLUMN_WIDTH, -(row[key] - top))

    positions = {id(n): xy(id(n)) for n in order}
    routes = {edge: [xy(k) for k in chain] for edge, chain in chains.items()}
    return positions, routes


def _spread(members, want, row, gap=1.0):
    """Place ``members`` as near their wanted rows as possible, at least ``gap`` apart."""
    members = sorted(members, key=lambda k: (want[k], row.get(k, 0.0)))
    blocks = []  # [first index, count, sum of (wanted row - offset in block)]
    for i, k in enumerate(members):
        blocks.append([i, 1, want[k]])
        while len(blocks) > 1:
            s0, c0, t0 = blocks[-2]
            s1, c1, t1 = blocks[-1]
            if t0 / c0 + c0 * gap <= t1 / c1 + 1e-12:
                break
            blocks[-2] = [s0, c0 + c1, t0 + t1 - c1 * c0 * gap]
            blocks.pop()
    for s, c, t in blocks:
        for j in range(c):
            row[members[s + j]] = t / c + j * gap


def graph_figsize(root, scale=1.0):
    """A figure size (inches) at which :func:`draw_graph` reads well for ``root``'s graph."""
    pos, routes = _layout(root)
    points = list(pos.values()) + [p for r in routes.values() for p in r]
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    cols = (max(xs) - min(xs)) / COLUMN_WIDTH + 1
    rows = max(ys) - min(ys) + 1
    return (scale * (INCHES_PER_COLUMN * cols + 0.3), scale * (INCHES_PER_ROW * rows + 0.3))


@dataclass
class GraphArtists:
    """What :func:`draw_graph` drew, so a caller (an explorer) can restyle it.

    ``nodes`` lists the graph's Values inputs-first; ``boxes``, ``texts`` and ``positions`` are
    keyed by ``id(node)``; ``edges`` holds ``(child, parent, index, arrow, label)`` per operand
    (``index``: which operand of ``parent``; ``label``: a Text at the arrow's middle).
    """

    nodes: list
    boxes: dict = field(default_factory=dict)
    texts: dict = field(default_factory=dict)
    positions: dict = field(default_factory=dict)
    edges: list = field(default_factory=list)

    def all(self):
        """Every artist, as a flat list."""
        return (list(self.boxes.values()) + list(self.texts.values())
                + [e[3] for e in self.edges] + [e[4] for e in self.edges])


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
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
    from matplotlib.path import Path

    from ..calculus import Value

    if not isinstance(root, Value):
        raise TypeError(f"draw_graph draws a lecture_utils.calculus.Value, got {type(root).__name__}")

    order = root.topological_order()
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
                                      linespacing=1.25)
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
            label = ax.text(mx, my, f"×{parent.local_grads[i] + 0.0:.3g}" if show_local else "",
                            ha="center", va="center", fontsize=fontsize - 0.5, zorder=4,
                            color=PALETTE["vermillion"],
                            bbox=dict(boxstyle="round,pad=0.15", facecolor="white",
                                      edgecolor="none", alpha=0.85))
            label.set_visible(show_local)
            art.edges.append((child, parent, i, arrow, label))
    points = list(pos.values()) + [p for r in routes.values() for p in r]
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    ax.set_xlim(min(xs) - BOX_WIDTH / 2 - 0.1, max(xs) + BOX_WIDTH / 2 + 0.1)
    ax.set_ylim(min(ys) - BOX_HEIGHT / 2 - 0.15, max(ys) + BOX_HEIGHT / 2 + 0.15)
    ax.set_axis_off()
    return art


def _function(f, name):
    if not callable(f):
        raise TypeError(f"{name} must be a function (callable), got {describe(f)}")
    return f


def _values(f, x, name):
    """``f(x)`` as a float array of ``x``'s shape, or a clear error naming ``name``."""
    y = f(x)
    arr = np.asarray(y) if not isinstance(y, str) else None
    if arr is None or arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must return real numbers, but {name}(x) returned {describe(y)}")
    try:
        return np.broadcast_to(arr.astype(float), np.shape(x))
    except ValueError:
        raise ValueError(f"{name}(x) must have the shape of x, {np.shape(x)}, got {arr.shape}") from None


# --- secants and tangents ------------------------------------------------------------------
def plot_secant(ax, f, x0, eps, *, df=None, xlim=(-1.0, 4.0), n=300, name="f(x)"):
    """Draw ``f``, the secant through ``x0`` and ``x0 + eps``, its rise/run triangle, the tangent.

    Parameters
    ----------
    ax : matplotlib Axes
    f : callable
        Vectorised over numpy arrays (``np.exp``, ``lambda x: x**2 + 1``, ...).
    x0, eps : float
        The point and the width of the secant.
    df : callable, optional
        The exact derivative; draws the tangent (dashed) when given.
    xlim : (float, float)
        The x-range of the curve.
    name : str
        Legend label of the curve.

    Returns
    -------
    dict of artists
        "curve", "secant", "tangent", "points", "run", "rise", "run_text", "rise_text";
        pass it to :func:`set_secant` to move them.
    """
    f = _function(f, "f")
    df = None if df is None else _function(df, "df")
    x0 = as_real(x0, "x0")
    eps = as_real(eps, "eps", positive=True)
    x = np.linspace(xlim[0], xlim[1], n)
    y = _values(f, x, "f")
    _values(f, np.array([x0, x0 + eps]), "f")
    art = {}
    (art["curve"],) = ax.plot(x, y, color=PALETTE["blue"], linewidth=2.2, label=name)
    (art["secant"],) = ax.plot([], [], color=PALETTE["orange"], linewidth=1.8, label="secant")
    (art["tangent"],) = ax.plot([], [], color=PALETTE["black"], linewidth=1.2, linestyle="--",
                                label="tangent", visible=df is not None)
    (art["run"],) = ax.plot([], [], color=PALETTE["green"], linewidth=1.6)
    (art["rise"],) = ax.plot([], [], color=PALETTE["vermillion"], linewidth=1.6)
    (art["points"],) = ax.plot([], [], "o", color=PALETTE["orange"], markersize=6, zorder=5)
    from matplotlib.transforms import offset_copy

    # A few points away from the triangle's sides, whatever the axes' scale.
    below = offset_copy(ax.transData, fig=ax.figure, y=-4, units="points")
    veil = dict(boxstyle="square,pad=0.1", facecolor="white", edgecolor="none", alpha=0.75)
    art["run_text"] = ax.text(0, 0, "", color=PALETTE["green"], ha="left", va="top", fontsize=9,
                              transform=below, bbox=veil, zorder=6)
    art["rise_text"] = ax.text(0, 0, "", color=PALETTE["vermillion"], ha="left", va="center",
                               fontsize=9, bbox=veil, zorder=6)
    ax.set_xlim(*xlim)
    set_secant(art, f, x0, eps, df=df, xlim=xlim)
    return art


def set_secant(art, f, x0, eps, *, df=None, xlim=(-1.0, 4.0)):
    """Move the artists of :func:`plot_secant` to a new ``x0``/``eps``; returns the secant slope."""
    x1 = x0 + eps
    y0, y1 = float(f(x0)), float(f(x1))
    slope = (y1 - y0) / eps
    xs = np.array(xlim, dtype=float)
    art["secant"].set_data(xs, y0 + slope * (xs - x0))
    art["points"].set_data([x0, x1], [y0, y1])
    art["run"].set_data([x0, x1], [y0, y0])
    art["rise"].set_data([x1, x1], [y0, y1])
    art["run_text"].set_position((x0, y0))
    art["run_text"].set_text(f"width ε = {eps:.3g}")
    near_right = x1 > xlim[1] - 0.15 * (xlim[1] - xlim[0])  # keep the words inside the axes
    art["rise_text"].set_horizontalalignment("right" if near_right else "left")
    art["rise_text"].set_position((x1 - 0.05 if near_right else x1 + 0.05, (y0 + y1) / 2))
    art["rise_text"].set_text(f"height {y1 - y0:.3g}")
    if df is not None:
        art["tangent"].set_data(xs, y0 + float(df(x0)) * (xs - x0))
    return slope


def plot_fd_error(ax, f, df, x0, hs=None):
    """Error of forward and central differences of ``f`` at ``x0`` against the step ``h``, log-log.

    Shows the two competing errors: truncation (falls with ``h``: slope 1 for forward,
    2 for central) and round-off (grows like machine-epsilon / h as ``h`` shrinks).

    Parameters
    ----------
    ax : matplotlib Axes
    f, df : callable
        The function (vectorised) and its exact derivative.
    x0 : float
    hs : array_like, optional
        Steps; default ``logspace(-15, 0, 61)``.

    Returns
    -------
    dict
        "forward", "central" (Line2D), "best_forward", "best_central" (the ``h`` with the
        smallest error of each).
    """
    f, df = _function(f, "f"), _function(df, "df")
    x0 = as_real(x0, "x0")
    if hs is None:
        hs = np.logspace(-15, 0, 61)
    else:
        from .._validation import as_array

        hs = as_array(hs, "hs", ndim=1).astype(float)
        if np.any(hs <= 0):
            raise ValueError("hs must be positive steps")
    with np.errstate(all="ignore"):  # leaving f's domain gives NaN or inf; checked just below
        exact = float(_values(df, np.array(x0), "df"))
        fwd = np.abs((_values(f, x0 + hs, "f") - _values(f, np.array(x0), "f")) / hs - exact)
        cen = np.abs((_values(f, x0 + hs, "f") - _values(f, x0 - hs, "f")) / (2 * hs) - exact)
    if not (np.all(np.isfinite(fwd)) and np.all(np.isfinite(cen)) and np.isfinite(exact)):
        raise ValueError(f"f or df is not finite near x0 = {x0:g} (outside its domain?): "
                         "pick another x0 or smaller steps hs")
    # An error of exactly 0 (lucky rounding) cannot be drawn on log axes: floor it.
    floor = 1e-17
    fwd, cen = np.maximum(fwd, floor), np.maximum(cen, floor)
    (lf,) = ax.loglog(hs, fwd, "o-", color=PALETTE["orange"], markersize=3, label="forward (f(x+h) − f(x)) / h")
    (lc,) = ax.loglog(hs, cen, "s-", color=PALETTE["blue"], markersize=3, label="central (f(x+h) − f(x−h)) / 2h")
    ax.set_xlabel("step h")
    ax.set_ylabel("|approximation − f′(x)|")
    return {"forward": lf, "central": lc,
            "best_forward": float(hs[np.argmin(fwd)]), "best_central": float(hs[np.argmin(cen)])}
