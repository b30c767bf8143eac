"""Explorers: every example of every explorer (lecture_utils.registry), driven through >= 50 updates."""

import cProfile
import math
import pstats
import time

import numpy as np
from report import TARGETS

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


def bench_explorers(rep, n_updates, only=None, profile=True):
    sec = SECTION
    for fig, cls, label in explorer_cases(only):
        with rep.measure(sec, fig):
            t = time.perf_counter()
            explorer = cls.example(label)
            build = time.perf_counter() - t
            try:
                times, cpu = time_explorer(explorer, n_updates)
                split = profile_explorer(explorer, update_plan(explorer, 50)[:20]) if profile else None
            finally:
                explorer.widget.close()
            ms, cpu_ms = np.array(times) * 1000, np.array(cpu) * 1000
            size = explorer.figure.get_size_inches()
            info = (f"{cls.__module__.removeprefix('lecture_utils.')}; n={len(ms)}; CPU median "
                    f"{np.median(cpu_ms):.0f} ms; max {ms.max():.0f} ms; build {build * 1000:.0f} ms; "
                    f"{size[0]:.1f}x{size[1]:.1f} in @ {explorer.dpi} dpi")
            row = rep.add(sec, f"{fig} median", float(np.median(ms)), "ms", TARGETS["update_median_ms"], note=info)
            row["cpu_ms"] = float(np.median(cpu_ms))
            where = ("; time in " + ", ".join(f"{k} {v:.0%}" for k, v in split.items() if v >= 0.05)) if split else ""
            p95, cpu_p95 = float(np.percentile(ms, 95)), float(np.percentile(cpu_ms, 95))
            row = rep.add(sec, f"{fig} p95", p95, "ms", TARGETS["update_p95_ms"], note=f"CPU p95 {cpu_p95:.0f} ms{where}")
            row["cpu_ms"] = cpu_p95
            row["time_split"] = split
