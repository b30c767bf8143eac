"""Per-class numbers for value exercises: ``make release SEED=<class seed>``.

The self-study edition, worked solutions included, is public, so its answers are known. A graded
class gets other numbers: each value exercise that declares a :class:`Variant` draws its numbers
from the class seed, and its key (``expected``, its slips), the notebook's prose and the student
edition all follow. The seed stays with the instructor: whoever has it and the public package can
compute the class's answers, so it reaches the checker service and ``make grade`` as the
environment variable ``COURSE_SEED`` and is never written into the student edition.

Contract for an exercise module (the numbers are read when the key is asked for, never frozen at
import)::

    QUOTIENT = declare("04.quotient_rule", Variant(
        defaults={"x": 3.0},                                       # the public numbers
        draw=lambda rng: {"x": float(rng.choice([2.0, 4.0, 5.0]))},  # a class's numbers
        prose=lambda n: {"at $x = 3$": f"at $x = {n['x']:g}$"},     # text quoting them, per numbers
    ))
    Exercise(id="04.quotient_rule", expected=lambda: quotient(numbers("04.quotient_rule")["x"]), ...)

A real exercise keeps its public key and messages in its own module and declares its variant in
``lecture_utils/exercises/_variants_NN.py`` (imported by :func:`declared`); there
``exercise=lambda public, n: ...`` builds the class's :class:`Exercise` (its expected value,
hint and slips, all computed from ``n`` when asked for) from the public one, and
:func:`for_class` hands it out when ``$COURSE_SEED`` draws other numbers than the defaults.

``prose(numbers)`` maps each text of the exercise's cells (its prompt and exercise cell) that
quotes a number to that text with ``numbers``; so ``prose(defaults)`` maps each to itself. The
release replaces each with ``prose(drawn)[text]`` and refuses to build when one is not found.
"""

import importlib
import os
import pkgutil
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

SEED_ENV = "COURSE_SEED"
_DECLARED = {}


@dataclass(frozen=True)
class Variant:
    """How one value exercise's numbers vary between classes (see the module docstring)."""

    defaults: dict
    draw: Callable[[np.random.Generator], dict]
    prose: Callable[[dict], dict]
    exercise: Callable | None = None  # (public Exercise, numbers) -> the class's Exercise


def declare(exercise_id, variant):
    """Register ``variant`` for ``exercise_id``; returns it."""
    if not isinstance(variant, Variant):
        raise TypeError(f"declare() takes a Variant, got {type(variant).__name__}")
    _DECLARED[exercise_id] = variant
    return variant


VARIANT_MODULES = "lecture_utils.exercises"
_CLASS_EXERCISES = {}  # (exercise id, numbers) -> the class's Exercise, built once


def _import_variant_modules():
    """Import ``lecture_utils/exercises/_variants_*.py`` (a student edition may hold none)."""
    package = importlib.import_module(VARIANT_MODULES)
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_variants_"):
            importlib.import_module(f"{VARIANT_MODULES}.{info.name}")


def declared():
    """``{exercise id: Variant}`` of the variant modules and of every exercise module imported so far."""
    _import_variant_modules()
    return dict(_DECLARED)


def for_class(exercise):
    """``exercise`` as the class of ``$COURSE_SEED`` has it: built by its variant from the class numbers.

    Without a seed, without a variant, or with a variant that builds no exercise of its own (its
    ``expected`` reads :func:`numbers` itself), this is ``exercise`` unchanged.
    """
    seed = class_seed()
    if seed is None:
        return exercise
    variant = declared().get(exercise.id)
    if variant is None or variant.exercise is None:
        return exercise
    numbers_ = drawn(exercise.id, seed)
    if numbers_ == variant.defaults:
        return exercise
    key = (exercise.id, seed, repr(sorted(numbers_.items())))  # a variant may read another's numbers
    if key not in _CLASS_EXERCISES:
        built = variant.exercise(exercise, dict(numbers_))
        if built.id != exercise.id:
            raise ValueError(f"{exercise.id}: its variant built an exercise called {built.id!r}")
        _CLASS_EXERCISES[key] = built
    return _CLASS_EXERCISES[key]


def class_seed():
    """The class seed from ``$COURSE_SEED`` (None: the public numbers)."""
    text = os.environ.get(SEED_ENV, "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{SEED_ENV} must be a whole number (the class seed), got {text!r}") from None


def drawn(exercise_id, seed):
    """The numbers of ``exercise_id`` for class ``seed`` (the defaults for None)."""
    variant = declared()[exercise_id]
    if seed is None:
        return dict(variant.defaults)
    rng = np.random.default_rng([int(seed), zlib.crc32(exercise_id.encode())])
    numbers_ = variant.draw(rng)
    if set(numbers_) != set(variant.defaults):
        raise ValueError(f"{exercise_id}: its variant drew {sorted(numbers_)}, not the numbers it declares "
                         f"({sorted(variant.defaults)})")
    return numbers_


def numbers(exercise_id):
    """The numbers ``exercise_id`` uses now: drawn from ``$COURSE_SEED`` when it is set."""
    return drawn(exercise_id, class_seed())
