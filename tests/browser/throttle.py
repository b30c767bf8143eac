"""Slow the page's CPU as a loaded machine or a slow laptop would: ``CPU_THROTTLE=6`` (6x slower).

Chromium's DevTools protocol (``Emulation.setCPUThrottlingRate``) slows the page's main thread;
timers, the network and the kernel keep their speed, so work the page must finish within a
deadline (anywidget gives a model 2 s to load its module) is tested as on a busy machine.
The checks throttle a page while its explorers are created and shown, then give it back its
full speed (:func:`full_speed`) to move them: that part is timed by the checks themselves.
"""

import os


def rate_from_env(default=1.0):
    """The rate CPU_THROTTLE asks for (1 = no slowdown); a clear error for anything else."""
    text = os.environ.get("CPU_THROTTLE", "")
    if not text:
        return default
    try:
        rate = float(text)
    except ValueError:
        raise ValueError(f"CPU_THROTTLE must be a number >= 1 (how many times slower), not {text!r}") from None
    if rate < 1:
        raise ValueError(f"CPU_THROTTLE must be >= 1 (how many times slower), not {rate}")
    return rate


def throttle(page, rate):
    """Slow ``page``'s main thread ``rate`` times (1: no change); returns the CDP session or None."""
    if rate <= 1:
        return None
    session = page.context.new_cdp_session(page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    return session


def throttle_again(session):
    """Slow the page of ``session`` (what :func:`throttle` returned) to CPU_THROTTLE's rate again."""
    session.send("Emulation.setCPUThrottlingRate", {"rate": rate_from_env()})


def full_speed(session):
    """Undo :func:`throttle` (``session`` is what it returned; None: nothing to undo)."""
    if session is not None:
        session.send("Emulation.setCPUThrottlingRate", {"rate": 1})
