"""The one ES module every browser explorer's anywidget loads: ``js/*.js`` joined (no bundler)."""

import hashlib
import pathlib
import re

__all__ = ["front_end_module"]

_JS = pathlib.Path(__file__).with_name("js")
_JS_FILES = ("network.js", "image.js", "layer.js", "sigmoid.js", "descent.js", "pyformat.js", "secant.js", "draw.js",
             "explorer.js")  # each after the files it imports


def front_end_module():
    """``js/*.js`` (``_JS_FILES``, in order) as the one ES module anywidget loads (no bundler: their
    imports of each other, there for editors and node, are dropped)."""
    parts = []
    for name in _JS_FILES:
        text = re.sub(r'^import \{[^}]*\} from "\./[\w-]+\.js";\n', "", (_JS / name).read_text(), flags=re.MULTILINE)
        if re.search(r'from "\./', text):
            raise RuntimeError(f"js/{name} must import the other files in one line each: import {{ ... }} from \"./x.js\";")
        parts.append(text)
    source = "\n".join(parts)
    # anywidget imports each model's _esm anew (a blob URL per explorer): the first copy's render,
    # compiled and warmed up with its caches filled, serves every later explorer of this version.
    shared = "__lectureUtilsExplorer_" + hashlib.sha256(source.encode()).hexdigest()[:16]
    if source.count("export default { render };") != 1:
        raise RuntimeError("js/explorer.js must end with: export default { render };")
    return source.replace("export default { render };", f"export default (globalThis.{shared} ??= {{ render }});")
