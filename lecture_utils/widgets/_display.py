"""How a browser explorer shows itself in a notebook: the live view at once, its static picture after the cell.

The static picture (``image/png``: what GitHub, nbviewer and any reader without a kernel see) is
drawn by matplotlib, 100-300 ms per explorer, most of it laying out the axes' texts; the live
view does not need it. In a notebook kernel the explorer is therefore displayed without it, under
a display id, and the picture is added to that same output with ``update_display`` once the cell
has run (after the tables the moves need): the explorer is on screen that much sooner, and the
stored notebook (nbclient applies the update to the output) still carries the picture and its
alt text. The output is then ``display_data``, not ``execute_result``. JupyterLab and Notebook 7
build the widget's view again on the update; ``js/explorer.js`` hands the new view the old one's
element, so the picture, the stops moved and the keyboard focus stay.

Outside a kernel (terminal IPython: no output to update later) the display carries the picture at once.
"""

import sys

from ._tables import after_cell

__all__ = ["kernel_shell", "show"]


def kernel_shell():
    """The IPython shell of a notebook kernel (whose outputs a display id can update), else None."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return shell if getattr(shell, "kernel", None) is not None else None


def show(explorer):
    """Display ``explorer`` (a :class:`._browser.BrowserExplorer`) as described in the module docstring."""
    # Only IPython calls _ipython_display_, so it is imported (not a declared dependency: ipywidgets'
    # own, found as _tables.after_cell finds the shell).
    display = sys.modules["IPython"].display.display
    if kernel_shell() is None:
        data, metadata = explorer._bundle(picture=True)
        display(data, metadata=metadata, raw=True)
        after_cell(explorer._send_tables)
        return
    data, metadata = explorer._bundle(picture=False)
    handle = display(data, metadata=metadata, raw=True, display_id=True)
    after_cell(explorer._send_tables)  # first: the moves need them, the picture only readers without a kernel

    def add_picture():
        data, metadata = explorer._bundle(picture=True)
        handle.update(data, metadata=metadata, raw=True)

    after_cell(add_picture)
