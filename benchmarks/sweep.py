"""The inputs ``make bench`` sweeps per explorer, besides the examples its notebook makes.

One favourite input per explorer hides the slow ones (a float image, a function whose curve
redraws, a surface that diverges), so every explorer is timed on a set: images of several
sizes and dtypes, every function, surface and feature choice, extreme start values. The
update plan (:func:`bench_explorers.update_plan`) then drags every control across its whole
range from each of these starts, so dropdown choices are all visited too.

An explorer missing here is still timed on its registry examples; a name here that is not an
explorer is an error (so a renamed class cannot silently drop out of the sweep).
"""

import numpy as np

from lecture_utils import data
from lecture_utils.widgets.base import lazy


def _digit():
    return data.load_digits()[0][0]  # 8 x 8, int64, 0-16


def _grey_float_28():
    """A 28 x 28 grey float image in [0, 1] (MNIST-sized): the digit blown up 4 times, cropped."""
    return (np.kron(_digit(), np.ones((4, 4)))[2:30, 2:30] / 16.0).astype(np.float64)


def _grey_uint8_64():
    return (np.kron(_digit(), np.ones((8, 8))) * 15).astype(np.uint8)


def _grey_float_photo():
    return data.load_grace_hopper().mean(axis=2) / 255.0  # 150 x 128 float in [0, 1]


def _colour_float_photo():
    return data.load_grace_hopper().astype(np.float64)  # 0-255 as floats


def _colour_uint8_8():
    return np.ascontiguousarray(data.load_grace_hopper()[::19, ::16][:8, :8])


def _float32_digit():
    return _digit().astype(np.float32) / 16


#: class name -> {label: constructor kwargs}; ``lazy`` arguments are computed when built.
SWEEP = {
    "PixelExplorer": {
        "grey 8x8 float32": dict(image=lazy(_float32_digit), window=8, row=7, col=7),
        "grey 28x28 float": dict(image=lazy(_grey_float_28), window=8),
        "grey 64x64 uint8": dict(image=lazy(_grey_uint8_64), window=8, row=0, col=63),
        "grey photo float": dict(image=lazy(_grey_float_photo), row=149, col=0),
        "colour photo float": dict(image=lazy(_colour_float_photo), row=0, col=127),
        "colour 8x8 uint8": dict(image=lazy(_colour_uint8_8), window=8, row=4, col=4),
        "colour photo, window 1": dict(image=lazy(data.load_grace_hopper), window=1),
    },
    "LineExplorer": {
        "steepest": dict(w=3.0, b=-3.0),
        "flat": dict(w=0.0, b=3.0),
    },
    "TransposeExplorer": {
        "1x6": dict(A=np.arange(6).reshape(1, 6), i=0, j=5),
        "6x6 floats": dict(A=np.linspace(-1, 1, 36).reshape(6, 6) * 1e3, i=5, j=5),
    },
    "MatrixProductExplorer": {
        "6x6 @ 6x6 floats": dict(A=np.linspace(-9, 9, 36).reshape(6, 6), B=np.eye(6) * 0.5, i=5, j=5),
        "1x1 @ 1x6": dict(A=[[2]], B=[[1, 2, 3, 4, 5, 6]]),
    },
    "UnitBallExplorer": {
        "p = 0.5": dict(p=0.5),
        "p = inf": dict(p=np.inf),
        "p = 100": dict(p=100.0),
    },
    "VectorNormExplorer": {
        "zero vector": dict(x1=0.0, x2=0.0),
        "corner": dict(x1=5.0, x2=-5.0),
    },
    "SecantExplorer": {
        **{f"{name} at x₀ = -2, ε = 1e-14": dict(function=name, x0=-2.0, eps=1e-14)
           for name in ("x² + 1", "2x + 1", "x³", "√x", "ln x", "eˣ")},
        "eˣ at x₀ = 3, ε = 1": dict(function="eˣ", x0=3.0, eps=1.0),
        "ln x at x₀ = 0.1, ε = 1e-8": dict(function="ln x", x0=0.1, eps=1e-8),
    },
    "GradientDescentExplorer": {
        "round bowl, largest α, far start": dict(surface="round bowl", learning_rate=10 ** 0.5, x0=3.0, y0=-3.0,
                                                 steps=200),
        "narrow valley, tiny α": dict(surface="narrow valley", learning_rate=0.001, x0=-3.0, y0=3.0, steps=200),
        "two minima, diverging": dict(surface="two minima", learning_rate=1.0, x0=3.0, y0=3.0, steps=200),
        "two minima, one step": dict(surface="two minima", learning_rate=0.1, x0=0.0, y0=0.0, steps=1),
    },
    "SigmoidExplorer": {
        "mean radius, extreme w and b": dict(feature="mean_radius", w=10.0, b=-10.0),
        "worst texture": dict(feature="worst_texture", w=-10.0, b=10.0),
        "fractal dimension error": dict(feature="fractal_dimension_error", w=0.0, b=0.0),
    },
    "DecisionBoundaryExplorer": {
        "mean radius vs mean texture, α = 100": dict(features=("mean_radius", "mean_texture"),
                                                     learning_rate=100.0, step=300),
        "worst area vs smoothness error, α = 0.01": dict(features=("worst_area", "smoothness_error"),
                                                      learning_rate=0.01, step=150),
        "worst concave points vs worst perimeter, α = 10": dict(
            features=("worst_concave_points", "worst_perimeter"), learning_rate=10.0, step=1),
    },
    "BackpropExplorer": {
        "last step": dict(step=10_000),
    },
    "HiddenLayerExplorer": {
        "10 units, trained": dict(width=10, step=1500, unit=10),
        "5 units, mid-way": dict(width=5, step=700, unit=3),
    },
    "InitializationExplorer": {
        "scale 10, α = 30": dict(scale=10.0, seed=9, learning_rate=30.0),
        "zeros, α = 0.1": dict(scale=0.0, seed=0, learning_rate=0.1),
    },
}


def sweep_cases(cls):
    """``[(label, kwargs)]`` to time for ``cls``: its registry examples, then the sweep's inputs."""
    own = cls.__dict__.get("examples", {})
    return [(label, kwargs) for label, kwargs in own.items()] + list(SWEEP.get(cls.__name__, {}).items())


def build(cls, kwargs):
    """The explorer built from ``kwargs`` (``lazy`` arguments computed now)."""
    return cls(**{k: v() if isinstance(v, lazy) else v for k, v in kwargs.items()})
