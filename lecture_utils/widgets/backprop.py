"""The backpropagation explorer of notebook 04: the backward pass through a
:class:`~lecture_utils.calculus.Value` graph, one node at a time, with each local derivative
and the gradient flowing back (driven by :meth:`Value.backward_steps`, the engine's own loop).
"""

from typing import ClassVar

import ipywidgets as widgets
from matplotlib.patches import FancyBboxPatch

from .. import plots
from .._validation import as_count
from ..calculus import Value
from ..plots.graph import EDGE_COLOR, draw_graph, fmt, graph_figsize, node_text, op_text
from .base import Explorer

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


class BackpropExplorer(Explorer):
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
        self._drawn = step  # the step shown (draw keeps it; render_png caches a PNG per step)
        w, h = graph_figsize(root)
        w = max(w, 7.5)
        # About 5.3 points per character of 9.5 pt DejaVu Sans text: wrap to the figure.
        self._plan(width=int(w * 72 / 5.6) - 4)
        self._text_height = self._LINE * max(t.count("\n") + 1 for t in self.explanations) + 0.3
        slider = widgets.IntSlider(value=step, min=0, max=len(self.snapshots) - 1, description="step")
        # No Play button: ipywidgets draws it as unlabelled icon buttons a screen reader cannot
        # name (axe: button-name); the slider steps through the pass from the keyboard too.
        self._pngs = {}
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

    def setup(self, fig):
        _w, h = fig.get_size_inches()
        text_h = self._text_height / h
        self.ax = fig.add_axes([0.01, text_h, 0.98, 0.99 - text_h])
        self.art = draw_graph(self.ax, self.root, show_grad=False, show_local=False)
        # Only the gradient line of a box changes from step to step: it gets its own Text
        # (two blank lines keep it on the third line), the rest stays in the cached background.
        self.grad_texts, self.outlines = {}, {}
        for node in self.order:
            text, box = self.art.texts[id(node)], self.art.boxes[id(node)]
            title_value = self._box_text(node, None).rsplit("\n", 1)[0]
            text.set_text(title_value + "\n")
            self.grad_texts[id(node)] = self.ax.text(
                *text.get_position(), "", ha="center", va="center", zorder=3,
                fontsize=text.get_fontsize(), linespacing=self.art.linespacing)
            self.outlines[id(node)] = self.ax.add_patch(FancyBboxPatch(
                (box.get_x(), box.get_y()), box.get_width(), box.get_height(),
                boxstyle=box.get_boxstyle(), facecolor="none", zorder=2.5, visible=False))
        top = text_h - 0.12 / h
        self.explain = fig.text(0.015, top, "", ha="left", va="top", fontsize=self._FONT,
                                linespacing=1.35)
        self.step_text = fig.text(0.985, top, "", ha="right", va="top", fontsize=9,
                                  color="#555555")
        self.set_moving([e.arrow for e in self.art.edges] + list(self.outlines.values())
                        + list(self.grad_texts.values()) + [e.label for e in self.art.edges]
                        + [self.explain, self.step_text])

    def render_png(self):
        """PNG bytes of the step shown; each step is rendered once, then served from a cache."""
        if self._drawn not in self._pngs:
            self._pngs[self._drawn] = super().render_png()
        return self._pngs[self._drawn]

    def _box_text(self, node, grad):
        text = node_text(node, grad)
        if node.op and not node.label:  # show the name the explanations use
            text = f"{self.names[id(node)]} = {text}"
        return text

    def box_text(self, node):
        """The three lines shown in ``node``'s box now (title, value, gradient)."""
        return self.art.texts[id(node)].get_text() + self.grad_texts[id(node)].get_text()[2:]

    def draw(self, step):
        self._drawn = step
        grads = self.snapshots[step]
        current = self.steps[step - 2].node if step >= 2 else None
        done = {id(s.node) for s in self.steps[:max(step - 2, 0)]}
        for node in self.order:
            g = grads.get(id(node))
            self.grad_texts[id(node)].set_text("\n\ngrad " + ("?" if g is None else fmt(g)))
            outline = self.outlines[id(node)]
            if node is current or (step == 1 and node is self.root):
                outline.set_edgecolor(plots.PALETTE["vermillion"])
                outline.set_linewidth(2.8)
                outline.set_visible(True)
            elif current is not None and any(node is c for c in current.children):
                outline.set_edgecolor(plots.PALETTE["orange"])
                outline.set_linewidth(2.2)
                outline.set_visible(True)
            else:
                outline.set_visible(False)
        for edge in self.art.edges:
            active = edge.parent is current
            edge.arrow.set_color(plots.PALETTE["vermillion"] if active else EDGE_COLOR)
            edge.arrow.set_linewidth(2.2 if active else 1.1)
            edge.label.set_text(f"×{fmt(edge.parent.local_grads[edge.index], 3)}")
            edge.label.set_color(plots.PALETTE["vermillion"] if active else "#555555")
            edge.label.set_visible(active or id(edge.parent) in done)
        self.explain.set_text(self.explanations[step])
        self.step_text.set_text(f"step {step} of {len(self.snapshots) - 1}")

    def describe(self):
        """One line: the step, the node at work, and which input gradients are known yet."""
        step, last = self._drawn, len(self.snapshots) - 1
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
