"""Explorers for notebook 02 (matrix operations): the transpose and the matrix product."""

import ipywidgets as widgets
import numpy as np

from .. import plots
from .._validation import as_array, as_count
from ..plots.matrices import format_entry, paren, product_shades
from .base import Explorer

__all__ = ["MatrixProductExplorer", "TransposeExplorer"]

DEFAULT_A = np.array([[1, 2], [3, 4], [5, 6]])
DEFAULT_B = np.array([[1, 3, 5, 7], [2, 4, 6, 8]])  # the lecture's example: A @ B starts 5, 11 / 11, 25
_MAX_SIZE = 6  # more cells than this per side would not be readable in the picture


def _small_matrix(M, name):
    M = as_array(M, name, ndim=2)
    if max(M.shape) > _MAX_SIZE:
        raise ValueError(f"{name} must be at most {_MAX_SIZE} x {_MAX_SIZE} to be drawn readably, "
                         f"got shape {M.shape}")
    return M


class _Overlay:
    """A coloured cell with its own copy of the number, drawn over one cell of a grid.

    Explorers move overlays instead of repainting grids, so the grids stay in the cached
    background (blitting, see ``Explorer.set_moving``) and only a few artists are redrawn.
    """

    def __init__(self, ax, grid, color):
        from matplotlib.patches import Rectangle

        size = grid.texts[0][0].get_fontsize()
        self.grid = grid
        self.cell = Rectangle((0, 0), 1, 1, facecolor=color, edgecolor="#bbbbbb", linewidth=1.0,
                              zorder=1)
        ax.add_patch(self.cell)
        self.text = ax.text(0, 0, "", ha="center", va="center", fontsize=size, zorder=3)

    def move(self, i, j, color=None):
        self.cell.set_xy(self.grid.cells[i][j].get_xy())
        if color is not None:
            self.cell.set_facecolor(color)
        self.text.set_position(self.grid.center(i, j))
        self.text.set_text(self.grid.texts[i][j].get_text())

    def artists(self):
        return [self.cell, self.text]


def _slider(value, name, size, description):
    value = as_count(value, name)  # a start past the end is clipped, as a drag would be
    return widgets.IntSlider(value=min(value, size - 1), min=0, max=size - 1,
                             description=description, continuous_update=True,
                             style={"description_width": "initial"},  # "column j of C" in full
                             layout=widgets.Layout(width="300px"))


class TransposeExplorer(Explorer):
    """Pick an entry ``(i, j)`` of ``A`` and see it land at ``(j, i)`` in ``A^T``.

    Parameters
    ----------
    A : array_like, shape (n, m), optional
        At most 6 x 6; defaults to the lecture's ``[[1, 2], [3, 4], [5, 6]]``.
    i, j : int
        The entry selected at the start.
    """

    NOTEBOOK = "02"
    examples = {"notebook 02": dict(A=DEFAULT_A, i=0, j=1)}

    def __init__(self, A=None, i=2, j=0):
        self.A = DEFAULT_A if A is None else _small_matrix(A, "A")
        n, m = self.A.shape
        controls = {"i": _slider(i, "i", n, "row i"), "j": _slider(j, "j", m, "column j")}
        super().__init__(controls, figsize=(7.0, 3.8), title="Transpose explorer")

    def setup(self, fig):
        self.ax = fig.subplots()
        fig.subplots_adjust(left=0.02, right=0.98, top=0.98, bottom=0.02)
        n, m = self.A.shape
        w_px, h_px = fig.get_size_inches() * self.dpi * 0.96
        cell = min(w_px / (n + m + 3.4), h_px / (max(n, m) + 2.4))
        self.grids = plots.plot_transpose(self.ax, self.A, colored=False,
                                          fontsize=_cell_fontsize(cell, (self.A,), self.dpi))
        from matplotlib.patches import FancyArrowPatch

        orange = plots.PALETTE["orange"]
        self.marks = [_Overlay(self.ax, self.grids.A, orange), _Overlay(self.ax, self.grids.AT, orange)]
        self.arrow = FancyArrowPatch((0, 0), (1, 1), arrowstyle="->", mutation_scale=15, zorder=5,
                                     color=plots.PALETTE["vermillion"], linewidth=2,
                                     connectionstyle="arc3,rad=-0.35", shrinkA=8, shrinkB=8)
        self.ax.add_patch(self.arrow)
        self.caption = self.ax.text(0.5, 0.02, "", transform=self.ax.transAxes, ha="center",
                                    va="bottom", fontsize=12)
        self.note = plots.message(self.ax)
        self.set_moving([a for m in self.marks for a in m.artists()]
                        + [self.arrow, self.caption, self.note])

    def draw(self, i, j):
        A = self.A
        ga, gt = self.grids.A, self.grids.AT
        self.marks[0].move(i, j)
        self.marks[1].move(j, i)
        self.arrow.set_positions(ga.center(i, j), gt.center(j, i))
        v = format_entry(A[i, j])
        self.caption.set_text(f"A[{i}, {j}] = {v}  lands at  Aᵀ[{j}, {i}] = {v}")
        if i == j:
            note = "i = j: an entry on the main diagonal stays where it is"
        elif A.shape[0] == A.shape[1] and i < A.shape[1] and j < A.shape[0]:
            w = format_entry(A[j, i])
            if A[i, j] == A[j, i]:
                note = f"A[{i}, {j}] = A[{j}, {i}] = {v}: this pair is symmetric"
            else:
                note = f"A[{i}, {j}] = {v} but A[{j}, {i}] = {w}: so A is not symmetric (A ≠ Aᵀ)"
        else:
            note = ""
        plots.message(self.ax, note, artist=self.note)
        self._state = (i, j, v, note)

    def describe(self):
        """One line: which entry of A is selected and where it lands in Aᵀ."""
        i, j, v, note = self._state
        n, m = self.A.shape
        line = f"A ({n}x{m}) and its transpose Aᵀ ({m}x{n}): A[{i}, {j}] = {v} lands at Aᵀ[{j}, {i}]"
        return f"{line}; {note}." if note else f"{line}."


class MatrixProductExplorer(Explorer):
    """Pick an entry ``(i, j)`` of ``C = A @ B``: row i of A times column j of B, summed.

    Parameters
    ----------
    A : array_like, shape (n, k), optional
        At most 6 x 6; defaults to ``[[1, 2], [3, 4], [5, 6]]``.
    B : array_like, shape (k, m), optional
        Defaults to the lecture's ``[[1, 3, 5, 7], [2, 4, 6, 8]]`` (so C has shape (3, 4)).
    i, j : int
        The entry selected at the start.
    """

    NOTEBOOK = "02"
    examples = {"notebook 02": dict(A=DEFAULT_A, B=DEFAULT_B, i=0, j=0)}

    def __init__(self, A=None, B=None, i=0, j=0):
        self.A = DEFAULT_A if A is None else _small_matrix(A, "A")
        self.B = DEFAULT_B if B is None else _small_matrix(B, "B")
        if self.A.shape[1] != self.B.shape[0]:
            raise ValueError(f"inner dimensions must match: {self.A.shape} @ {self.B.shape} - "
                             "A needs as many columns as B has rows")
        self.C = self.A @ self.B
        controls = {"i": _slider(i, "i", self.A.shape[0], "row i of C"),
                    "j": _slider(j, "j", self.B.shape[1], "column j of C")}
        super().__init__(controls, figsize=(7.0, 5.0), title="Matrix product explorer")

    def setup(self, fig):
        self.ax = fig.subplots()
        fig.subplots_adjust(left=0.02, right=0.98, top=0.98, bottom=0.17)
        (n, k), m = self.A.shape, self.B.shape[1]
        # Cell size in pixels, then a font size at which the longest entry fits in a cell.
        w_px, h_px = fig.get_size_inches() * self.dpi * (0.96, 0.81)
        cell = min(w_px / (k + m + 1.9), h_px / (n + k + 2.5))
        size = _cell_fontsize(cell, (self.A, self.B, self.A @ self.B), self.dpi)
        self.grids = plots.plot_matmul(self.ax, self.A, self.B, fontsize=size)
        # The two factors of each product share a shade: alternate dark and light along k.
        self.shades = product_shades(k)
        self.row_marks = [_Overlay(self.ax, self.grids.A, c) for c in self.shades]
        self.col_marks = [_Overlay(self.ax, self.grids.B, c) for c in self.shades]
        self.entry_mark = _Overlay(self.ax, self.grids.C, plots.PALETTE["orange"])
        self.formula = fig.text(0.5, 0.1, "", ha="center", va="center", fontsize=12)
        self.value = fig.text(0.5, 0.035, "", ha="center", va="center", fontsize=12,
                              color=plots.PALETTE["vermillion"])
        marks = self.row_marks + self.col_marks + [self.entry_mark]
        self.set_moving([a for m in marks for a in m.artists()] + [self.formula, self.value])

    def draw(self, i, j):
        for t, (row_mark, col_mark) in enumerate(zip(self.row_marks, self.col_marks)):
            row_mark.move(i, t)
            col_mark.move(t, j)
        self.entry_mark.move(i, j)
        a, b = self.A[i, :], self.B[:, j]
        if len(a) <= 3:
            symbolic = " + ".join(f"A[{i},{k}]·B[{k},{j}]" for k in range(len(a)))
        else:
            symbolic = f"A[{i},0]·B[0,{j}] + A[{i},1]·B[1,{j}] + … + A[{i},{len(a) - 1}]·B[{len(a) - 1},{j}]"
        # Negative factors in parentheses (the first one only on its right): 1·3 + (-2)·(-4), not + -2.
        numbers = " + ".join(f"{format_entry(x) if t == 0 else paren(x)}·{paren(y)}"
                             for t, (x, y) in enumerate(zip(a, b)))
        self.formula.set_text(f"C[{i}, {j}] = {symbolic}     (row {i} of A · column {j} of B)")
        self.value.set_text(f"= {numbers} = {format_entry(self.C[i, j])}")
        self._state = (i, j, numbers)
        width_px = self.figure.get_size_inches()[0] * self.dpi * 0.96
        for text in (self.formula, self.value):  # long sums get a smaller font, never cut off
            chars = len(text.get_text())
            text.set_fontsize(float(np.clip(width_px / (0.6 * chars) * 72 / self.dpi, 6, 12)))

    def describe(self):
        """One line: the selected entry of C as row i of A times column j of B."""
        i, j, numbers = self._state
        (n, k), m = self.A.shape, self.B.shape[1]
        return (f"C = A @ B, ({n}x{k}) @ ({k}x{m}) = ({n}x{m}): C[{i}, {j}] = row {i} of A · column {j} "
                f"of B = {numbers} = {format_entry(self.C[i, j])}.")


def _cell_fontsize(cell_px, matrices, dpi):
    """Largest font size (at most 13 pt) at which the longest entry fits in a cell."""
    longest = max(len(format_entry(v)) for M in matrices for v in np.asarray(M).ravel())
    return float(np.clip(1.0 * cell_px / (0.62 * max(longest, 2)) * 72 / dpi, 6, 13))
