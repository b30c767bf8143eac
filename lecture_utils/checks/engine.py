"""``evaluate`` and ``check``: judge one answer, never raising on it.

Order of judgement: not attempted (``...``/None, or a function whose body is still the
template) → right (compared with the exercise's expected answer) → a known mistake of the
exercise (its ``mistakes``, consulted only for answers that are not right) → a generic
diagnosis (``compare.py``/``values.py``). A student's function is stopped when one call
runs longer than the exercise's ``time_limit`` (default ``registry.TIME_LIMIT``, 1 s).

``mode="practice"`` (default) words a wrong answer with the amount and direction of the
error; ``mode="graded"`` gives the same diagnosis (the same named slip, the same entry or
value) without them, and never says which items of a True/False list are wrong (see
``values.wording``).
"""

import inspect
import itertools
import numbers
import re
import warnings

import numpy as np

from .compare import compare, kind
from .plain import Function, PlainDataError, decode
from .registry import Result, get_exercise
from .running import copy_args as _copy_args
from .running import outcome_from_plain, raised_place, run_case
from .slips import close, wording_of
from .values import graded, wording

NOT_ATTEMPTED = "Not attempted yet: replace the ... with your answer and run the cell again."
STUB = "Not attempted yet: your function still returns ... or None - fill in its body."
CORRECT = "Correct - well done!"


class _NotAttempted(Exception):
    pass


class _TimedOut(str):
    """A problem sentence that also says the student's function was stopped at the time limit."""


def evaluate(exercise_id, answer, mode="practice"):
    """Check ``answer`` and return a :class:`Result` (``check`` prints it).

    Parameters
    ----------
    exercise_id : str
    answer : object
        The student's answer (a value, or a function for a function exercise).
    mode : {"practice", "graded"}
        The wording of a wrong answer: "graded" names the same mistake without its amount
        or direction.
    """
    ex = get_exercise(exercise_id)
    with wording(mode):
        return _evaluate(ex, answer)


def _evaluate(ex, answer):
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


def check(exercise_id, answer, mode="practice"):
    """Print whether ``answer`` solves exercise ``exercise_id``; never raises on an answer.

    ``mode`` is "practice" (default) or "graded", as for :func:`evaluate`.
    """
    print(evaluate(exercise_id, answer, mode=mode))


def _check_value(ex, answer):
    want = ex.expected()
    problem = compare(ex, answer, want)
    if problem is None:
        return None
    return _named_mistake(ex, answer) or _quantity_slip(ex, answer, want) or problem


# How an answer can be built from the right one and one of the exercise's quantities, q.
_WITH_QUANTITY = (
    (lambda want, q: q, "that is {name} itself, one of the pieces, not the answer."),
    (lambda want, q: want - q, "{name} is missing: your answer is the right one without it."),
    (lambda want, q: want + q, "{name} is counted twice: your answer has it once too often."),
    (lambda want, q: want * q, "your answer is the right one times {name}: an extra factor."),
    (lambda want, q: want / q, "your answer is the right one divided by {name}: a division too many."),
)


def _matches(answer, build, want, q):
    try:
        return close(answer, build(want, q), rounded=False)
    except Exception:  # noqa: BLE001 - a quantity that cannot be combined with this answer
        return False


# How two of the exercise's quantities, a and b, can be combined by the wrong operation.
_PAIRS = (
    (lambda a, b: a ^ b if _whole(a, b) else None, "{a} ^ {b} (in Python ^ is bitwise XOR, not a power: write **)"),
    (lambda a, b: a + b, "{a} + {b} (added)"),
    (lambda a, b: a - b, "{a} − {b} (subtracted)"),
    (lambda a, b: a / b, "{a} / {b} (divided)"),
    (lambda a, b: a ** b if abs(b) <= 64 else None, "{a} ** {b} (a power)"),
)


def _same_value(a, b):
    try:
        return bool(np.array_equal(a, b))
    except Exception:  # noqa: BLE001 - pieces that cannot be compared are different pieces
        return False


def _whole(*values):
    return all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in values)


def _quantity_slip(ex, answer, want):
    """The sentence for an answer built from the right one and an exercise quantity, or from
    two quantities combined by the wrong operation; None when none of them gives it."""
    if ex.quantities is None:
        return None
    quantities = ex.quantities()
    for build, message in _WITH_QUANTITY:
        names = [name for name, q in quantities.items() if _matches(answer, build, want, q)]
        if names:
            return message.format(name=" or ".join(names))
    combos, seen = [], set()
    for (na, a), (nb, b) in itertools.permutations(quantities.items(), 2):
        for build, words in _PAIRS:
            # equal pieces (8 rows, 8 columns) combined either way round are one slip, said once
            key = (words, frozenset((na, nb))) if _same_value(a, b) else (words, na, nb)
            if key not in seen and _matches(answer, lambda want, q, build=build, a=a, b=b: build(a, b), want, None):
                seen.add(key)
                combos.append(words.format(a=na, b=nb))
    if combos:
        return (f"your answer is {' or '.join(combos[:2])}: two of the exercise's pieces, combined by "
                "another operation than the formula's.")
    return None


def _named_mistake(ex, *args):
    message = next((message for predicate, message in ex.mistakes if _fires(predicate, *args)), None)
    return None if message is None else wording_of(message, graded())


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
        # One case at a time: a function that fails early is not run on the rest.
        problem = _judge_case(ex, args, run_case(func, args, ex.time_limit), reference)
        if problem is not None:
            return problem
    return None


def _judge_case(ex, args, outcome, reference):
    """What is wrong with one case's outcome (see ``running.run_case``), or None."""
    where = f"(on input {_short(args, _parameter_names(reference))})"
    status = outcome["status"]
    if status == "stub":
        raise _NotAttempted
    if status == "timeout":
        return _TimedOut(f"your function ran for more than {ex.time_limit:g} s and was stopped "
                         f"{where}: is there a loop that never ends, or a loop over far too many items?")
    if status == "recursion":
        return f"your function calls itself without end (RecursionError) {where}."
    if status == "exit":
        return f"your function called exit() {where}: return a value instead."
    if status == "raised":
        name, text = outcome["type"], outcome["message"]
        return f"your function raised {name}{raised_place(outcome)}: {text} {where}{_raised_hint(name, text)}."
    got, changed = outcome["result"], outcome.get("changed")
    if got is None:
        return f"your function returned None - did you forget `return`? {where}"
    want = reference(*_copy_args(args))
    problem = compare(ex, got, want)
    if problem is None and not changed:
        return None
    # A right result that changed its input is told about the change, not a named slip:
    # a slip may equal the right answer on this case.
    mistake = _named_mistake(ex, got, args) if problem else None
    if mistake:
        return f"{mistake.rstrip('.')} {where}."
    if changed:
        return (f"your function changed its input {changed} in place (like `w -= ...`); "
                f"leave the caller's array alone and return a new one {where}.")
    return f"{problem.rstrip('.')} {where}."


def evaluate_data(exercise_id, payload, mode="practice"):
    """Judge an answer that crossed a trust boundary as plain data; never runs student code.

    Parameters
    ----------
    exercise_id : str
    payload : dict
        ``{"answer": plain}`` for an answer that is not a function, or ``{"outcomes": [...]}``
        for a function: one outcome per case of the exercise, in order, as written by
        :func:`lecture_utils.checks.running.outcome_to_plain` (see ``collect``).
    mode : {"practice", "graded"}
        The wording, as for :func:`evaluate` (the checker service uses "graded").

    Returns
    -------
    Result
        As :func:`evaluate` would return for the same answer in the student's kernel.
    """
    ex = get_exercise(exercise_id)
    with wording(mode):
        return _evaluate_payload(ex, payload)


def _evaluate_payload(ex, payload):
    try:
        if not isinstance(payload, dict):
            raise PlainDataError(f"a payload must be a dict, got {type(payload).__name__}")
        if "outcomes" in payload:
            outcomes = [outcome_from_plain(o) for o in _outcome_list(payload["outcomes"])]
            if ex.cases is None:
                return _evaluate(ex, Function("answer"))
            return _evaluate_outcomes(ex, outcomes)
        return _evaluate(ex, decode(payload["answer"]))
    except (PlainDataError, KeyError) as exc:
        return Result(ex.id, "wrong", "Not quite: the answer could not be read back from your notebook "
                      "(it was not plain data). Run the exercise cell again.",
                      internal_error=f"{type(exc).__name__}: {exc}")


def _outcome_list(outcomes):
    if not isinstance(outcomes, list):
        raise PlainDataError("'outcomes' must be a list")
    return outcomes


def _evaluate_outcomes(ex, outcomes):
    cases = ex.cases()
    if len(outcomes) != len(cases):
        raise PlainDataError(f"{len(outcomes)} outcomes for {len(cases)} cases")
    reference = ex.expected()
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            for args, outcome in zip(cases, outcomes):
                problem = _judge_case(ex, args, outcome, reference)
                if problem is not None:
                    return Result(ex.id, "wrong", f"Not quite: {problem} Hint: {ex.hint}",
                                  timed_out=isinstance(problem, _TimedOut))
    except _NotAttempted:
        return Result(ex.id, "not attempted", STUB)
    return Result(ex.id, "correct", CORRECT)


_MATMUL = re.compile(r"size (\d+) is different from (\d+)")
_BROADCAST = re.compile(r"shapes (\([\d, ]*\)) (\([\d, ]*\))")


def _raised_hint(name, text):
    """Where to look, in the course's words, for the errors students' array code raises most."""
    if name == "ValueError" and "matmul" in text and _MATMUL.search(text):
        k1, k2 = _MATMUL.search(text).groups()
        return (f"; the shapes do not fit together: in a matrix product (n, k) @ (k, m) the inner sizes must agree, and here {k2} meets {k1}: "
                f"print both shapes (x.shape) - a transpose (.T) missing or one too many?")
    if name == "ValueError" and "broadcast" in text and _BROADCAST.search(text):
        a, b = _BROADCAST.search(text).groups()
        return (f"; an element-by-element operation lines shapes up from the right and stretches only sizes "
                f"of 1, so {a} and {b} do not fit: did you mean a matrix product (@), or is one side transposed?")
    if name == "NameError" and "is not defined" in text:
        return ("; your function uses a name it never defines: use its own arguments (the names in its "
                "def line), or run the cell that defines that name first")
    if name == "UnboundLocalError":
        return ("; a variable is read before your function gave it a value (`w -= ...` before any `w = ...`, "
                "or a value set only inside an if or a loop that did not run)")
    if name == "ZeroDivisionError":
        return "; a division by zero: is a count (n, len(...)) zero, or is the divisor computed from an empty range?"
    if name == "AttributeError" and "'list' object" in text:
        return "; that is a Python list, which has no array methods: np.asarray(...) turns it into an array"
    if name == "TypeError" and "unsupported operand" in text and "'list'" in text:
        return "; arithmetic on Python lists does not work entry by entry: use numpy arrays (np.asarray(...))"
    if name == "IndexError":
        return ("; an index went past the end of an array: check your loops' ranges and the "
                "shape of any array you create (the transpose of an m×n array is n×m)")
    if name == "ValueError" and ("matmul" in text or "not aligned" in text or "broadcast" in text):
        return "; the shapes do not fit together: print the shapes of both sides (x.shape)"
    if name == "TypeError" and "required positional argument" in text:
        return ("; a function was called with fewer arguments than its def line lists: pass every one, "
                "in that order")
    if name == "ValueError" and "values to unpack" in text:
        return ("; the names on the left of `=` and the values the right side returns are not as many: "
                "count what the function returns (a tuple of how many?)")
    if name == "TypeError" and ("len() of unsized object" in text or (
            any(t in text for t in ("is not iterable", "is not subscriptable", "has no len()"))
            and any(t in text for t in ("'float'", "'int'", "numpy.float64", "numpy.int64")))):
        return ("; your code loops over, indexes or takes len() of something that is a single number here: "
                "the check also passes plain numbers, and array arithmetic (w - a * g) works on numbers, "
                "vectors and matrices alike, with no loop")
    if name == "TypeError" and ("for ^" in text or "bitwise_xor" in text):
        return "; in Python ^ is bitwise XOR: a power is written **"
    if name == "TypeError" and "arrays can be converted to Python scalars" in text:
        return ("; math.exp, math.sqrt, float() and int() take one number: on arrays use np.exp, "
                "np.sqrt, .astype(float)")
    return ""


def _parameter_names(func):
    """The names of ``func``'s positional parameters, or () when they cannot be read."""
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return ()
    if any(p.kind == p.VAR_POSITIONAL for p in params):
        return ()
    return tuple(p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))


def _short(args, names=(), width=120, item=40):
    """The arguments, named when ``names`` are known ("x of shape (3,), p = 1"), each cut to
    ``item`` characters, all of them while they fit in ``width``."""
    named = len(names) == len(args)
    parts = [(f"{names[i]} of shape {a.shape}" if named else f"array of shape {a.shape}")
             if isinstance(a, np.ndarray) else (f"{names[i]} = {a!r}" if named else repr(a))
             for i, a in enumerate(args)]
    parts = [p if len(p) <= item else p[:item - 1] + "…" for p in parts]
    text = ""
    for part in parts:
        if text and len(text) + 2 + len(part) > width:
            return text + ", …"
        text = f"{text}, {part}" if text else part
    return text
