"""Memory budget of the course: per-notebook kernel peak, the JupyterLab server, a whole-course session.

    make bench-memory                      # all three parts; table on stdout; build/bench.json "memory"
    .venv/bin/python benchmarks/memory.py --only kernels

Figures (each printed with its target and whether it is met):

- kernels: peak RSS of the kernel (and any process it starts) while nbclient runs each
  notebook top to bottom in a fresh kernel, sampled every 20 ms from /proc via psutil.
  Target: every kernel <= 200 MB.
- session: a real ``jupyter lab`` on 127.0.0.1 with token authentication; every notebook of
  the course (``lecture_utils.registry.notebooks()``, so a new notebook is measured too) is
  opened (REST ``api/sessions``) and run cell by cell over the kernels' websockets, like a
  student doing "Run All" in each tab, dragging the notebook's last explorer MOVES times and
  leaving the tabs open. Total RSS of the server plus its kernels is sampled throughout. Two runs:
  * ``no_culling``: kernel culling switched off — what a student who never closes a tab holds.
  * ``culling``: the settings the course ships (.jupyter/jupyter_server_config.py, culling
    even connected kernels) with the clock compressed: idle timeout CULL_S seconds instead of
    900, and GAP_S (> CULL_S) seconds between notebooks, standing for a student who spends
    more than 15 minutes on each notebook. The peak is then the server plus the kernels used
    within the last timeout.
  Also the server's own RSS after start-up and after serving the /lab page.
  Target: whole-course session <= 1 GB (1024 MB) with the shipped settings.

RSS sums count shared library pages once per process, so they overstate what a cgroup limit
(Kubernetes, TLJH) charges; the session's final snapshot also records PSS, which does not.
A missed target is reported, not fatal; the exit status is non-zero only when something
could not be measured. Results merge into build/bench.json under "memory" (other keys kept).
"""

import argparse
import importlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import psutil
import requests
from nbclient import NotebookClient

from lecture_utils import registry

ROOT = Path(__file__).resolve().parent.parent
# Every notebook in notebooks/, in course order (the registry refuses gaps and repeats).
NOTEBOOKS = [nb.path for nb in registry.notebooks(ROOT / "notebooks")]
CONFIG = ROOT / ".jupyter" / "jupyter_server_config.py"
OUT = ROOT / "build" / "bench.json"


# The REST/websocket client lives beside the hub test (tests/hub/ is no package).
sys.path.insert(0, str(ROOT / "tests" / "hub"))
lab_client = importlib.import_module("lab_client")
NoExplorer, Server = lab_client.NoExplorer, lab_client.Server
explorer_latency, run_notebook = lab_client.explorer_latency, lab_client.run_notebook

MB = 1024 * 1024
TARGETS = {"kernel_peak_mb": 200.0, "session_mb": 1024.0}
CULL_S, CULL_EVERY_S, GAP_S = 8, 2, 14
MOVES = 20  # explorer moves after each notebook's run: explorers cache pictures, so memory grows


class Sampler:
    """Peak total RSS of a process tree, sampled in a background thread."""

    def __init__(self, root_pid, include_root=True, every=0.02):
        self.root = psutil.Process(root_pid)
        self.include_root, self.every = include_root, every
        self.peak, self.peak_procs = 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def processes(self):
        procs = self.root.children(recursive=True)
        return ([self.root] if self.include_root else []) + procs

    def total(self):
        """(total RSS in bytes, number of processes) now."""
        total, count = 0, 0
        for proc in self.processes():
            try:
                total += proc.memory_info().rss
                count += 1
            except psutil.Error:  # exited between listing and reading
                pass
        return total, count

    def _run(self):
        while not self._stop.is_set():
            total, count = self.total()
            if total > self.peak:
                self.peak, self.peak_procs = total, count
            self._stop.wait(self.every)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=5)


def pss_total(procs):
    """Proportional set size of ``procs`` in bytes (shared pages split between sharers)."""
    total = 0
    for proc in procs:
        try:
            total += proc.memory_full_info().pss
        except (psutil.Error, AttributeError):
            pass
    return total


def kernel_peaks(timeout=300):
    """Peak RSS (MB) of a fresh kernel running each notebook with nbclient."""
    rows = {}
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        t0 = time.perf_counter()
        with Sampler(os.getpid(), include_root=False) as sampler:
            client.execute()
        rows[path.stem] = {"peak_mb": round(sampler.peak / MB, 1),
                           "seconds": round(time.perf_counter() - t0, 1)}
        print(f"  kernel {path.stem:28s} peak {rows[path.stem]['peak_mb']:6.1f} MB", flush=True)
    return rows


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_lab(extra_args, tmp_env):
    """A ``jupyter lab`` on 127.0.0.1 with a random token; returns (process, Server)."""
    port, token = free_port(), secrets.token_hex(24)
    cmd = [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1",
           f"--port={port}", "--port-retries=0", f"--config={CONFIG}",
           f"--ServerApp.root_dir={ROOT}", *extra_args]
    if os.geteuid() == 0:
        cmd.append("--allow-root")  # containers and CI run as root
    env = dict(os.environ, JUPYTER_TOKEN=token, **tmp_env)
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}/", token)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"jupyter lab exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            if server.api("GET", "status", timeout=5).status_code == 200:
                return proc, server
        except requests.ConnectionError:
            pass
        time.sleep(0.3)
    stop(proc)
    raise RuntimeError("jupyter lab did not answer within 60 s")


def stop(proc):
    """Stop the server and its kernels (the whole process group), bounded in time."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def session(label, extra_args, gap_s, settle_s, tmp):
    """One whole-course session: every notebook run and left open; returns its figures."""
    tmp_env = {"JUPYTERLAB_SETTINGS_DIR": str(tmp / f"{label}-settings"),
               "JUPYTERLAB_WORKSPACES_DIR": str(tmp / f"{label}-workspaces")}
    proc, server = start_lab(extra_args, tmp_env)
    kernels, timeline, failures = [], [], []
    try:
        root = psutil.Process(proc.pid)
        time.sleep(1.0)
        fig = {"server_start_mb": round(root.memory_info().rss / MB, 1)}
        lab = server.http.get(server.base + "lab", timeout=60)
        lab.raise_for_status()
        fig["server_after_lab_page_mb"] = round(root.memory_info().rss / MB, 1)
        with Sampler(proc.pid, every=0.1) as sampler:
            for path in NOTEBOOKS:
                kernel, report = run_notebook(server, f"notebooks/{path.name}", timeout=300)
                kernels.append(kernel)
                failures += [f"{path.stem} {e}" for e in report["errors"]]
                moved = move_explorer(kernel)
                total, _ = sampler.total()
                timeline.append({"after": path.stem, "total_mb": round(total / MB, 1),
                                 "kernels": len(server.kernels()), "explorer_moves": moved})
                print(f"  {label:10s} after {path.stem:28s} {total / MB:7.1f} MB, "
                      f"{timeline[-1]['kernels']} kernels running", flush=True)
                if path != NOTEBOOKS[-1]:
                    time.sleep(gap_s)
            time.sleep(settle_s)
            final, _ = sampler.total()
            fig["peak_mb"] = round(sampler.peak / MB, 1)
            fig["peak_processes"] = sampler.peak_procs
            fig["final_mb"] = round(final / MB, 1)
            fig["final_pss_mb"] = round(pss_total(sampler.processes()) / MB, 1)
            fig["final_kernels"] = len(server.kernels())
        fig["timeline"] = timeline
        fig["errors"] = failures
        return fig
    finally:
        for kernel in kernels:
            kernel.close()
        stop(proc)


def move_explorer(kernel, moves=MOVES):
    """Drag the notebook's last explorer back and forth, as a student does; returns the moves made."""
    try:
        return len(explorer_latency(kernel, moves=moves)["seconds"])
    except NoExplorer:  # a notebook without an explorer
        return 0


def verdict(value, target):
    return "met" if value <= target else "MISSED"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="kernels,session", help="comma list: kernels,session")
    args = parser.parse_args(argv)
    parts = set(args.only.split(","))
    tmp = ROOT / "build" / "memory-tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    result = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "machine": {"cores": os.cpu_count(), "total_mb": round(psutil.virtual_memory().total / MB),
                          "python": sys.version.split()[0]},
              "targets": TARGETS, "settings": {"cull_idle_timeout_s_scaled": CULL_S,
                                               "cull_interval_s_scaled": CULL_EVERY_S,
                                               "gap_between_notebooks_s": GAP_S}}
    ok = True
    if "kernels" in parts:
        print("Kernel peak RSS per notebook (nbclient, fresh kernel each):", flush=True)
        result["kernels"] = kernel_peaks()
    if "session" in parts:
        print("Whole-course session (jupyter lab on 127.0.0.1, token auth):", flush=True)
        result["session"] = {
            "no_culling": session("no_culling", ["--MappingKernelManager.cull_idle_timeout=0"], 0, 2, tmp),
            "culling": session("culling", [f"--MappingKernelManager.cull_idle_timeout={CULL_S}",
                                           f"--MappingKernelManager.cull_interval={CULL_EVERY_S}"],
                               GAP_S, CULL_S + 3 * CULL_EVERY_S, tmp),
        }
        ok = not any(run["errors"] for run in result["session"].values())
    report(result)
    merge(result)
    return 0 if ok else 1


def report(result):
    print("\nMemory budget                                   figure     target   verdict")
    for name, row in result.get("kernels", {}).items():
        print(f"  kernel peak {name:32s} {row['peak_mb']:7.1f} MB  <= 200 MB  "
              f"{verdict(row['peak_mb'], TARGETS['kernel_peak_mb'])}")
    for label, run in result.get("session", {}).items():
        print(f"  server after start / after /lab page ({label:10s}) {run['server_start_mb']:.0f} / "
              f"{run['server_after_lab_page_mb']:.0f} MB")
        print(f"  whole-course session peak, {label:18s} {run['peak_mb']:7.1f} MB  <= 1024 MB "
              f"{verdict(run['peak_mb'], TARGETS['session_mb'])}  (final {run['final_mb']:.0f} MB RSS, "
              f"{run['final_pss_mb']:.0f} MB PSS, {run['final_kernels']} kernels left)")
        for error in run["errors"]:
            print(f"    ERROR {error}")


def merge(result):
    """Write ``result`` into build/bench.json under "memory", keeping every other key."""
    OUT.parent.mkdir(parents=True, exist_ok=True)
    data = json.loads(OUT.read_text()) if OUT.exists() else {}
    data["memory"] = {**data.get("memory", {}), **result}  # a partial run (--only) keeps the other parts
    OUT.write_text(json.dumps(data, indent=2) + "\n")
    print(f"\nwrote {OUT.relative_to(ROOT)} (key 'memory')")


if __name__ == "__main__":
    sys.exit(main())
