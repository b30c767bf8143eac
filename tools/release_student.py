"""The graded student edition: a tree a student installs that holds no answer key.

``build_edition(out, graded)`` writes ``out`` as the student repository will hold it::

    notebooks/       the student notebooks (release.student_edition: no worked solutions, no
                     output showing an answer), Colab badges and setup cell on the student branch
    lecture_utils/   the package without the exercise modules of graded exercises, with
                     checks/forms.json: per graded exercise its kind and the *form* of its answer
    data/, README.md, pyproject.toml, environment.yml, postBuild, LICENSE,
    .gitattributes   what ``pip install .`` and Binder need

Graded exercises are chosen per exercise module (``GRADED=all``, ``none``, or notebook numbers
and exercise ids, ``GRADED=03,04.chain_rule``): a module holds the key of all its exercises, so
it ships whole (practice) or not at all (graded), and a choice splitting one is refused.
"""

import ast
import copy
import json
import os
import re
import shutil
from pathlib import Path

import colab
import nbformat
import release
import release_updates
from exercise_cells import check_call, check_lines, exercise_cells
from exercise_cells import source as cell_source

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lecture_utils"
EXERCISES = PACKAGE / "exercises"
FORMS = Path("checks") / "forms.json"
COPIED = ["data", "LICENSE", "pyproject.toml", "environment.yml", "postBuild"]
_EXERCISE_ID = re.compile(r"""\bid\s*=\s*["'](\d\d\.\w+)["']""")
GITATTRIBUTES = "# The data files are checked by sha256: no line-ending conversion on any platform.\ndata/** -text\n"

# 00's promise of worked solutions and practice feedback, and what the graded edition says instead.
PRACTICE_PROMISE = re.compile(r"Every notebook has exercises\..*?(?=\n\n|\n#|\Z)", re.DOTALL)
GRADED_PROMISE = """\
Every notebook has exercises. You replace the `...` with your answer and run the cell. In this
class the exercises are **graded**, and this edition has no worked solutions:
- on the class JupyterHub, `check` asks the course's checker, which says whether you are right
  and, if not, names the mistake and where it is (never the answer);
- elsewhere (Colab, your laptop, Binder) `check` can only tell whether your answer has the right
  *form* - one number, an array of the right shape, a function - and says so; whether it is
  right you see in your grading feedback after you hand the notebook in."""
WRONG_DEMO = re.compile(r"This is what a wrong answer looks like[^\n]*")
GRADED_DEMO = "This is what `check` prints away from the class hub, for an answer of the right form:"
PROMISES = re.compile(r"(?<!no )worked solution|folded away|click to open it", re.IGNORECASE)


def exercise_modules():
    """``{module file name: set of exercise ids it registers}`` for lecture_utils/exercises/*.py."""
    found = {}
    for path in sorted(EXERCISES.glob("*.py")):
        if not path.name.startswith("_"):
            found[path.name] = set(_EXERCISE_ID.findall(path.read_text(encoding="utf-8")))
    return found


def graded_ids(selection="all"):
    """The graded exercise ids for ``selection``: "all", "none", or notebooks/ids separated by commas."""
    modules = exercise_modules()
    every = set().union(*modules.values())
    text = (selection or "all").strip()
    if text == "all":
        return every
    if text == "none":
        return set()
    chosen = set()
    for item in filter(None, (s.strip() for s in text.split(","))):
        picked = {i for i in every if i == item or i.split(".")[0] == item}
        if not picked:
            raise ValueError(f"GRADED: {item!r} is neither a notebook number with exercises nor an exercise id "
                             f"(notebooks: {', '.join(sorted({i[:2] for i in every}))})")
        chosen |= picked
    for module, ids in modules.items():
        if chosen & ids and not ids <= chosen:
            raise ValueError(f"GRADED splits lecture_utils/exercises/{module}: it holds the key of "
                             f"{', '.join(sorted(ids))}, so grade all of them or none "
                             f"(missing: {', '.join(sorted(ids - chosen))})")
    return chosen


def forms_table(graded, notebooks):
    """The ``forms.json`` data: per graded exercise its kind, the form of its answer, its name in the notebook."""
    from lecture_utils.checks import get_exercise
    from lecture_utils.checks.forms import describe

    names = {ex.exercise_id: ex.answer for nb in notebooks for ex in exercise_cells(nb)}
    table = {}
    for exercise_id in sorted(graded):
        ex = get_exercise(exercise_id)
        if ex.cases is None:
            entry = {"kind": "value", "form": describe(_accepted(ex), ex.exact_dtype, ex.reveal_shape)}
        else:
            # The number of arguments the cases pass, not the reference's signature (a lambda may differ).
            cases = ex.cases()
            entry = {"kind": "function", "form": {"type": "function", "params": len(cases[0])},
                     "time_limit": ex.time_limit}
            entry.update(_inputs(ex, cases))
        entry["name"] = names.get(exercise_id, "answer")
        table[exercise_id] = entry
    return {"format": 1, "exercises": table}


def _accepted(ex):
    """The expected answer, or for one judged by a test (several are right) a number it accepts."""
    expected = ex.expected()
    if isinstance(expected, (int, float, tuple, list)) or hasattr(expected, "shape") or callable(expected):
        return expected
    probes = (1e-3, 1e-2, 0.05, 0.08, 0.1, 0.2, 0.5, 1.0, 2.0, 10.0)  # 0.08: a class's steepest bowl
    return next((p for p in probes if expected == p), expected)  # no probe accepted: any form may be


def _inputs(ex, cases):
    """The inputs a function exercise runs on and the form of each result (not the results), when plain data.

    The inputs are no key (the checker service hands them out too); with them ``check`` runs the
    student's function here and names a crash, a None, a wrong result shape, a NaN. An input that
    is no plain data (an object recording its use) is not shipped: then only the signature is checked.
    """
    from lecture_utils.checks import encode
    from lecture_utils.checks.forms import describe
    from lecture_utils.checks.running import copy_args

    data = encode([tuple(args) for args in cases])
    if any(tag in json.dumps(data) for tag in ('"t": "opaque"', '"t": "function"')):
        return {}
    reference = ex.expected()
    return {"cases": data, "results": [describe(reference(*copy_args(args)), ex.exact_dtype, ex.reveal_shape)
                                       for args in cases]}


def key_free_package(dest, graded, table):
    """Copy lecture_utils to ``dest`` without the exercise modules of ``graded`` ids; write its forms ``table``."""
    shutil.copytree(PACKAGE, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", FORMS.name))
    for module, ids in exercise_modules().items():
        if ids and ids <= graded:
            (dest / "exercises" / module).unlink()
    # A notebook's class variants compute the key of its value exercises from a class's numbers.
    graded_notebooks = {i[:2] for i in graded}
    for path in (dest / "exercises").glob("_variants_*.py"):
        if path.stem.removeprefix("_variants_") in graded_notebooks:
            path.unlink()
    if not any((dest / "exercises").glob("_variants_*.py")):
        (dest / "exercises" / "_variant_kit.py").unlink(missing_ok=True)
    (dest / FORMS).write_text(json.dumps(table, indent=1, sort_keys=True) + "\n",
                              encoding="utf-8")


def with_class_numbers(nb, name, graded, seed):
    """A copy of source notebook ``nb`` whose graded exercises quote the numbers of class ``seed``.

    Each exercise with a declared ``Variant`` (lecture_utils/checks/variants.py) has each text
    ``t`` of ``prose(numbers)`` (``prose(defaults)[t] == t``) replaced by ``prose(drawn)[t]`` in its cells
    (from the cell after the previous exercise to its own exercise cell; a text found there in no
    cell is looked for in the cells after it, up to the next exercise's prompt); a code cell
    changed this way loses its stored outputs.
    """
    from lecture_utils.checks import variants

    nb = copy.deepcopy(nb)
    declared = variants.declared()
    start = 0
    exercises = exercise_cells(nb)
    for k, ex in enumerate(exercises):
        section, start = range(start, ex.index + 1), ex.index + 1
        # Cells after it (a check that reuses its numbers), short of the next exercise's prompt.
        after = range(ex.index + 1, exercises[k + 1].index - 1 if k + 1 < len(exercises) else len(nb.cells))
        if ex.exercise_id not in graded or ex.exercise_id not in declared:
            continue
        prose = declared[ex.exercise_id].prose
        public, new = prose(variants.drawn(ex.exercise_id, None)), prose(variants.drawn(ex.exercise_id, seed))
        if any(public.get(text) != text for text in new):
            raise ValueError(f"{ex.exercise_id}: prose(defaults) must give back the notebook's own text, got {public}")
        for text, replacement in new.items():
            hits = ([i for i in section if text in nb.cells[i].source]
                    or [i for i in after if text in nb.cells[i].source])
            if not hits:
                raise ValueError(f"{name}: {ex.exercise_id}'s variant quotes {text!r}, which its cells no longer "
                                 "contain: update its prose() in lecture_utils/exercises")
            for i in hits:
                cell = nb.cells[i]
                cell.source = cell.source.replace(text, replacement)
                if cell.cell_type == "code" and "exercise" not in cell.metadata.get("tags", []):
                    cell.outputs, cell.execution_count = [], None
    return nb


def github_repository(repo):
    """``owner/name`` of a GitHub address (https or scp-like), or None for any other repository."""
    match = re.fullmatch(r"(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)"
                         r"([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?)(?:\.git)?/?", repo or "")
    return match.group(1) if match else None


def _demo_output(cell, graded, table):
    """Store what graded ``check`` prints under a demo ``check(...)`` cell of a graded exercise (or nothing)."""
    from lecture_utils.checks.graded import graded_message

    lines = check_lines(cell.source)
    ids = []
    for line in lines:
        try:
            ids.append(check_call(line))
        except ValueError:
            ids.append((None, None))
    if not any(i in graded for i, _ in ids):
        return
    cell.outputs, cell.execution_count = [], None
    if len(ids) == 1 and cell.source.strip() == lines[0].strip():
        exercise_id, answer = ids[0]
        try:
            text = graded_message(exercise_id, ast.literal_eval(answer), url="", table=table)
        except (ValueError, SyntaxError):
            return
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text + "\n")]


def graded_notebook(nb, name, graded, repository, branch, table):
    """The student edition of one notebook for a graded class (``table``: the forms table's exercises)."""
    nb = release.student_edition(nb)
    has_graded = bool(_ids_in(nb) & graded)
    if has_graded:
        nb = release.with_grading_rule(nb)
    for cell in nb.cells:
        if cell.cell_type == "code" and "exercise" not in cell.metadata.get("tags", []):
            _demo_output(cell, graded, table)
        if cell.cell_type == "markdown" and has_graded:
            cell.source = WRONG_DEMO.sub(GRADED_DEMO, PRACTICE_PROMISE.sub(GRADED_PROMISE, cell.source))
            if PROMISES.search(cell.source):
                raise ValueError(f"{name}: a markdown cell still promises worked solutions: "
                                 f"{PROMISES.search(cell.source).group(0)!r} - reword it in tools/release_student.py")
    if repository:
        colab.apply(nb, name, repository, branch)
        for cell in nb.cells:  # colab.apply stores sources as lists of lines, as raw JSON does
            cell.source = cell_source(cell)
    else:
        _drop_colab(nb)
    return nb


def _ids_in(nb):
    ids = set()
    for cell in nb.cells:
        for line in check_lines(cell.source) if cell.cell_type == "code" else ():
            try:
                ids.add(check_call(line)[0])
            except ValueError:
                continue
    return ids


def _drop_colab(nb):
    """No GitHub repository to open in Colab: no badge, no setup cell."""
    nb.cells = [c for c in nb.cells if colab.SETUP_TAG not in c.metadata.get("tags", [])]
    nb.cells[0].source = re.sub(r"\n{3,}", "\n\n", colab.BADGE_LINE.sub("", nb.cells[0].source))


STUDENT_README = """\
# Applied Deep Learning - the math underneath (student edition)

The notebooks of the course, for a graded class. Open `notebooks/00_start_here.ipynb` first.

- **On the class JupyterHub** use the link your instructor gave you: your work stays in your
  home folder, and `check` asks the course's checker, which names a mistake at once.
- **On a laptop**: `python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/jupyter lab`.
- **In Colab**: the badge at the top of each notebook.

Away from the hub, `check` says whether an answer has the right form (a number, an array of
the right shape, a function) but not whether it is right: this edition holds no answer key
and no worked solutions. Your answers are marked after you hand the notebooks in.

Code: MIT; notebook text: CC BY 4.0; data: see `data/README.md` (LICENSE).
"""


def build_edition(out, graded, repository=None, branch="student", notebooks=None, seed=None):
    """Write the graded student edition under ``out`` (recreated); returns ``out``.

    Parameters
    ----------
    out : path
    graded : set of str
        Graded exercise ids (``graded_ids``).
    repository : str, optional
        GitHub ``owner/name`` of the student repository (Colab badges and setup cell); None drops them.
    branch : str
        The student branch.
    notebooks : list of path, optional
        Default: every ``notebooks/*.ipynb``.
    seed : int, optional
        The class seed: graded value exercises with a variant get this class's numbers.
    """
    if seed is not None:
        # The key (for the forms and the leak checks of student_edition) follows the class numbers.
        os.environ["COURSE_SEED"] = str(int(seed))
    try:
        return _build_edition(Path(out), graded, repository, branch, notebooks, seed)
    finally:
        if seed is not None:
            del os.environ["COURSE_SEED"]


def _build_edition(out, graded, repository, branch, notebooks, seed):
    if out.exists():
        shutil.rmtree(out)
    paths = sorted(Path(p) for p in notebooks) if notebooks else sorted((ROOT / "notebooks").glob("*.ipynb"))
    sources = [nbformat.read(p, as_version=4) for p in paths]
    if seed is not None:  # first: an answer's name may quote a number (slope_at_3)
        sources = [with_class_numbers(nb, p.name, graded, seed) for p, nb in zip(paths, sources)]
    table = forms_table(graded, sources)
    (out / "notebooks").mkdir(parents=True)
    books = [graded_notebook(nb, path.name, graded, repository, branch, table["exercises"])
             for path, nb in zip(paths, sources)]
    for path, book in zip(paths, books):
        nbformat.write(book, out / "notebooks" / path.name)
    release_updates.stamp_versions(table["exercises"], books)
    key_free_package(out / "lecture_utils", graded, table)
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, out / name, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
        elif src.is_file():
            shutil.copy2(src, out / name)
    (out / "README.md").write_text(STUDENT_README, encoding="utf-8")
    (out / ".gitattributes").write_text(GITATTRIBUTES, encoding="utf-8")
    (out / ".gitignore").write_text(".venv/\n__pycache__/\n.ipynb_checkpoints/\n*.egg-info/\n", encoding="utf-8")
    return out
