"""SecantExplorer's front end (js/secant.js, js/pyformat.js) against Python on every state it ships.

``node --test tests/js/secant.test.mjs`` with a fixture written here: for each of the
6 x 51 x 57 states, the texts as Python fills them and the numbers it derives
(:func:`lecture_utils.widgets.secant.derived`); and number formats (ties, rounding up a decade,
zero, subnormals) as Python's ``format()`` writes them. Without node the test is skipped
locally and fails on CI, as tests/test_explorer_js.py.
"""

import base64
from pathlib import Path

import pytest
import support

from lecture_utils.widgets import SecantExplorer, _scene
from lecture_utils.widgets._tables import _json

ROOT = Path(__file__).resolve().parents[1]
TEST = ROOT / "tests" / "js" / "secant.test.mjs"
TEXTS = ("description", "title", "slope_text", "note", "err_note", "round_off_label", "run_text", "rise_text")
NUMBERS = ("err", "best_eps", "secant_y", "run_x", "run_y", "rise_x", "rise_y", "rise_text_x", "rise_text_y", "rise_text_ha",
           "dot_y")
FORMATS = [(v, spec) for spec in (".10g", ".1e", ".3g", ".0e", "+.3g", ".1g", ".0g", ".17g", ".2e")
           for v in (0.0, "-0", 1.0, -2.5, 0.125, 0.375, 2.5, 1.25e-5, 9.9999999999, 99.95, 0.00012345, 1e-5,
                     123456789012.0, 1e16, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 1e22,
                     -3.996802888650564, 4.000000330961484, "nan", "inf", "-inf", 1.0000000000000009e-05,
                     0.5, 1.5, 2.675, 1e-28)]


def _python_format(value, spec):
    v = {"nan": float("nan"), "inf": float("inf"), "-inf": float("-inf"), "-0": -0.0}.get(value, value)
    return format(v, spec)


def _fixture(e):
    names = list(e.controls)
    sizes = [len(e._stops[n][0]) for n in names]
    states = []
    for i in range(sizes[0]):
        for j in range(sizes[1]):
            for k in range(sizes[2]):
                values = {n: e._stops[n][0][idx] for n, idx in zip(names, (i, j, k))}
                state = e.lookup(**values)
                states.append({"index": [i, j, k], "texts": {t: _scene.fill(str(state[t]), state) for t in TEXTS},
                               "numbers": _json({n: state[n] for n in NUMBERS})})
    return {"spec": e.widget.spec, "packed": base64.b64encode(e.widget.tables).decode(), "states": states,
            "formats": [[v, spec, _python_format(v, spec)] for v, spec in FORMATS]}


@pytest.mark.slow
def test_the_page_shows_pythons_secant_states(tmp_path):
    support.node()
    assert "# pass 2" in support.node_test(TEST, "SECANT_FIXTURE", _fixture(SecantExplorer()), tmp_path)
