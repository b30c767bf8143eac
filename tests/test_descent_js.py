"""The browser's gradient descent (widgets/js/descent.js) against numpy's, run by node on fixtures written here.

``node --test tests/js/descent.test.mjs``: every iterate, every J and the stop verdict of
:func:`lecture_utils.optim.gradient_descent` on each surface (small, large and diverging learning
rates; starts at the corners, at a minimum, in between; 1 to 200 steps), the numbers the words
carry formatted as Python formats them, and every key of
:class:`GradientDescentExplorer`'s state at many stops (what a move in the browser draws).
"""

import base64
import itertools
from pathlib import Path

import numpy as np
import support
from conftest import visible_text

from lecture_utils.optim import SURFACES, gradient_descent
from lecture_utils.widgets import GradientDescentExplorer
from lecture_utils.widgets._browser import _json, _nearest
from lecture_utils.widgets._scene import fill

ROOT = Path(__file__).resolve().parents[1]
TEST = ROOT / "tests" / "js" / "descent.test.mjs"
# The browser repeats numpy's operations in the same order: the doubles agree to the last bit on
# this machine. The tolerance allows an ulp or two from a different libm (log10) elsewhere.
RTOL = 1e-12

LEARNING_RATES = (1e-3, 0.01, 0.1, 0.2, 0.45, 0.5, 0.95, 1.0, 1.05, 10 ** 0.5)
STARTS = ((-3.0, -3.0), (3.0, 3.0), (-3.0, 3.0), (3.0, -3.0), (-2.5, 2.0), (0.5, 2.0), (0.0, 0.0))


def runs():
    out = []
    minima = tuple(m for s in SURFACES.values() for m in s.minima)
    for (name, s), lr, start, steps in itertools.product(SURFACES.items(), LEARNING_RATES, STARTS + minima,
                                                         (1, 7, 200)):
        res = gradient_descent(s.grad, np.array(start, dtype=float), lr, max_steps=steps, tol=1e-6, f=s.f)
        out.append({"input": {"surface": name, "x0": float(start[0]), "y0": float(start[1]), "learning_rate": lr,
                              "max_steps": steps, "tol": 1e-6},
                    "xs": res.path[:, 0], "ys": res.path[:, 1], "values": res.values, "steps": res.steps,
                    "converged": res.converged, "diverged": res.diverged, "reason": res.reason,
                    "last_change": res.last_change})
    return out


def formats():
    rng = np.random.default_rng(5)
    values = [0.0, -0.0, 1.0, -1.0, 0.1, 0.125, 0.375, 2.5, 1.5625, 0.3054, 1e-6, 9.5e-7, 9.9999e-5, 1e-5, 0.00012345,
              123456.0, 999999.5, 9999.5, 99.95, 0.9999996, 1e16, 1.712e17, 4.2426e8, 5e-324, 2.2250738585072014e-308,
              1.7976931348623157e308, -0.04, 0.05, 0.15, 0.25, -2.45, 10 ** 0.5, 10 ** -2.95, 3.5e-12]
    values += rng.lognormal(0, 8, 300).tolist() + (-rng.lognormal(0, 3, 100)).tolist()
    values += np.round(rng.uniform(-3, 3, 100), 2).tolist() + rng.uniform(-1e-3, 1e-3, 40).tolist()
    specs = (".1f", ".2g", ".3g", ".4g", "g")
    out = [[v if v != 0 or np.copysign(1, v) > 0 else "-0", spec, format(v, spec)] for v in values for spec in specs]
    out += [[name, spec, format(float(name), spec)] for name in ("nan", "inf", "-inf") for spec in specs]
    return out


def settings():
    """Stops across the controls: each surface at the ends and middles of the others, corners, a minimum."""
    rates = (1e-3, 10 ** -1.5, 0.1, 10 ** -0.35, 1.0, 10 ** 0.5)
    chosen = [dict(surface=name, learning_rate=lr, x0=x0, y0=y0, steps=steps)
              for name in SURFACES for lr in rates for (x0, y0), steps in
              (((-3.0, -3.0), 200), ((3.0, 3.0), 1), ((-2.5, 2.0), 50), ((0.0, 0.0), 200), ((0.5, 2.0), 137))]
    two = SURFACES["two minima"].minima
    chosen += [dict(surface="two minima", learning_rate=0.05, x0=round(m[0], 1), y0=0.0, steps=200) for m in two]
    return chosen


def explorer_fixture(explorer):
    samples = []
    for values in settings():
        index = {c: _nearest(explorer._stops[c][0], v) for c, v in values.items()}
        samples.append({"index": index, "state": _json(explorer.lookup(**values))})
    return {"spec": explorer.widget.spec, "packed": base64.b64encode(explorer.widget.tables).decode(),
            "samples": samples}


def pictures(explorer):
    """The texts of the static picture (matplotlib) at a few stops: diverged, converged, stuck, local minimum."""
    out = []
    for values in (dict(surface="round bowl", learning_rate=10 ** 0.5, x0=3.0, y0=3.0, steps=200),
                   dict(surface="narrow valley", learning_rate=0.1, x0=-2.5, y0=2.0, steps=50),
                   dict(surface="round bowl", learning_rate=1.0, x0=-2.5, y0=2.0, steps=20),
                   dict(surface="two minima", learning_rate=0.05, x0=0.5, y0=2.0, steps=200)):
        index = {c: _nearest(explorer._stops[c][0], v) for c, v in values.items()}
        explorer.update(**{c: explorer._stops[c][0][i] for c, i in index.items()})  # the stops: exact = looked up
        assert explorer.png.startswith(b"\x89PNG")
        texts = [line for line in visible_text(explorer.figure).split("\n") if line]
        assert len(texts) >= 20 and fill(explorer.state["title"], explorer.state).split("\n")[1] in texts
        out.append({"index": index, "texts": texts})
    return out


def test_the_browser_descends_as_numpy(tmp_path):
    support.node()
    explorer = GradientDescentExplorer()
    fixture = {"rtol": RTOL, "runs": _json(runs()), "formats": formats(), "explorer": explorer_fixture(explorer),
               "pictures": pictures(explorer)}
    assert "# pass 4" in support.node_test(TEST, "DESCENT_FIXTURE", fixture, tmp_path)
