"""SigmoidExplorer's browser side (widgets/js/sigmoid.js) against numpy, by node on fixtures written here.

The page computes J, the accuracy and the threshold x = −b/w from the shipped training column
and draws ŷ = σ(wx + b) from w and b; every one of the 201 x 201 states must read exactly as
Python says it (the old ``describe()`` formulas), and the curve must be numpy's sigmoid.
"""

import base64
from pathlib import Path

import numpy as np
import support
from test_widgets_logistic import old_describe, old_message

from lecture_utils.logistic import cost
from lecture_utils.widgets import SigmoidExplorer
from lecture_utils.widgets import _scene as sc
from lecture_utils.widgets._scene import fill
from lecture_utils.widgets._scene_mpl import sigmoid_points

ROOT = Path(__file__).resolve().parents[1]
TEST = ROOT / "tests" / "js" / "sigmoid.test.mjs"


def grid_numbers(e):
    """J and accuracy at every (w, b) stop, as cost() computes them (vectorised, in chunks)."""
    ws, bs = e._stops["w"][0], e._stops["b"][0]
    W, B = np.repeat(ws, len(bs)), np.tile(bs, len(ws))
    J, acc = np.empty(len(W)), np.empty(len(W))
    for c in range(0, len(W), 2048):
        z = W[c:c + 2048, None] * e.x + B[c:c + 2048, None]
        J[c:c + 2048] = np.mean(np.maximum((1.0 - 2.0 * e.y) * z, 0.0) + np.log1p(np.exp(-np.abs(z))), axis=1)
        acc[c:c + 2048] = np.mean((z >= 0) == (e.y == 1), axis=1)
    return W, B, J, acc


def curve_cases(e):
    cases = []
    for w, b in ((2.0, -0.5), (0.0, 5.0), (-3.0, 0.0), (1e308, -1e308), (-1e308, 1e308), (1e-320, 0.0),
                 (800.0, 3.0), (-10.0, 10.0), (0.5, 10.0)):
        mark = {**sc.sigmoid_curve("fit", w, b, e.x_range), "w": w, "b": b}
        xs, ys, at = sigmoid_points(mark)
        cases.append({"mark": mark, "xs": xs.tolist(), "ys": [None if np.isnan(v) else v for v in ys], "at": at})
    return cases


# (-0.0 is left out: JavaScript's toFixed drops its sign; the explorer adds 0.0 so it never shows one.)
ROUNDING = [(v, d) for v in (0.125, -0.125, 0.375, 0.625, 0.875, 1.125, 2.675, 0.1, 0.3, 1e-9, -1e-9, 0.0625,
                             1.0625, 0.4185, 0.20563207, 12.5, 13.5) for d in (0, 1, 2, 3)]


def test_the_page_shows_every_state_as_python_says_it(tmp_path):
    support.node()
    e = SigmoidExplorer(w=2.0, b=-0.5)
    W, B, J, acc = grid_numbers(e)
    # The vectorised reference is cost() itself (checked on a sample, to the last bit).
    for k in range(0, len(W), 997):
        assert J[k] == cost(e.x[:, None], e.y, [W[k]], B[k])
    title = next(m["text"] for m in e._marks if m["type"] == "text" and str(m["text"]).startswith("J(w, b)"))
    extra = {1: "", 2: "", 3: " w < 0: larger x now means 'less likely malignant' - the data disagree, J is high.",
             4: " very steep: almost a step - confident predictions, and each wrong one costs a lot."}
    descriptions, notes, titles = [], [], []
    for w, b, j, a in zip(W.tolist(), B.tolist(), J.tolist(), acc.tolist()):
        note = old_message(e, w, b)
        said = old_describe(e, w, b, J=j, accuracy=a)
        kind = next((k for k, n in enumerate(("w ≈ 0", "ŷ = ½ happens", "w < 0:", "very steep")) if note.startswith(n)),
                    None)
        if kind is not None:
            said += extra[kind + 1] if kind + 1 != 1 or w == 0 else (" " + note.replace("\n", " ") + ".")
        descriptions.append(said)
        notes.append(note)
        titles.append(fill(title, {"J": j, "accuracy": 100 * a}))
    fixture = {"spec": e.widget.spec, "packed": base64.b64encode(e.widget.tables).decode(),
               "description": descriptions, "note": notes, "title": titles, "J": J.tolist(),
               "accuracy": (100 * acc).tolist(), "curves": curve_cases(e),
               "rounding": [[v, d, f"{v:.{d}f}"] for v, d in ROUNDING]}
    state = e.lookup(w=2.0, b=-0.5)
    mark = next(m for m in e._marks if m["type"] == "sigmoid")
    xs, ys, at = sigmoid_points({**mark, "w": 2.0, "b": -0.5})
    p = e.widget.spec["panels"][0]
    (l, bottom, width, height), (x0, x1), (y0, y1) = p["rect"], p["xlim"], p["ylim"]

    def pixel(x, y):
        return [(l + (x - x0) / (x1 - x0) * width) * e.widget.spec["width"],
                ((1 - bottom - height) + (1 - (y - y0) / (y1 - y0)) * height) * e.widget.spec["height"]]

    fixture["drawn"] = {"index": {"w": 120, "b": 95},
                        "pixels": [pixel(x, y) for x, y in zip(xs[::37], ys[::37])] + [pixel(at, y0), pixel(at, y1)],
                        "texts": fill(title, state).split("\n")}
    assert e._stops["w"][0][120] == 2.0 and e._stops["b"][0][95] == -0.5
    assert "# pass 4" in support.node_test(TEST, "SIGMOID_FIXTURE", fixture, tmp_path)
