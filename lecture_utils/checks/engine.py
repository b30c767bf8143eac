"""``evaluate`` and ``check``: judge one answer, never raising on it.

Order of judgement: not attempted (``...``/None, or a function whose body is still the
template) → right (compared with the exercise's expected answer) → a known mistake of the
exercise (its ``mistakes``, consulted only for answers that are not right) → a generic
diagnosis (``compare.py``/``values.py``). A student's function is stopped when one call
runs longer than the exercise's ``time_limit`` (default ``registry.TIME_LIMIT``, 1 s).
"""

import inspect
import warnings

import numpy as np

from .compare import compare, kind
from .registry import Result, get_exercise
from .running import TimeUp, call_with_limit, is_stub

NOT_ATTEMPTED = "Not attempted yet: replace the ... with your answer and run the cell again."
STUB = "Not attempted yet: your function still returns ... or None - fill in its body."
CORRECT = "Correct - well done!"


class _NotAttempted(Exception):
    pass


class _TimedOut(str):
    """A problem sentence that also says the student's function was stopped at the time limit."""


def evaluate(exercise_id, answer):
    """Check ``answer`` and return a :class:`Result` (``check`` prints it)."""
    ex = get_exercise(exercise_id)
    if answer is None or answer is Ellipsis:
        return Result(ex.id, "not attempted", NOT_ATTEMPTED)
    error = None
    try:
        with warnings.catch_warnings():
            # A checker's own conversions must not flood the notebook with warnings.
            warnings.simplefilter("ignore")
            problem = _judge(ex, answer)
    except _NotAttempted:
        return Result(ex.id, "not attempted", STUB)
    except Exception as exc:  # noqa: BLE001 - a checker must never crash the student's notebook
        error = f"{type(exc).__name__}: {exc}"
        problem = f"that is not the right answer (a {type(answer).__name__})."
    if problem is None:
        return Result(ex.id, "correct", CORRECT)
    return Result(ex.id, "wrong", f"Not quite: {problem} Hint: {ex.hint}", internal_error=error,
                  timed_out=isinstance(problem, _TimedOut))


def _judge(ex, answer):
    with np.errstate(all="ignore"):
        if ex.cases is not None:
            return _check_function(ex, answer)
        return _check_value(ex, answer)


def check(exercise_id, answer):
    """Print whether ``answer`` solves exercise ``exercise_id``; never raises on an answer."""
    print(evaluate(exercise_id, answer))


def _check_value(ex, answer):
    problem = compare(ex, answer, ex.expected())
    if problem is None:
        return None
    return _named_mistake(ex, answer) or problem


def _named_mistake(ex, *args):
    return next((message for predicate, message in ex.mistakes if _fires(predicate, *args)), None)


def _fires(predicate, *args):
    try:
        return bool(predicate(*args))
    except Exception:  # noqa: BLE001 - a predicate that does not apply to this kind of answer
        return False


def _check_function(ex, func):
    if not callable(func):
        return f"this exercise wants a function (def ...), got {kind(func)}."
    reference = ex.expected()
    for args in ex.cases():
        where = f"(on input {_short(args)})"
        mine = _copy_args(args)
        try:
            with np.errstate(all="ignore"):
                got = call_with_limit(func, mine, ex.time_limit)
        except NotImplementedError:
            raise _NotAttempted from None
        except TimeUp:
            return _TimedOut(f"your function ran for more than {ex.time_limit:g} s and was stopped "
                             f"{where}: is there a loop that never ends, or a loop over far too many items?")
        except RecursionError:
            return f"your function calls itself without end (RecursionError) {where}."
        except SystemExit:
            return f"your function called exit() {where}: return a value instead."
        except Exception as exc:  # noqa: BLE001 - whatever the student's code raises is reported
            return f"your function raised {type(exc).__name__}: {exc} {where}{_raised_hint(exc)}."
        if got is Ellipsis or (got is None and is_stub(func)):
            raise _NotAttempted
        if got is None:
            return f"your function returned None - did you forget `return`? {where}"
        changed = _changed_argument(func, args, mine)
        want = reference(*_copy_args(args))
        problem = compare(ex, got, want)
        if problem is None and not changed:
            continue
        # A right result that changed its input is told about the change, not a named slip:
        # a slip may equal the right answer on this case.
        mistake = _named_mistake(ex, got, args) if problem else None
        if mistake:
            return f"{mistake.rstrip('.')} {where}."
        if changed:
            return (f"your function changed its input {changed} in place (like `w -= ...`); "
                    f"leave the caller's array alone and return a new one {where}.")
        return f"{problem.rstrip('.')} {where}."
    return None


def _changed_argument(func, original, used):
    for i, (a, b) in enumerate(zip(original, used)):
        if isinstance(a, np.ndarray) and not (a.shape == np.shape(b) and np.array_equal(a, b, equal_nan=True)):
            try:
                name = list(inspect.signature(func).parameters)[i]
            except (TypeError, ValueError, IndexError):
                name = f"number {i + 1}"
            return f"`{name}`"
    return None


def _raised_hint(exc):
    """Where to look, for the errors students' array code raises most."""
    text = str(exc)
    if isinstance(exc, IndexError):
        return ("; an index went past the end of an array: check your loops' ranges and the "
                "shape of any array you create (the transpose of an m×n array is n×m)")
    if isinstance(exc, ValueError) and ("matmul" in text or "not aligned" in text or "broadcast" in text):
        return "; the shapes do not fit together: print the shapes of both sides (x.shape)"
    if isinstance(exc, TypeError) and ("for ^" in text or "bitwise_xor" in text):
        return "; in Python ^ is bitwise XOR: a power is written **"
    if isinstance(exc, TypeError) and "arrays can be converted to Python scalars" in text:
        return ("; math.exp, math.sqrt, float() and int() take one number: on arrays use np.exp, "
                "np.sqrt, .astype(float)")
    return ""


def _short(args, width=120, item=40):
    """The arguments, each cut to ``item`` characters, all of them while they fit in ``width``."""
    parts = [f"array of shape {a.shape}" if isinstance(a, np.ndarray) else repr(a) for a in args]
    parts = [p if len(p) <= item else p[:item - 1] + "…" for p in parts]
    text = ""
    for part in parts:
        if text and len(text) + 2 + len(part) > width:
            return text + ", …"
        text = f"{text}, {part}" if text else part
    return text


def _copy_args(args):
    # Students' functions must not be able to change the test inputs for the next case.
    return tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)
