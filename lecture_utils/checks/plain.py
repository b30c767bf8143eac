"""Answers as plain data: a typed JSON form that crosses a trust boundary and back.

A student's kernel (in the grader's sandbox, or on a hub talking to the checker service) turns
an answer into plain data with :func:`encode`; the judge, which never runs student code, turns it
back with :func:`decode` and judges the result as if it were the answer. The form keeps what the
diagnoses use: tuple vs list, bool vs int, an array's dtype and shape, Fraction and Decimal,
big integers, NaN/inf, a ``Value``'s numbers, and for anything else the name of its type.

Decoding builds only numbers, strings, containers and arrays (never pickle, never code), within
limits on depth, entries and text, so a hostile payload cannot make the judge run anything or
eat its memory: past a limit :class:`PlainDataError` is raised.

A function exercise crosses the boundary as its *outcomes*: the kernel calls the student's
function on the inputs it was sent (:func:`lecture_utils.checks.running.run_cases`) and encodes
each result, or what went wrong; the judge compares them with the key
(:func:`lecture_utils.checks.engine.evaluate_data`).
"""

import base64
import contextlib
import decimal
import fractions
import math
import numbers

import numpy as np

MAX_DEPTH = 24
MAX_ENTRIES = 2_000_000  # array entries and container items in one payload
MAX_TEXT = 100_000  # characters of one string
_ARRAY_KINDS = "biufc"  # dtypes carried as raw bytes; others (str, object) item by item


class PlainDataError(ValueError):
    """A payload that is not plain data this module wrote, or is over a limit."""


class Opaque:
    """Stands in, judge-side, for an answer of a type plain data does not carry."""

    def __init__(self, type_name, text):
        self.type_name, self.text = type_name, text

    def __repr__(self):
        return self.text


class Function:
    """Stands in, judge-side, for a function given where a value was wanted (never callable
    for real: calling it raises, as calling an unknown function would)."""

    def __init__(self, name):
        self.__name__ = name

    def __call__(self, *args, **kwargs):
        raise TypeError("the function itself stayed in the student's kernel")

    def __repr__(self):
        return f"<function {self.__name__}>"


def encode(obj):
    """``obj`` as JSON-ready plain data (dicts, lists, strings, numbers); never raises.

    Parameters
    ----------
    obj : object
        An answer: a number, array, container, string, ``Value``, function or anything else.

    Returns
    -------
    dict
        Tagged data :func:`decode` turns back into an equivalent object.
    """
    budget = [MAX_ENTRIES]
    return _encode(obj, 0, budget)


def _encode(obj, depth, budget):
    if depth > MAX_DEPTH:
        return {"t": "opaque", "type": type(obj).__name__, "repr": "a structure nested too deep"}
    budget[0] -= 1
    if budget[0] < 0:
        return {"t": "opaque", "type": type(obj).__name__, "repr": "an answer too large to judge"}
    if obj is None:
        return {"t": "none"}
    if obj is Ellipsis:
        return {"t": "ellipsis"}
    if isinstance(obj, np.ndarray):
        return _encode_array(obj, depth, budget)
    if isinstance(obj, np.generic):
        return {"t": "npscalar", "a": _encode_array(np.asarray(obj), depth, budget)}
    if isinstance(obj, bool):
        return {"t": "bool", "v": obj}
    if isinstance(obj, int):
        return {"t": "int", "v": str(int(obj))} if abs(obj).bit_length() < 100_000 else \
            {"t": "opaque", "type": "int", "repr": "an integer with more than 30000 digits"}
    if isinstance(obj, float):
        return {"t": "float", "v": _float_text(obj)}
    if isinstance(obj, complex):
        return {"t": "complex", "re": _float_text(obj.real), "im": _float_text(obj.imag)}
    if isinstance(obj, fractions.Fraction):
        return {"t": "fraction", "n": str(obj.numerator), "d": str(obj.denominator)}
    if isinstance(obj, decimal.Decimal):
        return {"t": "decimal", "v": str(obj)}
    if isinstance(obj, str):
        return {"t": "str", "v": obj[:MAX_TEXT]}
    if isinstance(obj, (tuple, list, set, frozenset)):
        tag = {tuple: "tuple", list: "list", set: "set", frozenset: "frozenset"}.get(type(obj))
        if tag is None:  # a subclass (namedtuple, ...): judged as its base container
            tag = next(t for base, t in ((tuple, "tuple"), (list, "list"), (frozenset, "frozenset"),
                                         (set, "set")) if isinstance(obj, base))
        items = list(obj) if tag in ("tuple", "list") else _sorted_items(obj)
        return {"t": tag, "items": [_encode(v, depth + 1, budget) for v in items[:max(budget[0], 0)]]}
    if isinstance(obj, dict):
        pairs = list(obj.items())[:max(budget[0], 0)]
        return {"t": "dict", "items": [[_encode(k, depth + 1, budget), _encode(v, depth + 1, budget)]
                                       for k, v in pairs]}
    value = _encode_value(obj)
    if value is not None:
        return value
    if callable(obj):
        return {"t": "function", "name": str(getattr(obj, "__name__", type(obj).__name__))[:200]}
    if isinstance(obj, numbers.Real):  # another real-number type (e.g. a student's own class)
        with contextlib.suppress(Exception):  # a number type whose float() fails is told by its type
            return {"t": "float", "v": _float_text(float(obj))}
    return {"t": "opaque", "type": type(obj).__name__[:200], "repr": _safe_repr(obj)}


def _encode_array(a, depth, budget):
    a = np.asarray(a)  # a subclass (matrix, masked) is judged by its data
    budget[0] -= a.size
    if budget[0] < 0:
        return {"t": "opaque", "type": "ndarray", "repr": f"an array of shape {a.shape}, too large to judge"}
    if a.dtype.kind in _ARRAY_KINDS:
        data = np.ascontiguousarray(a, dtype=a.dtype.newbyteorder("<"))
        return {"t": "ndarray", "dtype": data.dtype.str, "shape": list(a.shape),
                "data": base64.b64encode(data.tobytes()).decode("ascii")}
    kind = "str" if a.dtype.kind in "US" else "object"
    return {"t": "ndarray", "dtype": kind, "shape": list(a.shape),
            "items": [_encode(v, depth + 1, budget) for v in a.ravel().tolist()]}


def _encode_value(obj):
    # A lecture_utils Value: only its numbers cross (the judge rebuilds a leaf Value from them).
    try:
        from ..autodiff import Value
    except ImportError:  # pragma: no cover - a trimmed package without autodiff
        return None
    if isinstance(obj, Value):
        return {"t": "Value", "data": _float_text(float(obj.data)), "grad": _float_text(float(obj.grad)),
                "label": str(getattr(obj, "label", ""))[:200]}
    return None


def _float_text(x):
    return repr(float(x)) if math.isfinite(x) else ("nan" if math.isnan(x) else ("inf" if x > 0 else "-inf"))


def _sorted_items(items):
    try:
        return sorted(items)
    except TypeError:
        return sorted(items, key=repr)


def _safe_repr(obj):
    try:
        return repr(obj)[:200]
    except Exception:  # noqa: BLE001 - a student's __repr__ that raises
        return f"<{type(obj).__name__}>"


def decode(data):
    """The answer that :func:`encode` turned into ``data``; raises :class:`PlainDataError`
    for anything that is not such data or is over a limit."""
    budget = [MAX_ENTRIES]
    return _decode(data, 0, budget)


def _decode(data, depth, budget):
    if depth > MAX_DEPTH:
        raise PlainDataError("plain data nested deeper than the judge accepts")
    budget[0] -= 1
    if budget[0] < 0:
        raise PlainDataError("plain data with more entries than the judge accepts")
    if not isinstance(data, dict) or not isinstance(data.get("t"), str):
        raise PlainDataError(f"expected a tagged dict, got {type(data).__name__}")
    tag = data["t"]
    try:
        return _DECODERS[tag](data, depth, budget)
    except KeyError:
        raise PlainDataError(f"unknown plain-data tag {tag!r}") from None
    except PlainDataError:
        raise
    except (TypeError, ValueError, ArithmeticError, decimal.InvalidOperation) as exc:
        raise PlainDataError(f"malformed {tag!r} entry: {exc}") from None


def _text(data, key, limit=MAX_TEXT):
    value = data[key]
    if not isinstance(value, str) or len(value) > limit:
        raise PlainDataError(f"{key!r} must be a string of at most {limit} characters")
    return value


def _int_text(data, key):
    text = _text(data, key, 40_000)
    if not text.lstrip("-").isdigit():
        raise PlainDataError(f"{key!r} must be an integer's digits")
    return int(text)


def _float(data, key):
    return float(_text(data, key, 64))


def _decode_array(data, depth, budget):
    shape = data["shape"]
    if not (isinstance(shape, list) and len(shape) <= 32 and all(isinstance(n, int) and n >= 0 for n in shape)):
        raise PlainDataError("an array's shape must be a list of at most 32 sizes")
    size = math.prod(shape)
    budget[0] -= size
    if budget[0] < 0:
        raise PlainDataError("an array with more entries than the judge accepts")
    dtype = data["dtype"]
    if dtype in ("str", "object"):
        items = data["items"]
        if not isinstance(items, list) or len(items) != size:
            raise PlainDataError("an array's items do not fill its shape")
        values = [_decode(v, depth + 1, budget) for v in items]
        out = np.empty(size, dtype=object)
        out[:] = values
        out = out.reshape(shape)
        return out.astype(str) if dtype == "str" and all(isinstance(v, str) for v in values) else out
    dt = np.dtype(_text(data, "dtype", 16))
    if dt.kind not in _ARRAY_KINDS:
        raise PlainDataError(f"array dtype {dt} is not carried as raw bytes")
    raw = base64.b64decode(_text(data, "data", 8 * MAX_ENTRIES * 2), validate=True)
    if len(raw) != size * dt.itemsize:
        raise PlainDataError("an array's bytes do not fill its shape")
    return np.frombuffer(raw, dtype=dt).astype(dt.newbyteorder("="), copy=True).reshape(shape)


def _decode_container(data, depth, budget):
    items = data["items"]
    if not isinstance(items, list):
        raise PlainDataError("a container's items must be a list")
    values = [_decode(v, depth + 1, budget) for v in items]
    kind = {"tuple": tuple, "list": list, "set": set, "frozenset": frozenset}[data["t"]]
    return kind(values)


def _decode_dict(data, depth, budget):
    items = data["items"]
    if not isinstance(items, list) or not all(isinstance(p, list) and len(p) == 2 for p in items):
        raise PlainDataError("a dict's items must be [key, value] pairs")
    out = {}
    for k, v in items:
        key = _decode(k, depth + 1, budget)
        try:
            out[key] = _decode(v, depth + 1, budget)
        except TypeError:
            raise PlainDataError("a dict key that cannot be a key") from None
    return out


def _decode_value(data, depth, budget):
    from ..autodiff import Value
    v = Value(_float(data, "data"), label=_text(data, "label", 200))
    v.grad = _float(data, "grad")
    return v


def _decode_npscalar(data, depth, budget):
    a = _decode(data["a"], depth + 1, budget)
    if not isinstance(a, np.ndarray) or a.shape != ():
        raise PlainDataError("a numpy scalar must hold a 0-d array")
    return a[()]


def _decode_bool(data, depth, budget):
    if not isinstance(data["v"], bool):
        raise PlainDataError("a bool must be true or false")
    return data["v"]


def _decode_opaque(data, depth, budget):
    name = _text(data, "type", 200)
    cls = type(name if name.isidentifier() else "object", (Opaque,), {})
    return cls(name, _text(data, "repr", 400))


_DECODERS = {
    "none": lambda d, depth, b: None,
    "ellipsis": lambda d, depth, b: Ellipsis,
    "bool": _decode_bool,
    "int": lambda d, depth, b: _int_text(d, "v"),
    "float": lambda d, depth, b: _float(d, "v"),
    "complex": lambda d, depth, b: complex(_float(d, "re"), _float(d, "im")),
    "fraction": lambda d, depth, b: fractions.Fraction(_int_text(d, "n"), _int_text(d, "d")),
    "decimal": lambda d, depth, b: decimal.Decimal(_text(d, "v", 40_000)),
    "str": lambda d, depth, b: _text(d, "v"),
    "tuple": _decode_container,
    "list": _decode_container,
    "set": _decode_container,
    "frozenset": _decode_container,
    "dict": _decode_dict,
    "ndarray": _decode_array,
    "npscalar": _decode_npscalar,
    "Value": _decode_value,
    "function": lambda d, depth, b: Function(_text(d, "name", 200)),
    "opaque": _decode_opaque,
}
