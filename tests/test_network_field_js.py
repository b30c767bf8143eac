"""The browser's network shading (js/network.js: networkGrid, contourSegments, lineInBox; js/draw.js: fill)
against numpy: what notebook 07's explorers draw from the weights they ship is the course's own
forward pass, boundary and units' lines."""

import json
import pathlib

import numpy as np
import support

from lecture_utils.network import init_params
from lecture_utils.plots.logistic import boundary_segment
from lecture_utils.plots.network import contour_segments
from lecture_utils.widgets import _scene, _scene_mpl

JS = pathlib.Path(__file__).parents[1] / "lecture_utils" / "widgets" / "js" / "network.js"
DRAW = JS.with_name("draw.js")

def run_node(fixtures, tmp_path):
    """Each fixture's networkGrid values, contour segments, unit segments and filled texts, computed by node."""
    data = tmp_path / "fixtures.json"
    data.write_text(json.dumps(fixtures))
    return support.node_script(
        f"import * as net from {json.dumps(JS.as_uri())};\n"
        f"import {{ fill }} from {json.dumps(DRAW.as_uri())};\n"
        "const lib = { ...net, fill };\n"
        "import {readFileSync} from 'node:fs';\n"
        f"const cases = JSON.parse(readFileSync({json.dumps(str(data))}, 'utf8'));\n"
        "const out = cases.map((m) => {\n"
        "  const g = lib.networkGrid(m);\n"
        "  return {values: Array.from(g.values), xs: g.xs, ys: g.ys,\n"
        "    contour: lib.contourSegments(g.values, g.xs, g.ys, 0.5),\n"
        "    lines: lib.unpackNetwork(m.params).b1.map((_, j) => { const u = lib.unpackNetwork(m.params);\n"
        "      return lib.lineInBox(u.W1[0][j], u.W1[1][j], u.b1[j], m.extent); }),\n"
        "    text: lib.fill(m.template, m.state)};\n"
        "});\n"
        "process.stdout.write(JSON.stringify(out));\n", tmp_path)


def fixtures():
    cases = []
    for hidden, scale, seed, output in ((1, 1.0, 0, "y_hat"), (4, 3.0, 2, "y_hat"), (10, 1.0, 5, "unit"),
                                         (3, 10.0, 7, "y_hat")):
        W1, b1, W2, b2 = init_params(2, hidden, scale=scale, seed=seed)
        b2 = 0.3 * scale
        params = np.concatenate([W1.ravel(), b1, 2 * W2, [b2]]).tolist()
        mark = _scene.network_field("p", params, (-1.6, 2.5, -1.2, 1.7),
                                    n=31, output=output, unit=hidden - 1)
        mark.update(template="unit {n} weighs {w:+.2f}, J = {J:.4f}; {{braces}} {name}",
                    state={"n": hidden, "w": float(W2[0]), "J": float(b2) / 7, "name": "text"})
        cases.append(mark)
    cases.append({**cases[0], "template": "{w:+.2f} {v:+.2f} {z:.1f}", "state": {"w": -0.001, "v": 0.004, "z": -0.04}})
    return cases


def test_browser_network_shading_is_numpys(tmp_path):
    cases = fixtures()
    for m, got in zip(cases, run_node(cases, tmp_path)):
        want, xs, ys = _scene_mpl.network_grid(m)
        np.testing.assert_array_equal(got["xs"], xs)
        np.testing.assert_array_equal(got["ys"], ys)
        np.testing.assert_allclose(np.reshape(got["values"], want.shape), want, rtol=1e-12, atol=1e-14)


def test_browser_boundary_passes_through_contourpys_points(tmp_path):
    cases = fixtures()
    crossed = 0
    for m, got in zip(cases, run_node(cases, tmp_path)):
        values, xs, ys = _scene_mpl.network_grid(m)
        want = np.concatenate(contour_segments(xs, ys, values, 0.5) or [np.empty((0, 2))])
        ends = np.array([p for seg in got["contour"] for p in seg]).reshape(-1, 2)
        crossed += len(want) > 0
        # Every vertex of matplotlib's contour is an end of a browser segment, and the reverse.
        for a, b in ((want, ends), (ends, want)):
            if len(a):
                gaps = np.min(np.linalg.norm(a[:, None, :] - b[None, :, :], axis=2), axis=1)
                assert gaps.max() < 1e-9
    assert crossed >= 2  # the fixtures do draw boundaries


def test_browser_unit_lines_match_boundary_segment(tmp_path):
    cases = fixtures()
    for m, got in zip(cases, run_node(cases, tmp_path)):
        x0, x1, y0, y1 = m["extent"]
        for j, seg in enumerate(got["lines"]):
            W1, b1, _, _ = _scene_mpl.unpack(m["params"])
            want = boundary_segment(W1[:, j], b1[j], (x0, x1), (y0, y1))
            assert (seg is None) == (want is None)
            if seg is not None:
                # boundary_segment samples 401 points along the line: its ends are within a step of the box's.
                got_ends, want_ends = sorted(map(tuple, seg)), sorted(zip(*want))
                np.testing.assert_allclose(got_ends, want_ends, atol=max(x1 - x0, y1 - y0) / 200)


def test_browser_fill_formats_as_python(tmp_path):
    cases = fixtures()
    for m, got in zip(cases, run_node(cases, tmp_path)):
        assert got["text"] == _scene.fill(m["template"], m["state"])


def test_browser_field_picture_is_the_colour_map_of_numpys_values_computed_once_per_state(tmp_path):
    """networkField: the pixels are the mark's colour table at numpy's values (image rows from the top),
    the boundary is contourSegments' and a second draw of the same state reuses the first one's."""
    cases = fixtures()[:4]
    for m in cases:
        m["lut"] = _scene.colormap_lut("PuOr_r" if m["output"] == "unit" else "viridis")
        m.update(vmin=-1.0 if m["output"] == "unit" else 0.0, vmax=1.0, boundary={"level": 0.5})
    data = tmp_path / "fields.json"
    data.write_text(json.dumps(cases))
    # No DOM in node: an OffscreenCanvas that keeps the ImageData put on it.
    found = support.node_script(
        "globalThis.OffscreenCanvas = class { constructor(w, h) { this.width = w; this.height = h; }\n"
        "  getContext() { const c = this; return { createImageData: (w, h) => ({ data: new Uint8ClampedArray(4 * w * h) }),\n"
        "    putImageData: (img) => { c.pixels = Array.from(img.data); } }; } };\n"
        f"import * as net from {json.dumps(JS.as_uri())};\n"
        "import {readFileSync} from 'node:fs';\n"
        f"const cases = JSON.parse(readFileSync({json.dumps(str(data))}, 'utf8'));\n"
        "const out = cases.map((m) => { const a = net.networkField(m), b = net.networkField({ ...m });\n"
        "  const changed = net.networkField({ ...m, params: m.params.map((p) => 2 * p) });\n"
        "  return { pixels: a.image.pixels, boundary: a.boundary, reused: a === b, recomputed: changed !== a }; });\n"
        "process.stdout.write(JSON.stringify(out));\n", tmp_path)
    for m, got in zip(cases, found):
        values, xs, ys = _scene_mpl.network_grid(m)
        lut = np.array([[int(c[k:k + 2], 16) for k in (1, 3, 5)] for c in m["lut"]])
        u = np.clip((values - m["vmin"]) / (m["vmax"] - m["vmin"]), 0, 1)
        rgb = lut[np.minimum(len(lut) - 1, np.floor(u * len(lut)).astype(int))][::-1]  # image row 0 is the top
        pixels = np.reshape(got["pixels"], (m["n"], m["n"], 4))
        np.testing.assert_array_equal(pixels[..., :3], rgb)
        assert (pixels[..., 3] == 255).all()
        want = np.concatenate(contour_segments(xs, ys, values, 0.5) or [np.empty((0, 2))])
        ends = np.array([p for seg in got["boundary"] for p in seg]).reshape(-1, 2)
        assert len(want) == 0 or np.min(np.linalg.norm(want[:, None] - ends[None], axis=2), axis=1).max() < 1e-9
        assert got["reused"] and got["recomputed"]
