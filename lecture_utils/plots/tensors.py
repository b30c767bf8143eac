"""Drawings for notebook 01 (tensors): matrices of numbers, images and their channels."""

from dataclasses import dataclass

import numpy as np
from matplotlib.colors import LinearSegmentedColormap

from .._validation import as_array, as_axes, as_count, as_format, as_real, check_drawn, checks_axes, describe
from .artists import Artists
from .style import PALETTE

__all__ = ["CHANNEL_CMAPS", "Channels", "MatrixImage", "highlight_cell", "show_channels", "show_image", "show_matrix"]

#: Most entries show_matrix writes in (30 × 30): 300 × 300 numbers took minutes and were unreadable.
MAX_ANNOTATED = 900
CHANNEL_NAMES = ("red", "green", "blue")
# Black (no light, 0) up to the channel's colour (full light, 255): dark means a low value, as
# on a screen. (matplotlib's "Reds", "Greens", "Blues" go from white, which reads backwards.)
# The blue end is lightened a little: pure #0000ff is almost as dark as black.
CHANNEL_CMAPS = tuple(
    LinearSegmentedColormap.from_list(f"black_to_{name}", ["black", color])
    for name, color in zip(CHANNEL_NAMES, ("#ff2a2a", "#2ad42a", "#4a8cff"))
)


@dataclass
class MatrixImage(Artists):
    """What :func:`show_matrix` drew: the ``image`` and one of ``texts`` per cell, row by row (or none)."""

    image: object
    texts: list


@dataclass
class Channels(Artists):
    """What :func:`show_channels` drew: one of ``images`` per channel, and their ``colorbars`` (or none)."""

    images: list
    colorbars: list


@checks_axes
def show_matrix(ax, M, *, annotate=True, cmap="gray_r", fmt="{:g}", vmin=None, vmax=None,
                fontsize=9, ticks=True):
    """Draw a 2-D array as a grid of coloured cells, optionally with each entry written in.

    Parameters
    ----------
    ax : matplotlib Axes
    M : array_like, shape (rows, cols)
    annotate : bool
        Write each entry in its cell (white on dark cells, black on light ones); at most
        ``MAX_ANNOTATED`` (900) entries, a 30 × 30 matrix.
    fmt : str
        Format of the written entries, a ``str.format`` pattern like ``"{:g}"`` or ``"{:.2f}"``.
    vmin, vmax : float, optional
        Ends of the colour scale (``vmin <= vmax``); by default the smallest and largest entry.

    Returns
    -------
    MatrixImage
        Its ``texts`` are empty when ``annotate`` is false.
    """
    M = as_array(M, "M", ndim=2)
    if M.dtype == bool:  # drawn as 0/1 (numpy cannot subtract booleans for the text colour)
        M = M.astype(np.int64)
    fmt = as_format(fmt, sample=M.flat[0].item() if M.size else 1.5)  # "{:d}" suits int entries only
    if annotate:
        check_drawn(M.size, MAX_ANNOTATED, "show_matrix(annotate=True)", "the size of M or pass annotate=False")
    if vmin is not None and vmax is not None and as_real(vmin, "vmin") > as_real(vmax, "vmax"):
        raise ValueError(f"vmin must be at most vmax (the colour scale runs from vmin to vmax), got "
                         f"vmin={vmin} > vmax={vmax}")
    image = ax.imshow(M, cmap=cmap, vmin=vmin, vmax=vmax, interpolation="nearest")
    texts = []
    if annotate:
        lo, hi = image.get_clim()
        for (i, j), v in np.ndenumerate(M):
            dark = (v - lo) / (hi - lo or 1) > 0.5
            texts.append(ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=fontsize,
                                 color="white" if dark else "black"))
    if ticks:
        ax.set_xticks(range(M.shape[1]))
        ax.set_yticks(range(M.shape[0]))
        ax.set_xlabel("column j")
        ax.set_ylabel("row i")
    else:
        ax.set_xticks([])
        ax.set_yticks([])
    return MatrixImage(image, texts)


@checks_axes
def show_image(ax, img, title=None, cmap="gray"):
    """Show an image array, ``(h, w)`` grey (in ``cmap``) or ``(h, w, 3)`` RGB (``(h, w, 4)`` RGBA too), with pixel axes.

    Colour values are read on 0-255 (ints, or floats above 1) or 0-1 (floats up to 1); values
    outside the range are clipped to black or full colour.
    """
    img = as_array(img, "img", ndim=(2, 3))
    if img.ndim == 3 and img.shape[2] not in (3, 4):
        raise ValueError(f"img must have shape (h, w), (h, w, 3) or (h, w, 4), got {img.shape}")
    if img.ndim == 3:
        # matplotlib reads float colours on 0-1 and ints on 0-255 and clips the rest with a logged
        # warning: 0-255 floats (photo * 1.0, photo - means) would come out white. Scale and clip here.
        if img.dtype.kind == "f":
            img = np.clip(img / 255.0 if img.max() > 1 else img, 0.0, 1.0)
        elif img.dtype.kind in "iu" and (img.min() < 0 or img.max() > 255):
            img = np.clip(img, 0, 255)
    artist = ax.imshow(img, cmap=cmap if img.ndim == 2 else None, interpolation="nearest")
    if title:
        ax.set_title(title)
    ax.set_xlabel("column")
    ax.set_ylabel("row")
    return artist


def show_channels(axes, img, *, colorbar=True):
    """Draw the red, green and blue channels of an ``(h, w, 3)`` image on three axes.

    Each channel is drawn from black (0, no light) to its colour (255, full light), with a
    colour bar under it, so a bright area of the photo is bright in the channels that make it.

    Parameters
    ----------
    axes : sequence of 3 Axes
    img : array_like, shape (h, w, 3)
        Values 0-255.
    colorbar : bool
        Draw a horizontal colour bar (0-255) under each channel.

    Returns
    -------
    Channels
    """
    img = as_array(img, "img", ndim=3)
    if img.shape[2] != 3:
        raise ValueError(f"img must be an (h, w, 3) colour image, got shape {img.shape}")
    if isinstance(axes, np.ndarray):
        axes = list(axes.ravel())
    if not isinstance(axes, (list, tuple)) or len(axes) != 3:
        raise TypeError(f"axes must be a list of 3 matplotlib Axes (e.g. fig.subplots(1, 3)), got {describe(axes)}")
    for ax in axes:
        as_axes(ax, "axes[k]")
    drawn = Channels([], [])
    for k, ax in enumerate(axes):
        image = ax.imshow(img[:, :, k], cmap=CHANNEL_CMAPS[k], vmin=0, vmax=255)
        drawn.images.append(image)
        ax.set_title(f"img[:, :, {k}]  ({CHANNEL_NAMES[k]})")
        ax.set_xticks([])
        ax.set_yticks([])
        if colorbar:
            bar = ax.figure.colorbar(image, ax=ax, orientation="horizontal", fraction=0.06, pad=0.04,
                                     ticks=[0, 128, 255])
            bar.set_label(f"{CHANNEL_NAMES[k]} intensity (dark = low)", fontsize=8)
            bar.ax.tick_params(labelsize=8)
            drawn.colorbars.append(bar)
    return drawn


@checks_axes
def highlight_cell(ax, row, col, color=PALETTE["orange"], linewidth=2.5):
    """Outline the cell (row, col) of an image drawn with ``imshow``; returns the Rectangle."""
    from matplotlib.patches import Rectangle

    row, col = (as_count(v, name, maximum=2**53, why=" (a pixel index)") for v, name in ((row, "row"), (col, "col")))
    return ax.add_patch(Rectangle((col - 0.5, row - 0.5), 1, 1, fill=False, edgecolor=color,
                                  linewidth=linewidth, zorder=5))
