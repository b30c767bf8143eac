"""Static HTML of every notebook, as a reader on GitHub or nbviewer sees it (no execution).

    python tools/build_html.py [OUT]     # default build/html; `make html` runs this

Writes OUT/<notebook>.html for every ``notebooks/*.ipynb`` (stored outputs, nothing run) and
OUT/index.html linking them in course order. Links between notebooks (``01_tensors.ipynb``)
point to the HTML pages instead, so the site can be browsed offline. Explorers show the
static picture they store (``image/png``), since there is no kernel behind a static page.
"""

import html
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
# How an explorer's text/plain ends (lecture_utils.widgets.base.STATIC_NOTE).
EXPLORER_NOTE = " (interactive explorer: run the notebook to use it)"
LOCAL_NOTEBOOK_LINK = re.compile(r'href="([\w\-]+)\.ipynb(#[^"]*)?"')


def notebook_paths():
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def title_of(nb, fallback):
    """The first Markdown heading of the notebook (without its #), or ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def to_html(nb):
    """nbconvert's HTML (JupyterLab look) of ``nb`` as stored: nothing is executed.

    An explorer's picture gets its title and description (its ``text/plain``) as ``alt`` text,
    so a screen reader says what the still picture shows.
    """
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(nb)
    return add_alt_text(body, nb)


def add_alt_text(page, nb):
    """``page`` with ``alt="..."`` on every explorer's stored PNG: the explorer's text without the note."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {}).get("image/png")
            text = "".join(output.get("data", {}).get("text/plain", ""))
            alt = text.removesuffix(EXPLORER_NOTE) if text.endswith(EXPLORER_NOTE) else None
            if alt and data:
                tag = re.compile(r'<img\b([^>]*?)src="data:image/png;base64,' + re.escape(html.escape(data)) + '"')
                page = tag.sub(lambda m, alt=alt: _with_alt(m.group(0), m.group(1), alt), page)
    return page


def _with_alt(tag, attributes, alt):
    """``tag`` with its ``alt`` attribute (nbconvert may write a placeholder one) set to ``alt``."""
    without = re.sub(r'\balt="[^"]*"\s*', "", attributes)
    return tag.replace(attributes, f' alt="{html.escape(alt)}" {without.strip()} '.replace("  ", " "), 1)


def link_pages(page, stems):
    """Point links to the course's notebooks at their HTML pages."""
    def repl(m):
        if m.group(1) in stems:
            return f'href="{m.group(1)}.html{m.group(2) or ""}"'
        return m.group(0)
    return LOCAL_NOTEBOOK_LINK.sub(repl, page)


INDEX = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 44rem; margin: 3rem auto; padding: 0 1rem;
       line-height: 1.5; color: #222; }}
ol {{ list-style: none; padding: 0; }} li {{ margin: .4rem 0; }} a {{ color: #1565c0; }} .note {{ color: #555; font-size: .95rem; }}
</style></head>
<body>
<h1>{title}</h1>
<p class="note">Static pages of the notebooks with their stored outputs: the explorers show a
still picture here. Run the notebooks in JupyterLab (<code>make lab</code>, or Binder) to move them.</p>
<ol>
{items}
</ol>
</body></html>
"""


def build(out):
    out.mkdir(parents=True, exist_ok=True)
    paths = notebook_paths()
    stems = {p.stem for p in paths}
    items = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        page = link_pages(to_html(nb), stems)
        (out / f"{path.stem}.html").write_text(page, encoding="utf-8")
        items.append(f'<li><a href="{path.stem}.html">{html.escape(title_of(nb, path.stem))}</a></li>')
        print(f"{path.name} -> {out / (path.stem + '.html')}")
    index = INDEX.format(title="Applied Deep Learning — the math underneath", items="\n".join(items))
    (out / "index.html").write_text(index, encoding="utf-8")
    print(f"open {out / 'index.html'}")
    return out / "index.html"


if __name__ == "__main__":
    build(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT / "build" / "html")
