"""The graded student edition, installed as a student installs it, holds no answer key.

`make publish-student` is run into a bare repository; the student branch is cloned and
`pip install`ed (no deps; numpy and friends come from this venv through a path file) into a
fresh venv shared by the module. There, no exercise's expected value can be recovered (not
from the installed files, the notebooks, nor any importable object), and `check` prints the
same words for a right answer and a wrong one of the same form.
"""

import ast
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import nbformat
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
import exercise_cells as cells
import release
import release_publish
import release_student

from lecture_utils.checks import all_exercises, encode, evaluate, get_exercise

REPOSITORY = "you/course-student"  # the shared release's (tests/conftest.py, RELEASE_REPOSITORY)


@pytest.fixture(scope="module")
def published(tmp_path_factory, release_build):
    """A bare student repository holding the graded edition on its `student` branch, and a clone.

    The edition is `make release`'s (every exercise graded, built once per session: tests/conftest.py).
    """
    tmp = tmp_path_factory.mktemp("student")
    edition = release_build / "student-edition"
    subprocess.run(["git", "init", "--quiet", "--bare", str(tmp / "students.git")], check=True)
    said = release_publish.publish(edition, str(tmp / "students.git"), "student")
    clone = tmp / "clone"
    subprocess.run(["git", "clone", "--quiet", "--branch", "student", str(tmp / "students.git"), str(clone)], check=True)
    return {"tmp": tmp, "edition": edition, "clone": clone, "said": said, "bare": tmp / "students.git"}


@pytest.fixture(scope="module")
def venv(published):
    """A fresh venv with the student branch installed (`pip install --no-deps`), this venv's libraries on its path."""
    where = published["tmp"] / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    python = where / "bin" / "python"
    site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    # numpy, matplotlib, ipywidgets from this venv; its editable lecture_utils is not reachable this way.
    (site / "course-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-compile",
                    "--target", str(site), str(published["clone"])], check=True)
    return {"python": python, "site": site, "package": site / "lecture_utils"}


def run_in(venv, code, payload=None):
    """Run ``code`` in the student venv (outside the checkout); it reads ``payload`` (JSON) from stdin."""
    env = {k: v for k, v in os.environ.items() if k not in ("COURSE_CHECKER_URL", "LECTURE_UTILS_DATA", "PYTHONPATH")}
    done = subprocess.run([str(venv["python"]), "-c", textwrap.dedent(code)], input=json.dumps(payload),
                          capture_output=True, text=True, cwd=venv["site"].parent, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_published_branch_is_the_edition(published):
    assert "published" in published["said"]
    listed = subprocess.run(["git", "ls-files"], cwd=published["clone"], capture_output=True, text=True,
                            check=True).stdout
    for needed in ("pyproject.toml", "README.md", "lecture_utils/checks/forms.json", "data/digits.csv",
                   "notebooks/03_norms.ipynb"):
        assert needed in listed.splitlines()
    assert "lecture_utils/exercises/norms.py" not in listed and "tests/" not in listed


def test_installed_package_is_the_student_one(venv):
    where = run_in(venv, "import json, lecture_utils; print(json.dumps(lecture_utils.__file__))")
    assert Path(where).is_relative_to(venv["package"])


def test_no_exercise_object_is_reachable(venv):
    ids = [ex.id for ex in all_exercises()]
    found = run_in(venv, """
        import json, sys
        from lecture_utils import checks
        out = {}
        for exercise_id in json.load(sys.stdin):
            try:
                ex = checks.get_exercise(exercise_id)
                out[exercise_id] = "get_exercise: " + repr(ex.expected())[:60]
            except ValueError:
                pass
            try:
                out[exercise_id] = "evaluate: " + str(checks.evaluate(exercise_id, 0))
            except ValueError:
                pass
        print(json.dumps(out))
    """, ids)
    assert found == {}


def _floats(value):
    """The float entries of ``value`` (the first 50 of an array)."""
    if callable(value) or type(value).__name__ == "_AnyAnswer":
        return []
    if isinstance(value, (tuple, list)):
        return [f for v in value for f in _floats(v)]
    a = np.asarray(value)
    return [float(x) for x in a.ravel()[:50] if np.isfinite(x)] if a.dtype.kind == "f" else []


def _digits(x):
    return len(f"{abs(x):.6g}".split("e")[0].replace(".", "").strip("0"))


def _distinctive(value):
    """Whether ``value`` has a float of 4+ significant digits (a count like 64 or 0.2 appears everywhere)."""
    return any(_digits(x) >= 4 for x in _floats(value))


def leaks_in(exercise, value, texts):
    """Where ``value`` of ``exercise`` is written in ``texts`` ({path: text}).

    A number of 6 significant digits is a leak wherever it is written; one of 4-5 digits only in
    its own notebook or the package (0.9375 = 15/16 also turns up elsewhere by chance); of an
    array, two entries in one file are needed (one entry alone is not the answer).
    """
    floats = [x for x in _floats(value) if _digits(x) >= 4]
    found = []
    for path, text in texts.items():
        own = path.suffix != ".ipynb" or path.name.startswith(exercise[:2])
        hits = {x for x in floats if f"{x:.6g}" in text and (_digits(x) >= 6 or own)}
        hits |= {x for x in floats if own and f"{x:.4g}" in text and _digits(x) >= 4}
        if hits and (len(hits) >= 2 or not isinstance(value, (np.ndarray, tuple, list)) or len(floats) == 1):
            found.append(f"{exercise}: {sorted(hits)[:3]} in {path.name}")
    return found


def test_no_expected_value_in_the_installed_files_or_notebooks(venv, published):
    texts = {p: p.read_text(errors="replace") for p in venv["package"].rglob("*") if p.is_file()}
    texts.update({p: p.read_text() for p in (published["clone"] / "notebooks").glob("*.ipynb")})
    leaks = [leak for ex in all_exercises() for leak in leaks_in(ex.id, ex.expected(), texts)]
    assert leaks == []


def test_the_leak_search_finds_a_key_left_in_the_package(tmp_path):
    ex = get_exercise("04.gradient_check")
    (tmp_path / "tables.py").write_text(f"ANSWERS = {ex.expected().tolist()!r}\n")
    assert leaks_in(ex.id, ex.expected(), {tmp_path / "tables.py": (tmp_path / "tables.py").read_text()})


def _parts(value):
    """The parts of an expected value no module holds by chance: arrays of 4+ digit floats, 6-digit numbers."""
    if isinstance(value, (tuple, list)) and not all(isinstance(v, (int, float)) for v in value):
        return [p for v in value for p in _parts(v)]
    floats = _floats(value)
    keep = floats and (max(map(_digits, floats)) >= 6 or (len(floats) >= 2 and _distinctive(value)))
    return [value] if keep else []


def test_no_importable_object_equals_an_expected_value(venv):
    wanted = {ex.id: [encode(part) for part in _parts(ex.expected())] for ex in all_exercises()}
    assert len([v for v in wanted.values() if v]) >= 6  # most exercises have a distinctive value to look for
    found = run_in(venv, """
        import importlib, json, pkgutil, sys, warnings
        import numpy as np
        import lecture_utils
        from lecture_utils.checks import decode
        warnings.simplefilter("ignore")
        wanted = {k: [decode(p) for p in v] for k, v in json.load(sys.stdin).items() if v}

        def arrays(obj, depth=0):
            if isinstance(obj, (float, np.floating, np.ndarray)):
                yield np.asarray(obj, dtype=float) if np.asarray(obj).dtype.kind in "biuf" else None
            elif isinstance(obj, (tuple, list)) and depth < 3:
                yield np.asarray(obj, dtype=float) if all(isinstance(v, (int, float)) for v in obj) else None
                for v in obj[:100]:
                    yield from arrays(v, depth + 1)
            elif isinstance(obj, dict) and depth < 3:
                for v in list(obj.values())[:100]:
                    yield from arrays(v, depth + 1)
            elif isinstance(obj, type) and depth < 1:
                for v in vars(obj).values():
                    yield from arrays(v, depth + 1)

        def flat(value):
            return [np.asarray(v, dtype=float) for v in value]

        hits = []
        for info in pkgutil.walk_packages(lecture_utils.__path__, "lecture_utils."):
            module = importlib.import_module(info.name)
            for name, obj in vars(module).items():
                for a in arrays(obj):
                    if a is None:
                        continue
                    for exercise_id, value in wanted.items():
                        for w in flat(value):
                            if w.size and a.shape == w.shape and np.allclose(a, w, rtol=1e-9, atol=0):
                                hits.append(f"{exercise_id} in {info.name}.{name}")
        print(json.dumps(sorted(set(hits))))
    """, wanted)
    assert found == []


def _wrong_of_same_form(value):
    if isinstance(value, (bool, np.bool_)):
        return not value
    if isinstance(value, tuple):
        return tuple(_wrong_of_same_form(v) for v in value)
    if isinstance(value, np.ndarray):
        return ~value if value.dtype.kind == "b" else (value + 1).astype(value.dtype)
    if isinstance(value, (int, np.integer)):
        return value + 1
    return value * 1.5 + 1


def _answer_pairs():
    """``{id: (right, wrong)}`` for every value exercise, both as plain data, checked with the key here."""
    pairs = {}
    for ex in all_exercises():
        if ex.cases is not None:
            continue
        right = ex.expected()
        if type(right).__name__ == "_AnyAnswer":  # any learning rate that converges
            right = next(a for a in (0.01, 0.05, 0.1, 0.2) if evaluate(ex.id, a).passed)
            wrong = 10.0
        else:
            wrong = _wrong_of_same_form(right)
        assert evaluate(ex.id, right).passed and not evaluate(ex.id, wrong).passed, ex.id
        pairs[ex.id] = [encode(right), encode(wrong)]
    return pairs


def _function_pairs():
    """``{id: (worked solution's source, its function's name)}``, from the notebooks."""
    pairs = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for ex in cells.exercise_cells(nbformat.read(path, 4)):
            if get_exercise(ex.exercise_id).cases is not None:
                assert ast.parse(ex.answer).body[0].value.id in ex.solution
                pairs[ex.exercise_id] = [ex.solution, ex.answer]
    return pairs


CHECK_BOTH = """
    import contextlib, functools, io, json, sys
    import numpy as np
    from lecture_utils.checks import check, decode
    from lecture_utils.logistic import sigmoid
    from lecture_utils.network import backward
    values, functions = json.load(sys.stdin)

    def said(exercise_id, answer):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            check(exercise_id, answer)
        return out.getvalue()

    result = {}
    for exercise_id, (right, wrong) in values.items():
        result[exercise_id] = [said(exercise_id, decode(right)), said(exercise_id, decode(wrong))]
    def off(value):  # a wrong result of the same form: every number moved
        if isinstance(value, tuple):
            return tuple(off(v) for v in value)
        return np.asarray(value) * 1.5 + 1 if isinstance(value, np.ndarray) else value * 1.5 + 1

    for exercise_id, (source, name) in functions.items():
        space = {"np": np, "sigmoid": sigmoid, "backward": backward}
        exec(source, space)
        right = space[name]
        wrong = functools.wraps(right)(lambda *args, right=right: off(right(*args)))
        result[exercise_id] = [said(exercise_id, right), said(exercise_id, wrong)]
    print(json.dumps(result))
"""


def test_check_cannot_tell_right_from_wrong_without_the_service(venv):
    values, functions = _answer_pairs(), _function_pairs()
    said = run_in(venv, CHECK_BOTH, [values, functions])
    assert set(said) == {ex.id for ex in all_exercises()}
    for exercise_id, (right, wrong) in said.items():
        assert right == wrong, exercise_id
        assert "graded" in right and "Correct" not in right and "📨" in right, right


def test_check_still_names_a_wrong_form_and_an_unattempted_answer(venv):
    said = run_in(venv, """
        import contextlib, io, json
        import numpy as np
        from lecture_utils.checks import check
        out = {}
        for key, exercise_id, answer in [("dots", "03.frobenius_by_hand", ...), ("text", "03.frobenius_by_hand", "7"),
                                          ("nan", "03.frobenius_by_hand", float("nan")),
                                          ("shape", "01.flatten_image", np.zeros((8, 8))),
                                          ("args", "03.lp_norm", lambda x: 0.0),
                                          ("raised", "03.lp_norm", lambda x, p: 1 / 0),
                                          ("none", "03.lp_norm", lambda x, p: print(end="")),
                                          ("result", "03.lp_norm", lambda x, p: np.abs(x))]:
            text = io.StringIO()
            with contextlib.redirect_stdout(text):
                check(exercise_id, answer)
            out[key] = text.getvalue()
        print(json.dumps(out))
    """)
    assert "Not attempted" in said["dots"]
    assert "text" in said["text"] and "NaN" in said["nan"]
    assert "(8, 8)" in said["shape"] and "(64,)" in said["shape"]
    assert "1 argument" in said["args"] and "2" in said["args"]
    assert "raised ZeroDivisionError" in said["raised"] and "on input" in said["raised"]
    assert "returned None" in said["none"]
    assert "its result is an array" in said["result"] and "one number" in said["result"]


def test_student_notebooks_show_no_solution_and_promise_none(published):
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        text = (published["clone"] / "notebooks" / path.name).read_text()
        assert release.solution_leaks(text, release.solution_lines(nbformat.read(path, 4))) == []
        assert not release_student.PROMISES.search(text), path.name
        assert f"github/{REPOSITORY}/blob/student/notebooks/{path.name}" in text
        setup = [c.source for c in nbformat.reads(text, 4).cells if "colab-setup" in c.metadata.get("tags", [])]
        assert len(setup) == 1 and '"--branch", "student"' in setup[0] and REPOSITORY in setup[0]
    start = nbformat.read(published["clone"] / "notebooks" / "00_start_here.ipynb", 4)
    demo = [c for c in start.cells if c.cell_type == "code" and c.source.startswith('check("00.')]
    assert demo and all("📨" in "".join(o.get("text", "") for o in c.outputs) for c in demo)
    assert "form" in "\n".join(c.source for c in start.cells if c.cell_type == "markdown")


def test_a_selection_splitting_an_exercise_module_is_refused():
    norms = sorted(release_student.exercise_modules()["norms.py"])
    with pytest.raises(ValueError, match="norms.py"):
        release_student.graded_ids(norms[0])
    assert release_student.graded_ids("03") == set(norms)
    assert release_student.graded_ids("none") == set()
    with pytest.raises(ValueError, match="neither a notebook"):
        release_student.graded_ids("99")


def test_practice_notebooks_keep_their_key(tmp_path):
    graded = release_student.graded_ids("03")
    edition = release_student.build_edition(tmp_path / "e", graded, None,
                                            notebooks=[ROOT / "notebooks" / "03_norms.ipynb"])
    left = {p.name for p in (edition / "lecture_utils" / "exercises").glob("*.py")}
    assert "norms.py" not in left and "derivatives.py" in left
    table = json.loads((edition / "lecture_utils" / "checks" / "forms.json").read_text())["exercises"]
    assert set(table) == graded
    assert "colab" not in (edition / "notebooks" / "03_norms.ipynb").read_text().lower().replace("colab-", "")


def test_publishing_never_forces(published, tmp_path):
    # Someone else moved the branch: the next publish builds on it (fast-forward), never rewrites it.
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "--quiet", "--branch", "student", str(published["bare"]), str(other)], check=True)
    (other / "NOTE.md").write_text("from the TA\n")
    git = ["git", "-c", "user.name=ta", "-c", "user.email=ta@x"]
    subprocess.run([*git, "add", "NOTE.md"], cwd=other, check=True)
    subprocess.run([*git, "commit", "-qm", "note"], cwd=other, check=True)
    subprocess.run(["git", "push", "-q", "origin", "student"], cwd=other, check=True)
    before = subprocess.run(["git", "rev-parse", "student"], cwd=published["bare"], capture_output=True, text=True,
                            check=True).stdout
    edition = tmp_path / "edition"  # a copy: the shared edition stays as built
    shutil.copytree(published["edition"], edition)
    (edition / "EXTRA.md").write_text("a fix during term\n")
    release_publish.publish(edition, str(published["bare"]), "student")
    ancestry = subprocess.run(["git", "merge-base", "--is-ancestor", before.strip(), "student"], cwd=published["bare"],
                              check=False)
    assert ancestry.returncode == 0
    with pytest.raises(release_publish.PublishError, match="own repository"):
        release_publish.publish(edition, str(ROOT), "student")


@pytest.mark.parametrize("where", ["course", "student edition"])
def test_data_survive_a_windows_style_checkout(where, published, tmp_path):
    """Git for Windows' default core.autocrlf=true must not change a data file (their sha256 is checked)."""
    source = ROOT if where == "course" else published["bare"]
    clone = tmp_path / "crlf"
    subprocess.run(["git", "-c", "core.autocrlf=true", "clone", "--quiet", *(["--branch", "student"] if
                    where != "course" else []), str(source), str(clone)], check=True)
    subprocess.run(["git", "config", "core.autocrlf", "true"], cwd=clone, check=True)
    names = sorted(p.name for p in (ROOT / "data").iterdir() if p.suffix in (".csv", ".png"))
    assert names and all((clone / "data" / n).read_bytes() == (ROOT / "data" / n).read_bytes() for n in names)
    attrs = subprocess.run(["git", "check-attr", "text", "--", *(f"data/{n}" for n in names)], cwd=clone,
                           capture_output=True, text=True, check=True).stdout
    assert attrs.count("text: unset") == len(names), attrs


def test_a_changed_exercise_is_marked_updated_for_the_students(tmp_path):
    """Mid-term fix: the exercise whose prompt changed says so above it, in this and later publishes."""
    source = tmp_path / "03_norms.ipynb"
    shutil.copy(ROOT / "notebooks" / "03_norms.ipynb", source)
    graded = release_student.graded_ids("03")
    bare = tmp_path / "students.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)

    def publish():
        edition = release_student.build_edition(tmp_path / "edition", graded, None, notebooks=[source])
        said = release_publish.publish(edition, str(bare), "student")
        shown = subprocess.run(["git", "show", "student:notebooks/03_norms.ipynb"], cwd=bare, capture_output=True,
                               text=True, check=True).stdout
        return said, nbformat.reads(shown, 4)

    said, first = publish()
    assert "Updated" not in nbformat.writes(first) and "marked" not in said
    nb = nbformat.read(source, 4)
    ex = cells.exercise_cells(nb)[1]
    nb.cells[ex.index - 1].source += "\n\n(Now with other numbers.)"
    nbformat.write(nb, source)
    for _ in range(2):  # the note stays in the next publish too
        said, book = publish()
        notes = [c.source for c in book.cells if c.cell_type == "markdown" and c.source.startswith("> **Updated")]
        assert len(notes) == 1 and "stale" in notes[0], said
        index = next(i for i, c in enumerate(book.cells) if c.cell_type == "markdown" and c.source.startswith("> **Up"))
        assert f'check("{ex.exercise_id}"' in book.cells[index + 1].source
