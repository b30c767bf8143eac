"""The explorers: interactive widgets, one module per topic, all built on :class:`Explorer`.

New and ported explorers draw in the browser (:class:`._browser.BrowserExplorer`, whose module
docstring says how to port one); the others still render a PNG in the kernel on each move.

Every name in a topic module's ``__all__`` is available here (found by discovery: a new
module needs no import line); :func:`lecture_utils.registry.explorers` lists the explorers.
"""

from .._reexport import reexport

__all__ = []
reexport(globals())
