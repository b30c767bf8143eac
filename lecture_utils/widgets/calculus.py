"""Explorers for notebook 04 (derivatives and computation graphs).

- :class:`SecantExplorer`: a secant through ``x0`` and ``x0 + eps`` turning into the tangent
  as ``eps`` shrinks, and what round-off does when ``eps`` gets tiny.
- :class:`BackpropExplorer`: the backward pass through a :class:`~lecture_utils.calculus.Value`
  graph, one node at a time, with each local derivative and the gradient flowing back.
"""

import numpy as np
import ipywidgets as widgets

from .. import plots
from .._validation import as_count, as_real
from ..calculus import Value
from ..plots.calculus import EDGE_COLOR, draw_graph, graph_figsize, node_text
from .base import Explorer

__all__ = ["SecantExplorer", "BackpropExplorer", "SECANT_FUNCTIONS", "lecture_graph"]


def _sqrt(x):
    return np.sqrt(x)


# name -> (f, f', smallest x where f is defined (exclusive) or None, y-limits)
SECANT_FUNCTIONS = {
    "x² + 1": (lambda x: x ** 2 + 1, lambda x: 2 * x, None, (-2, 19)),
    "2x + 1": (lambda x: 2 * x + 1, lambda x: 2 + 0 * x, None, (-5, 10)),
    "x³": (lambda x: x ** 3, lambda x: 3 * x ** 2, None, (-12, 70)),
    "√x": (_sqrt, lambda x: 0.5 / np.sqrt(x), 0.0, (-0.5, 2.5)),
    "ln x": (np.log, lambda x: 1 / x, 0.0, (-4, 2)),
    "eˣ": (np.exp, np.exp, None, (-4, 60)),
}
_XLIM = (-2.0, 4.2)
_EPS_GRID = np.logspace(-14, 0, 113)
_ERR_FLOOR = 1e-13  # errors below this are drawn on the floor (log axes cannot show 0)


class SecantExplorer(Explorer):
    """Shrink the width ε of a secant and watch its slope approach the derivative f′(x₀).

    Left: the function, the secant through ``(x0, f(x0))`` and ``(x0 + eps, f(x0 + eps))``
    with its height-over-width triangle, and the tangent (dashed). Right: how far the
    secant's slope is from ``f'(x0)`` for every ε (log-log), the current ε marked: the error
    falls with ε until round-off takes over (below about 1e-8).

    Parameters
    ----------
    function : str
        One of :data:`SECANT_FUNCTIONS` (the lecture's examples and table).
    x0 : float
        The point, in [-2, 3].
    eps : float
        The secant's width, 1e-14 to 1 (the slider moves in quarter decades: 1, 0.56, 0.32, ...).
    """

    NOTEBOOK = "04"
    examples = {"notebook 04": dict(function="x² + 1", x0=2.0, eps=1.0)}

    def __init__(self, function="x² + 1", x0=2.0, eps=1.0):
        if not isinstance(function, str) or function not in SECANT_FUNCTIONS:
            raise ValueError(f"function must be one of {list(SECANT_FUNCTIONS)}, got {function!r}")
        x0 = as_real(x0, "x0")
        eps = as_real(eps, "eps", positive=True)
        controls = {
            "function": widgets.Dropdown(options=list(SECANT_FUNCTIONS), value=function,
                                         description="f(x) =", layout=widgets.Layout(width="170px")),
            "x0": widgets.FloatSlider(value=x0, min=-2.0, max=3.0, step=0.1, description="x₀"),
            "eps": widgets.FloatLogSlider(value=eps, base=10, min=-14, max=0, step=0.25,
                                          description="ε", readout_format=".1e"),
        }
        super().__init__(controls, figsize=(10.0, 4.2), title="Secant explorer: from secant to tangent")

    def setup(self, fig):
        self.ax, self.ax_err = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.15, 1]})
        plots.style_axes(self.ax, xlabel="x", ylabel="f(x)")
        plots.style_axes(self.ax_err, xlabel="width ε (log scale)",
                         ylabel="|secant slope − f′(x₀)|")
        x = np.linspace(*_XLIM, 300)
        (self.curve,) = self.ax.plot(x, x, color=plots.PALETTE["blue"], linewidth=2.2)
        self.sec = plots.plot_secant(self.ax, lambda t: t, 1.0, 0.5, df=lambda t: 1.0, xlim=_XLIM)
        self.sec["curve"].remove()  # the curve is drawn (and redrawn per function) by self.curve
        # Below the axes, where no moving line can cross it: it stays in the cached background.
        self.legend = fig.legend([self.curve, self.sec["secant"], self.sec["tangent"]],
                                 ["f(x)", "secant through x₀ and x₀ + ε", "tangent at x₀"],
                                 loc="lower center", bbox_to_anchor=(0.3, 0.0), ncol=3,
                                 fontsize=8, frameon=False)
        self.ax.set_xlim(*_XLIM)
        self.note = plots.message(self.ax)
        self.note.set_wrap(False)  # the messages carry their own line breaks; wrapping is slow
        self.ax_err.set_xscale("log")
        self.ax_err.set_yscale("log")
        self.ax_err.set_xlim(_EPS_GRID[0], _EPS_GRID[-1])
        self.ax_err.set_ylim(_ERR_FLOOR / 3, 1e7)  # headroom for the message
        # Fixed plain-text ticks: log axes' default mathtext labels cost ~100 ms per render.
        from matplotlib.ticker import NullLocator

        xt, yt = [1e-14, 1e-11, 1e-8, 1e-5, 1e-2], [1e-12, 1e-9, 1e-6, 1e-3, 1e0, 1e3]
        self.ax_err.set_xticks(xt, ["1e-14", "1e-11", "1e-8", "1e-5", "0.01"])
        self.ax_err.set_yticks(yt, ["1e-12", "1e-9", "1e-6", "0.001", "1", "1000"])
        self.ax_err.xaxis.set_minor_locator(NullLocator())
        self.ax_err.yaxis.set_minor_locator(NullLocator())
        (self.err_line,) = self.ax_err.plot([], [], color=plots.PALETTE["orange"], linewidth=1.6)
        (self.err_dot,) = self.ax_err.plot([], [], "o", color=plots.PALETTE["vermillion"],
                                           markersize=8, zorder=5)
        self.ax_err.text(0.97, 0.05, "secant ≠ tangent:\nerror ≈ ε · |f″|/2", ha="right",
                         va="bottom", fontsize=8, color="#555555", transform=self.ax_err.transAxes)
        self.ax_err.text(0.03, 0.05, "round-off:\nerror ≈ 1e-16 · |f| / ε", ha="left",
                         va="bottom", fontsize=8, color="#555555", transform=self.ax_err.transAxes)
        self.err_note = plots.message(self.ax_err)
        self.err_note.set_wrap(False)
        self.slope_text = self.ax_err.set_title("", fontsize=9)
        fig.subplots_adjust(left=0.07, right=0.985, bottom=0.19, top=0.85, wspace=0.28)
        self._shown = None
        self.set_moving([self.sec[k] for k in ("secant", "tangent", "run", "rise", "points",
                                               "run_text", "rise_text")]
                         + [self.ax.title, self.note, self.err_line, self.err_dot,
                            self.slope_text, self.err_note])

    def background_key(self):
        # The curve and the y-axis (the cached background) change only with the function.
        return self._shown

    def draw(self, function, x0, eps):
        f, df, lower, ylim = SECANT_FUNCTIONS[function]
        if self._shown != function:  # the curve changes only with the function
            self._shown = function
            x = np.linspace(_XLIM[0] if lower is None else 1e-3, _XLIM[1], 300)
            self.curve.set_data(x, f(x))
            self.ax.set_ylim(*ylim)
        defined = lower is None or x0 > lower
        for key in ("secant", "tangent", "points", "run", "rise", "run_text", "rise_text"):
            self.sec[key].set_visible(defined)
        self.err_line.set_visible(defined)
        self.err_dot.set_visible(defined)
        if not defined:
            self.ax.set_title(f"f(x) = {function}", fontsize=10)
            self.slope_text.set_text("")
            plots.message(self.ax, f"{function} is only defined for x > 0:\nmove x₀ to the right",
                          artist=self.note)
            plots.message(self.ax_err, "", artist=self.err_note)
            return
        slope = plots.set_secant(self.sec, f, x0, eps, df=df, xlim=_XLIM)
        exact = float(df(x0))
        big = eps >= 0.15  # the triangle's words only fit when the triangle is visible
        self.sec["run_text"].set_visible(big)
        self.sec["rise_text"].set_visible(big)
        self.ax.set_title(f"f(x) = {function},  x₀ = {x0:.1f},  ε = {eps:.1e}\n"
                          f"secant slope (f(x₀+ε) − f(x₀)) / ε = {slope:.10g}", fontsize=9.5)
        errors = np.maximum(np.abs((f(x0 + _EPS_GRID) - f(x0)) / _EPS_GRID - exact), _ERR_FLOOR)
        self.err_line.set_data(_EPS_GRID, errors)
        err = abs(slope - exact)
        self.err_dot.set_data([eps], [max(err, _ERR_FLOOR)])
        self.slope_text.set_text(f"f′(x₀) = {exact:.10g};  error of the secant slope = {err:.1e}")
        best = _EPS_GRID[np.argmin(errors)]
        if eps < best / 30 and err > 1e-9:
            plots.message(self.ax_err, f"ε = {eps:.0e}: round-off! f(x₀+ε) and f(x₀) agree\n"
                          "in almost all their digits, so their difference\nis mostly rounding noise",
                          artist=self.err_note)
        else:
            plots.message(self.ax_err, "", artist=self.err_note)
        plots.message(self.ax, "tiny ε: the secant lies on top of the tangent" if eps < 1e-3 else "",
                      artist=self.note)


def lecture_graph():
    """The lecture's graph f = x (ln(3y) + z²) at (x, y, z) = (1, 2, 3), labelled; returns f."""
    x, y, z = Value(1.0, label="x"), Value(2.0, label="y"), Value(3.0, label="z")
    a = 3 * y
    a.label = "a"
    u = a.log()
    u.label = "u"
    v = z ** 2
    v.label = "v"
    w = u + v
    w.label = "w"
    f = x * w
    f.label = "f"
    return f


def _fmt(v):
    return f"{v + 0.0:.5g}"


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


class BackpropExplorer(Explorer):
    """Step through the backward pass of a ``Value`` graph, one node at a time.

    Step 0 shows the forward pass (values known, gradients "?"); step 1 seeds the output's
    gradient with 1; every further step takes the next node (in reverse topological order)
    and passes its gradient to its inputs, multiplied by the local derivative on each arrow:
    ``d out / d child += (d node / d child) · (d out / d node)``. Unlabelled results are
    called n1, n2, ... in the pictures and the explanations.

    Parameters
    ----------
    root : lecture_utils.calculus.Value, optional
        The output of the graph; by default the lecture's f = x (ln(3y) + z²) at (1, 2, 3).
        Its graph's ``.grad`` values are overwritten (they end as after ``root.backward()``).
    step : int
        The step to show first.
    """

    NOTEBOOK = "04"
    examples = {"lecture graph": dict()}

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
        controls = {"step": widgets.IntSlider(value=step, min=0, max=len(self.snapshots) - 1,
                                              description="step")}
        self._pngs = {}
        super().__init__(controls, figsize=(w, h + self._text_height),
                         title="Backpropagation, one node at a time")
        # A play button that moves the slider one step every 1.5 s (linked in the browser).
        slider = self.controls["step"]
        self.play = widgets.Play(value=slider.value, min=0, max=slider.max, interval=1500,
                                 description="play the backward pass")
        widgets.jslink((self.play, "value"), (slider, "value"))
        for child in self.widget.children:
            if isinstance(child, widgets.Box) and slider in child.children:
                child.children = (self.play,) + tuple(child.children)

    def _plan(self, width):
        """Run the backward pass once, remembering every gradient and explanation of every step."""
        order = self.root.topological_order()
        self.order = order
        self.names = _display_names(order, self.root)
        self.steps = [n for n in reversed(order) if n.children]
        for n in order:
            n.grad = 0.0
        known = set()

        def snapshot():
            return {id(n): (n.grad if id(n) in known else None) for n in order}

        self.snapshots = [snapshot()]
        self.root.grad = 1.0
        known.add(id(self.root))
        self.snapshots.append(snapshot())
        for node in self.steps:
            node._propagate()
            known.update(id(c) for c in node.children)
            self.snapshots.append(snapshot())
        self.explanations = [self._explanation(k, width) for k in range(len(self.snapshots))]

    def setup(self, fig):
        from matplotlib.patches import FancyBboxPatch

        w, h = fig.get_size_inches()
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
                fontsize=text.get_fontsize(), linespacing=text.get_linespacing())
            self.outlines[id(node)] = self.ax.add_patch(FancyBboxPatch(
                (box.get_x(), box.get_y()), box.get_width(), box.get_height(),
                boxstyle=box.get_boxstyle(), facecolor="none", zorder=2.5, visible=False))
        top = text_h - 0.12 / h
        self.explain = fig.text(0.015, top, "", ha="left", va="top", fontsize=self._FONT,
                                linespacing=1.35)
        self.step_text = fig.text(0.985, top, "", ha="right", va="top", fontsize=9,
                                  color="#555555")
        self.set_moving([e[3] for e in self.art.edges] + list(self.outlines.values())
                         + list(self.grad_texts.values()) + [e[4] for e in self.art.edges]
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
        current = self.steps[step - 2] if step >= 2 else None
        done = set(id(n) for n in self.steps[:max(step - 2, 0)])
        for node in self.order:
            g = grads[id(node)]
            self.grad_texts[id(node)].set_text("\n\ngrad " + ("?" if g is None else _fmt(g)))
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
        for child, parent, i, arrow, label in self.art.edges:
            active = parent is current
            arrow.set_color(plots.PALETTE["vermillion"] if active else EDGE_COLOR)
            arrow.set_linewidth(2.2 if active else 1.1)
            label.set_text(f"×{parent.local_grads[i] + 0.0:.3g}")
            label.set_color(plots.PALETTE["vermillion"] if active else "#555555")
            label.set_visible(active or id(parent) in done)
        self.explain.set_text(self.explanations[step])
        self.step_text.set_text(f"step {step} of {len(self.snapshots) - 1}")

    def _explanation(self, step, width):
        name = self.names
        out = name[id(self.root)]
        if step == 0:
            return ("Forward pass done: every node holds its value; no gradient is known yet (?).\n"
                    "The backward pass starts at the output and walks the arrows backwards.")
        if step == 1:
            return (f"Step 1: start at the output: ∂{out}/∂{out} = 1.\n"
                    "Next, each node in turn hands its gradient to its inputs.")
        node = self.steps[step - 2]
        grads = self.snapshots[step]
        me = name[id(node)]
        # Plain numbers in the formula get gradients too, but nobody needs them: leave them out.
        pairs = [(c, g) for c, g in zip(node.children, node.local_grads) if c.op or c.label]
        pairs = pairs or list(zip(node.children, node.local_grads))
        lines = [f"Node {me} = {self._formula(node)} passes ∂{out}/∂{me} = "
                 f"{_fmt(grads[id(node)])} back."]
        lines += _pack([f"∂{me}/∂{name[id(c)]} = {_fmt(g)}" for c, g in _unique(pairs)],
                       ",  ", width - 20)
        lines[1] = "Local derivatives: " + lines[1]
        lines[-1] += "."
        n = len(lines)
        before = self.snapshots[step - 1]
        running = {id(c): before[id(c)] or 0.0 for c, _ in pairs}
        rule = []
        for c, g in pairs:  # a child used twice collects twice: show the running sum
            running[id(c)] += g * grads[id(node)]
            rule.append(f"∂{out}/∂{name[id(c)]} += {_fmt(g)} × {_fmt(grads[id(node)])} "
                        f"→ {_fmt(running[id(c)])}")
        lines += _pack(rule, ";  ", width - 12)
        lines[n] = "Chain rule: " + lines[n]
        lines[-1] += "."
        if step == len(self.snapshots) - 1:
            inputs = [n for n in self.order if not n.children and n.label]
            if inputs:
                done = _pack([f"∂{out}/∂{n.label} = {_fmt(grads[id(n)])}" for n in inputs],
                             ",  ", width - 22)
                done[0] = "Done - the gradient: " + done[0]
                done[-1] += "."
                lines += done
            else:
                lines.append("Done.")
        return "\n".join(lines)

    def _formula(self, node):
        names = [self.names[id(c)] for c in node.children]
        op = node.op
        if op in ("+", "-", "*", "/"):
            return f" {'×' if op == '*' else op} ".join(names)
        if op == "neg":
            return f"−{names[0]}"
        if op.startswith("**"):
            return f"{names[0]}**{op[2:]}"
        if op.endswith("**"):
            return f"{op[:-2]}**{names[0]}"
        return f"{'ln' if op == 'log' else 'σ' if op == 'sigmoid' else op}({names[0]})"


def _unique(pairs):
    """(child, local derivative) per distinct child: a + a has one child, with local 1 twice."""
    seen = {}
    for c, g in pairs:
        if id(c) in seen:
            seen[id(c)] = (c, seen[id(c)][1] + g)
        else:
            seen[id(c)] = (c, g)
    return list(seen.values())
