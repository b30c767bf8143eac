"""Shared test helpers (pytest loads this file first; tests import its functions by name)."""

import io

import numpy as np


def pixels(png):
    """RGB pixel array of PNG bytes."""
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def visible_text(figure):
    """Every visible text on ``figure``, joined by newlines (what a student can read)."""
    from matplotlib.text import Text

    return "\n".join(t.get_text() for t in figure.findobj(Text) if t.get_visible() and t.get_text())
