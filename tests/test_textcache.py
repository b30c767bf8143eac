"""The explorers' text cache (lecture_utils/widgets/_textcache.py) draws exactly matplotlib's pixels."""

import pytest

from lecture_utils.widgets import _textcache
from lecture_utils.widgets.tensors import PixelExplorer


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
    (lambda: PixelExplorer.example("Grace Hopper photo"), [{"row": 3}, {"channel": "red"}, {"col": 127}]),
])
def test_cached_text_gives_the_same_png_bytes(make, moves, monkeypatch):
    assert _pngs(make, moves, monkeypatch, cached=True) == _pngs(make, moves, monkeypatch, cached=False)


def test_the_cache_is_installed_once_and_only_on_agg():
    explorer = PixelExplorer.example("Grace Hopper photo")  # LineExplorer draws in the browser now
    renderer = explorer.figure.canvas.get_renderer()
    # matplotlib >= 3.11 gets the cache; an older one (make test-oldest) keeps its own drawing
    assert ("draw_text" in vars(renderer)) == _textcache.supported(renderer)
    patched = vars(renderer).get("draw_text")  # None where not installed
    _textcache.install(renderer)
    assert vars(renderer).get("draw_text") is patched  # installing twice changes nothing
    _textcache.install(object())  # not an Agg renderer: left alone, no error
