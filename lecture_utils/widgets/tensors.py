"""Explorers for notebook 01 (tensors)."""

import ipywidgets as widgets
import numpy as np

from .. import data, plots
from .._validation import as_array, as_count
from .base import Explorer, lazy

__all__ = ["PixelExplorer"]

_CHANNELS = {"all (RGB)": None, "red": 0, "green": 1, "blue": 2}


def _grey_top(image):
    """The value a grey image is drawn darkest at: its largest (1 for an all-zero image, no 0/0)."""
    top = float(image.max())
    return top if top > 0 else 1.0


class PixelExplorer(Explorer):
    """Pick a pixel (row, column) of an image and see where it is and what numbers it holds.

    Parameters
    ----------
    image : array_like
        ``(h, w)`` grey image (e.g. a handwritten digit) or ``(h, w, 3)`` colour image with
        values 0-255.
    window : int
        Size of the zoomed neighbourhood whose numbers are written out (at most the image).
    """

    NOTEBOOK = "01"
    examples = {
        "digit 8x8": dict(image=lazy(lambda: data.load_digits()[0][0]), window=8, row=2, col=3),
        "Grace Hopper photo": dict(image=lazy(data.load_grace_hopper), row=20, col=120),
    }

    def __init__(self, image, window=7, row=None, col=None):
        img = as_array(image, "image", ndim=(2, 3))
        if img.ndim == 3 and img.shape[2] != 3:
            raise ValueError(f"a colour image must have 3 channels (h, w, 3), got shape {img.shape}")
        if img.ndim == 3 and img.dtype.kind == "f" and img.size and 0 < float(img.max()) <= 1:
            raise ValueError("a colour image needs values 0-255; this one is floats between 0 and 1 "
                             "(matplotlib's scale): pass (image * 255) instead")
        self.image = img
        # What imshow shows for RGB: it reads floats as 0-1, so 0-255 floats are scaled (else all white).
        self._rgb = img if img.ndim == 2 or np.issubdtype(img.dtype, np.integer) else np.clip(img / 255.0, 0.0, 1.0)
        self.window = (min(as_count(window, "window", minimum=1), img.shape[0]),
                       min(window, img.shape[1]))
        h, w = img.shape[:2]
        # A start past the edge is clipped by the slider, as a drag would be.
        row = h // 2 if row is None else as_count(row, "row")
        col = w // 2 if col is None else as_count(col, "col")
        controls = {
            "row": widgets.IntSlider(value=row, min=0, max=h - 1,
                                     description="row i"),
            "col": widgets.IntSlider(value=col, min=0, max=w - 1,
                                     description="column j"),
        }
        if img.ndim == 3:
            controls["channel"] = widgets.ToggleButtons(options=list(_CHANNELS), value="all (RGB)",
                                                        description="channel")
        super().__init__(controls, figsize=(8.4, 4.0), title="Pixel explorer")
        if "channel" in controls:
            self.warm_backgrounds("channel")  # each channel's colouring drawn now: a first switch is fast too

    def setup(self, fig):
        self.ax_img, self.ax_zoom = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1]})
        grey = self.image.ndim == 2
        vmax = _grey_top(self.image) if grey else 255
        self.full = self.ax_img.imshow(self._rgb, cmap="gray_r" if grey else None,
                                       vmin=0, vmax=vmax, interpolation="nearest")
        self.box = plots.highlight_cell(self.ax_img, 0, 0)
        self._channel = "all (RGB)"
        self.ax_img.set_xlabel("column j")
        self.ax_img.set_ylabel("row i")
        wh, ww = self.window
        self.zoom = self.ax_zoom.imshow(np.zeros((wh, ww) + self.image.shape[2:], self._rgb.dtype),
                                        cmap="gray_r" if grey else None, vmin=0, vmax=vmax,
                                        interpolation="nearest")
        self.zoom_box = plots.highlight_cell(self.ax_zoom, 0, 0)
        self.cells = [[self.ax_zoom.text(j, i, "", ha="center", va="center", fontsize=8)
                       for j in range(ww)] for i in range(wh)]
        # Row and column numbers of the window as plain texts: they move with the window, and
        # re-laying out real tick labels on every update would cost a full redraw.
        self.ax_zoom.set_xticks([])
        self.ax_zoom.set_yticks([])
        below, left = self.ax_zoom.get_xaxis_transform(), self.ax_zoom.get_yaxis_transform()
        self.col_numbers = [self.ax_zoom.text(j, -0.02, "", transform=below, ha="center", va="top",
                                              fontsize=7) for j in range(ww)]
        self.row_numbers = [self.ax_zoom.text(-0.02, i, "", transform=left, ha="right", va="center",
                                              fontsize=7) for i in range(wh)]
        self.colorbar = None
        if not grey:
            # One colour bar for the single-channel views (hidden for RGB): dark = low value.
            from matplotlib.cm import ScalarMappable
            from matplotlib.colors import Normalize

            self.channel_scale = ScalarMappable(Normalize(0, 255), plots.tensors.CHANNEL_CMAPS[0])
            cax = fig.add_axes([0.935, 0.14, 0.018, 0.7])
            self.colorbar = fig.colorbar(self.channel_scale, cax=cax, ticks=[0, 128, 255])
            self.colorbar.ax.tick_params(labelsize=8)
            self.colorbar.ax.set_visible(False)
        fig.subplots_adjust(left=0.08, right=0.98 if grey else 0.9, bottom=0.12, top=0.86, wspace=0.3)
        self.set_moving([self.box, self.zoom, self.zoom_box, self.ax_img.title,
                         self.ax_zoom.title, *[t for row in self.cells for t in row],
                         *self.col_numbers, *self.row_numbers])

    def background_key(self):
        return self.params.get("channel")  # the whole image is redrawn only when its colouring changes

    def draw(self, row, col, channel="all (RGB)"):
        img, (wh, ww) = self.image, self.window
        h, w = img.shape[:2]
        k = _CHANNELS[channel]
        shown = self._rgb if k is None else img[:, :, k]
        if channel != self._channel:  # re-colouring the whole image is the slow part: only on change
            self._channel = channel
            if k is not None:
                cmap = plots.tensors.CHANNEL_CMAPS[k]
                self.full.set_cmap(cmap)
                self.zoom.set_cmap(cmap)
                self.channel_scale.set_cmap(cmap)
            self.colorbar.ax.set_visible(k is not None)
            self.full.set_data(shown)
        self.box.set_xy((col - 0.5, row - 0.5))
        # The window follows the pixel but stays inside the image.
        r0 = int(np.clip(row - wh // 2, 0, h - wh))
        c0 = int(np.clip(col - ww // 2, 0, w - ww))
        patch = shown[r0:r0 + wh, c0:c0 + ww]
        self.zoom.set_data(patch)
        self.zoom_box.set_xy((col - c0 - 0.5, row - r0 - 0.5))
        numbers = patch if patch.ndim == 2 else None
        vmax = _grey_top(img) if img.ndim == 2 else 255
        for i in range(wh):
            for j in range(ww):
                t = self.cells[i][j]
                if numbers is None:
                    t.set_text("")
                    continue
                v = numbers[i, j]
                t.set_text(f"{v:g}")
                # Grey images are drawn ink-dark (high = dark); channels black-to-colour (low = dark).
                dark = v / vmax > 0.5 if img.ndim == 2 else v / vmax < 0.5
                t.set_color("white" if dark else "black")
        for j, t in enumerate(self.col_numbers):
            t.set_text(str(c0 + j))
        for i, t in enumerate(self.row_numbers):
            t.set_text(str(r0 + i))
        value = img[row, col]
        self._state = (row, col, k, channel, value)
        if img.ndim == 2:
            self.ax_img.set_title(f"image[{row}, {col}] = {value:g}", fontsize=11)
            self.ax_zoom.set_title(f"rows {r0}-{r0 + wh - 1}, columns {c0}-{c0 + ww - 1}", fontsize=10)
        else:
            rgb = ", ".join(str(int(v)) for v in value)
            self.ax_img.set_title(f"image[{row}, {col}] = [{rgb}]  (R, G, B)", fontsize=11)
            what = "RGB colours" if k is None else f"image[..., {k}] ({channel} intensity)"
            self.ax_zoom.set_title(f"zoom: {what}", fontsize=10)

    def describe(self):
        """One line: the chosen pixel, its value(s), and what they mean."""
        row, col, k, channel, value = self._state
        h, w = self.image.shape[:2]
        where = f"pixel (row {row}, column {col}) of the {h} x {w} image"
        if self.image.ndim == 2:
            hi = float(self.image.max())
            level = "blank (0)" if value == 0 else ("dark ink" if value > hi / 2 else "light ink")
            return (f"{where}: value {value:g} (this image's largest is {hi:g}), {level}; "
                    "the zoom shows the numbers around it.")
        r, g, b = (int(v) for v in value)
        if k is not None:
            v = int(value[k])
            return (f"{where}, {channel} channel: {v} of 255 (drawn {'bright' if v >= 128 else 'dark'}); "
                    f"all three channels are R {r}, G {g}, B {b}.")
        spread = max(r, g, b) - min(r, g, b)
        kind = "a grey (R, G, B nearly equal)" if spread <= 30 else "a coloured"
        mean = (r + g + b) / 3
        light = "dark" if mean < 85 else ("light" if mean >= 170 else "medium-bright")
        return f"{where}: R {r}, G {g}, B {b}, {kind}, {light} pixel."
