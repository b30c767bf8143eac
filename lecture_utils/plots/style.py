"""Colours and small drawing helpers shared by every plot of the course."""

import builtins

from cycler import cycler  # ships with matplotlib; light, unlike matplotlib itself

from .._validation import as_pair, as_real, checks_axes

__all__ = ["BACKGROUND", "CMAP", "CYCLE", "PALETTE", "STYLE", "figure_alt_text", "message", "new_figure", "style_axes",
           "use_course_style"]

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
# For notebooks' static figures: `plots.use_course_style()` in the setup cell gives them the
# course's colour-blind-safe colours and an opaque white background whatever the backend's
# defaults (a transparent figure is unreadable in a dark JupyterLab theme).
STYLE = {
    "figure.facecolor": BACKGROUND,
    "savefig.facecolor": BACKGROUND,
    "axes.facecolor": BACKGROUND,
    "axes.prop_cycle": cycler(color=CYCLE),
    "image.cmap": CMAP,
}


MAX_PIXELS = 10_000  # per side of a figure: 10,000 × 10,000 is already 400 MB to render


def new_figure(figsize=(6, 4), dpi=100, **subplots):
    """A matplotlib ``Figure`` outside pyplot (nothing global, nothing shown), opaque white.

    ``subplots`` (e.g. ``ncols=2``) are passed to ``Figure.subplots``; returns ``(fig, axes)``,
    ``axes`` being ``None`` when no ``subplots`` are given. ``figsize`` (inches) times ``dpi``
    may be at most ``MAX_PIXELS`` (10,000) pixels per side.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figsize = as_pair(figsize, "figsize", positive=True)
    dpi = as_real(dpi, "dpi", positive=True)
    width, height = figsize[0] * dpi, figsize[1] * dpi
    if max(width, height) > MAX_PIXELS:  # Agg needs a buffer of width × height × 4 bytes
        raise ValueError(f"figsize × dpi would make a picture of {width:,.0f} × {height:,.0f} pixels; at most "
                         f"{MAX_PIXELS:,} per side (MAX_PIXELS): lower figsize (inches) or dpi")
    fig = Figure(figsize=figsize, dpi=dpi, facecolor=BACKGROUND)
    FigureCanvasAgg(fig)  # a real canvas, so explorers can render without savefig's canvas swap
    axes = fig.subplots(**subplots) if subplots else None
    return fig, axes


@checks_axes
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


@checks_axes
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


def _plain(text):
    """Label text as words: mathtext ``$w_2$`` becomes ``w 2``, ``\\alpha`` becomes ``alpha``, lines join."""
    import re

    if "$" in text:
        text = re.sub(r"\\([A-Za-z]+)", r"\1", text).replace("$", "")
        text = re.sub(r"[_^]", " ", text).replace("{", "").replace("}", "")
    return " ".join(text.split())


def figure_alt_text(fig):
    """The figure in words for a screen reader: its title and each panel's title and axis labels.

    A notebook can say more by setting ``fig.alt_text = "..."`` before showing the figure.
    """
    if not hasattr(fig, "axes") or not hasattr(fig, "canvas"):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    given = getattr(fig, "alt_text", None)
    if isinstance(given, str) and given.strip():
        return given.strip()
    suptitle = _plain(fig._suptitle.get_text()) if getattr(fig, "_suptitle", None) is not None else ""
    panels = []
    for ax in fig.axes:
        title = _plain(ax.get_title() or ax.get_title("left") or ax.get_title("right"))
        axes = " against ".join(_plain(label) for label in (ax.get_ylabel(), ax.get_xlabel()) if label)
        words = ", ".join(part for part in (title, axes) if part)
        if words:
            panels.append(words)
    text = "; ".join(([suptitle] if suptitle else []) + panels)
    return f"Figure: {text}" if text else "Figure (its caption is in the text next to it)"


def _figure_html(fig):
    # The PNG the inline backend would show, wrapped in an <img> that carries alt text:
    # JupyterLab draws image/png outputs without alt, which screen readers (and axe-core) report.
    import base64
    import html
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'<img alt="{html.escape(figure_alt_text(fig))}" style="max-width:100%;height:auto" '
            f'src="data:image/png;base64,{data}">')


def use_course_style():
    """Apply :data:`STYLE` and make every figure the notebook shows carry alt text.

    Call it once in a notebook's setup cell (after ``%matplotlib inline``). Outside IPython it
    only applies the style.
    """
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    plt.style.use(STYLE)
    # IPython puts get_ipython into builtins while it runs; plain Python has no display to hook.
    shell = getattr(builtins, "get_ipython", lambda: None)()
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(Figure, _figure_html)
