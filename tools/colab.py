"""Make every notebook open and run in Google Colab: a badge and a setup cell.

For each notebook (default: ``notebooks/*.ipynb``) this

1. puts an "Open in Colab" badge on the line after the header's H1 (the first cell), linking
   to ``https://colab.research.google.com/github/<REPOSITORY>/blob/<BRANCH>/notebooks/<name>``;
2. makes the first code cell a setup cell (tagged ``colab-setup``) that does nothing where
   ``lecture_utils`` imports (JupyterLab, Binder, a laptop: no output, so nbval is unaffected)
   and, where it is missing (Colab), clones the repository, installs it (editable, so
   ``lecture_utils`` finds ``data/`` beside it) and imports it. The cell is out of the way
   where it does nothing: its source is collapsed in JupyterLab and Notebook 7
   (``metadata.jupyter.source_hidden``) and shown as a one-line form in Colab (``cellView:
   "form"`` with a ``#@title`` line), so a student meets the course, not an installer. It cannot
   be one line calling a helper: the helper is what is missing in Colab.

Idempotent: running it again rewrites the badge and the setup cell in place, so a second run
changes nothing and a change of REPOSITORY here reaches every notebook. After running it,
re-execute the notebooks (``make execute``) so their stored execution counts follow the new
cell. ``python tools/colab.py --check`` exits 1 when a notebook is not up to date.

The repository's public address is not known inside the repository itself: it is the one
constant REPOSITORY below (or ``--repository owner/name``).
"""

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPOSITORY = "applied-dl-math/course-pack"  # owner/name on GitHub; the README's Binder badge uses it too
BRANCH = "main"
SETUP_TAG = "colab-setup"
BADGE_IMAGE = "https://colab.research.google.com/assets/colab-badge.svg"
BADGE_LINE = re.compile(r"^\[!\[Open in Colab\]\([^)]*\)\]\([^)]*\)\s*$", re.MULTILINE | re.IGNORECASE)
# Where the course is cloned when it is missing, and how a test points it at a local clone.
SOURCE_ENV = "LECTURE_UTILS_SOURCE"

SETUP_SOURCE = '''\
#@title Setup for Google Colab (does nothing in JupyterLab or Binder; click to show the code)
# Where lecture_utils is missing (Colab), install the course from its repository, with its data.
try:
    import lecture_utils  # noqa: F401 (only asks whether the course is installed)
except ImportError:
    import importlib
    import os
    import subprocess
    import sys

    source = os.environ.get("{env}") or os.path.expanduser("~/{name}")
    if not os.path.isdir(source):
        subprocess.run(["git", "clone", "--quiet", "--depth=1", "{url}", source], check=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "-e", source], check=True)
    sys.path.insert(0, source)  # this kernel started before the install
    importlib.import_module("lecture_utils")'''


def colab_url(repository, notebook_name, branch=BRANCH):
    """Colab address that opens ``notebooks/<notebook_name>`` of a GitHub repository."""
    if not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repository):
        raise ValueError(f"repository must be 'owner/name' as on GitHub, got {repository!r}")
    return f"https://colab.research.google.com/github/{repository}/blob/{branch}/notebooks/{notebook_name}"


def badge(repository, notebook_name, branch=BRANCH):
    """Markdown of the "Open in Colab" badge for one notebook."""
    return f"[![Open in Colab]({BADGE_IMAGE})]({colab_url(repository, notebook_name, branch)})"


def setup_source(repository, branch=BRANCH):
    """Source of the setup cell for notebooks of ``repository`` (its ``branch``: the student edition's)."""
    source = SETUP_SOURCE.format(env=SOURCE_ENV, name=repository.split("/")[1],
                                 url=f"https://github.com/{repository}")
    if branch != BRANCH:
        source = source.replace('"--depth=1", ', f'"--depth=1", "--branch", "{branch}", ')
    return source


def _source(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _lines(text):
    """Cell source in the one-string-per-line form Jupyter stores."""
    return text.splitlines(keepends=True)


def with_badge(markdown, line):
    """Header markdown with ``line`` right after its H1 (replacing an older badge line)."""
    text = BADGE_LINE.sub("", markdown)
    text = re.sub(r"\n{3,}", "\n\n", text)
    match = re.search(r"^# .*$", text, re.MULTILINE)
    if not match:
        raise ValueError("the notebook's first cell has no '# ' heading to put the badge under")
    head, tail = text[:match.end()], text[match.end():].lstrip("\n")
    return f"{head}\n\n{line}\n\n{tail}" if tail else f"{head}\n\n{line}\n"


# Collapsed source in JupyterLab / Notebook 7; a form showing only the #@title line in Colab.
SETUP_METADATA = {"cellView": "form", "jupyter": {"source_hidden": True}, "tags": [SETUP_TAG]}


def setup_cell(repository, branch=BRANCH):
    return {"cell_type": "code", "execution_count": None, "id": "colab-setup",
            "metadata": json.loads(json.dumps(SETUP_METADATA)), "outputs": [],
            "source": _lines(setup_source(repository, branch))}


def apply(nb, notebook_name, repository=REPOSITORY, branch=BRANCH):
    """Add (or refresh) the badge and the setup cell in a notebook dict, in place."""
    cells = nb["cells"]
    if not cells or cells[0]["cell_type"] != "markdown":
        raise ValueError(f"{notebook_name}: the first cell must be the markdown header")
    cells[0]["source"] = _lines(with_badge(_source(cells[0]), badge(repository, notebook_name, branch)))
    old = [i for i, c in enumerate(cells) if SETUP_TAG in c.get("metadata", {}).get("tags", [])]
    cell = setup_cell(repository, branch)
    if old:
        # Keep the stored cell (id, execution count) when its source is already current.
        current = cells[old[0]]
        if _source(current) != setup_source(repository, branch):
            current.update(source=cell["source"], outputs=[], execution_count=None)
        current["metadata"] = {**current.get("metadata", {}), **cell["metadata"]}
        for i in reversed(old[1:]):
            del cells[i]
        if old[0] != 1:
            cells.insert(1, cells.pop(old[0]))
    else:
        if nb.get("nbformat", 4) == 4 and nb.get("nbformat_minor", 0) < 5:
            del cell["id"]  # cell ids exist from nbformat 4.5 on
        cells.insert(1, cell)
    return nb


def dump(nb):
    """The notebook as Jupyter writes it (1-space indent, trailing newline)."""
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def process(path, repository=REPOSITORY, write=True):
    """Apply to one file; return True when its content changed (or would change)."""
    text = path.read_text(encoding="utf-8")
    new = dump(apply(json.loads(text), path.name, repository))
    if new != text and write:
        path.write_text(new, encoding="utf-8")
    return new != text


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to update (default: notebooks/*.ipynb)")
    parser.add_argument("--repository", default=REPOSITORY, help="GitHub owner/name (default %(default)s)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a notebook would change")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    changed = [p for p in paths if process(p, args.repository, write=not args.check)]
    for p in changed:
        print(f"{'out of date' if args.check else 'updated'}: {p}")
    if args.check and changed:
        sys.exit(1)


if __name__ == "__main__":
    main()
