"""The static layers of the shared drawing layer (widgets/js/layer.js) run by node on explorers' scenes.

``node --test tests/js/layer.test.mjs``: the marks that never change (notebook 07's training
points, notebook 06's tumours and legend) are drawn once into an offscreen layer and copied on
each move; a resize, a high-DPI canvas or another style draws them again; and the layers get the
same drawing the canvas gets without them.
"""

from pathlib import Path

import support

from lecture_utils.widgets import HiddenLayerExplorer, SigmoidExplorer
from lecture_utils.widgets._scene import is_ref
from lecture_utils.widgets._tables import _json

ROOT = Path(__file__).resolve().parents[1]
TEST = ROOT / "tests" / "js" / "layer.test.mjs"


def _static(explorer, mark):
    """Python's reading of a static mark: no field from the state, no template to fill."""
    if any(is_ref(v) for v in mark.values()):
        return False
    return not (explorer.FILL and mark["type"] == "text" and "{" in str(mark["text"]).replace("{{", "").replace("}}", ""))


def fixture(name, explorer, settings, layers):
    static = [m for m in explorer._marks if _static(explorer, m)]
    return {"name": name, "spec": explorer.widget.spec, "states": [_json(explorer.lookup(**s)) for s in settings],
            "static_marks": len(static), "layers": layers,
            "static_points": sum(len(m["x"]) for m in static if m["type"] == "points")}


def test_static_marks_are_drawn_once_into_a_layer_per_size_transform_and_style(tmp_path):
    support.node()
    fixtures = [
        # Layers: the map's moons and the unit panel's points; the tumours (not the legend: one text
        # is cheaper to draw than a layer to copy).
        fixture("HiddenLayerExplorer", HiddenLayerExplorer(), [{"step": 0}, {"step": 10, "width": 3}, {"step": 500}], 2),
        fixture("SigmoidExplorer", SigmoidExplorer(), [{"w": 1.0}, {"w": 2.0, "b": -1.0}, {"w": -3.0}], 1),
    ]
    assert fixtures[0]["static_points"] > 300  # the ~400 markers this is for
    assert "# pass 0" not in support.node_test(TEST, "LAYER_FIXTURE", fixtures, tmp_path)
