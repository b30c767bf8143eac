"""The checker's record of tries: one JSON line per try, and the per-hour limit read from it.

Every request to ``POST check`` becomes one line of ``tries.jsonl`` in the service's own state
folder (mode 0700, never inside a student's reach): student, exercise, time, status. A try
that was judged (correct or wrong) counts against the limit; an answer not attempted yet
and a refused try are logged but not counted, so running a cell that still holds ``...``
costs nothing. The counts are rebuilt from the file when the service starts, so a restart
does not hand out fresh tries.
"""

import json
import os
import threading
import time
from collections import defaultdict, deque
from pathlib import Path

DEFAULT_TRIES_PER_HOUR = 20
WINDOW_S = 3600.0
COUNTED = ("correct", "wrong")


def read_limits(per_hour=None, overrides_file=None):
    """The instructor's limits: ``(tries per exercise per hour, {exercise id: tries})``.

    Parameters
    ----------
    per_hour : int or str, optional
        Tries each student gets per exercise and hour (default ``DEFAULT_TRIES_PER_HOUR``).
    overrides_file : str or Path, optional
        A JSON object ``{"05.divergence_threshold": 5, ...}`` of per-exercise limits.
    """
    limit = DEFAULT_TRIES_PER_HOUR if per_hour in (None, "") else per_hour
    try:
        limit = int(limit)
    except (TypeError, ValueError):
        raise ValueError(f"tries per hour must be a whole number, got {per_hour!r}") from None
    if limit < 1:
        raise ValueError(f"tries per hour must be at least 1, got {limit}")
    overrides = {}
    if overrides_file:
        data = json.loads(Path(overrides_file).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not all(isinstance(v, int) and v >= 1 for v in data.values()):
            raise ValueError(f"{overrides_file} must hold a JSON object of exercise id -> tries >= 1, "
                             f"got {data!r}")
        overrides = {str(k): v for k, v in data.items()}
    return limit, overrides


class Ledger:
    """Tries per student and exercise in the last hour, and the log they are kept in.

    Parameters
    ----------
    folder : str or Path
        The service's state folder; created with mode 0700.
    per_hour : int
        Tries per exercise per student per hour.
    overrides : dict, optional
        Per-exercise limits that replace ``per_hour``.
    clock : callable
        Seconds since the epoch (the tests pass a fake one).
    """

    def __init__(self, folder, per_hour=DEFAULT_TRIES_PER_HOUR, overrides=None, clock=time.time):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)
        self.path = self.folder / "tries.jsonl"
        self.per_hour, self.overrides, self.clock = per_hour, dict(overrides or {}), clock
        self._recent = defaultdict(deque)
        self._lock = threading.Lock()
        self._load()

    def limit(self, exercise_id):
        return self.overrides.get(exercise_id, self.per_hour)

    def _load(self):
        if not self.path.exists():
            return
        since = self.clock() - WINDOW_S
        with open(self.path, encoding="utf-8") as f:
            for line in f:
                try:
                    row = json.loads(line)
                    if row.get("counted") and row["time"] >= since:
                        self._recent[(row["student"], row["exercise"])].append(row["time"])
                except (ValueError, KeyError, TypeError):
                    continue  # a line cut short by a crash; the rest of the log still counts

    def _window(self, student, exercise_id, now):
        times = self._recent[(student, exercise_id)]
        while times and times[0] < now - WINDOW_S:
            times.popleft()
        return times

    def left(self, student, exercise_id):
        """``(tries left this hour, seconds until the oldest counted try leaves the window)``."""
        now = self.clock()
        with self._lock:
            times = self._window(student, exercise_id, now)
            left = max(self.limit(exercise_id) - len(times), 0)
            wait = times[0] + WINDOW_S - now if times and left == 0 else 0.0
        return left, max(wait, 0.0)

    def used(self, student):
        """``{exercise id: tries counted in the last hour}`` for one student."""
        now = self.clock()
        with self._lock:
            keys = [key for key in self._recent if key[0] == student]
            return {ex: len(self._window(student, ex, now)) for _, ex in keys if self._window(student, ex, now)}

    def record(self, student, exercise_id, status, **extra):
        """Log one try (every status); count it when it was judged."""
        now = self.clock()
        counted = status in COUNTED
        row = {"time": round(now, 3), "iso": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now)),
               "student": student, "exercise": exercise_id, "status": status, "counted": counted, **extra}
        with self._lock:
            if counted:
                self._window(student, exercise_id, now).append(now)
            # 0600: the log names students and their mistakes; only the service reads it.
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as f:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        return row
