"""The explorers: interactive widgets, one module per topic, all drawn in the browser.

Each is a :class:`._browser.BrowserExplorer` (whose module docstring says how to write one):
Python computes every reachable state once, the page draws a move with no kernel message.

Every name in a topic module's ``__all__`` is available here (found by discovery: a new
module needs no import line); :func:`lecture_utils.registry.explorers` lists the explorers.
"""

from .._reexport import reexport

__all__ = []
reexport(globals())
