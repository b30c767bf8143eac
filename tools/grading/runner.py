"""The program run INSIDE the sandbox: execute a student's notebooks, emit each answer as plain data.

    python runner.py BATCH.json FD        # results as JSON lines on file descriptor FD

It holds no key and decides nothing. The batch is ``{"notebooks": [plan, ...], "wall": s}``:
the heavy imports happen once, then each notebook runs in a child forked from this warm
process (a fresh interpreter state per notebook, a fresh folder), which is stopped at the wall
time; every process left in the sandbox is killed before the next notebook, and this process
writes ``{"plan": k, "done": true, "stop": ...}``. Student code never runs in this process.
A plan (written by ``tools/grading/submission.py``) lists one submission's code cells in the
student's order, which of them are exercise cells, and for a function exercise the judge's
inputs (``cases``, encoded). Each exercise cell's
``check("NN.name", EXPR)`` line is rewritten to hand ``EXPR`` (whatever its name) to
``collect``; the payload goes out as one line as soon as the cell has run, so a submission
killed later keeps what it answered. Whatever the student's code patches here changes only
the data it hands out about itself: the judge outside decodes it with limits and compares it
with the key, which never enters the sandbox.

Standard library, IPython and ``lecture_utils.checks.collect`` only (read-only copies).
"""

import ast
import contextlib
import json
import os
import signal
import sys

RESULT_FD = 3  # replaced by the descriptor named on the command line
PLAN = None  # the index of the notebook this (forked) process runs
MAX_LINE = 8 * 1024 * 1024
RECORD = "__grader_record__"


class CellTimeout(BaseException):
    """A cell ran past the per-cell time (BaseException: a student's ``except Exception`` keeps it)."""


class RuleBroken(Exception):
    """Raised by a function the exercise forbids, when the student's code calls it."""


def emit(record):
    """One JSON line on the result descriptor (an answer too large to send is reported, not sent)."""
    if PLAN is not None:
        record = dict(record, plan=PLAN)
    line = json.dumps(record, allow_nan=True)
    if len(line) > MAX_LINE:
        line = json.dumps({k: record[k] for k in ("cell", "exercise", "plan") if k in record} |
                          {"error": f"the answer is too large to grade ({len(line)} bytes)"})
    try:
        os.write(RESULT_FD, (line + "\n").encode())
    except OSError:
        pass  # the student's code closed the descriptor: only its own results are lost


def rewrite_check(source, exercise_id):
    """``source`` with its ``check(exercise_id, EXPR)`` statement(s) replaced by ``RECORD(exercise_id, EXPR)``.

    Returns ``(code, found)``; ``code`` is the source unchanged when it does not parse.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source, False
    found = False
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) == 2
                and isinstance(node.args[0], ast.Constant) and node.args[0].value == exercise_id):
            node.func = ast.copy_location(ast.Name(RECORD, ast.Load()), node.func)
            found = True
    return (ast.unparse(tree), found) if found else (source, False)


def on_alarm(signum, frame):
    raise CellTimeout


class Forbidden:
    """Replaces an exercise's forbidden functions (in their modules and the user's names) while it runs."""

    def __init__(self, shell, dotted_names, broken):
        self.shell, self.names, self.broken, self.saved = shell, dotted_names, broken, []

    def _raiser(self, name):
        def forbidden(*args, **kwargs):
            self.broken.append(name)
            raise RuleBroken(f"this exercise says not to use {name.split('.')[-1]}")
        return forbidden

    def __enter__(self):
        import importlib
        for dotted in self.names:
            module_name, attr = dotted.rsplit(".", 1)
            try:
                module = importlib.import_module(module_name)
                original = getattr(module, attr)
            except (ImportError, AttributeError):
                continue
            raiser = self._raiser(dotted)
            self.saved.append((module, attr, original))
            setattr(module, attr, raiser)
            for key, value in list(self.shell.user_ns.items()):
                if value is original:
                    self.saved.append((self.shell.user_ns, key, original))
                    self.shell.user_ns[key] = raiser
        return self

    def __exit__(self, *exc):
        for owner, attr, original in reversed(self.saved):
            if isinstance(owner, dict):
                owner[attr] = original
            else:
                setattr(owner, attr, original)
        self.saved = []


def error_text(exc):
    try:
        return f"{type(exc).__name__}: {str(exc)[:300]}"
    except Exception:  # noqa: BLE001 - an exception whose __str__ raises
        return type(exc).__name__


def _close_figures():
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        with contextlib.suppress(Exception):  # the student's code may have broken pyplot: its own loss
            pyplot.close("all")


def run(plan):
    """Execute the plan's cells; emit one record per exercise cell as soon as it has run."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    from IPython.core.interactiveshell import InteractiveShell

    from lecture_utils import checks
    from lecture_utils.checks import collect
    from lecture_utils.checks.plain import decode

    def quiet_check(exercise_id, answer, *args, **kwargs):
        """``check`` outside an exercise cell: nothing to compare against in here."""
        return

    class Shell(InteractiveShell):
        """No GUI and no inline backend: figures are drawn off-screen (Agg) and closed after each cell."""

        def enable_gui(self, gui=None):
            return None

        def enable_matplotlib(self, gui=None):
            return "agg", "agg"

    checks.check = quiet_check
    shell = Shell.instance()
    shell.display_formatter.active_types = ["text/plain"]  # no PNG rendering of figures nobody sees
    shell.user_ns["check"] = quiet_check
    signal.signal(signal.SIGALRM, on_alarm)
    exercises = plan["exercises"]
    pending = {}  # exercise id -> forbidden names its helper cells called
    for cell in plan["cells"]:
        exercise_id, guarded = cell.get("exercise"), cell.get("guard")
        source = cell["source"]
        spec = exercises.get(exercise_id) if exercise_id else None
        box, broken = [], pending.setdefault(guarded, []) if guarded else []
        found = False
        if spec is not None:
            source, found = rewrite_check(shell.transform_cell(source), exercise_id)
            shell.user_ns[RECORD] = lambda _id, answer, box=box: box.append(answer)
        forbidden = exercises.get(guarded, {}).get("forbidden", []) if guarded else []
        error = timed_out = None
        with Forbidden(shell, forbidden, broken):
            signal.setitimer(signal.ITIMER_REAL, plan["cell_timeout"])
            try:
                result = shell.run_cell(source, store_history=False, silent=False)
                failure = result.error_before_exec or result.error_in_exec
            except CellTimeout as exc:  # raised between IPython's own handlers
                failure = exc
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
                _close_figures()
            if isinstance(failure, CellTimeout):
                timed_out = True
            elif failure is not None:
                error = error_text(failure)
            if spec is None:
                continue
            if not box and not found and spec.get("answer") and not timed_out:
                # The check line was deleted: the scaffold's answer expression, if it is defined.
                with contextlib.suppress(Exception):
                    box.append(eval(spec["answer"], shell.user_ns))
            record = {"cell": cell["index"], "exercise": exercise_id, "error": error, "timeout": bool(timed_out)}
            if box:
                cases = decode(spec["cases"]) if spec.get("cases") is not None else None
                signal.setitimer(signal.ITIMER_REAL, plan["cell_timeout"])
                try:
                    record["payload"] = collect(box[-1], cases, spec.get("time_limit", 1.0))
                except CellTimeout:
                    record["timeout"] = True
                except BaseException as exc:  # noqa: BLE001 - reported, the next cell still runs
                    record["error"] = error_text(exc)
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            if broken:
                record["rule_broken"] = broken[0]
            emit(record)


def warm():
    """Import what every notebook imports, once, before the first fork."""
    import importlib
    import pkgutil

    import matplotlib
    matplotlib.use("agg")
    import IPython.core.interactiveshell  # noqa: F401
    import matplotlib.pyplot

    import lecture_utils

    for info in pkgutil.iter_modules(lecture_utils.__path__):
        if not info.name.startswith("_"):
            with contextlib.suppress(Exception):
                importlib.import_module(f"lecture_utils.{info.name}")


def _others():
    """PIDs in this sandbox's pid namespace other than this process and its ancestors."""
    keep, pid = {os.getpid()}, os.getpid()
    while pid > 1:
        try:
            with open(f"/proc/{pid}/stat") as f:
                pid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
        keep.add(pid)
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in keep and int(p) != 1]


def _wait(pid, seconds):
    """Wait for child ``pid`` at most ``seconds``; returns None, or "wall time" when it had to be killed."""
    import time
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return None
        time.sleep(0.05)
    return "wall time"


def serve(batch):
    """Run each plan of ``batch`` in a forked child; this process only forks, waits and cleans up."""
    global PLAN
    for k, plan in enumerate(batch["notebooks"]):
        workdir = os.path.join(os.getcwd(), f"notebook{k}")
        os.makedirs(workdir, exist_ok=True)
        pid = os.fork()
        if pid == 0:
            PLAN = k
            try:
                os.setsid()
                os.chdir(workdir)
                run(plan)
            finally:
                os._exit(0)  # atexit hooks and threads the student left behind do not run on
        stop = _wait(pid, batch["wall"])
        # The child and everything it started, daemons included: in the sandbox's pid namespace
        # that is every other process; without the sandbox (UNSAFE) only the child's group.
        others = _others() if os.environ.get("GRADER_SANDBOX") == "bwrap" else []
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)
        for other in others:
            with contextlib.suppress(OSError):
                os.kill(other, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        emit({"plan": k, "done": True, "stop": stop})


def main():
    global RESULT_FD
    RESULT_FD = int(sys.argv[2]) if len(sys.argv) > 2 else RESULT_FD
    with open(sys.argv[1]) as f:
        batch = json.load(f)
    warm()  # before any student code: an error while importing goes to stderr, for the grader's self-test
    emit({"ready": True})  # the self-test waits for this line
    with open(os.devnull, "w") as devnull:
        sys.stdout = sys.stderr = devnull
        serve(batch)
    os._exit(0)


if __name__ == "__main__":
    main()
