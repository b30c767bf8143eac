"""``evaluate`` and ``check``: judge one answer, never raising on it.

Order of judgement: not attempted (``...``/None, or a function whose body is still the
template) → right (compared with the exercise's expected answer) → a known mistake of the
exercise (its ``mistakes``, consulted only for answers that are not right) → a generic
diagnosis (``compare.py``/``values.py``). A student's function is stopped when one call
runs longer than the exercise's ``time_limit`` (default ``exercise.TIME_LIMIT``, 1 s).

``mode="practice"`` (default) words a wrong answer with the amount and direction of the
error; ``mode="graded"`` gives the same diagnosis (the same named slip, the same entry or
value) without them, and never says which items of a True/False list are wrong (see
``values.wording``).
"""

import itertools
import numbers
import warnings

import numpy as np

from .compare import compare, kind
from .exercise import Result, get_exercise
from .explain import parameter_names, raised_hint, short_args
from .plain import Function, PlainDataError, decode
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
    where = f"(on input {short_args(args, parameter_names(reference))})"
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
        return f"your function raised {name}{raised_place(outcome)}: {text} {where}{raised_hint(name, text)}."
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
