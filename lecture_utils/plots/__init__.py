"""Pure drawing functions: data and a matplotlib ``Axes`` in, artists drawn and returned.

Nothing here creates a pyplot figure or shows anything; one module per topic. Every name in
a topic module's ``__all__`` is available here (found by discovery: a new module needs no
import line).
"""

from .._reexport import reexport

__all__ = []
reexport(globals())
