"""The form of an answer (its type, shape, dtype), described as plain data and judged on its own.

A graded exercise's student edition holds no key: ``check`` can only say whether an answer has
the form the exercise asks for (a number, an array of shape (64,), a tuple of 5 True/False, a
function of 2 arguments). ``describe(expected)`` writes that form down at release time (key side);
``form_problem(form, answer)`` judges an answer against it in the student's kernel. Both look at
types, shapes and dtypes only, never at values, so two answers of the same form always get the
same words: the form check is no oracle.
"""

import decimal
import fractions
import inspect
import numbers

import numpy as np

from .compare import kind
from .running import is_stub

# A form is a dict: {"type": "number" | "bool" | "array" | "sequence" | "function" | "any", ...}
#   array:    "shape" (list of ints), "dtype": "number" | "integer" | "float" | "bool"
#   sequence: "items" (list of forms), "container": "tuple" | "list"
#   function: "params" (number of positional parameters, or None when unknown)
_DTYPE_WORDS = {"number": "numbers", "integer": "whole numbers", "float": "decimal numbers", "bool": "True/False values"}


def describe(value, exact_dtype=False, reveal_shape=True):
    """The form of ``value`` (an exercise's expected answer) as JSON-ready data.

    Parameters
    ----------
    value : object
        The expected answer, or the reference function of a function exercise.
    exact_dtype : bool
        Whether the dtype kind is part of the form (the exercise's ``exact_dtype``).
    reveal_shape : bool
        False for an exercise whose answer is a shape: then an array's shape is not written down.
    """
    if isinstance(value, (bool, np.bool_)):
        return {"type": "bool"}
    if callable(value) and not isinstance(value, np.ndarray):
        return {"type": "function", "params": _param_count(value)}
    if _is_number(value):
        return {"type": "number"}
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return {"type": "bool"} if value.dtype.kind == "b" else {"type": "number"}
        form = {"type": "array", "dtype": _dtype_word(value.dtype, exact_dtype)}
        if reveal_shape:
            form["shape"] = list(value.shape)
        return form
    if isinstance(value, (tuple, list)):
        return {"type": "sequence", "container": type(value).__name__ if type(value) in (tuple, list) else "tuple",
                "items": [describe(v, exact_dtype, reveal_shape) for v in value]}
    return {"type": "any"}  # an answer judged by a test (several are right): any form may be


def _param_count(func):
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return None
    if any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params):
        return None
    return sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty for p in params)


def _dtype_word(dtype, exact):
    if dtype.kind == "b":
        return "bool"
    if not exact:
        return "number"
    return "integer" if dtype.kind in "iu" else "float"


def _is_number(x):
    if isinstance(x, (bool, np.bool_)):
        return False
    return isinstance(x, (numbers.Real, decimal.Decimal, fractions.Fraction)) or (
        isinstance(x, np.generic) and x.dtype.kind in "iuf")


def name(form):
    """A few words naming a form ("a number", "an array of shape (64,)", "a tuple of 2 items")."""
    kind = form.get("type")
    if kind == "number":
        return "one number"
    if kind == "bool":
        return "True or False"
    if kind == "array":
        shape = form.get("shape")
        where = f" of shape {tuple(shape)}" if shape is not None else ""
        return f"an array{where} of {_DTYPE_WORDS.get(form.get('dtype'), 'numbers')}"
    if kind == "sequence":
        count = len(form.get("items", []))
        return f"a {form.get('container', 'tuple')} of {count} item{'s' * (count != 1)}"
    if kind == "function":
        params = form.get("params")
        return "a function" + ("" if params is None else f" of {params} argument{'s' * (params != 1)}")
    return "an answer"


def form_problem(form, answer, where=""):
    """None when ``answer`` has ``form``, else one sentence saying what is off (never a value)."""
    kind = form.get("type")
    if kind == "any":
        return None
    if kind == "function":
        return _function_problem(form, answer)
    if callable(answer) and not isinstance(answer, np.ndarray):
        return f"{where}is a function; this exercise wants {name(form)} (call it and pass its result?)."
    if kind == "number":
        return _number_problem(answer, where)
    if kind == "bool":
        if isinstance(answer, (bool, np.bool_)) or (isinstance(answer, np.ndarray) and answer.shape == ()
                                                     and answer.dtype.kind == "b"):
            return None
        return f"{where}is {_kind(answer)}; this exercise wants True or False (without quotes)."
    if kind == "array":
        return _array_problem(form, answer, where)
    if kind == "sequence":
        return _sequence_problem(form, answer, where)
    return None


def _kind(x):
    return "text (a string in quotes)" if isinstance(x, str) else kind(x)


def _finite_problem(values, where):
    with np.errstate(all="ignore"):
        if np.isnan(values).any():
            return f"{where}contains NaN (not a number): something divided 0 by 0 or used an undefined value."
        if np.isinf(values).any():
            return f"{where}contains an infinite value: something overflowed or divided by zero."
    return None


def _number_problem(answer, where):
    if type(answer).__name__ == "Value" and hasattr(answer, "data"):
        return f"{where}is a Value (a node of the graph): give its number, .data or .grad."
    if _is_number(answer) or (isinstance(answer, np.ndarray) and answer.shape == () and answer.dtype.kind in "iuf"):
        try:
            return _finite_problem(np.asarray(float(answer)), where)
        except (OverflowError, ValueError, TypeError):
            return None
    if isinstance(answer, (list, tuple, np.ndarray)) and np.size(answer) == 1 and not isinstance(answer, str):
        return f"{where}is {_kind(answer)} holding one entry; this exercise wants the number itself (take it out with [0] or .item())."
    return f"{where}is {_kind(answer)}; this exercise wants one number."


def _as_array(answer):
    if isinstance(answer, str):
        return None
    try:
        return np.asarray(answer)
    except Exception:  # noqa: BLE001 - ragged lists and odd objects are "not an array of numbers"
        return None


def _array_problem(form, answer, where):
    values = _as_array(answer)
    if values is None or values.dtype.kind not in "biuf" or values.ndim == 0:
        return f"{where}is {_kind(answer)}; this exercise wants {name(form)}."
    shape = form.get("shape")
    if shape is not None and list(values.shape) != list(shape):
        return f"{where}has shape {values.shape}; this exercise wants shape {tuple(shape)}."
    dtype = form.get("dtype")
    if dtype == "bool" and values.dtype.kind != "b":
        return f"{where}holds numbers; this exercise wants True/False values."
    if dtype != "bool" and values.dtype.kind == "b":
        return f"{where}holds True/False values; this exercise wants numbers."
    if dtype == "integer" and values.dtype.kind not in "iu":
        return f"{where}holds {values.dtype} entries; this exercise wants whole numbers (an integer dtype)."
    if dtype == "float" and values.dtype.kind != "f":
        return f"{where}holds {values.dtype} entries; this exercise wants decimal numbers (a float dtype)."
    return _finite_problem(values, where) if values.dtype.kind == "f" else None


def _sequence_problem(form, answer, where):
    items = form.get("items", [])
    if isinstance(answer, np.ndarray) and all(i.get("type") in ("number", "bool") for i in items):
        answer = answer.tolist() if answer.ndim == 1 else answer
    if not isinstance(answer, (tuple, list)):
        return f"{where}is {_kind(answer)}; this exercise wants {name(form)}."
    if len(answer) != len(items):
        return f"{where}has {len(answer)} item{'s' * (len(answer) != 1)}; this exercise wants {len(items)}."
    for i, (item, got) in enumerate(zip(items, answer)):
        problem = form_problem(item, got, f"item {i} (the {_ordinal(i + 1)} value) ")
        if problem:
            return problem
    return None


def _ordinal(n):
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _function_problem(form, answer):
    if not callable(answer) or isinstance(answer, np.ndarray):
        return f"this exercise wants a function (def ...), got {_kind(answer)}."
    params = form.get("params")
    found = _param_count(answer)
    if params is not None and found is not None and found != params:
        return (f"your function takes {found} argument{'s' * (found != 1)}; this exercise calls it with "
                f"{params} (keep the parameters of the template).")
    return None


def is_stub_function(answer):
    """Whether a function answer is still the exercise's empty template."""
    return callable(answer) and not isinstance(answer, np.ndarray) and is_stub(answer)
