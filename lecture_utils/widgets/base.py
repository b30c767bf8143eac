"""What every explorer has, whatever draws it: its notebook, its examples, its controls' values.

Every explorer draws in the browser: it subclasses
:class:`lecture_utils.widgets._browser.BrowserExplorer` (whose module docstring says how to
write one), which subclasses :class:`Explorer` here. Each explorer says which notebook it
belongs to and how that notebook builds it::

    class LineExplorer(BrowserExplorer):
        \"\"\"...\"\"\"

        NOTEBOOK = "00"
        examples = {"notebook 00": dict(w=1.0, b=0.5)}

:mod:`lecture_utils.registry` finds explorers by these attributes; tests fuzz and
``make bench`` times every example. An argument too big for a class attribute (an image
from ``data``) is written ``lazy(load, ...)`` and loaded only when the example is built.
"""

from ._controls import control_values

__all__ = ["Explorer", "control_values", "lazy"]

# Ends the text/plain of an explorer's display, after its title and description.
STATIC_NOTE = " (interactive explorer: run the notebook to use it)"


class lazy:  # lower case: it reads like a function call in class attributes, lazy(data.load_digits)
    """An example argument computed only when the example is built: ``lazy(func, *args)``.

    Parameters
    ----------
    func : callable
        Called as ``func(*args)``; its result is the argument.
    *args
        Positional arguments of ``func``.
    """

    def __init__(self, func, *args):
        if not callable(func):
            raise TypeError(f"lazy() needs a function, got {type(func).__name__}")
        self.func, self.args = func, args

    def __call__(self):
        return self.func(*self.args)

    def __repr__(self):
        return f"lazy({getattr(self.func, '__qualname__', self.func)!r}{''.join(', ' + repr(a) for a in self.args)})"


class Explorer:
    """Base class of every explorer: ``NOTEBOOK``, ``examples``, ``controls`` and their values.

    Subclasses set ``self.controls`` (name -> ipywidgets control holding the value, its range
    and label), ``self.title``, ``self.description`` and ``self._error_text``.
    """

    #: The notebook ("NN") that shows this explorer; set by every subclass.
    NOTEBOOK = None
    #: label -> constructor keyword arguments of the constructions its notebook makes.
    examples = {}

    @classmethod
    def example(cls, label):
        """Build the example ``label`` of :attr:`examples` (``lazy`` arguments computed now)."""
        examples = cls.__dict__.get("examples", {})
        if label not in examples:
            raise ValueError(f"{cls.__name__} has no example {label!r}; its examples are {sorted(examples)}")
        kwargs = {k: v() if isinstance(v, lazy) else v for k, v in examples[label].items()}
        return cls(**kwargs)

    @property
    def params(self):
        """Current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    @property
    def error(self):
        """Text of the error shown in the explorer, or "" when the last update worked."""
        return self._error_text

    @property
    def alt_text(self):
        """The picture in words: the title and the current description."""
        return f"{self.title} — {self.description}" if self.description else self.title
