"""The course's one registry: its notebooks, explorers and exercises, all found by discovery.

Nothing here is a hand-kept list:

- the ``notebooks/`` folder is the list of notebooks (``NN_name.ipynb``, numbered 00, 01, ...
  without gaps); each notebook's title and estimated time are read from its own first cell;
- an explorer is any :class:`~lecture_utils.widgets.base.Explorer` subclass defined in a module
  of ``lecture_utils.widgets``; it names its notebook (``NOTEBOOK = "NN"``) and the
  constructions that notebook makes (``examples``);
- an exercise module is any module of ``lecture_utils.exercises``; it names its notebook
  (``NOTEBOOK = "NN"``) and registers its exercises with :mod:`lecture_utils.checks`.

Tests, the fuzzing, ``make bench`` and the course maps (README and notebook 00) read this
module, so adding a notebook never means editing a list.
"""

import json
import pkgutil
import re
from dataclasses import dataclass
from pathlib import Path

# reexport lives beside, so plots/ and widgets/ use it without importing this module (which
# imports them): no import circle.
from ._reexport import reexport
from ._reexport import submodules as _submodules

__all__ = [
    "NOTEBOOKS_DIR",
    "Notebook",
    "course_map",
    "exercise_modules",
    "exercises",
    "explorer_examples",
    "explorers",
    "light_modules",
    "notebook_files",
    "notebooks",
    "read_notebook",
    "reexport",
    "topic_modules",
]

PACKAGE_DIR = Path(__file__).resolve().parent
# Where the notebooks and the tests live in a checkout of the course (an installed wheel has none).
NOTEBOOKS_DIR = PACKAGE_DIR.parent / "notebooks"
TESTS_DIR = PACKAGE_DIR.parent / "tests"
_NAME = re.compile(r"^(\d\d)_[a-z0-9_]+\.ipynb$")
_HEADING = re.compile(r"^#\s+(\d\d)\s*·\s*(.+?)\s*$", re.MULTILINE)
_MINUTES = re.compile(r"Estimated time:\**\s*(?:about\s+)?(\d+)\s+minutes")
# Subpackages and helpers of lecture_utils that are not topic modules of the maths layer.
_NOT_TOPICS = {"registry", "exercises"}
# The only layers that may import matplotlib and ipywidgets.
_DRAWING = {"plots", "widgets"}


@dataclass(frozen=True)
class Notebook:
    """One notebook of the course, as its first cell describes it.

    Parameters
    ----------
    number : str
        Two digits, ``"00"`` for the first notebook.
    path : pathlib.Path
        The ``.ipynb`` file.
    title : str
        The first heading after ``NN ·``, e.g. ``"Norms: how long is a vector?"``.
    minutes : int
        The estimated time the first cell states.
    """

    number: str
    path: Path
    title: str
    minutes: int

    @property
    def short_title(self):
        """The title up to its first colon or dash: ``"Norms"``."""
        return re.split(r":\s| — | - ", self.title, maxsplit=1)[0].strip()


def _first_cell(path):
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError) as exc:
        raise ValueError(f"{path.name} is not a readable notebook: {exc}") from exc
    if not cells or cells[0].get("cell_type") != "markdown":
        raise ValueError(f"{path.name} must start with a markdown cell (title, objectives, estimated time)")
    source = cells[0]["source"]
    return "".join(source) if isinstance(source, list) else source


def read_notebook(path):
    """The :class:`Notebook` that ``path``'s first cell describes; ValueError naming what is missing."""
    path = Path(path)
    match = _NAME.match(path.name)
    if not match:
        raise ValueError(f"notebook names look like '07_topic_name.ipynb' (two digits, lower case), "
                         f"got {path.name!r}")
    first = _first_cell(path)
    heading = _HEADING.search(first)
    if not heading:
        raise ValueError(f"{path.name}: the first cell must start with a heading '# {match.group(1)} · Title'")
    if heading.group(1) != match.group(1):
        raise ValueError(f"{path.name}: its heading says notebook {heading.group(1)}, its file name {match.group(1)}")
    minutes = _MINUTES.search(first)
    if not minutes:
        raise ValueError(f"{path.name}: the first cell must state '**Estimated time:** N minutes'")
    return Notebook(match.group(1), path, heading.group(2), int(minutes.group(1)))


def _read_or_none(path):
    try:
        return read_notebook(path)
    except ValueError:  # not a course notebook (no title or time): not in a lenient map
        return None


def notebooks(folder=None, strict=True):
    """Every notebook of the course, in order; ValueError if the numbers have a gap or repeat.

    Parameters
    ----------
    folder : path-like, optional
        The notebooks folder; by default the ``notebooks/`` beside the package.
    strict : bool
        False: pass over what a student adds to the folder (``Untitled.ipynb``, a
        ``03_norms-Copy1.ipynb``) instead of refusing it: only ``NN_name.ipynb`` files count,
        the first of each number.
    """
    folder = Path(NOTEBOOKS_DIR if folder is None else folder)
    if not folder.is_dir():
        raise ValueError(f"no notebooks folder at {folder} (the registry reads a checkout of the course)")
    paths = sorted(folder.glob("*.ipynb"))
    if not strict:
        paths = [p for p in paths if re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", p.name)]
        paths = [p for i, p in enumerate(paths) if i == 0 or p.name[:2] != paths[i - 1].name[:2]]
        return [nb for nb in map(_read_or_none, paths) if nb is not None]
    found = [read_notebook(p) for p in paths]
    numbers = [nb.number for nb in found]
    expected = [f"{i:02d}" for i in range(len(found))]
    if numbers != expected:
        raise ValueError(f"notebooks must be numbered {expected[:1]}... without gaps or repeats, got {numbers}")
    return found


def explorers():
    """Every explorer class defined in a module of ``lecture_utils.widgets``, in course order."""
    from . import widgets
    from .widgets.base import Explorer

    found = []
    for module in _submodules(widgets):
        for obj in vars(module).values():
            if (isinstance(obj, type) and issubclass(obj, Explorer) and obj is not Explorer
                    and obj.__module__ == module.__name__ and not obj.__name__.startswith("_")):
                found.append(obj)
    # Course order: by notebook, then as defined (an explorer without NOTEBOOK comes last).
    return sorted(found, key=lambda cls: str(cls.__dict__.get("NOTEBOOK") or "~"))


def explorer_examples():
    """``[(case id, class, label)]``: one per entry of every explorer's ``examples``.

    Build one with ``cls.example(label)``. An explorer without ``examples`` raises, so a new
    explorer cannot be left out of the fuzzing and the benchmark by accident.
    """
    out = []
    for cls in explorers():
        examples = cls.__dict__.get("examples")
        if not examples or not isinstance(cls.__dict__.get("NOTEBOOK"), str):
            raise ValueError(f"{cls.__module__}.{cls.__name__} must declare NOTEBOOK = 'NN' and "
                             "examples = {'label': dict(...constructor arguments...)} after its docstring")
        for label in examples:
            out.append((f"{cls.__name__}[{label}]", cls, label))
    return out


def exercise_modules():
    """Every module of ``lecture_utils.exercises`` (importing one registers its exercises)."""
    from . import exercises as package

    return _submodules(package)


def exercises():
    """Every registered exercise (:class:`lecture_utils.checks.Exercise`), modules imported first."""
    from . import checks

    exercise_modules()
    return checks.all_exercises()


def topic_modules():
    """The public modules of ``lecture_utils`` (maths, ``plots``, ``widgets``, ``checks``, ``data``)."""
    return [info.name for info in sorted(pkgutil.iter_modules([str(PACKAGE_DIR)]), key=lambda i: i.name)
            if not info.name.startswith("_") and info.name not in _NOT_TOPICS]


def light_modules():
    """The topic modules that must not import matplotlib or ipywidgets: all but plots and widgets."""
    return [name for name in topic_modules() if name not in _DRAWING]


def course_map(folder=None, link_prefix="", badge=None, strict=True):
    """The course map as a markdown table: number, linked title, estimated time.

    Parameters
    ----------
    folder : path-like, optional
        The notebooks folder (default: the checkout's ``notebooks/``).
    link_prefix : str
        Put before each file name in the links: ``"notebooks/"`` from the README, ``""`` from
        a notebook.
    badge : callable, optional
        ``badge(file_name)`` returns markdown put after each notebook's link (the README's
        "Open in Colab" badges).
    strict : bool
        As in :func:`notebooks`; notebook 00 passes False, so a student's extra notebook in the
        folder never breaks the map.
    """
    rows = ["| # | Notebook | Time |", "|---|---|---|"]
    total = 0
    for nb in notebooks(folder, strict=strict):
        total += nb.minutes
        extra = f" {badge(nb.path.name)}" if badge else ""
        rows.append(f"| {nb.number} | [{nb.title}]({link_prefix}{nb.path.name}){extra} | {nb.minutes} min |")
    hours, minutes = divmod(total, 60)
    rows.append(f"| | **All together** | **{hours} h {minutes:02d} min** |")
    return "\n".join(rows)


def notebook_files(folder=None, tests=None):
    """Where each notebook's pieces live: ``{number: {"notebook", "exercises", "explorers", "banks", "tests"}}``.

    Found, not listed: exercise modules and explorers by their ``NOTEBOOK``; a bank is
    ``tests/banks/<exercise module>.py``; a test file belongs to a notebook when it names one
    of its explorers, exercise modules or exercise ids (``"NN.name"``). Paths are relative to
    the checkout; ``tests`` (default: the checkout's ``tests/``) may be missing (a wheel).
    """
    tests = Path(tests) if tests is not None else TESTS_DIR
    test_texts = {p: p.read_text(encoding="utf-8") for p in sorted(tests.glob("test_*.py"))} if tests.is_dir() else {}
    out = {}
    for nb in notebooks(folder):
        mods = [m for m in exercise_modules() if getattr(m, "NOTEBOOK", None) == nb.number]
        names = [m.__name__.rsplit(".", 1)[1] for m in mods]
        classes = [c for c in explorers() if c.__dict__.get("NOTEBOOK") == nb.number]
        words = [re.escape(c.__name__) for c in classes] + [rf"(exercises|banks)[._/]{n}" for n in names]
        found = re.compile(rf"\b(?:{'|'.join(words)})\b|[\"']{nb.number}\.[a-z_]+[\"']")
        out[nb.number] = {
            "notebook": f"notebooks/{nb.path.name}",
            "exercises": [f"lecture_utils/exercises/{n}.py" for n in names],
            "explorers": [f"lecture_utils/widgets/{c.__module__.rsplit('.', 1)[1]}.py: {c.__name__}" for c in classes],
            "banks": [f"tests/banks/{n}.py" for n in names if (tests / "banks" / f"{n}.py").is_file()],
            "tests": [f"tests/{p.name}" for p, text in test_texts.items() if found.search(text)],
        }
    return out


def _print_notebook_files(files=None):
    for number, parts in (files or notebook_files()).items():
        print(f"{number}  {parts['notebook']}")
        for kind in ("exercises", "explorers", "banks", "tests"):
            print(f"    {kind + ':':11}{', '.join(parts[kind]) or '-'}")


if __name__ == "__main__":  # python -m lecture_utils.registry: where each notebook's pieces live
    _print_notebook_files()
