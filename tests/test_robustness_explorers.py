"""Fuzz every explorer: random settings across and at the edges of its controls' ranges.

Whatever a student sets, ``update(...)`` must not raise or warn (pytest turns warnings into
errors), must leave no error text in the explorer, must say in words what it shows
(``describe()``) and must show it: every explorer is a browser explorer
(:class:`~lecture_utils.widgets._browser.BrowserExplorer`), which sends the page the new exact
state after every move, and draws a static picture (by matplotlib, once per display, never per
move) at the random settings and the corners. Explorers and the
constructions their notebooks make come from :mod:`lecture_utils.registry` (each explorer's
``examples``), so a new explorer is fuzzed as soon as it is defined in a ``lecture_utils.widgets``
module.
"""

import ast
import contextlib
import json
import re

import ipywidgets as widgets
import numpy as np
import pytest
from conftest import visible_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import control_values, corners, examples

from lecture_utils import registry
from lecture_utils.widgets import Explorer
from lecture_utils.widgets._browser import BrowserExplorer
from lecture_utils.widgets._tables import _json

CASES = registry.explorer_examples()
CASE_IDS = [case_id for case_id, _, _ in CASES]
_BUILT = {}


def built(case_id):
    """One explorer per case, built once: building is the slow part, updating is what we test."""
    if case_id not in _BUILT:
        _, cls, label = next(c for c in CASES if c[0] == case_id)
        _BUILT[case_id] = cls.example(label)
    return _BUILT[case_id]


def _options(control):
    opts = control.options
    if isinstance(opts, dict):
        return list(opts.values())
    return [o[1] if isinstance(o, tuple) else o for o in opts]


def control_strategy(control):
    """Values a student can reach with ``control``: anywhere in its range, its ends more often."""
    if isinstance(control, (widgets.Dropdown, widgets.RadioButtons, widgets.ToggleButtons,
                            widgets.SelectionSlider, widgets.Select)):
        return st.sampled_from(_options(control))
    if isinstance(control, (widgets.Checkbox, widgets.ToggleButton)):
        return st.booleans()
    if isinstance(control, widgets.FloatLogSlider):
        exps = st.one_of(st.sampled_from([control.min, control.max]),
                         st.floats(control.min, control.max, allow_nan=False))
        return exps.map(lambda e: float(control.base ** e))
    if isinstance(control, (widgets.IntSlider, widgets.BoundedIntText, widgets.IntRangeSlider)):
        return st.one_of(st.sampled_from([control.min, control.max]),
                         st.integers(control.min, control.max))
    if hasattr(control, "min") and hasattr(control, "max"):
        lo, hi = float(control.min), float(control.max)
        step = getattr(control, "step", None)
        # a drag lands on the slider's grid; a typed value can be anything in range
        grid = (st.integers(0, round((hi - lo) / step)).map(lambda k: min(hi, lo + k * step))
                if step else st.nothing())
        return st.one_of(st.sampled_from([lo, hi]), grid, st.floats(lo, hi, allow_nan=False))
    return st.just(control.value)


@st.composite
def settings_for(draw, explorer):
    """A random subset of the controls (at least one) with random values."""
    names = list(explorer.controls)
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=len(names), unique=True))
    return {name: draw(control_strategy(explorer.controls[name])) for name in chosen}


def _assert_healthy(explorer, params, picture=True):
    """The explorer after a move to ``params``: no error, one line of description, and the page
    shows the new state. ``picture=False``: a browser explorer's static picture is not drawn
    (the page draws a move; matplotlib draws that picture only when the explorer is displayed)."""
    assert explorer.error == "", f"{params}: {explorer.error}"
    description = explorer._current_description()
    assert "\n" not in description, f"describe() after {params} is not one line: {description!r}"
    assert explorer.description == description, f"the page shows a stale description after {params}"
    assert isinstance(explorer, BrowserExplorer), f"{type(explorer).__name__} is not drawn in the browser"
    sent = explorer.widget.state
    assert explorer.widget.error == "", f"{params}: the page shows {explorer.widget.error!r}"
    assert {k: sent.get(k) for k in explorer.state} == _json(explorer.state), (
        f"the page was not sent the state after {params}")
    if picture:
        assert explorer.png.startswith(b"\x89PNG"), f"no static picture after {params}"


@pytest.mark.parametrize("case_id", CASE_IDS)
@settings(max_examples=examples(20), deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_random_settings_never_raise_warn_or_lose_the_picture(case_id, data):
    explorer = built(case_id)
    params = data.draw(settings_for(explorer), label="params")
    explorer.update(**params)
    _assert_healthy(explorer, params, picture=False)


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_every_control_through_its_range_one_at_a_time(case_id):
    """Each control through 7 values from end to end (every option of a dropdown), the others
    at the example's settings: the per-topic sweeps of every explorer, in one place."""
    explorer = built(case_id)
    defaults = explorer.params
    for name, control in explorer.controls.items():
        for value in control_values(control, 7):
            explorer.update(**{name: value})
            _assert_healthy(explorer, {name: value}, picture=False)
        explorer.update(**{name: defaults[name]})


def _drawn(explorer, params):
    """Whether the corner ``params`` is one whose static picture is drawn: every control alone at
    either end with the others all at the other end, and all at one end (2 + 2k of 2^k corners,
    all of them up to three controls): each end of each control is drawn against both extremes
    of the rest, and a picture costs a tenth of a second where a state costs a millisecond."""
    high = [params[name] == control_values(control, 2)[-1] != control_values(control, 2)[0]
            for name, control in explorer.controls.items()]
    return min(sum(high), len(high) - sum(high)) <= 1


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_every_corner_of_the_controls_renders(case_id):
    """All controls at once at their ends (up to 64 corners): the state sent at every one, the
    static picture at the corners `_drawn` picks (the extremes are where a drawing breaks)."""
    explorer = built(case_id)
    drawn = 0
    for params in corners(explorer):
        explorer.update(**params)
        picture = _drawn(explorer, params)
        drawn += picture
        _assert_healthy(explorer, params, picture=picture)
    assert drawn >= min(2, len(corners(explorer)))


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_values_beyond_the_ends_are_clipped_like_a_drag(case_id):
    """A value typed past a slider's end is clipped by the widget, never reaches draw() raw."""
    explorer = built(case_id)
    numeric = {name: c for name, c in explorer.controls.items()
               if isinstance(c, (widgets.FloatSlider, widgets.IntSlider, widgets.FloatLogSlider))}
    for name, control in numeric.items():
        if isinstance(control, widgets.FloatLogSlider):
            top, bottom = control.base ** control.max, control.base ** control.min
            pairs = ((top * 10, top), (bottom / 10, bottom))
        else:
            pairs = ((control.max + 10 * (control.step or 1), control.max),
                     (control.min - 10 * (control.step or 1), control.min))
        for beyond, end in pairs:
            if isinstance(control, widgets.IntSlider):
                beyond = int(beyond)
            explorer.update(**{name: beyond})
            _assert_healthy(explorer, {name: beyond}, picture=False)
            assert np.isclose(explorer.params[name], end), (name, beyond, explorer.params[name])


def test_every_explorer_belongs_to_a_notebook_that_builds_it():
    """Each explorer names an existing notebook, and that notebook's code constructs it."""
    numbers = {nb.number: nb for nb in registry.notebooks()}
    explorers = registry.explorers()
    assert len(explorers) >= 2 and len(CASES) >= len(explorers)
    for cls in explorers:
        assert cls.NOTEBOOK in numbers, f"{cls.__name__}.NOTEBOOK = {cls.NOTEBOOK!r} is no notebook"
        book = json.loads(numbers[cls.NOTEBOOK].path.read_text())
        code = "\n".join("".join(c["source"]) for c in book["cells"] if c["cell_type"] == "code")
        assert re.search(rf"\b{cls.__name__}\(", code), f"notebook {cls.NOTEBOOK} never builds {cls.__name__}"


def test_every_explorer_a_notebook_builds_is_registered_for_that_notebook():
    by_name = {cls.__name__: cls for cls in registry.explorers()}
    for nb in registry.notebooks():
        book = json.loads(nb.path.read_text())
        code = "\n".join("".join(c["source"]) for c in book["cells"] if c["cell_type"] == "code")
        for name in set(re.findall(r"\b([A-Z]\w*Explorer)\(", code)):
            assert name in by_name, f"{nb.path.name} builds {name}, which no widgets module defines"
            assert by_name[name].NOTEBOOK == nb.number, f"{name} is built in {nb.number} but says {by_name[name].NOTEBOOK}"


def _constructions(path):
    """``[(class name, literal keyword arguments)]`` of every ``XExplorer(...)`` call in a notebook."""
    book = json.loads(path.read_text())
    found = []
    for cell in book["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "\n".join(ln for ln in "".join(cell["source"]).splitlines() if not ln.lstrip().startswith(("%", "!")))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
                if name and name.endswith("Explorer"):
                    literal = {}
                    for kw in node.keywords:
                        with contextlib.suppress(ValueError, TypeError, SyntaxError):
                            literal[kw.arg] = ast.literal_eval(kw.value)
                    found.append((name, literal))
    return found


def test_every_construction_a_notebook_makes_is_one_of_the_explorers_examples():
    """The benchmark and the fuzzing build what the students see: examples follow the notebooks."""
    by_name = {cls.__name__: cls for cls in registry.explorers()}
    for nb in registry.notebooks():
        for name, literal in _constructions(nb.path):
            examples = by_name[name].examples.values()
            assert any(all(k in ex and ex[k] == v for k, v in literal.items()) for ex in examples), (
                f"{nb.path.name} builds {name}({literal}); no entry of {name}.examples has these arguments")


def test_an_explorer_without_examples_is_an_error_not_a_gap():
    class Forgotten(Explorer):
        """Defined without NOTEBOOK and examples."""

    Forgotten.__module__ = "lecture_utils.widgets.intro"
    from lecture_utils.widgets import intro

    intro.Forgotten = Forgotten
    try:
        with pytest.raises(ValueError, match="must declare NOTEBOOK"):
            registry.explorer_examples()
    finally:
        del intro.Forgotten


# Degenerate or divergent settings must be explained in words on the figure.
EXTREMES = [
    ("LineExplorer", {"w": 0.0}, r"flat"),
    ("UnitBallExplorer", {"p": 0.25}, r"not a norm"),
    ("GradientDescentExplorer", {"surface": "round bowl", "learning_rate": 10 ** 0.5, "steps": 200},
     r"diverg|left the map"),
    ("SecantExplorer", {"eps": 1e-14}, r"round-off|rounding"),
    ("SigmoidExplorer", {"w": 0.0}, r"flat"),
    ("DecisionBoundaryExplorer", {"step": 0}, r"no boundary"),
    ("VectorNormExplorer", {"x1": 0.0, "x2": 0.0}, r"x = 0"),
    ("TransposeExplorer", {"i": 1, "j": 1}, r"diagonal"),
    ("HiddenLayerExplorer", {"width": 1, "step": 0}, r"nothing learned"),
    ("InitializationExplorer", {"scale": 0.0}, r"same gradient|identical|never move"),
    ("InitializationExplorer", {"scale": 10.0}, r"saturat"),
]


@pytest.mark.parametrize("name, params, words", EXTREMES, ids=[e[0] for e in EXTREMES])
def test_extreme_settings_are_explained_on_the_figure(name, params, words):
    case = next((c for c in CASES if c[1].__name__ == name), None)
    assert case is not None, f"{name} is no longer defined in lecture_utils.widgets: update EXTREMES"
    explorer = built(case[0])
    unknown = set(params) - set(explorer.controls)
    assert not unknown, f"{name} has no control(s) {sorted(unknown)}: update EXTREMES"
    explorer.update(**params)
    _assert_healthy(explorer, params)
    text = visible_text(explorer.figure)
    assert re.search(words, text, re.IGNORECASE), f"{name} at {params} says nothing matching {words!r}:\n{text}"


