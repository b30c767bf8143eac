"""Explorers that draw in the browser: Python computes every reachable state, the browser draws.

A :class:`BrowserExplorer` is an anywidget (``js/explorer.js``, one module for all explorers).
At construction its Python side computes, with the course's own functions, the data of every
state its controls can reach, in *tables* factorised by the controls each part depends on
(a line moved by ``w`` and ``b`` is a table over the ``w`` x ``b`` stops, a marker moved by
``b`` alone a table over the ``b`` stops). Moving a control in the browser only looks the
tables up and redraws the canvas: no kernel message per move. The control values go back to
Python (``explorer.params``) once the student has stopped for 400 ms.

How to port an explorer from the PNG path (:class:`~lecture_utils.widgets.base.Explorer`)
------------------------------------------------------------------------------------------
1. Subclass ``BrowserExplorer`` instead of ``Explorer``; keep ``NOTEBOOK``, ``examples``, the
   constructor's validation and its ipywidgets controls (they hold the values, clip typed values
   like a drag, and give the stops: every step of a slider, every option of a menu).
2. Replace ``setup``/``draw`` by
   - :meth:`scene`: ``(panels, marks)`` built with :mod:`lecture_utils.widgets._scene`
     (``panel``, ``line``, ``area``, ``points``, ``text``, ``message``, ``arrow``, ``rect``,
     ``image``). A field that moves is ``ref("key")``.
   - :meth:`tables`: a list of :class:`Table`, each naming the controls it depends on and a
     function taking those controls as 1-D arrays (one entry per state, every combination of
     stops) and returning ``{key: array}`` whose first axis is the state (a list of strings for
     text). Vectorise with numpy; :func:`each` loops a scalar function for text.
   - one table must give ``"description"``: the one-line live description (aria-live); words
     that change on a move belong there, not in the picture.
   - optionally :meth:`templates`: ``{key: template_key}``, a text whose ``{name}`` parts are
     filled from other keys after the lookup. Text depending on three controls then ships as
     pieces depending on one or two each (a 150 x 128 photo x 4 channels would be 77,000
     descriptions; as pieces it is a template per channel and numbers per pixel).
3. Tests check the data: ``explorer.state`` (the keys at the current exact settings) and
   ``explorer.lookup(**params)`` (what the browser shows at those stops).

A value set from Python between stops (``update(w=0.04)``) is computed exactly and shown until
the student next moves that control, which then snaps to the slider's grid as a drag does.
The static picture (``image/png`` in the display, for GitHub and nbviewer) is the same scene
drawn by matplotlib (:mod:`._scene_mpl`), once per display, never per move.
"""

import base64
import gzip
import itertools
import json
import math
import pathlib
import re
import time

import anywidget
import ipywidgets as widgets
import numpy as np
import traitlets

from ..plots.style import new_figure
from . import _scene, _scene_mpl
from ._controls import label_control
from .base import STATIC_NOTE, Explorer

__all__ = ["BrowserExplorer", "Table", "each", "fill", "stops"]

MAX_STATES = 200_000  # per table: beyond this the page would carry megabytes; ask the kernel instead
_ESM = pathlib.Path(__file__).with_name("js") / "explorer.js"


class Table:
    """Data that depends on some controls, computed for every combination of their stops.

    Parameters
    ----------
    depends : tuple of str
        Names of the controls the data depends on (in the order ``compute`` takes them).
    compute : callable
        ``compute(**arrays) -> {key: array}``: each control a 1-D array with one entry per
        state; each result's first axis is the state (or a list of strings, one per state).
    """

    def __init__(self, depends, compute):
        self.depends = tuple(depends)
        if not callable(compute):
            raise TypeError(f"Table needs a function computing the data, got {type(compute).__name__}")
        self.compute = compute


def each(fn, *arrays):
    """``[fn(a, b, ...)]`` for the states of 1-D ``arrays``: text per state from a scalar function."""
    return [fn(*(v.item() if hasattr(v, "item") else v for v in values)) for values in zip(*arrays)]


def stops(control):
    """Every value a student can set on ``control`` with the mouse or the keyboard, in order."""
    if hasattr(control, "options"):
        labels = list(control._options_labels)
        return list(control._options_values), labels
    if hasattr(control, "base"):  # FloatLogSlider: steps of the exponent
        exps = np.arange(control.min, control.max + control.step / 2, control.step)
        return [float(control.base ** e) for e in exps], None
    if isinstance(control.value, bool):
        return [False, True], None
    if hasattr(control, "min") and hasattr(control, "step"):
        n = round((control.max - control.min) / control.step)
        values = control.min + control.step * np.arange(n + 1)
        if isinstance(control.value, (int, np.integer)):
            return [int(v) for v in values], None
        # Rounded to the step's decimals: 0.1 * 3 is 0.30000000000000004, the slider says 0.3.
        decimals = max(0, -math.floor(math.log10(control.step)) + 1)
        return [float(round(v, decimals)) + 0.0 for v in values], None
    raise TypeError(f"a browser explorer's control must be a slider, menu or checkbox, got {type(control).__name__}")


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template, state):
    """``template`` with each ``{key}`` replaced by ``str(state[key])`` (as ``js/explorer.js`` fills it)."""
    return _PLACEHOLDER.sub(lambda m: str(state[m.group(1)]) if m.group(1) in state else m.group(0), str(template))


def _nearest(values, value):
    """Index of the stop nearest ``value`` (exact match first: a menu's values need not be numbers)."""
    for i, v in enumerate(values):
        if v == value:
            return i
    try:
        return int(np.argmin(np.abs(np.asarray(values, dtype=float) - float(value))))
    except (TypeError, ValueError):
        return 0


def _json(value):
    """``value`` as JSON-ready lists; NaN and infinities become null (a gap), as JSON has neither."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fc" and not np.isfinite(value).all():
            return np.where(np.isfinite(value), value, None).tolist()
        return value.tolist()
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, (np.floating, float)):
        return float(value) if np.isfinite(value) else None
    if isinstance(value, np.generic):
        return value.item()
    return value


class _Widget(anywidget.AnyWidget):
    """The front end: ``spec`` (scene, controls) and ``tables`` once, ``state`` per Python update."""

    _esm = _ESM
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
        start = time.perf_counter()
        self._table_cache = [self._table_data(t) for t in self._tables]
        self.table_seconds = time.perf_counter() - start
        self.state = self._state_at(self.params)
        self.widget = _Widget(spec=_json(self._spec()), tables=self._packed_tables(), state=self._sent_state(),
                              values=self._indices())
        self.widget.observe(self._on_browser_values, names="values")

    # --- for subclasses -------------------------------------------------------------
    def scene(self):
        """``(panels, marks)``: what the picture is made of (subclasses override)."""
        raise NotImplementedError

    def tables(self):
        """The :class:`Table` list giving every key the marks ``ref`` and ``"description"``."""
        raise NotImplementedError

    def templates(self):
        """``{key: template_key}``: keys filled from a template in the state (default: none)."""
        return {}

    def _fill_templates(self, state):
        for key, source in self.templates().items():
            state[key] = fill(state[source], state)
        return state

    # --- public ---------------------------------------------------------------------
    @property
    def description(self):
        """The one-line description of the current state (the live text under the picture)."""
        return str(self.state.get("description", ""))

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
        return self._fill_templates(out)

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
        return _scene_mpl.render_png(self.figure, self._panels, self._marks, self.state)

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        bundle = self.widget._repr_mimebundle_()
        bundle = dict(bundle[0] if isinstance(bundle, tuple) else bundle)  # anywidget: (data, metadata)
        bundle["text/plain"] = f"{self.alt_text}{STATIC_NOTE}"
        bundle["image/png"] = base64.b64encode(self.png).decode("ascii")
        return bundle

    # --- internals ------------------------------------------------------------------
    def _table_data(self, table):
        unknown = set(table.depends) - set(self.controls)
        if unknown:
            raise ValueError(f"a table of {type(self).__name__} depends on {sorted(unknown)}, "
                             f"not controls of it ({sorted(self.controls)})")
        grids = [self._stops[name][0] for name in table.depends]
        n = math.prod(len(g) for g in grids)
        if n > MAX_STATES:
            raise ValueError(f"a table over {table.depends} has {n:,} states, more than {MAX_STATES:,}: "
                             "depend on fewer controls or give them fewer stops")
        columns = [np.asarray(c) for c in zip(*itertools.product(*grids))] if grids else []
        return self._compute(table, columns, n)

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
        return self._fill_templates(state)

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
        return {"title": self.title, "width": width, "height": height, "dpi": self.dpi,
                "style": _scene.STYLE, "lut": _scene.colormap_lut(), "luts": self._luts(),
                "templates": self.templates(), "panels": self._panels,
                "marks": self._marks, "controls": controls}

    def _packed_tables(self):
        tables = [{"depends": list(t.depends), "data": _json(d)} for t, d in zip(self._tables, self._table_cache)]
        return gzip.compress(json.dumps(tables, allow_nan=False, separators=(",", ":")).encode(), compresslevel=6,
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
            self.widget.error = f"This explorer hit an error and kept its last picture: {self._error_text}"
            raise
        self.state = state
        self._error_text = ""
        self._sending = True  # our own change of `values` is not a student's move
        try:
            with self.widget.hold_sync():
                self.widget.error = ""
                self.widget.values = self._indices()
                self.widget.state = self._sent_state()
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
        return _json({**self.state, "_readouts": readouts})

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


def _readout(control, value):
    """The value as the slider's readout shows it (readout_format, e.g. '.2f'), for aria-valuetext too."""
    fmt = getattr(control, "readout_format", None)
    try:
        return format(value, fmt) if fmt else str(value)
    except (TypeError, ValueError):
        return str(value)
