"""PixelExplorer (notebook 01): channel colours read dark = low, and describe() says what is shown."""

import numpy as np
import pytest

from lecture_utils import data, plots, widgets


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
    assert e.colorbar.ax.get_visible()
    e.update(channel="all (RGB)")
    assert not e.colorbar.ax.get_visible()
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
