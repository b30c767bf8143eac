"""Tests of lecture_utils.calculus: finite differences and the Value engine (backward, zero_grad)."""

import math
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples

from lecture_utils import calculus
from lecture_utils.autodiff import BackwardStep
from lecture_utils.calculus import Value, derivative, numerical_gradient

# The lecture's table of derivatives, written out by hand (the independent reference).
TABLE = [
    (lambda x: 1.0 + 0 * x, lambda x: 0.0, 1.7),
    (lambda x: x, lambda x: 1.0, 1.7),
    (lambda x: x ** 2, lambda x: 2 * x, 1.7),
    (lambda x: x ** 3, lambda x: 3 * x ** 2, -1.3),
    (np.sqrt, lambda x: 0.5 / math.sqrt(x), 2.5),
    (np.log, lambda x: 1 / x, 0.7),
    (np.exp, np.exp, 0.3),
]


def central(f, x, h=1e-6):
    """Independent central difference, for the tests only."""
    return (f(x + h) - f(x - h)) / (2 * h)


# --- derivative ----------------------------------------------------------------------------
@pytest.mark.parametrize("f, df, x", TABLE)
def test_derivative_matches_table(f, df, x):
    assert derivative(f, x) == pytest.approx(df(x), rel=1e-8, abs=1e-9)
    assert derivative(f, x, method="forward", h=1e-7) == pytest.approx(df(x), rel=1e-5, abs=1e-6)
    assert derivative(f, x, method="backward", h=1e-7) == pytest.approx(df(x), rel=1e-5, abs=1e-6)


def test_lecture_secants():
    # Errata: (2.01**2 + 1 - 5) / 0.01 = 4.01, and (5.02 - 5) / (2.01 - 2) = 2.
    assert derivative(lambda x: x ** 2 + 1, 2, h=0.01, method="forward") == pytest.approx(4.01)
    assert derivative(lambda x: 2 * x + 1, 2, h=0.01, method="forward") == pytest.approx(2.0)
    assert derivative(lambda x: x ** 2 + 1, 2, h=0.01) == pytest.approx(4.0)  # central is exact here


def test_forward_error_shrinks_like_h_central_like_h_squared():
    errs_f = [abs(derivative(np.exp, 1.0, h=h, method="forward") - math.e) for h in (1e-2, 1e-3)]
    errs_c = [abs(derivative(np.exp, 1.0, h=h) - math.e) for h in (1e-2, 1e-3)]
    assert errs_f[0] / errs_f[1] == pytest.approx(10, rel=0.05)
    assert errs_c[0] / errs_c[1] == pytest.approx(100, rel=0.05)


def test_derivative_accepts_value_returning_function():
    assert derivative(lambda x: Value(x) ** 2, 3.0) == pytest.approx(6.0)


@pytest.mark.parametrize("kwargs, error, match", [
    ({"f": 3, "x": 1.0}, TypeError, r"f must be a function \(callable\), got int 3"),
    ({"f": np.sin, "x": "1"}, TypeError, r"x must be a real number, got str '1'"),
    ({"f": np.sin, "x": 1.0, "h": 0}, ValueError, r"h must be positive, got 0.0"),
    ({"f": np.sin, "x": 1.0, "method": "centered"}, ValueError,
     r"method must be one of \('central', 'forward', 'backward'\), got 'centered'"),
    ({"f": lambda x: np.array([x, x]), "x": 1.0}, TypeError,
     r"f must return a single real number, but f\(x \+ h\) returned an array of shape \(2,\)"),
    ({"f": np.sqrt, "x": 0.0}, ValueError, r"f\(x - h\) is nan: is that point outside f's domain"),
    ({"f": np.sin, "x": 1e10, "h": 1e-10}, ValueError, r"h = 1e-10 is too small to change x = 1e\+10"),
])
def test_derivative_errors(kwargs, error, match):
    with pytest.raises(error, match=match), np.errstate(invalid="ignore"):
        derivative(**kwargs)


# --- numerical_gradient ----------------------------------------------------------------------
@pytest.mark.parametrize("shape", [(), (3,), (2, 3), (2, 2, 2)])
def test_numerical_gradient_any_shape(shape):
    rng = np.random.default_rng(0)
    x = rng.normal(size=shape)
    g = numerical_gradient(lambda v: np.sum(v ** 3) + np.sum(v), x)
    assert g.shape == np.shape(x)
    np.testing.assert_allclose(g, 3 * x ** 2 + 1, rtol=1e-7, atol=1e-8)


@settings(max_examples=examples(40), deadline=None)
@given(shape=st.lists(st.integers(1, 4), min_size=0, max_size=3), seed=st.integers(0, 2 ** 16))
def test_numerical_gradient_property_any_shape_x_untouched(shape, seed):
    x = np.random.default_rng(seed).uniform(-2, 2, size=tuple(shape))
    before = x.copy()
    g = numerical_gradient(lambda v: float(np.sum(np.sin(v) * v)), x)
    assert g.shape == x.shape and g.dtype == np.float64
    np.testing.assert_array_equal(x, before)
    np.testing.assert_allclose(g, np.cos(x) * x + np.sin(x), rtol=1e-7, atol=1e-8)


@settings(max_examples=examples(40), deadline=None)
@given(coeffs=st.lists(st.floats(-3, 3), min_size=1, max_size=5), x=st.floats(-2, 2))
def test_derivative_property_polynomials(coeffs, x):
    p = np.polynomial.Polynomial(coeffs)
    exact = p.deriv()(x)
    assert derivative(p, x) == pytest.approx(exact, rel=1e-7, abs=1e-7)
    assert derivative(p, x, h=1e-7, method="forward") == pytest.approx(exact, rel=1e-4, abs=1e-4)


def test_numerical_gradient_quadratic_form_and_x_untouched():
    A = np.array([[2.0, 1.0], [0.0, 3.0]])
    x = np.array([1, -2])  # int input: the gradient is float anyway
    before = x.copy()
    g = numerical_gradient(lambda v: v @ A @ v, x)
    np.testing.assert_array_equal(x, before)
    assert x.dtype.kind == "i"
    np.testing.assert_allclose(g, (A + A.T) @ x, rtol=1e-8)


def test_numerical_gradient_of_matrix_function():
    W = np.arange(6.0).reshape(2, 3)
    g = numerical_gradient(lambda M: np.sum(M ** 2) / 2, W)
    np.testing.assert_allclose(g, W, atol=1e-8)


def test_numerical_gradient_errors():
    with pytest.raises(TypeError, match=r"f must be a function \(callable\)"):
        numerical_gradient("f", [1.0])
    with pytest.raises(ValueError, match=r"x must not be empty, got shape \(0,\)"):
        numerical_gradient(np.sum, [])
    with pytest.raises(TypeError, match=r"x must hold numbers"):
        numerical_gradient(np.sum, ["a"])
    with pytest.raises(TypeError, match=r"f must return a single real number, but f\(x \+ h e_i\) returned an array of shape \(2,\)"):
        numerical_gradient(lambda v: v * 2, [1.0, 2.0])
    with pytest.raises(ValueError, match=r"h must be positive"):
        numerical_gradient(np.sum, [1.0], h=-1)


# --- Value: each operation against its hand-written derivative --------------------------------
OPS = [
    # (build from a, b Values, value as floats, (d/da, d/db) as floats)
    (lambda a, b: a + b, lambda a, b: a + b, lambda a, b: (1, 1)),
    (lambda a, b: a - b, lambda a, b: a - b, lambda a, b: (1, -1)),
    (lambda a, b: a * b, lambda a, b: a * b, lambda a, b: (b, a)),
    (lambda a, b: a / b, lambda a, b: a / b, lambda a, b: (1 / b, -a / b ** 2)),
    (lambda a, b: a ** 3 + b, lambda a, b: a ** 3 + b, lambda a, b: (3 * a ** 2, 1)),
    (lambda a, b: (a * b).exp(), lambda a, b: math.exp(a * b),
     lambda a, b: (b * math.exp(a * b), a * math.exp(a * b))),
    (lambda a, b: (a * a).log() + b, lambda a, b: math.log(a * a) + b, lambda a, b: (2 / a, 1)),
    (lambda a, b: (a - b).sigmoid(), lambda a, b: 1 / (1 + math.exp(b - a)),
     lambda a, b: (s := 1 / (1 + math.exp(b - a))) and (s * (1 - s), -s * (1 - s))),
    (lambda a, b: (a * b).tanh(), lambda a, b: math.tanh(a * b),
     lambda a, b: (b * (1 - math.tanh(a * b) ** 2), a * (1 - math.tanh(a * b) ** 2))),
    (lambda a, b: (a - b).relu(), lambda a, b: max(a - b, 0), lambda a, b: (1, -1) if a > b else (0, 0)),
    (lambda a, b: -a * b, lambda a, b: -a * b, lambda a, b: (-b, -a)),
    (lambda a, b: 2 ** a + b, lambda a, b: 2 ** a + b, lambda a, b: (math.log(2) * 2 ** a, 1)),
]


@pytest.mark.parametrize("build, value, grads", OPS)
@pytest.mark.parametrize("a0, b0", [(1.5, -0.7), (-2.0, 0.4), (0.3, 2.5)])
def test_value_operations(build, value, grads, a0, b0):
    a, b = Value(a0), Value(b0)
    out = build(a, b)
    out.backward()
    assert out.data == pytest.approx(value(a0, b0))
    ga, gb = grads(a0, b0)
    assert a.grad == pytest.approx(ga, abs=1e-12)
    assert b.grad == pytest.approx(gb, abs=1e-12)


def test_plain_numbers_on_either_side():
    x = Value(2.0)
    cases = [(3 + x, 5, 1), (x + 3, 5, 1), (3 - x, 1, -1), (x - 3, -1, 1), (3 * x, 6, 3),
             (x * 3, 6, 3), (3 / x, 1.5, -0.75), (x / 4, 0.5, 0.25), (x ** 2, 4, 4),
             (np.float64(3) * x, 6, 3), (np.int64(1) - x, -1, -1)]
    for out, data, grad in cases:
        assert isinstance(out, Value)
        out.zero_grad()
        out.backward()
        assert (out.data, x.grad) == (pytest.approx(data), pytest.approx(grad))


def test_reuse_gradients_add_up():
    a = Value(3.0)
    b = a + a
    c = b + b
    c.backward()
    assert a.grad == 4.0 and b.grad == 2.0
    a.zero_grad()
    d = a * a  # product rule through reuse: d(a^2)/da = 2a
    d.backward()
    assert a.grad == 6.0


def test_diamond_graph():
    x = Value(2.0)
    y = x * 3
    z = x.exp()
    out = y * z  # 3x e^x -> 3 e^x + 3x e^x
    out.backward()
    assert x.grad == pytest.approx(3 * math.exp(2) * 3)


def test_two_losses_sharing_a_value_add_their_gradients():
    # The audit's example: L1 = a², L2 = 3a at a = 3 give 6 and 3; together 9 (as PyTorch).
    a = Value(3.0)
    L1, L2 = a * a, 3 * a
    L1.backward()
    assert a.grad == 6.0
    L2.backward()
    assert a.grad == 9.0
    b = Value(3.0)
    (b * b + 3 * b).backward()  # one backward of the sum gives the same
    assert b.grad == a.grad


def test_backward_twice_doubles_every_gradient_and_zero_grad_resets():
    # Deep enough that a naive "+= on the live .grad" engine (micrograd) would over-count
    # the second time: every node, intermediate ones too, gains exactly d(out)/d(node) per call.
    x, y = Value(1.5), Value(-2.0)
    u = x * y
    v = u * u + x
    out = v.tanh() * 3
    out.backward()
    first = {id(n): n.grad for n in out.topological_order()}
    out.backward()
    assert all(n.grad == pytest.approx(2 * first[id(n)]) for n in out.topological_order())
    out.zero_grad()
    assert all(n.grad == 0.0 for n in out.topological_order())
    out.backward()
    assert all(n.grad == pytest.approx(first[id(n)]) for n in out.topological_order())


def test_zero_grad_touches_only_its_own_graph():
    a, b = Value(1.0), Value(2.0)
    (a * 5).backward()
    (b * 7).backward()
    (a * 5).zero_grad()
    assert (a.grad, b.grad) == (0.0, 7.0)


def test_backward_steps_is_the_backward_pass_one_node_at_a_time():
    x, y, z = Value(1, label="x"), Value(2, label="y"), Value(3, label="z")
    s = (3 * y).log() + z ** 2
    s.label = "s"
    f = x * s
    steps = list(f.backward_steps())
    assert all(isinstance(step, BackwardStep) for step in steps)
    assert len(steps) == len(f.topological_order())
    assert steps[0].node is f and steps[0].grad == 1.0
    assert [c for c, _, _ in steps[0].passed] == [x, s]
    assert steps[0].passed[0][1:] == (pytest.approx(math.log(6) + 9), pytest.approx(math.log(6) + 9))
    seen = set()
    for step in steps:  # every user of a node is handled before the node itself
        users = [p for p in f.topological_order() if any(c is step.node for c in p.children)]
        assert all(id(u) in seen for u in users)
        seen.add(id(step.node))
    assert (x.grad, y.grad, z.grad) == (pytest.approx(math.log(6) + 9), pytest.approx(0.5), 6.0)


def test_a_half_run_backward_steps_has_added_only_the_finished_nodes():
    a = Value(2.0)
    b = a * 3
    c = b * 4
    gen = c.backward_steps()
    next(gen)  # c has passed 4 to b, but b has not had its turn
    assert (c.grad, b.grad, a.grad) == (1.0, 0.0, 0.0)
    while next(gen).node is not b:  # (the constant 4 may come first)
        pass
    assert b.grad == 4.0 and a.grad == 0.0


def test_intermediate_backward_gives_its_own_gradients():
    x = Value(2.0)
    u = x * x
    f = u * 3
    f.backward()
    assert x.grad == 12.0
    f.zero_grad()
    u.backward()
    assert (x.grad, u.grad) == (4.0, 1.0)


def test_deep_chain_has_no_recursion_limit():
    x = Value(1.0)
    v = x
    for _ in range(5000):
        v = v * 1.0001 + 0.0  # 10,000 operations deep
    v.backward()
    assert x.grad == pytest.approx(1.0001 ** 5000)
    assert len(v.topological_order()) == 1 + 5000 * 4  # x, and per step: constant, *, constant, +
    assert sys.getrecursionlimit() < 5000 * 4


def test_lecture_computation_graph():
    x, y, z = Value(1, label="x"), Value(2, label="y"), Value(3, label="z")
    f = x * ((3 * y).log() + z ** 2)
    f.backward()
    assert f.data == pytest.approx(math.log(6) + 9)
    assert f.data == pytest.approx(10.7918, abs=5e-5)
    assert x.grad == pytest.approx(math.log(6) + 9)
    assert y.grad == pytest.approx(0.5)
    assert z.grad == pytest.approx(6.0)


def test_sigmoid_is_stable_at_extremes():
    for a, s in [(1000.0, 1.0), (-1000.0, 0.0), (0.0, 0.5), (40.0, 1.0)]:
        v = Value(a)
        out = v.sigmoid()
        out.backward()
        assert out.data == pytest.approx(s, abs=1e-15)
        assert math.isfinite(v.grad) and v.grad >= 0
    assert Value(-745.0).sigmoid().data > 0  # e**-745 is the last positive float


def test_structure_attributes_and_repr():
    x = Value(2.0, label="x")
    y = x * 3
    assert y.op == "*" and y.children[0] is x and y.children[1].data == 3.0
    assert y.local_grads == (3.0, 2.0) and y.op_arg is None
    p, r = x ** 3, 2 ** x  # the op's number is data, not part of a string
    assert (p.op, p.op_arg, p.local_grads) == ("pow", 3.0, (12.0,))
    assert (r.op, r.op_arg, r.local_grads) == ("rpow", 2.0, (pytest.approx(4 * math.log(2)),))
    assert repr(x) == "Value(data=2, grad=0, label='x')"
    assert repr(y) == "Value(data=6, grad=0)"


@pytest.mark.parametrize("make, error, match", [
    (lambda: Value(0.0).log(), ValueError, r"log of a non-positive number: ln\(0\) is undefined"),
    (lambda: Value(-2.0).log(), ValueError, r"log of a non-positive number: ln\(-2\) is undefined"),
    (lambda: Value(1.0) / 0, ZeroDivisionError, r"division by a Value equal to 0 \(1 / 0\)"),
    (lambda: 1 / Value(0.0), ZeroDivisionError, r"division by a Value equal to 0"),
    (lambda: Value(0.0) ** -1, ZeroDivisionError, r"0 \*\* -1 is undefined"),
    (lambda: Value(-4.0) ** 0.5, ValueError, r"\(-4\) \*\* 0.5 is not a real number"),
    (lambda: Value(2.0) ** Value(2.0), TypeError, r"Value \*\* Value is not supported"),
    (lambda: Value(1.0) + "2", TypeError, r"a Value combines only with Values and plain numbers"),
    (lambda: Value(1.0) * [1, 2], TypeError, r"a Value combines only with Values and plain numbers"),
    (lambda: Value("3"), TypeError, r"data must be a real number, got str '3'"),
    (lambda: Value(float("nan")), ValueError, r"data must be a finite number, got nan"),
    (lambda: Value(True), TypeError, r"data must be a real number, got bool True"),
    (lambda: Value(Value(1.0)), TypeError, r"data must be a number, got a Value"),
    (lambda: Value(1.0, label=3), TypeError, r"label must be a string, got int 3"),
    (lambda: Value(1000.0).exp(), OverflowError, r"exp\(1000\) is too large for a float"),
    (lambda: Value(1e200) * 1e200, OverflowError, r"the result of '\*' .* is inf"),
])
def test_value_errors(make, error, match):
    with pytest.raises(error, match=match):
        make()


# --- random expressions against finite differences (hypothesis) -------------------------------
UNARY = {
    "exp": (lambda v: (v * 0.3).exp(), lambda v: math.exp(v * 0.3)),
    "log": (lambda v: (v * v + 1).log(), lambda v: math.log(v * v + 1)),
    "sigmoid": (lambda v: v.sigmoid(), lambda v: 1 / (1 + math.exp(-v))),
    "tanh": (lambda v: v.tanh(), math.tanh),
    "square": (lambda v: v ** 2, lambda v: v ** 2),
    "neg": (lambda v: -v, lambda v: -v),
}
BINARY = {
    "add": (lambda a, b: a + b, lambda a, b: a + b),
    "sub": (lambda a, b: a - b, lambda a, b: a - b),
    "mul": (lambda a, b: a * b, lambda a, b: a * b),
    "div": (lambda a, b: a / (b * b + 1), lambda a, b: a / (b * b + 1)),
    "rsub": (lambda a, b: 2 - a * b, lambda a, b: 2 - a * b),
}

program = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(sorted(UNARY)), st.integers(0, 10)),
        st.tuples(st.sampled_from(sorted(BINARY)), st.integers(0, 10), st.integers(0, 10)),
    ),
    min_size=1, max_size=12,
)


def run(prog, inputs, value_mode):
    """Evaluate a straight-line program; each step appends a result built from earlier ones."""
    regs = list(inputs)
    for step in prog:
        name, *args = step
        picks = [regs[i % len(regs)] for i in args]
        table = UNARY if name in UNARY else BINARY
        regs.append(table[name][0 if value_mode else 1](*picks))
    return regs[-1]


@settings(max_examples=examples(60), deadline=None)
@given(prog=program, xs=st.lists(st.floats(-1.5, 1.5), min_size=3, max_size=3))
def test_random_expressions_match_finite_differences(prog, xs):
    vals = [Value(x) for x in xs]
    out = run(prog, vals, True)
    out.backward()
    for i in range(3):
        def f(t, i=i):
            ys = list(xs)
            ys[i] = t
            return run(prog, ys, False)
        want = central(f, xs[i], h=1e-6)
        assert vals[i].grad == pytest.approx(want, rel=1e-4, abs=1e-5)
    assert out.data == pytest.approx(run(prog, xs, False))


def test_calculus_public_names():
    assert set(calculus.__all__) >= {"derivative", "numerical_gradient", "Value"}
    assert calculus.Value is Value and not hasattr(Value, "draw")  # no import back up to plots
