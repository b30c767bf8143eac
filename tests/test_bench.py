"""The benchmark's own logic (benchmarks/): what it drives and how it judges targets."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from lecture_utils import registry
from lecture_utils.widgets import LineExplorer, PixelExplorer
from lecture_utils.widgets.base import control_values

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench():
    """benchmarks/run.py loaded as a module (it puts benchmarks/ on sys.path for its sections)."""
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_update_plan_drags_every_control_across_its_whole_range(bench):
    import bench_explorers

    for explorer in (LineExplorer(), PixelExplorer.example("Grace Hopper photo")):
        plan = bench_explorers.update_plan(explorer, 50)
        assert len(plan) >= 50
        for name, control in explorer.controls.items():
            values = [v for n, v in plan if n == name]
            assert values, f"{name} never moved"
            if hasattr(control, "min") and hasattr(control, "max"):
                assert min(values) == control.min and max(values) == control.max, name
            else:  # options: every one of them is visited
                assert set(values) == set(control_values(control)), name


def test_time_explorer_counts_every_update_and_renders(bench):
    import bench_explorers

    # Ten updates show the counting as well as fifty (make bench times fifty and more); each
    # one renders a PNG, the cost of this test.
    explorer = LineExplorer()
    wall, cpu = bench_explorers.time_explorer(explorer, 10)
    assert len(wall) == len(cpu) == len(bench_explorers.update_plan(explorer, 10)) >= 10
    assert all(t > 0 for t in wall)
    assert explorer.png.startswith(b"\x89PNG")


def test_every_explorer_example_is_benchmarked(bench):
    names = [fig for fig, _, _ in bench.explorer_cases()]
    assert len(names) == len(registry.explorer_examples()) >= len(registry.explorers())
    assert [fig for fig, _, _ in bench.explorer_cases(only={"LineExplorer"})] == ["LineExplorer (notebook 00)"]


def test_targets_are_judged_and_errors_are_not_targets(bench, capsys):
    import report

    rep = report.Report()
    assert rep.add("x", "fast", 10.0, "ms", 50.0)["met"] is True
    assert rep.add("x", "slow", 60.0, "ms", 50.0)["met"] is False
    assert rep.add("x", "ratio", 3.0, "x", 3.0, "<=")["met"] is True
    assert rep.add("x", "speed-up", 49.0, "x", 50.0, ">=")["met"] is False
    assert rep.add("x", "info", 1.0, "s")["met"] is None
    err = rep.error("x", "broken", ValueError("bad\nlast line"))
    assert err["status"] == "error" and err["met"] is None and err["note"] == "last line"
    out = capsys.readouterr().out
    assert "NO" in out and "ERROR" in out


def test_measure_turns_an_exception_into_an_error_row_and_goes_on(bench):
    import report

    rep = report.Report()
    with rep.measure("x", "first") as first:
        raise RuntimeError("boom")
    with rep.measure("x", "second") as second:
        rep.add("x", "second", 1.0, "s")
    assert not first.ok and second.ok
    assert [(r["figure"], r["status"], r["note"]) for r in rep.rows] == [
        ("first", "error", "RuntimeError: boom"), ("second", "ok", "")]


def test_the_benchmark_never_executes_notebook_code():
    for path in (ROOT / "benchmarks").glob("*.py"):
        text = path.read_text()
        assert "exec(" not in text and "ast.parse" not in text, path.name


def test_exit_status_is_zero_on_missed_targets_and_json_is_written(bench, tmp_path, monkeypatch):
    def fake_import(rep):
        rep.add("import", "slow import", 9.0, "s", 0.5)

    monkeypatch.setitem(sys.modules, "bench_run", bench)
    monkeypatch.setattr(bench, "bench_import", fake_import)
    out = tmp_path / "bench.json"
    md = tmp_path / "RESULTS.md"
    assert bench.main(["--only", "import", "--json", str(out), "--markdown", str(md)]) == 0
    result = json.loads(out.read_text())
    assert result["rows"][0]["met"] is False and result["machine"]["cores"] >= 1
    assert "| import | slow import | 9.00 s | < 0.5 s | NO |" in md.read_text()

    def broken_import(rep):
        raise RuntimeError("boom")

    monkeypatch.setattr(bench, "bench_import", broken_import)
    assert bench.main(["--only", "import", "--json", str(out)]) == 1
