"""Exercises of notebook 04: solutions pass, ... is "not attempted", classic mistakes are named,
and no listed mistake is true of the right answer (the data separate right from wrong)."""

import math

import numpy as np
import pytest

from lecture_utils.calculus import Value, numerical_gradient
from lecture_utils.checks import all_exercises, evaluate, get_exercise

IDS = ["04.secant_slope", "04.quotient_rule", "04.chain_rule", "04.value_graph", "04.gradient_check"]


def test_notebook_04_has_these_exercises():
    assert [e.id for e in all_exercises() if e.id.startswith("04.")] == sorted(IDS)


@pytest.mark.parametrize("ex_id", IDS)
def test_no_listed_mistake_matches_the_right_answer(ex_id):
    ex = get_exercise(ex_id)
    assert len(ex.mistakes) >= 5
    if ex.cases is None:
        right = ex.expected()
        for predicate, message in ex.mistakes:
            assert not predicate(right), message
    else:
        reference = ex.expected()
        for args in ex.cases():
            for predicate, message in ex.mistakes:
                assert not predicate(reference(*args), args), (args, message)


def test_answers_against_independent_values():
    assert evaluate("04.secant_slope", 6.01).status == "correct"  # (3.01² + 1 − 10) / 0.01
    assert "worked example" in evaluate("04.secant_slope", 4.01).message  # the slope printed above it
    assert evaluate("04.quotient_rule", 15 / 16).status == "correct"  # (x² + 2x) / (1 + x)² at 3
    assert evaluate("04.quotient_rule", 0.9375).status == "correct"
    assert evaluate("04.value_graph", (18, 6)).status == "correct"  # 2·3·x, 2·3 with w·x + b − t = 3
    sig = 1 / (1 + math.exp(-0.7))
    assert evaluate("04.gradient_check", np.array([sig + 2.25, -2.1])).status == "correct"
    def f(v):
        return math.log(1 + math.exp(v[0])) + v[0] * v[1] ** 2

    assert evaluate("04.gradient_check", numerical_gradient(f, [0.7, -1.5])).status == "correct"
    assert evaluate("04.chain_rule", lambda x: 2 * x * np.exp(x * x)).status == "correct"


def test_value_graph_solution_built_with_value():
    w, x, b, t = Value(2.0), Value(3.0), Value(1.0), Value(4.0)
    L = (w * x + b - t) ** 2
    L.backward()
    assert evaluate("04.value_graph", (w.grad, b.grad)).status == "correct"
    L.backward()  # a second call adds the same gradients again: the checker names that
    assert "backward() ran twice" in evaluate("04.value_graph", (w.grad, b.grad)).message


@pytest.mark.parametrize("ex_id, answer, says", [
    ("04.secant_slope", 6, "slope of the tangent"),
    ("04.secant_slope", 0.0601, "divide it by the width"),
    ("04.secant_slope", 0.6 / 0.01, "not 0.6"),
    ("04.secant_slope", 10.0601 / 0.01, "*difference*"),
    ("04.secant_slope", 3.0, "Not quite"),
    ("04.quotient_rule", 6.0, "not the quotient of the derivatives"),
    ("04.quotient_rule", 1.5, "term − f g′"),
    ("04.quotient_rule", 15 / 4, "(1 + x)² = 16"),
    ("04.quotient_rule", 9 / 4, "that is h(3)"),
    ("04.quotient_rule", 33 / 16, "you added the two terms"),
    ("04.quotient_rule", -15 / 16, "sign is flipped"),
    ("04.chain_rule", lambda x: np.exp(x ** 2), "forgot to multiply by the inner derivative"),
    ("04.chain_rule", lambda x: np.exp(2 * x), "went into the exponent"),
    ("04.chain_rule", lambda x: 3 * x, "Not quite"),
    ("04.chain_rule", lambda x: ..., "Not attempted"),
    ("04.chain_rule", 3.0, "wants a function"),
    ("04.value_graph", (9.0, 3.0), "factor 2 is missing"),
    ("04.value_graph", (0.0, 0.0), "call L.backward()"),
    ("04.value_graph", (6.0, 18.0), "swapped"),
    ("04.value_graph", (Value(2.0), Value(1.0)), "not the Value objects"),
    ("04.value_graph", (18.0,), "Not quite"),
    ("04.gradient_check", [1 / (1 + math.exp(0.7)) + 2.25, -2.1], "inner derivative of u = 1 + e^x₁"),
    ("04.gradient_check", [1 / (1 + math.exp(-0.7)) + 2.25, 2.25], "2x₁x₂"),
    ("04.gradient_check", [[1 / (1 + math.exp(-0.7)) + 2.25], [-2.1]], "Not quite"),
])
def test_mistakes_are_named(ex_id, answer, says):
    result = evaluate(ex_id, answer)
    assert result.status in ("wrong", "not attempted")
    assert says in result.message, result.message


def test_a_fraction_with_the_right_value_is_correct():
    from fractions import Fraction

    from lecture_utils import checks

    right = checks.get_exercise("04.quotient_rule").expected()
    assert checks.evaluate("04.quotient_rule", Fraction(right).limit_denominator(1000)).status == "correct"
