"""What a browser explorer draws, as plain data: panels (axes) and marks (lines, areas, text...).

The same description is drawn twice: by ``js/explorer.js`` on a canvas in the browser (live)
and by :func:`lecture_utils.widgets._scene_mpl.render_png` with matplotlib (the static picture
GitHub and nbviewer show), so the two read as one figure.

A mark's field is either a constant (a number, a string, a list) or ``ref("key")``: the value
of ``key`` in the explorer's current state, looked up in its tables when a control moves.
Coordinates are data coordinates of the mark's panel unless ``coords="axes"`` (0-1 across the
panel) is given.
"""

import base64

import numpy as np
from matplotlib import colormaps
from matplotlib.ticker import MaxNLocator

from ..plots.style import BACKGROUND, CMAP, PALETTE

__all__ = ["area", "arrow", "axis_ticks", "colormap_name", "fill", "image", "line", "moving", "network_field", "panel",
           "pixels", "points", "rect", "ref", "text"]

GRID_COLOR = "#dddddd"  # plots.style_axes' grid
MESSAGE_COLOR = PALETTE["vermillion"]  # plots.message's box
MARK_TYPES = ("line", "area", "points", "text", "arrow", "rect", "image", "network")
MARKER_SHAPES = ("o", "^", "s")


def ref(key):
    """A field whose value is ``key`` of the current state (a table column), not a constant."""
    if not isinstance(key, str) or not key:
        raise TypeError(f"ref() needs a table key (a non-empty string), got {key!r}")
    return {"$": key}


def fill(template, state):
    """``template`` with each ``{key}`` or ``{key:spec}`` replaced by ``state[key]`` (str.format).

    For explorers with ``FILL = True``: a text that depends on more controls than the rest of
    its sentence ships once per state of its own controls, the numbers once per theirs.
    ``js/draw.js`` (``fill``) does the same for the specs ``""``, ``"d"``, ``".Nf"`` and ``"+.Nf"``.
    """
    return str(template).format_map(state) if template else template


def is_ref(value):
    """True for a value made by :func:`ref`."""
    return isinstance(value, dict) and set(value) == {"$"}


def _ticks(lo, hi, ticks):
    if ticks is None:
        ticks = MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi)
    values = [float(t) for t in ticks if min(lo, hi) - 1e-9 <= t <= max(lo, hi) + 1e-9]
    # matplotlib's own tick labels use the Unicode minus; so do ours, in both pictures.
    return values, [f"{v:g}".replace("-", "\u2212") for v in values]


def panel(name, rect, xlim, ylim, *, xlabel="", ylabel="", title="", xticks=None, yticks=None,
          xticklabels=None, yticklabels=None, grid=True, zero_lines=False, spines=("left", "right", "bottom", "top")):
    """One axes: where it sits in the figure and its data limits, ticks and labels.

    Parameters
    ----------
    name : str
        What marks name as their ``panel``.
    rect : tuple of float
        ``(left, bottom, width, height)`` as fractions of the figure, as ``Figure.add_axes``.
    xlim, ylim : tuple of float
        Data limits.
    xlabel, ylabel, title : str
        Axis labels and the panel's title.
    xticks, yticks : sequence of float, optional
        Tick positions (default: matplotlib's choice for the limits, so both pictures agree).
    grid : bool
        The course's light grid.
    xticklabels : sequence of str, optional
        Words under the x ticks instead of their numbers (bar names; may hold newlines).
    yticklabels : sequence of str, optional
        Words beside the y ticks instead of their numbers (e.g. J for ticks at log10 J).
    zero_lines : bool
        Thin black lines along x = 0 and y = 0.
    spines : sequence of str
        The sides of the frame drawn ("left", "right", "bottom", "top").
    """
    (x0, x1), (y0, y1) = (tuple(float(v) for v in lim) for lim in (xlim, ylim))
    if not (np.isfinite([x0, x1, y0, y1]).all() and x0 != x1 and y0 != y1):
        raise ValueError(f"panel {name!r} needs finite, distinct limits, got xlim={xlim}, ylim={ylim}")
    xt, xtl = _ticks(x0, x1, xticks)
    yt, ytl = _ticks(y0, y1, yticks)
    if xticklabels is not None:
        if len(xticklabels) != len(xt):
            raise ValueError(f"panel {name!r} has {len(xt)} x ticks but {len(xticklabels)} xticklabels")
        xtl = [str(t) for t in xticklabels]
    if yticklabels is not None:
        if len(yticklabels) != len(yt):
            raise ValueError(f"panel {name!r} has {len(yt)} y ticks but {len(yticklabels)} yticklabels")
        ytl = [str(t) for t in yticklabels]
    return {"name": name, "rect": [float(v) for v in rect], "xlim": [x0, x1], "ylim": [y0, y1],
            "xlabel": xlabel, "ylabel": ylabel, "title": title, "xticks": xt, "xticklabels": xtl,
            "yticks": yt, "yticklabels": ytl, "grid": bool(grid), "zero_lines": bool(zero_lines),
            "spines": [str(side) for side in spines]}


def axis_ticks(lo, hi):
    """``(values, labels)`` of the ticks :func:`panel` would give limits ``(lo, hi)``: for a table
    whose panel limits move with a control (see :func:`moving`)."""
    return _ticks(float(lo), float(hi), None)


PANEL_REFS = ("xlim", "ylim", "xticks", "xticklabels", "yticks", "yticklabels", "title", "xlabel", "ylabel")


def moving(panel_value, **keys):
    """``panel_value`` with some fields read from the state: ``moving(p, ylim="ylim", yticks="yt")``.

    For a panel whose limits or ticks change with a control (a function menu): the browser and
    the static picture look the fields up as they do a mark's ``ref``.
    """
    unknown = set(keys) - set(PANEL_REFS)
    if unknown:
        raise ValueError(f"moving() can read {PANEL_REFS} from the state, not {sorted(unknown)}")
    return {**panel_value, **{field: ref(key) for field, key in keys.items()}}


def _mark(kind, panel_name, **fields):
    return {"type": kind, "panel": panel_name, **{k: v for k, v in fields.items() if v is not None}}


def line(panel_name, x, y, *, color=PALETTE["blue"], width=1.5, dash=None, alpha=1.0, coords="data"):
    """A polyline through ``(x, y)``; a NaN (or null) point breaks it."""
    return _mark("line", panel_name, x=x, y=y, color=color, width=width, dash=dash, alpha=alpha, coords=coords)


def area(panel_name, x, y, *, fill=PALETTE["blue"], alpha=0.25, edge=None, width=1.0):
    """A filled polygon with corners ``(x, y)``."""
    return _mark("area", panel_name, x=x, y=y, fill=fill, alpha=alpha, edge=edge, width=width)


def points(panel_name, x, y, *, color=PALETTE["vermillion"], size=6.0, edge=None, shape="o", alpha=1.0):
    """Markers of diameter ``size`` (points, as matplotlib's markersize) at ``(x, y)``.

    ``shape`` is one of ``MARKER_SHAPES``: "o" (circle), "^" (triangle), "s" (square), as
    matplotlib's markers; two classes differ by shape as well as colour.
    """
    if shape not in MARKER_SHAPES:
        raise ValueError(f"points shape must be one of {MARKER_SHAPES}, got {shape!r}")
    return _mark("points", panel_name, x=x, y=y, color=color, size=size, edge=edge, shape=shape, alpha=alpha)


def text(panel_name, x, y, text, *, color="black", size=10, ha="center", va="center", coords="data",
         box=None, weight="normal"):
    """Text at ``(x, y)``; ``box`` is the colour of a rounded frame (plots.message's look), or None."""
    return _mark("text", panel_name, x=x, y=y, text=text, color=color, size=size, ha=ha, va=va,
                 coords=coords, box=box, weight=weight)


def message(panel_name, text_value):
    """The course's warning box across the top of a panel (as :func:`lecture_utils.plots.message`)."""
    return text(panel_name, 0.5, 0.97, text_value, color=MESSAGE_COLOR, ha="center", va="top",
                coords="axes", box=MESSAGE_COLOR)


def arrow(panel_name, x, y, dx, dy, *, color="black", width=1.5):
    """An arrow from ``(x, y)`` to ``(x + dx, y + dy)``."""
    return _mark("arrow", panel_name, x=x, y=y, dx=dx, dy=dy, color=color, width=width)


def rect(panel_name, x, y, w, h, *, fill=PALETTE["grey"], alpha=0.3, edge=None, width=1.0):
    """An axis-aligned rectangle with corner ``(x, y)``; ``alpha`` is the fill's (the edge is opaque).

    ``fill=None`` with an ``edge`` draws an outline only (a highlighted cell).
    """
    return _mark("rect", panel_name, x=x, y=y, w=w, h=h, fill=fill, alpha=alpha, edge=edge, width=width)


def pixels(array):
    """An image's values packed for an :func:`image` mark: shape, dtype and base64 bytes.

    A 150 x 128 x 3 photo as nested JSON lists is 19,000 small lists that every layer (JSON,
    ipywidgets' buffer search, gzip) walks one by one; packed it is one string, decoded once in
    the browser. Integers 0-255 travel as uint8, anything else as float64.
    """
    values = np.asarray(array)
    if values.ndim not in (2, 3) or (values.ndim == 3 and values.shape[2] != 3):
        raise ValueError(f"pixels() needs an (h, w) or (h, w, 3) array, got shape {values.shape}")
    small = values.dtype.kind in "ub" or (values.dtype.kind == "i" and values.size and 0 <= values.min()
                                          and values.max() <= 255)
    packed = values.astype(np.uint8 if small else "<f8")
    return {"shape": list(values.shape), "dtype": "uint8" if small else "float64",
            "b64": base64.b64encode(np.ascontiguousarray(packed).tobytes()).decode("ascii")}


def unpack_pixels(values):
    """The array :func:`pixels` packed (other values as an array, unchanged)."""
    if isinstance(values, dict) and "b64" in values:
        raw = base64.b64decode(values["b64"])
        return np.frombuffer(raw, dtype=np.uint8 if values["dtype"] == "uint8" else "<f8").reshape(values["shape"])
    return values


def image(panel_name, values, extent, *, vmin=None, vmax=None, cmap=CMAP, annotate=False, dark_end="high",
          font_size=8):
    """A heat map: ``values`` (rows from the top) stretched over ``extent = (x0, x1, y0, y1)``.

    ``values`` is nested lists, or an array packed by :func:`pixels` (faster for big images).
    ``values`` of shape ``(h, w, 3)`` are RGB colours 0-255 (drawn as they are, no colour map).
    ``cmap`` is a matplotlib colour map or its name; the browser gets its colours as a table.
    ``annotate=True`` writes each cell's value (``%g``) in it, white on the ``dark_end``
    ("high" or "low" values) of the colour map and black elsewhere, only where the cell is inside
    the panel: a zoomed view is the whole image with an extent that moves.
    """
    if dark_end not in ("high", "low"):
        raise ValueError(f"dark_end must be 'high' or 'low', got {dark_end!r}")
    return _mark("image", panel_name, values=values, extent=extent, vmin=vmin, vmax=vmax,
                 cmap=cmap if isinstance(cmap, (str, dict)) else colormap_name(cmap), annotate=annotate,
                 dark_end=dark_end, font_size=font_size)


_COLORMAPS = {}  # colour maps known by name here but not registered with matplotlib (the channel maps)


def colormap_name(cmap):
    """The name a mark (or a table) gives ``cmap`` by: registered here if matplotlib does not know it."""
    if cmap.name not in colormaps:
        _COLORMAPS[cmap.name] = cmap
    return cmap.name


def colormap(name):
    """The colour map called ``name`` (matplotlib's, or one named with :func:`colormap_name`); a Colormap as it is."""
    if not isinstance(name, str):
        return name
    if name in _COLORMAPS:
        return _COLORMAPS[name]
    try:
        return colormaps[name]
    except KeyError:
        raise ValueError(f"unknown colour map {name!r}: name an unregistered one with colormap_name(cmap)") from None


def network_field(panel_name, params, extent, *, n=70, output="y_hat", unit=0, cmap=CMAP,
                  vmin=0.0, vmax=1.0, alpha=1.0, boundary=None, unit_lines=None):
    """A one-hidden-layer tanh network's output over the plane, computed where it is drawn.

    The browser evaluates ``σ(tanh(x W1 + b1) W2 + b2)`` on an ``n`` x ``n`` grid over
    ``extent = (x0, x1, y0, y1)`` (``js/explorer.js``, ``networkGrid``; tested against
    :func:`lecture_utils.network.forward`), so a state ships its few weights, not the grid.

    Parameters
    ----------
    params : array_like or ref
        The weights packed in one vector of ``4h + 1`` numbers: ``W1``'s two rows, ``b1``, ``W2``, ``b2``
        (one list per state: the smallest JSON, and one object for ipywidgets to walk).
    output : str
        "y_hat" shades ŷ; "unit" shades hidden unit ``unit``'s output ``tanh(w·x + b)``.
    unit : int or ref
        The hidden unit (0-based) shaded by ``output="unit"`` and drawn thicker among ``unit_lines``.
    cmap : str or Colormap
        Colour map of the shading (sent to the browser as a 256-colour table).
    boundary : dict, optional
        ``{"level", "color", "width"}``: the curve where the shaded values cross ``level``.
    unit_lines : dict, optional
        ``{"color", "width", "highlight"}``: each hidden unit's line ``W1[:, j]·x + b1[j] = 0``
        (dashed; unit ``unit``'s ``highlight`` wide); with ``"only": True`` unit ``unit``'s alone.
    """
    if output not in ("y_hat", "unit"):
        raise ValueError(f"network_field output must be 'y_hat' or 'unit', got {output!r}")
    return _mark("network", panel_name, params=params, extent=[float(v) for v in extent], n=int(n),
                 output=output, unit=unit, lut=colormap_lut(cmap), vmin=float(vmin), vmax=float(vmax),
                 alpha=float(alpha), boundary=boundary, unit_lines=unit_lines)


def colormap_lut(name=CMAP, n=256):
    """``n`` colours of a colour map (a Colormap, or a name :func:`colormap` reads) as '#rrggbb' strings."""
    rgba = colormap(name)(np.linspace(0, 1, n))
    return ["#" + "".join(f"{round(255 * float(c)):02x}" for c in row[:3]) for row in rgba]


def check_marks(marks, panels):
    """Refuse a mark of an unknown type or naming no panel (a typo would draw nothing)."""
    names = {p["name"] for p in panels}
    for mark in marks:
        if mark.get("type") not in MARK_TYPES:
            raise ValueError(f"a mark's type must be one of {MARK_TYPES}, got {mark.get('type')!r}")
        if mark["panel"] not in names:
            raise ValueError(f"a {mark['type']} mark names panel {mark['panel']!r}; the panels are {sorted(names)}")


STYLE = {"background": BACKGROUND, "grid": GRID_COLOR, "font": "DejaVu Sans, Verdana, sans-serif",
         "font_size": 10, "tick_size": 10, "title_size": 12}
