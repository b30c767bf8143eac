"""The gradient-descent explorer of notebook 05, driven without a browser: the data it sends.

The browser runs the descent itself (js/descent.js; tests/test_descent_js.py compares it with
numpy on the states checked here). These tests check that data against the course's own
functions: numpy's gradient_descent, GDResult's sentences, plots.clip_path, the old describe().
"""

import gzip
import time

import numpy as np
import pytest

from lecture_utils import plots
from lecture_utils.optim import SURFACES, get_surface, gradient_descent
from lecture_utils.plots.style import CMAP
from lecture_utils.widgets import GradientDescentExplorer
from lecture_utils.widgets import optim as gd_widget
from lecture_utils.widgets._scene import fill, unpack_pixels
from lecture_utils.widgets._tables import _nearest


@pytest.fixture(scope="module")
def explorer():
    return GradientDescentExplorer()


def shown(e, key):
    return fill(e.state[key], e.state)


def old_describe(res, s, left):
    """What the explorer's describe() said before it was drawn in the browser."""
    words = res.summary(s.lowest, left)
    start = res.path[0]
    return (f"{s.name}, learning rate {res.learning_rate:.3g}, start ({start[0]:.1f}, {start[1]:.1f}): "
            f"{words.text}; cost J = {res.values[-1]:.4g} (lowest possible {s.lowest:.4g}).")


def check_state(state, settings):
    """Every word and number of ``state`` against numpy's run at ``settings`` and GDResult's own sentences."""
    s = get_surface(settings["surface"])
    res = gradient_descent(s.grad, np.array([settings["x0"], settings["y0"]], dtype=float),
                           settings["learning_rate"], max_steps=settings["steps"], tol=1e-6, f=s.f)
    pts, left = plots.clip_path(res.path, s.xlim, s.ylim)

    def text(key):
        return fill(state[key], state)

    words = res.summary(s.lowest, left)
    assert text("description") == f"{old_describe(res, s, left)} {res.status}"
    assert text("title") == f"{s.name}, α = {res.learning_rate:.3g}\n{words.text}"
    assert state["title_color"] == (plots.PALETTE["vermillion"] if words.bad_news else "black")
    assert text("note") == ((("diverged - " if res.diverged else "") + "the path left the map") if left else "")
    top = res.values[-1] - s.lowest > 1e6
    assert text("note") != "" or not left
    assert (state["cost_note"] == "cost beyond the top of the plot") == top
    cost_title = "cost per step: J = {J4} after {n}".format_map(state)
    assert cost_title == f"cost per step: J = {res.values[-1]:.4g} after {res.steps} step" + ("" if res.steps == 1
                                                                                             else "s")
    np.testing.assert_array_equal(np.column_stack([state["path_x"], state["path_y"]]), pts)
    np.testing.assert_array_equal(state["cost_y"], np.log10(np.clip(res.values - s.lowest, 1e-12, 1e6)))
    np.testing.assert_array_equal(state["cost_x"], np.arange(res.steps + 1))
    assert list(state["cost_end_x"]) == [res.steps]
    assert len(state["star_x"]) == (0 if left else 11)
    if not left:  # the end star sits on the last iterate
        assert np.mean(state["star_x"][:-1]) == pytest.approx(res.path[-1, 0], abs=1e-9)
        assert np.mean(state["star_y"][:-1]) == pytest.approx(res.path[-1, 1], abs=1e-9)
    return res, left


@pytest.mark.parametrize("surface", ["round bowl", "narrow valley", "two minima"])
def test_largest_learning_rate_diverges_and_says_so(surface):
    e = GradientDescentExplorer(surface=surface)
    e.update(learning_rate=10 ** 0.5, steps=200, x0=3.0, y0=3.0)
    assert e.result.diverged
    assert shown(e, "title").endswith(f"diverged after {e.result.steps} steps")
    assert "left the map" in shown(e, "note")
    # the drawn path stays near the view even though the iterates reached 1e8
    assert np.abs(np.concatenate([e.state["path_x"], e.state["path_y"]])).max() <= 9.0 + 1e-9
    assert "Diverged after" in e.description
    assert e.state["star_x"].size == 0  # no end star where the path left
    assert e.error == ""


def test_converged_still_moving_and_stuck_words():
    e = GradientDescentExplorer()
    e.update(learning_rate=0.3, steps=100)
    assert e.result.converged
    assert f"converged after {e.result.steps} steps" in shown(e, "title")
    assert shown(e, "note") == ""
    e.update(learning_rate=0.001, steps=10)
    assert "still moving after 10 steps" in shown(e, "title")
    e.update(learning_rate=1.0, steps=20)  # on the bowl, alpha = 1 jumps to the mirror point forever
    assert "stuck" in shown(e, "title")
    assert e.state["title_color"] == plots.PALETTE["vermillion"]


def test_two_minima_start_decides_which_minimum():
    e = GradientDescentExplorer(surface="two minima", learning_rate=0.05, steps=200)
    e.update(x0=0.5, y0=2.0)
    assert "shallower minimum" in shown(e, "title")
    e.update(x0=-0.5)
    assert e.result.converged and "shallower" not in shown(e, "title")


def test_states_match_numpy_and_gdresults_words_everywhere():
    """Exact states (update) and the browser's lookups at stops, across and at the ends of every control."""
    e = GradientDescentExplorer()
    kinds = set()
    rates = (1e-3, 0.01, 0.1, 0.3, 0.45, 0.95, 1.0, 1.05, 2.0, 10 ** 0.5)
    for name in SURFACES:
        for lr in rates:
            for (x0, y0), steps in (((-3.0, -3.0), 200), ((3.0, 3.0), 1), ((-2.5, 2.0), 50), ((0.0, 0.0), 200),
                                    ((3.0, -3.0), 17), ((0.5, 2.0), 200)):
                settings = dict(surface=name, learning_rate=lr, x0=x0, y0=y0, steps=steps)
                e.update(**settings)
                check_state(e.state, settings)
                kinds.add((e.state["summary_kind"], e.state["status_kind"]))
                at = {k: e._stops[k][0][_nearest(e._stops[k][0], v)] for k, v in settings.items()}
                check_state(e.lookup(**settings), at)
    summary_kinds = {k for k, _ in kinds}
    # every verdict a student can reach here is covered
    assert {"diverged", "converged", "converged-local", "stuck", "moving", "moving-zigzag"} <= summary_kinds
    assert any(k.startswith("diverging") for k in summary_kinds)


def test_at_a_minimum_the_first_step_converges():
    for s in SURFACES.values():
        for m in s.minima:
            e = GradientDescentExplorer(surface=s.name, learning_rate=0.1, x0=m[0], y0=m[1], steps=1)
            check_state(e.state, dict(e.params))
            assert e.result.converged and e.result.steps == 1
            assert "converged after 1 step" in fill(e.state["title"], e.state)


def test_every_template_says_what_gdresult_says():
    """All cases, the ones no setting of the explorer reaches too (a cost infinite at x0, no steps)."""
    flat = get_surface("round bowl")
    cases = {
        "stopped": gradient_descent(flat.grad, np.zeros(2), 0.1, f=lambda p: np.inf),
        "no steps": gradient_descent(flat.grad, np.ones(2), 0.1, max_steps=0, f=flat.f),
        "diverging-cost": gradient_descent(flat.grad, np.ones(2), 1.05, max_steps=5, f=flat.f),
        "diverged": gradient_descent(flat.grad, np.ones(2), 3.0, max_steps=200, f=flat.f),
        "converged": gradient_descent(flat.grad, np.ones(2), 0.3, max_steps=200, f=flat.f),
        "stuck": gradient_descent(flat.grad, np.ones(2), 1.0, max_steps=20, f=flat.f),
        "moving": gradient_descent(flat.grad, np.ones(2), 0.001, max_steps=3, f=flat.f),
        "moving-zigzag": gradient_descent(flat.grad, np.ones(2), 0.9, max_steps=3, f=flat.f),
    }
    for kind, res in cases.items():
        state = gd_widget.words(res, "round bowl", 0.0, False)
        assert state["status_kind"] == kind
        assert fill(gd_widget.STATUS[kind], state) == res.status
        assert fill(state["title"], state).split("\n")[1] == res.summary(0.0).text
    left = gd_widget.words(cases["moving"], "round bowl", 0.0, True)
    assert fill(left["title"], left).endswith(cases["moving"].summary(0.0, True).text)
    assert left["summary_kind"] == "diverging-left"


def test_state_is_the_same_whatever_the_moves_before():
    moved = GradientDescentExplorer()
    moved.update(surface="two minima", steps=13)
    moved.update(surface="narrow valley", steps=170)
    moved.update(surface="round bowl", learning_rate=0.25, steps=37)
    fresh = GradientDescentExplorer(surface="round bowl", learning_rate=0.25, steps=37)
    assert moved.png == fresh.png
    assert moved.description == fresh.description
    ticks = moved.state["cost_ticks"]
    assert ticks[0] == 0 and ticks[-1] <= 37 and len(ticks) >= 3
    assert moved.state["cost_ticklabels"] == [f"{t:.0f}" for t in ticks]
    assert moved.state["cost_xlim"] == [0.0, 37.0]


def test_surface_data_is_plot_contours_levels_and_minima():
    e = GradientDescentExplorer()
    for s in SURFACES.values():
        state = e.lookup(surface=s.name)
        xs = np.linspace(*s.xlim, 120)
        gx, gy = np.meshgrid(xs, np.linspace(*s.ylim, 120))
        z = s.f(np.stack([gx, gy], axis=-1))
        np.testing.assert_array_equal(state["levels"], np.unique(np.nanquantile(z, np.linspace(0, 0.97, 15) ** 1.6)))
        # contourf's own colours for those levels (extend="max": one more band above the last level)
        import matplotlib.pyplot as plt
        from matplotlib.colors import to_hex, to_rgb
        from matplotlib.path import Path

        fig, ax = plt.subplots()
        cs = ax.contourf(gx, gy, z, levels=state["levels"], cmap=CMAP, extend="max")
        assert state["colors"] == [to_hex(c) for c in cs.get_facecolor()]
        plt.close(fig)
        # The map: each pixel the colour of contourf's band at its centre, the lines matplotlib's contour lines.
        height, width, _ = state["bands"]["shape"]
        px = -3 + (np.arange(width) + 0.5) / width * 6
        py = 3 - (np.arange(height) + 0.5) / height * 6
        band = np.digitize(s.f(np.stack(np.meshgrid(px, py), axis=-1)), state["levels"][1:], right=True)
        rgb = 0.55 * np.array([to_rgb(c) for c in state["colors"]]) + 0.45 * np.array(to_rgb(plots.style.BACKGROUND))
        np.testing.assert_array_equal(unpack_pixels(state["bands"]), np.round(255 * rgb[band]).astype(np.uint8))
        fig, ax = plt.subplots()
        cs = ax.contour(gx, gy, z, levels=state["levels"])
        want = np.concatenate([path.vertices[path.codes != Path.CLOSEPOLY] for path in cs.get_paths() if len(path)])
        plt.close(fig)
        got = np.column_stack([state["contour_x"], state["contour_y"]])
        got = got[np.isfinite(got[:, 0])]
        # Every vertex of matplotlib's contour lines is one of ours (to the 1e-3 sent), and the reverse.
        for a, b in ((want, got), (got, want)):
            gaps = [np.min(np.abs(chunk[:, None, :] - b[None, :, :]).max(axis=2), axis=1).max()
                    for chunk in np.array_split(a, 10)]
            assert max(gaps) <= 5e-4 + 1e-12
        centres = np.column_stack([state["minima_x"], state["minima_y"]]).reshape(-1, 3, 2)[:, :2].mean(axis=1)
        np.testing.assert_allclose(centres[::2], np.array(s.minima), atol=1e-12)
        assert state["lowest"] == s.lowest


def test_picture_changes_and_static_bundle(explorer):
    explorer.update(surface="round bowl", learning_rate=0.1, x0=-2.5, y0=2.0, steps=50)
    before = explorer.png
    explorer.update(learning_rate=0.02)
    assert explorer.png != before
    bundle = explorer._repr_mimebundle_()
    assert "image/png" in bundle and "interactive explorer" in bundle["text/plain"]
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_the_picture_shows_every_text(explorer):
    """The static PNG draws the state's titles and messages (what the canvas draws from the same scene)."""
    from conftest import visible_text

    explorer.update(surface="round bowl", learning_rate=10 ** 0.5, x0=3.0, y0=3.0, steps=200)
    assert explorer.png.startswith(b"\x89PNG")
    text = visible_text(explorer.figure)
    for key in ("title", "note", "cost_note"):
        assert shown(explorer, key) and shown(explorer, key) in text
    assert fill("cost per step: J = {J4} after {n}", explorer.state) in text


def test_browser_values_coming_back_update_params_and_result(explorer):
    explorer.update(surface="round bowl", learning_rate=0.1, x0=-2.5, y0=2.0, steps=50)
    stops = explorer._stops
    index = {"surface": 2, "learning_rate": 10, "x0": 0, "y0": 60, "steps": 199}
    explorer.widget.values = index  # what the page sends once the student stops moving
    assert explorer.params == {k: stops[k][0][i] for k, i in index.items()}
    assert explorer.result.path[0].tolist() == [-3.0, 3.0] and explorer.result.max_steps == 200
    check_state(explorer.state, explorer.params)


def test_construction_is_fast_and_the_tables_small():
    best = min(_construction_seconds() for _ in range(3))  # CPU time: a loaded machine inflates it
    assert best <= 0.5, f"building the explorer took {best:.2f} s of CPU"
    e = GradientDescentExplorer()
    # bytes, gzip: per surface (its map's pixels and contour lines, ~14 KB) and per step budget only (43 KB here)
    assert len(e.widget.tables) < 60_000
    assert len(gzip.compress(repr(e.widget.spec).encode())) < 20_000


def _construction_seconds():
    start = time.process_time()
    GradientDescentExplorer()
    return time.process_time() - start


def test_unknown_surface_and_control():
    with pytest.raises(ValueError, match=r"unknown surface 'hill'"):
        GradientDescentExplorer(surface="hill")
    with pytest.raises(ValueError, match=r"unknown control\(s\) \['alpha'\]"):
        GradientDescentExplorer().update(alpha=0.1)


@pytest.mark.parametrize("kwargs, exc, pattern", [
    (dict(learning_rate="0.1"), TypeError, r"^learning_rate must be a real number, got str '0\.1'$"),
    (dict(learning_rate=-0.1), ValueError, r"^learning_rate must be positive, got -0\.1$"),
    (dict(learning_rate=np.ones(3)), TypeError, r"^learning_rate must be a real number, got an array of shape \(3,\)"),
    (dict(x0=None), TypeError, r"^x0 must be a real number, got NoneType None$"),
    (dict(y0=float("nan")), ValueError, r"^y0 must be a finite number, got nan$"),
    (dict(y0=1 + 1j), TypeError, r"^y0 must be a real number, got complex \(1\+1j\)$"),
    (dict(steps=2.5), TypeError, r"^steps must be a whole number, got float 2\.5$"),
    (dict(steps=0), ValueError, r"^steps must be at least 1, got 0$"),
], ids=["rate text", "rate negative", "rate array", "x0 None", "y0 nan", "y0 complex", "steps fraction",
        "steps zero"])
def test_bad_start_values_give_clear_errors(kwargs, exc, pattern):
    with pytest.raises(exc, match=pattern):
        GradientDescentExplorer(**kwargs)


def test_out_of_range_start_values_are_clipped_like_a_drag():
    e = GradientDescentExplorer(learning_rate=float("inf"), x0=-float("inf"), y0=7.0, steps=1000)
    assert e.params["x0"] == -3.0 and e.params["y0"] == 3.0 and e.params["steps"] == 200
    assert e.params["learning_rate"] == pytest.approx(10 ** 0.5)
    assert e.error == ""


def test_describe_says_what_the_picture_shows():
    e = GradientDescentExplorer(surface="round bowl", learning_rate=0.3, steps=100)
    text = e.describe()
    assert text.startswith("round bowl, learning rate 0.3, start (-2.5, 2.0): converged after ")
    assert f"converged after {e.result.steps} steps" in text and "\n" not in text
    e.update(surface="two minima", learning_rate=10 ** 0.5, steps=200)
    assert f"diverged after {e.result.steps} step" in e.describe()
    e.update(surface="round bowl", learning_rate=1.0, steps=20)
    assert "stuck" in e.describe()
    e.update(surface="two minima", learning_rate=0.1, x0=0.5, y0=2.0, steps=200)
    assert "(to the shallower minimum)" in e.describe()
