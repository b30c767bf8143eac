"""Exercises of notebook 04: solutions pass, ... is "not attempted", classic mistakes are named."""

import math

import numpy as np
import pytest

from lecture_utils.calculus import Value, numerical_gradient
from lecture_utils.checks import all_exercises, evaluate, get_exercise

IDS = ["04.secant_slope", "04.quotient_rule", "04.chain_rule", "04.value_graph", "04.gradient_check"]


def test_notebook_04_has_these_exercises():
    assert [e.id for e in all_exercises() if e.id.startswith("04.")] == sorted(IDS)


@pytest.mark.parametrize("ex_id", IDS)
def test_solution_passes_and_ellipsis_is_not_attempted(ex_id):
    ex = get_exercise(ex_id)
    assert evaluate(ex_id, ex.solution_answer()).status == "correct"
    assert evaluate(ex_id, ...).status == "not attempted"
    assert evaluate(ex_id, None).status == "not attempted"


def test_answers_against_independent_values():
    assert evaluate("04.secant_slope", 4.01).status == "correct"
    assert evaluate("04.quotient_rule", 8 / 9).status == "correct"
    assert evaluate("04.quotient_rule", 0.8888889).status == "correct"
    assert evaluate("04.value_graph", (12, 4)).status == "correct"
    sig = 1 / (1 + math.exp(-0.5))
    assert evaluate("04.gradient_check", np.array([sig + 1, -1.0])).status == "correct"
    f = lambda v: math.log(1 + math.exp(v[0])) + v[0] * v[1] ** 2
    assert evaluate("04.gradient_check", numerical_gradient(f, [0.5, -1.0])).status == "correct"
    assert evaluate("04.chain_rule", lambda x: 2 * x * np.exp(x * x)).status == "correct"


@pytest.mark.parametrize("ex_id, answer, says", [
    ("04.secant_slope", 4, "slope of the tangent"),
    ("04.secant_slope", 0.0401, "divide it by the width"),
    ("04.secant_slope", 0.4 / 0.01, "not 0.4"),
    ("04.secant_slope", 5.0401 / 0.01, "*difference*"),
    ("04.secant_slope", 3.0, "Not quite"),
    ("04.quotient_rule", 4.0, "not the quotient of the derivatives"),
    ("04.quotient_rule", 8 / 3, "(1 + x)² = 9"),
    ("04.quotient_rule", 4 / 3, "that is h(2)"),
    ("04.quotient_rule", 16 / 9, "you added the two terms"),
    ("04.quotient_rule", -8 / 9, "sign is flipped"),
    ("04.chain_rule", lambda x: np.exp(x ** 2), "forgot to multiply by the inner derivative"),
    ("04.chain_rule", lambda x: np.exp(2 * x), "went into the exponent"),
    ("04.chain_rule", lambda x: 2 * x, "Not quite"),
    ("04.chain_rule", lambda x: ..., "Not attempted"),
    ("04.chain_rule", 3.0, "wants a function"),
    ("04.value_graph", (6.0, 2.0), "factor 2 is missing"),
    ("04.value_graph", (0.0, 0.0), "call L.backward()"),
    ("04.value_graph", (4.0, 12.0), "swapped"),
    ("04.value_graph", (Value(2.0), Value(1.0)), "not the Value objects"),
    ("04.value_graph", (12.0,), "wrong shape"),
    ("04.gradient_check", [1 / (1 + math.exp(0.5)) + 1, -1.0], "inner derivative of u = 1 + e^x₁"),
    ("04.gradient_check", [1 / (1 + math.exp(-0.5)) + 1, 1.0], "2x₁x₂"),
    ("04.gradient_check", [[1 / (1 + math.exp(-0.5)) + 1], [-1.0]], "a column of shape (2, 1)"),
])
def test_mistakes_are_named(ex_id, answer, says):
    result = evaluate(ex_id, answer)
    assert result.status in ("wrong", "not attempted")
    assert says in result.message, result.message
