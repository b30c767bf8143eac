"""Answers judged from plain data (the grader's and the checker service's path) get the same
verdict and the same words as answers judged in the student's kernel. (Every bank slip is
judged both ways, once, in test_misconceptions.py.)"""

import decimal
import fractions
import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import Recipe
from test_misconceptions import _time_limits_for_a_loaded_machine  # noqa: F401 - autouse: load-independent slips

from lecture_utils.autodiff import Value
from lecture_utils.checks import PlainDataError, all_exercises, collect, decode, encode, evaluate, evaluate_data

INPUT_RECIPES = [
    Recipe("checks.evaluate_data", lambda: dict(exercise_id="01.flatten_image",
                                                payload={"answer": encode(np.zeros(64))}),
           {"exercise_id": "text"}),
    Recipe("checks.collect", lambda: dict(answer=abs, cases=[(1.0,), (-2.0,)], seconds=1.0),
           {"seconds": "real"}, ok={("seconds", "numpy scalar")}),
    # encode takes any object (never raises); decode refuses malformed data (tests below).
    Recipe("checks.encode", lambda: dict(obj=[1.0, 2.0]), {}),
    Recipe("checks.decode", lambda: dict(data=encode([1.0, 2.0])), {}),
]


def _through_json(payload):
    return json.loads(json.dumps(payload))


def _judged_from_data(exercise_id, answer):
    ex = next(e for e in all_exercises() if e.id == exercise_id)
    cases = ex.cases() if ex.cases is not None else None
    return evaluate_data(exercise_id, _through_json(collect(answer, cases, ex.time_limit)))


@pytest.mark.parametrize("answer", [
    None, ..., 3, True, np.True_, 2.5, float("nan"), -np.inf, 10 ** 400, 1 + 2j, "3.0", b"x",
    fractions.Fraction(1, 3), decimal.Decimal("0.1"), (1, 2), [1, 2], {1, 2}, frozenset({3}),
    {"a": 1}, np.arange(6).reshape(2, 3), np.array([True, False]), np.float32(1.5), np.int64(-7),
    np.array(["a", "bc"]), np.array([1, "a", None], dtype=object), np.ma.masked_array([1, 2], [0, 1]),
    (np.zeros(2), [np.ones((1, 2))]), object(), len,
])
def test_values_cross_with_their_kind(answer):
    back = decode(_through_json(encode(answer)))
    assert type(back).__name__ == type(answer).__name__ or isinstance(answer, (np.ndarray, type(len))) \
        or type(answer) is object
    if isinstance(answer, np.ndarray) and answer.dtype.kind in "biufc":
        assert back.dtype == answer.dtype and back.shape == answer.shape
        assert np.array_equal(back, np.asarray(answer), equal_nan=True)
    elif isinstance(answer, (int, float, fractions.Fraction, decimal.Decimal, str, tuple, list, dict)) \
            and not isinstance(answer, float):
        assert repr(back) == repr(answer)


def test_a_value_carries_its_numbers():
    v = Value(2.0)
    out = v * v
    out.backward()
    back = decode(_through_json(encode(v)))
    assert isinstance(back, Value) and (back.data, back.grad) == (2.0, 4.0)


@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20)
    | st.fractions(),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner), max_leaves=20))
def test_round_trip_keeps_type_and_value(obj):
    back = decode(_through_json(encode(obj)))
    assert repr(back) == repr(obj)


@pytest.mark.parametrize("bad", [
    None, [], {"t": "nope"}, {"t": "int", "v": "1e9"}, {"t": "int", "v": "9" * 50_000},
    {"t": "ndarray", "dtype": "<f8", "shape": [10 ** 9], "data": ""},
    {"t": "ndarray", "dtype": "<f8", "shape": [2], "data": "AAAA"},
    {"t": "ndarray", "dtype": "|O", "shape": [1], "data": ""},
    {"t": "list", "items": {"a": 1}}, {"t": "dict", "items": [[{"t": "list", "items": []}, {"t": "none"}]]},
    {"t": "bool", "v": 1},
])
def test_malformed_plain_data_is_refused_clearly(bad):
    with pytest.raises(PlainDataError):
        decode(bad)


def test_deep_nesting_is_refused():
    bad = {"t": "none"}
    for _ in range(100):
        bad = {"t": "list", "items": [bad]}
    with pytest.raises(PlainDataError, match="nested"):
        decode(bad)


@pytest.mark.parametrize("payload", [
    None, {"outcomes": "x"}, {"outcomes": [{"status": "returned"}]}, {"answer": {"t": "?"}}, {},
    {"outcomes": [{"status": "raised", "type": 3, "message": "x"}]},
])
def test_a_payload_that_is_not_plain_data_is_wrong_not_a_crash(payload):
    fn_id = next(e.id for e in all_exercises() if e.cases is not None)
    for exercise_id in (fn_id, "01.flatten_image"):
        result = evaluate_data(exercise_id, payload)
        assert result.status == "wrong" and "could not be read" in result.message


def test_a_function_exercise_needs_one_outcome_per_case():
    ex = next(e for e in all_exercises() if e.cases is not None)
    payload = collect(ex.expected(), ex.cases())
    assert evaluate_data(ex.id, payload).passed
    payload["outcomes"] = payload["outcomes"][:-1]
    assert evaluate_data(ex.id, payload).status == "wrong"


def test_every_solution_is_correct_from_data():
    for ex in all_exercises():
        right = ex.expected()
        if type(right).__module__.startswith("lecture_utils.exercises"):
            continue  # an open-ended exercise's acceptance rule, not an answer (its bank covers it)
        assert _judged_from_data(ex.id, right).passed, ex.id


def test_the_line_that_raised_crosses_as_plain_data():
    def gradient(X, y, w, b):
        e = X @ w + b - y
        return X.T @ e / n, e.mean()  # noqa: F821 - n was never defined in this function

    kernel = evaluate("06.gradient", gradient)
    ex = next(e for e in all_exercises() if e.id == "06.gradient")
    payload = _through_json(collect(gradient, ex.cases(), ex.time_limit))
    line = payload["outcomes"][0]["line"]
    assert line["text"] == "return X.T @ e / n, e.mean()  # noqa: F821 - n was never defined in this function"
    assert line["number"] == gradient.__code__.co_firstlineno + 2 and line["cell"] is False
    for mode in ("practice", "graded"):
        judged = evaluate_data("06.gradient", payload, mode=mode)
        assert judged.message == evaluate("06.gradient", gradient, mode=mode).message
        assert f"NameError in line {line['number']} of test_plain_data.py (`return X.T @ e / n" in judged.message
        assert "uses a name it never defines" in judged.message
    assert kernel.message == evaluate_data("06.gradient", payload).message


@pytest.mark.parametrize("line", [
    "3", {"number": 3}, {"number": 0, "text": "", "function": "", "cell": True, "file": "x"},
    {"number": 3, "text": 5, "function": "", "cell": True, "file": "x"},
    {"number": True, "text": "", "function": "", "cell": True, "file": "x"},
])
def test_a_malformed_line_is_refused(line):
    ex = next(e for e in all_exercises() if e.id == "06.gradient")
    payload = {"outcomes": [{"status": "raised", "type": "ValueError", "message": "m", "line": line}]
               * len(ex.cases())}
    result = evaluate_data("06.gradient", payload)
    assert result.status == "wrong" and "could not be read" in result.message
