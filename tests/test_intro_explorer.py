"""LineExplorer (notebook 00): describe() and the title never round a set value to a false 0.0."""

from lecture_utils.widgets import LineExplorer


def test_describe_keeps_slider_format_and_off_step_values():
    e = LineExplorer(w=1.0, b=0.5)
    assert e.describe().startswith("slope w = 1.0, intercept b = 0.5:")
    e.update(w=0.04, b=-0.04)  # between slider steps (set from code): not "rises by 0.0", not "-0.0"
    assert "rises by 0.04" in e.describe() and "crosses the y-axis at -0.04" in e.describe()
    assert "y = 0.04 x - 0.04" in e.ax.get_title()
    e.update(w=0.0, b=-0.0)
    assert e.describe() == "slope w = 0, intercept b = 0.0: a flat line at y = 0.0; y does not depend on x"
