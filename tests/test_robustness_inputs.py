"""Bad inputs to every public helper: a clear ValueError/TypeError, never a numpy traceback.

Each public function has a RECIPE: a call that works, and which of its arguments are data
(and of which family: array, real number, count, text, pair of limits, shape, function).
Every data argument is then replaced, one at a time, by the bad values of its family -
a string, None, NaN, infinity, an empty array, an extra dimension, an array of strings,
complex numbers, a ragged list - with the other arguments left valid. The helper must

- raise ``ValueError`` or ``TypeError``, from lecture_utils' own code (not from deep inside
  numpy or matplotlib), with a message naming the argument; or
- where the recipe documents that the value is accepted (``ok``), return without warning.

A plain list instead of an array, a numpy float or integer instead of a Python one, must give
the same result. Then 16 seeded random
arrays (random shape, dtype and values; NaN, inf, huge and tiny numbers) go to every array
argument under the same rule. ``test_every_public_function_has_a_recipe`` keeps the table
complete: it scans every public module of the package (:func:`lecture_utils.registry.topic_modules`),
explorers included. A topic's own test file may add recipes for its new functions in a list
named ``INPUT_RECIPES`` (``from support import Recipe``).
"""

import importlib
import inspect
import re
import traceback
import weakref
import zlib
from pathlib import Path

import numpy as np
import pytest
from matplotlib.axes import Axes
from support import Recipe

import lecture_utils
from lecture_utils import plots, registry
from lecture_utils.widgets import Explorer
from lecture_utils.widgets._browser import BrowserExplorer
from lecture_utils.widgets._tables import _json

PACKAGE_DIR = Path(lecture_utils.__file__).resolve().parent


# --- bad values, by family --------------------------------------------------------------------
def _as_float_array(v):
    return np.array(v, dtype=float)


def _with(v, value):
    a = _as_float_array(v).copy()
    a.reshape(-1)[0] = value
    return a


ARRAY_KINDS = {
    "string": lambda v: "abc",
    "None": lambda v: None,
    "nan": lambda v: _with(v, np.nan),
    "inf": lambda v: _with(v, np.inf),
    "empty": lambda v: np.empty((0,) + np.shape(v)[1:]),
    "extra dimension": lambda v: np.stack([np.asarray(v)] * 2),
    "array of strings": lambda v: np.full(np.shape(v), "a"),
    "complex": lambda v: _as_float_array(v) + 1j,
    "ragged list": lambda v: [[1.0, 2.0], [3.0]],
    "list": lambda v: np.asarray(v).tolist(),  # must work, same result as the array
}
# Kinds that are not bad at all: the call must work and give the same result as the valid call.
SAME_RESULT = {"list": "a list instead of an array", "numpy scalar": "a numpy float instead of a float",
               "numpy integer": "a numpy integer instead of an int"}
REAL_KINDS = {
    "string": lambda v: "1",
    "None": lambda v: None,
    "nan": lambda v: float("nan"),
    "inf": lambda v: float("inf"),
    "array": lambda v: np.ones(3),
    "complex": lambda v: 1 + 1j,
    "numpy scalar": lambda v: np.float64(v),  # e.g. x[0] of an array: must work like the float
}
COUNT_KINDS = {
    "string": lambda v: "3",
    "None": lambda v: None,
    "fraction": lambda v: 2.5,
    "negative": lambda v: -1,
    "numpy integer": lambda v: np.int64(v),  # e.g. len-like results of numpy: must work like the int
}
TEXT_KINDS = {
    "number": lambda v: 3,
    "None": lambda v: None,
    "unknown name": lambda v: "no such thing",
}
PAIR_KINDS = {
    "string": lambda v: "ab",
    "None": lambda v: None,
    "nan": lambda v: (float("nan"), 1.0),
    "inf": lambda v: (0.0, float("inf")),
    "one number": lambda v: (1.0,),
}
SHAPE_KINDS = {
    "string": lambda v: "23",
    "None": lambda v: None,
    "negative": lambda v: (-2, 3),
    "fraction": lambda v: (2.5, 3),
}
FUNC_KINDS = {
    "not callable": lambda v: 3.0,
    "returns a string": lambda v: (lambda *a, **k: "a"),
}
FAMILIES = {"array": ARRAY_KINDS, "real": REAL_KINDS, "count": COUNT_KINDS, "text": TEXT_KINDS,
            "pair": PAIR_KINDS, "shape": SHAPE_KINDS, "func": FUNC_KINDS}


# --- recipes ----------------------------------------------------------------------------------
# A new Axes costs tens of ms (its ticks), and most bad-input calls are refused before they draw:
# an Axes a refused call left as it was is handed out again (recycle), never one it touched.
_SPARE, _FRESH = [], weakref.WeakKeyDictionary()


def _looks(a):
    """What a drawing call would change on an Axes or its figure."""
    return (len(a.figure.axes), len(a.figure.texts), len(a.get_children()), a.get_xlim(), a.get_ylim(),
            a.get_title(), a.get_xlabel(), a.get_ylabel(), a.axison, a.get_aspect(), a.get_xscale(),
            a.get_yscale(), tuple(a.get_facecolor()), tuple(a.figure.get_size_inches()))


def ax():
    if _SPARE:
        return _SPARE.pop()
    a = plots.new_figure((3, 2), 50, nrows=1, ncols=1)[1]
    _FRESH[a] = _looks(a)
    return a


def recycle(kwargs):
    """Put back the Axes among ``kwargs`` that a refused call did not touch."""
    for value in kwargs.values():
        if isinstance(value, Axes) and value in _FRESH and value not in _SPARE and _looks(value) == _FRESH[value]:
            _SPARE.append(value)


def axes(n):
    return plots.new_figure((3, 2), 50, nrows=1, ncols=n)[1]


def _model():
    from lecture_utils.logistic import LogisticRegression

    return LogisticRegression(max_steps=50)


def _fitted():
    from lecture_utils.logistic import LogisticRegression

    X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.5]])
    return LogisticRegression(max_steps=50).fit(X, np.array([0, 0, 1, 1]))


def _fit(target, **settings):
    """Construct the estimator ``target`` with ``settings`` and fit it on four rows."""
    mod, _, name = target.rpartition(".")
    return getattr(importlib.import_module(f"lecture_utils.{mod}"), name)(**settings).fit(X4(), Y4())


def _mlp():
    from lecture_utils.network import MLPClassifier

    return MLPClassifier(hidden=3, max_steps=20)


def _value():
    from lecture_utils.calculus import Value

    x, y = Value(1.0, "x"), Value(2.0, "y")
    f = x * (y * 3).log()
    f.backward()
    return f


X4 = lambda: np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.5]])
Y4 = lambda: np.array([0, 0, 1, 1])
SQ = lambda: np.array([[1.0, 2.0], [2.0, 5.0]])
SQUARE = lambda x: float(np.sum(np.asarray(x) ** 2))

RECIPES = [
    # data
    Recipe("data.train_test_split", lambda: dict(X=X4(), y=Y4(), test_size=0.25, seed=0),
           {"X": "array", "y": "array", "test_size": "real", "seed": "count"}),
    Recipe("data.standardize", lambda: dict(X_train=X4(), X_test=X4()[:2]),
           {"X_train": "array", "X_test": "array"}),
    Recipe("data.data_path", lambda: dict(name="digits.csv"), {"name": "text"}),
    # checks: check/evaluate never raise on an answer (tested below); the id is validated
    Recipe("checks.get_exercise", lambda: dict(exercise_id="01.flatten_image"), {"exercise_id": "text"}),
    Recipe("checks.evaluate", lambda: dict(exercise_id="01.flatten_image", answer=np.zeros(64)),
           {"exercise_id": "text"}),
    Recipe("checks.check", lambda: dict(exercise_id="01.flatten_image", answer=np.zeros(64)),
           {"exercise_id": "text"}),
    # linalg
    # NaN/inf propagate and empty matrices have empty transposes/products: correct results
    Recipe("linalg.transpose_loops", lambda: dict(A=X4()), {"A": "array"},
           ok={("A", "nan"), ("A", "inf"), ("A", "empty")}),
    Recipe("linalg.matmul_loops", lambda: dict(A=X4(), B=SQ()), {"A": "array", "B": "array"},
           ok={("A", "nan"), ("A", "inf"), ("A", "empty"), ("B", "nan"), ("B", "inf")}),
    Recipe("linalg.is_symmetric", lambda: dict(A=SQ(), atol=1e-12), {"A": "array", "atol": "real"}),
    Recipe("linalg.lp_norm", lambda: dict(x=np.array([3.0, -4.0]), p=2), {"x": "array", "p": "real"},
           ok={("p", "inf")}),
    # the formula itself also draws p < 1 (not a norm) in notebook 03's pictures
    Recipe("linalg.lp_formula", lambda: dict(x=np.array([3.0, -4.0]), p=0.5), {"x": "array", "p": "real"},
           ok={("p", "inf"), ("x", "extra dimension")}),  # any shape: axis=None reduces every entry
    Recipe("linalg.frobenius_norm", lambda: dict(A=X4()), {"A": "array"}),
    # calculus
    Recipe("calculus.derivative", lambda: dict(f=lambda x: x ** 2 + 1, x=2.0, h=1e-5, method="central"),
           {"f": "func", "x": "real", "h": "real", "method": "text"}),
    Recipe("calculus.numerical_gradient", lambda: dict(f=SQUARE, x=np.array([1.0, -2.0]), h=1e-5),
           {"f": "func", "x": "array", "h": "real"}, ok={("x", "extra dimension")}),  # any shape
    Recipe("calculus.Value", lambda: dict(data=2.0, label="x"), {"data": "real"}),
    Recipe("autodiff.Value", lambda: dict(data=2.0, label="x"), {"data": "real"}),
    # optim
    Recipe("optim.gradient_descent",
           lambda: dict(grad=lambda x: 2 * x, x0=np.array([1.0, 2.0]), learning_rate=0.1, max_steps=20,
                        tol=1e-6, f=SQUARE),
           {"grad": "func", "x0": "array", "learning_rate": "real", "max_steps": "count", "tol": "real",
            "f": "func"},
           ok={("x0", "extra dimension")}),  # documented: x0 may be a matrix
    Recipe("optim.get_surface", lambda: dict(name="round bowl"), {"name": "text"}),
    Recipe("surfaces.get_surface", lambda: dict(name="round bowl"), {"name": "text"}),
    # logistic
    Recipe("logistic.sigmoid", lambda: dict(z=np.array([-1.0, 0.0, 2.0])), {"z": "array"},
           # documented: any shape, ±inf give 0 and 1, NaN stays NaN, empty stays empty
           ok={("z", "nan"), ("z", "inf"), ("z", "empty"), ("z", "extra dimension")}),
    Recipe("logistic.log_loss", lambda: dict(y=Y4(), y_hat=np.array([0.1, 0.2, 0.7, 0.9])),
           {"y": "array", "y_hat": "array"}),
    Recipe("logistic.cost", lambda: dict(X=X4(), y=Y4(), w=np.array([0.5, -0.5]), b=0.1, l2=0.0),
           {"X": "array", "y": "array", "w": "array", "b": "real", "l2": "real"}),
    Recipe("logistic.gradients", lambda: dict(X=X4(), y=Y4(), w=np.array([0.5, -0.5]), b=0.1, l2=0.0),
           {"X": "array", "y": "array", "w": "array", "b": "real", "l2": "real"}),
    Recipe("logistic.confusion_matrix", lambda: dict(y_true=Y4(), y_pred=np.array([0, 1, 1, 1])),
           {"y_true": "array", "y_pred": "array"}),
    # scikit-learn's convention: the constructor stores the settings unchanged, fit validates them
    Recipe("logistic.LogisticRegression",
           lambda: dict(learning_rate=0.1, max_steps=100, tol=1e-6, l2=0.0),
           {"learning_rate": "real", "max_steps": "count", "tol": "real", "l2": "real"},
           call=lambda **kw: _fit("logistic.LogisticRegression", **kw)),
    Recipe("logistic.LogisticRegression.fit", lambda: dict(X=X4(), y=Y4()), {"X": "array", "y": "array"},
           call=lambda **kw: _model().fit(**kw)),
    Recipe("logistic.check_labels", lambda: dict(y=Y4()), {"y": "array"}),
    Recipe("logistic.LogisticRegression.predict_proba", lambda: dict(X=X4()), {"X": "array"},
           call=lambda **kw: _fitted().predict_proba(**kw)),
    Recipe("logistic.LogisticRegression.predict", lambda: dict(X=X4(), threshold=0.5),
           {"X": "array", "threshold": "real"}, call=lambda **kw: _fitted().predict(**kw)),
    Recipe("logistic.LogisticRegression.score", lambda: dict(X=X4(), y=Y4()), {"X": "array", "y": "array"},
           call=lambda **kw: _fitted().score(**kw)),
    # plots: style
    Recipe("plots.new_figure", lambda: dict(figsize=(3, 2), dpi=50), {"figsize": "pair", "dpi": "real"}),
    Recipe("plots.style_axes", lambda: dict(ax=ax(), title="t", xlabel="x", ylabel="y"), {}),
    Recipe("plots.message", lambda: dict(ax=ax(), text="hello"), {}),
    Recipe("plots.figure_alt_text", lambda: dict(fig=ax().figure), {}),
    # plots: tensors
    Recipe("plots.show_matrix", lambda: dict(ax=ax(), M=SQ()), {"M": "array"}),
    # stacking the (3, 4) grey image twice gives (2, 3, 4): a valid RGBA image, which imshow shows
    Recipe("plots.show_image", lambda: dict(ax=ax(), img=np.arange(12.0).reshape(3, 4)), {"img": "array"},
           ok={("img", "extra dimension")}),
    Recipe("plots.show_channels", lambda: dict(axes=axes(3), img=np.zeros((4, 5, 3), np.uint8)), {"img": "array"}),
    Recipe("plots.highlight_cell", lambda: dict(ax=ax(), row=1, col=2), {"row": "count", "col": "count"}),
    # plots: matrices
    Recipe("plots.draw_matrix", lambda: dict(ax=ax(), M=SQ()), {"M": "array"}),
    Recipe("plots.plot_transpose", lambda: dict(ax=ax(), A=X4()), {"A": "array"}),
    Recipe("plots.plot_matmul", lambda: dict(ax=ax(), A=X4(), B=SQ()), {"A": "array", "B": "array"}),
    Recipe("plots.plot_shape_rule", lambda: dict(ax=ax(), a_shape=(3, 2), b_shape=(2, 4)),
           {"a_shape": "shape", "b_shape": "shape"}),
    Recipe("plots.format_entry", lambda: dict(v=2.5), {"v": "real"},
           ok={("v", "nan"), ("v", "inf")}),  # a matrix entry may be NaN or inf: shown as such
    Recipe("plots.paren", lambda: dict(v=-2.5), {"v": "real"}, ok={("v", "nan"), ("v", "inf")}),
    # plots: norms
    Recipe("plots.p_text", lambda: dict(p=1.5), {"p": "real"}, ok={("p", "inf")}),
    Recipe("plots.lp_value", lambda: dict(points=np.array([[3.0], [-4.0]]), p=2), {"points": "array", "p": "real"},
           ok={("p", "inf")}),
    Recipe("plots.unit_ball_boundary", lambda: dict(p=2, n=101), {"p": "real", "n": "count"}, ok={("p", "inf")}),
    Recipe("plots.plot_unit_ball", lambda: dict(ax=ax(), p=2), {"p": "real"}, ok={("p", "inf")}),
    Recipe("plots.plot_unit_balls", lambda: dict(ax=ax(), ps=(1, 2, np.inf)), {"ps": "array"},
           ok={("ps", "inf")}),
    Recipe("plots.plot_vector_norms", lambda: dict(ax=ax(), x=np.array([3.0, -2.0])), {"x": "array"}),
    Recipe("plots.plot_triangle_inequality",
           lambda: dict(ax=ax(), x=np.array([1.0, 2.0]), y=np.array([2.0, -1.0]), p=2),
           {"x": "array", "y": "array", "p": "real"}, ok={("p", "inf")}),
    # plots: calculus
    Recipe("plots.plot_secant", lambda: dict(ax=ax(), f=lambda x: x ** 2 + 1, x0=2.0, eps=0.5),
           {"f": "func", "x0": "real", "eps": "real"}),
    Recipe("plots.plot_fd_error", lambda: dict(ax=ax(), f=np.sin, df=np.cos, x0=1.0),
           {"f": "func", "df": "func", "x0": "real"}),
    Recipe("plots.draw_graph", lambda: dict(ax=ax(), root=_value()), {}),
    Recipe("plots.graph_layout", lambda: dict(root=_value()), {}),
    Recipe("plots.graph_figsize", lambda: dict(root=_value()), {}),
    Recipe("plots.node_text", lambda: dict(node=_value()), {}),
    # plots: optim
    Recipe("plots.clip_path", lambda: dict(path=np.array([[0.0, 0.0], [1.0, 1.0]]), xlim=(-3, 3), ylim=(-3, 3)),
           {"path": "array", "xlim": "pair", "ylim": "pair"},
           ok={("path", "nan"), ("path", "inf")}),  # clipping a diverged path is its job
    Recipe("plots.plot_contours", lambda: dict(ax=ax(), f=lambda p: np.sum(np.asarray(p) ** 2, axis=-1), n=20),
           {"xlim": "pair", "ylim": "pair"}),
    Recipe("plots.plot_gradient_arrows", lambda: dict(ax=ax(), grad=lambda p: 2 * np.asarray(p), n=5),
           {"xlim": "pair", "ylim": "pair"}),
    # a diverged run has inf/NaN in its path and costs: drawing it is these functions' job
    Recipe("plots.plot_path", lambda: dict(ax=ax(), path=np.array([[0.0, 0.0], [1.0, 1.0]])), {"path": "array"},
           ok={("path", "nan"), ("path", "inf")}),
    Recipe("plots.plot_cost_history", lambda: dict(ax=ax(), values=np.array([3.0, 2.0, 1.5])), {"values": "array"},
           ok={("values", "nan"), ("values", "inf")}),
    Recipe("plots.plot_directional_slopes",
           lambda: dict(ax=ax(), angles=np.linspace(0, 6, 5), slopes=np.sin(np.linspace(0, 6, 5)),
                        gradient=np.array([1.0, 0.0])),
           {"angles": "array", "slopes": "array", "gradient": "array"}),
    # plots: logistic
    Recipe("plots.plot_sigmoid", lambda: dict(ax=ax(), z_min=-8.0, z_max=8.0), {"z_min": "real", "z_max": "real"}),
    Recipe("plots.plot_example_losses", lambda: dict(ax=ax(), y_max=6.0), {"y_max": "real"}),
    Recipe("plots.plot_cost_by_step", lambda: dict(ax=ax(), costs=np.array([0.7, 0.5, 0.4])), {"costs": "array"},
           ok={("costs", "nan"), ("costs", "inf")}),
    Recipe("plots.plot_sigmoid_fit",
           lambda: dict(ax=ax(), x=np.array([-1.0, 0.0, 1.0, 2.0]), y=Y4(), w=1.0, b=0.0),
           {"x": "array", "y": "array", "w": "real", "b": "real"}),
    Recipe("plots.plot_decision_boundary",
           lambda: dict(ax=ax(), X2=X4(), y=Y4(), w=np.array([1.0, -1.0]), b=0.0, resolution=20),
           {"X2": "array", "y": "array", "w": "array", "b": "real"}),
    Recipe("plots.boundary_segment", lambda: dict(w=np.array([1.0, -1.0]), b=0.0, xlim=(-3, 3), ylim=(-3, 3)),
           {"w": "array", "b": "real", "xlim": "pair", "ylim": "pair"}),
    Recipe("plots.plot_confusion", lambda: dict(ax=ax(), table=np.array([[5, 1], [2, 7]])), {"table": "array"}),
    Recipe("plots.draw_neuron", lambda: dict(ax=ax(), n_inputs=3), {"n_inputs": "count"}),
    # plots: network
    Recipe("plots.contour_segments",
           lambda: dict(x=np.linspace(0, 1, 4), y=np.linspace(0, 1, 3), values=np.arange(12.0).reshape(3, 4) / 11,
                        level=0.5),
           {"x": "array", "y": "array", "values": "array", "level": "real"},
           ok={("values", "nan"), ("values", "inf")}),  # a diverged network's ŷ: no boundary there
    Recipe("plots.draw_network", lambda: dict(ax=ax(), n_inputs=2, n_hidden=3, activation="relu"),
           {"n_inputs": "count", "n_hidden": "count", "activation": "text"},
           ok={("activation", "unknown name")}),  # any name is written in the circles
    Recipe("plots.plot_probability_map", lambda: dict(ax=ax(), X2=X4(), y=Y4(), resolution=5),
           {"X2": "array", "y": "array", "resolution": "count"}),
    Recipe("plots.plot_probability_map", lambda: dict(ax=ax(), X2=X4(), y=Y4(), values=np.full(25, 0.3),
                                                      resolution=5),
           {"values": "array"}, ok={("values", "nan"), ("values", "inf"), ("values", "None")}),  # None: ½ everywhere
    Recipe("plots.plot_unit_response",
           lambda: dict(ax=ax(), pmap=plots.plot_probability_map(ax(), X4(), Y4(), resolution=5),
                        values=np.linspace(-1, 1, 25), vmin=-1.0, vmax=1.0),
           {"values": "array", "vmin": "real", "vmax": "real"}, ok={("values", "nan"), ("values", "inf")}),
]

# network (notebook 07): small data, so that every fuzzed call is quick

NET = lambda: dict(W1=np.array([[0.5, -1.0, 0.2], [1.0, 0.3, -0.4]]), b1=np.array([0.1, 0.0, -0.2]),
                   W2=np.array([1.0, -0.5, 0.3]), b2=0.1)
_NET_FUZZ = {"X": "array", "W1": "array", "b1": "array", "W2": "array", "b2": "real", "activation": "text"}
RECIPES += [
    Recipe("network.forward", lambda: dict(X=X4(), **NET(), activation="tanh"), _NET_FUZZ),
    Recipe("network.cost", lambda: dict(X=X4(), y=Y4(), **NET(), activation="tanh", l2=0.01),
           {**_NET_FUZZ, "y": "array", "l2": "real"}),
    Recipe("network.backward", lambda: dict(X=X4(), y=Y4(), **NET(), activation="relu", l2=0.01),
           {**_NET_FUZZ, "y": "array", "l2": "real"}),
    Recipe("network.init_params", lambda: dict(n_inputs=2, n_hidden=3, scale=0.5, seed=1),
           {"n_inputs": "count", "n_hidden": "count", "scale": "real", "seed": "count"}),
    Recipe("network.make_moons", lambda: dict(n=20, noise=0.1, seed=3), {"n": "count", "noise": "real", "seed": "count"}),
    # the constructor stores the settings unchanged (scikit-learn's convention); fit validates them
    Recipe("network.MLPClassifier",
           lambda: dict(hidden=3, activation="tanh", learning_rate=0.5, max_steps=20, tol=1e-6, l2=0.0,
                        init_scale=1.0, seed=0),
           {"hidden": "count", "activation": "text", "learning_rate": "real", "max_steps": "count", "tol": "real",
            "l2": "real", "init_scale": "real", "seed": "count"},
           call=lambda **kw: _fit("network.MLPClassifier", **kw)),
    Recipe("network.MLPClassifier.fit", lambda: dict(X=X4(), y=Y4(), keep_every=5),
           {"X": "array", "y": "array", "keep_every": "count"}, ok={("keep_every", "None")},  # None: no snapshots
           call=lambda **kw: _mlp().fit(**kw)),
    Recipe("network.MLPClassifier.predict", lambda: dict(X=X4(), threshold=0.5), {"X": "array", "threshold": "real"},
           call=lambda **kw: _mlp().fit(X4(), Y4()).predict(**kw)),
    Recipe("network.MLPClassifier.score", lambda: dict(X=X4(), y=Y4()), {"X": "array", "y": "array"},
           call=lambda **kw: _mlp().fit(X4(), Y4()).score(**kw)),
]

# Explorer constructors: what a notebook (or a student editing its cell) passes. A slider's
# start value outside its range is clipped by the widget, as a drag would be, so infinity and
# negative counts are accepted; None is accepted where it is the documented default.
def _clipped(*names):
    return {(n, k) for n in names for k in ("inf", "negative")}


EXPLORER_RECIPES = [
    Recipe("widgets.LineExplorer", lambda: dict(w=1.0, b=0.5), {"w": "real", "b": "real"}, ok=_clipped("w", "b")),
    Recipe("widgets.PixelExplorer", lambda: dict(image=np.arange(64).reshape(8, 8), window=5, row=2, col=3),
           {"image": "array", "window": "count", "row": "count", "col": "count"},
           ok=_clipped("row", "col") | {("row", "None"), ("col", "None")}),
    Recipe("widgets.TransposeExplorer", lambda: dict(A=X4(), i=2, j=0), {"A": "array", "i": "count", "j": "count"},
           ok=_clipped("i", "j") | {("A", "None")}),
    Recipe("widgets.MatrixProductExplorer", lambda: dict(A=X4(), B=SQ(), i=0, j=0),
           {"A": "array", "B": "array", "i": "count", "j": "count"},
           ok=_clipped("i", "j") | {("A", "None"), ("B", "None")}),
    Recipe("widgets.UnitBallExplorer", lambda: dict(p=2.0), {"p": "real"}, ok={("p", "inf")}),
    Recipe("widgets.VectorNormExplorer", lambda: dict(x1=3.0, x2=-2.0), {"x1": "real", "x2": "real"},
           ok=_clipped("x1", "x2")),
    Recipe("widgets.SecantExplorer", lambda: dict(function="x² + 1", x0=2.0, eps=0.5),
           {"function": "text", "x0": "real", "eps": "real"}, ok=_clipped("x0", "eps")),
    Recipe("widgets.BackpropExplorer", lambda: dict(step=0), {"step": "count"}, ok=_clipped("step")),
    Recipe("widgets.GradientDescentExplorer",
           lambda: dict(surface="round bowl", learning_rate=0.1, x0=-2.5, y0=2.0, steps=50),
           {"surface": "text", "learning_rate": "real", "x0": "real", "y0": "real", "steps": "count"},
           ok=_clipped("learning_rate", "x0", "y0", "steps")),
    Recipe("widgets.SigmoidExplorer", lambda: dict(feature="worst_concave_points", w=1.0, b=0.0),
           {"feature": "text", "w": "real", "b": "real"}, ok=_clipped("w", "b")),
    # notebook 07: short training runs; the sliders' start values are clipped to their ranges
    Recipe("widgets.HiddenLayerExplorer", lambda: dict(width=2, step=20, unit=1, learning_rate=1.0, max_steps=40),
           {"width": "count", "step": "count", "unit": "count", "learning_rate": "real", "max_steps": "count"},
           ok=_clipped("width", "step", "unit")),
    Recipe("widgets.InitializationExplorer",
           lambda: dict(scale=1.0, seed=0, learning_rate=1.0, hidden=3, max_steps=30),
           {"scale": "real", "seed": "count", "learning_rate": "real", "hidden": "count", "max_steps": "count"},
           ok=_clipped("seed")),
    Recipe("widgets.DecisionBoundaryExplorer",
           lambda: dict(features=("worst_radius", "worst_texture"), learning_rate=0.1, max_steps=60, step=0),
           {"features": "text", "learning_rate": "real", "max_steps": "count", "step": "count"},
           ok=_clipped("step")),
]
RECIPES += EXPLORER_RECIPES


def _topic_recipes():
    """``INPUT_RECIPES`` of the topic test files (a new topic's recipes live in its own test file)."""
    here = Path(__file__).resolve().parent
    for path in sorted(here.glob("test_*.py")):
        if path.stem != Path(__file__).stem and re.search(r"^INPUT_RECIPES\b", path.read_text(encoding="utf-8"),
                                                           re.MULTILINE):
            yield from importlib.import_module(path.stem).INPUT_RECIPES


RECIPES += list(_topic_recipes())


# Public names that are not plain data-in functions, and why they have no recipe.
NOT_FUZZED = {
    "data.load_digits": "no arguments", "data.load_grace_hopper": "no arguments",
    "data.load_breast_cancer": "no arguments", "data.data_dir": "no arguments",
    "plots.use_course_style": "no arguments",
    "checks.all_exercises": "no arguments", "checks.register": "author API (exercise specs)",
    "checks.Exercise": "author API (exercise specs)", "checks.Result": "a record",
    "optim.GDResult": "a record returned by gradient_descent", "optim.Surface": "a record (see get_surface)",
    "plots.plot_surface_3d": "needs a 3-D Axes; same arguments as plot_contours",
    "plots.plot_tangent_steps": "draws a GDResult path (explorers fuzz it)",
    "plots.plot_learning_rate_comparison": "draws gradient_descent runs (notebook 05 checks it)",
    "widgets.Explorer": "the base class (every explorer is fuzzed here and in test_robustness_explorers)",
    "widgets.lazy": "author API (explorers' examples)", "widgets.control_values": "reads a widget's range",
    "widgets.lecture_graph": "no arguments",
    "checks.close": "compares a student's answer and never raises (test_checks_properties)",
    "checks.slip": "author API (exercise specs)",
    "data.breast_cancer_split": "no arguments", "network.moons_split": "no arguments",
    "data.Split": "a record returned by breast_cancer_split", "optim.Summary": "a record returned by GDResult.summary",
    "surfaces.Surface": "a record (see get_surface)", "autodiff.BackwardStep": "a record yielded by backward_steps",
    "network.Forward": "a record returned by forward", "network.Gradients": "a record returned by backward",
}

# An explorer given a numpy number instead of a Python one would be built twice to compare the
# results (seconds each); its constructor reads numbers with _validation.as_real / as_count,
# whose tests (test_validation.py) cover numpy numbers once for every caller.
_NUMPY_NUMBERS = {"numpy scalar", "numpy integer"}


def _cases():
    out = []
    for r in RECIPES:
        for arg, family in r.fuzz.items():
            for kind in FAMILIES[family]:
                if kind in _NUMPY_NUMBERS and r.id.startswith("widgets."):
                    continue
                out.append(pytest.param(r, arg, kind, id=f"{r.id}-{arg}-{kind}"))
    return out


# --- the rule ---------------------------------------------------------------------------------
def raised_in_lecture_utils(exc):
    """Whether the innermost Python frame of ``exc``'s traceback is lecture_utils' own code."""
    frames = traceback.extract_tb(exc.__traceback__)
    return bool(frames) and Path(frames[-1].filename).resolve().is_relative_to(PACKAGE_DIR)


def names_argument(message, recipe, arg, value=None, kwargs=()):
    """Whether the message says what was wrong with which input.

    It must name the argument (or an alias from the recipe), or - for a mismatch between two
    inputs - another argument of the call, or the function (``plot_matmul needs matrices ...``),
    or quote the bad value itself (``unknown surface 'x'; choose one of``).
    """
    words = [arg] + list(recipe.names.get(arg, ())) + [recipe.id.rpartition(".")[2]] + list(kwargs)
    if any(re.search(rf"(?<![A-Za-z0-9_]){re.escape(w)}(?![A-Za-z0-9_])", message) for w in words):
        return True
    return isinstance(value, (str, int, float, type(None))) and repr(value) in message


def fingerprint(obj, depth=0):
    """What a result of a helper shows, as nested plain values two results can be compared by.

    Numbers and arrays by value; artists by what they draw (data, text, positions, colours);
    records and models by their attributes; anything else by its type and ``repr``.
    """
    from matplotlib.artist import Artist

    if depth > 4:
        return type(obj).__name__
    if isinstance(obj, (list, tuple)):
        numeric = _numeric_array(obj)
        return numeric if numeric is not None else [fingerprint(x, depth + 1) for x in obj]
    if isinstance(obj, dict):
        return {str(k): fingerprint(v, depth + 1) for k, v in obj.items()}
    if obj is None or isinstance(obj, (str, bool)):
        return obj
    if isinstance(obj, Artist):
        return (type(obj).__name__, _artist_state(obj))
    if isinstance(obj, BrowserExplorer):  # what the page receives: scene, tables of every state, exact state
        sent = {"spec": obj.widget.spec, "tables": obj.sent_tables(), "state": _json(obj.state)}
        return (type(obj).__name__, fingerprint(obj.params, depth + 1), repr(sent), obj.description)
    if isinstance(obj, Explorer):  # what a student sees: the settings and the picture
        return (type(obj).__name__, fingerprint(obj.params, depth + 1), obj.png, obj.description)
    numeric = _numeric_array(obj)
    if numeric is not None:
        return numeric
    if hasattr(obj, "__dict__"):
        return (type(obj).__name__, fingerprint({k: v for k, v in vars(obj).items()
                                                 if not k.startswith("_")}, depth + 1))
    return (type(obj).__name__, repr(obj))


def _numeric_array(obj):
    try:
        array = np.asarray(obj)
    except (ValueError, TypeError):  # ragged, or not array-like
        return None
    if array.dtype.kind not in "biufc":
        return None
    return ("array", array.shape, np.round(array.astype(complex), 9).tolist())


def _artist_state(artist):
    state = {}
    for getter in ("get_xydata", "get_offsets", "get_array", "get_text", "get_position", "get_paths",
                   "get_facecolor", "get_visible"):
        if hasattr(artist, getter):
            value = getattr(artist, getter)()
            if getter == "get_paths":
                value = [p.vertices for p in value]
            state[getter] = fingerprint(value, 3)
    return state


def same(a, b):
    """Whether two results of a helper show the same thing (see :func:`fingerprint`)."""
    return _equal(fingerprint(a), fingerprint(b))


def _equal(x, y):
    if isinstance(x, (list, tuple)) and isinstance(y, (list, tuple)):
        return len(x) == len(y) and all(_equal(p, q) for p, q in zip(x, y))
    if isinstance(x, dict) and isinstance(y, dict):
        return x.keys() == y.keys() and all(_equal(x[k], y[k]) for k in x)
    if isinstance(x, complex) or isinstance(y, complex):
        return np.isclose(x, y, equal_nan=True)
    return x == y


def test_same_tells_different_results_apart():
    from lecture_utils.logistic import LogisticRegression

    line = ax().plot([0, 1], [0, 1])
    assert same(line, ax().plot([0, 1], [0, 1]))
    assert not same(line, ax().plot([0, 1], [0, 2]))
    assert not same(LogisticRegression(learning_rate=0.1), LogisticRegression(learning_rate=0.2))
    assert same({"a": np.array([1.0, np.nan])}, {"a": [1.0, float("nan")]})
    assert not same((1, "x"), (1, "y"))
    from lecture_utils.widgets import TransposeExplorer  # a browser explorer: compared by its state

    assert same(TransposeExplorer(A=[[1, 2], [3, 4]]), TransposeExplorer(A=np.array([[1, 2], [3, 4]])))
    assert not same(TransposeExplorer(A=[[1, 2], [3, 4]]), TransposeExplorer(A=[[1, 2], [3, 5]]))


_REFERENCE = {}


def reference(recipe):
    """The valid call's result, which the SAME_RESULT kinds must equal.

    Built once for consecutive cases of one recipe (an explorer takes seconds to build); only
    the last recipe's is kept, so the explorers' figures do not pile up in memory.
    """
    # Keyed by the recipe itself: two recipes may share an id (a function with other arguments).
    if recipe not in _REFERENCE:
        _REFERENCE.clear()
        _REFERENCE[recipe] = recipe(**recipe.args())
    return _REFERENCE[recipe]


def check_bad_input(recipe, arg, kind):
    """Apply the rule to one call (``arg`` made bad the ``kind`` way); returns the problem or None."""
    kwargs = recipe.args()
    value = kwargs[arg] = FAMILIES[recipe.fuzz[arg]][kind](kwargs.get(arg))
    try:
        result = recipe(**kwargs)
    except (ValueError, TypeError) as exc:
        recycle(kwargs)
        if kind in SAME_RESULT:
            return f"{SAME_RESULT[kind]} was refused: {type(exc).__name__}: {exc}"
        if not raised_in_lecture_utils(exc):
            where = traceback.extract_tb(exc.__traceback__)[-1]
            return (f"{type(exc).__name__} raised deep inside {Path(where.filename).name}:{where.lineno} "
                    f"({where.name}), not by lecture_utils: {exc}")
        if not names_argument(str(exc), recipe, arg, value, kwargs):
            return f"the message does not name the argument {arg!r}: {type(exc).__name__}: {exc}"
        return None
    except Exception as exc:  # noqa: BLE001 - any other exception type is the finding
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return f"{type(exc).__name__} (not ValueError/TypeError) at {Path(where.filename).name}:{where.lineno}: {exc}"
    if kind in SAME_RESULT:
        if not same(result, reference(recipe)):
            return f"{SAME_RESULT[kind]} gave a different result"
        return None
    if (arg, kind) in recipe.ok:
        return None
    return f"accepted silently (returned {type(result).__name__}) instead of raising a clear error"


@pytest.mark.parametrize("recipe", RECIPES, ids=[r.id for r in RECIPES])
def test_the_valid_call_works(recipe):
    recipe(**recipe.args())


@pytest.mark.parametrize("recipe, arg, kind", _cases())
def test_bad_input_gives_a_clear_error(recipe, arg, kind):
    problem = check_bad_input(recipe, arg, kind)
    assert problem is None, f"{recipe.id}({arg}=<{kind}>): {problem}"


# --- random arrays ----------------------------------------------------------------------------
# Seeded numpy generation rather than hypothesis here, so every run tries the same arrays
# (hypothesis' examples shift with what else the session imported). Hypothesis drives the explorers (test_robustness_explorers.py).
ARRAY_ARGS = [pytest.param(r, a, id=f"{r.id}-{a}") for r in RECIPES for a, fam in r.fuzz.items() if fam == "array"]
_SPECIAL = np.array([0.0, -0.0, 1.0, -1.0, 0.5, 1e-300, 1e300, -1e300, np.inf, -np.inf, np.nan, 2.0, 3.0])


def random_arrays(key, n=16):
    """``n`` arrays of random shape (0-3 dimensions, sides 0-4), dtype and values, the same every run."""
    rng = np.random.default_rng(zlib.crc32(key.encode()))
    out = []
    for _ in range(n):
        shape = tuple(int(k) for k in rng.integers(0, 5, size=rng.integers(0, 4)))
        kind = rng.choice(["float", "int", "bool", "complex", "str", "special"])
        if kind == "float":
            a = rng.normal(scale=10.0, size=shape)
        elif kind == "int":
            a = rng.integers(-5, 20, size=shape)
        elif kind == "bool":
            a = rng.random(shape) < 0.5
        elif kind == "complex":
            a = rng.normal(size=shape) + 1j * rng.normal(size=shape)
        elif kind == "str":
            a = rng.choice(np.array(["a", "1", ""]), size=shape)
        else:  # edge values: NaN, infinities, huge, tiny, signed zero
            a = rng.choice(_SPECIAL, size=shape)
        out.append(np.asarray(a))
    return out


@pytest.mark.parametrize("recipe, arg", ARRAY_ARGS)
def test_random_arrays_give_a_result_or_a_clear_error(recipe, arg):
    """Any array at all: either a result (no warning) or a clear error naming the argument."""
    for value in random_arrays(f"{recipe.id}-{arg}"):
        kwargs = recipe.args()
        kwargs[arg] = value
        try:
            recipe(**kwargs)
        except (ValueError, TypeError) as exc:
            recycle(kwargs)
            where = traceback.extract_tb(exc.__traceback__)[-1]
            assert raised_in_lecture_utils(exc), (
                f"{recipe.id}({arg}=array {value.shape} {value.dtype}): {type(exc).__name__} raised in "
                f"{Path(where.filename).name}:{where.lineno}: {exc}")
            assert names_argument(str(exc), recipe, arg, value, kwargs), (
                f"{recipe.id}({arg}=array {value.shape} {value.dtype}): message names no argument: {exc}")
        except Exception as exc:
            raise AssertionError(f"{recipe.id}({arg}=array {value.shape} {value.dtype}): "
                                 f"{type(exc).__name__}: {exc}") from exc


# --- checks never raise on an answer ----------------------------------------------------------
ANSWERS = ["abc", None, ..., float("nan"), np.array([]), np.full((8, 8), np.inf), [[1, 2], [3]],
           np.zeros((64,), complex), object(), lambda x: x, {"a": 1}, np.array(["a"] * 64)]


@pytest.mark.parametrize("answer", ANSWERS, ids=lambda a: type(a).__name__)
def test_check_never_raises_on_an_answer(answer, capsys):
    from lecture_utils.checks import check, evaluate

    ids = ["01.flatten_image"] + [ex.id for ex in registry.exercises()]
    for exercise_id in dict.fromkeys(ids):
        res = evaluate(exercise_id, answer)
        assert res.status in ("correct", "not attempted", "wrong")
        check(exercise_id, answer)
    assert capsys.readouterr().out.count("[") >= len(dict.fromkeys(ids))


# --- pinned messages (the clear errors the rule above accepts, word for word) -----------------
def test_pinned_messages():
    """Messages the topic tests do not pin already: what the shared validation says, word for word."""
    from lecture_utils import data, logistic

    with pytest.raises(ValueError, match=r"^X_train contains NaN or infinity; every entry must be a finite number$"):
        data.standardize(_with(X4(), np.nan), X4())
    with pytest.raises(ValueError, match=r"^y must be a vector of shape \(n,\) or a column \(n, 1\), got shape "
                                         r"\(1, 3\)\. Refused because numpy would silently broadcast it"):
        logistic.gradients(np.ones((3, 2)), np.ones((1, 3)), np.ones(2), 0.0)


# --- completeness -----------------------------------------------------------------------------
def _is_public_callable(obj):
    if not getattr(obj, "__module__", "").startswith("lecture_utils"):
        return False
    if inspect.isclass(obj):  # what a plot returns (plots.Artists) is a record, fuzzed through its plot
        return not issubclass(obj, (BaseException, plots.Artists))
    return inspect.isfunction(obj)


def public_functions():
    """``"module.name"`` of every public callable defined in lecture_utils' topic modules."""
    names = set()
    for modname in registry.topic_modules():
        mod = importlib.import_module(f"lecture_utils.{modname}")
        exported = getattr(mod, "__all__", None)
        candidates = exported if exported is not None else [n for n in vars(mod) if not n.startswith("_")]
        for n in candidates:
            obj = getattr(mod, n, None)
            if not _is_public_callable(obj):
                continue
            if modname == "data" and obj.__module__ != "lecture_utils.data":
                continue  # the _validation helpers data imports are not part of data's API
            names.add(f"{modname}.{n}")
    return names


def test_every_public_function_has_a_recipe():
    covered = {r.id for r in RECIPES} | {k for k, v in NOT_FUZZED.items() if v}
    missing = sorted(public_functions() - covered)
    assert not missing, (
        f"public functions without a bad-input recipe: {missing}. Add a Recipe to "
        "tests/test_robustness_inputs.py (a working call and its data arguments), or list the name "
        "in NOT_FUZZED with the reason.")


def test_every_exemption_and_recipe_names_a_public_function():
    """The other way round: an exemption or recipe for a name that no longer exists is stale."""
    public = public_functions()
    stale = sorted(set(NOT_FUZZED) - public)
    assert not stale, f"NOT_FUZZED names what lecture_utils no longer exports: {stale}; remove them"
    # "module.Class.method" recipes count for their class
    unknown = sorted({".".join(r.id.split(".")[:2]) for r in RECIPES if isinstance(r.target, str)} - public)
    assert not unknown, f"recipes for what lecture_utils does not export: {unknown}"


DRAWING_RECIPES = [pytest.param(r, id=r.id) for r in RECIPES
                   if r.id.startswith("plots.") and {"ax", "axes"} & set(r.args())]


@pytest.mark.parametrize("recipe", DRAWING_RECIPES)
def test_every_plot_returns_one_artist_or_a_record_of_named_artists(recipe):
    """The one shape of a plot's result: an artist, or a ``plots.Artists`` dataclass (no tuples or dicts)."""
    from matplotlib.artist import Artist

    result = recipe(**recipe.args())
    assert isinstance(result, (Artist, plots.Artists)), f"{recipe.id} returned {type(result).__name__}"
    if isinstance(result, plots.Artists):
        assert result.all() and all(isinstance(a, Artist) for a in result.all())


def test_a_path_with_subnormal_steps_is_clipped_without_warning():
    # Found by fuzzing GradientDescentExplorer's notebook example: a step of 1e-323 overflowed.
    path = np.array([[-1.93, 4.94e-324], [-1.9, -4.94e-324], [50.0, 1e-323]])
    clipped, left = plots.clip_path(path, (-3, 3), (-3, 3))
    assert left and clipped[-1, 0] == pytest.approx(9.0)
