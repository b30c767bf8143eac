"""One submitted notebook: read it whatever its shape, find its exercise cells, write the sandbox's plan.

Reading never raises on a student's file: ``read_notebook`` returns ``(cells, problem)``; a
file that is not a notebook (not JSON, ``"cells": null``, too large) has ``problem`` set and
gets rows saying so. Cells whose metadata is a list, or whose source is a list with non-text
items, are repaired or skipped, not fatal; an nbformat 3 notebook is converted.

An exercise cell is the code cell with nbgrader's ``grade_id`` of the exercise, or a
``check("NN.name", ...)`` call for it anywhere in the cell (also indented, also with the
answer written inside the call), or the course cell's id. When several cells qualify, the one
run last (highest execution count; on a tie, the last) is graded, with a note.
"""

import ast
import hashlib
import json
import re
from dataclasses import dataclass, field

from exercise_cells import exercise_cells

from . import rules

MAX_BYTES = 50 * 1024 * 1024
_CHECK = re.compile(r"""check\(\s*["'](\d\d\.\w+)["']""")


@dataclass(frozen=True)
class CourseExercise:
    """What the grader knows of one exercise of a course notebook (no key: that stays in the judge)."""

    exercise_id: str
    answer: str          # the scaffold's answer expression (used when the check line was deleted)
    cell_id: str | None
    grade_id: str


def course_exercises(nb):
    """The :class:`CourseExercise` list of a course notebook (in notebook order)."""
    return [CourseExercise(ex.exercise_id, ex.answer, nb.cells[ex.index].get("id"), ex.grade_id())
            for ex in exercise_cells(nb)]


@dataclass
class Parsed:
    """A submission as the grader uses it."""

    cells: list = field(default_factory=list)       # (index, source, execution_count, metadata)
    chosen: dict = field(default_factory=dict)      # exercise id -> index into ``cells``
    notes: list = field(default_factory=list)       # sentences for the feedback page
    course_sources: set = field(default_factory=set)


def read_notebook(data):
    """``(cells, problem)`` from a file's bytes: cells as ``(source, execution_count, metadata)``."""
    if len(data) > MAX_BYTES:
        return [], f"the file is larger than {MAX_BYTES // 2**20} MB"
    try:
        nb = json.loads(data.decode("utf-8", errors="replace"))
    except (ValueError, RecursionError) as exc:
        return [], f"the file is not a notebook (not JSON: {str(exc)[:80]})"
    if not isinstance(nb, dict):
        return [], "the file is not a notebook (no cells)"
    if nb.get("nbformat") == 3:
        nb = _from_v3(nb)
    cells = nb.get("cells")
    if not isinstance(cells, list):
        return [], f"the file is not a usable notebook (its \"cells\" is {type(cells).__name__}, not a list)"
    out = []
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(s for s in source if isinstance(s, str))
        if not isinstance(source, str):
            continue
        metadata = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
        count = cell.get("execution_count")
        out.append((source, count if isinstance(count, int) else None, metadata, cell.get("id")))
    return out, None


def _from_v3(nb):
    """The code cells of an nbformat 3 notebook (worksheets -> cells; ``input`` -> ``source``)."""
    cells = []
    for sheet in nb.get("worksheets") or []:
        for cell in (sheet.get("cells") or []) if isinstance(sheet, dict) else []:
            if isinstance(cell, dict) and cell.get("cell_type") == "code":
                cells.append({"cell_type": "code", "source": cell.get("input", ""),
                              "execution_count": cell.get("prompt_number"), "metadata": cell.get("metadata")})
    return {"cells": cells}


def checked_ids(source):
    """Exercise ids the cell passes to ``check(...)`` (parsed; by pattern when it does not parse)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set(_CHECK.findall(source))
    return {n.args[0].value for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "check" and n.args
            and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str)}


def demo_sources(nb, exercises):
    """Code cells of a course notebook that call ``check`` but are not its exercise cells (demos)."""
    exercise_sources = {nb.cells[ex.index].source for ex in exercise_cells(nb)}
    return {c.source for c in nb.cells if c.cell_type == "code" and c.source not in exercise_sources
            and checked_ids(c.source) & {ex.exercise_id for ex in exercises}}


def parse(data, exercises, course_sources=(), demos=()):
    """A :class:`Parsed` submission, or ``(None, problem)`` when the file is not a notebook.

    ``demos`` are the course's own demo cells calling ``check`` (a wrong answer shown on purpose):
    left as they are, they are never taken for the exercise cell.
    """
    cells, problem = read_notebook(data)
    if problem:
        return None, problem
    parsed = Parsed(cells=[], course_sources=set(course_sources))
    candidates = {ex.exercise_id: [] for ex in exercises}
    for index, (source, count, metadata, cell_id) in enumerate(cells):
        parsed.cells.append((index, source, count))
        nbgrader = metadata.get("nbgrader") if isinstance(metadata.get("nbgrader"), dict) else {}
        ids = checked_ids(source) if source not in demos else set()
        for ex in exercises:
            if ex.exercise_id in ids or nbgrader.get("grade_id") == ex.grade_id or \
                    (ex.cell_id is not None and cell_id == ex.cell_id):
                candidates[ex.exercise_id].append(index)
    for exercise_id, found in candidates.items():
        if not found:
            continue
        best = max(found, key=lambda i: (cells[i][1] if cells[i][1] is not None else -1, i))
        parsed.chosen[exercise_id] = best
        if len(found) > 1:
            parsed.notes.append(f"{exercise_id}: the exercise cell appears {len(found)} times; the copy run last "
                                f"(cell {best + 1} of the code cells) was graded")
    return parsed, None


def own_cells(parsed, exercise_id):
    """Indices of the student's own code for ``exercise_id``: added/edited cells since the last exercise, and it."""
    at = parsed.chosen[exercise_id]
    before = [i for i in parsed.chosen.values() if i < at]
    start = max(before) + 1 if before else 0
    return [i for i in range(start, at) if parsed.cells[i][1] not in parsed.course_sources] + [at]


def is_explorer_display(source):
    """Whether ``source`` is only ``SomeExplorer(...)``: it draws and binds nothing an exercise could use."""
    try:
        body = ast.parse(source).body
    except (SyntaxError, ValueError, RecursionError):
        return False
    if len(body) != 1 or not isinstance(body[0], ast.Expr) or not isinstance(body[0].value, ast.Call):
        return False
    func = body[0].value.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name.endswith("Explorer")


def plan(parsed, exercises, cases, cell_timeout):
    """The runner's plan (JSON-ready): every code cell in order, exercise cells marked, guards set.

    ``cases[exercise_id]`` is ``(encoded cases or None, time_limit)`` from the judge.
    """
    by_id = {ex.exercise_id: ex for ex in exercises}
    guard = {}
    for exercise_id in parsed.chosen:
        if rules.runtime_forbidden(exercise_id):
            for i in own_cells(parsed, exercise_id):
                guard[i] = exercise_id
    chosen = {index: exercise_id for exercise_id, index in parsed.chosen.items()}
    spec = {}
    for exercise_id in parsed.chosen:
        encoded, time_limit = cases.get(exercise_id, (None, 1.0))
        spec[exercise_id] = {"cases": encoded, "time_limit": time_limit, "answer": by_id[exercise_id].answer,
                             "forbidden": rules.runtime_forbidden(exercise_id)}
    return {"cell_timeout": cell_timeout, "exercises": spec,
            "cells": [{"index": i, "source": source, "exercise": chosen.get(i), "guard": guard.get(i)}
                      for i, source, _ in parsed.cells
                      # The course's own explorer cells are skipped: seconds of drawing, nothing graded.
                      if i in chosen or not (source in parsed.course_sources and is_explorer_display(source))]}


def digest(data):
    """The sha256 of a submission's bytes (a regrade of an unchanged file can be skipped)."""
    return hashlib.sha256(data).hexdigest()
