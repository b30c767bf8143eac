"""Property-based: for every registered exercise, answers of any type never make the checker
fail, raise, stall or pass.

Answers: None, bools, numbers (NaN, inf), strings, dicts, objects, nested and ragged lists,
arrays of every dtype and shape (bool, empty, 0-d, strings, complex, datetimes), and - for
every exercise - functions that return None, raise, call exit(), return the wrong type, an
array of the wrong dtype, or run too long. The engine stops a student's function after its
exercise's ``time_limit`` (``checks.TIME_LIMIT``, 1 s, unless an exercise raises it); each call
here must stay under 3 s of CPU time (wall time would measure the machine's load).
"""

import numbers
import time
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from support import examples

from lecture_utils import checks
from lecture_utils.checks import close

EXERCISES = checks.all_exercises()
IDS = [ex.id for ex in EXERCISES]
MAX_SECONDS = 3.0  # a CPU-time guard: the 1 s limit itself is enforced by the checker (Result.timed_out)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.complex_numbers(max_magnitude=1e6), st.text(max_size=6), st.just(...), st.builds(object),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2), st.sets(st.integers(), max_size=3),
)
nested = st.recursive(st.one_of(st.integers(-5, 5), st.floats(allow_nan=True), st.booleans(), st.text(max_size=2)),
                      lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner), max_leaves=12)
arrays = hnp.arrays(
    dtype=hnp.scalar_dtypes() | hnp.unicode_string_dtypes(max_len=3) | hnp.byte_string_dtypes(max_len=3),
    shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=5),
)
values = st.one_of(scalars, nested, arrays, st.tuples(arrays, scalars), st.tuples(st.integers(0, 500), st.integers(0, 500)))


def returns(value):
    def student_function(*args, **kwargs):
        _ = len(args)  # a body, not an empty template
        return value
    return student_function


def raises(exc):
    def student_function(*args, **kwargs):
        raise exc
    return student_function


def computes_but_returns_none(*args, **kwargs):
    total = sum(np.sum(a) for a in args if isinstance(a, np.ndarray))
    total += 1


def calls_exit(*args, **kwargs):
    raise SystemExit(0)


def recurses(*args, **kwargs):
    return recurses(*args, **kwargs)


functions = st.one_of(
    st.just(computes_but_returns_none), st.just(calls_exit), st.just(recurses),
    st.sampled_from([ValueError("bad"), TypeError("no"), ZeroDivisionError("0"), KeyError("k"), IndexError("i"),
                     AttributeError("a"), NotImplementedError()]).map(raises),
    values.map(returns),
)


def _judge(exercise_id, answer, max_seconds=MAX_SECONDS):
    # CPU time, not wall time: a loaded machine stretches the wall clock (3.1 s for 06.train at
    # load 10), while a function the checker failed to stop keeps burning CPU.
    start = time.process_time()
    result = checks.evaluate(exercise_id, answer)
    took = time.process_time() - start
    assert took <= max_seconds, f"{exercise_id} used {took:.2f} s of CPU"
    assert result.internal_error is None, f"{exercise_id}: internal error {result.internal_error}"
    assert result.status in ("correct", "not attempted", "wrong")
    assert "could not be checked" not in result.message
    assert result.message.strip()
    return result


def _truly_right(ex, answer):
    """An independent look at whether a random value happens to be the right answer."""
    want = ex.expected()
    if not isinstance(want, (numbers.Number, np.ndarray, tuple, list, str)):
        return True  # an exercise accepting a range of answers (a learning rate that converges)
    if isinstance(want, bool) or (isinstance(want, tuple) and all(isinstance(v, bool) for v in want)):
        return answer == want
    return close(answer, want, rtol=max(ex.rtol, 1e-3), atol=max(ex.atol, 1e-6))


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exercise_id=st.sampled_from(IDS), answer=values)
def test_any_value_is_judged_without_failing_and_never_wrongly_passes(exercise_id, answer):
    result = _judge(exercise_id, answer)
    if result.passed:
        assert _truly_right(checks.get_exercise(exercise_id), answer), f"{answer!r} passed {exercise_id}"


@settings(max_examples=examples(250), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exercise_id=st.sampled_from(IDS), answer=functions)
def test_any_function_is_judged_without_failing_and_never_passes(exercise_id, answer):
    result = _judge(exercise_id, answer)
    assert not result.passed


def _sleeps_forever(*args, **kwargs):
    while True:
        time.sleep(0.01)


def _spins_forever(*args, **kwargs):
    n = 0
    while True:
        n += 1


@pytest.mark.parametrize("exercise_id", [ex.id for ex in EXERCISES if ex.cases is not None])
@pytest.mark.parametrize("runaway", [_sleeps_forever, _spins_forever])
def test_a_function_that_runs_too_long_is_stopped_within_the_limit(exercise_id, runaway, monkeypatch):
    # The exercise's own limit is 1 s: 0.2 s tests the same stop 16 times five times sooner.
    limit = 0.2
    monkeypatch.setitem(checks._REGISTRY, exercise_id, replace(checks.get_exercise(exercise_id), time_limit=limit))
    start = time.perf_counter()
    result = _judge(exercise_id, runaway, max_seconds=max(MAX_SECONDS, 2 * limit))
    assert result.status == "wrong" and result.timed_out and "was stopped" in result.message
    assert time.perf_counter() - start >= limit * 0.9  # the limit is real, not skipped
