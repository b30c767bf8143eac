"""Every registered exercise, generically: it is well formed, its expected answer is judged
right, ``...`` and empty function templates are "not attempted", a function without
``return`` is told so, and its mistakes never fire on a right answer.

The per-topic tests (tests/test_exercises_NN*.py) pin each exercise's own messages;
tests/test_solutions.py runs the notebooks' worked solutions; tests/test_misconceptions.py
runs the banks of wrong answers.
"""

import json
import numbers

import numpy as np
import pytest

from lecture_utils import checks, registry

EXERCISES = checks.all_exercises()
VALUE_EXERCISES = [ex for ex in EXERCISES if ex.cases is None]
# An exercise whose expected answer is a test accepting many answers (05.learning_rate_bowl)
# has no single right value to feed back; its topic test checks answers it must accept.
ONE_VALUE_EXERCISES = [ex for ex in VALUE_EXERCISES
                       if isinstance(ex.expected(), (numbers.Number, np.ndarray, tuple, list, str))]
FUNCTION_EXERCISES = [ex for ex in EXERCISES if ex.cases is not None]


def test_every_notebook_with_exercise_cells_has_registered_exercises_and_only_those():
    with_cells = {nb.number for nb in registry.notebooks()
                  if any("exercise" in c.get("metadata", {}).get("tags", [])
                         for c in json.loads(nb.path.read_text(encoding="utf-8"))["cells"])}
    assert with_cells, "no notebook has a cell tagged 'exercise'"
    assert {ex.notebook for ex in EXERCISES} == with_cells


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_exercise_is_well_formed(ex):
    assert isinstance(ex.hint, str) and ex.hint.strip(), "every exercise needs a hint"
    for mistake in ex.mistakes:
        predicate, message = mistake
        assert callable(predicate) and isinstance(message, str) and message.strip()
    assert not hasattr(ex, "solution"), "worked solutions live in the notebooks only"


@pytest.mark.parametrize("ex", ONE_VALUE_EXERCISES, ids=lambda e: e.id)
def test_expected_answer_is_right_and_no_mistake_claims_it(ex):
    want = ex.expected()
    result = checks.evaluate(ex.id, want)
    assert result.status == "correct", result.message
    claimed = [message for predicate, message in ex.mistakes if _fires(predicate, want)]
    assert claimed == [], f"mistakes that also describe the right answer: {claimed}"


@pytest.mark.parametrize("ex", FUNCTION_EXERCISES, ids=lambda e: e.id)
def test_reference_function_is_right_and_no_mistake_claims_it(ex):
    reference = ex.expected()
    result = checks.evaluate(ex.id, reference)
    assert result.status == "correct", result.message
    cases = ex.cases()
    assert len(cases) >= 2, "a function exercise needs several cases"
    for args in cases:
        right = reference(*[a.copy() if isinstance(a, np.ndarray) else a for a in args])
        claimed = [message for predicate, message in ex.mistakes if _fires(predicate, right, args)]
        assert claimed == [], f"on {args!r}, mistakes that also describe the right result: {claimed}"


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_ellipsis_and_none_are_not_attempted(ex):
    assert checks.evaluate(ex.id, ...).status == "not attempted"
    assert checks.evaluate(ex.id, None).status == "not attempted"


def _template_pass(*args):
    pass


def _template_ellipsis(*args):
    ...  # your code here


def _template_return(*args):
    return ...  # the answer


def _forgot_return(*args):
    # computes something and forgets to hand it back: the forgotten return is the point
    [np.asarray(a) for a in args]


@pytest.mark.parametrize("ex", FUNCTION_EXERCISES, ids=lambda e: e.id)
def test_function_templates_are_not_attempted_and_a_forgotten_return_is_named(ex):
    for template in (_template_pass, _template_ellipsis, _template_return):
        assert checks.evaluate(ex.id, template).status == "not attempted", template.__name__
    result = checks.evaluate(ex.id, _forgot_return)
    assert result.status == "wrong"
    assert "your function returned None - did you forget `return`?" in result.message


def _fires(predicate, *args):
    try:
        with np.errstate(all="ignore"):
            return bool(predicate(*args))
    except Exception:  # noqa: BLE001 - a predicate that does not apply to this kind of answer
        return False
