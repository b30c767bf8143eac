"""What an explorer's controls offer and say: the values a student can set, and their labels."""

import ipywidgets as widgets


def control_values(control, n=7):
    """Values a student can set on ``control``: both ends, the current value and points between.

    Parameters
    ----------
    control : ipywidgets.ValueWidget
        A slider, dropdown, toggle, checkbox...
    n : int
        How many evenly spaced values of a numeric range (more for a log slider's ends).
    """
    import numpy as np

    if hasattr(control, "options"):
        options = control.options
        pairs = options.items() if isinstance(options, dict) else (
            o if isinstance(o, tuple) else (o, o) for o in options)
        return [value for _, value in pairs]
    if isinstance(control, (widgets.Checkbox, widgets.ToggleButton)):
        return [False, True]
    if isinstance(control, widgets.FloatLogSlider):
        exponents = np.linspace(control.min, control.max, n)
        return sorted({float(control.base ** e) for e in exponents} | {control.value})
    if hasattr(control, "min") and hasattr(control, "max"):
        values = np.linspace(control.min, control.max, n)
        if isinstance(control.value, (int, np.integer)) and not isinstance(control.value, bool):
            return sorted({int(v) for v in np.round(values)} | {control.value})
        return sorted({float(v) for v in values} | {control.value})
    return [control.value]


def every_value(control, limit=50):
    """Every value of a menu or of an integer slider with at most ``limit`` stops (else a sample)."""
    if not hasattr(control, "options") and isinstance(control, (widgets.IntSlider, widgets.BoundedIntText)):
        values = range(control.min, control.max + 1, control.step or 1)
        if len(values) <= limit:
            return list(values)
    return control_values(control)


def label_control(control, name):
    """Give ``control`` a visible, announced label: its description (or its name) in full."""
    if not getattr(control, "description", None):
        control.description = name.replace("_", " ")
    if hasattr(control, "tooltip") and not control.tooltip:
        control.tooltip = control.description  # read by screen readers as the accessible description
    style = getattr(control, "style", None)
    if hasattr(style, "description_width") and not style.description_width:
        style.description_width = "initial"  # show "learning rate" in full, not "learning r..."
