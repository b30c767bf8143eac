"""Every realistic wrong answer in tests/banks/ is judged wrong, never crashes, and (the target)
at least 80 % of them get a message naming their mistake."""

import importlib
import pkgutil

import pytest

from lecture_utils import checks

import banks

MIN_SLIPS_PER_EXERCISE = 5
TARGET_SPECIFIC = 0.80


def _bank():
    merged = {}
    for info in pkgutil.iter_modules(banks.__path__):
        module = importlib.import_module(f"{banks.__name__}.{info.name}")
        for exercise_id, slips in module.BANK.items():
            assert exercise_id not in merged, f"{exercise_id} has slips in two bank modules"
            merged[exercise_id] = list(slips)
    return merged


BANK = _bank()
CASES = [(ex_id, slip) for ex_id, slips in sorted(BANK.items()) for slip in slips]


def test_every_exercise_has_a_bank():
    ids = {ex.id for ex in checks.all_exercises()}
    assert not set(BANK) - ids, f"banks name exercises that do not exist: {sorted(set(BANK) - ids)}"
    thin = {i: len(BANK.get(i, [])) for i in sorted(ids) if len(BANK.get(i, [])) < MIN_SLIPS_PER_EXERCISE}
    assert not thin, f"exercises with fewer than {MIN_SLIPS_PER_EXERCISE} slips in tests/banks: {thin}"


@pytest.mark.parametrize("exercise_id, slip", CASES, ids=[f"{i}:{s.why}" for i, s in CASES])
def test_slip_is_wrong_and_named(exercise_id, slip):
    result = checks.evaluate(exercise_id, slip.answer())
    assert result.status == "wrong", f"{slip.why!r} was judged {result.status}: {result.message}"
    assert "could not be checked" not in result.message
    if slip.says is not None:
        assert slip.says.lower() in result.message.lower(), (
            f"{slip.why!r}: expected the message to say {slip.says!r}, got: {result.message}")


def test_share_of_slips_named(record_property):
    named = sum(slip.says is not None for _, slip in CASES)
    share = named / max(len(CASES), 1)
    record_property("misconceptions_named", f"{named}/{len(CASES)}")
    print(f"\nmisconception coverage: {named} of {len(CASES)} slips named ({share:.0%})")
    assert share >= TARGET_SPECIFIC, f"only {named} of {len(CASES)} slips ({share:.0%}) get a specific message"
