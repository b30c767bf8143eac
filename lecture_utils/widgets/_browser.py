"""Explorers that draw in the browser: Python computes every reachable state, the browser draws.

A :class:`BrowserExplorer` is an anywidget (``js/draw.js`` + ``js/explorer.js``, one module for all
explorers, ``_frontend.py``).
Its Python side computes, with the course's own functions, the state its controls are at (at
construction: the picture shown first) and the data of every state they can reach, in *tables*
factorised by the controls each part depends on (a line moved by ``w`` and ``b`` is a table
over the ``w`` x ``b`` stops, a marker moved by ``b`` alone a table over the ``b`` stops). The
tables are computed and sent once the cell that displays the explorer has finished (or when
``widget`` or a table is first asked for), so the explorer appears without waiting for them.
Moving a control in the browser only looks the tables up and redraws the canvas: no kernel
message per move. The control values go back to Python (``explorer.params``) once the
student has stopped for 400 ms.

How to write an explorer (CONTRIBUTING.md has a whole example)
--------------------------------------------------------------
1. Subclass ``BrowserExplorer``; set ``NOTEBOOK`` and ``examples``; validate the constructor's
   arguments and give ipywidgets controls (not displayed: they hold the values, clip typed values
   like a drag, and give the stops: every step of a slider, every option of a menu).
2. Define
   - :meth:`scene`: ``(panels, marks)`` built with :mod:`lecture_utils.widgets._scene`
     (``panel``, ``line``, ``area``, ``points``, ``text``, ``message``, ``arrow``, ``rect``,
     ``image``). A field that moves is ``ref("key")``.
   - :meth:`tables`: a list of :class:`Table`, each naming the controls it depends on and a
     function taking those controls as 1-D arrays (one entry per state, every combination of
     stops) and returning ``{key: array}`` whose first axis is the state (a list of strings for
     text). Vectorise with numpy; :func:`each` loops a scalar function for text.
   - one table must give ``"description"``: the one-line live description (aria-live); words
     that change on a move belong there, not in the picture.
   - optionally ``FILL = True``: the description and every text mark are templates whose
     ``{key}`` / ``{key:.2f}`` parts are filled from the state after the lookup
     (:func:`._scene.fill`, ``fill`` in ``js/draw.js``). Text depending on three controls then
     ships as pieces depending on one or two each (a 150 x 128 photo x 4 channels would be
     77,000 descriptions; as pieces it is a template per channel and numbers per pixel), and
     numbers ship as numbers. Write a literal brace as ``{{`` or ``}}``.
3. Tests check the data: ``explorer.state`` (the keys at the current exact settings),
   ``explorer.lookup(**params)`` (what the browser shows at those stops) and
   ``explorer.sent_tables()`` (every state, as the page receives it), against numpy.
   Examples: ``intro.LineExplorer`` (61 x 61 states), ``norms.VectorNormExplorer`` (21 x 21),
   ``norms.UnitBallExplorer`` (12 stops x a checkbox, factorised: 12 + 2 rows).

Size: the tables travel once, gzip-compressed (LineExplorer's 3,721 descriptions: 44 KB).
Words compress well, floats do not (12 curves of 721 points: 109 KB), so sample curves no finer
than the picture needs. A grid with tens of thousands of states and a sentence each (w and b
on 201 stops) is too big to ship this way: split what depends on one control from what
depends on both, or compute in the browser what a formula gives from the looked-up numbers
(``spec.derive``: ``js/descent.js`` runs gradient descent, ``js/secant.js`` places the secant,
``js/sigmoid.js`` draws σ(wx + b) and its cost), each with a ``node --test`` comparing it with
numpy on fixtures (``tests/js/``). ``MAX_STATES`` bounds one table.

A value set from Python between stops (``update(w=0.04)``) is computed exactly and shown until
the student next moves that control, which then snaps to the slider's grid as a drag does.
The static picture (``image/png`` in the display, for GitHub and nbviewer) is the same scene
drawn by matplotlib (:mod:`._scene_mpl`), once per display, never per move; in a notebook kernel
it is added to the display once the cell has run (:mod:`._display`).
"""

import base64
import gzip
import json
import time

import ipywidgets as widgets
import numpy as np
import traitlets

from ..plots.style import new_figure
from . import _scene, _scene_mpl
from ._controls import label_control
from ._display import show
from ._frontend import ExplorerFrontEnd
from ._tables import Table, _json, _nearest, _readout, after_cell, each, stops, table_columns
from .base import STATIC_NOTE, Explorer

__all__ = ["BrowserExplorer", "Table", "each", "stops"]

MAX_STATES = 200_000  # per table: beyond this the page would carry megabytes; ask the kernel instead
class _Widget(ExplorerFrontEnd):
    """The front end: ``spec`` (scene, controls) and ``tables`` once, ``state`` per Python update."""

    spec = traitlets.Dict().tag(sync=True)
    # gzip-compressed JSON: the descriptions of thousands of states repeat most of their words,
    # so the page carries ~1/10 of the bytes (the browser's DecompressionStream unpacks them).
    tables = traitlets.Bytes(b"").tag(sync=True)
    state = traitlets.Dict().tag(sync=True)
    values = traitlets.Dict().tag(sync=True)
    error = traitlets.Unicode("").tag(sync=True)


class BrowserExplorer(Explorer):
    """Base class of the explorers drawn in the browser (see the module's docstring).

    Parameters
    ----------
    controls : dict
        Name -> ipywidgets slider, menu or checkbox: the values, ranges and labels of the
        native controls the browser shows (the ipywidgets themselves are not displayed).
    figsize : tuple of float
        Picture size in inches at ``dpi`` (canvas pixels = inches x dpi).
    dpi : int
        Pixels per inch of the picture.
    title : str
        Shown above the controls and as the explorer's text representation.
    """

    FILL = False  # True: the description and texts are templates filled from the state (_scene.fill)

    def __init__(self, controls, *, figsize=(6.4, 4.0), dpi=80, title=""):
        self.title = title or type(self).__name__
        if not isinstance(controls, dict) or not all(hasattr(c, "value") for c in controls.values()):
            raise TypeError(f"controls must be a dict {{parameter name: ipywidgets control}}, got {controls!r}")
        self.controls = dict(controls)
        for name, control in self.controls.items():
            label_control(control, name)
        self.figsize, self.dpi = figsize, dpi
        self.figure = None
        self._pngs = {}
        self._error_text = ""
        self._sending = False
        self._stops = {name: stops(c) for name, c in self.controls.items()}
        self._tables = self.tables()
        panels, marks = self.scene()
        _scene.check_marks(marks, panels)
        self._panels, self._marks = panels, marks
        self._columns = [table_columns(t, self._stops, type(self).__name__, MAX_STATES) for t in self._tables]
        self._computed, self.table_seconds = None, None
        self.state = self._state_at(self.params)
        # The tables go to the page after the first display (_display.show): the picture of the
        # exact state needs none of them, so it appears without waiting for every other state.
        self._widget = _Widget(spec=_json(self._spec()), state=self._sent_state(), values=self._indices())
        self._widget.observe(self._on_browser_values, names="values")

    # --- for subclasses -------------------------------------------------------------
    def scene(self):
        """``(panels, marks)``: what the picture is made of (subclasses override)."""
        raise NotImplementedError

    def tables(self):
        """The :class:`Table` list giving every key the marks ``ref`` and ``"description"``."""
        raise NotImplementedError

    # --- public ---------------------------------------------------------------------
    @property
    def widget(self):
        """The front end's anywidget, its tables filled (sent now if the first display has not yet sent them)."""
        self._send_tables()
        return self._widget

    @property
    def description(self):
        """The one-line description of the current state (the live text under the picture)."""
        return self.text("description")

    def text(self, key):
        """The text ``key`` of the current state as the picture shows it (a template filled, with ``FILL``)."""
        text = str(self.state.get(key, ""))
        return _scene.fill(text, self.state) if self.FILL else text

    def describe(self):
        """One line: what the picture shows now."""
        return self.description

    def _current_description(self):
        return self.description

    def update(self, **params):
        """Set controls (by name; clipped like a drag) and send the exact new state to the browser."""
        unknown = set(params) - set(self.controls)
        if unknown:
            raise ValueError(f"{type(self).__name__}.update() got unknown control(s) {sorted(unknown)}; "
                             f"its controls are {sorted(self.controls)}")
        for name, value in params.items():
            self.controls[name].value = value
        self._refresh()
        return self

    def lookup(self, **params):
        """What the browser shows at these settings: every key read from the tables at the nearest stops.

        Settings not given are the current ones. This is the data a move in the browser draws.
        """
        settings = {**self.params, **params}
        index = {name: _nearest(self._stops[name][0], settings[name]) for name in self.controls}
        out = {}
        for table, data in zip(self._tables, self._table_cache):
            flat = 0
            for name in table.depends:
                flat = flat * len(self._stops[name][0]) + index[name]
            out.update({key: column[flat] for key, column in data.items()})
        return out

    @property
    def png(self):
        """PNG bytes of the current state drawn by matplotlib (rendered once per state)."""
        key = repr(sorted(self.params.items()))
        if key not in self._pngs:
            self._pngs = {key: self.render_png()}  # one state kept: the one on display
        return self._pngs[key]

    shown_png = png

    def render_png(self):
        """Draw the scene at the current state with matplotlib; returns PNG bytes."""
        if self.figure is None:
            self.figure, _ = new_figure(self.figsize, self.dpi)
        return _scene_mpl.render_png(self.figure, self._panels, self._marks, self.state, fill=self.FILL)

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        data, metadata = self._bundle(picture=True)
        after_cell(self._send_tables)
        return (data, metadata) if metadata else data

    def _ipython_display_(self):
        # In a kernel: the live view now, the static picture once the cell has run (_display.py).
        show(self)

    def _bundle(self, picture):
        """``(data, metadata)`` of a display: the widget view, the alt text and, with ``picture``, the PNG."""
        bundle = self._widget._repr_mimebundle_()
        # anywidget gives (data, metadata); in Colab the metadata names Colab's widget manager,
        # without which a third-party widget may not display: it is passed on.
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        data = dict(data)
        data["text/plain"] = f"{self.alt_text}{STATIC_NOTE}"
        if picture:
            data["image/png"] = base64.b64encode(self.png).decode("ascii")
        return data, metadata

    # --- internals ------------------------------------------------------------------
    @property
    def _table_cache(self):
        """Every table's data (``{key: column}``), computed on first need."""
        if self._computed is None:
            start = time.perf_counter()
            self._computed = [self._compute(t, columns, n) for t, (columns, n) in zip(self._tables, self._columns)]
            self.table_seconds = time.perf_counter() - start
        return self._computed

    def _send_tables(self):
        if not self._widget.tables:
            self._widget.tables = self._packed_tables()

    def _compute(self, table, columns, n):
        with np.errstate(all="ignore"):  # extremes become NaN/inf: gaps, and words in the description
            data = table.compute(**dict(zip(table.depends, columns)))
        out = {}
        for key, column in data.items():
            column = list(column) if isinstance(column, list) else np.asarray(column)
            if len(column) != n:
                raise ValueError(f"{type(self).__name__} table key {key!r} has {len(column)} rows "
                                 f"for {n} states of {table.depends}")
            out[key] = column
        return out

    def _state_at(self, params):
        """Every key at these exact settings (computed, not looked up: exact between stops too)."""
        state = {}
        for table in self._tables:
            columns = [np.asarray([params[name]]) for name in table.depends]
            state.update({key: column[0] for key, column in self._compute(table, columns, 1).items()})
        return state

    def _spec(self):
        controls = []
        for name, control in self.controls.items():
            values, labels = self._stops[name]
            readout = labels or [_readout(control, v) for v in values]
            kind = ("checkbox" if isinstance(control.value, bool) else "range"
                    if labels is None or isinstance(control, widgets.SelectionSlider) else "select")
            controls.append({"name": name, "label": control.description, "kind": kind,
                             "values": values, "labels": readout})
        width, height = (round(v * self.dpi) for v in self.figsize)
        return {"title": self.title, "fill": self.FILL, "width": width, "height": height, "dpi": self.dpi,
                "style": _scene.STYLE, "lut": _scene.colormap_lut(), "luts": self._luts(), "panels": self._panels,
                "marks": self._marks, "controls": controls}

    def _packed_tables(self):
        # Level 3: within 10-20 % of level 6's bytes at a third of its time (notebook 07's tables:
        # 16 ms, not 46), which the kernel spends after each cell that shows an explorer.
        tables = [{"depends": list(t.depends), "data": _json(d)} for t, d in zip(self._tables, self._table_cache)]
        return gzip.compress(json.dumps(tables, allow_nan=False, separators=(",", ":")).encode(), compresslevel=3,
                             mtime=0)

    def sent_tables(self):
        """The tables as the browser receives them (unpacked): ``[{"depends": [...], "data": {...}}]``."""
        return json.loads(gzip.decompress(self.widget.tables))

    def _luts(self):
        """The colours of every colour map an image mark may use: constant, or read from a table."""
        names = set()
        for mark in self._marks:
            if mark["type"] != "image":
                continue
            cmap = mark.get("cmap")
            if _scene.is_ref(cmap):
                for data in self._table_cache:
                    names.update(v for v in data.get(cmap["$"], []) if isinstance(v, str))
            elif isinstance(cmap, str):
                names.add(cmap)
        return {name: _scene.colormap_lut(name) for name in sorted(names)}

    def _refresh(self):
        try:
            state = self._state_at(self.params)
        except Exception as exc:
            self._error_text = f"{type(exc).__name__}: {exc}"
            self._widget.error = f"This explorer hit an error and kept its last picture: {self._error_text}"
            raise
        self.state = state
        self._error_text = ""
        self._sending = True  # our own change of `values` is not a student's move
        try:
            with self._widget.hold_sync():
                self._widget.error = ""
                self._widget.values = self._indices()
                self._widget.state = self._sent_state()
        finally:
            self._sending = False

    def _indices(self):
        """The stop of each control nearest its value: what the browser's controls hold (JSON-safe: p = inf is a stop)."""
        return {name: _nearest(self._stops[name][0], value) for name, value in self.params.items()}

    def _sent_state(self):
        """The exact state, and each control's value as its readout says it (a value between stops too)."""
        readouts = {}
        for name, control in self.controls.items():
            values, labels = self._stops[name]
            i = _nearest(values, control.value)
            readouts[name] = (labels[i] if labels else _readout(control, values[i])) if values[i] == control.value \
                else _readout(control, control.value)
        # "_at": the stops this exact state belongs to; a view opened after the student moved
        # (values synced, state not resent) draws from the tables instead.
        return _json({**self.state, "_readouts": readouts, "_at": self._indices()})

    def _on_browser_values(self, change):
        """The student stopped moving: the browser's values become the controls' (no redraw sent back)."""
        if self._sending:
            return
        new = {k: self._stops[k][0][i] for k, i in (change["new"] or {}).items()
               if k in self.controls and isinstance(i, int) and 0 <= i < len(self._stops[k][0])}
        if any(self.controls[k].value != v for k, v in new.items()):
            for name, value in new.items():
                self.controls[name].value = value
            self.state = self._state_at(self.params)
