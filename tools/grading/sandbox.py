"""Run one submission's plan in a sandbox: bubblewrap namespaces, rlimits and a watchdog.

What the sandboxed process sees (``bwrap_command``): the system's ``/usr`` and the Python
installation read-only, the student edition of the course package (``prepare_course``: no
answer key, no notebooks, so no worked solutions) read-only at ``/course``, the runner and its
plan read-only, and a size-capped private tmpfs as ``/tmp`` (its only writable place). No
network, a new pid namespace (its init dies with the grader, taking every process the
student started with it), an empty environment plus what the kernel needs.

Caps: wall time (watchdog), CPU time, address space per process and file size (rlimits through
``prlimit``), memory of all the submission's processes together and their number (the
watchdog sums the process tree every 0.2 s; cgroups would need root and a memory controller,
see ``caps_note``), disk (the tmpfs size) and the result channel's size. Student output is
discarded: only the runner's JSON lines on descriptor 3 come back, and at most ``max_result``
bytes of them.
"""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

RUNNER = Path(__file__).resolve().with_name("runner.py")
BYTECODE = "/grader/bytecode"  # where the sandbox finds the compiled modules (self_test)
# The self-test's notebook: one exercise cell, so that what a student's notebook imports while it
# runs (IPython's shell, the answer's encoding) is compiled into the bytecode folder too.
SELF_TEST_PLAN = {"cells": [{"index": 0, "source": 'check("00.self_test", 1)', "exercise": "00.self_test"}],
                  "exercises": {"00.self_test": {}}, "cell_timeout": 60}
KEY_PARTS = ("exercises",)  # the answer key: never copied into the sandbox
FIX = ("install it with `apt-get install bubblewrap` (Debian/Ubuntu) or `dnf install bubblewrap`, "
       "or run `make grade UNSAFE=1` to grade without a sandbox (recorded in the gradebook)")


@dataclass(frozen=True)
class Limits:
    """Caps of one submission (one notebook)."""

    wall: float = 300.0         # seconds for the whole notebook
    cell: float = 60.0          # seconds per cell (the runner's own alarm: fairness, not safety)
    cpu: int = 300              # CPU seconds per process
    memory_mb: int = 2048       # all the submission's processes together (watchdog)
    address_mb: int = 3072      # address space per process (RLIMIT_AS)
    disk_mb: int = 256          # the private /tmp
    file_mb: int = 64           # one file (RLIMIT_FSIZE)
    processes: int = 64
    max_result: int = 32 * 1024 * 1024


class SandboxUnavailable(RuntimeError):
    """The machine cannot run the sandbox; the message says why and how to fix it."""


def check_sandbox():
    """Raise :class:`SandboxUnavailable` unless bubblewrap can start a namespace sandbox here."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise SandboxUnavailable(f"bubblewrap (bwrap) is not installed: {FIX}")
    probe = subprocess.run([bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/usr", "/usr",
                            *_system_links(), "--proc", "/proc", "--dev", "/dev", "true"],
                           check=False, capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:
        raise SandboxUnavailable(f"bubblewrap cannot create namespaces here ({probe.stderr.strip()[:200]}): "
                                 "enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1) "
                                 f"or {FIX.split(', or ')[1]}")
    return bwrap


def caps_note(unsafe=False):
    """The gradebook's ``sandbox`` column: "bwrap", or "UNSAFE" for a run without the sandbox."""
    return "UNSAFE" if unsafe else "bwrap"


def caps_detail(unsafe=False):
    """What this machine's sandbox enforces and what it skipped (printed at the start of a run)."""
    if unsafe:
        return ("UNSAFE: no sandbox (student code runs as your user, with your files and the network); "
                "only rlimits, a clean environment and the watchdog")
    return ("bwrap: no network, pid namespace, read-only student edition, private /tmp; rlimits (CPU, address "
            "space, file size); a watchdog on the total memory and process count of each submission. Skipped: "
            "a cgroup (it needs root and a cgroup memory controller; the watchdog samples every 0.2 s instead)")


def prepare_course(root, into):
    """Copy the student edition of the package (``lecture_utils`` without the key) and ``data/`` into ``into``."""
    into = Path(into)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", *KEY_PARTS)
    shutil.copytree(Path(root) / "lecture_utils", into / "lecture_utils", ignore=ignore)
    if (Path(root) / "data").is_dir():
        shutil.copytree(Path(root) / "data", into / "data", ignore=shutil.ignore_patterns("*.md~"))
    return into


def bytecode_folder(root):
    """``root/build/grade-bytecode`` (created), kept between runs; None when it cannot be created.

    It holds only what ``self_test`` compiled (see there) and is bound read-only for every
    student, so runs of other editions or versions share it safely: Python recompiles a module
    whose source changed (size and modification time are recorded with its bytecode).
    """
    folder = Path(root) / "build" / "grade-bytecode"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def _system_links():
    args = []
    for top in ("/bin", "/lib", "/lib64", "/sbin", "/lib32"):
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    return args


def bwrap_command(bwrap, python, course, plan, limits, bytecode=None, fill=False):
    """The bubblewrap argument list running the runner on ``plan`` (see the module docstring).

    ``bytecode``: a folder of compiled modules (``PYTHONPYCACHEPREFIX``) bound read-only, or
    writable with ``fill`` (the self-test's run, before any student code: see ``self_test``).
    """
    prefixes = sorted({os.path.realpath(sys.base_prefix), sys.prefix})
    env = {"HOME": "/tmp", "PATH": f"{sys.prefix}/bin:/usr/bin:/bin", "PYTHONPATH": "/course",
           "LECTURE_UTILS_DATA": "/course/data", "MPLBACKEND": "Agg", "MPLCONFIGDIR": "/tmp/.mpl",
           "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1",
           "LANG": "C.UTF-8", "PYTHONHASHSEED": "0", "GRADER_SANDBOX": "bwrap"}
    binds = [] if bytecode is None else _cache_binds(Path(bytecode), fill, env)
    # The private /tmp comes first: a venv or Python that itself lives under /tmp (a checkout in a
    # temporary folder) is then bound on top of it instead of being hidden by it.
    args = [bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--clearenv", "--cap-drop", "ALL",
            "--size", str(limits.disk_mb * 1024 * 1024), "--tmpfs", "/tmp", "--dir", "/tmp/work",
            "--ro-bind", "/usr", "/usr", *_system_links()]
    for extra in ("/etc/ld.so.cache", "/etc/fonts", "/etc/localtime"):
        args += ["--ro-bind-try", extra, extra]
    for prefix in prefixes:
        args += ["--ro-bind", prefix, prefix]
    args += ["--ro-bind", str(course), "/course", "--ro-bind", str(RUNNER), "/grader/runner.py",
             "--ro-bind", str(plan), "/grader/plan.json", *binds, "--proc", "/proc", "--dev", "/dev",
             "--chdir", "/tmp/work"]
    for key, value in env.items():
        args += ["--setenv", key, value]
    return args + [python, "-s", "/grader/runner.py", "/grader/plan.json"]


def unsafe_command(python, course, plan, workdir):
    """The same runner without a sandbox (``UNSAFE=1``): a clean environment and a private folder only."""
    env = {"HOME": str(workdir), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(course),
           "LECTURE_UTILS_DATA": str(Path(course) / "data"), "MPLBACKEND": "Agg",
           "MPLCONFIGDIR": str(Path(workdir) / ".mpl"), "OPENBLAS_NUM_THREADS": "1", "LANG": "C.UTF-8"}
    return [python, "-s", str(RUNNER), str(plan)], env


def _cache_binds(bytecode, fill, env):
    """Bind options (and ``env`` changes) sharing the self-test's compiled modules and font list.

    Matplotlib's font list is built on its first import (~0.3 s of CPU) in an empty config
    folder: the self-test keeps it in ``bytecode/matplotlib``, every later run finds a read-only
    copy in its private config folder.
    """
    env["PYTHONPYCACHEPREFIX"] = BYTECODE
    if fill:
        del env["PYTHONDONTWRITEBYTECODE"]
        env["MPLCONFIGDIR"] = f"{BYTECODE}/matplotlib"
        return ["--bind", str(bytecode), BYTECODE]
    binds = ["--ro-bind", str(bytecode), BYTECODE, "--dir", env["MPLCONFIGDIR"]]
    for fonts in sorted((bytecode / "matplotlib").glob("fontlist-*.json")):
        binds += ["--ro-bind", str(fonts), f"{env['MPLCONFIGDIR']}/{fonts.name}"]
    return binds


def self_test(course, limits, unsafe=False, bwrap=None, python=sys.executable, bytecode=None):
    """Start the runner in the sandbox on no notebooks; raise :class:`SandboxUnavailable` unless it is ready.

    Run once before grading, so a sandbox that cannot start Python with the course (a path it
    cannot see, a missing package) stops the run with the reason instead of grading every
    student "error". Given an empty folder ``bytecode``, the runner's imports (the course
    edition, numpy, matplotlib, IPython) are compiled into it on the way: every student's sandbox
    then reads it read-only instead of compiling them again (the sandbox's Python may write no
    bytecode, and a venv installed without it has none: ~1 s of CPU per student). No student
    code has run when it is written, and it holds only what the sandbox can read anyway.
    """
    import json
    import tempfile

    with tempfile.TemporaryDirectory(prefix="grade-selftest-") as tmp:
        batch = Path(tmp, "batch.json")
        batch.write_text(json.dumps({"notebooks": [SELF_TEST_PLAN] if bytecode else [], "wall": 60}))
        lines, stop = run_plan(batch, course, limits, unsafe, bwrap, python, stderr_to=Path(tmp, "stderr"),
                               bytecode=bytecode, fill=True)
        if not any(b'"ready": true' in line for line in lines):
            err = Path(tmp, "stderr").read_text(errors="replace")[-600:] if Path(tmp, "stderr").exists() else ""
            raise SandboxUnavailable(f"the sandbox could not start the runner ({stop or 'no answer'}): {err.strip()}")


def _rlimits(limits):
    mb = 1024 * 1024
    return ["prlimit", f"--as={limits.address_mb * mb}", f"--cpu={limits.cpu}", f"--fsize={limits.file_mb * mb}",
            "--core=0", "--nofile=512", "--"]


def _tree(root_pid):
    """``{pid: rss_bytes}`` of ``root_pid`` and all its descendants (from /proc)."""
    children, rss = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    found, todo = {}, [root_pid]
    while todo:
        pid = todo.pop()
        if pid in found:
            continue
        found[pid] = rss.get(pid, 0)
        todo += children.get(pid, [])
    return found


def run_plan(plan, course, limits=Limits(), unsafe=False, bwrap=None, python=sys.executable, stderr_to=None,
             bytecode=None, fill=False):
    """Run ``plan`` (a path) sandboxed; returns ``(lines, stop)``.

    ``lines`` are the runner's JSON lines (bytes, unparsed: the judge decodes them); ``stop`` is
    None, or why the watchdog stopped the submission ("wall time", "memory", "processes").
    ``bytecode`` (bwrap only: without the sandbox nothing would keep it read-only) is the folder
    of compiled modules ``self_test`` fills (``fill``) and every later run reads.
    """
    read_end, write_end = os.pipe()
    workdir = Path(plan).parent / "work"
    if unsafe:
        workdir.mkdir(exist_ok=True)
        argv, env = unsafe_command(python, course, plan, workdir)
    else:
        argv = bwrap_command(bwrap or check_sandbox(), python, course, plan, limits, bytecode, fill)
        env = {"PATH": "/usr/bin:/bin"}
    if shutil.which("prlimit"):
        argv = _rlimits(limits) + argv
    # The runner writes its lines to the descriptor named last on its command line.
    stderr = open(stderr_to, "wb") if stderr_to else subprocess.DEVNULL  # noqa: SIM115 - closed below
    proc = subprocess.Popen(argv + [str(write_end)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=stderr, env=env, cwd=workdir if unsafe else "/",
                            start_new_session=True, pass_fds=(write_end,))
    if stderr_to:
        stderr.close()
    os.close(write_end)
    box = {"data": bytearray(), "over": False}
    reader = threading.Thread(target=_read, args=(read_end, box, limits.max_result), daemon=True)
    reader.start()
    stop = _watch(proc, limits)
    reader.join(5)
    lines = bytes(box["data"]).splitlines()
    return lines, stop or ("result too large" if box["over"] else None)


def _read(fd, box, cap):
    with os.fdopen(fd, "rb") as f:
        while chunk := f.read(65536):
            if len(box["data"]) + len(chunk) > cap:
                box["over"] = True
                continue  # keep draining so the runner is not blocked, keep nothing more
            box["data"] += chunk


def _watch(proc, limits):
    started, stop = time.monotonic(), None
    while proc.poll() is None:
        tree = _tree(proc.pid)
        if time.monotonic() - started > limits.wall:
            stop = "wall time"
        elif sum(tree.values()) > limits.memory_mb * 1024 * 1024:
            stop = "memory"
        elif len(tree) > limits.processes:
            stop = "processes"
        if stop:
            _kill(proc, tree)
            break
        time.sleep(0.2)
    # Whatever the run left behind (in the unsafe mode, setsid children) goes too.
    _kill(proc, _tree(proc.pid))
    proc.wait()
    return stop


def _kill(proc, tree):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    for pid in tree:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
