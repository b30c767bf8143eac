"""PixelExplorer (notebook 01): channel colours read dark = low, and describe() says what is shown."""

import numpy as np
import pytest

from lecture_utils import data, plots, widgets
from lecture_utils.widgets._scene import fill


@pytest.fixture(scope="module")
def photo():
    return data.load_grace_hopper()


def test_channel_colour_maps_go_from_black_to_colour():
    for k, cmap in enumerate(plots.tensors.CHANNEL_CMAPS):
        low, high = np.array(cmap(0.0)[:3]), np.array(cmap(1.0)[:3])
        assert np.allclose(low, 0)                      # value 0 is drawn black
        assert high[k] == high.max() and high.sum() > 0.8  # 255 is drawn bright, in its own colour


def test_show_channels_draws_colour_bars(photo):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3)
    images = plots.show_channels(axes, photo).images
    assert len(images) == 3 and len(fig.axes) == 6  # one colour bar per channel
    assert [im.get_clim() for im in images] == [(0, 255)] * 3
    plt.close(fig)


def test_pixel_explorer_describe_grey_digit():
    digit = data.load_digits()[0][0]
    e = widgets.PixelExplorer(digit, window=8, row=0, col=0)
    assert e.describe().startswith("pixel (row 0, column 0) of the 8 x 8 image: value 0 (this image's largest is 15), blank")
    e.update(row=3, col=2)
    assert f"value {digit[3, 2]:g}" in e.describe()


def test_pixel_explorer_describe_colour_and_channels(photo):
    e = widgets.PixelExplorer(photo, row=97, col=52)
    r, g, b = photo[97, 52]
    assert f"R {r}, G {g}, B {b}" in e.describe()
    e.update(channel="blue")
    assert e.describe().startswith("pixel (row 97, column 52) of the 150 x 128 image, blue channel: " f"{b} of 255")
    assert e.text("zoom_title") == "zoom: image[..., 2] (blue intensity)"
    e.update(channel="all (RGB)")
    assert e.text("zoom_title") == "zoom: RGB colours"
    e.update(row=10_000, col=0)  # clipped by the slider
    assert "row 149" in e.describe()


def test_pixel_explorer_brightness_words_match_the_pixel(photo):
    # The notebook calls the backdrop light blue: (70, 108, 179) is not "dark".
    e = widgets.PixelExplorer(photo, row=20, col=120)
    assert "medium-bright pixel" in e.describe()
    e.update(row=97, col=52)   # the white collar
    assert "light pixel" in e.describe()
    e.update(row=130, col=40)  # the navy uniform
    assert "dark pixel" in e.describe()


def test_pixel_explorer_on_an_all_zero_image_warns_nothing():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        e = widgets.PixelExplorer(np.zeros((8, 8)))
        e.update(row=0, col=0)
    assert "blank (0)" in e.describe() and e.error == ""


def test_pixel_explorer_refuses_a_zero_to_one_float_colour_image():
    with pytest.raises(ValueError, match="0-255"):
        widgets.PixelExplorer(np.full((5, 5, 3), 0.5))


def test_show_image_scales_float_colour_images(photo):
    import logging

    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logging.getLogger("matplotlib.image").addHandler(handler)
    try:
        for img in (photo * 1.0, photo - photo.mean(axis=(0, 1)), photo.astype(int) + 100):
            artist = plots.show_image(ax, img)
            shown = np.asarray(artist.get_array(), dtype=float)
            assert 0 <= shown.min() and shown.max() <= (1 if img.dtype.kind == "f" else 255)
        assert np.allclose(np.asarray(plots.show_image(ax, photo * 1.0).get_array()), photo / 255)
    finally:
        logging.getLogger("matplotlib.image").removeHandler(handler)
        plt.close(fig)
    assert records == []  # no "Clipping input data" message


# --- the data the browser draws (PixelExplorer is drawn in the browser) -------------------------
def _unpack(values):
    from lecture_utils.widgets._scene import unpack_pixels

    return unpack_pixels(values)


def test_pixel_explorer_ships_each_channel_once_and_exactly(photo):
    e = widgets.PixelExplorer(photo, row=20, col=120)
    tables = {tuple(t["depends"]): t["data"] for t in e.sent_tables()}
    assert set(tables) == {("row",), ("col",), ("row", "col"), ("channel",)}  # factorised: no row x col x channel table
    shipped = [_unpack(v) for v in tables[("channel",)]["pixels"]]
    np.testing.assert_array_equal(shipped[0], photo)
    for k in range(3):
        np.testing.assert_array_equal(shipped[k + 1], photo[:, :, k])
    assert tables[("channel",)]["cmap"][1:] == [c.name for c in plots.tensors.CHANNEL_CMAPS]
    luts = e.widget.spec["luts"]
    assert luts["black_to_blue"][0] == "#000000" and luts["black_to_blue"][-1] == "#4a8cff"


def test_pixel_explorer_every_pixel_reads_its_numbers(photo):
    e = widgets.PixelExplorer(photo, row=20, col=120)
    tables = {tuple(t["depends"]): t["data"] for t in e.sent_tables()}
    rgb = np.column_stack([tables[("row", "col")][k] for k in "RGB"])
    np.testing.assert_array_equal(rgb, photo.reshape(-1, 3))  # state (i, j) is row-major: i * 128 + j
    for (row, col), channel in [((0, 0), "red"), ((149, 127), "green"), ((75, 3), "blue"), ((97, 52), "all (RGB)")]:
        looked_up = e.lookup(row=row, col=col, channel=channel)
        # Texts are templates (FILL): the browser fills them from the looked-up state, as here.
        shown = {k: fill(looked_up[k], looked_up) for k in ("description", "image_title")}
        e.update(row=row, col=col, channel=channel)
        assert shown["description"] == e.description
        assert shown["image_title"] == e.text("image_title")
        r, g, b = photo[row, col]
        assert shown["image_title"] == f"image[{row}, {col}] = [{r}, {g}, {b}]  (R, G, B)"


def test_pixel_explorer_zoom_window_follows_but_stays_inside(photo):
    e = widgets.PixelExplorer(photo, window=7, row=20, col=120)
    for row, col, r0, c0 in [(20, 120, 17, 117), (0, 0, 0, 0), (149, 127, 143, 121), (3, 60, 0, 57)]:
        shown = e.lookup(row=row, col=col)
        # The zoom panel shows cells 0..6: the whole image shifted by the window's corner.
        assert list(shown["zoom_extent"]) == [-c0 - 0.5, 128 - c0 - 0.5, 150 - r0 - 0.5, -r0 - 0.5]
        assert [shown[f"row_number{i}"] for i in range(7)] == [str(r0 + i) for i in range(7)]
        assert [shown[f"col_number{j}"] for j in range(7)] == [str(c0 + j) for j in range(7)]
        assert (shown["zoom_box_x"], shown["zoom_box_y"]) == (col - c0 - 0.5, row - r0 - 0.5)
        assert (shown["box_x"], shown["box_y"]) == (col - 0.5, row - 0.5)


def test_pixel_explorer_zoom_writes_the_window_numbers_in_both_pictures():
    from lecture_utils.widgets._scene_mpl import cell_labels, resolve

    digit = data.load_digits()[0][0]
    e = widgets.PixelExplorer(digit, window=4, row=5, col=6)
    zoom = next(m for m in e._marks if m["type"] == "image" and m["panel"] == "zoom")
    panel = next(p for p in e._panels if p["name"] == "zoom")
    labels = cell_labels(resolve(zoom, e.state), panel["xlim"], panel["ylim"])
    assert [t for _, _, t, _ in labels] == [f"{v:g}" for v in digit[3:7, 4:8].ravel()]  # only the window's 16 cells
    # Ink (high values) is drawn dark: its number is white.
    assert all(white == (v / 15 > 0.5) for (_, _, _, white), v in zip(labels, digit[3:7, 4:8].ravel()))


def test_pixel_explorer_static_picture_is_drawn_from_the_same_scene(photo):
    e = widgets.PixelExplorer(photo, row=20, col=120)
    png = e.png
    assert png.startswith(b"\x89PNG") and e._repr_mimebundle_()["text/plain"].startswith("Pixel explorer — pixel (row 20")
