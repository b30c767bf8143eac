"""The data side of browser explorers: a control's stops, tables over them, JSON for the page."""

import math
import sys

import numpy as np

__all__ = ["Table", "after_cell", "each", "stops", "table_columns"]


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


def table_columns(table, stops_by_name, owner, max_states):
    """``(columns, n)``: one 1-D array per control ``table`` depends on, every combination of their stops.

    Raises ``ValueError`` (naming ``owner``, the explorer class) for a control it does not have or
    more than ``max_states`` states.
    """
    unknown = set(table.depends) - set(stops_by_name)
    if unknown:
        raise ValueError(f"a table of {owner} depends on {sorted(unknown)}, not controls of it ({sorted(stops_by_name)})")
    grids = [stops_by_name[name][0] for name in table.depends]
    n = math.prod(len(g) for g in grids)
    if n > max_states:
        raise ValueError(f"a table over {table.depends} has {n:,} states, more than {max_states:,}: "
                         "depend on fewer controls or give them fewer stops")
    if not grids:
        return [], n
    # Every combination in itertools.product's order (the last control fastest), by index: 15,100
    # states take 1 ms rather than 60 through Python tuples.
    index = np.indices([len(g) for g in grids]).reshape(len(grids), -1)
    columns = []
    for grid, at in zip(grids, index):
        values = np.asarray(grid)
        columns.append(values[at] if values.ndim == 1 else np.asarray([grid[i] for i in at]))
    return columns, n


def after_cell(fn):
    """Call ``fn()`` once the notebook cell running now has finished and its outputs are out (IPython's
    ``post_run_cell``), so work the output does not need waits behind it; outside IPython, now."""
    # A notebook's kernel has imported IPython long before; if nothing has, no cell is running.
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        fn()
        return

    def once(*_):
        shell.events.unregister("post_run_cell", once)
        fn()

    shell.events.register("post_run_cell", once)


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


def _readout(control, value):
    """The value as the slider's readout shows it (readout_format, e.g. '.2f'), for aria-valuetext too."""
    fmt = getattr(control, "readout_format", None)
    try:
        return format(value, fmt) if fmt else str(value)
    except (TypeError, ValueError):
        return str(value)
