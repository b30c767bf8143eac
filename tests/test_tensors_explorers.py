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
