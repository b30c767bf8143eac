"""Write deliberately broken copies of notebook 00 into a folder, to see the browser test fail.

    python tests/browser/make_broken_notebooks.py /tmp/broken
    LAB_NOTEBOOK_DIR=/tmp/broken SCREENSHOT_DIR=/tmp/broken-shots bash tests/browser/run.sh   # must exit 1

The real notebooks and lecture_utils are not touched: each copy patches LineExplorer inside
its own kernel only. Expected failures:
  a_update_raises        the explorer's redraw raises when the slider moves (picture unchanged, page error)
  b_draw_raises_at_start the explorer cannot even be created (error output, no live explorer)
  c_console_error        the page logs a console error
"""

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCE = ROOT / "notebooks" / "00_start_here.ipynb"

PATCHES = {
    "a_update_raises": '''from lecture_utils.widgets import _browser
# LineExplorer draws in the browser: break its front end's redraw (the first picture is drawn)
_source = _browser._Widget.EXPLORER_JS
assert "exact = false;\\n      draw();" in _source, "explorer.js changed: update this patch"
_browser._Widget.use_module(_source.replace("exact = false;\\n      draw();",
                                            "exact = false;\\n      throw new Error('deliberately broken redraw');"))''',
    "b_draw_raises_at_start": '''from lecture_utils.widgets import LineExplorer
def broken_line(w, b):  # deliberately broken from the start: its tables cannot be computed
    raise RuntimeError("deliberately broken draw")
LineExplorer._line = staticmethod(broken_line)''',
    "c_console_error": '''from IPython.display import Javascript, display
display(Javascript("console.error('deliberate console error')"))''',
}


def main(out):
    out.mkdir(parents=True, exist_ok=True)
    source = nbformat.read(SOURCE, as_version=4)
    # Insert the patch just before the first cell that creates the LineExplorer.
    at = next(i for i, c in enumerate(source.cells)
              if c.cell_type == "code" and "LineExplorer(" in c.source and "import" not in c.source)
    for name, code in PATCHES.items():
        nb = nbformat.from_dict(source)
        nb.cells.insert(at, nbformat.v4.new_code_cell(code))
        nbformat.write(nb, out / f"{name}.ipynb")
        print(out / f"{name}.ipynb")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
