"""lecture_utils.registry: discovery of modules and re-exports (notebooks: test_notebooks.py)."""

import shutil
import sys

import pytest

import lecture_utils
from lecture_utils import plots, registry, widgets


def test_the_package_lists_its_modules_by_discovery():
    assert {"calculus", "checks", "data", "linalg", "logistic", "optim", "plots", "widgets", "registry"} \
        <= set(lecture_utils.__all__)
    assert set(lecture_utils.__all__) <= set(dir(lecture_utils))
    assert lecture_utils.linalg is sys.modules["lecture_utils.linalg"]
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = lecture_utils.nope


def test_light_modules_are_the_topic_modules_but_the_drawing_layers():
    assert set(registry.light_modules()) == set(registry.topic_modules()) - {"plots", "widgets"}
    assert "registry" not in registry.topic_modules() and "exercises" not in registry.topic_modules()


def test_plots_and_widgets_export_every_topic_modules_names():
    for package in (plots, widgets):
        for module in registry._submodules(package):
            for name in getattr(module, "__all__", ()):
                assert getattr(package, name) is getattr(module, name), f"{package.__name__}.{name}"
                assert name in package.__all__


def _package(tmp_path, name, modules):
    root = tmp_path / name
    root.mkdir()
    (root / "__init__.py").write_text("")
    for module, text in modules.items():
        (root / f"{module}.py").write_text(text)
    return root


def test_reexport_refuses_two_modules_exporting_one_name(tmp_path, monkeypatch):
    _package(tmp_path, "toy_clash", {"a": "__all__ = ['f']\ndef f(): pass\n", "b": "__all__ = ['f']\ndef f(): pass\n"})
    monkeypatch.syspath_prepend(str(tmp_path))
    import toy_clash

    with pytest.raises(ImportError, match=r"toy_clash.b and toy_clash.a both export 'f'; rename one"):
        registry.reexport(vars(toy_clash))


def test_reexport_skips_private_modules_and_keeps_one_object_exported_twice(tmp_path, monkeypatch):
    _package(tmp_path, "toy_ok", {"a": "__all__ = ['f']\ndef f(): pass\n", "b": "from .a import f\n__all__ = ['f']\n",
                                   "_hidden": "__all__ = ['g']\ng = 1\n"})
    monkeypatch.syspath_prepend(str(tmp_path))
    import toy_ok

    assert registry.reexport(vars(toy_ok)) == ["f"]
    assert toy_ok.f is sys.modules["toy_ok.a"].f and not hasattr(toy_ok, "g")


def test_exercises_come_from_every_exercise_module():
    ids = {ex.id for ex in registry.exercises()}
    assert {module.__name__.rpartition(".")[2] for module in registry.exercise_modules()} >= {"norms", "tensors"}
    assert {i[:2] for i in ids} == {nb.number for nb in registry.notebooks()}


def test_an_example_is_built_with_its_lazy_arguments_loaded():
    explorer = widgets.PixelExplorer.example("digit 8x8")
    assert explorer.image.shape == (8, 8) and explorer.params == {"row": 2, "col": 3}
    with pytest.raises(ValueError, match=r"PixelExplorer has no example 'nope'; its examples are \["):
        widgets.PixelExplorer.example("nope")
    with pytest.raises(TypeError, match="lazy\\(\\) needs a function, got int"):
        widgets.lazy(3)


def test_a_students_extra_notebooks_never_break_the_start_notebooks_map(tmp_path):
    for nb in registry.notebooks():
        shutil.copy(nb.path, tmp_path / nb.path.name)
    (tmp_path / "Untitled.ipynb").write_text("{}")
    shutil.copy(tmp_path / "03_norms.ipynb", tmp_path / "03_norms-Copy1.ipynb")
    with pytest.raises(ValueError):
        registry.notebooks(tmp_path)
    assert registry.course_map(tmp_path, strict=False) == registry.course_map()


@pytest.fixture(scope="module")
def files():
    return registry.notebook_files()  # reads every test file: once for the tests below


def test_notebook_files_says_where_each_notebooks_pieces_live(files):
    assert sorted(files) == [nb.number for nb in registry.notebooks()]
    two = files["02"]
    assert two["notebook"] == "notebooks/02_matrix_operations.ipynb"
    assert two["exercises"] == ["lecture_utils/exercises/matrix_operations.py"]
    assert two["banks"] == ["tests/banks/matrix_operations.py"]
    assert "lecture_utils/widgets/matrices.py: TransposeExplorer" in two["explorers"]
    # a test file belongs to the notebooks it names (explorers, exercise modules or ids), not to others
    assert "tests/test_exercises_matrix_operations.py" in two["tests"]
    assert "tests/test_exercises_matrix_operations.py" not in files["03"]["tests"]
    assert set(files["06"]["exercises"]) >= {"lecture_utils/exercises/logistic_regression.py",
                                             "lecture_utils/exercises/logistic_training.py"}


def test_notebook_files_without_a_tests_folder_lists_no_tests_or_banks(tmp_path):
    files = registry.notebook_files(tests=tmp_path / "missing")
    assert all(parts["tests"] == [] and parts["banks"] == [] for parts in files.values())
    assert files["00"]["exercises"] == ["lecture_utils/exercises/start_here.py"]


def test_python_m_registry_prints_every_notebook(files, capsys):
    registry._print_notebook_files(files)
    out = capsys.readouterr().out
    for nb in registry.notebooks():
        assert f"{nb.number}  notebooks/{nb.path.name}" in out
    assert "    banks:     tests/banks/norms.py" in out
