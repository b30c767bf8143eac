"""Shared test helpers: drive an explorer over its whole control ranges."""

import itertools

import ipywidgets as widgets
import numpy as np


def control_values(control, n=7):
    """Values a student can set on ``control``: both ends, the default and points between."""
    if isinstance(control, (widgets.Dropdown, widgets.RadioButtons, widgets.ToggleButtons,
                            widgets.SelectionSlider)):
        return [value for _, value in _labelled(control.options)]
    if isinstance(control, (widgets.Checkbox, widgets.ToggleButton)):
        return [False, True]
    if isinstance(control, (widgets.FloatLogSlider,)):
        exps = np.linspace(control.min, control.max, n)
        return sorted(set([float(control.base ** e) for e in exps] + [control.value]))
    if hasattr(control, "min") and hasattr(control, "max"):
        vals = np.linspace(control.min, control.max, n)
        if isinstance(control.value, (int, np.integer)) and not isinstance(control.value, bool):
            vals = np.unique(np.round(vals).astype(int))
            return sorted(set(int(v) for v in vals) | {control.value})
        return sorted(set(float(v) for v in vals) | {control.value})
    return [control.value]


def _labelled(options):
    if isinstance(options, dict):
        return list(options.items())
    return [o if isinstance(o, tuple) else (o, o) for o in options]


def sweep(explorer, n=7):
    """Move every control through its range, one at a time, then all at their extremes.

    Returns the number of updates made. Each must leave a non-empty picture and no error.
    """
    count = 0
    defaults = explorer.params
    for name, control in explorer.controls.items():
        for value in control_values(control, n):
            explorer.update(**{name: value})
            assert explorer.png.startswith(b"\x89PNG"), f"no picture after {name}={value!r}"
            assert explorer.error == "", explorer.error
            count += 1
        explorer.update(**{name: defaults[name]})
    ends = [(_ends(c)) for c in explorer.controls.values()]
    for combo in itertools.islice(itertools.product(*ends), 64):
        explorer.update(**dict(zip(explorer.controls, combo)))
        assert explorer.png.startswith(b"\x89PNG")
        count += 1
    return count


def _ends(control):
    vals = control_values(control, 2)
    return [vals[0], vals[-1]] if len(vals) > 1 else vals
