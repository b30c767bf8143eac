"""The explorer pattern: ipywidgets controls + one reused matplotlib figure shown as PNG.

This is the kernel-side path, kept for the explorers not yet ported: an explorer drawn in the
browser subclasses :class:`lecture_utils.widgets._browser.BrowserExplorer` instead (no kernel
message per move; see that module's docstring for how to port one).

A subclass creates its axes and artists once in :meth:`Explorer.setup`, moves them in
:meth:`Explorer.draw` and says in one line what the picture shows in :meth:`Explorer.describe`.
The base class renders the figure to PNG bytes into an ``ipywidgets.Image`` (one render per
change, no flicker, no new figure), shows the description under the picture (announced by
screen readers), shows errors from callbacks as text inside the explorer, and adds an
``image/png`` picture of the current state, with the description as its text, to the
explorer's display so static renderers (GitHub, nbviewer, HTML) show a figure.

Each subclass also says which notebook it belongs to and how that notebook builds it::

    class LineExplorer(Explorer):
        \"\"\"...\"\"\"

        NOTEBOOK = "00"
        examples = {"notebook 00": dict(w=1.0, b=0.5)}

:mod:`lecture_utils.registry` finds explorers by these attributes; tests fuzz and
``make bench`` times every example. An argument too big for a class attribute (an image
from ``data``) is written ``lazy(load, ...)`` and loaded only when the example is built.

Speed: a full matplotlib draw is dominated by text (ticks, labels, legends): several times a blitted update
(benchmarks/RESULTS.md). An explorer that declares the artists its ``draw`` changes with
:meth:`Explorer.set_moving` gets *blitting*: everything else is drawn once into a cached
background (one per :meth:`Explorer.background_key`), and each update only restores it and
draws the moving artists on top.
"""

import base64
import contextlib
import html
import inspect
import io

import ipywidgets as widgets
from matplotlib.text import Text
from PIL import Image  # fast PNG encoding of the canvas buffer; also matplotlib's own dependency

from .._validation import describe
from ..plots.style import new_figure
from . import _textcache
from ._controls import control_values, every_value, label_control

__all__ = ["Explorer", "control_values", "lazy"]

# Ends the text/plain of an explorer's display, after its title and description.
STATIC_NOTE = " (interactive explorer: run the notebook to use it)"
_ERROR_STYLE = ("color:#b00020;border:1px solid #b00020;padding:4px 8px;border-radius:4px;"
                "background:#fff5f5")


class lazy:  # lower case: it reads like a function call in class attributes, lazy(data.load_digits)
    """An example argument computed only when the example is built: ``lazy(func, *args)``.

    Parameters
    ----------
    func : callable
        Called as ``func(*args)``; its result is the argument.
    *args
        Positional arguments of ``func``.
    """

    def __init__(self, func, *args):
        if not callable(func):
            raise TypeError(f"lazy() needs a function, got {type(func).__name__}")
        self.func, self.args = func, args

    def __call__(self):
        return self.func(*self.args)

    def __repr__(self):
        return f"lazy({getattr(self.func, '__qualname__', self.func)!r}{''.join(', ' + repr(a) for a in self.args)})"


class Explorer:
    """Base class of every explorer.

    Parameters
    ----------
    controls : dict
        Name -> ipywidgets value widget; the names are the keyword arguments of
        :meth:`draw` and :meth:`update`.
    figsize : tuple of float
        Figure size in inches.
    dpi : int
        Resolution of the picture.
    title : str
        Shown above the controls and as the explorer's text representation.
    before_controls : list of ipywidgets.Widget, optional
        Widgets placed in the controls' row before the controls (a play button, say).
    below : list of ipywidgets.Widget, optional
        Widgets placed under the picture and its description (a status line, say).
    """

    #: The notebook ("NN") that shows this explorer; set by every subclass.
    NOTEBOOK = None
    #: label -> constructor keyword arguments of the constructions its notebook makes.
    examples = {}

    def __init__(self, controls, *, figsize=(6.4, 4.0), dpi=80, title="", before_controls=(), below=()):
        self.title = title or type(self).__name__
        if not isinstance(controls, dict) or not all(isinstance(c, widgets.Widget) and hasattr(c, "value")
                                                     for c in controls.values()):
            raise TypeError(f"controls must be a dict {{parameter name: ipywidgets control}}, got {describe(controls)}")
        self.controls = dict(controls)
        self.dpi = dpi
        self.figure, _ = new_figure(figsize, dpi)
        self.png = b""
        self.description = ""
        self._error_text = ""
        self._holding = False
        self._moving = []
        self._backgrounds = {}
        # The picture is an <img> with alt text inside an HTML widget: ipywidgets.Image has no alt,
        # and with a tooltip set it does not display at all (ipywidgets 8.1, JupyterLab 4.6).
        self._image = widgets.HTML(value="")
        self._image.add_class("lu-explorer-picture")
        self._description = widgets.HTML(value="")
        self._description.add_class("lu-explorer-description")
        self._error = widgets.HTML(value="")
        self._error.add_class("lu-explorer-error-area")
        for name, control in self.controls.items():
            label_control(control, name)
        header = [widgets.HTML(f"<b>{html.escape(self.title)}</b>")] if title else []
        controls_box = widgets.Box(
            list(before_controls) + list(self.controls.values()),
            layout=widgets.Layout(display="flex", flex_flow="row wrap", align_items="center"),
        )
        self.widget = widgets.VBox(header + [controls_box, self._image, self._description]
                                   + list(below) + [self._error])
        self.widget.add_class("lu-explorer")
        self.setup(self.figure)
        self._redraw()
        for control in self.controls.values():
            control.observe(self._on_control_change, names="value")

    @classmethod
    def example(cls, label):
        """Build the example ``label`` of :attr:`examples` (``lazy`` arguments computed now)."""
        examples = cls.__dict__.get("examples", {})
        if label not in examples:
            raise ValueError(f"{cls.__name__} has no example {label!r}; its examples are {sorted(examples)}")
        kwargs = {k: v() if isinstance(v, lazy) else v for k, v in examples[label].items()}
        return cls(**kwargs)

    # --- for subclasses -------------------------------------------------------------
    def setup(self, fig):
        """Create the axes and artists once (subclasses override)."""
        raise NotImplementedError

    def draw(self, **params):
        """Move the artists to show ``params`` (subclasses override)."""
        raise NotImplementedError

    def describe(self):
        """One line saying what the picture shows now (subclasses override; default: nothing)."""
        return ""

    def set_moving(self, artists):
        """Declare the artists :meth:`draw` changes; the rest of the figure is cached.

        Call at the end of :meth:`setup`. Moving artists are drawn over every static one (a
        line over a spine it touches, say). An artist left out of the list but changed by
        ``draw`` would show its first state forever, so when the static part must change (new axis
        limits, a new curve), make :meth:`background_key` say so.
        """
        # Drawn in z-order, as a full draw would (sorted is stable for equal z-orders).
        self._moving = sorted(artists, key=lambda artist: artist.get_zorder())
        for artist in self._moving:
            artist.set_animated(True)  # a full draw skips animated artists: that is the background
        self._backgrounds = {}

    def background_key(self):
        """What the static part of the figure depends on (subclasses override); default: nothing.

        One background is cached per key, so returning to an earlier setting is fast too.
        """
        return

    def warm_backgrounds(self, name):
        """Draw now the cached background of every option of the control ``name``.

        For a control that changes :meth:`background_key` and has a few options (a function or
        surface menu): the first switch to each option is then as fast as the others, at the
        price of a longer construction. Call at the end of ``__init__``; a setting whose
        drawing fails is left to fail (and be shown) when a student picks it.
        """
        current, control = self.params, self.controls[name]
        self._holding = True  # the control takes each value (background_key may read it), no redraw
        try:
            for value in every_value(control):
                if value != current[name]:
                    control.value = value
                    with contextlib.suppress(Exception):
                        self.draw(**self.params)
                        self.render_png()
            control.value = current[name]
        finally:
            self._holding = False
        self.draw(**current)  # back to the state shown
        self.png = self.render_png()

    # --- public ---------------------------------------------------------------------
    @property
    def params(self):
        """Current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    @property
    def error(self):
        """Text of the error shown in the explorer, or "" when the last redraw worked."""
        return self._error_text

    def update(self, **params):
        """Set controls (by name) and redraw once; returns the explorer so a cell can show it.

        Values go through the widgets, so they are clipped to the sliders' ranges exactly as a
        student's drag would be. An error while drawing is shown in the explorer and raised.
        """
        unknown = set(params) - set(self.controls)
        if unknown:
            raise ValueError(
                f"{type(self).__name__}.update() got unknown control(s) {sorted(unknown)}; "
                f"its controls are {sorted(self.controls)}"
            )
        self._holding = True
        try:
            for name, value in params.items():
                self.controls[name].value = value
        finally:
            self._holding = False
        self._redraw()
        return self

    def render_png(self):
        """PNG bytes of the figure as it is now."""
        canvas = self.figure.canvas
        _textcache.install(canvas.get_renderer())  # same pixels; repeated strings and glyphs drawn from caches
        if not self._moving:
            canvas.draw()
        else:
            key = self.background_key()
            background = self._backgrounds.get(key)
            if background is None:
                # Images and meshes hidden as well as animated: matplotlib < 3.11 still composites
                # an animated image into a full draw, which then showed twice (double-strength
                # shading). Texts stay visible: a hidden title moves the axes' layout.
                shown = [artist for artist in self._moving
                         if artist.get_visible() and not isinstance(artist, Text)]
                for artist in shown:
                    artist.set_visible(False)
                try:
                    canvas.draw()
                finally:
                    for artist in shown:
                        artist.set_visible(True)
                self._backgrounds[key] = canvas.copy_from_bbox(self.figure.bbox)
            else:
                canvas.restore_region(background)
            for artist in self._moving:
                if artist.get_visible():
                    self.figure.draw_artist(artist)
        return _encode_png(canvas)

    @property
    def alt_text(self):
        """The picture in words: the title and the current description."""
        return f"{self.title} — {self.description}" if self.description else self.title

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude)
        # The picture in words; tools/build_html.py makes it the static picture's alt text.
        bundle["text/plain"] = f"{self.alt_text}{STATIC_NOTE}"
        if self.png:
            bundle["image/png"] = base64.b64encode(self.png).decode("ascii")
        return bundle

    # --- internals ------------------------------------------------------------------
    def _on_control_change(self, change):
        if self._holding:
            return
        # _redraw already shows any error inside the explorer; raising here would lose the widget.
        with contextlib.suppress(Exception):
            self._redraw()

    def _redraw(self):
        try:
            self.draw(**self.params)
            self.png = self.render_png()
            description = self._current_description()
        except Exception as exc:
            self._error_text = f"{type(exc).__name__}: {exc}"
            self._error.value = (
                f"<div class='lu-explorer-error' role='alert' style='{_ERROR_STYLE}'>"
                f"<b>This explorer hit an error</b> and kept its last picture: "
                f"{html.escape(self._error_text)}</div>"
            )
            raise
        self._show_description(description)
        self._image.value = (f'<img class="lu-explorer-png" alt="{html.escape(self.alt_text)}" '
                             f'style="max-width:100%;height:auto" '
                             f'src="data:image/png;base64,{base64.b64encode(self.png).decode("ascii")}">')
        if self._error_text:
            self._error_text = ""
            self._error.value = ""

    def _current_description(self):
        try:
            inspect.signature(self.describe).bind()
        except TypeError:
            return ""  # a subclass's older describe(...) taking arguments is not the one-line description
        text = self.describe()
        return text if isinstance(text, str) else ""

    def _show_description(self, text):
        self.description = text
        # aria-live: a screen reader announces the new description after every move.
        self._description.value = (f"<div class='lu-explorer-description' aria-live='polite'>"
                                   f"{html.escape(text)}</div>") if text else ""

    @property
    def shown_png(self):
        """The PNG bytes the widget shows now (decoded from its <img>)."""
        _, _, data = self._image.value.partition("base64,")
        return base64.b64decode(data.split('"', 1)[0]) if data else b""


def _encode_png(canvas):
    """PNG bytes of what the Agg canvas holds now, without drawing again."""
    width, height = canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    # The figure is opaque, so RGB loses nothing; light compression is ~10 % faster per move.
    image.convert("RGB").save(buf, format="png", compress_level=1)
    return buf.getvalue()
