"""Import times: the package, a notebook's first cell, and every topic module (light ones stay light)."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
from report import TARGETS

from lecture_utils import registry

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("matplotlib", "ipywidgets")
_PROBE = """
import sys, time, json
t = time.perf_counter()
import {mod}
dt = time.perf_counter() - t
print(json.dumps({{"s": dt, "heavy": sorted(m for m in {heavy!r} if m in sys.modules)}}))
"""


def probe_import(mod, runs=5):
    """Median seconds to import ``mod`` in a fresh interpreter, and the heavy modules it loaded."""
    times, heavy = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _PROBE.format(mod=mod, heavy=HEAVY)],
                             capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
        if out.returncode != 0:
            raise RuntimeError(out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "import failed")
        res = json.loads(out.stdout.strip().splitlines()[-1])
        times.append(res["s"])
        heavy = res["heavy"]
    return float(np.median(times)), heavy


def bench_import(rep):
    sec = "import"
    with rep.measure(sec, "import lecture_utils (fresh interpreter)"):
        s, heavy = probe_import("lecture_utils")
        rep.add(sec, "import lecture_utils (fresh interpreter)", s, "s", TARGETS["import_s"],
                note="median of 5" + (f"; loads {', '.join(heavy)}" if heavy else ""))
    with rep.measure(sec, "a notebook's imports"):  # what a notebook's first cell pays
        s, heavy = probe_import("lecture_utils.data, lecture_utils.checks, lecture_utils.plots, "
                                "lecture_utils.widgets", runs=3)
        rep.add(sec, "a notebook's imports (data, checks, plots, widgets)", s, "s",
                note="median of 3 (info); loads " + (", ".join(heavy) or "nothing heavy"))
    light = registry.light_modules()
    for name in registry.topic_modules():
        mod = f"lecture_utils.{name}"
        with rep.measure(sec, f"import {mod}"):
            s, heavy = probe_import(mod, runs=3)
            if name not in light:
                rep.add(sec, f"import {mod}", s, "s", note="median of 3 (info)")
                continue
            row = rep.add(sec, f"import {mod}", s, "s", TARGETS["import_s"],
                          note=("loads " + ", ".join(heavy) + " (should not)") if heavy else "no matplotlib/ipywidgets")
            if heavy:
                row["met"] = False
