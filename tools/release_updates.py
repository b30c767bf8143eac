"""Updates during term: a version per graded exercise, and a note for students when it changed.

``stamp_versions`` (at ``make release``) hashes what a graded exercise's student sees and the data
its notebook reads into ``forms.json``; ``mark_updates`` (at ``make publish-student``) compares with
the published table and puts an "Updated <date>" note above each changed exercise, in this publish
and every later one, so old outputs under a new exercise never go unexplained.
"""

import hashlib
import json
from pathlib import Path

import nbformat
from exercise_cells import check_call

FORMS = Path("checks") / "forms.json"


def stamp_versions(table, books):
    """Give each graded exercise of ``table`` a ``version``: what its student sees and the data its notebook reads.

    It changes when the exercise's prompt, its form, its stored outputs or (for a notebook that uses
    ``lecture_utils.data``) a data file change; ``mark_updates`` tells students about such a change.
    """
    from lecture_utils.data import FILES

    for book in books:
        code = "\n".join(c.source for c in book.cells if c.cell_type == "code")
        data = json.dumps(sorted(FILES.items())) if "data" in code and "lecture_utils" in code else ""
        start = 0
        for index, cell in enumerate(book.cells):
            if "exercise" not in cell.metadata.get("tags", []):
                continue
            section = book.cells[start:index + 1]
            start = index + 1
            exercise_id = check_call(cell.source)[0]
            if exercise_id in table:
                text = json.dumps([table[exercise_id]["form"], [nbformat.writes(nbformat.from_dict(
                    {**nbformat.v4.new_notebook(), "cells": section}))], data], sort_keys=True)
                table[exercise_id]["version"] = hashlib.sha256(text.encode()).hexdigest()[:12]


UPDATED = ("> **Updated {date}:** this exercise changed (its numbers, data or wording). If you answered it "
           "before, run your notebook again from the top: outputs from before the update are stale.\n\n")


def mark_updates(tree, previous, date):
    """Carry the "updated" dates of ``previous`` (the published forms table) forward; add today's; say so.

    ``tree`` is a student edition about to be published: an exercise whose version differs from the
    published one gets ``updated = date`` in its forms.json, and every updated exercise gets the
    UPDATED note at the top of the markdown cell above its exercise cell. Returns the updated ids.
    """
    path = Path(tree) / "lecture_utils" / FORMS
    table = json.loads(path.read_text(encoding="utf-8"))
    old = (previous or {}).get("exercises", {})
    for exercise_id, entry in table["exercises"].items():
        before = old.get(exercise_id)
        if before and before.get("version") != entry.get("version"):
            entry["updated"] = date
        elif before and before.get("updated"):
            entry["updated"] = before["updated"]
    path.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    updated = {i: e["updated"] for i, e in table["exercises"].items() if e.get("updated")}
    for book_path in sorted((Path(tree) / "notebooks").glob("*.ipynb")):
        book = nbformat.read(book_path, as_version=4)
        changed = False
        for index, cell in enumerate(book.cells):
            if "exercise" in cell.metadata.get("tags", []) and index and book.cells[index - 1].cell_type == "markdown":
                exercise_id = check_call(cell.source)[0]
                if exercise_id in updated:
                    book.cells[index - 1].source = UPDATED.format(date=updated[exercise_id]) + book.cells[index - 1].source
                    changed = True
        if changed:
            nbformat.write(book, book_path)
    return sorted(updated)
