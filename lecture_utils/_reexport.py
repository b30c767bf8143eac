"""Discovery of a package's topic modules, for the ``__init__`` of ``plots`` and ``widgets``.

Separate from :mod:`lecture_utils.registry` (which re-exports :func:`reexport` and imports
``plots`` and ``widgets`` to list explorers), so that those packages never import the registry.
"""

import importlib
import pkgutil

__all__ = ["reexport", "submodules"]


def reexport(namespace, skip=()):
    """Import every public submodule of a package and copy their ``__all__`` into ``namespace``.

    Used by the ``__init__`` of ``plots`` and ``widgets`` (``reexport(globals())``), so a new
    topic module is part of ``lecture_utils.plots`` / ``.widgets`` without an import line.

    Parameters
    ----------
    namespace : dict
        The package's ``globals()``; its ``__all__`` is extended.
    skip : iterable of str
        Submodules not to re-export.
    """
    package = namespace["__name__"]
    exported = namespace.setdefault("__all__", [])
    owner = {name: "" for name in exported}
    for info in sorted(pkgutil.iter_modules(namespace["__path__"]), key=lambda i: i.name):
        if info.name.startswith("_") or info.name in skip:
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        for name in getattr(module, "__all__", ()):
            if name in owner and namespace.get(name) is not getattr(module, name):
                raise ImportError(f"{package}.{info.name} and {package}.{owner[name] or '__init__'} "
                                  f"both export {name!r}; rename one")
            owner[name] = info.name
            namespace[name] = getattr(module, name)
            if name not in exported:
                exported.append(name)
    return exported


def submodules(package):
    """The public modules of ``package``, imported, in name order."""
    return [importlib.import_module(f"{package.__name__}.{info.name}")
            for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name)
            if not info.name.startswith("_")]
