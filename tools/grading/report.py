"""The class report: ``OUT/report.html``, each exercise's pass rate (a bar chart) and its most common mistakes.

The mistakes are the judge's own named messages (the checker's words before "Hint:"), counted
over the class, so an instructor sees which slip to teach again. Plain HTML with an inline SVG
chart: no plotting library in the grader.
"""

import html
from collections import Counter
from pathlib import Path

from .gradebook import atomic_write

TOP = 3


def exercise_stats(results):
    """``{exercise: (passed, graded, Counter of outcomes, Counter of named mistakes)}`` in course order."""
    stats = {}
    for result in results:
        for row in result["rows"]:
            if row["exercise"] == "-":
                continue
            passed, graded, outcomes, mistakes = stats.setdefault(row["exercise"], (0, 0, Counter(), Counter()))
            outcomes[row["outcome"]] += 1
            if row["outcome"] == "wrong":
                mistakes[row["message"].split(" Hint:")[0].removeprefix("Not quite: ")] += 1
            stats[row["exercise"]] = (passed + (row["outcome"] == "passed"), graded + 1, outcomes, mistakes)
    return dict(sorted(stats.items()))


def _chart(stats):
    width, bar, gap = 640, 16, 6
    rows = []
    for k, (exercise, (passed, graded, _, _)) in enumerate(stats.items()):
        rate = passed / graded if graded else 0
        y = k * (bar + gap)
        rows.append(f'<text x="0" y="{y + 12}" font-size="12">{html.escape(exercise)}</text>'
                    f'<rect x="200" y="{y}" width="{rate * (width - 260):.0f}" height="{bar}" fill="#3b7dd8"/>'
                    f'<text x="{205 + rate * (width - 260):.0f}" y="{y + 12}" font-size="12">{rate:.0%}</text>')
    height = len(stats) * (bar + gap)
    return (f'<svg role="img" aria-label="Pass rate of each exercise" width="{width}" height="{height}" '
            f'xmlns="http://www.w3.org/2000/svg">{"".join(rows)}</svg>')


def write_report(out, results):
    """Write ``OUT/report.html``; returns its path."""
    stats = exercise_stats(results)
    students = len({r["student"] for r in results})
    table = []
    for exercise, (passed, graded, outcomes, mistakes) in stats.items():
        common = "".join(f"<li>{html.escape(m)} ({n})</li>" for m, n in mistakes.most_common(TOP))
        other = ", ".join(f"{o} {n}" for o, n in outcomes.most_common() if o != "passed")
        table.append(f"<tr><td>{html.escape(exercise)}</td><td>{passed}/{graded}</td>"
                     f"<td>{html.escape(other)}</td><td><ul>{common}</ul></td></tr>")
    page = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Class report</title></head><body>\n"
            f"<h1>Class report: {students} students</h1>\n<h2>Pass rate per exercise</h2>\n{_chart(stats)}\n"
            "<h2>Outcomes and the most common named mistakes</h2>\n<table><thead><tr><th>Exercise</th><th>Passed</th>"
            "<th>Other outcomes</th><th>Most common mistakes (count)</th></tr></thead><tbody>\n"
            + "\n".join(table) + "\n</tbody></table>\n</body></html>\n")
    path = Path(out) / "report.html"
    atomic_write(path, page)
    return path
