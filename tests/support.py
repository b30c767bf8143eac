"""Shared test helper: drive an explorer over its whole control ranges."""

import itertools

from lecture_utils.widgets.base import control_values

__all__ = ["control_values", "sweep"]


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
    for combo in itertools.islice(itertools.product(*(_ends(c) for c in explorer.controls.values())), 64):
        explorer.update(**dict(zip(explorer.controls, combo)))
        assert explorer.png.startswith(b"\x89PNG")
        count += 1
    return count


def _ends(control):
    values = control_values(control, 2)
    return [values[0], values[-1]] if len(values) > 1 else values
