"""The gradebook: one result file per submission, written atomically; the CSV is built from them.

Layout under OUT (default ``build/``)::

    grading/results/<student>/<notebook>.json   one per submission, replaced atomically when graded
    grades.csv                                   every row of every result file (rebuilt atomically)
    feedback/<student>.html                      one page per student with results (feedback.py)

Because each result is its own file, a regrade of one student or one notebook replaces only
those files and the CSV keeps every other row; an interrupted run resumes by skipping
submissions whose result file has the same file hash and grader version; shards write disjoint
files that ``merge`` copies together.
"""

import csv
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

from .discover import safe_name

COLUMNS = ("student", "notebook", "exercise", "outcome", "points", "max_points", "message", "sandbox")


def atomic_write(path, text):
    """Write ``text`` to ``path`` through a temporary file and a rename (never a half-written file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(tmp, path)


def result_path(out, student, notebook):
    return Path(out) / "grading" / "results" / safe_name(student) / f"{safe_name(notebook)}.json"


def save(out, result):
    atomic_write(result_path(out, result["student"], result["notebook"]), json.dumps(result, indent=1))


def load_all(out):
    """Every stored result (unreadable files skipped), sorted by student and notebook."""
    results = []
    for path in sorted((Path(out) / "grading" / "results").glob("*/*.json")):
        try:
            results.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return sorted(results, key=lambda r: (r["student"], r["notebook"]))


def is_current(out, student, notebook, sha256, version):
    """Whether a stored result already grades this exact file with this grader (resume)."""
    try:
        old = json.loads(result_path(out, student, notebook).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return old.get("sha256") == sha256 and old.get("grader") == version


def write_csv(out, results=None):
    """``OUT/grades.csv`` from every result; returns the number of rows."""
    results = load_all(out) if results is None else results
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    count = 0
    for result in results:
        for row in result["rows"]:
            writer.writerow([result["student"], result["notebook"], row["exercise"], row["outcome"], row["points"],
                             row["max_points"], row["message"], result.get("sandbox", "")])
            count += 1
    atomic_write(Path(out) / "grades.csv", buffer.getvalue())
    return count


def merge(out, parts):
    """Copy the result files of shard output folders ``parts`` into ``out`` (the newest file wins)."""
    copied = 0
    for part in (p for p in parts if Path(p).resolve() != Path(out).resolve()):
        for path in sorted((Path(part) / "grading" / "results").glob("*/*.json")):
            target = Path(out) / path.relative_to(part)
            if not target.exists() or target.stat().st_mtime <= path.stat().st_mtime:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
                copied += 1
    return copied
