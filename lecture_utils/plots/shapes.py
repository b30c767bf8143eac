"""Drawing for notebook 02: the shape rule of the matrix product, ``(n, k) @ (k, m) -> (n, m)``.

Boxes sized like the matrices, not their entries (so any shape can be drawn); the grids of
numbers are in :mod:`.matrices`. Exported by :mod:`lecture_utils.plots`.
"""

from dataclasses import dataclass

from .._validation import as_count, as_real, checks_axes
from .artists import Artists
from .matrices import _lighten
from .style import PALETTE, style_axes

__all__ = ["ShapeRule", "plot_shape_rule"]


def _as_shape(shape, name):
    """A matrix shape ``(rows, columns)`` of positive whole numbers."""
    if isinstance(shape, (str, bytes)) or not hasattr(shape, "__len__") or len(shape) != 2:
        raise TypeError(f"{name} must be a matrix shape (rows, columns), got {shape!r}")
    return tuple(as_count(v, f"{name}[{k}]", minimum=1) for k, v in enumerate(shape))


@dataclass
class ShapeRule(Artists):
    """What :func:`plot_shape_rule` drew: the ``boxes``, the ``texts``, and ``ok`` (whether A @ B exists)."""

    boxes: list
    texts: list
    ok: bool


@checks_axes
def plot_shape_rule(ax, a_shape, b_shape, *, scale=0.5):
    """Boxes of the shapes of ``A``, ``B`` and (when defined) ``A @ B``: the inner sizes must match.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    a_shape, b_shape : (int, int)
    scale : float
        Size of one row/column in data units.

    Returns a :class:`ShapeRule`.
    """
    from matplotlib.patches import Rectangle

    (n, k), (k2, m) = _as_shape(a_shape, "a_shape"), _as_shape(b_shape, "b_shape")
    scale = as_real(scale, "scale", positive=True)
    ok = k == k2
    style_axes(ax, grid=False)
    boxes, texts = [], []
    x = 0.0
    parts = [(a_shape, "A", PALETTE["blue"]), (b_shape, "B", PALETTE["green"])]
    if ok:
        parts.append(((n, m), "A @ B", PALETTE["orange"]))
    height = max(n, k2, 1) * scale
    for idx, ((r, c), name, color) in enumerate(parts):
        w, h = c * scale, r * scale
        box = Rectangle((x, height - h), w, h, facecolor=_lighten(color, 0.6), edgecolor=color,
                        linewidth=2)
        ax.add_patch(box)
        boxes.append(box)
        texts.append(ax.text(x + w / 2, height + 0.15, f"{name}\n{(r, c)}", ha="center",
                             va="bottom", fontsize=11))
        x += w
        if idx < len(parts) - 1:
            sym = "×" if idx == 0 else "="
            texts.append(ax.text(x + 0.4, height / 2, sym, ha="center", va="center", fontsize=16))
            x += 0.8
    inner_color = PALETTE["green"] if ok else PALETTE["vermillion"]
    verdict = (f"inner sizes {k} and {k2} match: result is (rows of A, columns of B) = {(n, m)}"
               if ok else f"inner sizes {k} and {k2} differ: A @ B is not defined")
    texts.append(ax.text(x / 2, -0.35, verdict, ha="center", va="top", fontsize=11,
                         color=inner_color))
    ax.set_xlim(-0.3, x + 0.3)
    ax.set_ylim(-0.9, height + 0.9)
    ax.set_aspect("equal")
    ax.axis("off")
    return ShapeRule(boxes, texts, ok)
