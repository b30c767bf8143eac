"""Self-checks for the exercises: ``check("01.flatten_image", answer)``.

An exercise is described once, by an :class:`Exercise` in ``lecture_utils/exercises/<topic>.py``;
each such module declares ``NOTEBOOK = "NN"`` and is found by ``pkgutil`` (no list to keep).
``check`` prints one of three outcomes and never raises on a student's answer:

- correct;
- not attempted (the answer is still ``...`` or ``None``, or a function whose body is
  still ``...``/``pass``);
- wrong, naming the mistake: first the exercise's own known mistakes, then what can be
  said generically - a function that returned None ("did you forget `return`?"), ran too
  long (stopped after ``TIME_LIMIT`` s), raised, or changed its input in place; strings or
  1/0 where True/False is wanted; a shape or a count answered with the wrong rule; a rounded
  answer ("close - keep more digits", unless ``rounding_ok``); NaN/inf; a flipped sign, a
  transpose, a constant factor or offset; otherwise which entries are off, by how much and in
  which direction. Never the answer itself, and never an internal error.

``check``, ``evaluate`` and ``evaluate_data`` take ``mode="practice"`` (default: amounts and
directions, "entry [1, 2] is 21 too small") or ``mode="graded"`` (the same diagnosis without
them, and never which True/False items are wrong), the wording a graded checker service sends.

Writing an exercise's mistakes from its own data
-------------------------------------------------
``slip(wrong, message)`` returns a ``(predicate, message)`` pair for ``mistakes``. ``wrong``
computes the wrong answer: ``wrong()`` for a value exercise, ``wrong(*case_args)`` for a
function exercise. The predicate matches answers close to it (also when rounded to 2-6
significant digits); ``close(answer, value)`` is the comparison, usable in hand-written
predicates::

    Exercise(
        id="03.frobenius_by_hand",
        expected=lambda: np.sqrt((A ** 2).sum()),
        hint="Square every entry, add the squares, take the square root.",
        mistakes=(slip(lambda: (A ** 2).sum(), "that is the sum of squares: the root is missing."),),
    )

Mistakes are consulted only for answers that are not right.
"""

from .engine import evaluate, evaluate_data
from .exercise import _REGISTRY as _REGISTRY  # the tests register made-up exercises in it
from .exercise import TIME_LIMIT, Exercise, Result, all_exercises, get_exercise, register
from .graded import check  # practice mode unless the release made the exercise graded
from .plain import PlainDataError, decode, encode
from .running import collect
from .slips import close, slip

__all__ = ["TIME_LIMIT", "Exercise", "PlainDataError", "Result", "all_exercises", "check", "close", "collect",
           "decode", "encode", "evaluate", "evaluate_data", "get_exercise", "register", "slip"]
