"""Gradebook exports an LMS imports: Canvas and Moodle CSV, one column per notebook (its points).

``OUT/export/canvas.csv``: Canvas's gradebook import layout (``Student, ID, SIS User ID,
SIS Login ID, Section``, then one column per assignment, and a ``Points Possible`` row).
``OUT/export/moodle.csv``: Moodle's grade import (an identifier column, then one column per
grade item; map the columns to grade items in Moodle's import dialog).

A roster CSV (``student,lms_id,name``; ``--roster``) maps submission folder names to LMS ids and
names; without one the folder name is the id. Points per exercise come from ``--weights``.
"""

import csv
import io
from pathlib import Path

from .gradebook import atomic_write


def read_roster(path):
    """``{folder name: (lms id, full name)}`` from a CSV with columns student, lms_id, name."""
    if path is None:
        return {}
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = {"student", "lms_id"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"the roster {path} needs the columns student, lms_id (and name), "
                             f"missing {', '.join(sorted(missing))}")
        return {row["student"]: (row["lms_id"], row.get("name") or row["student"]) for row in reader}


def totals(results):
    """``(notebooks, {student: {notebook: points}}, {notebook: max points})`` of course notebooks only."""
    points, best = {}, {}
    for result in results:
        notebook = result["notebook"]
        if notebook.startswith("other: "):
            continue
        points.setdefault(result["student"], {})[notebook] = sum(r["points"] for r in result["rows"])
        best[notebook] = sum(r["max_points"] for r in result["rows"])
    return sorted(best), points, best


def _csv(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def write_exports(out, results, roster=None):
    """Write ``OUT/export/canvas.csv`` and ``OUT/export/moodle.csv``; returns their paths."""
    notebooks, points, best = totals(results)
    roster = roster or {}
    canvas = [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *notebooks],
              ["Points Possible", "", "", "", "", *(best[n] for n in notebooks)]]
    moodle = [["ID number", "Full name", *notebooks]]
    for student in sorted(points):
        lms_id, name = roster.get(student, (student, student))
        marks = [points[student].get(n, 0) for n in notebooks]
        canvas.append([name, "", lms_id, student, "", *marks])
        moodle.append([lms_id, name, *marks])
    folder = Path(out) / "export"
    atomic_write(folder / "canvas.csv", _csv(canvas))
    atomic_write(folder / "moodle.csv", _csv(moodle))
    return [folder / "canvas.csv", folder / "moodle.csv"]
