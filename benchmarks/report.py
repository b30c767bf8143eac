"""The benchmark's rows: one per figure, judged against its target, printed, saved as JSON and Markdown."""

import contextlib
import importlib
import os
import platform
import traceback
from pathlib import Path

TARGETS = {
    "notebook_s": 15.0,
    "pack_s": 60.0,
    "update_median_ms": 30.0,
    "update_p95_ms": 60.0,
    "import_s": 0.5,
    "step_ratio": 3.0,
    "loop_speedup": 50.0,
}
WIDTH = 106
NOTES_HEADING = "## Notes"  # RESULTS.md from this heading on is kept when the figures are refreshed


class Report:
    """Collects one row per figure: value, target, whether it is met, status and a note."""

    def __init__(self):
        self.rows = []

    def add(self, section, figure, value=None, unit="", target=None, op="<", status="ok", note=""):
        """Add (and print) a row; ``met`` is judged when there is a target and a value."""
        met = None
        if status == "ok" and target is not None and value is not None:
            met = {"<": value < target, "<=": value <= target, ">=": value >= target}[op]
        row = {
            "section": section, "figure": figure, "value": value, "unit": unit,
            "target": None if target is None else f"{op} {fmt(target)} {unit}".strip(),
            "met": met, "status": status, "note": note,
        }
        self.rows.append(row)
        print(line(row), flush=True)
        return row

    def error(self, section, figure, exc_or_text):
        """An error row: something could not be measured (the run then exits 1)."""
        text = exc_or_text if isinstance(exc_or_text, str) else f"{type(exc_or_text).__name__}: {exc_or_text}"
        return self.add(section, figure, status="error", note=text.strip().splitlines()[-1][:300])

    @contextlib.contextmanager
    def measure(self, section, figure):
        """Run the block; an exception becomes an error row for ``figure`` and the run goes on.

        Whether the block finished is in the yielded object's ``ok``, so a caller can stop a
        section whose later figures depend on this one.
        """
        outcome = _Outcome()
        try:
            yield outcome
        except Exception as exc:  # noqa: BLE001 - any failure to measure is reported, not fatal
            outcome.ok = False
            self.error(section, figure, exc)
            traceback.print_exc()

    @property
    def errors(self):
        return [r for r in self.rows if r["status"] == "error"]

    @property
    def missed(self):
        return [r for r in self.rows if r["met"] is False]


class _Outcome:
    ok = True


def fmt(v):
    """A number with as many digits as it deserves."""
    if v is None:
        return ""
    if isinstance(v, (bool, int)):
        return str(v)
    if abs(v) >= 100:
        return f"{v:.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.3g}" if abs(v) < 1 else f"{v:.2f}"


def value_text(row):
    return "ERROR" if row["status"] == "error" else f"{fmt(row['value'])} {row['unit']}".strip()


def met_text(row):
    return {True: "yes", False: "NO", None: "-"}[row["met"]]


def line(row):
    return (f"{row['figure'][:52]:<52} {value_text(row):>14} {row['target'] or '':>12} "
            f"{met_text(row):>4}  {row['note']}")


def header():
    return f"{'figure':<52} {'value':>14} {'target':>12} {'met?':>4}  note\n" + "-" * WIDTH


def machine():
    """CPU, cores, system and the versions of the libraries that set the figures."""
    cpu = platform.processor() or ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [ln.split(":", 1)[1].strip() for ln in cpuinfo.read_text().splitlines() if ln.startswith("model name")]
        cpu = names[0] if names else cpu
    versions = {}
    for mod in ("numpy", "matplotlib", "ipywidgets", "nbclient"):
        try:
            versions[mod] = importlib.import_module(mod).__version__
        except ImportError:  # a missing tool is reported, not fatal
            versions[mod] = None
    return {"cpu": cpu, "cores": os.cpu_count(), "system": platform.platform(),
            "python": platform.python_version(), **versions}


def loadavg():
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def write_markdown(path, result):
    """RESULTS.md: the machine, the table, the missed targets (what to do: benchmarks/README.md)."""
    m = result["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Produced by `make bench` (`benchmarks/run.py`) on {result['finished']} UTC.",
        "",
        (f"Machine: {m['cpu']}, {m['cores']} cores, {m['system']}; Python {m['python']}, "
         f"numpy {m['numpy']}, matplotlib {m['matplotlib']}, ipywidgets {m['ipywidgets']}, "
         f"nbclient {m['nbclient']}. Load average (1, 5, 15 min) before: {result['load_before']}, "
         f"after: {result['load_after']} (the run's own kernels add to it; on a shared machine "
         "every time is an upper bound)."),
        "",
        "| section | figure | value | target | met? | note |",
        "|---|---|---|---|---|---|",
    ]
    for r in result["rows"]:
        note = r["note"].replace("|", "\\|")
        lines.append(f"| {r['section']} | {r['figure']} | {value_text(r)} | {r['target'] or ''} | "
                     f"{met_text(r)} | {note} |")
    missed = [r for r in result["rows"] if r["met"] is False]
    errors = [r for r in result["rows"] if r["status"] == "error"]
    lines += ["", "## Missed targets", ""]
    lines.append("None: every target is met." if not missed else
                 "What would meet them, by where the time goes: benchmarks/README.md, \"When a target is missed\".")
    lines += [f"- **{r['figure']}** = {value_text(r)} (target {r['target']}){_where(r, result['rows'])}"
              for r in missed]
    if errors:
        lines += ["", "## Not measured", ""]
        lines += [f"- {r['figure']}: {r['note']}" for r in errors]
    # Hand-written notes (what was changed and what it bought) survive a refresh of the figures.
    old = Path(path).read_text() if Path(path).exists() else ""
    kept = old[old.index(NOTES_HEADING):] if NOTES_HEADING in old else ""
    Path(path).write_text("\n".join(lines) + "\n" + ("\n" + kept if kept else ""))


def _where(row, rows):
    """For an explorer row: where its update time goes (the profile of its p95 row)."""
    name = row["figure"].rsplit(" ", 1)[0]
    split = next((r.get("time_split") for r in rows if r.get("time_split") and r["figure"].startswith(name)), None)
    if not split:
        return ""
    return ": time in " + ", ".join(f"{k} {v:.0%}" for k, v in split.items() if v >= 0.15)
