"""Where a browser test's CPU goes: ``PHASE_CPU=1`` prints the CPU seconds each phase used.

The CPU counted is that of every process under run.sh (chromium, the Jupyter or Voila server,
its kernels, this check), read with psutil (the hub extra). Off by default: it is a
measurement for whoever tunes these tests, not a check.
"""

import os

ON = os.environ.get("PHASE_CPU", "0") == "1"
_last = {}


def _tree_cpu():
    import psutil

    try:
        procs = psutil.Process(os.getppid()).children(recursive=True)
    except psutil.Error:
        return 0.0
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
        except psutil.Error:
            continue
        # children_*: descendants already reaped (a kernel that was shut down) stay counted.
        total += t.user + t.system + t.children_user + t.children_system
    return total


def phase(label, key="main"):
    """Print the CPU seconds used since the previous call with this ``key`` (``label`` names them)."""
    if not ON:
        return
    now = _tree_cpu()
    if key in _last:
        print(f"      [cpu] {label}: {now - _last[key]:.1f} s")
    _last[key] = now
