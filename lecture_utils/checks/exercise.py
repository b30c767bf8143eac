"""Exercises: :class:`Exercise`, :class:`Result`, ``register`` and discovery of the exercise modules.

Exercise modules are the public modules of the package ``lecture_utils.exercises`` (names
starting with ``_`` are private helpers, skipped); each declares
``NOTEBOOK = "NN"`` (its notebook's number) and registers its exercises at import. They are
found with ``pkgutil``, so a new notebook's exercises need nothing but a new module.
"""

import importlib
import pkgutil
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import variants

EXERCISE_PACKAGE = "lecture_utils.exercises"
_ID = re.compile(r"^(\d\d)\.[A-Za-z_]\w*$")
_REGISTRY = {}
TIME_LIMIT = 1.0  # default seconds a student's function may run per call (Exercise.time_limit)
_MODULES = {}  # notebook number -> module names declaring it (filled by _discover)


@dataclass(frozen=True)
class Exercise:
    """One self-checked exercise.

    Parameters
    ----------
    id : str
        ``"NN.short_name"``, NN being the notebook's number (its module's ``NOTEBOOK``).
    expected : callable
        ``expected()`` returns the right answer (an array, a number, a tuple, anything
        comparable), or, for a function exercise, the reference function.
    hint : str
        Shown with every wrong answer; a nudge, not the answer.
    cases : callable, optional
        For a function exercise: ``cases()`` returns a list of argument tuples; the student's
        function and the reference are called on each and their results compared.
    mistakes : tuple of (predicate, message)
        Known wrong answers, consulted only for answers that are not right:
        ``predicate(answer)`` (for a function exercise ``predicate(result, args)``) true means
        ``message`` explains the mistake. ``lecture_utils.checks.slip`` builds such pairs.
    rtol, atol : float
        Tolerances of the numeric comparison.
    exact_dtype : bool
        Whether an answer with the right values but another dtype kind is wrong.
    reveal_shape : bool
        Whether a wrong-shape message may name the expected shape. False marks an exercise
        whose answer *is* a shape (a tuple of sizes) or a count: messages then explain the rule.
    rounding_ok : bool
        Whether an answer rounded to 3 significant digits counts as right (for an
        instruction that asks for rounding); otherwise it is told to keep more digits.
    time_limit : float
        Seconds a student's function may run per call before it is stopped (raise it only
        for an exercise whose honest, loop-based solution needs longer).
    quantities : callable, optional
        For a value exercise: ``quantities()`` returns ``{name: value}``, the exercise's own
        inputs and the intermediates its worked solution computes ("b2 (the output's bias)":
        1). A wrong answer no mistake names is tried against each (that quantity itself, the
        right answer without it or with it once more, times or divided by it) before the
        generic "too small".
    """

    id: str
    expected: Callable[[], Any]
    hint: str
    cases: Callable[[], list] | None = None
    mistakes: tuple = ()
    rtol: float = 1e-6
    atol: float = 1e-9
    exact_dtype: bool = False
    reveal_shape: bool = True
    rounding_ok: bool = False
    time_limit: float = TIME_LIMIT
    quantities: Callable[[], dict] | None = None

    def __post_init__(self):
        if not isinstance(self.id, str) or not _ID.match(self.id):
            raise ValueError(f"exercise id must look like 'NN.name' (NN the notebook's number, "
                             f"e.g. '03.lp_norm'), got {self.id!r}")

    @property
    def notebook(self):
        """The notebook's number, the id's prefix ("03")."""
        return self.id[:2]


@dataclass(frozen=True)
class Result:
    """Outcome of checking one answer: ``status`` is "correct", "not attempted" or "wrong".

    ``internal_error`` is None unless the checker itself failed on this answer (the student
    still gets a sensible message; the tests assert it stays None).
    """

    exercise_id: str
    status: str
    message: str
    internal_error: str | None = None
    timed_out: bool = False  # a student's function was stopped at the time limit

    @property
    def passed(self):
        return self.status == "correct"

    def __str__(self):
        icon = {"correct": "✅", "not attempted": "📝", "wrong": "❌"}[self.status]
        return f"{icon} [{self.exercise_id}] {self.message}"


def register(*exercises):
    """Add exercises to the registry (called by the exercise modules at import).

    Called from a module that declares ``NOTEBOOK``, every id must start with it.
    """
    notebook = sys._getframe(1).f_globals.get("NOTEBOOK")
    module = sys._getframe(1).f_globals.get("__name__")
    for ex in exercises:
        if not isinstance(ex, Exercise):
            raise TypeError(f"register() takes Exercise objects, got {type(ex).__name__}")
        if notebook is not None and ex.notebook != notebook:
            raise ValueError(f"exercise {ex.id!r} is registered in {module}, whose NOTEBOOK is "
                             f"{notebook!r}: its id must start with '{notebook}.'")
        if ex.id in _REGISTRY and _REGISTRY[ex.id] is not ex:
            raise ValueError(f"exercise id {ex.id!r} is registered twice")
        _REGISTRY[ex.id] = ex
    return exercises


def _discover():
    """Import every exercise module once; map notebook numbers to modules."""
    if _MODULES:
        return _MODULES
    package = importlib.import_module(EXERCISE_PACKAGE)
    found = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue  # a private helper module shared by exercise modules, not one itself
        name = f"{EXERCISE_PACKAGE}.{info.name}"
        module = importlib.import_module(name)
        notebook = getattr(module, "NOTEBOOK", None)
        if not (isinstance(notebook, str) and re.fullmatch(r"\d\d", notebook)):
            raise ValueError(f"{name} must declare NOTEBOOK = \"NN\" (its notebook's number), "
                             f"got {notebook!r}")
        found.setdefault(notebook, []).append(name)
    _MODULES.update(found)
    return _MODULES


def get_exercise(exercise_id):
    """The :class:`Exercise` with this id (imports the exercise modules on first use)."""
    if not isinstance(exercise_id, str):
        raise TypeError(f"exercise_id must be a string like '01.flatten_image', got {exercise_id!r}")
    modules = _discover()
    if exercise_id in _REGISTRY:
        return variants.for_class(_REGISTRY[exercise_id])  # a graded class's numbers ($COURSE_SEED)
    prefix = exercise_id.split(".")[0]
    if prefix not in modules:
        raise ValueError(f"no exercise called {exercise_id!r}: no notebook {prefix!r} has exercises "
                         f"(notebooks with exercises: {', '.join(sorted(modules))})")
    known = sorted(k for k in _REGISTRY if k.startswith(prefix + "."))
    raise ValueError(f"no exercise called {exercise_id!r}; notebook {prefix} has {known}")


def all_exercises():
    """Every exercise of every notebook, in id order."""
    _discover()
    return [variants.for_class(_REGISTRY[k]) for k in sorted(_REGISTRY)]
