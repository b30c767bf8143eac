import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lecture_utils import checks
from lecture_utils.checks import Exercise, evaluate

# Exercises made up for these tests, registered under notebook 00's prefix while they run.
M = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
TEST_EXERCISES = (
    Exercise(id="00.test_matrix", expected=lambda: M, hint="look at M.",
             mistakes=((lambda a: np.array_equal(a, M + 1), "you added one."),)),
    Exercise(id="00.test_int", expected=lambda: np.arange(3), hint="ints.", exact_dtype=True),
    Exercise(id="00.test_shape", expected=lambda: (3, 4), hint="shape rule.", reveal_shape=False),
    Exercise(id="00.test_func", expected=lambda: (lambda A: A.T), hint="swap i and j.",
             cases=lambda: [(M,), (np.arange(6.0).reshape(3, 2),)]),
    Exercise(id="00.test_pair", expected=lambda: (np.array([1.0, 2.0]), 0.5), hint="(dw, db)."),
)


@pytest.fixture(autouse=True, scope="module")
def registered():
    checks.get_exercise("00.pixels_in_digit")  # load notebook 00's real exercises first
    checks.register(*TEST_EXERCISES)
    yield
    for ex in TEST_EXERCISES:
        del checks._REGISTRY[ex.id]


def status(eid, answer):
    return evaluate(eid, answer).status


def message(eid, answer):
    return evaluate(eid, answer).message


def test_three_outcomes():
    assert status("00.test_matrix", M.copy()) == "correct"
    assert status("00.test_matrix", ...) == "not attempted"
    assert status("00.test_matrix", None) == "not attempted"
    assert status("00.test_matrix", M * 0) == "wrong"


def test_check_prints_and_returns_nothing(capsys):
    assert checks.check("00.test_matrix", ...) is None
    assert "Not attempted yet" in capsys.readouterr().out
    checks.check("00.test_matrix", M)
    assert "Correct" in capsys.readouterr().out


def test_known_mistake_is_named_with_the_hint():
    msg = message("00.test_matrix", M + 1)
    assert "you added one." in msg and "Hint: look at M." in msg


@pytest.mark.parametrize("answer, expected_text", [
    (M.T, "transpose of the right one"),
    (-M, "sign is flipped"),
    (2 * M, "constant multiple"),
    (M.ravel(), "right numbers, wrong shape: got (6,), expected (2, 3)"),
    (np.zeros((3, 3)), "wrong shape: got (3, 3), expected (2, 3)"),
    (M + np.eye(2, 3), "2 of 6 entries differ"),
    ("M", "expected a number or an array of numbers, got a str"),
    (np.array(["a", "b"]), "expected a number or an array of numbers"),
])
def test_generic_mistakes(answer, expected_text):
    assert expected_text in message("00.test_matrix", answer)


def test_column_vector_where_flat_wanted():
    assert "a column of shape (3, 1)" in message("00.test_int", np.arange(3).reshape(3, 1))


def test_dtype_can_matter():
    assert "dtype is float64" in message("00.test_int", np.arange(3.0))


def test_shape_answers_do_not_reveal_the_shape():
    msg = message("00.test_shape", (3, 4, 1))
    assert "(3, 4)" not in msg.replace("(3, 4, 1)", "")


def test_function_exercises():
    assert status("00.test_func", lambda A: A.T.copy()) == "correct"
    assert status("00.test_func", lambda A: ...) == "not attempted"

    def stub(A):
        raise NotImplementedError

    assert status("00.test_func", stub) == "not attempted"
    assert "transpose of the right one" in message("00.test_func", lambda A: A)
    assert "your function raised ZeroDivisionError" in message("00.test_func", lambda A: 1 / 0)
    assert "wants a function" in message("00.test_func", 3)


def test_a_function_cannot_spoil_the_next_case():
    def vandal(A):
        A[:] = 0
        return A.T

    assert status("00.test_func", vandal) == "wrong"
    assert status("00.test_func", lambda A: A.T) == "correct"


def test_tuple_answers():
    assert status("00.test_pair", (np.array([1.0, 2.0]), 0.5)) == "correct"
    assert "item 1: the sign is flipped" in message("00.test_pair", (np.array([1.0, 2.0]), -0.5))
    assert "expected 2 values" in message("00.test_pair", np.array([1.0, 2.0]))


def test_unknown_exercise_is_an_error_naming_the_notebook_exercises():
    with pytest.raises(ValueError, match=r"no exercise called '00.nope'; notebook 00 has \['00.pixels_in_digit'"):
        evaluate("00.nope", 1)
    with pytest.raises(TypeError, match="exercise_id must be a string"):
        evaluate(3, 1)


def test_ids_must_name_a_notebook():
    with pytest.raises(ValueError, match="exercise id must look like 'NN.name'"):
        Exercise(id="99.x", expected=lambda: 1, hint="")


answers = st.one_of(
    st.none(), st.integers(), st.floats(allow_nan=True), st.text(max_size=5), st.booleans(),
    st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=8),
    st.lists(st.lists(st.integers(-3, 3), min_size=0, max_size=4), max_size=4),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.functions(like=lambda A: A, returns=st.integers()),
)


@settings(max_examples=200, deadline=None)
@given(answer=answers, eid=st.sampled_from(["00.test_matrix", "00.test_int", "00.test_shape",
                                            "00.test_func", "00.test_pair", "00.pixels_in_digit"]))
def test_never_raises_on_any_answer(answer, eid):
    result = evaluate(eid, answer)
    assert result.status in ("correct", "not attempted", "wrong")
    assert result.message


def test_a_wrong_single_number_is_not_called_a_constant_multiple():
    msg = message("00.pixels_in_digit", 65)
    assert "constant multiple" not in msg and "the value is not right" in msg
