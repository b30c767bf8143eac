"""Every explorer of the course and how the notebooks build it (shared by tests and benchmarks).

``discover()`` finds each ``Explorer`` subclass listed in ``__all__`` of a topic module of
``lecture_utils.widgets``; ``RECIPES`` says how to construct the ones that need arguments
(the notebooks' arguments). An explorer without a recipe is built with no arguments, so a new
explorer is covered by the robustness tests and ``make bench`` as soon as it is exported.
"""

import importlib
import inspect
import pkgutil


def _digit():
    from lecture_utils import data

    return data.load_digits()[0][0]


def _photo():
    from lecture_utils import data

    return data.load_grace_hopper()


def _no_args():
    return (), {}


# class name -> [(label, factory returning (args, kwargs))]; several entries = several cases.
RECIPES = {
    "LineExplorer": [("", lambda: ((), {"w": 1.0, "b": 0.5}))],
    "PixelExplorer": [
        ("digit 8x8", lambda: ((_digit(),), {"window": 8, "row": 2, "col": 3})),
        ("Grace Hopper 150x128x3", lambda: ((_photo(),), {"row": 97, "col": 52})),
    ],
    "TransposeExplorer": [("", _no_args)],
    "MatrixProductExplorer": [("", _no_args)],
    "UnitBallExplorer": [("", _no_args)],
    "VectorNormExplorer": [("", _no_args)],
    "SecantExplorer": [("", _no_args)],
    "BackpropExplorer": [("", _no_args)],
    "GradientDescentExplorer": [("", _no_args)],
    "SigmoidExplorer": [("", _no_args)],
    "DecisionBoundaryExplorer": [("", _no_args)],
}


def discover():
    """``[(topic module name, class)]`` of every exported explorer, in module order."""
    import lecture_utils.widgets as w

    found = []
    for info in pkgutil.iter_modules(w.__path__):
        if info.name.startswith("_") or info.name == "base":
            continue
        mod = importlib.import_module(f"lecture_utils.widgets.{info.name}")
        for name in getattr(mod, "__all__", []):
            obj = getattr(mod, name, None)
            if inspect.isclass(obj) and issubclass(obj, w.Explorer) and obj is not w.Explorer:
                found.append((info.name, obj))
    return found


def cases():
    """``[(case id, class, factory)]``: one per recipe of every discovered explorer."""
    out = []
    for _, cls in discover():
        for label, factory in RECIPES.get(cls.__name__, [("", _no_args)]):
            out.append((cls.__name__ + (f"[{label}]" if label else ""), cls, factory))
    return out


def build(cls, factory):
    args, kwargs = factory()
    return cls(*args, **kwargs)
