"""The shared browser front end's drawing layer (widgets/js/draw.js) run by node on fixtures Python writes.

``node --test tests/js/explorer.test.mjs``: a move in the browser must show exactly the state
Python computed (tables unpacked and looked up in JavaScript), at the pixels of the panel's
data -> pixel transform. Node 20 is on the development machines and CI; without it the test
is skipped locally and fails on CI.
"""

import base64
from pathlib import Path

import numpy as np
import support

from lecture_utils.widgets import LineExplorer
from lecture_utils.widgets._browser import _json, _nearest
from lecture_utils.widgets._scene_mpl import resolve

ROOT = Path(__file__).resolve().parents[1]
TEST = ROOT / "tests" / "js" / "explorer.test.mjs"


def _pixels(explorer, state):
    """Pixel positions of every finite line point of ``state``, as the panel's transform puts them."""
    spec, out = explorer.widget.spec, []
    panels = {p["name"]: p for p in spec["panels"]}
    for mark in explorer._marks:
        if mark["type"] != "line" or mark.get("coords") == "axes":
            continue
        m, p = resolve(mark, state), panels[mark["panel"]]
        (l, b, w, h), (x0, x1), (y0, y1) = p["rect"], p["xlim"], p["ylim"]
        for x, y in zip(np.ravel(m["x"]), np.ravel(m["y"])):
            if np.isfinite([x, y]).all():
                out.append([(l + (x - x0) / (x1 - x0) * w) * spec["width"],
                            ((1 - b - h) + (1 - (y - y0) / (y1 - y0)) * h) * spec["height"]])
    return out


def fixture(name, explorer, settings):
    samples = []
    for values in settings:
        state = explorer.lookup(**values)
        texts = [str(state[m["text"]["$"]]) for m in explorer._marks
                 if m["type"] == "text" and isinstance(m["text"], dict) and state[m["text"]["$"]]]
        index = {c: _nearest(explorer._stops[c][0], v) for c, v in {**explorer.params, **values}.items()}
        samples.append({"index": index, "state": _json(state), "texts": texts,
                        "pixels": _pixels(explorer, state)})
    return {"name": name, "spec": explorer.widget.spec, "packed": base64.b64encode(explorer.widget.tables).decode(),
            "tables": explorer.sent_tables(), "samples": samples}


def test_the_front_end_shows_pythons_states(tmp_path):
    support.node()
    fixtures = [fixture("LineExplorer", LineExplorer(w=1.0, b=0.5),
                        [{"w": -1.3, "b": 2.2}, {"w": 0.0, "b": -3.0}, {"w": 3.0, "b": 3.0}])]
    assert "# pass 0" not in support.node_test(TEST, "EXPLORER_FIXTURE", fixtures, tmp_path)
