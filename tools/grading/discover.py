"""Find the submissions in a folder: ``<student>/<notebook>.ipynb``, renamed copies, nbgrader's layout.

Accepted layouts (mixed freely):

- ``SUBMISSIONS/<student>/<notebook>.ipynb`` (the class's own upload folder);
- ``SUBMISSIONS/<student>/<any folders>/<notebook>.ipynb`` - nbgrader's
  ``submitted/<student>/<assignment>/<notebook>.ipynb`` (``SUBMISSIONS`` may be the course folder
  holding ``submitted/``, or ``submitted/`` itself), a hub home's ``course/notebooks/``;
- renamed files: ``03_norms (1).ipynb``, ``03_norms-Copy1.ipynb``, ``Copy of 03_norms.ipynb``,
  or only the number (``03_my_try.ipynb`` when one course notebook starts with ``03_``).

When a student has several files for one notebook, the one with the course's exact name wins,
else the most recently modified; the others are named in the notes. A file that matches no
course notebook gets a row of its own ("not a course notebook"), so nothing goes missing.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

_COPY = [re.compile(r"\s*\(\d+\)$"), re.compile(r"-Copy\d*$", re.IGNORECASE), re.compile(r"^Copy of\s+", re.IGNORECASE),
         re.compile(r"\s+copy(\s*\d+)?$", re.IGNORECASE)]


@dataclass
class Found:
    student: str
    notebook: str | None        # the course notebook's stem, or None for "not a course notebook"
    path: Path
    notes: list = field(default_factory=list)


def course_stem(name, stems):
    """The course notebook ``name`` (a file name) is a copy of, or None."""
    base = name.removesuffix(".ipynb")
    for pattern in _COPY:
        base = pattern.sub("", base).strip()
    if base in stems:
        return base
    prefix = re.match(r"(\d\d)[_\s-]", base + "_")
    matching = [s for s in stems if prefix and s.startswith(prefix.group(1) + "_")]
    return matching[0] if len(matching) == 1 else None


def safe_name(student):
    """A file name for ``student`` (feedback page, result folder): no path tricks, nothing hidden."""
    name = re.sub(r"[^A-Za-z0-9_.@+-]", "_", student).lstrip(".")
    return name or "_"


def discover(root, stems):
    """Every submission under ``root`` as :class:`Found` (one per student and notebook, plus strays)."""
    root = Path(root)
    if not root.is_dir():
        raise ValueError(f"SUBMISSIONS must be a folder of <student>/<notebook>.ipynb, got {root}")
    found = []
    dirs = [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".") and p.name != "submitted"]
    if (root / "submitted").is_dir():  # an nbgrader course folder: submitted/<student>/<assignment>/
        dirs += [p for p in (root / "submitted").iterdir() if p.is_dir() and not p.name.startswith(".")]
    for student_dir in sorted(dirs, key=lambda p: p.name):
        files = sorted(p for p in student_dir.rglob("*.ipynb")
                       if p.is_file() and not any(part.startswith(".") for part in p.relative_to(student_dir).parts))
        by_stem = {}
        for path in files:
            stem = course_stem(path.name, stems)
            if stem is None:
                found.append(Found(student_dir.name, None, path))
            else:
                by_stem.setdefault(stem, []).append(path)
        for stem, paths in sorted(by_stem.items()):
            exact = [p for p in paths if p.name == stem + ".ipynb"]
            best = exact[0] if exact else max(paths, key=lambda p: p.stat().st_mtime)
            notes = [f"also found {p.relative_to(student_dir)}: not graded (graded {best.relative_to(student_dir)})"
                     for p in paths if p != best]
            if not exact:
                notes.append(f"graded {best.name} as {stem}.ipynb")
            found.append(Found(student_dir.name, stem, best, notes))
    return found
