"""The checker engine on exercises made up for these tests: outcomes, generic diagnosis
(pinned messages), function exercises (forgotten return, stubs, time limit, in-place
changes), discovery and the ``slip`` helper."""

import math
import time

import numpy as np
import pytest

from lecture_utils import checks, registry
from lecture_utils.checks import Exercise, close, evaluate, slip
from lecture_utils.checks.running import is_stub

M = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
S = np.array([[1.0, 2.0], [3.0, 4.0]])
TEST_EXERCISES = (
    Exercise(id="00.test_matrix", expected=lambda: M, hint="look at M.",
             mistakes=((lambda a: np.array_equal(a, M + 1), "you added one."),)),
    Exercise(id="00.test_greedy", expected=lambda: M, hint="look at M.",
             mistakes=((lambda a: True, "this predicate matches everything."),)),
    Exercise(id="00.test_square", expected=lambda: S, hint="square."),
    Exercise(id="00.test_int", expected=lambda: np.arange(3), hint="ints.", exact_dtype=True),
    Exercise(id="00.test_shape", expected=lambda: (3, 4), hint="shape rule.", reveal_shape=False),
    Exercise(id="00.test_count", expected=lambda: 12, hint="count them."),
    Exercise(id="00.test_number", expected=lambda: 8 / 9, hint="by hand.",
             mistakes=(slip(lambda: 4 / 9, "you halved it."),)),
    Exercise(id="00.test_rounded", expected=lambda: 8 / 9, hint="by hand.", rounding_ok=True),
    Exercise(id="00.test_bools", expected=lambda: (True, False, True), hint="think."),
    Exercise(id="00.test_func", expected=lambda: (lambda A: A.T), hint="swap i and j.",
             cases=lambda: [(M,), (np.arange(6.0).reshape(3, 2),)],
             mistakes=(slip(lambda A: 2 * A.T, "you doubled it."),)),
    Exercise(id="00.test_pair", expected=lambda: (np.array([1.0, 2.0]), 0.5), hint="(dw, db)."),
)


@pytest.fixture(autouse=True, scope="module")
def registered():
    checks.all_exercises()  # load the real exercises first
    checks.register(*TEST_EXERCISES)
    yield
    for ex in TEST_EXERCISES:
        del checks._REGISTRY[ex.id]


def result(eid, answer):
    r = evaluate(eid, answer)
    assert r.internal_error is None, r.internal_error
    return r


def status(eid, answer):
    return result(eid, answer).status


def message(eid, answer):
    return result(eid, answer).message


def test_three_outcomes():
    assert status("00.test_matrix", M.copy()) == "correct"
    assert status("00.test_matrix", ...) == "not attempted"
    assert status("00.test_matrix", None) == "not attempted"
    assert status("00.test_matrix", M * 0) == "wrong"


def test_check_prints_and_returns_nothing(capsys):
    assert checks.check("00.test_matrix", ...) is None
    assert "Not attempted yet" in capsys.readouterr().out
    checks.check("00.test_matrix", M)
    assert capsys.readouterr().out == "✅ [00.test_matrix] Correct - well done!\n"


def test_known_mistake_is_named_with_the_hint_and_never_for_a_right_answer():
    msg = message("00.test_matrix", M + 1)
    assert msg == "Not quite: you added one. Hint: look at M."
    assert status("00.test_greedy", M) == "correct"  # although its predicate matches everything
    assert "matches everything" in message("00.test_greedy", M + 1)


@pytest.mark.parametrize("eid, answer, expected_text", [
    ("00.test_matrix", M.T, "transpose of the right one"),
    ("00.test_square", S.T, "transpose of the right one"),
    ("00.test_matrix", M.ravel(), "right numbers, wrong shape: got (6,), expected (2, 3)"),
    ("00.test_matrix", np.zeros((3, 3)), "wrong shape: got (3, 3), expected (2, 3)"),
    ("00.test_int", np.arange(3).reshape(3, 1), "a column of shape (3, 1)"),
    ("00.test_int", np.arange(3.0), "dtype is float64"),
    ("00.test_square", -S, "the sign is flipped"),
    ("00.test_square", 2 * S, "all entries are 2× the right ones (a constant multiple)"),
    ("00.test_square", S / 3, "all entries are 1/3 of the right ones"),
    ("00.test_square", S + 0.5, "every entry is 0.5 too large"),
    ("00.test_square", S[::-1], "the right numbers, but in the wrong places"),
    ("00.test_square", S + np.array([[0, 0], [3.0, 0]]), "1 of 4 entries differs from the right answer: entry [1, 0] is 3 too large."),
    ("00.test_square", S - np.array([[0.25, 0], [0, 2.0]]),
     "2 of 4 entries differ from the right answer: entry [0, 0] is 0.25 too small, entry [1, 1] is 2 too small."),
    ("00.test_square", np.array([[1, 2], [3, 4]]) * np.array([[1, 1], [1, 2]]), "entry [1, 1] is 4 too large"),
    ("00.test_square", [[1.0, 2.0], [3.0]], "a ragged list: its rows have different lengths"),
    ("00.test_square", S > 2, "True/False values (the result of a comparison?) where numbers are wanted"),
    ("00.test_square", S + 0j, "complex numbers"),
    ("00.test_square", np.array(["1", "2"]), "text (strings) where numbers are wanted"),
    ("00.test_square", "S", "expected a number or an array of numbers, got a string 'S'"),
    ("00.test_square", {"a": 1}, "got a dict"),
    ("00.test_square", np.zeros((0, 2)), "your answer is empty"),
    ("00.test_square", S * np.array([[1, np.nan], [1, 1]]), "1 of 4 entries of your answer are NaN (not a number)"),
    ("00.test_square", S * np.array([[1, np.inf], [1, 1]]), "entries of your answer are infinite"),
    ("00.test_square", 3.0, "that is a single number; an array of shape (2, 2) is wanted"),
    ("00.test_square", lambda: S, "that is a function; this exercise wants a value"),
    ("00.test_count", 13, "your whole number is off by one or two (too large)"),
    ("00.test_count", 14.5, "your value is too large by about 21%"),
    ("00.test_count", 12.01, "your value is very close, but a little too large"),
    ("00.test_number", (1, 2), "one number is wanted; your answer has 2 numbers."),
    ("00.test_count", 24, "your value is 2× the right one (off by a factor of 2)"),
    ("00.test_count", 6, "your value is 1/2 of the right one"),
    ("00.test_count", -12, "the sign is flipped"),
    ("00.test_count", (3, 4), ("(3, 4) is a shape: the size along each axis. This asks for one number, a count "
                               "- the number of entries is their product.")),
    ("00.test_count", [1, 2, 3, 4], "one number is wanted; your answer has 4 numbers."),
    ("00.test_count", True, "expected a number, got the boolean True"),
    ("00.test_number", 0.8889, "close - keep more digits (don't round)"),
    ("00.test_number", 0.88, "close - keep more digits"),
    ("00.test_number", 0.444, "you halved it."),  # a slip is recognised when rounded too
    ("00.test_rounded", 0.89, "close - keep more digits"),
    ("00.test_shape", 12, "a shape is a tuple with one size per axis, like (3, 4); this one has 2 axes"),
    ("00.test_shape", "(3, 4)", "give the shape as a tuple of 2 whole numbers, like (3, 4), without quotes"),
    ("00.test_shape", (3, 4, 1), "this result has 2 axes: give a tuple of 2 sizes (yours has 3)"),
    ("00.test_shape", (4, 3), "the right sizes in the wrong order"),
    ("00.test_shape", (3, 5), "the size along axis 1 is not right"),
    ("00.test_shape", (3.5, 4), "sizes along axes are whole numbers"),
    ("00.test_bools", (True, False, False), "1 of 3 answers is not right (answer 3, counting from 1)"),
    ("00.test_bools", ("True", "False", "True"), "answer with True/False, not strings"),
    ("00.test_bools", [1, 0, 1], "answer with True or False (got 1; 1 and 0 are not accepted either)"),
    ("00.test_bools", (True, False), "give 3 answers (True or False), one for each item; got 2"),
    ("00.test_bools", True, "give 3 answers, each True or False, in a tuple"),
    ("00.test_pair", (np.array([1.0, 2.0]), -0.5), "the 2nd value (index 1): the sign is flipped"),
    ("00.test_pair", np.array([1.0, 2.0]), "expected 2 values (a tuple), got an array of shape (2,)"),
    ("00.test_pair", (1.0, 2.0, 0.5), "expected 2 values (a tuple), got 3"),
])
def test_generic_diagnosis(eid, answer, expected_text):
    assert expected_text in message(eid, answer)


def test_rounding_can_be_accepted():
    assert status("00.test_rounded", 0.889) == "correct"
    assert status("00.test_rounded", 0.8889) == "correct"
    assert status("00.test_number", 0.889) == "wrong"


def test_shape_answers_never_echo_the_answers_own_shape():
    for answer in [(3, 4, 1), 12, (4, 3), "(3, 4)", [3, 4, 5, 6]]:
        msg = message("00.test_shape", answer)
        assert "(3,)" not in msg and "()" not in msg and "(4,)" not in msg, msg
    assert "(2,)" not in message("00.pixels_in_digit", (8, 8))


def stub_pass(A):
    pass


def stub_doc(A):
    """Transpose A."""


def stub_doc_ellipsis(A):
    """Transpose A."""
    ...  # noqa: PIE790 - the template students see: docstring and ...


def stub_return_none(A):
    return None


def stub_raise(A):
    raise NotImplementedError("your code here")


def no_return(A):
    n, m = A.shape
    T = np.zeros((m, n))
    for i in range(m):
        for j in range(n):
            T[i, j] = A[j, i]


def partly_no_return(A):
    if A.shape[0] == 2:
        return A.T


@pytest.mark.parametrize("stub", [stub_pass, stub_doc, stub_doc_ellipsis, stub_return_none, stub_raise,
                                  lambda A: ..., lambda A: None])
def test_stubs_are_not_attempted(stub):
    assert is_stub(stub)
    assert status("00.test_func", stub) == "not attempted"


def test_a_forgotten_return_is_named():
    assert not is_stub(no_return)
    msg = message("00.test_func", no_return)
    assert "your function returned None - did you forget `return`?" in msg
    assert "did you forget `return`?" in message("00.test_func", partly_no_return)


def test_stub_detection_falls_back_to_bytecode_without_source():
    namespace = {}
    exec("def f(A):\n    ...\ndef g(A):\n    T = A.T\n", namespace)  # noqa: S102 - no source file: bytecode decides
    assert is_stub(namespace["f"]) and not is_stub(namespace["g"])
    assert status("00.test_func", namespace["f"]) == "not attempted"
    assert "did you forget `return`" in message("00.test_func", namespace["g"])


def forever(A):
    while True:
        pass


def stubborn(A):
    try:
        while True:
            pass
    except BaseException:  # noqa: BLE001, S110 - swallows the first stop; the stop fires again
        pass
    while True:
        pass


def sleepy(A):
    time.sleep(3)  # ends by itself: the thread the fallback leaves behind must not spin forever
    return A.T


@pytest.mark.parametrize("func", [forever, stubborn])
def test_a_function_that_runs_too_long_is_stopped(func):
    res = result("00.test_func", func)
    assert res.timed_out and "ran for more than 1 s and was stopped" in res.message


def test_an_exercise_can_set_its_own_time_limit():
    quick = Exercise(id="00.test_quick", expected=lambda: (lambda A: A.T), hint="swap.", time_limit=0.2,
                     cases=lambda: [(M,)])
    checks.register(quick)
    try:
        res = result("00.test_quick", forever)
        assert res.timed_out and "ran for more than 0.2 s and was stopped" in res.message
    finally:
        del checks._REGISTRY["00.test_quick"]


def test_the_time_limit_also_works_outside_the_main_thread():
    import threading

    box = {}
    worker = threading.Thread(target=lambda: box.setdefault("msg", evaluate("00.test_func", sleepy).message))
    worker.start()
    worker.join(30)
    assert "was stopped" in box["msg"]


@pytest.mark.parametrize("func, expected_text", [
    (lambda A: A.T.copy(), None),
    (lambda A: A, "transpose of the right one"),
    (lambda A: 2 * A.T, "you doubled it"),
    (lambda A: 1 / 0, "your function raised ZeroDivisionError: division by zero (on input A of shape (2, 3))"),
    (lambda A: "A.T", "expected a number or an array of numbers, got a string"),
    (lambda A: A.T.astype(int) + 0 * A.T.astype(int), None),  # whole-number inputs: int is fine here
    (lambda A: [list(r) for r in A.T], None),
    (3, "this exercise wants a function (def ...), got an int"),
])
def test_function_exercises(func, expected_text):
    r = result("00.test_func", func)
    if expected_text is None:
        assert r.status == "correct", r.message
    else:
        assert expected_text in r.message


def test_a_function_changing_its_input_in_place_is_told_so():
    def vandal(A):
        A[:] = 0
        return A.T

    assert "your function changed its input `A` in place" in message("00.test_func", vandal)
    assert status("00.test_func", lambda A: A.T) == "correct"  # the next check sees clean inputs


def test_int_arrays_that_cut_off_fractions_are_named():
    halves = Exercise(id="00.test_halves", expected=lambda: (lambda x: x / 2), hint="halve.",
                      cases=lambda: [(np.array([1.0, 3.0, 4.0]),)])
    checks.register(halves)
    try:
        msg = message("00.test_halves", lambda x: x // 2)
        assert "whole numbers where fractions are wanted" in msg
    finally:
        del checks._REGISTRY["00.test_halves"]


def test_unknown_exercise_is_an_error_naming_the_notebook_exercises():
    with pytest.raises(ValueError, match=r"no exercise called '00.nope'; notebook 00 has \['00.pixels_in_digit'"):
        evaluate("00.nope", 1)
    with pytest.raises(ValueError, match=r"no notebook '99' has exercises \(notebooks with exercises: 00, 01"):
        evaluate("99.x", 1)
    with pytest.raises(TypeError, match="exercise_id must be a string"):
        evaluate(3, 1)


def test_ids_must_look_like_notebook_dot_name():
    for bad in ("x", "1.x", "01-x", "01.", "01.2x"):
        with pytest.raises(ValueError, match="exercise id must look like 'NN.name'"):
            Exercise(id=bad, expected=lambda: 1, hint="")


def test_every_exercise_module_declares_its_notebook_and_ids_follow_it():
    import importlib
    import pkgutil

    import lecture_utils.exercises as package

    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):  # shared helpers (exercises/_common.py) hold no exercises
            continue
        module = importlib.import_module(f"lecture_utils.exercises.{info.name}")
        assert isinstance(module.NOTEBOOK, str) and len(module.NOTEBOOK) == 2, info.name
    modules = checks.exercise._discover()
    assert set(modules) == {module.NOTEBOOK for module in registry.exercise_modules()}


def test_registering_an_id_of_another_notebook_is_an_error():
    namespace = {"NOTEBOOK": "01", "__name__": "lecture_utils.exercises.fake",
                 "register": checks.register, "Exercise": Exercise}
    with pytest.raises(ValueError, match=r"exercise '02.x' is registered in lecture_utils.exercises.fake, "
                                         r"whose NOTEBOOK is '01': its id must start with '01.'"):
        exec("register(Exercise(id='02.x', expected=lambda: 1, hint=''))", namespace)  # noqa: S102 - a module's globals


def test_slip_and_close():
    predicate, text = slip(lambda: np.array([1.0, 2.0]), "a slip.")
    assert text == "a slip." and predicate(np.array([1.0, 2.0])) and predicate([1.0, 2.0])
    assert predicate(np.array([1.0001, 2.0])) is False or not predicate(np.array([1.01, 2.0]))
    assert not predicate("abc") and not predicate(np.zeros(3)) and not predicate(None)
    f_pred, _ = slip(lambda x, p: x * p, "times p.")
    assert f_pred(6.0, (3.0, 2)) and not f_pred(5.0, (3.0, 2))
    assert close((np.array([1.0]), 0.5), (np.array([1.0]), 0.5)) and not close((1.0,), (1.0, 2.0))
    assert close(0.889, 8 / 9) and not close(0.889, 8 / 9, rounded=False)
    with pytest.raises(TypeError, match="slip\\(\\) wants a function"):
        slip(3, "x")
    with pytest.raises(TypeError, match="message"):
        slip(lambda: 1, "")


@pytest.mark.parametrize("eid, answer, expected_text", [
    ("00.test_square", np.zeros((2, 2)), "your answer is all zeros"),
    ("00.test_number", np.array([8 / 9]), "the right value, but inside an array: one plain number is wanted"),
    ("00.test_number", [8 / 9], "the right value, but inside a list"),
    ("00.test_number", np.array([4 / 9]), "one plain number is wanted, not an array holding one; and"),
    ("00.test_count", 1057 - 1045, None),  # 12: right
    ("00.test_count", 11, "your whole number is off by one or two (too small)"),
    ("00.test_pair", (np.array([1.0, 2.0]), -0.5), "the 2nd value (index 1)"),
])
def test_generic_diagnosis_of_near_misses(eid, answer, expected_text):
    r = result(eid, answer)
    if expected_text is None:
        assert r.status == "correct", r.message
    else:
        assert expected_text in r.message


def test_rounding_to_decimal_places_is_named_even_for_entries_of_different_sizes():
    w = np.array([0.06345584, 0.35538286, 1.1552364])
    exercise = Exercise(id="00.test_decimals", expected=lambda: w, hint="compute it.")
    checks.register(exercise)
    try:
        assert "keep more digits (don't round)" in message("00.test_decimals", np.round(w, 3))
        assert "keep more digits (don't round)" in message("00.test_decimals", np.trunc(w * 100) / 100)
        assert "keep more digits" not in message("00.test_decimals", w + 0.2)
    finally:
        del checks._REGISTRY["00.test_decimals"]


def test_fractions_and_decimals_are_numbers():
    from decimal import Decimal
    from fractions import Fraction

    assert status("00.test_number", Fraction(8, 9)) == "correct"
    assert status("00.test_count", Decimal(12)) == "correct"
    assert status("00.test_square", np.array([[Fraction(1), Fraction(2)], [Fraction(3), Fraction(4)]])) == "correct"
    assert "not numbers" in message("00.test_square", np.array([[Fraction(1), None], [3, 4]], dtype=object))


def test_a_right_result_that_changed_its_input_is_not_given_a_slip_that_equals_it():
    # The slip "2 * A.T" is never the right answer here, but a slip may equal the right answer
    # on a case; a right result must hear about the in-place change, never a named slip.
    same = Exercise(id="00.test_same", expected=lambda: (lambda A: A.T),
                    cases=lambda: [(np.eye(2),)], hint="swap i and j.",
                    mistakes=(slip(lambda A: A.T.copy(), "a slip that equals the right answer."),))
    checks.register(same)

    def vandal(A):
        result = A.T.copy()
        A += 1
        return result

    try:
        msg = message("00.test_same", vandal)
        assert "changed its input `A` in place" in msg and "equals the right answer" not in msg
    finally:
        del checks._REGISTRY["00.test_same"]


def test_an_index_error_in_the_students_function_says_where_to_look():
    def loops(A):
        out = np.zeros_like(A)  # should be (n, m)
        for i in range(A.shape[0]):
            for j in range(A.shape[1]):
                out[j, i] = A[i, j]
        return out

    msg = message("00.test_func", loops)
    assert "raised IndexError" in msg and "the transpose of an m×n array is n×m" in msg


def test_long_arguments_are_shortened_between_items_not_inside_one():
    from lecture_utils.checks.explain import short_args

    text = short_args((np.zeros((3, 2)), list(range(60)), 25))
    assert text.startswith("array of shape (3, 2), [0, 1, 2") and text.endswith("…, 25")
    assert short_args(tuple(range(100))).endswith(", …") and len(short_args(tuple(range(100)))) <= 123
    assert short_args((1, 2.5, "x")) == "1, 2.5, 'x'"


@pytest.mark.parametrize("func, hint", [
    (lambda A: A.T ^ 2, "in Python ^ is bitwise XOR: a power is written **"),
    (lambda A: np.array([[math.exp(A)]]), "on arrays use np.exp"),
    (lambda A: A @ A, "the shapes do not fit together"),
])
def test_common_errors_in_the_students_function_come_with_a_hint(func, hint):
    assert hint in message("00.test_func", func)


def test_an_array_wrapped_in_a_one_item_tuple_or_list_is_told_so():
    assert "a tuple holding one array (a trailing comma" in message("00.test_square", (S,))
    assert "return the array itself." in message("00.test_square", [S])
    msg = message("00.test_square", (2 * S,))
    assert "a tuple holding one array" in msg and "2× the right ones" in msg


def test_a_number_nested_two_deep_is_unwrapped_with_item_not_index():
    msg = message("00.test_number", [[8 / 9]])
    assert "take it out with .item()" in msg and "[0]" not in msg


def _cell_function(source, name, cell="/tmp/ipykernel_4242/1234567.py"):
    """A function defined the way Jupyter defines it: compiled from a cell whose lines IPython
    registers with linecache, under an ipykernel file name."""
    import linecache
    linecache.cache[cell] = (len(source), None, source.splitlines(True), cell)
    space = {"np": np}
    exec(compile(source, cell, "exec"), space)  # noqa: S102 - a test's own source, standing in for a cell
    return space[name]


def test_an_error_in_the_students_function_names_the_line_of_their_cell():
    func = _cell_function("import math\n\ndef f(A):\n    B = A.T\n    return math.sqrt(B)\n", "f")
    msg = result("00.test_func", func).message
    assert "raised TypeError in line 5 of your cell (`return math.sqrt(B)`)" in msg, msg
    assert "math.exp, math.sqrt, float() and int() take one number" in msg  # the course words stay


def test_an_error_inside_numpy_is_placed_at_the_students_line_that_called_it():
    func = _cell_function("def f(A):\n    W = np.ones((4, 4))\n    return A @ W\n", "f")
    msg = result("00.test_func", func).message
    assert "in line 3 of your cell (`return A @ W`)" in msg and "inner sizes must agree" in msg, msg


def test_an_error_in_a_helper_of_the_same_cell_names_the_helper():
    func = _cell_function("def helper(M):\n    return M[5, 5]\n\ndef f(A):\n    return helper(A.T)\n", "f")
    msg = result("00.test_func", func).message
    assert "in line 2 of your cell, inside your `helper` (`return M[5, 5]`)" in msg, msg


def test_an_error_before_the_students_code_runs_names_no_line():
    msg = result("00.test_func", lambda: 0).message  # the call itself fails: no line of theirs ran
    assert "raised TypeError:" in msg and "line" not in msg.split(":")[1], msg


def test_per_item_values_not_averaged_or_summed_are_named():
    from lecture_utils.checks.compare import compare
    from lecture_utils.checks.values import wording
    mean_ex = Exercise(id="99.mean_probe", expected=lambda: 2.0, hint="h")
    per_row = Exercise(id="99.rows_probe", expected=lambda: np.array([1.0, 2.0]), hint="h")
    losses = np.array([1.0, 2.0, 3.0])
    rows = np.array([[0.0, 1.0], [2.0, 3.0]])  # its mean over axis 0 is [1, 2], its sum over axis 1 [1, 5]
    for mode in ("practice", "graded"):
        with wording(mode):
            assert ("holds 3 separate values" if mode == "practice" else "holds separate values") in compare(mean_ex, losses, 2.0)
            assert "their mean is missing - the (1/n) Σ, np.mean." in compare(mean_ex, losses, 2.0)
            assert "their sum is missing" in compare(mean_ex, np.array([0.5, 1.5]), 2.0)
            assert "and the sign is wrong too" in compare(mean_ex, -losses, 2.0)
            assert "mean along axis 0 (axis=0)" in compare(per_row, rows, np.array([1.0, 2.0]))
            # five numbers whose mean is not the answer: no such claim
            assert "per-item" not in compare(mean_ex, losses + 1, 2.0)
            assert "per-item" not in compare(per_row, rows + 5, np.array([1.0, 2.0]))


def test_two_quantities_combined_by_the_wrong_operation_are_named():
    ex = Exercise(id="99.pair_probe", expected=lambda: 12, hint="h", quantities=lambda: {"the 3 rows": 3, "the 4 columns": 4})
    said = {a: checks.engine._check_value(ex, a) for a in (3 ^ 4, 3 - 4, 4 / 3, 81, 3 + 4)}
    assert "the 3 rows ^ the 4 columns (in Python ^ is bitwise XOR, not a power: write **)" in said[3 ^ 4]
    assert "the 3 rows − the 4 columns (subtracted)" in said[3 - 4]
    assert "the 4 columns / the 3 rows (divided)" in said[4 / 3]
    assert "the 3 rows ** the 4 columns (a power)" in said[81]
    assert "the 3 rows + the 4 columns (added)" in said[3 + 4]
    assert "pieces" not in checks.engine._check_value(ex, 13)  # no combination of the pieces gives 13
