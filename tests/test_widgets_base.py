"""The explorers' shared parts (widgets/base.py, _controls.py) and small explorers and plots of 00-01.

The browser explorers' base (update, errors, display, stops, tables) is tested in
test_widgets_browser.py.
"""

import numpy as np
import pytest

from lecture_utils import data, plots
from lecture_utils.widgets import Explorer, LineExplorer, PixelExplorer, lazy


def test_every_explorer_draws_in_the_browser():
    from lecture_utils import registry
    from lecture_utils.widgets._browser import BrowserExplorer

    classes = registry.explorers()
    assert len(classes) >= 13 and all(issubclass(c, Explorer) for c in classes)
    assert [c.__name__ for c in classes if not issubclass(c, BrowserExplorer)] == []


def test_an_example_builds_with_its_lazy_arguments_computed_then():
    loads = []
    assert repr(lazy(data.load_digits)) == "lazy('load_digits')"
    with pytest.raises(TypeError, match="lazy\\(\\) needs a function, got int"):
        lazy(3)

    class Lazy(LineExplorer):
        examples = {"set": dict(w=lazy(lambda: loads.append(1) or 2.0))}  # noqa: RUF012 - as every explorer writes it

    assert loads == []
    assert Lazy.example("set").params["w"] == 2.0 and loads == [1]
    with pytest.raises(ValueError, match=r"Lazy has no example 'other'; its examples are \['set'\]"):
        Lazy.example("other")


def test_line_explorer_message():
    e = LineExplorer()
    e.update(w=0.0)
    assert "flat line" in e.state["note"]
    e.update(w=1.0)
    assert e.state["note"] == ""  # no box drawn: both pictures skip an empty text


def test_pixel_explorer_on_digit_and_photo():
    digit = data.load_digits()[0][0]
    e = PixelExplorer(digit, window=8)  # the digit and the photo are PixelExplorer's examples: swept there
    e.update(row=2, col=3)
    assert e.text("image_title") == "image[2, 3] = 2"
    photo = data.load_grace_hopper()
    p = PixelExplorer(photo)
    p.update(row=149, col=127, channel="green")  # the corner: the window stays inside
    r, g, b = photo[149, 127]
    assert p.text("image_title") == f"image[149, 127] = [{r}, {g}, {b}]  (R, G, B)"
    assert p.text("zoom_title") == "zoom: image[..., 1] (green intensity)"
    assert [p.state[f"row_number{i}"] for i in range(7)] == [str(v) for v in range(143, 150)]


@pytest.mark.parametrize("image, error, match", [
    (np.zeros((4, 4, 2)), ValueError, r"3 channels \(h, w, 3\), got shape \(4, 4, 2\)"),
    (np.zeros(5), ValueError, r"image must be a 2-D matrix or 3-D, got shape \(5,\)"),
    ("photo.png", TypeError, "image must be numbers"),
])
def test_pixel_explorer_bad_images(image, error, match):
    with pytest.raises(error, match=match):
        PixelExplorer(image)


def test_show_matrix_annotates_every_entry():
    _, ax = plots.new_figure(nrows=1)
    drawn = plots.show_matrix(ax, np.arange(6).reshape(2, 3))
    texts = drawn.texts
    assert drawn.image.get_array().shape == (2, 3) and drawn.all() == [drawn.image, *texts]
    assert [t.get_text() for t in texts] == ["0", "1", "2", "3", "4", "5"]
    assert texts[0].get_color() == "black" and texts[-1].get_color() == "white"
    with pytest.raises(ValueError, match=r"M must be a 2-D matrix, got shape \(6,\)"):
        plots.show_matrix(ax, np.arange(6))


def test_show_channels_draws_three_channels():
    _, axes = plots.new_figure(ncols=3)
    drawn = plots.show_channels(axes, data.load_grace_hopper())
    assert len(drawn.images) == 3 and len(drawn.colorbars) == 3 and axes[2].get_title().endswith("(blue)")


def test_control_labels_are_shown_in_full():
    e = LineExplorer()
    assert all(c.style.description_width == "initial" for c in e.controls.values())


def test_line_explorer_describes_its_line():
    e = LineExplorer(w=1.0, b=0.5)
    assert e.description == ("slope w = 1.0, intercept b = 0.5: the line crosses the y-axis at 0.5 "
                             "and rises by 1.0 for every step of 1 to the right")
    e.update(w=-2.0)
    assert "falls by 2.0" in e.description
    e.update(w=0.0, b=-3.0)
    assert e.description == "slope w = 0, intercept b = -3.0: a flat line at y = -3.0; y does not depend on x"


def test_a_shown_figure_carries_alt_text_from_its_titles_and_labels():
    fig, _ = plots.new_figure((3, 2), 50)
    ax = fig.subplots()
    ax.set_title("the sigmoid")
    ax.set(xlabel="z", ylabel="σ(z)")
    assert plots.figure_alt_text(fig) == "Figure: the sigmoid, σ(z) against z"
    fig.alt_text = "An S-shaped curve from 0 to 1."
    assert plots.figure_alt_text(fig) == "An S-shaped curve from 0 to 1."
    with pytest.raises(TypeError, match="matplotlib Figure"):
        plots.figure_alt_text(ax)
