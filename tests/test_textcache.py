"""The explorers' text cache (lecture_utils/widgets/_textcache.py) draws exactly matplotlib's pixels."""

import ipywidgets as widgets
import pytest

from lecture_utils.widgets import _textcache
from lecture_utils.widgets.base import Explorer


class Texts(Explorer):
    """A PNG-path explorer full of text (ticks, a title, cell numbers): what the cache is for.

    (The course's explorers now draw in the browser, one after another; this one stays on the
    path the cache serves.)
    """

    def __init__(self):
        super().__init__({"k": widgets.IntSlider(value=1, min=0, max=9)}, title="Texts")

    def setup(self, fig):
        self.ax = fig.subplots()
        self.ax.set_xlim(0, 5)
        self.ax.set_ylim(0, 5)
        self.cells = [self.ax.text(i + 0.5, j + 0.5, "", ha="center") for i in range(5) for j in range(5)]

    def draw(self, k):
        self.ax.set_title(f"k = {k}")
        for n, t in enumerate(self.cells):
            t.set_text(f"{(n * k) % 17:g}")


def _pngs(make, moves, monkeypatch, cached):
    if not cached:
        monkeypatch.setattr(_textcache, "install", lambda renderer: None)
    explorer = make()
    out = [explorer.png]
    for move in moves:
        out.append(explorer.update(**move).png)
    monkeypatch.undo()
    return out


@pytest.mark.parametrize(("make", "moves"), [
    (Texts, [{"k": 3}, {"k": 9}, {"k": 0}]),
])
def test_cached_text_gives_the_same_png_bytes(make, moves, monkeypatch):
    assert _pngs(make, moves, monkeypatch, cached=True) == _pngs(make, moves, monkeypatch, cached=False)


def test_the_cache_is_installed_once_and_only_on_agg():
    explorer = Texts()
    renderer = explorer.figure.canvas.get_renderer()
    # matplotlib >= 3.11 gets the cache; an older one (make test-oldest) keeps its own drawing
    assert ("draw_text" in vars(renderer)) == _textcache.supported(renderer)
    patched = vars(renderer).get("draw_text")  # None where not installed
    _textcache.install(renderer)
    assert vars(renderer).get("draw_text") is patched  # installing twice changes nothing
    _textcache.install(object())  # not an Agg renderer: left alone, no error
