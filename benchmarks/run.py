"""Benchmark what students and instructors feel: notebook run time, slider latency, import, training.

    make bench                                  # everything; table on stdout, build/bench.json
    .venv/bin/python benchmarks/run.py --only explorers,import
    .venv/bin/python benchmarks/run.py --explorer PixelExplorer --updates 60
    .venv/bin/python benchmarks/run.py --markdown benchmarks/RESULTS.md

What each section measures and its targets: benchmarks/README.md. Notebooks and explorers
are found by :mod:`lecture_utils.registry`, so a new one is measured with no edit here.

This is a benchmark, not a test: a missed target is reported, not fatal. The exit status is
non-zero only when something could not be measured (an error row).
"""

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Run from a fresh clone even before `pip install -e .`, and find the section modules beside this file.
sys.path[:0] = [str(ROOT), str(HERE)]

import report
from bench_explorers import bench_explorers, explorer_cases
from bench_import import bench_import
from bench_notebooks import bench_notebooks
from bench_training import bench_training

SECTIONS = ("import", "training", "explorers", "notebooks")
__all__ = ["SECTIONS", "bench_explorers", "bench_import", "bench_notebooks", "bench_training",
           "explorer_cases", "main"]


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections to run (default: all of {','.join(SECTIONS)})")
    parser.add_argument("--explorer", action="append", help="only this explorer class (repeatable)")
    parser.add_argument("--updates", type=int, default=30,
                        help="timed updates per explorer input (>= 20; >= 50 per explorer in all)")
    parser.add_argument("--no-profile", action="store_true",
                        help="skip profiling where explorer updates spend their time")
    parser.add_argument("--json", default=str(ROOT / "build" / "bench.json"), help="where to write the figures")
    parser.add_argument("--markdown", help="also write the table as Markdown here (e.g. benchmarks/RESULTS.md)")
    args = parser.parse_args(argv)
    args.sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) {sorted(unknown)}; choose from {list(SECTIONS)}")
    if args.updates < 20:
        parser.error("--updates must be at least 20 per input (each explorer gets >= 50 in all)")
    return args


def main(argv=None):
    args = parse(argv)
    import matplotlib

    matplotlib.use("Agg")
    started, load_before, info = time.time(), report.loadavg(), report.machine()
    print(f"machine: {info['cpu']}, {info['cores']} cores, Python {info['python']}, "
          f"numpy {info['numpy']}, matplotlib {info['matplotlib']}; load average {load_before}")
    print(report.header())
    rep = report.Report()
    module = sys.modules[__name__]  # looked up at call time, so a test can replace a section
    runners = {
        "import": lambda: module.bench_import(rep),
        "training": lambda: module.bench_training(rep),
        "explorers": lambda: module.bench_explorers(rep, args.updates, args.explorer, not args.no_profile),
        "notebooks": lambda: module.bench_notebooks(rep),
    }
    for section in SECTIONS:
        if section in args.sections:
            with rep.measure(section, f"{section} section"):  # one broken section must not hide the others
                runners[section]()
    load_after = report.loadavg()
    result = {
        "machine": info, "load_before": load_before, "load_after": load_after,
        "started": dt.datetime.fromtimestamp(started, dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S"),
        "finished": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S"),
        "duration_s": round(time.time() - started, 1), "targets": report.TARGETS, "rows": rep.rows,
    }
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, default=float) + "\n")
    if args.markdown:
        report.write_markdown(args.markdown, result)
    summarize(rep, result, out)
    return 1 if rep.errors else 0


def summarize(rep, result, out):
    print("-" * report.WIDTH)
    before, after = result["load_before"], result["load_after"]
    print(f"load average before {before}, after {after}; {result['duration_s']} s; figures in {out}")
    cores = result["machine"]["cores"] or 1
    if before and before[0] > 0.75 * cores:  # before: the run's own kernels raise it later
        print(f"NOTE: the machine was busy (load average > 0.75 x {cores} cores at the start): wall times "
              "include other processes; the explorer notes' CPU times are closer to an idle machine.")
    print(f"{len(rep.missed)} target(s) missed" + "".join(
        f"\n  missed: {r['figure']} = {report.value_text(r)} (target {r['target']})" for r in rep.missed))
    if rep.errors:
        print(f"{len(rep.errors)} error(s):" + "".join(f"\n  {r['figure']}: {r['note']}" for r in rep.errors))


if __name__ == "__main__":
    sys.exit(main())
