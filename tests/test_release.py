"""`make release` (tools/release.py): the student, self-study and nbgrader releases.

Structural checks run on every notebook; the expensive runs (nbclient, nbgrader's autograde)
on NOTEBOOKS only. The nbgrader tests need the `[instructor]` extra (`make test-instructor`).
"""

import os
import sys
import warnings
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
import exercise_cells as cells
import grade
import release
from test_grade import NOTEBOOKS, TIMEOUT, expected_outcomes, source, submissions

ALL = sorted((ROOT / "notebooks").glob("*.ipynb"))
# nbgrader's CLI is slow to start; one notebook whose exercises meet every trick is enough.
GRADED = ["03_norms"]


@pytest.fixture(scope="module")
def built(release_build):
    return release_build  # tests/conftest.py: one build shared with the student edition's tests


def test_three_releases_of_every_notebook(built):
    for path in ALL:
        assert (built / "student" / path.name).is_file()
        assert nbformat.read(built / "self-study" / path.name, 4) == nbformat.read(path, 4)
        assert (built / "nbgrader" / "source" / path.stem / path.name).is_file()
    assert "course_id" in (built / "nbgrader" / "nbgrader_config.py").read_text()


@pytest.mark.parametrize("path", ALL, ids=[p.stem for p in ALL])
def test_student_release_shows_no_solution_anywhere(built, path):
    src = nbformat.read(path, 4)
    secret = release.solution_lines(src)
    assert len(secret) >= len(cells.exercise_cells(src)) > 0
    text = (built / "student" / path.name).read_text()  # sources, outputs and metadata alike
    assert release.solution_leaks(text, secret) == []
    student = nbformat.reads(text, 4)
    assert "Show a worked solution" not in text
    assert not any("solution" in c.metadata.get("tags", []) for c in student.cells)
    exercises = [c for c in student.cells if "exercise" in c.metadata.get("tags", [])]
    assert len(exercises) == len(cells.exercise_cells(src))
    assert all(c.outputs == [] and c.execution_count is None for c in exercises)


def test_a_demo_cell_printing_a_right_answer_is_dropped():
    src = source("03_norms")
    ex = cells.exercise_cells(src)[0]
    correct = release.correct_messages([ex]).pop()
    demo = nbformat.v4.new_code_cell(f"{ex.solution}\ncheck({ex.exercise_id!r}, {ex.answer})")
    demo.outputs = [nbformat.v4.new_output("stream", name="stdout", text=correct + "\n")]
    reader = nbformat.v4.new_code_cell(f"print({ex.answer})")
    reader.outputs = [nbformat.v4.new_output("stream", name="stdout", text="the answer itself\n")]
    src.cells[ex.index + 2:ex.index + 2] = [demo, reader]
    student = release.student_edition(src)
    text = nbformat.writes(student)
    assert correct not in text and "the answer itself" not in text
    assert any(c.source == reader.source and c.outputs == [] for c in student.cells)


def test_a_demo_cell_checking_a_right_literal_is_dropped_even_without_outputs():
    from lecture_utils.checks import get_exercise

    for path in ALL:
        src = nbformat.read(path, 4)
        for ex in cells.exercise_cells(src):
            right = get_exercise(ex.exercise_id).expected()
            if isinstance(right, (int, float, tuple)) and not isinstance(right, bool):
                demo = nbformat.v4.new_code_cell(f"check({ex.exercise_id!r}, {right!r})")
                src.cells.append(demo)
                assert demo.source not in nbformat.writes(release.student_edition(src))
                return
    pytest.skip("no exercise has a plain-literal answer")


def test_a_leak_the_rules_miss_stops_the_build():
    src = source("03_norms")
    line = min(release.solution_lines(src))
    hint = nbformat.v4.new_code_cell("print(open('hint.txt').read())")
    hint.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"Psst: {line}\n")]
    src.cells.append(hint)
    with pytest.raises(ValueError, match="still shows solution code"):
        release.student_edition(src)


@pytest.mark.parametrize("path", ALL, ids=[p.stem for p in ALL])
def test_nbgrader_source_carries_valid_metadata(built, path):
    nbgraderformat = pytest.importorskip("nbgrader.nbgraderformat")
    nb = nbformat.read(built / "nbgrader" / "source" / path.stem / path.name, 4)
    nbgraderformat.MetadataValidator().validate_nb(nb)
    meta = [c.metadata["nbgrader"] for c in nb.cells]
    answers = [c for c, m in zip(nb.cells, meta) if m["solution"]]
    tests = [c for c, m in zip(nb.cells, meta) if m["grade"]]
    assert len(answers) == len(tests) == len(cells.exercise_cells(nbformat.read(path, 4)))
    assert all("### BEGIN SOLUTION" in c.source and "### END SOLUTION" in c.source for c in answers)
    assert all(c.metadata["nbgrader"]["locked"] and c.metadata["nbgrader"]["points"] > 0 for c in tests)
    assert all("evaluate(" in c.source and "assert _result.passed" in c.source for c in tests)
    assert all(m["locked"] for m in meta if not m["solution"])


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_student_release_runs_top_to_bottom_saying_not_attempted(built, stem):
    from nbclient import NotebookClient

    nb = nbformat.read(built / "student" / f"{stem}.ipynb", 4)
    NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    for cell in nb.cells:
        if "exercise" in cell.metadata.get("tags", []):
            printed = "".join(o.get("text", "") for o in cell.outputs)
            assert "not attempted" in printed.lower(), cell.source


def nbgrader_did(result):
    """Assert an ``NbGraderAPI`` step succeeded (its captured log and traceback otherwise)."""
    assert result["success"], result.get("log", "") + result.get("error", "")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """nbgrader on the built folder: generate_assignment, three submissions, autograde, feedback.

    Through ``NbGraderAPI`` (the calls nbgrader's CLI and formgrader make, with the course's
    ``nbgrader_config.py``) in this process: each CLI start imports nbgrader again (~5 s of CPU).
    """
    pytest.importorskip("nbgrader")
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from sqlalchemy.exc import SAWarning
    from traitlets.config.loader import PyFileConfigLoader

    out = tmp_path_factory.mktemp("nbgrader")
    paths = [ROOT / "notebooks" / f"{stem}.ipynb" for stem in GRADED]
    release.build(out, notebooks=paths, assignment="graded")
    course = out / "nbgrader"
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()  # as the CLI reads it
    config.CourseDirectory.root = str(course)
    config.Execute.timeout = TIMEOUT
    with pytest.MonkeyPatch.context() as patch, warnings.catch_warnings():
        # nbgrader 0.9's gradebook draws SQLAlchemy 2's "not in session" warnings (its CLI prints and goes on).
        warnings.filterwarnings("ignore", category=SAWarning)
        # nbgrader calls `alembic` by name: this venv's bin/ on PATH; it works in the course folder.
        patch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
        patch.chdir(course)
        api = NbGraderAPI(CourseDirectory(config=config), config=config)
        nbgrader_did(api.generate_assignment("graded"))
        for stem in GRADED:
            handed_out = nbformat.read(course / "release" / "graded" / f"{stem}.ipynb", 4)
            for student, nb in submissions(handed_out, source(stem), reorder=False).items():
                target = course / "submitted" / student / "graded" / f"{stem}.ipynb"
                target.parent.mkdir(parents=True, exist_ok=True)
                nbformat.write(nb, target)
        for student in ("good", "blank", "evil"):
            nbgrader_did(api.autograde("graded", student))
        nbgrader_did(api.generate_feedback("graded"))
    return course


def nbgrader_points(course):
    """``{(student, exercise_id): points}`` from nbgrader's gradebook."""
    from nbgrader.api import Gradebook

    points = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in ("good", "blank", "evil"):
            for stem in GRADED:
                for ex in cells.exercise_cells(source(stem)):
                    found = gb.find_grade(ex.grade_id() + "_test", stem, "graded", student)
                    points[student, ex.exercise_id] = found.score
    return points


def test_the_released_assignment_has_no_solutions(course):
    for stem in GRADED:
        text = (course / "release" / "graded" / f"{stem}.ipynb").read_text()
        secret = release.solution_lines(source(stem))
        assert "BEGIN SOLUTION" not in text
        assert release.solution_leaks(text, secret) == []


@pytest.mark.parametrize("student, kind", [("good", "correct"), ("blank", "untouched"), ("evil", "adversarial")])
def test_nbgrader_autograde_gives_the_earned_points(course, student, kind):
    points = nbgrader_points(course)
    for stem in GRADED:
        for exercise_id, outcome in expected_outcomes(source(stem), kind).items():
            want = release.POINTS if outcome == "passed" else 0
            assert points[student, exercise_id] == want, (student, exercise_id)


def test_nbgrader_feedback_is_generated(course):
    for student in ("good", "blank", "evil"):
        for stem in GRADED:
            assert (course / "feedback" / student / "graded" / f"{stem}.html").is_file()


def test_make_grade_agrees_with_nbgrader_on_the_same_files(course, tmp_path):
    for student in ("good", "blank", "evil"):
        for stem in GRADED:
            target = tmp_path / "in" / student / f"{stem}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes((course / "submitted" / student / "graded" / f"{stem}.ipynb").read_bytes())
    grades = grade.grade_folder(tmp_path / "in", tmp_path / "out", timeout=TIMEOUT)
    ours = {(g.student, g.exercise): g.points for g in grades}
    assert ours == nbgrader_points(course)
