"""The static picture of a browser explorer: its scene drawn by matplotlib, in the course style.

``js/draw.js`` draws the same panels and marks on a canvas; this module is what GitHub,
nbviewer and the tests see. One figure is reused (cleared and drawn again), once per display.
"""

import io

import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.patches import Polygon, Rectangle
from PIL import Image  # fast PNG encoding of the canvas buffer; also matplotlib's own dependency

from ..plots.style import style_axes
from . import _scene
from ._scene import GRID_COLOR, colormap, is_ref, unpack_pixels

__all__ = ["cell_labels", "render_png", "resolve", "sigmoid_points"]


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


def _grid(values):
    """An image mark's values as a float array (packed by ``_scene.pixels`` or nested lists; None is NaN)."""
    values = unpack_pixels(values)
    if isinstance(values, np.ndarray):
        return values.astype(float)
    return np.asarray(_floats(values)).reshape(np.shape(values))


def cell_labels(m, xlim, ylim):
    """``(x, y, text, white)`` of each annotated cell of image mark ``m`` whose centre is inside the limits.

    The browser writes the same cells (``js/explorer.js``); text is white on the colour map's
    ``dark_end`` half, so it stays readable.
    """
    values = _grid(m["values"])
    if values.ndim != 2 or not values.size:
        return []
    rows, cols = values.shape
    x0, x1, y0, y1 = (float(v) for v in m["extent"])
    lo = m.get("vmin") if m.get("vmin") is not None else np.nanmin(values)
    hi = m.get("vmax") if m.get("vmax") is not None else np.nanmax(values)
    out = []
    for r in range(rows):
        y = y1 + (r + 0.5) * (y0 - y1) / rows
        if not min(ylim) <= y <= max(ylim):
            continue
        for c in range(cols):
            x = x0 + (c + 0.5) * (x1 - x0) / cols
            v = values[r, c]
            if not (min(xlim) <= x <= max(xlim)) or not np.isfinite(v):
                continue
            u = (v - lo) / (hi - lo) if hi > lo else 0.0
            white = u > 0.5 if m.get("dark_end", "high") == "high" else u < 0.5
            out.append((x, y, f"{v:g}", bool(white)))
    return out


def _draw(ax, m, z, lims):
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
        ax.plot(_floats(m["x"]), _floats(m["y"]), m.get("shape", "o"), color=m["color"], markersize=m["size"],
                markeredgecolor=m.get("edge") or m["color"], linestyle="none", alpha=m.get("alpha", 1.0), zorder=z)
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
        fill = to_rgba(m["fill"], m["alpha"]) if m.get("fill") else "none"  # alpha is the fill's: the edge stays opaque
        ax.add_patch(Rectangle((m["x"], m["y"]), m["w"], m["h"], facecolor=fill, edgecolor=m.get("edge") or "none",
                               linewidth=m.get("width", 1.0), zorder=z))
    elif kind == "image":
        values = _grid(m["values"])
        if values.ndim == 3:  # RGB 0-255, drawn as they are
            ax.imshow(np.clip(values / 255.0, 0, 1), extent=m["extent"], origin="upper", aspect="auto",
                      interpolation="nearest", zorder=z)
        elif values.size:
            ax.imshow(values, extent=m["extent"], origin="upper", cmap=colormap(m["cmap"]), vmin=m.get("vmin"),
                      vmax=m.get("vmax"), aspect="auto", interpolation="nearest", zorder=z)
        if m.get("annotate"):
            for x, y, label, white in cell_labels(m, *lims):
                ax.text(x, y, label, ha="center", va="center", fontsize=m.get("font_size", 8),
                        color="white" if white else "black", zorder=z + 0.001, clip_on=True)
    elif kind == "network":
        _draw_network(ax, m, z)
    elif kind == "sigmoid":
        _draw_sigmoid(ax, m, z)


def network_grid(m):
    """A network mark's shaded values on its grid, shape ``(n, n)``, row 0 at the bottom (y0).

    The numbers ``js/network.js`` (``networkGrid``) computes in the browser, from the course's
    :func:`lecture_utils.network.forward`.
    """
    from ..network import forward

    x0, x1, y0, y1 = m["extent"]
    xs, ys = np.linspace(x0, x1, m["n"]), np.linspace(y0, y1, m["n"])
    g1, g2 = np.meshgrid(xs, ys)
    fwd = forward(np.column_stack([g1.ravel(), g2.ravel()]), *unpack(m["params"]))
    values = fwd.y_hat if m["output"] == "y_hat" else fwd.H[:, int(m["unit"])]
    return values.reshape(m["n"], m["n"]), xs, ys


def unpack(params):
    """``(W1 (2, h), b1, W2, b2)`` from a network mark's packed ``4h + 1`` numbers."""
    p = np.asarray(params, dtype=float)
    h = (p.size - 1) // 4
    if p.ndim != 1 or p.size != 4 * h + 1 or h < 1:
        raise ValueError(f"a network mark's params must be 4h + 1 numbers (W1's rows, b1, W2, b2), got shape {p.shape}")
    return p[:2 * h].reshape(2, h), p[2 * h:3 * h], p[3 * h:4 * h], float(p[-1])


def _draw_network(ax, m, z):
    from matplotlib.collections import LineCollection
    from matplotlib.colors import ListedColormap

    from ..plots.logistic import boundary_segment
    from ..plots.network import contour_segments

    values, xs, ys = network_grid(m)
    ax.imshow(values, extent=m["extent"], origin="lower", cmap=ListedColormap(m["lut"]), vmin=m["vmin"],
              vmax=m["vmax"], alpha=m["alpha"], aspect="auto", interpolation="bilinear", zorder=z)
    lines = m.get("unit_lines")
    if lines:
        W1, b1, _, _ = unpack(m["params"])
        segments, widths = [], []
        for j in ([int(m["unit"])] if lines.get("only") else range(W1.shape[1])):
            seg = boundary_segment(W1[:, j], float(b1[j]), (xs[0], xs[-1]), (ys[0], ys[-1]))
            if seg is not None:
                segments.append(np.column_stack(seg))
                widths.append(lines["highlight"] if j == int(m["unit"]) else lines["width"])
        ax.add_collection(LineCollection(segments, colors=lines["color"], linewidths=widths or [1.0],
                                         linestyles="--", zorder=z + 0.001))
    if m.get("boundary"):
        b = m["boundary"]
        ax.add_collection(LineCollection(contour_segments(xs, ys, values, b["level"]), colors=b["color"],
                                         linewidths=b["width"], zorder=z + 0.002))


def sigmoid_points(m):
    """``(xs, ys, threshold)`` of a sigmoid mark: ŷ = σ(w x + b) at ``n`` points over its ``x_range``,
    and x = −b/w where ŷ = ½ (None off the range). What ``js/sigmoid.js`` (``sigmoidCurve``) draws."""
    from ..logistic import sigmoid_kernel

    w, b = float(m["w"]), float(m["b"])
    xs = np.linspace(*m["x_range"], m["n"])
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # huge w: z = ±inf, σ is 0 or 1
        ys = sigmoid_kernel(w * xs + b)
        at = -b / w if w != 0 else np.nan
    visible = bool(np.isfinite(at) and m["x_range"][0] <= at <= m["x_range"][1])
    return xs, ys, (at + 0.0 if visible else None)


def _draw_sigmoid(ax, m, z):
    xs, ys, at = sigmoid_points(m)
    ax.plot(xs, ys, color=m["color"], linewidth=m["width"], zorder=z)
    th = m.get("threshold")
    if th and at is not None:
        ax.axvline(at, color=th["color"], linewidth=th["width"], zorder=z,
                   linestyle=(0, tuple(th["dash"])) if th.get("dash") else "-")


def render_png(fig, panels, marks, state, fill=False):
    """Clear ``fig``, draw ``panels`` and ``marks`` (refs read from ``state``); returns PNG bytes.

    With ``fill``, texts are templates filled from ``state`` (:func:`._scene.fill`).
    """
    panels = [resolve(p, state) for p in panels]  # a panel's limits and ticks may move (_scene.moving)
    fig.clear()
    axes = {p["name"]: _axes(fig, p) for p in panels}
    by_name = {p["name"]: p for p in panels}
    for z, mark in enumerate(marks):
        p = by_name[mark["panel"]]
        m = resolve(mark, state)
        if fill and m["type"] == "text":
            m["text"] = _scene.fill(m["text"], state)
        _draw(axes[mark["panel"]], m, 2 + z * 0.01, (p["xlim"], p["ylim"]))
    for p in panels:  # limits as declared: a mark beyond them is clipped, not autoscaled into view
        axes[p["name"]].set_xlim(p["xlim"])
        axes[p["name"]].set_ylim(p["ylim"])
    fig.canvas.draw()
    return _encode_png(fig.canvas)  # the canvas's own pixels: no second draw as savefig would make


def _encode_png(canvas):
    """PNG bytes of what the Agg canvas holds now, without drawing again."""
    width, height = canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    # The figure is opaque, so RGB loses nothing; light compression is ~10 % faster per move.
    image.convert("RGB").save(buf, format="png", compress_level=1)
    return buf.getvalue()
