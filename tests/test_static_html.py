"""What a reader without a kernel sees: GitHub and nbviewer, and the static course site (`make html`).

GitHub and nbviewer show the notebooks as stored (nothing executed): every explorer shows a
picture with alt text, never a widget repr (``build_html.to_html``, as nbviewer converts).

The site (``build_html.build``) is built once per test session with the course's notebooks and
tests/site_fixture/client_explorer.ipynb, a small explorer that draws in the browser (an
anywidget), stored unexecuted. A page keeps its notebook's stored outputs; only the explorers'
cells and what they need run again, and each explorer they build must be the stored one. It is served on loopback
and opened in headless Chromium with every other host blocked (tests/browser/site_check.py):
no page may ask another host for anything, and every live explorer on every page must move
with the keyboard, its description changing by the first frame. Executed notebooks are cached
in build/site-cache (shared with `make html`), so only a changed notebook or package runs again.
"""

import html
import json
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
import build_html
import site_check

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


# --- the static course site ---------------------------------------------------------------
FIXTURE = ROOT / "tests" / "site_fixture" / "client_explorer.ipynb"
# Hosts that serve scripts; none may be named by a page (a link to a web page is fine).
CDN = re.compile(r"(cdnjs\.cloudflare\.com|unpkg\.com|cdn\.jsdelivr\.net|esm\.sh|jspm\.io|googleapis\.com"
                 r"|polyfill\.io|cdn\.skypack\.dev)\b")
# Anything a page loads by itself: a script, a style sheet, a picture, a frame, an import or a CSS url().
LOADED_URL = re.compile(r"""<(?:script|img|iframe|link|source)\b[^>]*\b(?:src|href)=["'](https?:)?//"""
                        r"""|import\(\s*["'](https?:)?//|url\(\s*["']?(https?:)?//""", re.IGNORECASE)


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    build_html.build(out, [*NOTEBOOKS, FIXTURE])
    return out


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = site_check.launch(p)
        yield chromium
        chromium.close()


def pages(site):
    return sorted(site.glob("*.html"))


def test_the_index_is_the_course_map_in_order(site):
    index = (site / "index.html").read_text()
    links = re.findall(r'<td><a href="([^"]+)\.html">', index)
    assert links == [p.stem for p in NOTEBOOKS] + [FIXTURE.stem]
    assert "07_neural_network.html" in index and re.search(r"\d+ h \d\d min in all", index)
    for page in pages(site):
        text = page.read_text()
        assert page.name == "index.html" or "jp-Notebook" in text
        assert re.search(r"<title>[^<]{8,}</title>", text) and f"<title>{page.stem}</title>" not in text, page.name
        # links between course notebooks lead to their pages in the static site
        for target in re.findall(r'href="([\w\-]+)\.ipynb', text):
            assert target not in links, f"{page.name} still links to {target}.ipynb"


def test_no_page_loads_anything_from_another_host(site):
    for page in pages(site):
        text = page.read_text()
        assert not CDN.search(text), f"{page.name} names a CDN: ...{text[CDN.search(text).start() - 80:][:200]}"
        found = LOADED_URL.search(text)
        assert not found, f"{page.name} loads from another host: ...{text[found.start():][:200]}"
    # What the pages point at is on the site: require.js, the widget manager, MathJax, anywidget.
    for script in ("require.js", "embed-amd.js", "mathjax/MathJax.js", "anywidget@~0.11.*/dist/index.js"):
        assert (site / "vendor" / script).is_file(), script


def test_the_scans_above_catch_what_nbconvert_writes_by_default():
    # nbconvert's own page loads require.js, the widget manager and MathJax from CDNs.
    nb = nbformat.read(NOTEBOOKS[1], as_version=4)
    page = build_html.to_html(nb)
    assert CDN.search(page) and LOADED_URL.search(page)


def test_kernel_explorers_show_their_picture_and_live_ones_their_state(site):
    manifest = json.loads((site / "site.json").read_text())
    for path in NOTEBOOKS:
        text = (site / f"{path.stem}.html").read_text()
        shown = manifest[f"{path.stem}.html"]
        # one alt-texted picture per kernel explorer; no dead controls in their place
        pictures = re.findall(r'<img\b[^>]*alt="([^"]+)"[^>]*src="data:image/png', text)
        pictures += re.findall(r'<img\b[^>]*src="data:image/png[^"]*"[^>]*alt="([^"]+)"', text)
        explorer_pictures = [alt for alt in pictures if " — " in alt]
        assert len(explorer_pictures) >= shown["pictures"], (path.name, shown, len(explorer_pictures))
        assert shown["live_explorers"] + shown["pictures"] >= len(explorer_cells(nbformat.read(path, as_version=4)))
    fixture = (site / "client_explorer.html").read_text()
    assert manifest["client_explorer.html"] == {"live_explorers": 1, "pictures": 0, "cells_run": 1,
                                                "differs_from_stored": []}
    state = json.loads(re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>',
                                 fixture, re.DOTALL).group(1))
    assert [m["model_module"] for m in state["state"].values()].count("anywidget") == 1
    assert any("aria-live" in m["state"].get("_esm", "") for m in state["state"].values())


def test_pages_show_the_stored_outputs_and_run_only_the_explorers(site):
    """A page is its notebook as stored (every output nbval checks), with the explorers built
    again for their widget state: the same explorers (title and description) as stored, built
    by running fewer cells than the whole notebook."""
    manifest = json.loads((site / "site.json").read_text())
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        shown = manifest[f"{path.stem}.html"]
        assert shown["differs_from_stored"] == [], (path.name, shown["differs_from_stored"])
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert 1 <= shown["cells_run"] < len(code) or len(code) <= 2, (path.name, shown["cells_run"], len(code))
        text = (site / f"{path.stem}.html").read_text()
        # a stored output of a cell that did not run (the last stream output of the notebook)
        streams = ["".join(o.text) for c in code for o in c.get("outputs", []) if o.output_type == "stream"]
        if streams:
            assert html.escape(streams[-1].strip().splitlines()[-1], quote=False) in text, path.name


def test_a_changed_explorer_is_reported_not_shown_silently(tmp_path):
    # A stored explorer whose text is not what running its cells gives: the build says so.
    nb = nbformat.read(FIXTURE, as_version=4)
    cell = nb.cells[1]
    cell.execution_count = 1
    cell.outputs = [_widget_output("stale")]
    cell.outputs[0].data["text/plain"] = "an explorer as it was stored"
    path = tmp_path / "stale.ipynb"
    nbformat.write(nb, path)
    executed = build_html.execute(path, cache=tmp_path / "cache")
    differs = executed.metadata["course_site"]["differs_from_stored"]
    assert len(differs) == 1 and "an explorer as it was stored" in differs[0], differs
    assert WIDGET_VIEW in executed.cells[1].outputs[-1].data  # the page shows the explorer that ran


def test_every_page_works_in_chromium_with_other_hosts_blocked(site, browser):
    # Two key presses per explorer: each must show its change by the first frame (the timing of
    # many presses is make bench-browser's); every explorer on every page is moved.
    report = site_check.check_site(site, moves=2, browser=browser)
    assert site_check.problems(report) == []
    assert report["blocked"] == []
    live = [view for page in report["pages"] for view in page["views"]]
    assert len(live) == sum(v["live_explorers"] for v in json.loads((site / "site.json").read_text()).values()) >= 1
    assert all(view["changed_by_first_frame"] == view["moves"] == 2 for view in live)


def test_the_browser_check_fails_a_page_that_reaches_out_or_does_not_move(browser, tmp_path):
    # Two broken copies of the fixture's page (a site of that page alone, not the course's):
    # one loads a CDN script, one never updates its description.
    build_html.build(tmp_path, [FIXTURE], jobs=1)
    fixture = (tmp_path / "client_explorer.html").read_text()
    for name in ("client_explorer.html", "site.json"):  # only the broken pages are checked
        (tmp_path / name).unlink()
    (tmp_path / "cdn.html").write_text(fixture.replace(
        "</head>", '<script src="https://cdn.jsdelivr.net/npm/nothing@1/x.js"></script></head>', 1))
    frozen = fixture.replace("text.textContent = descriptions[i];", "")
    assert frozen != fixture
    (tmp_path / "frozen.html").write_text(frozen)
    (tmp_path / "index.html").write_text("<!DOCTYPE html><title>i</title><a href=cdn.html>x</a>")
    found = site_check.problems(site_check.check_site(tmp_path, moves=1, browser=browser))
    assert any(line.startswith("cdn.html: asked another host for https://cdn.jsdelivr.net/npm/nothing@1/x.js")
               for line in found), found
    assert any(line.startswith("frozen.html: explorer") and "description stayed" in line for line in found), found


def _widget_output(model_id, png=None):
    data = {WIDGET_VIEW: {"model_id": model_id, "version_major": 2, "version_minor": 0}, "text/plain": "VBox()"}
    if png:
        data["image/png"] = png
    return nbformat.v4.new_output("display_data", data=data)


def test_only_widgets_that_draw_in_the_browser_keep_their_state():
    def model(module, version, **state):
        return {"model_module": module, "model_module_version": version, "model_name": "M", "state": state}

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("KernelExplorer()", outputs=[_widget_output("k1", png="iVBORw0KGgo=")]),
        nbformat.v4.new_code_cell("ClientExplorer()", outputs=[_widget_output("c1", png="iVBORw0KGgo=")])])
    nb.metadata["widgets"] = {build_html.WIDGET_STATE: {"version_major": 2, "version_minor": 0, "state": {
        "k1": model("@jupyter-widgets/controls", "2.0.0", children=["IPY_MODEL_k2"]),
        "k2": model("@jupyter-widgets/controls", "2.0.0", value="a picture"),
        "c1": model("@jupyter-widgets/controls", "2.0.0", children=["IPY_MODEL_c2"]),
        "c2": model("anywidget", "~0.11.*", _esm="export default {render() {}}"),
        "unused": model("@jupyter-widgets/base", "2.0.0")}}}
    modules, live, pictures = build_html.keep_live_widgets(nb)
    assert (live, pictures) == (1, 1)
    assert WIDGET_VIEW not in nb.cells[0].outputs[0].data and "image/png" in nb.cells[0].outputs[0].data
    assert WIDGET_VIEW in nb.cells[1].outputs[0].data
    assert set(nb.metadata["widgets"][build_html.WIDGET_STATE]["state"]) == {"c1", "c2"}
    assert modules == {("@jupyter-widgets/controls", "2.0.0"), ("anywidget", "~0.11.*")}


@pytest.mark.parametrize(("installed", "wanted", "fits"), [
    ("0.11.0", "~0.11.*", True), ("0.11.3", "~0.11.*", True), ("0.12.0", "~0.11.*", False),
    ("1.4.0", "^1.2", True), ("2.0.0", "^1.2", False), ("0.3.1", "^0.3.0", True), ("0.4.0", "^0.3.0", False),
    ("1.2.3", "1.2.3", True), ("1.2.4", "1.2.3", False)])
def test_a_widget_module_must_be_pinned_in_the_range_the_pages_ask_for(installed, wanted, fits):
    import site_vendor

    if fits:
        site_vendor.check_module_version("anywidget", installed, wanted)
    else:
        with pytest.raises(ValueError, match=rf"asks for anywidget .*{re.escape(wanted)}.*pins anywidget {installed}"):
            site_vendor.check_module_version("anywidget", installed, wanted)
