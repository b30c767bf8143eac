"""Feedback pages: ``OUT/feedback/<student>.html``, one per student in the gradebook, nothing else.

A page shows each exercise's outcome, points and the checker's message (the judge's words,
never text the student's code produced), and the notes on how the submission was read
(duplicate cells, renamed files). Any other file in the folder (an old page of a student no
longer in the gradebook, anything planted) is removed when the pages are written.
"""

import html
from pathlib import Path

from .discover import safe_name
from .gradebook import atomic_write


def page(student, results):
    """The HTML of ``student``'s page from their results (one per notebook)."""
    rows, notes, total, best = [], [], 0, 0
    for result in results:
        notes += [f"{result['notebook']}: {n}" for n in result.get("notes", [])]
        for row in result["rows"]:
            total, best = total + row["points"], best + row["max_points"]
            rows.append("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in (
                result["notebook"], row["exercise"], row["outcome"], f"{row['points']}/{row['max_points']}",
                row["message"])) + "</tr>")
    notes_html = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
    name = html.escape(student)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Feedback for {name}</title></head><body>\n<h1>Feedback for {name}: {total}/{best} points</h1>\n"
            "<table><thead><tr><th>Notebook</th><th>Exercise</th><th>Outcome</th><th>Points</th>"
            "<th>What the check says</th></tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>\n"
            + (f"<h2>Notes</h2><ul>{notes_html}</ul>\n" if notes else "") + "</body></html>\n")


def write_pages(out, results):
    """Write one page per student of ``results`` under ``OUT/feedback``; remove every other file there."""
    folder = Path(out) / "feedback"
    folder.mkdir(parents=True, exist_ok=True)
    by_student = {}
    for result in results:
        by_student.setdefault(result["student"], []).append(result)
    wanted = {f"{safe_name(s)}.html" for s in by_student}
    for path in folder.iterdir():
        if path.name not in wanted:
            if path.is_dir() and not path.is_symlink():
                import shutil
                shutil.rmtree(path)
            else:
                path.unlink()
    for student, mine in by_student.items():
        atomic_write(folder / f"{safe_name(student)}.html", page(student, mine))
    return sorted(wanted)
