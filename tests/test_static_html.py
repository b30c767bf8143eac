"""What a reader without a kernel sees (GitHub, nbviewer, `make html`): pictures, not widget reprs.

The notebooks are converted as stored with nbconvert (nothing is executed), with the same code
`make html` uses (tools/build_html.py).
"""

import html
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
import build_html

NOTEBOOKS = build_html.notebook_paths()
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# An explorer created as a cell's last expression, e.g. ``LineExplorer(w=1.0, b=0.5)``.
EXPLORER_CALL = re.compile(r"\b[A-Z]\w*Explorer\(")
PNG_IMG = re.compile(r'<img [^>]*src="data:image/png;base64,[A-Za-z0-9+/=]{200,}"')
# What a widget looks like to a renderer that cannot show it: its Python repr.
WIDGET_REPR = re.compile(r"\b(VBox|HBox|Box|interactive|Output|Image)\(")


def explorer_cells(nb):
    """Indices of code cells that display an explorer or any other widget."""
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        shows_widget = any(WIDGET_VIEW in o.get("data", {}) for o in cell.get("outputs", []))
        lines = [line for line in cell.source.splitlines() if line.strip()]
        if shows_widget or (lines and EXPLORER_CALL.search(lines[-1])):
            found.append(i)
    return found


def cell_html(page, nb, index):
    """The part of ``page`` (from :func:`to_html`) that shows cell ``index`` of ``nb``."""
    if not all(cell.get("id") for cell in nb.cells):
        raise ValueError("cells have no ids (nbformat < 4.5): run `make execute` to store the notebook anew")
    start = page.index(f'id="cell-id={nb.cells[index].id}"')
    if index + 1 < len(nb.cells):
        return page[start:page.index(f'id="cell-id={nb.cells[index + 1].id}"', start)]
    return page[start:]


def outputs_of(part):
    """The output area of one cell's HTML ("" when the cell has no outputs)."""
    _, sep, rest = part.partition("jp-Cell-outputWrapper")
    return rest if sep else ""


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=lambda p: p.name)
def converted(request):
    nb = nbformat.read(request.param, as_version=4)
    return request.param, nb, build_html.to_html(nb)


def test_every_explorer_cell_shows_a_picture_not_a_widget_repr(converted):
    path, nb, page = converted
    for i in explorer_cells(nb):
        part = cell_html(page, nb, i)
        assert PNG_IMG.search(part), f"{path.name} cell {i}: no image/png picture in the static page"
        outputs = outputs_of(part)
        assert not WIDGET_REPR.search(outputs), \
            f"{path.name} cell {i} shows {WIDGET_REPR.search(outputs).group()}...) instead of a picture"


def test_no_widget_repr_anywhere_in_the_outputs(converted):
    path, nb, page = converted
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            outputs = outputs_of(cell_html(page, nb, i))
            assert not re.search(r"\b(VBox|HBox|interactive)\(", outputs), f"{path.name} cell {i}"


def test_explorer_cells_are_found():
    # Guards the tests above against checking nothing: 00 and 01 each show explorers.
    counts = {p.stem: len(explorer_cells(nbformat.read(p, as_version=4))) for p in NOTEBOOKS[:2]}
    assert counts["00_start_here"] >= 1 and counts["01_tensors"] >= 2, counts


def test_explorer_detection_catches_a_widget_without_a_picture():
    # A stored widget display with only its repr: what a reader would see as "VBox(children=...)".
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "w", outputs=[nbformat.v4.new_output("execute_result", execution_count=1, data={
            "application/vnd.jupyter.widget-view+json": {"model_id": "x", "version_major": 2, "version_minor": 0},
            "text/plain": "VBox(children=(IntSlider(value=0),))"})])])
    page = build_html.to_html(nb)
    part = cell_html(page, nb, 0)
    assert explorer_cells(nb) == [0]
    assert not PNG_IMG.search(part) and WIDGET_REPR.search(outputs_of(part))


def test_make_html_builds_an_index_linking_every_notebook_in_order(tmp_path):
    index = build_html.build(tmp_path).read_text()
    links = re.findall(r'<li><a href="([^"]+)\.html">', index)
    assert links == [p.stem for p in NOTEBOOKS]
    for stem in links:
        page = (tmp_path / f"{stem}.html").read_text()
        assert "jp-Notebook" in page
        # links between course notebooks lead to their pages in the static site
        for target in re.findall(r'href="([\w\-]+)\.ipynb', page):
            assert target not in links, f"{stem}.html still links to {target}.ipynb"


def test_an_explorers_description_becomes_the_alt_text_of_its_picture():
    from lecture_utils.widgets import LineExplorer

    explorer = LineExplorer(w=0.0)
    bundle = explorer._repr_mimebundle_()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("LineExplorer(w=0.0)", outputs=[
        nbformat.v4.new_output("execute_result", execution_count=1, data=bundle)])])
    page = build_html.to_html(nb)
    tags = re.findall(r'<img\b[^>]*src="data:image/png;base64,[^"]{200,}"', page)
    assert len(tags) == 1
    assert re.findall(r'alt="([^"]*)"', tags[0]) == [html.escape(explorer.alt_text)]
