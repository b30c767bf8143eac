"""The scripts, styles and fonts the static course site serves itself (tools/build_html.py).

The site's pages need require.js, the Jupyter widgets HTML manager (with its fonts), the AMD
build of each front-end widget module the pages use (anywidget) and MathJax. They are taken
from npm at build time, at the versions pinned in tools/site/package-lock.json, so a page
loads nothing from another host when a student reads it.

``npm ci`` runs once into build/site-vendor/ (again only when the lock file changes); each
build then copies what the pages need into ``<site>/vendor/``.
"""

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "tools" / "site"
NPM_PREFIX = ROOT / "build" / "site-vendor"
VENDOR = "vendor"
# What the pages' <script> tags and MathJax point at, relative to a page (all pages sit in one folder).
REQUIRE_JS = f"{VENDOR}/require.js"
WIDGET_MANAGER = f"{VENDOR}/embed-amd.js"
MATHJAX = f"{VENDOR}/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
WIDGET_MODULES = f"{VENDOR}/"
# The parts of MathJax 2 that the CommonHTML output of TeX needs (the package is 70 MB; this is ~6 MB).
MATHJAX_PARTS = ("MathJax.js", "config/TeX-AMS_CHTML-full.js", "config/Safe.js", "extensions",
                 "jax/input/TeX", "jax/output/CommonHTML", "jax/element", "fonts/HTML-CSS/TeX/woff",
                 "localization/en")
# Widget modules the html manager carries itself; every other one must come from npm.
BUILT_IN_MODULES = {"@jupyter-widgets/base", "@jupyter-widgets/controls", "@jupyter-widgets/output"}


def lock_digest():
    return hashlib.sha256((PACKAGE_DIR / "package-lock.json").read_bytes()).hexdigest()


def node_modules(prefix=NPM_PREFIX):
    """``prefix``/node_modules with the pinned packages, installed by ``npm ci`` when missing or stale."""
    prefix = Path(prefix)
    stamp = prefix / ".lock-sha256"
    modules = prefix / "node_modules"
    if stamp.exists() and stamp.read_text() == lock_digest() and modules.is_dir():
        return modules
    if shutil.which("npm") is None:
        raise RuntimeError("make html needs npm (Node.js) to take the site's scripts from the npm registry: "
                           "install Node.js (Debian: apt-get install npm), then run make html again")
    prefix.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(PACKAGE_DIR / name, prefix / name)
    # --ignore-scripts: nothing the site copies needs a package's install script to run.
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--silent"], cwd=prefix, check=True)
    stamp.write_text(lock_digest())
    return modules


def npm_version(modules, package):
    return json.loads((modules / package / "package.json").read_text())["version"]


def check_module_version(package, installed, wanted):
    """ValueError unless npm's ``installed`` version is in the pages' ``wanted`` range (``~0.11.*``, ``^1.0``, ``1.2.3``).

    The Python package writes the range into the widget state; a front end of another minor
    version may not read its state, so a mismatch is refused at build time, not met by students.
    """
    want = [part for part in wanted.lstrip("~^=").split(".") if part not in ("*", "x", "")]
    have = installed.split(".")
    if wanted.startswith("^"):  # the parts up to the first non-zero one are fixed
        fixed = next((i + 1 for i, part in enumerate(want) if part != "0"), len(want))
    elif wanted.startswith("~"):  # major and minor are fixed
        fixed = min(len(want), 2)
    else:  # an exact version, or one with trailing wildcards
        fixed = len(want)
    if have[:fixed] != want[:fixed]:
        raise ValueError(f"the pages' widget state asks for {package} {wanted}, but tools/site/package-lock.json "
                         f"pins {package} {installed}: pin a version in that range (tools/site/package.json, "
                         f"then npm install --package-lock-only there)")


def copy_assets(site, modules_wanted, modules=None):
    """Copy require.js, the widget manager, MathJax and the widget modules into ``site``/vendor.

    Parameters
    ----------
    site : pathlib.Path
        The site's folder (build/html).
    modules_wanted : set of (str, str)
        ``(npm package, version range)`` of every widget module the pages' widget state names,
        e.g. ``("anywidget", "~0.11.*")``; each is copied to ``vendor/<package>@<range>/dist/index.js``,
        where the widget manager asks for it.
    modules : pathlib.Path, optional
        A node_modules folder (default: :func:`node_modules`).
    """
    modules = node_modules() if modules is None else Path(modules)
    vendor = Path(site) / VENDOR
    if vendor.exists():
        shutil.rmtree(vendor)
    vendor.mkdir(parents=True)
    shutil.copyfile(modules / "requirejs" / "require.js", vendor / "require.js")
    manager = modules / "@jupyter-widgets" / "html-manager" / "dist"
    shutil.copyfile(manager / "embed-amd.js", vendor / "embed-amd.js")
    # Its fonts (Font Awesome, for icons on buttons) are fetched from beside the script.
    for font in manager.iterdir():
        if font.suffix in {".woff2", ".woff", ".ttf", ".eot", ".svg"}:
            shutil.copyfile(font, vendor / font.name)
    for package, wanted in sorted(modules_wanted):
        if package in BUILT_IN_MODULES:
            continue
        if not (modules / package / "package.json").exists():
            raise ValueError(f"a page uses the widget module {package} {wanted}, which tools/site/package.json "
                             f"does not install: add it there (its AMD build, dist/index.js)")
        check_module_version(package, npm_version(modules, package), wanted)
        target = vendor / f"{package}@{wanted}" / "dist"
        target.mkdir(parents=True)
        shutil.copyfile(modules / package / "dist" / "index.js", target / "index.js")
    mathjax = vendor / "mathjax"
    for part in MATHJAX_PARTS:
        source, target = modules / "mathjax" / part, mathjax / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copyfile(source, target)
    return vendor
