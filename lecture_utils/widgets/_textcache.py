"""Cached text drawing for an explorer's Agg renderer: the same pixels, drawn without FreeType.

Text is 40-65 % of an explorer's update: every moving label is laid out and every glyph is
rendered by FreeType on every draw, although the strings repeat ("0.5", "step 12", the same
title). Agg (matplotlib >= 3.11) draws a text as glyph bitmaps placed at 1/64-pixel
positions, and a glyph's bitmap depends only on the font, size, angle, glyph and that
sub-pixel phase; moving it by whole pixels only moves the bitmap. :func:`install` keeps, on
one renderer, the layout of each string and the bitmap of each (glyph, size, angle, phase)
it has drawn, and draws from them: the picture is byte-for-byte the one matplotlib draws
(tests/test_textcache.py compares them).

Matplotlib versions whose Agg renderer draws text differently are left alone.
"""

import math

from matplotlib.backends import backend_agg

__all__ = ["install"]

_LIMIT = 20_000  # cached glyph bitmaps per renderer (a few MB at most); cleared when reached


def supported(renderer):
    """Whether ``renderer`` is an Agg renderer of a matplotlib whose text drawing the cache reproduces."""
    return (isinstance(renderer, backend_agg.RendererAgg)
            and hasattr(renderer, "_draw_text_glyphs_and_boxes")
            and hasattr(backend_agg, "RenderMode") and hasattr(backend_agg, "get_hinting_flag"))


def install(renderer):
    """Make ``renderer`` (a ``RendererAgg``) draw plain text from caches; idempotent, safe to skip."""
    if not supported(renderer) or "draw_text" in vars(renderer):
        return
    layouts, glyphs = {}, {}
    flags = backend_agg.get_hinting_flag
    original = renderer.draw_text

    def draw_text(gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath:
            return original(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        font = renderer._prepare_font(prop)
        size = prop.get_size_in_points()
        key = (id(font), size, renderer.dpi, s, features if features is None else tuple(features), language)
        items = layouts.get(key)
        if items is None:
            items = [(item.ft_object, item.glyph_index, item.x, item.y)
                     for item in font._layout(s, flags=flags(), features=features, language=language)]
            layouts[key] = items
        _draw_glyphs(renderer, glyphs, gc, x, y, angle, size, items)

    renderer.draw_text = draw_text


def _draw_glyphs(renderer, cache, gc, x, y, angle, size, items):
    """Agg's ``_draw_text_glyphs_and_boxes`` for plain text, with each glyph bitmap cached."""
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    antialiased = gc.get_antialiased()
    height = renderer.height
    if len(cache) > _LIMIT:
        cache.clear()
    for font, glyph_index, dx, dy in items:
        tx = round(0x40 * (x + dx * cos - dy * sin))
        ty = round(0x40 * (height - y + dx * sin + dy * cos))
        key = (id(font), size, renderer.dpi, glyph_index, angle, tx & 0x3F, ty & 0x3F, antialiased)
        hit = cache.get(key)
        if hit is None:
            hit = cache[key] = _render(renderer, font, size, glyph_index, cos, sin, tx & 0x3F, ty & 0x3F,
                                       antialiased)
        buffer, left, top = hit
        if buffer is None:
            continue
        left += tx >> 6
        top += ty >> 6
        renderer._renderer.draw_text_image(buffer, left, int(height) - top + buffer.shape[0], 0, gc)


def _render(renderer, font, size, glyph_index, cos, sin, phase_x, phase_y, antialiased):
    """One glyph's bitmap at sub-pixel phase ``(phase_x, phase_y)``/64 and its offset from there."""
    import numpy as np

    font.set_size(size, renderer.dpi)
    font._set_transform((0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int), [phase_x, phase_y])
    mode = backend_agg.RenderMode.NORMAL if antialiased else backend_agg.RenderMode.MONO
    bitmap = font._render_glyph(glyph_index, backend_agg.get_hinting_flag(), mode)
    buffer = np.array(bitmap.buffer)  # our own copy: FreeType reuses its glyph slot
    if not antialiased:
        buffer *= 0xFF
    if buffer.size == 0:
        return None, 0, 0
    return buffer, bitmap.left, bitmap.top
