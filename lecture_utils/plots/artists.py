"""The one shape of what a plot function returns when it draws more than one artist.

Every such function returns a small dataclass whose fields name its artists (a field may hold
a list or dict of artists, or ``None`` when that part was not drawn). Fields that are not
artists (a grid, a flag) are named too, never mixed into a bare tuple. A plot that is moved
later has ``update(...)``; a static one has none. A function that draws a single artist
returns that artist, as ``Axes.imshow`` does.
"""

from dataclasses import dataclass, fields

from matplotlib.artist import Artist
from matplotlib.contour import ContourSet

__all__ = ["Artists", "Diagram"]


def _collect(value, out):
    if isinstance(value, (Artist, ContourSet)):
        out.append(value)
    elif isinstance(value, dict):
        for v in value.values():
            _collect(v, out)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _collect(v, out)
    elif isinstance(value, Artists):
        out.extend(value.all())


@dataclass
class Artists:
    """Base of the plot results: ``all()`` lists every artist held by the fields."""

    def all(self):
        """Every artist drawn, flattened in field order (lists, dicts and nested results too)."""
        out = []
        for f in fields(self):
            _collect(getattr(self, f.name), out)
        return out


@dataclass
class Diagram(Artists):
    """A static schema (a neuron, a network): its ``shapes`` (patches and lines) and its ``texts``."""

    shapes: list
    texts: list

    @classmethod
    def split(cls, drawn):
        """Sort the artists ``drawn`` into shapes and texts, keeping their order."""
        from matplotlib.text import Text

        return cls([a for a in drawn if not isinstance(a, Text)], [a for a in drawn if isinstance(a, Text)])
