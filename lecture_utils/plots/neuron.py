"""The schema of logistic regression as one artificial neuron (notebook 06)."""

import numpy as np

from .._validation import as_count, checks_axes
from .artists import Diagram
from .style import PALETTE

__all__ = ["draw_neuron"]


MAX_INPUTS = 12


@checks_axes
def draw_neuron(ax, n_inputs=3, *, input_labels=None, show_bias=True):
    """The schema of logistic regression as one neuron: inputs → weights → Σ + b → σ → ŷ.

    Parameters
    ----------
    n_inputs : int
        Input circles drawn (1 to ``MAX_INPUTS`` = 12); the last is labelled ``x_m`` with dots before it when ≥ 3.
    input_labels : list of str, optional
        Names under the input symbols (e.g. feature names).

    Returns
    -------
    Diagram
        Its ``shapes`` (circles, boxes, arrows) and ``texts``.
    """
    from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

    n_inputs = as_count(n_inputs, "n_inputs", minimum=1, maximum=MAX_INPUTS,
                        why=" (draw_neuron draws one circle per input, as draw_network)")
    if input_labels is not None and len(input_labels) != n_inputs:
        raise ValueError(f"input_labels must have {n_inputs} names, got {len(input_labels)}")
    artists = []
    ys = np.linspace(0.88, 0.12, n_inputs) if n_inputs > 1 else np.array([0.5])
    symbols = [f"$x_{{{j + 1}}}$" for j in range(n_inputs)]
    weights = [f"$w_{{{j + 1}}}$" for j in range(n_inputs)]
    if n_inputs >= 3:
        symbols[-1], weights[-1] = "$x_m$", "$w_m$"
    x_in, (sx, sy), (gx, gy), out_x = 0.2, (0.8, 0.5), (1.15, 0.5), 1.48
    r, rs, hb = 0.055, 0.08, 0.065
    grey = "#555555"

    def arrow(start, end):
        return ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12, color=grey, lw=1.2))

    for j, yj in enumerate(ys):
        artists.append(ax.add_patch(Circle((x_in, yj), r, facecolor="#d9ecf7", edgecolor=PALETTE["blue"], lw=1.5)))
        artists.append(ax.text(x_in, yj, symbols[j], ha="center", va="center", fontsize=13))
        if input_labels is not None:
            artists.append(ax.text(x_in - r - 0.015, yj, input_labels[j], ha="right", va="center", fontsize=8))
        # Arrow from the input to the edge of the sum node, weight written along it.
        d = np.array([sx - x_in, sy - yj])
        d /= np.hypot(*d)
        artists.append(arrow((x_in + r * d[0], yj + r * d[1]), (sx - rs * d[0], sy - rs * d[1])))
        t = 0.3
        mx, my = x_in + t * (sx - x_in), yj + t * (sy - yj)
        artists.append(ax.text(mx, my + 0.03, weights[j], ha="center", va="bottom", fontsize=11,
                               color=PALETTE["vermillion"]))
    if n_inputs >= 3:
        artists.append(ax.text(x_in, (ys[-2] + ys[-1]) / 2, r"$\vdots$", ha="center", va="center", fontsize=14))
    artists.append(ax.add_patch(Circle((sx, sy), rs, facecolor="#fff3d6", edgecolor=PALETTE["orange"], lw=1.8)))
    artists.append(ax.text(sx, sy, r"$\Sigma$", ha="center", va="center", fontsize=18))
    artists.append(ax.text(sx, sy - rs - 0.04,
                           r"$z = \sum_j w_j x_j + b$" if show_bias else r"$z = \sum_j w_j x_j$",
                           ha="center", va="top", fontsize=11))
    if show_bias:
        artists.append(ax.text(sx, 0.93, "$b$ (bias)", ha="center", va="center", fontsize=11,
                               color=PALETTE["vermillion"]))
        artists.append(arrow((sx, 0.89), (sx, sy + rs)))
    artists.append(ax.add_patch(FancyBboxPatch((gx - hb, gy - hb), 2 * hb, 2 * hb, boxstyle="round,pad=0.01",
                                               facecolor="#dff3ea", edgecolor=PALETTE["green"], lw=1.8)))
    artists.append(ax.text(gx, gy, r"$\sigma$", ha="center", va="center", fontsize=18))
    artists.append(ax.text(gx, gy - hb - 0.05, "sigmoid\n" + r"$\sigma(z) = 1/(1 + e^{-z})$",
                           ha="center", va="top", fontsize=10))
    artists.append(arrow((sx + rs, sy), (gx - hb - 0.01, gy)))
    artists.append(arrow((gx + hb + 0.01, gy), (out_x - 0.05, gy)))
    artists.append(ax.text(out_x, gy, r"$\hat y$", ha="center", va="center", fontsize=17))
    artists.append(ax.text(out_x, gy - 0.09, "$= P(y{=}1 \\mid x)$", ha="center", va="top", fontsize=10))
    ax.set_xlim(0, 1.62)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.axis("off")
    return Diagram.split(artists)
