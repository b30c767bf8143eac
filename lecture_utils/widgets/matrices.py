"""Explorers for notebook 02 (matrix operations): the transpose and the matrix product, drawn in the browser.

A matrix is a grid of cells (rectangles) with its numbers, drawn once; the selected entry is a
coloured cell with its own copy of the number, moved to wherever the sliders point.
"""

import ipywidgets as widgets
import numpy as np

from .. import plots
from .._validation import as_array, as_count
from ..plots.matrices import format_entry, paren, product_shades
from . import _scene as sc
from ._browser import BrowserExplorer, Table, each

__all__ = ["MatrixProductExplorer", "TransposeExplorer"]

DEFAULT_A = np.array([[1, 2], [3, 4], [5, 6]])
DEFAULT_B = np.array([[1, 3, 5, 7], [2, 4, 6, 8]])  # the lecture's example: A @ B starts 5, 11 / 11, 25
_MAX_SIZE = 6  # more cells than this per side would not be readable in the picture
_EDGE = "#bbbbbb"  # plots.draw_matrix's cell outline
_ORANGE = plots.PALETTE["orange"]


def _small_matrix(M, name):
    M = as_array(M, name, ndim=2)
    if max(M.shape) > _MAX_SIZE:
        raise ValueError(f"{name} must be at most {_MAX_SIZE} x {_MAX_SIZE} to be drawn readably, "
                         f"got shape {M.shape}")
    return M


def _slider(value, name, size, description):
    value = as_count(value, name)  # a start past the end is clipped, as a drag would be
    return widgets.IntSlider(value=min(value, size - 1), min=0, max=size - 1,
                             description=description, continuous_update=True,
                             style={"description_width": "initial"},  # "column j of C" in full
                             layout=widgets.Layout(width="300px"))


def _grid_marks(M, origin, fontsize, label=None, label_at=None):
    """The cells and numbers of ``M`` with its top-left corner at ``origin`` (as plots.draw_matrix)."""
    x0, y0 = origin
    marks = []
    for i in range(M.shape[0]):
        for j in range(M.shape[1]):
            marks.append(sc.rect("m", x0 + j, y0 - i - 1, 1, 1, fill="white", alpha=1.0, edge=_EDGE))
            marks.append(sc.text("m", x0 + j + 0.5, y0 - i - 0.5, format_entry(M[i, j]), size=fontsize))
    if label:
        marks.append(sc.text("m", *label_at, label, size=max(fontsize, 10), va="bottom"))
    return marks


def _overlay(prefix, color, fontsize):
    """A coloured cell and its number whose place and text are the state's ``prefix_x/_y/_text``."""
    return [sc.rect("m", sc.ref(f"{prefix}_x"), sc.ref(f"{prefix}_y"), 1, 1, fill=color, alpha=1.0, edge=_EDGE),
            sc.text("m", sc.ref(f"{prefix}_tx"), sc.ref(f"{prefix}_ty"), sc.ref(f"{prefix}_text"), size=fontsize)]


def _cell(prefix, origin, i, j, M):
    """State keys of an overlay on cell ``(i, j)`` (arrays of states) of ``M`` drawn at ``origin``."""
    x0, y0 = origin
    return {f"{prefix}_x": x0 + j, f"{prefix}_y": y0 - i - 1.0, f"{prefix}_tx": x0 + j + 0.5,
            f"{prefix}_ty": y0 - i - 0.5, f"{prefix}_text": np.asarray([format_entry(v) for v in M[i, j]])}


def _equal_aspect(rect, figsize, xlim, ylim):
    """Limits widened so one data unit is as long across as up (matplotlib's ``set_aspect("equal")``)."""
    (x0, x1), (y0, y1) = xlim, ylim
    width_in, height_in = rect[2] * figsize[0], rect[3] * figsize[1]
    scale = max((x1 - x0) / width_in, (y1 - y0) / height_in)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half_w, half_h = scale * width_in / 2, scale * height_in / 2
    return (cx - half_w, cx + half_w), (cy - half_h, cy + half_h)


def _matrix_panel(rect, figsize, xlim, ylim):
    xlim, ylim = _equal_aspect(rect, figsize, xlim, ylim)
    return sc.panel("m", rect, xlim, ylim, xticks=[], yticks=[], grid=False, spines=())


class TransposeExplorer(BrowserExplorer):
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
    GAP = 2.2  # between A and Aᵀ, as plots.plot_transpose

    def __init__(self, A=None, i=2, j=0):
        self.A = DEFAULT_A if A is None else _small_matrix(A, "A")
        n, m = self.A.shape
        controls = {"i": _slider(i, "i", n, "row i"), "j": _slider(j, "j", m, "column j")}
        super().__init__(controls, figsize=(7.0, 3.8), title="Transpose explorer")

    def scene(self):
        A, gap = self.A, self.GAP
        n, m = A.shape
        rect = (0.02, 0.02, 0.96, 0.96)
        panel = _matrix_panel(rect, self.figsize, (-0.6, m + gap + n + 0.6), (-max(n, m) - 1.3, 1.1))
        w_px = rect[2] * self.figsize[0] * self.dpi
        h_px = rect[3] * self.figsize[1] * self.dpi
        size = _cell_fontsize(min(w_px / (n + m + 3.4), h_px / (max(n, m) + 2.4)), (A,), self.dpi)
        grey = plots.PALETTE["grey"]
        k = min(n, m)
        marks = (_grid_marks(A, (0, 0), size, f"A  {A.shape}", (m / 2, 0.15))
                 + _grid_marks(A.T, (m + gap, 0), size, f"Aᵀ  {A.T.shape}", (m + gap + n / 2, 0.15))
                 + [sc.line("m", [x0, x0 + k], [0, -k], color=grey, width=1.2, dash=[3.7, 1.6], alpha=0.8)
                    for x0 in (0, m + gap)]  # the main diagonals
                 + [sc.arrow("m", m + 0.3, -k / 2, gap - 0.6, 0, color=grey, width=1.2),
                    sc.text("m", m + gap / 2, -k / 2 - 0.15, "mirror", size=size - 2, color=grey, va="top")]
                 + _overlay("a", _ORANGE, size) + _overlay("t", _ORANGE, size)
                 + [sc.arrow("m", sc.ref("arrow_x"), sc.ref("arrow_y"), sc.ref("arrow_dx"), sc.ref("arrow_dy"),
                             color=plots.PALETTE["vermillion"], width=2),
                    sc.text("m", 0.5, 0.02, sc.ref("caption"), size=12, va="bottom", coords="axes"),
                    sc.message("m", sc.ref("note"))])
        return [panel], marks

    def tables(self):
        return [Table(("i", "j"), self._entry)]

    def _entry(self, i, j):
        A, m = self.A, self.A.shape[1]
        a, t = _cell("a", (0, 0), i, j, A), _cell("t", (m + self.GAP, 0), j, i, A.T)
        notes = each(self._note, i, j)
        values = [format_entry(v) for v in A[i, j]]
        n_rows, n_cols = A.shape
        line = [f"A ({n_rows}x{n_cols}) and its transpose Aᵀ ({n_cols}x{n_rows}): A[{r}, {c}] = {v} lands at Aᵀ[{c}, {r}]"
                for r, c, v in zip(i.tolist(), j.tolist(), values)]
        return {**a, **t, "arrow_x": a["a_tx"], "arrow_y": a["a_ty"], "arrow_dx": t["t_tx"] - a["a_tx"],
                "arrow_dy": t["t_ty"] - a["a_ty"],
                "caption": [f"A[{r}, {c}] = {v}  lands at  Aᵀ[{c}, {r}] = {v}" for r, c, v in zip(i.tolist(), j.tolist(), values)],
                "note": notes,
                "description": [f"{text}; {note}." if note else f"{text}." for text, note in zip(line, notes)]}

    def _note(self, i, j):
        A = self.A
        v = format_entry(A[i, j])
        if i == j:
            return "i = j: an entry on the main diagonal stays where it is"
        if A.shape[0] == A.shape[1]:
            w = format_entry(A[j, i])
            if A[i, j] == A[j, i]:
                return f"A[{i}, {j}] = A[{j}, {i}] = {v}: this pair is symmetric"
            return f"A[{i}, {j}] = {v} but A[{j}, {i}] = {w}: so A is not symmetric (A ≠ Aᵀ)"
        return ""


class MatrixProductExplorer(BrowserExplorer):
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
    GAP = 0.9  # between A and C, and between B and C, as plots.plot_matmul

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

    def _origins(self):
        k, gap = self.A.shape[1], self.GAP
        return (0, 0), (k + gap, k + gap), (k + gap, 0)  # A, B, C

    def scene(self):
        A, B, C, gap = self.A, self.B, self.C, self.GAP
        (n, k), m = A.shape, B.shape[1]
        rect = (0.02, 0.17, 0.96, 0.81)
        panel = _matrix_panel(rect, self.figsize, (-0.5, k + gap + m + 0.5), (-n - 1.1, k + gap + 0.5))
        foot = sc.panel("foot", (0.0, 0.0, 1.0, 0.17), (0, 1), (0, 1), xticks=[], yticks=[], grid=False, spines=())
        w_px = rect[2] * self.figsize[0] * self.dpi
        h_px = rect[3] * self.figsize[1] * self.dpi
        size = _cell_fontsize(min(w_px / (k + m + 1.9), h_px / (n + k + 2.5)), (A, B, C), self.dpi)
        oa, ob, oc = self._origins()
        label = max(size, 10)  # names stay readable when big matrices need small digits
        marks = (_grid_marks(A, oa, size) + _grid_marks(B, ob, size) + _grid_marks(C, oc, size)
                 + [sc.text("m", k / 2, 0.2, f"A {A.shape}", size=label, va="bottom"),
                    sc.text("m", k + gap - 0.35, k + gap - k / 2, f"B {B.shape}", size=label, ha="right"),
                    sc.text("m", k + gap + m / 2, -n - 0.25, f"C = A @ B  {(n, m)}", size=label, va="top")])
        # The two factors of each product share a shade: alternate dark and light along k.
        for t, shade in enumerate(product_shades(k)):
            marks += _overlay(f"row{t}", shade, size) + _overlay(f"col{t}", shade, size)
        marks += _overlay("c", _ORANGE, size)
        marks += [sc.text("foot", 0.5, 0.1 / 0.17, sc.ref("formula"), size=sc.ref("formula_size"), coords="axes"),
                  sc.text("foot", 0.5, 0.035 / 0.17, sc.ref("value"), size=sc.ref("value_size"), coords="axes",
                          color=plots.PALETTE["vermillion"])]
        return [panel, foot], marks

    def tables(self):
        return [Table(("i", "j"), self._entry)]

    def _entry(self, i, j):
        A, B, C = self.A, self.B, self.C
        oa, ob, oc = self._origins()
        out = _cell("c", oc, i, j, C)
        for t in range(A.shape[1]):
            out.update(_cell(f"row{t}", oa, i, np.full_like(i, t), A))
            out.update(_cell(f"col{t}", ob, np.full_like(j, t), j, B))
        texts = each(self._texts, i, j)
        width_px = self.figsize[0] * self.dpi * 0.96
        for n, key in enumerate(("formula", "value")):
            out[key] = [t[n] for t in texts]
            # Long sums get a smaller font, never cut off.
            out[f"{key}_size"] = np.clip(width_px / (0.6 * np.array([len(s) for s in out[key]])) * 72 / self.dpi, 6, 12)
        out["description"] = [t[2] for t in texts]
        return out

    def _texts(self, i, j):
        """The formula, its numbers and the description of entry ``C[i, j]``."""
        a, b = self.A[i, :], self.B[:, j]
        if len(a) <= 3:
            symbolic = " + ".join(f"A[{i},{k}]·B[{k},{j}]" for k in range(len(a)))
        else:
            symbolic = f"A[{i},0]·B[0,{j}] + A[{i},1]·B[1,{j}] + … + A[{i},{len(a) - 1}]·B[{len(a) - 1},{j}]"
        # Negative factors in parentheses (the first one only on its right): 1·3 + (-2)·(-4), not + -2.
        numbers = " + ".join(f"{format_entry(x) if t == 0 else paren(x)}·{paren(y)}"
                             for t, (x, y) in enumerate(zip(a, b)))
        (n, k), m = self.A.shape, self.B.shape[1]
        value = format_entry(self.C[i, j])
        return (f"C[{i}, {j}] = {symbolic}     (row {i} of A · column {j} of B)", f"= {numbers} = {value}",
                (f"C = A @ B, ({n}x{k}) @ ({k}x{m}) = ({n}x{m}): C[{i}, {j}] = row {i} of A · column {j} "
                f"of B = {numbers} = {value}."))


def _cell_fontsize(cell_px, matrices, dpi):
    """Largest font size (at most 13 pt) at which the longest entry fits in a cell."""
    longest = max(len(format_entry(v)) for M in matrices for v in np.asarray(M).ravel())
    return float(np.clip(1.0 * cell_px / (0.62 * max(longest, 2)) * 72 / dpi, 6, 13))
