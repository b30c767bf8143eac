"""Helpers and interactive explorers for "Applied Deep Learning - the math underneath".

Submodules (one per topic) are imported on first use, so ``import lecture_utils`` stays
fast; ``from lecture_utils import linalg`` works as usual.
"""

import importlib

__version__ = "0.1.0"

_SUBMODULES = (
    "calculus", "checks", "data", "linalg", "logistic", "optim", "plots", "widgets",
)
__all__ = list(_SUBMODULES)


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'lecture_utils' has no attribute {name!r}")
