"""The backpropagation explorer of notebook 04: the backward pass through a
:class:`~lecture_utils.calculus.Value` graph, one node at a time, with each local derivative
and the gradient flowing back (driven by :meth:`Value.backward_steps`, the engine's own loop).

Drawn in the browser: the graph (boxes, arrows; the layout of :func:`lecture_utils.plots.draw_graph`)
is drawn once, and every step ships what changes: each node's gradient line and outline, each
arrow's colour, width and local-derivative label, the explanation and the description.
"""

from typing import ClassVar

import ipywidgets as widgets
import numpy as np

from .. import plots
from .._validation import as_count
from ..calculus import Value
from ..plots._graph_layout import BOX_HEIGHT, BOX_WIDTH, _layout
from ..plots.graph import EDGE_COLOR, NODE_COLORS, fmt, graph_figsize, node_kind, node_text, op_text
from . import _scene as sc
from ._browser import BrowserExplorer, Table

__all__ = ["BackpropExplorer", "lecture_graph"]


def lecture_graph():
    """The lecture's graph f = x (ln(3y) + z²) at (x, y, z) = (1, 2, 3), labelled; returns f.

    Nodes: a = 3y, u = ln a, v = z², s = u + v, f = x·s (the lecture's ω is called s here).
    """
    x, y, z = Value(1.0, label="x"), Value(2.0, label="y"), Value(3.0, label="z")
    a = 3 * y
    a.label = "a"
    u = a.log()
    u.label = "u"
    v = z ** 2
    v.label = "v"
    s = u + v
    s.label = "s"
    f = x * s
    f.label = "f"
    return f


def _display_names(order, root):
    """A short name per node for the explanations: its label, else n1, n2, ... (results, in
    the order they were computed), "out" for an unlabelled output, the number for a constant."""
    names, k = {}, 0
    for node in order:
        if node.label:
            names[id(node)] = node.label
        elif node is root:
            names[id(node)] = "out"
        elif node.op:
            k += 1
            names[id(node)] = f"n{k}"
        else:
            names[id(node)] = f"{node.data:g}"
    return names


def _pack(parts, sep, width):
    """Join ``parts`` with ``sep`` into lines of at most ``width`` characters (never splitting a part)."""
    lines = [""]
    for part in parts:
        candidate = part if not lines[-1] else lines[-1] + sep + part
        if len(candidate) <= width or not lines[-1]:
            lines[-1] = candidate
        else:
            lines[-1] += sep.rstrip()
            lines.append("    " + part)
    return lines


def _unique(pairs):
    """(child, local derivative) per distinct child: a + a has one child, with local 1 twice."""
    seen = {}
    for c, g in pairs:
        seen[id(c)] = (c, seen[id(c)][1] + g) if id(c) in seen else (c, g)
    return list(seen.values())


class BackpropExplorer(BrowserExplorer):
    """Step through the backward pass of a ``Value`` graph, one node at a time.

    Step 0 shows the forward pass (values known, gradients "?"); step 1 seeds the output's
    gradient with 1; every further step is the next step of ``root.backward_steps()``: a node
    (in reverse topological order) passes its gradient to its inputs, multiplied by the local
    derivative on each arrow: ``d out / d child += (d node / d child) · (d out / d node)``.
    Unlabelled results are called n1, n2, ... in the pictures and the explanations.

    Parameters
    ----------
    root : lecture_utils.calculus.Value, optional
        The output of the graph; by default the lecture's f = x (ln(3y) + z²) at (1, 2, 3).
        The explorer calls ``root.zero_grad()`` and runs the backward pass once, so the
        graph's ``.grad`` values end as after ``root.zero_grad(); root.backward()``.
    step : int
        The step to show first.
    """

    NOTEBOOK = "04"
    examples: ClassVar[dict] = {"the lecture's graph f = x(ln(3y) + z²)": {}}

    _FONT = 9.5
    _LINE = 9.5 * 1.35 / 72  # inches per line of explanation

    def __init__(self, root=None, step=0):
        root = lecture_graph() if root is None else root
        if not isinstance(root, Value):
            raise TypeError(f"root must be a lecture_utils.calculus.Value, got {type(root).__name__}")
        step = as_count(step, "step")
        self.root = root
        w, h = graph_figsize(root)
        w = max(w, 7.5)
        # About 5.3 points per character of 9.5 pt DejaVu Sans text: wrap to the figure.
        self._plan(width=int(w * 72 / 5.6) - 4)
        self._text_height = self._LINE * max(t.count("\n") + 1 for t in self.explanations) + 0.3
        slider = widgets.IntSlider(value=step, min=0, max=len(self.snapshots) - 1, description="step")
        # No Play button: ipywidgets draws it as unlabelled icon buttons a screen reader cannot
        # name (axe: button-name); the slider steps through the pass from the keyboard too.
        super().__init__({"step": slider}, figsize=(w, h + self._text_height),
                         title="Backpropagation, one node at a time")

    def _plan(self, width):
        """Run the backward pass once, remembering what every step knows and passes on."""
        order = self.root.topological_order()
        self.order = order
        self.names = _display_names(order, self.root)
        self.root.zero_grad()
        # What each node has received so far: a gradient is shown once its first share arrives.
        received = {id(self.root): 1.0}
        self.snapshots = [{}, dict(received)]
        self.steps = []
        for step in self.root.backward_steps():
            if not step.node.children:
                continue  # an input has nothing to pass on
            for child, _, share in step.passed:
                received[id(child)] = received.get(id(child), 0.0) + share
            self.steps.append(step)
            self.snapshots.append(dict(received))
        self.explanations = [self._explanation(k, width) for k in range(len(self.snapshots))]

    # --- the picture ----------------------------------------------------------------
    def _edges(self):
        """``(child, parent, index, points)`` per arrow: the route of plots.draw_graph."""
        pos, routes = _layout(self.root)
        edges = []
        for parent in self.order:
            n_uses = {}
            for i, child in enumerate(parent.children):
                # The same child used twice (a + a) gets two parallel arrows, one above the other.
                k = n_uses[id(child)] = n_uses.get(id(child), 0) + 1
                dy = (0.17 if k == 1 else -0.17) if parent.children.count(child) > 1 else 0.0
                (x0, y0), (x1, y1) = pos[id(child)], pos[id(parent)]
                points = [(x0 + BOX_WIDTH / 2, y0 + dy)]
                for vx, vy in routes[(id(child), id(parent))]:
                    points += [(vx - BOX_WIDTH / 2, vy + dy), (vx + BOX_WIDTH / 2, vy + dy)]
                points.append((x1 - BOX_WIDTH / 2, y1 + dy))
                edges.append((child, parent, i, points))
        return pos, routes, edges

    def scene(self):
        pos, routes, edges = self._edges()
        _w, h = self.figsize
        text_h = self._text_height / h
        every = list(pos.values()) + [q for r in routes.values() for q in r]
        xs, ys = [q[0] for q in every], [q[1] for q in every]
        panels = [sc.panel("graph", (0.01, text_h, 0.98, 0.99 - text_h),
                           (min(xs) - BOX_WIDTH / 2 - 0.1, max(xs) + BOX_WIDTH / 2 + 0.1),
                           (min(ys) - BOX_HEIGHT / 2 - 0.15, max(ys) + BOX_HEIGHT / 2 + 0.15),
                           xticks=[], yticks=[], grid=False, spines=()),
                  sc.panel("text", (0.0, 0.0, 1.0, text_h), (0, 1), (0, 1), xticks=[], yticks=[], grid=False,
                           spines=())]
        marks = []
        for k, (_, _, _, points) in enumerate(edges):
            x, y = zip(*points)
            style = dict(color=sc.ref(f"edge{k}_color"), width=sc.ref(f"edge{k}_width"))
            if len(points) > 2:
                marks.append(sc.line("graph", list(x[:-1]), list(y[:-1]), **style))
            marks.append(sc.arrow("graph", x[-2], y[-2], x[-1] - x[-2], y[-1] - y[-2], **style))
        for n, node in enumerate(self.order):
            x, y = pos[id(node)]
            corner = (x - BOX_WIDTH / 2, y - BOX_HEIGHT / 2)
            marks.append(sc.rect("graph", *corner, BOX_WIDTH, BOX_HEIGHT, fill=NODE_COLORS[node_kind(node, self.root)],
                                 alpha=1.0, edge="#333333"))
            # Title and value, then the gradient on the third line: both blocks have three lines.
            title_value = self._box_text(node, None).rsplit("\n", 1)[0]
            marks.append(sc.text("graph", x, y, title_value + "\n", size=8.5))
            marks.append(sc.text("graph", x, y, sc.ref(f"grad{n}"), size=8.5))
            marks.append(sc.rect("graph", *corner, BOX_WIDTH, BOX_HEIGHT, fill=None, edge=sc.ref(f"outline{n}"),
                                 width=sc.ref(f"outline{n}_width")))
        for k, (_, _, _, points) in enumerate(edges):
            (ax_, ay_), (bx_, by_) = points[-2], points[-1]
            # The local derivative belongs to the result: label the last stretch.
            marks.append(sc.text("graph", (ax_ + bx_) / 2, (ay_ + by_) / 2, sc.ref(f"edge{k}_label"), size=8,
                                 color=sc.ref(f"edge{k}_label_color"), box="white"))
        top = 1 - 0.12 / self._text_height
        marks += [sc.text("text", 0.015, top, sc.ref("explanation"), size=self._FONT, ha="left", va="top",
                          coords="axes"),
                  sc.text("text", 0.985, top, sc.ref("step_text"), size=9, ha="right", va="top", coords="axes",
                          color="#555555")]
        return panels, marks

    def tables(self):
        return [Table(("step",), self._steps)]

    def _steps(self, step):
        _, _, edges = self._edges()
        out = {"explanation": [self.explanations[k] for k in step.tolist()],
               "step_text": [f"step {k} of {len(self.snapshots) - 1}" for k in step.tolist()],
               "description": [self._describe_step(k) for k in step.tolist()]}
        per_step = [self._step_marks(k, edges) for k in step.tolist()]
        for key in per_step[0]:
            values = [d[key] for d in per_step]
            out[key] = values if isinstance(values[0], str) or values[0] is None else np.asarray(values, dtype=float)
        return out

    def _step_marks(self, step, edges):
        """What moves at ``step``: gradient lines, outlines, arrow colours and labels."""
        grads = self.snapshots[step]
        current = self.steps[step - 2].node if step >= 2 else None
        done = {id(s.node) for s in self.steps[:max(step - 2, 0)]}
        out = {}
        for n, node in enumerate(self.order):
            g = grads.get(id(node))
            out[f"grad{n}"] = "\n\ngrad " + ("?" if g is None else fmt(g))
            if node is current or (step == 1 and node is self.root):
                out[f"outline{n}"], out[f"outline{n}_width"] = plots.PALETTE["vermillion"], 2.8
            elif current is not None and any(node is c for c in current.children):
                out[f"outline{n}"], out[f"outline{n}_width"] = plots.PALETTE["orange"], 2.2
            else:
                out[f"outline{n}"], out[f"outline{n}_width"] = "", 0.0
        for k, (_, parent, index, _) in enumerate(edges):
            active = parent is current
            out[f"edge{k}_color"] = plots.PALETTE["vermillion"] if active else EDGE_COLOR
            out[f"edge{k}_width"] = 2.2 if active else 1.1
            shown = active or id(parent) in done
            out[f"edge{k}_label"] = f"×{fmt(parent.local_grads[index], 3)}" if shown else ""
            out[f"edge{k}_label_color"] = plots.PALETTE["vermillion"] if active else "#555555"
        return out

    def _box_text(self, node, grad):
        text = node_text(node, grad)
        if node.op and not node.label:  # show the name the explanations use
            text = f"{self.names[id(node)]} = {text}"
        return text

    def box_text(self, node):
        """The three lines shown in ``node``'s box now (title, value, gradient)."""
        n = next(k for k, other in enumerate(self.order) if other is node)
        title_value = self._box_text(node, None).rsplit("\n", 1)[0]
        return title_value + "\n" + self.state[f"grad{n}"][2:]

    def _describe_step(self, step):
        """One line: the step, the node at work, and which input gradients are known yet."""
        last = len(self.snapshots) - 1
        out = self.names[id(self.root)]
        grads = self.snapshots[step]
        inputs = [n for n in self.order if not n.children and n.label]
        known = [f"∂{out}/∂{n.label} = {fmt(grads[id(n)])}" for n in inputs if id(n) in grads]
        waiting = [n.label for n in inputs if id(n) not in grads]
        if step == 0:
            head = f"Step 0 of {last}: forward pass done, {out} = {fmt(self.root.data)}; no gradient known yet"
        elif step == 1:
            head = f"Step 1 of {last}: the backward pass starts with ∂{out}/∂{out} = 1"
        else:
            s = self.steps[step - 2]
            me = self.names[id(s.node)]
            # Plain numbers in the formula get gradients too, but nobody needs them.
            wanted = [c for c, _, _ in s.passed if c.op or c.label] or [c for c, _, _ in s.passed]
            to = ", ".join(dict.fromkeys(self.names[id(c)] for c in wanted))
            head = f"Step {step} of {last}: node {me} passes ∂{out}/∂{me} = {fmt(s.grad)} to {to}"
        if step == last and inputs:
            return f"{head}; done: " + ", ".join(known)
        tail = (f"; so far: {', '.join(known)}" if known else "")
        return head + tail + (f"; not yet: {', '.join(waiting)}" if waiting and step else "")

    def _explanation(self, step, width):
        name = self.names
        out = name[id(self.root)]
        if step == 0:
            return ("Forward pass done: every node holds its value; no gradient is known yet (?).\n"
                    "The backward pass starts at the output and walks the arrows backwards.")
        if step == 1:
            return (f"Step 1: start at the output: ∂{out}/∂{out} = 1.\n"
                    "Next, each node in turn hands its gradient to its inputs.")
        s = self.steps[step - 2]
        me = name[id(s.node)]
        # Plain numbers in the formula get gradients too, but nobody needs them: leave them out.
        passed = [p for p in s.passed if p[0].op or p[0].label] or list(s.passed)
        formula = op_text(s.node, [name[id(c)] for c in s.node.children])
        lines = [f"Node {me} = {formula} passes ∂{out}/∂{me} = {fmt(s.grad)} back."]
        uses = {}
        for c, local, _ in passed:
            uses.setdefault(id(c), []).append(local)

        def local_text(c, total):
            parts = uses.get(id(c), [])
            if len(parts) < 2:
                return f"∂{me}/∂{name[id(c)]} = {fmt(total)}"
            # used twice (a + a, a * a): one local derivative per use, and their sum
            return f"∂{me}/∂{name[id(c)]} = {' + '.join(fmt(v) for v in parts)} = {fmt(total)}"

        lines += _pack([local_text(c, g) for c, g in _unique(p[:2] for p in passed)], ",  ", width - 20)
        lines[1] = "Local derivatives: " + lines[1]
        lines[-1] += "."
        n = len(lines)
        running = dict(self.snapshots[step - 1])
        rule = []
        for c, local, share in passed:  # a child used twice collects twice: show the running sum
            running[id(c)] = running.get(id(c), 0.0) + share
            rule.append(f"∂{out}/∂{name[id(c)]} += {fmt(local)} × {fmt(s.grad)} → {fmt(running[id(c)])}")
        lines += _pack(rule, ";  ", width - 12)
        lines[n] = "Chain rule: " + lines[n]
        lines[-1] += "."
        if step == len(self.snapshots) - 1:
            grads = self.snapshots[step]
            inputs = [n for n in self.order if not n.children and n.label]
            if inputs:
                done = _pack([f"∂{out}/∂{n.label} = {fmt(grads.get(id(n), 0.0))}" for n in inputs],
                             ",  ", width - 22)
                done[0] = "Done - the gradient: " + done[0]
                done[-1] += "."
                lines += done
            else:
                lines.append("Done.")
        return "\n".join(lines)
