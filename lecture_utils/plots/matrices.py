"""Drawings for notebook 02 (matrix operations): matrices as grids of numbered cells.

A matrix is drawn in data coordinates of one ``Axes`` (row 0 at the top, one unit per
cell), so several matrices can share an ``Axes`` and line up: the transpose beside its
matrix, and ``B`` above ``C = A @ B`` with ``A`` to its left (rows of ``A`` meet columns of
``B`` exactly at the entries of ``C`` they produce).
"""

from dataclasses import dataclass, field

import numpy as np

from .._validation import as_array, as_entry, as_real, check_drawn, checks_axes, describe
from .artists import Artists
from .style import PALETTE

__all__ = [
    "MatMul",
    "MatrixGrid",
    "Transpose",
    "draw_matrix",
    "format_entry",
    "paren",
    "plot_matmul",
    "plot_transpose",
]

_LIGHT = "#f4f4f4"
MAX_CELLS = 400  # draw_matrix: one box and one number per entry; 200 × 200 took minutes


def format_entry(v):
    """A matrix entry as short text: ints as ints, floats with up to 3 significant digits."""
    if isinstance(v, (bool, np.bool_)):
        return "T" if v else "F"
    v = as_real(v, "v", finite=False)  # NaN and infinity are shown as such
    if np.isfinite(v) and v == int(v) and abs(v) < 1e6:
        return str(int(v))
    return f"{v:.3g}"


def paren(v):
    """:func:`format_entry`, in parentheses when negative, for sums like ``3·(-1)``."""
    s = format_entry(v)
    return f"({s})" if s.startswith("-") else s


@dataclass
class MatrixGrid(Artists):
    """The artists of one drawn matrix: ``cells[i][j]`` (Rectangle) and ``texts[i][j]``."""

    values: np.ndarray
    origin: tuple
    cells: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    bracket: list = field(default_factory=list)
    label: object = None

    @property
    def shape(self):
        return self.values.shape

    def center(self, i, j):
        """Data coordinates of the centre of cell (i, j)."""
        x0, y0 = self.origin
        return x0 + j + 0.5, y0 - i - 0.5

    def paint(self, colors=None, default="white"):
        """Set every cell's face colour: ``colors`` maps ``(i, j)`` to a colour."""
        colors = colors or {}
        for i, row in enumerate(self.cells):
            for j, cell in enumerate(row):
                cell.set_facecolor(colors.get((i, j), default))
        return self

    def set_values(self, values):
        """Write new numbers into the cells (same shape)."""
        values = np.asarray(values)
        if values.shape != self.values.shape:
            raise ValueError(f"new values must have shape {self.values.shape}, got {values.shape}")
        self.values = values
        for i, row in enumerate(self.texts):
            for j, text in enumerate(row):
                text.set_text(format_entry(values[i, j]))
        return self



@checks_axes
def draw_matrix(ax, M, *, origin=(0.0, 0.0), label=None, fontsize=12, colors=None):
    """Draw matrix ``M`` as a grid of cells with its numbers; top-left corner at ``origin``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    M : array_like, shape (n, m)
        A 1-D vector is drawn as one row.
    origin : (float, float)
        Data coordinates of the top-left corner; row i spans y in [y0 - i - 1, y0 - i].
        At most ``MAX_CELLS`` (400) entries are drawn (one box and one number each).
    label : str, optional
        Written above the matrix (e.g. ``"A (3, 2)"``).
    colors : dict, optional
        ``(i, j) -> face colour`` of some cells (the others are white).

    Returns
    -------
    MatrixGrid
    """
    from matplotlib.patches import Rectangle

    M = as_array(M, "M", ndim=(1, 2))
    if M.ndim == 1:
        M = M[np.newaxis, :]
    check_drawn(M.size, MAX_CELLS, "draw_matrix", "the size of M")
    if colors is not None and not isinstance(colors, dict):
        raise TypeError(f"colors must be a dict {{(i, j): colour}} of the cells to paint, got {describe(colors)}")
    for key in colors or {}:
        as_entry(key, "a key of colors", M.shape)
    x0, y0 = origin
    n, m = M.shape
    grid = MatrixGrid(values=M, origin=(float(x0), float(y0)))
    for i in range(n):
        cells, texts = [], []
        for j in range(m):
            cell = Rectangle((x0 + j, y0 - i - 1), 1, 1, facecolor="white", edgecolor="#bbbbbb",
                             linewidth=1.0, zorder=1)
            ax.add_patch(cell)
            cells.append(cell)
            texts.append(ax.text(x0 + j + 0.5, y0 - i - 0.5, format_entry(M[i, j]), ha="center",
                                 va="center", fontsize=fontsize, zorder=3))
        grid.cells.append(cells)
        grid.texts.append(texts)
    # Square brackets on both sides, as matrices are written on paper.
    t = 0.12
    for side, sx in (("left", x0 - 0.08), ("right", x0 + m + 0.08)):
        d = t if side == "left" else -t
        (line,) = ax.plot([sx + d, sx, sx, sx + d], [y0, y0, y0 - n, y0 - n], color="black",
                          linewidth=1.5, zorder=2, solid_capstyle="butt")
        grid.bracket.append(line)
    if label is not None:
        grid.label = ax.text(x0 + m / 2, y0 + 0.25, label, ha="center", va="bottom",
                             fontsize=max(fontsize, 10))
    grid.paint(colors)
    return grid


def _frame(ax, xmin, xmax, ymin, ymax):
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal")
    ax.axis("off")


def _entry_colors(shape, transpose=False):
    """One distinct colour per entry, so an entry can be followed to its new place."""
    import matplotlib

    n, m = shape
    cmap = matplotlib.colormaps["tab20"]
    colors = {}
    for i in range(n):
        for j in range(m):
            c = matplotlib.colors.to_hex(cmap((i * m + j) % 20), keep_alpha=False)
            colors[(j, i) if transpose else (i, j)] = _lighten(c)
    return colors


def product_shades(k):
    """``k`` alternating dark and light shades: the two factors of each product share one."""
    return [_lighten(PALETTE["sky"], 0.2 + 0.5 * (t % 2)) for t in range(k)]


def _lighten(color, amount=0.55):
    import matplotlib

    r, g, b = matplotlib.colors.to_rgb(color)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


@dataclass
class Transpose(Artists):
    """What :func:`plot_transpose` drew: grids ``A``, ``AT``, the two ``diagonals``, the ``arrow`` (or None)."""

    A: MatrixGrid
    AT: MatrixGrid
    diagonals: list
    arrow: object = None


@checks_axes
def plot_transpose(ax, A, *, entry=None, colored=True, fontsize=12):
    """``A`` and ``A^T`` side by side, each with its main diagonal (dashed): the mirror.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    A : array_like, shape (n, m)
    entry : (int, int), optional
        Highlight ``A[i, j]`` and its new place ``A^T[j, i]``, joined by an arrow
        (``0 <= i < n``, ``0 <= j < m``: no negative indices).
    colored : bool
        Give every entry its own colour in both matrices, so the mirror can be followed.

    Returns a :class:`Transpose`.
    """
    A = as_array(A, "A", ndim=2)
    n, m = A.shape
    gap = 2.2
    ga = draw_matrix(ax, A, origin=(0, 0), label=f"A  {A.shape}", fontsize=fontsize,
                     colors=_entry_colors(A.shape) if colored else None)
    gt = draw_matrix(ax, A.T, origin=(m + gap, 0), label=f"Aᵀ  {A.T.shape}", fontsize=fontsize,
                     colors=_entry_colors(A.shape, transpose=True) if colored else None)
    diagonals = []
    for g in (ga, gt):
        x0, y0 = g.origin
        k = min(g.shape)
        (line,) = ax.plot([x0, x0 + k], [y0, y0 - k], linestyle="--", color=PALETTE["grey"],
                          linewidth=1.2, zorder=2, alpha=0.8)
        diagonals.append(line)
    ax.annotate("", xy=(m + gap - 0.3, -min(n, m) / 2), xytext=(m + 0.3, -min(n, m) / 2),
                arrowprops={"arrowstyle": "->", "color": PALETTE["grey"], "lw": 1.2})
    ax.text(m + gap / 2, -min(n, m) / 2 - 0.15, "mirror", ha="center", va="top",
            fontsize=fontsize - 2, color=PALETTE["grey"])
    arrow = None
    if entry is not None:
        arrow = _transpose_arrow(ax, ga, gt, as_entry(entry, "entry", A.shape))
    _frame(ax, -0.6, m + gap + n + 0.6, -max(n, m) - 1.3, 1.1)
    return Transpose(ga, gt, diagonals, arrow)


def _transpose_arrow(ax, ga, gt, entry):
    i, j = entry
    ga.cells[i][j].set_facecolor(PALETTE["orange"])
    gt.cells[j][i].set_facecolor(PALETTE["orange"])
    return ax.annotate("", xy=gt.center(j, i), xytext=ga.center(i, j), zorder=5,
                       arrowprops={"arrowstyle": "->", "color": PALETTE["vermillion"], "lw": 2,
                                       "connectionstyle": "arc3,rad=-0.35", "shrinkA": 8, "shrinkB": 8})


@dataclass
class MatMul(Artists):
    """What :func:`plot_matmul` drew: the grids ``A``, ``B``, ``C`` and the three name ``labels``."""

    A: MatrixGrid
    B: MatrixGrid
    C: MatrixGrid
    labels: list

    def highlight(self, entry):
        """Colour row ``i`` of A, column ``j`` of B (shade by shade) and ``C[i, j]``; returns ``self``."""
        i, j = entry
        shades = product_shades(self.A.shape[1])
        self.A.paint({(i, t): c for t, c in enumerate(shades)})
        self.B.paint({(t, j): c for t, c in enumerate(shades)})
        self.C.paint({(i, j): PALETTE["orange"]})
        return self


@checks_axes
def plot_matmul(ax, A, B, *, entry=None, fontsize=12):
    """``C = A @ B`` laid out with ``B`` above ``C`` and ``A`` to its left.

    Row ``i`` of ``A`` and column ``j`` of ``B`` meet at ``C[i, j]``: with ``entry=(i, j)``
    they are highlighted (the two factors of every product share a colour shade).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    A : array_like, shape (n, k)
    B : array_like, shape (k, m)
    entry : (int, int), optional
        ``(i, j)`` with ``0 <= i < n`` and ``0 <= j < m`` (an entry of ``C``).

    Returns a :class:`MatMul`.
    """
    A, B = as_array(A, "A", ndim=2), as_array(B, "B", ndim=2)
    if A.shape[1] != B.shape[0]:
        raise ValueError(f"plot_matmul needs matrices with matching inner dimensions, "
                         f"got {A.shape} @ {B.shape}")
    n, k = A.shape
    m = B.shape[1]
    for name, size in (("A", A.size), ("B", B.size), ("C = A @ B", n * m)):
        if size > MAX_CELLS:
            raise ValueError(f"plot_matmul draws every entry: {name} would have {size:,} entries, more than "
                             f"MAX_CELLS = {MAX_CELLS} (A {A.shape}, B {B.shape}); use smaller A and B")
    gap = 0.9
    ga = draw_matrix(ax, A, origin=(0, 0), label=None, fontsize=fontsize)
    gb = draw_matrix(ax, B, origin=(k + gap, k + gap), label=None, fontsize=fontsize)
    gc = draw_matrix(ax, A @ B, origin=(k + gap, 0), label=None, fontsize=fontsize)
    labelsize = max(fontsize, 10)  # names stay readable when big matrices need small digits
    labels = [ax.text(k / 2, 0.2, f"A {A.shape}", ha="center", va="bottom", fontsize=labelsize),
              ax.text(k + gap - 0.35, k + gap - k / 2, f"B {B.shape}", ha="right", va="center", fontsize=labelsize),
              ax.text(k + gap + m / 2, -n - 0.25, f"C = A @ B  {(n, m)}", ha="center", va="top", fontsize=labelsize)]
    drawn = MatMul(ga, gb, gc, labels)
    if entry is not None:
        drawn.highlight(as_entry(entry, "entry", (n, m)))
    _frame(ax, -0.5, k + gap + m + 0.5, -n - 1.1, k + gap + 0.5)
    return drawn
