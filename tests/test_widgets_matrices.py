"""Explorers and drawings of notebook 02: swept over their ranges, saying the right things."""


import numpy as np
import pytest
from support import sweep

from lecture_utils import plots, widgets


def _texts(e):
    """Every text the explorer's picture shows now (its scene's text marks at the current state)."""
    from lecture_utils.widgets._scene_mpl import resolve

    return " | ".join(str(resolve(m, e.state)["text"]) for m in e._marks if m["type"] == "text")


def _numbers_at(e, x, y):
    """The constant number written at cell centre (x, y): what the grid shows there."""
    return [m["text"] for m in e._marks if m["type"] == "text" and (m["x"], m["y"]) == (x, y)]


def test_transpose_explorer_sweeps_and_moves_the_entry():
    e = widgets.TransposeExplorer()
    e.update(i=2, j=1)
    assert "A[2, 1] = 6  lands at  Aᵀ[1, 2] = 6" in _texts(e)
    # the highlight sits on A[i, j] (A's top-left corner at (0, 0)) and on Aᵀ[j, i] (Aᵀ's at (m + 2.2, 0))
    st = e.state
    assert (st["a_x"], st["a_y"]) == (1, -3) and (st["t_x"], st["t_y"]) == (2 + 2.2 + 2, -2)
    assert st["a_text"] == st["t_text"] == "6" == _numbers_at(e, 1.5, -2.5)[0]
    assert _numbers_at(e, 2 + 2.2 + 2.5, -1.5) == ["6"]  # the grid of Aᵀ has 6 there too
    # the arrow runs from the centre of A[2, 1] to the centre of Aᵀ[1, 2]
    assert (st["arrow_x"], st["arrow_y"], st["arrow_x"] + st["arrow_dx"], st["arrow_y"] + st["arrow_dy"]) == (
        1.5, -2.5, 2 + 2.2 + 2.5, -1.5)


def test_transpose_explorer_ships_every_entry_and_the_browser_reads_the_same():
    A = np.array([[1, 3], [4, 2], [7, -1]])
    e = widgets.TransposeExplorer(A, i=0, j=0)
    (table,) = e.sent_tables()
    assert table["depends"] == ["i", "j"] and len(table["data"]["description"]) == A.size
    for i in range(3):
        for j in range(2):
            shown = e.lookup(i=i, j=j)
            assert shown["a_text"] == str(A[i, j]) == shown["t_text"]
            assert table["data"]["description"][i * 2 + j] == shown["description"] == e.update(i=i, j=j).description


def test_transpose_explorer_on_the_lectures_non_symmetric_example():
    e = widgets.TransposeExplorer(A=[[1, 3], [4, 2]], i=0, j=1)
    assert "A[0, 1] = 3 but A[1, 0] = 4: so A is not symmetric" in _texts(e)
    e.update(i=1, j=1)
    assert "main diagonal stays where it is" in _texts(e)
    sweep(e)
    s = widgets.TransposeExplorer(A=[[1, 3], [3, 2]], i=1, j=0)
    assert "this pair is symmetric" in _texts(s)


def test_transpose_explorer_refuses_huge_matrices():
    with pytest.raises(ValueError, match=r"at most 6 x 6.*\(7, 2\)"):
        widgets.TransposeExplorer(A=np.ones((7, 2)))


def test_product_explorer_writes_out_the_sum():
    e = widgets.MatrixProductExplorer()
    e.update(i=1, j=2)
    text = _texts(e)
    assert "C[1, 2] = A[1,0]·B[0,2] + A[1,1]·B[1,2]" in text
    assert "= 3·5 + 4·6 = 39" in text
    e.update(i=2, j=3)
    assert "= 5·7 + 6·8 = 83" in _texts(e)
    # row 2 of A (corner (0, 0)), column 3 of B (corner (2.9, 2.9)) and C[2, 3] (corner (2.9, 0)) are marked
    st = e.state
    assert [(st[f"row{t}_x"], st[f"row{t}_y"]) for t in range(2)] == [(0, -3), (1, -3)]
    assert [(st[f"col{t}_x"], st[f"col{t}_y"]) for t in range(2)] == [(2.9 + 3, 2.9 - 1), (2.9 + 3, 2.9 - 2)]
    assert (st["c_x"], st["c_y"], st["c_text"]) == (2.9 + 3, -3, "83")
    assert [st[f"row{t}_text"] for t in range(2)] == ["5", "6"] and [st[f"col{t}_text"] for t in range(2)] == ["7", "8"]
    # C is drawn with the right numbers: independent reference numpy's @
    B = np.array([[1, 3, 5, 7], [2, 4, 6, 8]])  # the lecture's B
    want = np.array([[1, 2], [3, 4], [5, 6]]) @ B
    assert want[:2, :2].tolist() == [[5, 11], [11, 25]]  # as on the slide
    got = [[float(_numbers_at(e, 2.9 + j + 0.5, -i - 0.5)[0]) for j in range(4)] for i in range(3)]
    np.testing.assert_array_equal(got, want)


def test_product_explorer_long_sums_get_a_smaller_font():
    rng = np.random.default_rng(1)
    e = widgets.MatrixProductExplorer(A=rng.normal(size=(2, 6)), B=rng.normal(size=(6, 3)))
    assert e.state["value_size"] < 12 and e.state["value_size"] >= 6
    assert widgets.MatrixProductExplorer().state["value_size"] == 12


def test_product_explorer_shape_mismatch():
    with pytest.raises(ValueError, match=r"inner dimensions must match: \(3, 2\) @ \(3, 4\)"):
        widgets.MatrixProductExplorer(A=np.ones((3, 2)), B=np.ones((3, 4)))


def test_product_explorer_with_floats_and_a_wide_inner_dimension():
    rng = np.random.default_rng(0)
    e = widgets.MatrixProductExplorer(A=rng.normal(size=(2, 6)), B=rng.normal(size=(6, 3)))
    sweep(e)


@pytest.mark.parametrize("cls", [widgets.TransposeExplorer, widgets.MatrixProductExplorer])
def test_explorers_carry_a_png(cls):
    e = cls()
    bundle = e._repr_mimebundle_()
    assert "image/png" in bundle and "interactive explorer" in bundle["text/plain"]
    # Every entry once (the picture is drawn per display, not per move; speed is `make bench`'s).
    for k in range(6):
        e.update(i=k % 3, j=k % 2)
        assert e.png.startswith(b"\x89PNG") and e.error == ""


def test_plot_functions_draw_and_return_artists():
    _, ax = plots.new_figure(nrows=1)
    grids = plots.plot_transpose(ax, np.arange(6).reshape(3, 2), entry=(2, 1))
    assert grids.A.shape == (3, 2) and grids.AT.shape == (2, 3)
    assert grids.arrow is not None and grids.arrow in grids.all() and len(grids.diagonals) == 2
    assert [t.get_text() for t in grids.AT.texts[1]] == ["1", "3", "5"]
    _, ax = plots.new_figure(nrows=1)
    out = plots.plot_shape_rule(ax, (3, 2), (2, 4))
    assert out.ok and any("(3, 4)" in t.get_text() for t in out.texts) and len(out.boxes) == 3
    _, ax = plots.new_figure(nrows=1)
    out = plots.plot_shape_rule(ax, (3, 2), (3, 4))
    assert not out.ok and any("not defined" in t.get_text() for t in out.texts) and len(out.boxes) == 2
    _, ax = plots.new_figure(nrows=1)
    mm = plots.plot_matmul(ax, np.ones((2, 3)), np.ones((3, 4)), entry=(1, 2))
    assert mm.C.shape == (2, 4) and [t.get_text() for t in mm.labels][2] == "C = A @ B  (2, 4)"
    assert mm.C.cells[1][2].get_facecolor() != mm.C.cells[0][0].get_facecolor()  # the highlighted entry
    assert mm.A.cells[1][0].get_facecolor() == mm.B.cells[0][2].get_facecolor()  # factors share a shade
    with pytest.raises(ValueError, match=r"\(3, 2\) @ \(3, 4\)"):
        plots.plot_matmul(ax, np.ones((3, 2)), np.ones((3, 4)))


def test_format_entry():
    assert plots.format_entry(3) == "3"
    assert plots.format_entry(2.0) == "2"
    assert plots.format_entry(0.123456) == "0.123"
    assert plots.format_entry(True) == "T"


def test_transpose_describe_follows_the_entry():
    e = widgets.TransposeExplorer(np.array([[1, 3], [4, 2]]), i=0, j=1)
    assert e.describe() == ("A (2x2) and its transpose Aᵀ (2x2): A[0, 1] = 3 lands at Aᵀ[1, 0]; "
                            "A[0, 1] = 3 but A[1, 0] = 4: so A is not symmetric (A ≠ Aᵀ).")
    e.update(i=1, j=1)
    assert "main diagonal stays" in e.describe()
    e.update(i=50, j=-3 + 3)  # clipped to the last row
    assert "A[1, 0] = 4 lands at Aᵀ[0, 1]" in e.describe()


def test_product_describe_writes_the_sum():
    A = np.array([[1, 2], [3, 4], [5, 6]])
    B = np.array([[1, 3, 5, 7], [2, 4, 6, 8]])
    e = widgets.MatrixProductExplorer(A, B, i=0, j=0)
    assert e.describe() == ("C = A @ B, (3x2) @ (2x4) = (3x4): C[0, 0] = row 0 of A · column 0 of B "
                            "= 1·1 + 2·2 = 5.")
    e.update(i=2, j=3)
    assert e.describe().endswith("= 5·7 + 6·8 = 83.")
    e = widgets.MatrixProductExplorer(np.array([[1.5, -2.0]]), np.array([[-1.0], [0.25]]))
    assert "1.5·(-1) + (-2)·0.25 = -2" in e.describe()


def test_product_describe_puts_negative_factors_in_parentheses():
    e = widgets.MatrixProductExplorer(np.array([[-1, -2], [3, 4]]), np.array([[-5, 0], [0, -1]]))
    assert e.describe().endswith("= -1·(-5) + (-2)·0 = 5.")
    assert "+ -" not in e.describe()
