"""The explorers' front end: ``js/*.js`` joined into one ES module (no bundler), and the tiny
per-model loader anywidget imports as each explorer's ``_esm``.

anywidget imports a model's ``_esm`` anew for every model (a blob URL each) and gives it 2 s from
the model's creation: a model whose module is not loaded and bound by then never becomes ready,
and drops every later message from the kernel (anywidget 0.11's ``Runtime``; the tables an
explorer receives after its cell would be lost, so it could never move). A page of many
explorers on a busy machine went past that with the whole module per model. So the ``_esm`` is
:func:`loader_module`: a few hundred bytes that anywidget loads at once; its ``render`` imports
the whole module (:func:`front_end_module`, carried in the model's ``_explorer_js`` trait) once
per page and version, shared by every explorer through ``globalThis``.
"""

import hashlib
import json
import pathlib
import re

import anywidget
import traitlets

__all__ = ["ExplorerFrontEnd", "front_end_module", "loader_module", "module_key"]

_JS = pathlib.Path(__file__).with_name("js")
_JS_FILES = ("network.js", "image.js", "layer.js", "sigmoid.js", "descent.js", "pyformat.js", "secant.js", "draw.js",
             "explorer.js")  # each after the files it imports
SOURCE_TRAIT = "_explorer_js"


def front_end_module():
    """``js/*.js`` (``_JS_FILES``, in order) as the one ES module of every explorer (no bundler:
    their imports of each other, there for editors and node, are dropped). Its default export is
    ``{ render }``."""
    parts = []
    for name in _JS_FILES:
        text = re.sub(r'^import \{[^}]*\} from "\./[\w-]+\.js";\n', "", (_JS / name).read_text(), flags=re.MULTILINE)
        if re.search(r'from "\./', text):
            raise RuntimeError(f"js/{name} must import the other files in one line each: import {{ ... }} from \"./x.js\";")
        parts.append(text)
    source = "\n".join(parts)
    if source.count("export default { render };") != 1:
        raise RuntimeError("js/explorer.js must end with: export default { render };")
    return source


def module_key(source):
    """The ``globalThis`` name under which a page keeps the import of ``source`` (one per version:
    a kernel restarted on edited js/*.js in the same JupyterLab page imports the new one)."""
    if not isinstance(source, str):
        raise TypeError(f"source must be the module's text (str), got {type(source).__name__}")
    return "__lectureUtilsExplorer_" + hashlib.sha256(source.encode()).hexdigest()[:16]


_LOADER = """\
// Each explorer's _esm: anywidget loads this per model within its 2 s limit. The explorers'
// module itself (the model's {trait}) is imported once per page and shared by every view.
const KEY = {key};

function explorerModule(model) {{
  if (!globalThis[KEY]) {{
    const url = URL.createObjectURL(new Blob([model.get({trait_js})], {{ type: "text/javascript" }}));
    globalThis[KEY] = import(url).finally(() => URL.revokeObjectURL(url));
  }}
  return globalThis[KEY];
}}

// One view drawn per task: the views waiting for the import would otherwise all draw in one
// long task, during which no other model's loader could finish within its 2 s.
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

export default {{
  async render(view) {{
    const module = await explorerModule(view.model);
    await nextTask();
    return module.default.render(view);
  }},
}};
"""


def loader_module(source):
    """The per-model ``_esm``: a valid ES module whose default export is ``{ render }``, importing
    ``source`` (the model's ``_explorer_js``) once per page under :func:`module_key`."""
    return _LOADER.format(key=json.dumps(module_key(source)), trait=SOURCE_TRAIT, trait_js=json.dumps(SOURCE_TRAIT))


class ExplorerFrontEnd(anywidget.AnyWidget):
    """An anywidget whose ``_esm`` is :func:`loader_module` and whose ``_explorer_js`` is the
    explorers' module (:func:`front_end_module`); :meth:`use_module` swaps both (a test's broken copy)."""

    EXPLORER_JS = front_end_module()
    _esm = loader_module(EXPLORER_JS)
    _explorer_js = traitlets.Unicode("").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**{SOURCE_TRAIT: type(self).EXPLORER_JS, **kwargs})

    @classmethod
    def use_module(cls, source):
        """Give widgets created from now on ``source`` as their module (and the loader of that version)."""
        cls._esm = loader_module(source)  # module_key checks it is text
        cls.EXPLORER_JS = source
