"""The browser explorers' base (widgets/_browser.py): stops, tables, errors, sync with the page."""

import ipywidgets as widgets
import numpy as np
import pytest

from lecture_utils.widgets import _scene as sc
from lecture_utils.widgets._browser import MAX_STATES, BrowserExplorer, Table, _json, stops


class Toy(BrowserExplorer):
    """y = k x on a slider k and a menu of offsets; fails on purpose at k = 13."""

    NOTEBOOK = None

    def __init__(self, tables=None, marks=None):
        self._override = tables, marks
        super().__init__({"k": widgets.IntSlider(value=1, min=0, max=20, description="slope k"),
                          "c": widgets.Dropdown(options=[("none", 0.0), ("one", 1.0)], description="offset")},
                         title="Toy")

    def scene(self):
        panels = [sc.panel("main", (0.1, 0.1, 0.8, 0.8), (0, 1), (0, 25))]
        return panels, self._override[1] or [sc.line("main", [0, 1], sc.ref("y"))]

    def tables(self):
        return self._override[0] or [Table(("k", "c"), self._y)]

    @staticmethod
    def _y(k, c):
        if (k == 13).any() and len(k) == 1:
            raise RuntimeError("unlucky number")
        return {"y": np.column_stack([c, k + c]), "description": [f"k = {v}" for v in k]}


def test_stops_are_every_value_a_student_can_set():
    assert stops(widgets.IntSlider(min=0, max=3)) == ([0, 1, 2, 3], None)
    assert stops(widgets.FloatSlider(min=0, max=0.3, step=0.1))[0] == [0.0, 0.1, 0.2, 0.3]  # not 0.30000000000000004
    assert stops(widgets.FloatLogSlider(min=-2, max=0, step=1))[0] == [0.01, 0.1, 1.0]
    assert stops(widgets.Dropdown(options=[("a", 1), ("b", 2)])) == ([1, 2], ["a", "b"])
    assert stops(widgets.Checkbox(value=True)) == ([False, True], None)
    with pytest.raises(TypeError, match="slider, menu or checkbox, got Text"):
        stops(widgets.Text())


def test_tables_are_factorised_and_looked_up_at_the_nearest_stop():
    e = Toy()
    (table,) = e.sent_tables()
    assert table["depends"] == ["k", "c"] and len(table["data"]["y"]) == 21 * 2
    assert e.lookup(k=7, c=1.0)["y"].tolist() == [1.0, 8.0]
    assert e.lookup(k=6.6)["description"] == "k = 7"  # between stops: the nearest, as a drag lands


def test_a_table_with_the_wrong_number_of_rows_is_refused():
    bad = Table(("k",), lambda k: {"y": np.zeros((3, 2))})
    # Found at construction, by the exact state's one-row computation (the tables come later).
    with pytest.raises(ValueError, match=r"Toy table key 'y' has 3 rows for 1 states of \('k',\)"):
        Toy(tables=[bad])
    shallow = Table(("k",), lambda k: {"y": np.zeros((1, 2)), "description": ["one row"]})
    with pytest.raises(ValueError, match=r"Toy table key 'y' has 1 rows for 21 states of \('k',\)"):
        Toy(tables=[shallow]).sent_tables()


def test_a_table_must_depend_on_controls_of_the_explorer():
    with pytest.raises(ValueError, match=r"depends on \['w'\], not controls of it \(\['c', 'k'\]\)"):
        Toy(tables=[Table(("w",), lambda w: {})])


def test_a_mark_must_name_a_panel():
    with pytest.raises(ValueError, match=r"a line mark names panel 'side'; the panels are \['main'\]"):
        Toy(marks=[sc.line("side", [0, 1], [0, 1])])


def test_too_many_states_are_refused_with_what_to_do(monkeypatch):
    monkeypatch.setattr("lecture_utils.widgets._browser.MAX_STATES", 10)
    with pytest.raises(ValueError, match="has 42 states, more than 10: depend on fewer controls"):
        Toy()
    assert MAX_STATES >= 100_000


def test_an_error_is_shown_in_the_explorer_and_keeps_the_last_state():
    e = Toy()
    e.update(k=5)
    with pytest.raises(RuntimeError, match="unlucky"):
        e.update(k=13)
    assert "unlucky number" in e.error and "unlucky number" in e.widget.error
    assert e.description == "k = 5"  # the last good state is still what is shown
    e.update(k=4)
    assert e.error == "" and e.widget.error == ""


def test_values_from_the_page_are_stop_indices_and_bad_ones_are_ignored():
    e = Toy()
    e.widget.values = {"k": 20, "c": 1}
    assert e.params == {"k": 20, "c": 1.0} and e.description == "k = 20"
    e.widget.values = {"k": 99, "c": "one", "x": 1}  # out of range, not an index, unknown: nothing changes
    assert e.params == {"k": 20, "c": 1.0}


def test_json_has_no_nan_or_infinity():
    assert _json(np.array([1.0, np.nan, np.inf])) == [1.0, None, None]
    assert _json({"a": np.float64(np.inf), "b": [np.int64(2)]}) == {"a": None, "b": [2]}


def test_in_colab_the_display_carries_colabs_widget_manager(monkeypatch):
    """anywidget switches Colab's third-party widget manager on and names it in the display's
    metadata; an explorer's own display (its PNG and alt text added) must keep that metadata."""
    import sys
    import types

    from anywidget import _util

    calls = []
    widgets_mod = types.SimpleNamespace(_installed_url="https://colab.example/manager.min.js")
    output = types.SimpleNamespace(enable_custom_widget_manager=lambda: calls.append(1), _widgets=widgets_mod)
    monkeypatch.setitem(sys.modules, "google.colab.output", output)
    _util.enable_custom_widget_manager_once.cache_clear()
    try:
        data, metadata = Toy()._repr_mimebundle_()
    finally:
        _util.enable_custom_widget_manager_once.cache_clear()
    assert calls, "Colab's custom widget manager was not switched on"
    assert metadata["application/vnd.jupyter.widget-view+json"]["colab"]["custom_widget_manager"]["url"] \
        == widgets_mod._installed_url
    assert data["image/png"] and data["text/plain"].startswith("Toy")
    assert "application/vnd.jupyter.widget-view+json" in data


def test_outside_colab_the_display_is_one_bundle():
    bundle = Toy()._repr_mimebundle_()
    assert isinstance(bundle, dict) and {"image/png", "text/plain", "application/vnd.jupyter.widget-view+json"} <= set(bundle)


def test_contributings_explorer_example_builds_and_moves():
    """CONTRIBUTING's "Writing an explorer" example, run as written (its relative imports made absolute)."""
    import pathlib
    import re

    text = (pathlib.Path(__file__).parents[1] / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Writing an explorer", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    code = code.replace("from . import", "from lecture_utils.widgets import").replace(
        "from ._browser import", "from lecture_utils.widgets._browser import")
    namespace = {}
    exec(compile(code, "CONTRIBUTING.md", "exec"), namespace)  # noqa: S102 - the documented example, run as written
    explorer = namespace["SineExplorer"].example("notebook 07")
    assert explorer.description == "sin(2 x): 2 waves between 0 and 2π"
    assert explorer.lookup(k=4.5)["note"] == "fast wiggle!"
    assert np.allclose(explorer.update(k=3.0).state["y"], np.sin(3.0 * namespace["X"]))


def test_update_goes_through_the_controls_clipped_like_a_drag_and_refuses_unknown_ones():
    e = Toy()
    assert e.update(k=99) is e and e.params["k"] == 20 and e.description == "k = 20"
    with pytest.raises(ValueError, match=r"Toy.update\(\) got unknown control\(s\) \['y'\]; its controls are \['c', 'k'\]"):
        e.update(y=1)


def test_the_display_carries_the_static_picture_and_the_description_as_its_text():
    import base64

    from lecture_utils.widgets.base import STATIC_NOTE

    e = Toy().update(k=4)
    bundle = e._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]) == e.render_png()
    assert bundle["text/plain"] == "Toy — k = 4" + STATIC_NOTE == e.alt_text + STATIC_NOTE


def test_every_control_has_a_label_a_screen_reader_announces():
    e = Toy()
    labels = [c["label"] for c in e.widget.spec["controls"]]
    assert labels == ["slope k", "offset"]
    assert all(c.style.description_width == "initial" for c in e.controls.values())


@pytest.fixture
def shell():
    """An IPython shell (as in a notebook kernel), removed afterwards so other tests run without one."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.hist_file = ":memory:"  # nothing written to the user's IPython profile
    shell = InteractiveShell.instance(config=config)
    yield shell
    shell.history_manager.end_session()
    InteractiveShell.clear_instance()


def test_the_tables_go_to_the_page_after_the_cell_that_shows_the_explorer(shell):
    e = Toy()
    sizes = []
    e._widget.observe(lambda change: sizes.append(len(change["new"])), names="tables")
    shell.user_ns["e"] = e
    bundle = e._repr_mimebundle_()
    # The display is out with its picture while no table has been computed or sent yet.
    assert "image/png" in bundle and "application/vnd.jupyter.widget-view+json" in bundle
    assert e._widget.tables == b"" and e._computed is None
    shell.events.trigger("post_run_cell", None)
    assert len(sizes) == 1 and sizes[0] > 0
    (table,) = e.sent_tables()
    assert len(table["data"]["y"]) == 21 * 2
    shell.run_cell("e")  # shown again in a later cell: the tables are not sent twice
    assert len(sizes) == 1


def test_a_cell_showing_an_explorer_ends_with_its_tables_sent(shell):
    shell.user_ns["Toy"] = Toy
    shell.run_cell("e = Toy()\ne")
    e = shell.user_ns["e"]
    assert e._widget.tables and e._computed is not None


@pytest.fixture
def kernel_shell(shell, monkeypatch):
    """The IPython shell as a notebook kernel's (it has a kernel), its displays recorded as published."""
    published = []
    monkeypatch.setattr(shell, "kernel", object(), raising=False)
    monkeypatch.setattr(shell.display_pub, "publish",
                        lambda data, metadata=None, *, transient=None, update=False, **kw: published.append(
                            {"data": data, "transient": transient or {}, "update": update}))
    shell.published = published
    return shell


@pytest.mark.parametrize("code", ["e", "display(e)"])
def test_in_a_kernel_the_explorer_shows_at_once_and_its_picture_follows_the_cell(kernel_shell, code):
    """The live view is displayed without the PNG (matplotlib's 100-300 ms are not in the cell);
    once the cell has run the tables go, then the same output (its display id) gets the PNG and
    the alt text, so a stored notebook still shows the picture where there is no kernel."""
    import base64

    from IPython.display import display

    from lecture_utils.widgets.base import STATIC_NOTE

    e = Toy()
    events = kernel_shell.published
    e._widget.observe(lambda change: events.append("tables"), names="tables")
    kernel_shell.user_ns.update(e=e, display=display)
    kernel_shell.run_cell(code)
    first, tables, update = events
    assert tables == "tables"  # sent before the picture: the moves need them
    assert "image/png" not in first["data"] and not first["update"]
    assert set(first["data"]) == {"application/vnd.jupyter.widget-view+json", "text/plain"}
    assert update["update"] and update["transient"]["display_id"] == first["transient"]["display_id"]
    assert base64.b64decode(update["data"]["image/png"]) == e.render_png()
    assert update["data"]["text/plain"] == first["data"]["text/plain"] == e.alt_text + STATIC_NOTE


def test_outside_a_kernel_ipython_shows_the_picture_at_once(shell, monkeypatch):
    """Terminal IPython has no output to update later: one display, picture included."""
    published = []
    monkeypatch.setattr(shell.display_pub, "publish", lambda data, metadata=None, **kw: published.append((data, kw)))
    shell.user_ns["e"] = Toy()
    shell.run_cell("e")
    ((data, kw),) = published
    assert "image/png" in data and not kw.get("update")
