"""The gradient-descent explorer of notebook 05, driven without a browser."""

import numpy as np
import pytest

from lecture_utils.widgets import GradientDescentExplorer


@pytest.fixture(scope="module")
def explorer():
    return GradientDescentExplorer()


@pytest.mark.parametrize("surface", ["round bowl", "narrow valley", "two minima"])
def test_largest_learning_rate_diverges_and_says_so(surface):
    e = GradientDescentExplorer(surface=surface)
    e.update(learning_rate=10 ** 0.5, steps=200, x0=3.0, y0=3.0)
    assert e.result.diverged
    assert e.title_text.get_text().endswith(f"diverged after {e.result.steps} steps")
    assert e.note.get_visible() and "left the map" in e.note.get_text()
    # the drawn path stays near the view even though the iterates reached 1e8
    xy = np.column_stack(e.path.line.get_data())
    assert np.abs(xy).max() <= 9.0 + 1e-9
    assert "Diverged after" in e.status.value
    assert e.error == ""


def test_converged_still_moving_and_stuck_words():
    e = GradientDescentExplorer()
    e.update(learning_rate=0.3, steps=100)
    assert e.result.converged
    assert f"converged after {e.result.steps} steps" in e.title_text.get_text()
    assert not e.note.get_visible()
    e.update(learning_rate=0.001, steps=10)
    assert "still moving after 10 steps" in e.title_text.get_text()
    e.update(learning_rate=1.0, steps=20)  # on the bowl, alpha = 1 jumps to the mirror point forever
    assert "stuck" in e.title_text.get_text()


def test_two_minima_start_decides_which_minimum():
    e = GradientDescentExplorer(surface="two minima", learning_rate=0.05, steps=200)
    e.update(x0=0.5, y0=2.0)
    assert "shallower minimum" in e.title_text.get_text()
    e.update(x0=-0.5)
    assert e.result.converged and "shallower" not in e.title_text.get_text()


def test_cached_backgrounds_survive_surface_and_step_changes():
    moved = GradientDescentExplorer()
    moved.update(surface="two minima", steps=13)
    moved.update(surface="narrow valley", steps=170)
    moved.update(surface="round bowl", learning_rate=0.25, steps=37)
    fresh = GradientDescentExplorer(surface="round bowl", learning_rate=0.25, steps=37)
    assert moved.png == fresh.png
    labels = [t.get_text() for t in moved.step_labels if t.get_text()]
    assert labels[0] == "0" and int(labels[-1]) <= 37 and len(labels) >= 3


def test_picture_changes_and_static_bundle(explorer):
    explorer.update(surface="round bowl", learning_rate=0.1, x0=-2.5, y0=2.0, steps=50)
    before = explorer.png
    explorer.update(learning_rate=0.02)
    assert explorer.png != before
    bundle = explorer._repr_mimebundle_()
    assert "image/png" in bundle and "interactive explorer" in bundle["text/plain"]


def test_unknown_surface_and_control():
    with pytest.raises(ValueError, match=r"unknown surface 'hill'"):
        GradientDescentExplorer(surface="hill")
    with pytest.raises(ValueError, match=r"unknown control\(s\) \['alpha'\]"):
        GradientDescentExplorer().update(alpha=0.1)


@pytest.mark.parametrize("kwargs, exc, pattern", [
    (dict(learning_rate="0.1"), TypeError, r"^learning_rate must be a real number, got str '0\.1'$"),
    (dict(learning_rate=-0.1), ValueError, r"^learning_rate must be positive, got -0\.1$"),
    (dict(learning_rate=np.ones(3)), TypeError, r"^learning_rate must be a real number, got an array of shape \(3,\)"),
    (dict(x0=None), TypeError, r"^x0 must be a real number, got NoneType None$"),
    (dict(y0=float("nan")), ValueError, r"^y0 must be a finite number, got nan$"),
    (dict(y0=1 + 1j), TypeError, r"^y0 must be a real number, got complex \(1\+1j\)$"),
    (dict(steps=2.5), TypeError, r"^steps must be a whole number, got float 2\.5$"),
    (dict(steps=0), ValueError, r"^steps must be at least 1, got 0$"),
], ids=["rate text", "rate negative", "rate array", "x0 None", "y0 nan", "y0 complex", "steps fraction",
        "steps zero"])
def test_bad_start_values_give_clear_errors(kwargs, exc, pattern):
    with pytest.raises(exc, match=pattern):
        GradientDescentExplorer(**kwargs)


def test_out_of_range_start_values_are_clipped_like_a_drag():
    e = GradientDescentExplorer(learning_rate=float("inf"), x0=-float("inf"), y0=7.0, steps=1000)
    assert e.params["x0"] == -3.0 and e.params["y0"] == 3.0 and e.params["steps"] == 200
    assert e.params["learning_rate"] == pytest.approx(10 ** 0.5)
    assert e.error == ""


def test_describe_says_what_the_picture_shows():
    e = GradientDescentExplorer(surface="round bowl", learning_rate=0.3, steps=100)
    text = e.describe()
    assert text.startswith("round bowl, learning rate 0.3, start (-2.5, 2.0): converged after ")
    assert f"converged after {e.result.steps} steps" in text and "\n" not in text
    e.update(surface="two minima", learning_rate=10 ** 0.5, steps=200)
    assert f"diverged after {e.result.steps} step" in e.describe()
    e.update(surface="round bowl", learning_rate=1.0, steps=20)
    assert "stuck" in e.describe()
    e.update(surface="two minima", learning_rate=0.1, x0=0.5, y0=2.0, steps=200)
    assert "(to the shallower minimum)" in e.describe()
