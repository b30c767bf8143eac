"""Self-checks for the exercises: ``check("01.flatten_image", answer)``.

An exercise is described once, by an :class:`Exercise` in ``lecture_utils/exercises/<topic>.py``
(the topic module of its notebook). ``check`` prints one of three outcomes and never raises
on a student's answer:

- correct;
- not attempted (the answer is still ``...`` or ``None``);
- wrong, naming the mistake when it is a known one (shape, transposed, dtype, constant
  factor, sign, or a mistake the exercise lists) with a hint, never the answer itself.
"""

import importlib
import importlib.util
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

# Notebook number (the id's prefix) -> module in lecture_utils.exercises holding its exercises.
TOPICS = {
    "00": "start_here",
    "01": "tensors",
    "02": "matrix_operations",
    "03": "norms",
    "04": "derivatives",
    "05": "gradient_descent",
    "06": "logistic_regression",
    "07": "neural_network",
}

_REGISTRY = {}


@dataclass(frozen=True)
class Exercise:
    """One self-checked exercise.

    Parameters
    ----------
    id : str
        ``"NN.short_name"``, NN being the notebook's number.
    expected : callable
        ``expected()`` returns the right answer (an array, a number, a tuple, anything
        comparable), or, for a function exercise, the reference function.
    hint : str
        Shown with every wrong answer; a nudge, not the answer.
    cases : callable, optional
        For a function exercise: ``cases()`` returns a list of argument tuples; the student's
        function and the reference are called on each and their results compared.
    mistakes : tuple of (predicate, message)
        Known wrong answers: ``predicate(answer)`` (for a function exercise,
        ``predicate(result, args)``) true means ``message`` explains the mistake.
    solution : callable, optional
        ``solution()`` returns the worked solution's answer, as the notebook's hidden
        solution computes it; the tests check it passes. Defaults to ``expected``.
    rtol, atol : float
        Tolerances of the numeric comparison.
    exact_dtype : bool
        Whether an answer with the right values but another dtype kind is wrong.
    reveal_shape : bool
        Whether a wrong-shape message may name the expected shape (not when the shape
        is the answer).
    """

    id: str
    expected: Callable[[], Any]
    hint: str
    cases: Callable[[], list] | None = None
    mistakes: tuple = ()
    solution: Callable[[], Any] | None = None
    rtol: float = 1e-6
    atol: float = 1e-9
    exact_dtype: bool = False
    reveal_shape: bool = True

    def __post_init__(self):
        if self.id.split(".")[0] not in TOPICS or "." not in self.id:
            raise ValueError(f"exercise id must look like 'NN.name' with NN in {sorted(TOPICS)}, got {self.id!r}")

    def solution_answer(self):
        """The worked solution's answer (what the hidden solution cell computes)."""
        return (self.solution or self.expected)()


@dataclass(frozen=True)
class Result:
    """Outcome of checking one answer: ``status`` is "correct", "not attempted" or "wrong"."""

    exercise_id: str
    status: str
    message: str

    @property
    def passed(self):
        return self.status == "correct"

    def __str__(self):
        icon = {"correct": "✅", "not attempted": "📝", "wrong": "❌"}[self.status]
        return f"{icon} [{self.exercise_id}] {self.message}"


def register(*exercises):
    """Add exercises to the registry (called by the topic modules at import)."""
    for ex in exercises:
        if ex.id in _REGISTRY and _REGISTRY[ex.id] is not ex:
            raise ValueError(f"exercise id {ex.id!r} is registered twice")
        _REGISTRY[ex.id] = ex
    return exercises


def get_exercise(exercise_id):
    """The :class:`Exercise` with this id (imports its topic module on first use)."""
    if not isinstance(exercise_id, str):
        raise TypeError(f"exercise_id must be a string like '01.flatten_image', got {exercise_id!r}")
    prefix = exercise_id.split(".")[0]
    if prefix in TOPICS:
        importlib.import_module(f"lecture_utils.exercises.{TOPICS[prefix]}")
    if exercise_id not in _REGISTRY:
        known = sorted(k for k in _REGISTRY if k.startswith(prefix + "."))
        raise ValueError(f"no exercise called {exercise_id!r}; notebook {prefix} has {known}")
    return _REGISTRY[exercise_id]


def all_exercises():
    """Every exercise of every notebook (whose exercise module exists), in id order."""
    for module in TOPICS.values():
        name = f"lecture_utils.exercises.{module}"
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name)
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]


def evaluate(exercise_id, answer):
    """Check ``answer`` and return a :class:`Result` (``check`` prints it)."""
    ex = get_exercise(exercise_id)
    if _not_attempted(answer):
        return Result(ex.id, "not attempted",
                      "Not attempted yet: replace the ... with your answer and run the cell again.")
    try:
        if ex.cases is not None:
            problem = _check_function(ex, answer)
        else:
            problem = _diagnose(ex, answer, ex.expected())
    except _NotAttempted:
        return Result(ex.id, "not attempted",
                      "Not attempted yet: your function still returns ... or None - fill in its body.")
    except Exception as exc:  # a checker must never crash the student's notebook
        problem = f"this answer could not be checked ({type(exc).__name__}: {exc})."
    if problem is None:
        return Result(ex.id, "correct", "Correct - well done!")
    return Result(ex.id, "wrong", f"Not quite: {problem} Hint: {ex.hint}")


def check(exercise_id, answer):
    """Print whether ``answer`` solves exercise ``exercise_id``; never raises on an answer."""
    print(evaluate(exercise_id, answer))


class _NotAttempted(Exception):
    pass


def _not_attempted(answer):
    return answer is None or answer is Ellipsis


def _check_function(ex, func):
    if not callable(func):
        return f"this exercise wants a function (def ...), got {type(func).__name__}."
    reference = ex.expected()
    for args in ex.cases():
        try:
            got = func(*_copy_args(args))
        except NotImplementedError:
            raise _NotAttempted from None
        except Exception as exc:
            return f"your function raised {type(exc).__name__}: {exc} (on input {_short(args)})."
        if _not_attempted(got):
            raise _NotAttempted
        for predicate, message in ex.mistakes:
            if _safe(predicate, got, args):
                return f"{message} (on input {_short(args)})."
        want = reference(*_copy_args(args))
        problem = _compare(ex, got, want)
        if problem is not None:
            return f"{problem} (on input {_short(args)})."
    return None


def _diagnose(ex, answer, want):
    for predicate, message in ex.mistakes:
        if _safe(predicate, answer):
            return message
    return _compare(ex, answer, want)


def _compare(ex, got, want):
    """None when ``got`` matches ``want``, else a sentence naming what differs."""
    if isinstance(want, (tuple, list)) and not _is_numeric_like(want):
        if not isinstance(got, (tuple, list)) or len(got) != len(want):
            return f"expected {len(want)} values (a tuple), got {_kind(got)}."
        for i, (g, w) in enumerate(zip(got, want)):
            problem = _compare(ex, g, w)
            if problem:
                return f"item {i}: {problem}"
        return None
    if isinstance(want, (str, bool, type(None))) or not _is_numeric_like(want):
        return None if got == want else "that is not the right answer."
    if isinstance(got, str) or not _is_numeric_like(got):
        return f"expected a number or an array of numbers, got {_kind(got)}."
    g, w = np.asarray(got), np.asarray(want)
    if g.dtype.kind not in "biuf":
        return f"expected numbers, got an array of dtype {g.dtype}."
    if g.shape != w.shape:
        return _shape_problem(ex, g, w)
    if not np.allclose(g, w, rtol=ex.rtol, atol=ex.atol, equal_nan=True):
        return _value_problem(ex, g, w)
    if ex.exact_dtype and g.dtype.kind != w.dtype.kind:
        return f"the values are right but the dtype is {g.dtype}; this exercise wants {w.dtype}."
    return None


def _shape_problem(ex, g, w):
    if w.ndim == 2 and g.shape == w.T.shape and np.allclose(g, w.T, rtol=ex.rtol, atol=ex.atol):
        return "your answer is the transpose of the right one - check the order of rows and columns."
    if g.size == w.size and np.allclose(g.ravel(), w.ravel(), rtol=ex.rtol, atol=ex.atol):
        if g.ndim == 2 and g.shape[1] == 1 and w.ndim == 1:
            return f"right numbers, but a column of shape {g.shape}; a flat vector of shape {w.shape} is wanted."
        if ex.reveal_shape:
            return f"right numbers, wrong shape: got {g.shape}, expected {w.shape}."
        return f"right numbers, but the shape {g.shape} is not the one wanted."
    if ex.reveal_shape:
        return f"wrong shape: got {g.shape}, expected {w.shape}."
    return f"the shape {g.shape} is not right."


def _value_problem(ex, g, w):
    if np.any(w != 0) and np.allclose(g, -w, rtol=ex.rtol, atol=ex.atol):
        return "the sign is flipped - check a minus sign or the order of a subtraction."
    wf, gf = w.astype(float).ravel(), g.astype(float).ravel()
    nz = np.abs(wf) > ex.atol
    # Any wrong number is a multiple of a right one: the pattern means something only for arrays.
    if w.size > 1 and nz.sum() > 1 and np.all(np.isfinite(gf)) and np.allclose(gf[~nz], 0, atol=ex.atol):
        ratio = gf[nz] / wf[nz]
        if np.allclose(ratio, ratio[0], rtol=1e-6) and not np.isclose(ratio[0], 1):
            return ("your answer is a constant multiple of the right one - "
                    "look for a missing or extra factor (such as 1/n, 2 or a square root).")
    if w.size > 1:
        wrong = int(np.sum(~np.isclose(g, w, rtol=ex.rtol, atol=ex.atol)))
        return f"{wrong} of {w.size} entries differ from the right answer."
    return "the value is not right."


def _is_numeric_like(x):
    try:
        return np.asarray(x).dtype.kind in "biuf"
    except Exception:
        return False


def _kind(x):
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape}"
    return f"a {type(x).__name__}"


def _short(args):
    parts = [f"array of shape {a.shape}" if isinstance(a, np.ndarray) else repr(a) for a in args]
    return ", ".join(parts)[:120]


def _copy_args(args):
    # Students' functions must not be able to change the test inputs for the next case.
    return tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)


def _safe(predicate, *args):
    try:
        return bool(predicate(*args))
    except Exception:
        return False
