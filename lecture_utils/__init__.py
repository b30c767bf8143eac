"""Helpers and interactive explorers for "Applied Deep Learning - the math underneath".

Submodules (one per topic) are imported on first use, so ``import lecture_utils`` stays
fast; ``from lecture_utils import linalg`` works as usual. The list of submodules is the
package folder itself, so a new topic module needs no edit here.
"""

import importlib
import pkgutil

__version__ = "0.1.0"

__all__ = [info.name for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name)
           if not info.name.startswith("_")]


def __getattr__(name):
    if name in __all__:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'lecture_utils' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
