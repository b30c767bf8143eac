"""The static course site (`make html`): one page per notebook, explorers that move with no kernel.

    python tools/build_html.py [OUT] [--fresh] [--jobs N]   # default build/html

Writes OUT/<notebook>.html (nbconvert's lab page) for every ``notebooks/*.ipynb`` and
OUT/index.html, the course map. A page shows its notebook's stored outputs (stored executed,
as nbval checks); only its explorers' cells and what they need run again, in a fresh kernel
per notebook, for the widget state (tools/site_explorers.py). An explorer that draws in the
browser (an anywidget) is stored with everything it draws, so it moves on the page without a
kernel; an explorer that still renders its picture in the kernel shows that picture, with its
description as alt text. Every script, style, font and MathJax
comes from OUT/vendor/, copied from npm packages at build time (tools/site_vendor.py): a page
asks no other host for anything. Links between notebooks point to their pages.

Notebooks with their explorers run are cached in build/site-cache/, keyed on the notebook, the
package, the data and the versions that draw them; ``--fresh`` runs them all again.

:func:`to_html` is what GitHub and nbviewer show instead: the stored outputs, nothing run.
"""

import argparse
import functools
import hashlib
import html
import json
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import site_explorers  # tools/ is not a package: found through the path above
import site_vendor

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
CACHE = ROOT / "build" / "site-cache"
TEMPLATES = ROOT / "tools" / "site" / "templates"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
# The front-end module of widgets that draw in the browser from what they were sent.
CLIENT_MODULE = "anywidget"
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
                page = _alt_on_picture(page, 'src="data:image/png;base64,' + html.escape(data) + '"', alt)
    return page


def _alt_on_picture(page, src, alt):
    """``page`` with ``alt`` on every ``<img`` whose source is ``src`` (found as text: a regular
    expression holding a picture's whole base64 takes longer to compile than the page to write)."""
    start = page.find(src)
    while start != -1:
        opening = page.rfind("<img", 0, start)
        if opening != -1 and ">" not in page[opening:start]:
            tag = page[opening:page.index(">", start) + 1]
            attributes = tag[len("<img"):tag.index(src)]
            new = _with_alt(tag, attributes, alt)
            page = page[:opening] + new + page[opening + len(tag):]
            start = opening + len(new)
        else:
            start += len(src)
        start = page.find(src, start)
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
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem;
       line-height: 1.5; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }} th, td {{ text-align: left; padding: .35rem .6rem; }}
tr + tr {{ border-top: 1px solid #ddd; }} td.num, th.num {{ text-align: right; white-space: nowrap; }}
a {{ color: #1565c0; }} .note {{ color: #555; font-size: .95rem; }}
</style></head>
<body>
<main>
<h1>{title}</h1>
<p class="note">Every notebook as a page, with the outputs it was stored with. Explorers that draw
in your browser move here with no Python behind them; the others show a still picture. To change the
code, run the notebooks in JupyterLab (<code>make lab</code>, Binder or Colab).</p>
<table>
<caption class="note">The course map: {count} notebooks, about {hours} h {minutes:02d} min in all</caption>
<thead><tr><th class="num" scope="col">#</th><th scope="col">Notebook</th><th class="num" scope="col">Time</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</main>
</body></html>
"""


@functools.lru_cache(maxsize=1)
def _shared_digest():
    """The package, the data and the versions that draw: what every notebook's run depends on."""
    digest = hashlib.sha256()
    for folder in (ROOT / "lecture_utils", ROOT / "data"):
        for file in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(file.relative_to(ROOT)).encode() + file.read_bytes())
    for package in ("numpy", "matplotlib", "ipywidgets", "anywidget", "ipykernel"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def cache_key(path):
    """What a page's notebook depends on: the notebook, :func:`_shared_digest` and how it is run."""
    digest = hashlib.sha256(Path(path).read_bytes() + _shared_digest().encode())
    for source in site_explorers.SOURCE:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:20]


def execute(path, cache=CACHE):
    """``path`` as stored, its explorers run again with their widget state kept; cached.

    Only the explorers' cells and what they need run, in a fresh kernel whose working
    directory is the notebook's folder (:func:`site_explorers.run_explorers`); every other cell
    shows its stored output. ``nb.metadata["course_site"]`` says how many cells ran and which
    explorers differ from the stored ones.
    """
    path = Path(path)
    cached = Path(cache) / f"{path.stem}-{cache_key(path)}.ipynb"
    if cached.exists():
        return nbformat.read(cached, as_version=4)
    nb = nbformat.read(path, as_version=4)
    ran, differs = site_explorers.run_explorers(nb, path.parent)
    nb.metadata["course_site"] = {"cells_run": ran, "differs_from_stored": differs}
    cached.parent.mkdir(parents=True, exist_ok=True)
    for old in cached.parent.glob(f"{path.stem}-*.ipynb"):
        old.unlink()
    nbformat.write(nb, cached)
    return nb


def _reached(models, model_id):
    """The ids of ``model_id`` and of every model its state refers to (children, layout, ...)."""
    seen, todo = set(), [model_id]
    while todo:
        current = todo.pop()
        if current in seen or current not in models:
            continue
        seen.add(current)
        todo.extend(re.findall(r"IPY_MODEL_([0-9a-f]+)", str(models[current].get("state", {}))))
    return seen


def keep_live_widgets(nb):
    """Keep the widgets a page can move without a kernel; the others show their picture. In place.

    A widget view that reaches a model of the client module (anywidget) draws in the browser
    from its stored state, so it stays. A view that does not (a kernel-rendered explorer) is
    dropped from an output that also holds a picture (``image/png``): the page shows that
    picture rather than controls that would move nothing. The widget state keeps only the
    models the remaining views use.

    Returns
    -------
    modules : set of (str, str)
        The ``(module, version range)`` pairs the remaining views need.
    live, pictures : int
        How many views draw in the browser, and how many widgets show their picture instead.
    """
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {})
    models = state.get("state", {})
    kept, live_views, pictures = set(), 0, 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if not view:
                continue
            reached = _reached(models, view.get("model_id"))
            live = any(models[m].get("model_module") == CLIENT_MODULE for m in reached)
            if not live and "image/png" in output["data"]:
                del output["data"][WIDGET_VIEW]
                pictures += 1
            else:
                kept |= reached
                live_views += live
    if not kept:
        nb.metadata.pop("widgets", None)
        return set(), live_views, pictures
    state["state"] = {m: models[m] for m in kept}
    return {(models[m]["model_module"], models[m]["model_module_version"]) for m in kept}, live_views, pictures


OFF_HOST_IMG = re.compile(r'<img\b[^>]*\bsrc="https?://[^"]*"[^>]*>')


def without_remote_images(page):
    """``page`` with every picture from another host (a Colab badge) replaced by its alt text."""
    def repl(m):
        alt = re.search(r'\balt="([^"]*)"', m.group(0))
        return f"<span>{alt.group(1)}</span>" if alt else ""
    return OFF_HOST_IMG.sub(repl, page)


def site_page(nb):
    """The static site's page of an executed ``nb`` and :func:`keep_live_widgets`'s answer."""
    from nbconvert import HTMLExporter

    kept = keep_live_widgets(nb)
    # The page's <title> (what a screen reader and a browser tab say): the notebook's own title.
    nb.metadata.setdefault("title", title_of(nb, "Applied Deep Learning"))
    exporter = HTMLExporter(template_name="course-site", extra_template_basedirs=[str(TEMPLATES)],
                            require_js_url=site_vendor.REQUIRE_JS, mathjax_url=site_vendor.MATHJAX,
                            widget_renderer_url=site_vendor.WIDGET_MANAGER,
                            jupyter_widgets_base_url=site_vendor.WIDGET_MODULES)
    body, _ = exporter.from_notebook_node(nb)
    return without_remote_images(add_alt_text(body, nb)), kept


def index_page(paths):
    """The course map: number, linked title and estimated time of every page, in course order."""
    from lecture_utils import registry

    rows, total = [], 0
    for path in paths:
        try:
            info = registry.read_notebook(path)
            number, title, minutes = info.number, info.title, info.minutes
        except ValueError:  # a page that is not a numbered course notebook (a test's fixture)
            number, title, minutes = "", title_of(nbformat.read(path, as_version=4), path.stem), 0
        total += minutes
        rows.append(f'<tr><td class="num">{number}</td><td><a href="{path.stem}.html">{html.escape(title)}</a></td>'
                    f'<td class="num">{f"{minutes} min" if minutes else ""}</td></tr>')
    hours, minutes = divmod(total, 60)
    return INDEX.format(title="Applied Deep Learning — the math underneath", rows="\n".join(rows),
                        count=len(paths), hours=hours, minutes=minutes)


def build(out, paths=None, jobs=2, cache=CACHE):
    """Write the site into ``out``: a page per notebook (``paths``, default the course's), vendor/, index.html."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = [Path(p) for p in (notebook_paths() if paths is None else paths)]
    stems = {p.stem for p in paths}
    # Each notebook's explorers run in its own kernel; two at a time is what a 2-core machine gives.
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        executed = list(pool.map(execute, paths, [cache] * len(paths)))
    modules, manifest = set(), {}
    for path, nb in zip(paths, executed):
        run = nb.metadata.pop("course_site", {})
        page, (needed, live, pictures) = site_page(nb)
        modules |= needed
        manifest[f"{path.stem}.html"] = {"live_explorers": live, "pictures": pictures,
                                         "cells_run": run.get("cells_run"),
                                         "differs_from_stored": run.get("differs_from_stored", [])}
        for line in run.get("differs_from_stored", []):
            print(f"{path.name}: an explorer differs from the stored notebook's: {line}", file=sys.stderr)
        (out / f"{path.stem}.html").write_text(link_pages(page, stems), encoding="utf-8")
        print(f"{path.name} -> {out / (path.stem + '.html')}: {live} explorers live, {pictures} as pictures")
    site_vendor.copy_assets(out, modules)
    (out / "index.html").write_text(index_page(paths), encoding="utf-8")
    # What each page should show; tests/browser/site_check.py compares the browser with it.
    (out / "site.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(f"open {out / 'index.html'}")
    return out / "index.html"


def main(argv=None):
    parser = argparse.ArgumentParser(description="Build the static course site (make html).")
    parser.add_argument("out", nargs="?", default=str(ROOT / "build" / "html"))
    parser.add_argument("--fresh", action="store_true", help="run every notebook's explorers again (ignore build/site-cache)")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks whose explorers run at once (default 2)")
    args = parser.parse_args(argv)
    if args.fresh and CACHE.exists():
        for old in CACHE.glob("*.ipynb"):
            old.unlink()
    build(Path(args.out).resolve(), jobs=args.jobs)


if __name__ == "__main__":
    main()
