import base64

import ipywidgets as widgets
import numpy as np
import pytest

from lecture_utils import data, plots
from lecture_utils.widgets import Explorer, LineExplorer, PixelExplorer
from lecture_utils.widgets.base import STATIC_NOTE


class Doubler(Explorer):
    """A minimal explorer for testing the base class; fails on purpose at x = 13."""

    def __init__(self):
        self.draws = 0
        super().__init__({"x": widgets.IntSlider(value=1, min=0, max=20)}, title="Doubler")

    def setup(self, fig):
        self.ax = fig.subplots()
        (self.line,) = self.ax.plot([0, 1], [0, 2])

    def draw(self, x):
        if x == 13:
            raise RuntimeError("unlucky number")
        self.draws += 1
        self.line.set_ydata([0, 2 * x])


def test_update_sets_controls_and_redraws_once():
    e = Doubler()
    before = e.draws
    png = e.png
    assert e.update(x=5) is e
    assert e.draws == before + 1
    assert e.params == {"x": 5}
    assert e.png != png and e.png.startswith(b"\x89PNG")
    assert e.shown_png == e.png


def test_moving_a_control_redraws():
    e = Doubler()
    e.controls["x"].value = 7
    assert e.line.get_ydata()[1] == 14


def test_update_goes_through_the_widget_and_is_clipped_like_a_drag():
    e = Doubler()
    e.update(x=99)
    assert e.params["x"] == 20


def test_update_refuses_unknown_controls():
    with pytest.raises(ValueError, match=r"Doubler.update\(\) got unknown control\(s\) \['y'\]; its controls are \['x'\]"):
        Doubler().update(y=1)


def test_callback_errors_show_inside_the_explorer_and_keep_the_last_picture():
    e = Doubler()
    e.update(x=4)
    good = e.png
    e.controls["x"].value = 13  # as a student's drag: must not raise
    assert "RuntimeError: unlucky number" in e.error
    assert "unlucky number" in e._error.value and "lu-explorer-error" in e._error.value
    assert e.shown_png == good
    e.controls["x"].value = 3
    assert e.error == "" and e._error.value == ""


def test_update_raises_the_drawing_error_for_tests():
    with pytest.raises(RuntimeError, match="unlucky"):
        Doubler().update(x=13)


def test_display_carries_a_static_picture_and_a_short_text():
    e = Doubler()  # no describe(): the title stands alone
    bundle = e._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]) == e.png
    assert bundle["text/plain"] == "Doubler (interactive explorer: run the notebook to use it)"
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert e._description.value == ""


class Described(Doubler):
    """Doubler that says what it shows; its old-style describe(res) of another helper is ignored."""

    def describe(self):
        return f"the line ends at y = {2 * self.params['x']} & beyond <here>"


def test_the_description_is_shown_under_the_picture_announced_and_used_as_alt_text():
    e = Described()
    e.update(x=4)
    assert e.description == "the line ends at y = 8 & beyond <here>"
    children = list(e.widget.children)
    assert children.index(e._description) == children.index(e._image) + 1
    assert "lu-explorer-description" in e._description._dom_classes
    assert "aria-live='polite'" in e._description.value and "&amp; beyond &lt;here&gt;" in e._description.value
    bundle = e._repr_mimebundle_()
    assert bundle["text/plain"] == "Doubler — the line ends at y = 8 & beyond <here>" + STATIC_NOTE
    e.controls["x"].value = 5  # a drag updates it too
    assert "y = 10" in e._description.value
    assert 'alt="Doubler — the line ends at y = 10 &amp; beyond &lt;here&gt;"' in e._image.value
    assert e.shown_png == e.png


def test_a_describe_with_arguments_is_not_taken_for_the_description():
    class OldStyle(Doubler):
        @staticmethod
        def describe(result, surface):
            return ("words", False)

    assert OldStyle().description == ""


def test_extension_hooks_place_widgets_before_the_controls_and_below_the_picture():
    play, status = widgets.Play(), widgets.HTML("status")

    class Hooked(Doubler):
        def __init__(self):
            self.draws = 0
            Explorer.__init__(self, {"x": widgets.IntSlider(value=1, min=0, max=20)},
                              before_controls=[play], below=[status])

    e = Hooked()
    row = next(c for c in e.widget.children if isinstance(c, widgets.Box) and play in c.children)
    assert row.children[0] is play and e.controls["x"] in row.children
    children = list(e.widget.children)
    assert children.index(e._description) < children.index(status) < children.index(e._error)


def test_every_control_has_a_label_a_screen_reader_announces():
    class Unlabelled(Doubler):
        def __init__(self):
            self.draws = 0
            Explorer.__init__(self, {"learning_rate": widgets.FloatSlider(value=0.1)})

        def draw(self, learning_rate):
            self.line.set_ydata([0, learning_rate])

    control = Unlabelled().controls["learning_rate"]
    assert control.description == "learning rate" and control.tooltip == "learning rate"


def test_figure_background_is_opaque():
    e = Doubler()
    assert e.figure.get_facecolor()[3] == 1.0


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


class Blitted(Explorer):
    """Moving line and text over a static background that depends on ``zoom``."""

    def __init__(self, blit=True):
        self.blit = blit
        self.full_draws = 0
        super().__init__({"x": widgets.IntSlider(value=1, min=0, max=5),
                          "zoom": widgets.Dropdown(options=[1, 2], value=1)})

    def setup(self, fig):
        self.ax = plots.style_axes(fig.subplots(), title="static title", xlabel="x")
        (self.line,) = self.ax.plot([0, 1], [0, 1], linewidth=3)
        self.label = self.ax.text(0.5, 0.5, "", transform=self.ax.transAxes)
        fig.canvas.mpl_connect("draw_event", self._count)
        if self.blit:
            self.set_moving([self.line, self.label])

    def _count(self, event):
        self.full_draws += 1

    def background_key(self):
        return self.params["zoom"]

    def draw(self, x, zoom):
        self.ax.set_ylim(0, 5 * zoom)
        self.line.set_ydata([0, x])
        self.label.set_text(f"x = {x}")


def test_blitting_draws_the_background_once_per_key():
    # That the blitted picture equals a fresh render is checked for every explorer, exactly, in
    # test_robustness_explorers.py (test_the_cached_picture_equals_a_fresh_render).
    fast, full = Blitted(blit=True), Blitted(blit=False)
    for params in [{"x": 3}, {"x": 5}, {"zoom": 2}, {"x": 0}, {"zoom": 1}, {"x": 4}]:
        fast.update(**params)
        full.update(**params)
    assert fast.full_draws == 2  # one background per zoom; every other update only blits
    assert full.full_draws == 7


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
