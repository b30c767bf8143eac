"""The static picture of a browser explorer: its scene drawn by matplotlib, in the course style.

``js/draw.js`` draws the same panels and marks on a canvas; this module is what GitHub,
nbviewer and the tests see. One figure is reused (cleared and drawn again), once per display.
"""

import numpy as np
from matplotlib.patches import Polygon, Rectangle

from ..plots.style import style_axes
from ._scene import GRID_COLOR, is_ref
from .base import _encode_png

__all__ = ["render_png", "resolve"]


def resolve(mark, state):
    """The mark with every ``ref`` replaced by its value in ``state``."""
    return {k: (state[v["$"]] if is_ref(v) else v) for k, v in mark.items()}


def _floats(values):
    return np.asarray([np.nan if v is None else v for v in np.ravel(values)], dtype=float)


def _axes(fig, p):
    ax = fig.add_axes(p["rect"])
    style_axes(ax, grid=p["grid"])
    if p["grid"]:
        ax.grid(True, color=GRID_COLOR, linewidth=0.8)
    ax.set_xlim(p["xlim"])
    ax.set_ylim(p["ylim"])
    ax.set_xticks(p["xticks"], p["xticklabels"])
    ax.set_yticks(p["yticks"], p["yticklabels"])
    ax.set_xlabel(p["xlabel"])
    ax.set_ylabel(p["ylabel"])
    if p["title"]:
        ax.set_title(p["title"])
    for side in ("left", "right", "bottom", "top"):
        ax.spines[side].set_visible(side in p["spines"])
    if p["zero_lines"]:
        ax.axhline(0, color="black", linewidth=0.8)
        ax.axvline(0, color="black", linewidth=0.8)
    return ax


def _draw(ax, m, z):
    kind = m["type"]
    transform = ax.transAxes if m.get("coords") == "axes" else ax.transData
    if kind == "line":
        ax.plot(_floats(m["x"]), _floats(m["y"]), color=m["color"], linewidth=m["width"], alpha=m["alpha"],
                linestyle=(0, tuple(m["dash"])) if m.get("dash") else "-", transform=transform, zorder=z)
    elif kind == "area":
        xy = np.column_stack([_floats(m["x"]), _floats(m["y"])])
        ok = np.isfinite(xy).all(axis=1)
        if ok.sum() >= 3:
            ax.add_patch(Polygon(xy[ok], closed=True, facecolor=m["fill"], alpha=m["alpha"],
                                 edgecolor=m.get("edge") or "none", linewidth=m["width"], zorder=z))
    elif kind == "points":
        ax.plot(_floats(m["x"]), _floats(m["y"]), "o", color=m["color"], markersize=m["size"],
                markeredgecolor=m.get("edge") or m["color"], linestyle="none", zorder=z)
    elif kind == "text":
        if m["text"]:
            box = (dict(boxstyle="round,pad=0.3", facecolor="white", edgecolor=m["box"], alpha=0.9)
                   if m.get("box") else None)
            ax.text(float(m["x"]), float(m["y"]), str(m["text"]), color=m["color"], fontsize=m["size"],
                    ha=m["ha"], va=m["va"], transform=transform, bbox=box, fontweight=m["weight"], zorder=z)
    elif kind == "arrow":
        x, y, dx, dy = (float(np.nan if m[k] is None else m[k]) for k in ("x", "y", "dx", "dy"))
        if np.isfinite([x, y, dx, dy]).all() and (dx or dy):
            ax.annotate("", (x + dx, y + dy), (x, y), zorder=z,
                        arrowprops=dict(arrowstyle="-|>", color=m["color"], linewidth=m["width"]))
    elif kind == "rect":
        ax.add_patch(Rectangle((m["x"], m["y"]), m["w"], m["h"], facecolor=m["fill"], alpha=m["alpha"],
                               edgecolor=m.get("edge") or "none", zorder=z))
    elif kind == "image":
        values = np.asarray(m["values"], dtype=float)
        ax.imshow(values, extent=m["extent"], origin="upper", cmap=m["cmap"], vmin=m.get("vmin"),
                  vmax=m.get("vmax"), aspect="auto", interpolation="nearest", zorder=z)


def render_png(fig, panels, marks, state):
    """Clear ``fig``, draw ``panels`` and ``marks`` (refs read from ``state``); returns PNG bytes."""
    fig.clear()
    axes = {p["name"]: _axes(fig, p) for p in panels}
    for z, mark in enumerate(marks):
        _draw(axes[mark["panel"]], resolve(mark, state), 2 + z * 0.01)
    for p in panels:  # limits as declared: a mark beyond them is clipped, not autoscaled into view
        axes[p["name"]].set_xlim(p["xlim"])
        axes[p["name"]].set_ylim(p["ylim"])
    fig.canvas.draw()
    return _encode_png(fig.canvas)  # the canvas's own pixels: no second draw as savefig would make
