"""The explorers' front-end modules as a browser receives them (lecture_utils/widgets/_frontend.py).

anywidget imports each model's ``_esm`` per model and gives it 2 s from the model's creation;
a model that misses that drops every later kernel message (its tables: the explorer never
moves). So the ``_esm`` must stay a tiny loader, and the explorers' module must be imported
once per page however many explorers it shows. The loader runs here in node, with the blob
URLs a browser would give replaced by data: URLs (node cannot import blob: URLs).
"""

import json

import pytest
import support

from lecture_utils.widgets import LineExplorer, _frontend

# A page may show 14 explorers: each model's loader is fetched, compiled and run within 2 s.
LOADER_MAX_CHARS = 1_500

# A fake module (counts its evaluations) and three models of one page rendered with the loader.
PAGE_JS = """
import assert from "node:assert/strict";
const { loader, other, module, broken } = FIXTURE;
let blobs = 0;
const urls = new Map();
globalThis.Blob = class { constructor(parts, options) { this.text = parts.join(""); this.type = options.type; } };
URL.createObjectURL = (blob) => {
  blobs += 1;
  assert.equal(blob.type, "text/javascript");
  const url = `data:text/javascript;base64,${Buffer.from(blob.text).toString("base64")}#${blobs}`;
  urls.set(url, true);
  return url;
};
URL.revokeObjectURL = (url) => urls.delete(url);
const load = async (text) => (await import(`data:text/javascript;base64,${Buffer.from(text).toString("base64")}`)).default;
const model = (source) => ({ get: (name) => (name === "_explorer_js" ? source : undefined) });
globalThis.evaluations = 0;

// Three views on one page: three loader copies (anywidget imports _esm per model), one import.
const views = [];
for (let i = 0; i < 3; i++) {
  const widget = await load(loader);
  views.push(widget.render({ model: model(module), el: { id: i } }));
}
const cleanups = await Promise.all(views);
const out = { evaluations: globalThis.evaluations, rendered: globalThis.rendered, blobs,
              cleanupIsTheModules: cleanups.every((c) => typeof c === "function" && c.name === "dispose"),
              revoked: urls.size === 0 };
// Another version of the module (other key) is imported anew, not served the first one.
const widget = await load(other);
await widget.render({ model: model(module.replace("version 1", "version 2")), el: { id: 9 } });
out.afterOtherVersion = globalThis.evaluations;
// A module that throws reaches render's caller (anywidget shows the error) instead of hanging.
try {
  await (await load(broken.loader)).render({ model: model(broken.module), el: {} });
  out.brokenRejected = false;
} catch (err) {
  out.brokenRejected = String(err.message);
}
console.log(JSON.stringify(out));
"""

FAKE_MODULE = """// version 1
globalThis.evaluations += 1;
function render({ model, el }) {
  globalThis.rendered = [...(globalThis.rendered || []), el.id];
  return function dispose() {};
}
export default { render };
"""


def test_each_models_module_is_a_small_loader_and_the_explorers_code_travels_once_per_model():
    widget = LineExplorer()._widget
    assert len(widget._esm) <= LOADER_MAX_CHARS, f"the per-model _esm grew to {len(widget._esm)} characters"
    assert widget._explorer_js == _frontend.front_end_module()
    assert "function render(" in widget._explorer_js and "export default { render };" in widget._explorer_js
    # the loader names the page-wide key of exactly this module text
    assert json.dumps(_frontend.module_key(widget._explorer_js)) in widget._esm
    assert widget.get_state()["_explorer_js"] == widget._explorer_js  # synced: the page gets it


def test_the_key_changes_with_the_module_text():
    source = _frontend.front_end_module()
    assert _frontend.module_key(source) == _frontend.module_key(str(source))
    assert _frontend.module_key(source) != _frontend.module_key(source + "\n")
    with pytest.raises(TypeError, match="module's text"):
        _frontend.module_key(b"bytes")


def test_a_swapped_module_gives_new_widgets_its_text_and_its_loader():
    class Swapped(_frontend.ExplorerFrontEnd):
        pass

    Swapped.use_module(FAKE_MODULE)
    widget = Swapped()
    assert widget._explorer_js == FAKE_MODULE
    assert json.dumps(_frontend.module_key(FAKE_MODULE)) in widget._esm
    assert _frontend.ExplorerFrontEnd.EXPLORER_JS == _frontend.front_end_module()  # the base is untouched


def test_a_page_imports_the_explorers_module_once_and_every_view_renders_with_it(tmp_path):
    broken = "throw new Error('deliberately broken module');\nexport default {};\n"
    fixture = {"loader": _frontend.loader_module(FAKE_MODULE), "module": FAKE_MODULE,
               "other": _frontend.loader_module(FAKE_MODULE.replace("version 1", "version 2")),
               "broken": {"loader": _frontend.loader_module(broken), "module": broken}}
    out = support.node_script(PAGE_JS.replace("FIXTURE", json.dumps(fixture), 1), tmp_path)
    assert out["evaluations"] == 1, out  # three views, one import of the module
    assert out["rendered"] == [0, 1, 2], out  # every view rendered by the module's own render
    assert out["blobs"] == 1 and out["revoked"], out
    assert out["cleanupIsTheModules"], out  # anywidget gets the module's cleanup back
    assert out["afterOtherVersion"] == 2, out
    assert out["brokenRejected"] == "deliberately broken module", out


def test_the_explorers_module_is_a_valid_es_module_exporting_render(tmp_path):
    source = _frontend.front_end_module()
    found = support.node_script(
        "const text = " + json.dumps(source) + ";\n"
        "const mod = await import(`data:text/javascript;base64,${Buffer.from(text).toString('base64')}`);\n"
        "console.log(JSON.stringify({keys: Object.keys(mod.default), render: typeof mod.default.render}));\n",
        tmp_path)
    assert found == {"keys": ["render"], "render": "function"}
