"""Explorers: every explorer (lecture_utils.registry) on a sweep of inputs, each driven through its controls.

The inputs are the explorer's registry examples plus the set in ``sweep.py`` (image sizes and
dtypes, every function/surface/feature, extreme starts). Per explorer the table gives the
WORST input's median and p95 (the targets hold for every input), the figures of all inputs
together in the note, and one line per input below the rows (all in build/bench.json).
"""

import cProfile
import math
import pstats
import time

import numpy as np
from report import TARGETS
from sweep import SWEEP, build, sweep_cases

from lecture_utils import registry
from lecture_utils.widgets.base import control_values

SECTION = "explorers"
# Where an update's time goes: tottime of the profiled calls, bucketed by the file they are in.
_BUCKETS = (
    ("text", ("matplotlib/text.py", "matplotlib/_text_helpers.py", "matplotlib/_mathtext.py", "mathtext.py",
              "ft2font", "font_manager.py", "draw_text", "_draw_text_glyphs")),
    ("ticks+axes", ("matplotlib/axis.py", "matplotlib/ticker.py", "matplotlib/axes/", "matplotlib/spines.py")),
    ("images", ("matplotlib/image.py", "matplotlib/colors.py", "matplotlib/cm.py", "resample")),
    ("PNG encode", ("PIL/", "ImagingEncoder", "ImagingCore", "_png", "write_png", "zlib")),
    ("numpy", ("numpy/", "numpy.")),
    ("lecture_utils", ("lecture_utils/",)),
    ("ipywidgets", ("ipywidgets/", "traitlets/", "comm/")),
)


def explorer_cases(only=None):
    """``[(figure name, class, example label)]`` of every explorer example the registry finds."""
    return [(f"{cls.__name__} ({label})", cls, label) for _, cls, label in registry.explorer_examples()
            if not only or cls.__name__ in only]


def update_plan(explorer, n_updates):
    """>= n_updates single-control updates, dragging every control back and forth over its range."""
    controls = explorer.controls
    per = max(7, math.ceil(n_updates / max(1, len(controls))) // 2 + 2)
    sweeps = {}
    for name, control in controls.items():
        values = list(control_values(control, per))
        # there and back again, like a drag; discrete controls just toggle through their options
        sweeps[name] = values + values[-2:0:-1] if len(values) > 2 else values
    plan, k = [], 0
    while len(plan) < n_updates:
        for name, values in sweeps.items():
            plan.append((name, values[k % len(values)]))
        k += 1
    return plan


def time_explorer(explorer, n_updates, warmup=5):
    """Wall and CPU seconds of every update of the plan (after ``warmup`` untimed ones)."""
    plan = update_plan(explorer, n_updates)
    for name, value in plan[:warmup]:
        explorer.update(**{name: value})
    times, cpu = [], []
    for name, value in plan:
        t, c = time.perf_counter(), time.process_time()
        explorer.update(**{name: value})
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        if not explorer.png.startswith(b"\x89PNG"):
            raise AssertionError(f"no PNG after {name}={value!r}")
    return times, cpu


def profile_explorer(explorer, plan):
    """Share of the update time per bucket (text, ticks+axes, images, PNG encode, ...), profiled."""
    prof = cProfile.Profile()
    prof.enable()
    for name, value in plan:
        explorer.update(**{name: value})
    prof.disable()
    shares = dict.fromkeys([b for b, _ in _BUCKETS] + ["other matplotlib", "other"], 0.0)
    for (filename, _, func), (_, _, tottime, _, _) in pstats.Stats(prof).stats.items():
        where = f"{filename}:{func}"
        bucket = next((b for b, keys in _BUCKETS if any(k in where for k in keys)), None)
        if bucket is None:
            bucket = "other matplotlib" if "matplotlib" in where else "other"
        shares[bucket] += tottime
    total = sum(shares.values()) or 1.0
    return {k: round(v / total, 3) for k, v in sorted(shares.items(), key=lambda kv: -kv[1])}


def explorer_inputs(only=None):
    """``[(class, [(input label, kwargs)])]``: every explorer, its registry examples and the sweep's inputs."""
    unknown = set(SWEEP) - {cls.__name__ for cls in registry.explorers()}
    if unknown:
        raise ValueError(f"benchmarks/sweep.py names explorers that do not exist: {sorted(unknown)}")
    return [(cls, sweep_cases(cls)) for cls in registry.explorers() if not only or cls.__name__ in only]


def time_input(cls, kwargs, n_updates):
    """Build one input and time ``n_updates`` updates of it: (wall ms, CPU ms, build s, explorer)."""
    t = time.perf_counter()
    explorer = build(cls, kwargs)
    explorer.widget  # noqa: B018 - its tables too (a notebook computes them after the cell that shows it)
    built = time.perf_counter() - t
    try:
        # Enough updates to drag every control from end to end (the plan visits 7 values each).
        times, cpu = time_explorer(explorer, max(n_updates, 7 * len(explorer.controls)))
    finally:
        explorer.widget.close()
    return np.array(times) * 1000, np.array(cpu) * 1000, built, explorer


def bench_explorers(rep, n_updates, only=None, profile=True):
    """Per explorer, over all its inputs: the worst input's median and p95 against the targets."""
    sec = SECTION
    for cls, inputs in explorer_inputs(only):
        name = cls.__name__
        with rep.measure(sec, name):
            per = max(n_updates, math.ceil(50 / len(inputs)))  # >= 50 updates per explorer in all
            results, all_ms, all_cpu = [], [], []
            for label, kwargs in inputs:
                with rep.measure(sec, f"{name} ({label})"):
                    ms, cpu_ms, built, explorer = time_input(cls, kwargs, per)
                    results.append({"input": label, "median_ms": float(np.median(ms)),
                                    "p95_ms": float(np.percentile(ms, 95)), "max_ms": float(ms.max()),
                                    "cpu_median_ms": float(np.median(cpu_ms)), "build_ms": built * 1000,
                                    "n": len(ms)})
                    all_ms.append(ms)
                    all_cpu.append(cpu_ms)
                    last = explorer
            if not results:
                continue
            worst_med = max(results, key=lambda r: r["median_ms"])
            worst_p95 = max(results, key=lambda r: r["p95_ms"])
            ms, cpu_ms = np.concatenate(all_ms), np.concatenate(all_cpu)
            size = last.figure.get_size_inches()
            info = (f"{cls.__module__.removeprefix('lecture_utils.')}; {len(results)} inputs, n={len(ms)}; all inputs: "
                    f"median {np.median(ms):.0f} ms (CPU {np.median(cpu_ms):.0f}), p95 {np.percentile(ms, 95):.0f} ms, "
                    f"max {ms.max():.0f} ms; {size[0]:.1f}x{size[1]:.1f} in @ {last.dpi} dpi")
            row = rep.add(sec, f"{name} median, worst input", worst_med["median_ms"], "ms",
                          TARGETS["update_median_ms"], "<=", note=f"worst: {worst_med['input']}; {info}")
            row["cpu_ms"] = worst_med["cpu_median_ms"]
            row["inputs"] = results
            split = None
            if profile:
                kwargs = dict(inputs)[worst_p95["input"]]
                explorer = build(cls, kwargs)
                try:
                    split = profile_explorer(explorer, update_plan(explorer, 50)[:20])
                finally:
                    explorer.widget.close()
            where = ("; time in " + ", ".join(f"{k} {v:.0%}" for k, v in split.items() if v >= 0.05)) if split else ""
            row = rep.add(sec, f"{name} p95, worst input", worst_p95["p95_ms"], "ms", TARGETS["update_p95_ms"], "<=",
                          note=f"worst: {worst_p95['input']} (CPU median {worst_p95['cpu_median_ms']:.0f} ms){where}")
            row["time_split"] = split
            for r in results:
                print(f"    {r['input'][:48]:<48} median {r['median_ms']:5.1f}  p95 {r['p95_ms']:5.1f}  "
                      f"max {r['max_ms']:5.1f} ms  (CPU median {r['cpu_median_ms']:.1f}; build {r['build_ms']:.0f} ms)",
                      flush=True)
