"""Collect submissions from a hub and return feedback pages into students' homes.

``collect_homes(homes, into, path)``: every ``homes/<student>/<path>/*.ipynb`` (the course folder
nbgitpuller made in each home) is copied to ``into/<student>/``. ``collect_exchange(exchange,
into)``: nbgrader's ``<exchange>/<course>/inbound/<student>+<assignment>+<time>/`` folders, the
latest of each student and assignment. ``return_feedback(out, homes, name)``: each
``OUT/feedback/<student>.html`` into ``homes/<student>/<name>``.

Homes belong to students, so nothing there is trusted: symbolic links are never followed (a
link to another student's file, or to a system file, is skipped when collecting and refused
when returning), files over ``MAX_BYTES`` are skipped, and a returned page is written through
a descriptor opened with ``O_NOFOLLOW`` in the home opened with ``O_NOFOLLOW``, then given to
the home's owner.
"""

import os
import stat
from pathlib import Path

from .discover import safe_name

MAX_BYTES = 20 * 1024 * 1024


def _regular(path):
    """Whether ``path`` is a regular file (not a link) of at most MAX_BYTES."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size <= MAX_BYTES


def _copy(source, target):
    fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as src:
        data = src.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return True


def collect_homes(homes, into, path="applied-dl-math/notebooks"):
    """Copy each home's course notebooks into ``into/<student>/``; returns ``{student: [file names]}``."""
    copied = {}
    for home in sorted(Path(homes).iterdir()):
        folder = home / path
        if home.is_symlink() or not home.is_dir() or not folder.is_dir() or folder.is_symlink():
            continue
        for notebook in sorted(folder.glob("*.ipynb")):
            if _regular(notebook) and _copy(notebook, Path(into) / safe_name(home.name) / notebook.name):
                copied.setdefault(home.name, []).append(notebook.name)
    return copied


def collect_exchange(exchange, into):
    """Copy nbgrader's inbound submissions (the latest per student and assignment) into ``into/<student>/``."""
    latest = {}
    for folder in Path(exchange).glob("*/inbound/*"):
        parts = folder.name.split("+")
        if len(parts) < 3 or folder.is_symlink() or not folder.is_dir():
            continue
        key = (parts[0], parts[1])
        if key not in latest or parts[2] > latest[key][0]:
            latest[key] = (parts[2], folder)
    copied = {}
    for (student, _), (_, folder) in sorted(latest.items()):
        for notebook in sorted(folder.glob("*.ipynb")):
            if _regular(notebook) and _copy(notebook, Path(into) / safe_name(student) / notebook.name):
                copied.setdefault(student, []).append(notebook.name)
    return copied


def return_feedback(out, homes, name="course-feedback.html"):
    """Write each student's page into their home as ``name``; returns the students served."""
    served = []
    for page in sorted((Path(out) / "feedback").glob("*.html")):
        home = Path(homes) / page.stem
        try:
            home_fd = os.open(home, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        except OSError:
            continue  # no such home, or a link
        try:
            owner = os.fstat(home_fd)
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644, dir_fd=home_fd)
            with os.fdopen(fd, "wb") as f:
                f.write(page.read_bytes())
                if os.geteuid() == 0:
                    os.fchown(f.fileno(), owner.st_uid, owner.st_gid)
            served.append(page.stem)
        except OSError:
            continue  # the name is a link or not writable: that student's page is not returned
        finally:
            os.close(home_fd)
    return served


__all__ = ["collect_exchange", "collect_homes", "return_feedback"]
