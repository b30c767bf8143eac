"""Where :func:`lecture_utils.plots.draw_graph` puts a graph's boxes: layered layout, figure size.

Inputs on the left, the result on the right, one column per depth; arrows that skip columns
get placeholders so no box sits on them (the "dummy nodes" of layered graph drawing).
Exported through :mod:`lecture_utils.plots.graph`.
"""

import itertools
import numbers

import numpy as np

from ..calculus import Value

# Layout units: one column per graph depth, one row per leaf.
COLUMN_WIDTH = 2.0
BOX_WIDTH = 1.42
BOX_HEIGHT = 0.78
INCHES_PER_COLUMN = 1.7
INCHES_PER_ROW = 0.78


def graph_layout(root):
    """Positions ``{id(node): (x, y)}`` of ``root``'s graph: inputs on the left, root on the right.

    Columns: each node sits one column left of the first operation that uses it (so a number
    used late in the formula sits next to its use). Rows: inputs start in the order a
    depth-first walk from the root meets them (operands of one operation are neighbours);
    then a few sweeps move each result to the mean height of its inputs and each input to the
    mean height of its users, spreading nodes of a column at least one row apart.
    """
    if not isinstance(root, Value):
        raise TypeError(f"graph_layout lays out a lecture_utils.calculus.Value, got {type(root).__name__}")
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
            for u, v in itertools.pairwise(path):
                succs.setdefault(u, []).append(v)
                preds.setdefault(v, []).append(u)
    columns = {}
    for key, c in col.items():
        columns.setdefault(c, []).append(key)
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
            _s1, c1, t1 = blocks[-1]
            if t0 / c0 + c0 * gap <= t1 / c1 + 1e-12:
                break
            blocks[-2] = [s0, c0 + c1, t0 + t1 - c1 * c0 * gap]
            blocks.pop()
    for s, c, t in blocks:
        for j in range(c):
            row[members[s + j]] = t / c + j * gap


def graph_figsize(root, scale=1.0):
    """A figure size (inches) at which :func:`draw_graph` reads well for ``root``'s graph."""
    if not isinstance(root, Value):
        raise TypeError(f"graph_figsize sizes the graph of a lecture_utils.calculus.Value, got {type(root).__name__}")
    if isinstance(scale, bool) or not isinstance(scale, numbers.Real):
        raise TypeError(f"scale must be a positive number, got {type(scale).__name__} {scale!r}")
    if not scale > 0 or not np.isfinite(scale):
        raise ValueError(f"scale must be a positive number, got {scale!r}")
    pos, routes = _layout(root)
    points = list(pos.values()) + [p for r in routes.values() for p in r]
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    cols = (max(xs) - min(xs)) / COLUMN_WIDTH + 1
    rows = max(ys) - min(ys) + 1
    return (scale * (INCHES_PER_COLUMN * cols + 0.3), scale * (INCHES_PER_ROW * rows + 0.3))
