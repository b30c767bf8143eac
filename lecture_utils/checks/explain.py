"""How a student's function is told about one case: its arguments in a line, and where to look
when it raised (the course's words for the errors array code raises most).

Shared by the practice checker (``engine``) and the graded form check (``graded``), which both
describe a case ("on input x of shape (3,), p = 1") and a raised error the same way.
"""

import inspect
import re

import numpy as np

_MATMUL = re.compile(r"size (\d+) is different from (\d+)")
_BROADCAST = re.compile(r"shapes (\([\d, ]*\)) (\([\d, ]*\))")


def raised_hint(name, text):
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


def parameter_names(func):
    """The names of ``func``'s positional parameters, or () when they cannot be read."""
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return ()
    if any(p.kind == p.VAR_POSITIONAL for p in params):
        return ()
    return tuple(p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))


def short_args(args, names=(), width=120, item=40):
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
