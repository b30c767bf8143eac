"""Explorers for notebook 01 (tensors), drawn in the browser."""

import ipywidgets as widgets
import numpy as np

from .. import data, plots
from .._validation import as_array, as_count
from . import _scene as sc
from ._browser import BrowserExplorer, Table
from .base import lazy

__all__ = ["PixelExplorer"]

_CHANNELS = {"all (RGB)": None, "red": 0, "green": 1, "blue": 2}
_BOX = plots.PALETTE["orange"]  # plots.highlight_cell's outline


def _grey_top(image):
    """The value a grey image is drawn darkest at: its largest (1 for an all-zero image, no 0/0)."""
    top = float(image.max())
    return top if top > 0 else 1.0


def _g(v):
    return f"{float(v):g}"


def _rgb_words(r, g, b):
    """What RGB pixels (int arrays) look like: grey or coloured, and how light."""
    rgb = np.stack([r, g, b])
    kind = np.where(np.ptp(rgb, axis=0) <= 30, "a grey (R, G, B nearly equal)", "a coloured")
    mean = rgb.sum(axis=0) / 3
    light = np.where(mean < 85, "dark", np.where(mean >= 170, "light", "medium-bright"))
    return np.char.add(np.char.add(kind, ", "), light)


def _texts(values):
    """Numbers as a numpy array of their ``str`` (ships as one list, fills templates as Python prints them)."""
    return np.asarray([str(v) for v in np.asarray(values).tolist()])


class PixelExplorer(BrowserExplorer):
    """Pick a pixel (row, column) of an image and see where it is and what numbers it holds.

    Parameters
    ----------
    image : array_like
        ``(h, w)`` grey image (e.g. a handwritten digit) or ``(h, w, 3)`` colour image with
        values 0-255.
    window : int
        Size of the zoomed neighbourhood whose numbers are written out (at most the image).
    row, col : int, optional
        The pixel shown first (default: the middle); past the edge it is clipped, as a drag.

    The zoom is the whole image drawn again with an extent that moves with the window, so the
    browser holds the pixels once; titles and the description are templates filled from
    pieces that depend on the row, the column or the channel alone.
    """

    NOTEBOOK = "01"
    FILL = True  # titles and description: templates filled from the row, column and channel pieces
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
        self.window = (min(as_count(window, "window", minimum=1), img.shape[0]),
                       min(window, img.shape[1]))
        h, w = img.shape[:2]
        row = h // 2 if row is None else as_count(row, "row")
        col = w // 2 if col is None else as_count(col, "col")
        controls = {
            "row": widgets.IntSlider(value=row, min=0, max=h - 1, description="row i"),
            "col": widgets.IntSlider(value=col, min=0, max=w - 1, description="column j"),
        }
        if img.ndim == 3:
            controls["channel"] = widgets.ToggleButtons(options=list(_CHANNELS), value="all (RGB)",
                                                        description="channel")
        super().__init__(controls, figsize=(8.4, 4.0), title="Pixel explorer")

    # --- the picture ----------------------------------------------------------------
    def scene(self):
        h, w = self.image.shape[:2]
        wh, ww = self.window
        grey = self.image.ndim == 2
        right = 0.98 if grey else 0.9
        gap, left, bottom, top = 0.3, 0.08, 0.12, 0.86
        slot = (right - left) / (2 + gap)
        fig_w, fig_h = self.figsize

        def fit(rows, cols):
            # Square pixels, as imshow draws them: as wide as the slot allows at the panel's height.
            return min(slot, (top - bottom) * fig_h * cols / rows / fig_w)

        panels = [
            sc.panel("image", (left, bottom, fit(h, w), top - bottom), (-0.5, w - 0.5), (h - 0.5, -0.5),
                     xlabel="column j", ylabel="row i", grid=False),
            sc.panel("zoom", (left + slot * (1 + gap), bottom, fit(wh, ww), top - bottom), (-0.5, ww - 0.5),
                     (wh - 0.5, -0.5), xticks=[], yticks=[], grid=False),
        ]
        full = (-0.5, w - 0.5, h - 0.5, -0.5)
        shade = dict(vmin=0, vmax=_grey_top(self.image)) if grey else dict(vmin=0, vmax=255)
        cmap = "gray_r" if grey else sc.ref("cmap")
        marks = [
            sc.image("image", sc.ref("pixels"), full, cmap=cmap, **shade),
            sc.rect("image", sc.ref("box_x"), sc.ref("box_y"), 1, 1, fill=None, edge=_BOX, width=2.5),
            sc.image("zoom", sc.ref("pixels"), sc.ref("zoom_extent"), cmap=cmap, annotate=True,
                     dark_end="high" if grey else "low", **shade),
            sc.rect("zoom", sc.ref("zoom_box_x"), sc.ref("zoom_box_y"), 1, 1, fill=None, edge=_BOX, width=2.5),
            sc.text("image", 0.5, 1.02, sc.ref("image_title"), size=11, va="bottom", coords="axes"),
            sc.text("zoom", 0.5, 1.02, sc.ref("zoom_title"), size=10, va="bottom", coords="axes"),
        ]
        # The window's row and column numbers move with it: texts just outside the zoom panel.
        marks += [sc.text("zoom", j, wh - 0.5 + 0.12 * wh / 7, sc.ref(f"col_number{j}"), size=7, va="top")
                  for j in range(ww)]
        marks += [sc.text("zoom", -0.5 - 0.12 * ww / 7, i, sc.ref(f"row_number{i}"), size=7, ha="right")
                  for i in range(wh)]
        return panels, marks

    # --- the data -------------------------------------------------------------------
    def _corner(self, index, size, length):
        """First row (or column) of the window around ``index``: it follows but stays inside."""
        return np.clip(index - size // 2, 0, length - size).astype(int)

    def tables(self):
        h, w = self.image.shape[:2]
        tables = [Table(("row",), self._rows), Table(("col",), self._cols), Table(("row", "col"), self._pixel)]
        if self.image.ndim == 3:
            tables.append(Table(("channel",), self._channel))
        else:
            grey = self.image

            def constants():
                # The grey image and its texts do not depend on any control: one state.
                where = f"pixel (row {{row}}, column {{col}}) of the {h} x {w} image"
                return {"pixels": [sc.pixels(grey)], "description": [
                            (f"{where}: value {{value}} (this image's largest is {_g(grey.max())}), {{level}}; "
                             "the zoom shows the numbers around it.")],
                        "image_title": ["image[{row}, {col}] = {value}"],
                        "zoom_title": ["rows {r0}-{r1}, columns {c0}-{c1}"]}

            tables.append(Table((), constants))
        return tables

    def _rows(self, row):
        h, wh = self.image.shape[0], self.window[0]
        r0 = self._corner(row, wh, h)
        out = {"row": _texts(row), "box_y": row - 0.5, "zoom_box_y": row - r0 - 0.5,
               "r0": _texts(r0), "r1": _texts(r0 + wh - 1)}
        out.update({f"row_number{i}": _texts(r0 + i) for i in range(wh)})
        return out

    def _cols(self, col):
        w, ww = self.image.shape[1], self.window[1]
        c0 = self._corner(col, ww, w)
        out = {"col": _texts(col), "box_x": col - 0.5, "zoom_box_x": col - c0 - 0.5,
               "c0": _texts(c0), "c1": _texts(c0 + ww - 1)}
        out.update({f"col_number{j}": _texts(c0 + j) for j in range(ww)})
        return out

    def _pixel(self, row, col):
        h, w = self.image.shape[:2]
        wh, ww = self.window
        # The zoom's extent: the whole image shifted so the window fills the panel.
        r0, c0 = self._corner(row, wh, h), self._corner(col, ww, w)
        extent = np.column_stack([-c0 - 0.5, w - c0 - 0.5, h - r0 - 0.5, -r0 - 0.5]).astype(float)
        values = self.image[row, col]
        if self.image.ndim == 2:
            hi = float(self.image.max())
            level = np.where(values == 0, "blank (0)", np.where(values > hi / 2, "dark ink", "light ink"))
            return {"zoom_extent": extent, "value": np.asarray([_g(v) for v in values]), "level": level}
        r, g, b = (values[:, k].astype(int) for k in range(3))
        return {"zoom_extent": extent, "R": r, "G": g, "B": b, "looks": _rgb_words(r, g, b),
                **{f"bright{k}": np.where(v >= 128, "bright", "dark") for k, v in enumerate((r, g, b))}}

    def _channel(self, channel):
        h, w = self.image.shape[:2]
        where = f"pixel (row {{row}}, column {{col}}) of the {h} x {w} image"
        out = {"pixels": [], "cmap": [], "description": [], "zoom_title": [],
               "image_title": []}
        for name in channel:
            k = _CHANNELS[str(name)]
            out["pixels"].append(sc.pixels(self.image if k is None else self.image[:, :, k]))
            out["cmap"].append("gray" if k is None else sc.colormap_name(plots.tensors.CHANNEL_CMAPS[k]))
            out["image_title"].append("image[{row}, {col}] = [{R}, {G}, {B}]  (R, G, B)")
            if k is None:
                out["zoom_title"].append("zoom: RGB colours")
                out["description"].append(f"{where}: R {{R}}, G {{G}}, B {{B}}, {{looks}} pixel.")
            else:
                v = "RGB"[k]
                out["zoom_title"].append(f"zoom: image[..., {k}] ({name} intensity)")
                out["description"].append(
                    f"{where}, {name} channel: {{{v}}} of 255 (drawn {{bright{k}}}); "
                    "all three channels are R {R}, G {G}, B {B}.")
        return out
