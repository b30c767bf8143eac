"""Colours and small drawing helpers shared by every plot of the course."""

from cycler import cycler  # ships with matplotlib; light, unlike matplotlib itself

from .._validation import as_pair, as_real

__all__ = ["BACKGROUND", "CMAP", "CYCLE", "PALETTE", "STYLE", "message", "new_figure", "style_axes"]

# Okabe-Ito: distinguishable with every common form of colour blindness.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#999999",
}
CYCLE = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky", "yellow")]
# Sequential colour map that is perceptually uniform and colour-blind safe.
CMAP = "viridis"
BACKGROUND = "white"
# For notebooks' static figures: `plt.style.use(plots.STYLE)` in the setup cell gives them the
# course's colour-blind-safe colours and an opaque white background whatever the backend's
# defaults (a transparent figure is unreadable in a dark JupyterLab theme).
STYLE = {
    "figure.facecolor": BACKGROUND,
    "savefig.facecolor": BACKGROUND,
    "axes.facecolor": BACKGROUND,
    "axes.prop_cycle": cycler(color=CYCLE),
    "image.cmap": CMAP,
}


def new_figure(figsize=(6, 4), dpi=100, **subplots):
    """A matplotlib ``Figure`` outside pyplot (nothing global, nothing shown), opaque white.

    ``subplots`` (e.g. ``ncols=2``) are passed to ``Figure.subplots``; returns ``(fig, axes)``,
    ``axes`` being ``None`` when no ``subplots`` are given.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figsize = as_pair(figsize, "figsize", positive=True)
    dpi = as_real(dpi, "dpi", positive=True)
    fig = Figure(figsize=figsize, dpi=dpi, facecolor=BACKGROUND)
    FigureCanvasAgg(fig)  # a real canvas, so explorers can render without savefig's canvas swap
    axes = fig.subplots(**subplots) if subplots else None
    return fig, axes


def style_axes(ax, title=None, xlabel=None, ylabel=None, grid=True):
    """Course look for one ``Axes``: colour cycle, light grid, labels; returns ``ax``."""
    ax.set_prop_cycle(color=CYCLE)
    ax.set_facecolor(BACKGROUND)
    if grid:
        ax.grid(True, color="#dddddd", linewidth=0.8)
        ax.set_axisbelow(True)
    if title is not None:
        ax.set_title(title)
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    return ax


def message(ax, text="", *, artist=None, color=PALETTE["vermillion"]):
    """Write ``text`` in a box across the top of ``ax`` (empty text hides it); returns the artist.

    Pass the ``artist`` returned by an earlier call to change its text instead of adding one:
    explorers use this to say what happened at extreme settings (divergence, p < 1, ...).
    """
    if artist is None:
        artist = ax.text(
            0.5, 0.97, "", transform=ax.transAxes, ha="center", va="top", fontsize=10,
            color=color, zorder=10, wrap=True,
            bbox=dict(boxstyle="round,pad=0.3", facecolor="white", edgecolor=color, alpha=0.9),
        )
    artist.set_text(text)
    artist.set_visible(bool(text))
    return artist
