"""Running a student's function safely: a time limit, and telling a stub from a forgotten return.

``run_case(func, args, seconds)`` calls the function on one case and says what happened as an
*outcome* (returned a result, raised, ran too long, is still a stub, changed its input); the
engine judges outcomes (``engine._judge_case``). ``collect`` does this for a whole answer and
turns it into plain data (``plain.py``), so the judgement can happen outside the student's
kernel: this module holds no answer key.

``call_with_limit(func, args, seconds)`` stops a function that runs too long: in the main
thread with ``signal.setitimer`` (the function is interrupted for real), elsewhere (or where
SIGALRM does not exist) by running it in a daemon thread and no longer waiting for it.
``is_stub(func)`` says whether a function's body is only ``...``, ``pass``, a docstring,
``return None``/``return ...`` or ``raise NotImplementedError`` - decided from its source
(``inspect`` + ``ast``), or from its bytecode when the source is not available.
"""

import ast
import dis
import inspect
import linecache
import os
import signal
import textwrap
import threading

import numpy as np

from .._validation import as_real
from .plain import PlainDataError, decode, encode

STUB_NAMES = ("NotImplementedError",)


class TimeUp(BaseException):
    """Raised inside a student's function that ran past its time (BaseException, so a
    student's ``except Exception`` cannot swallow it)."""


def call_with_limit(func, args, seconds):
    """``func(*args)``, raising :class:`TimeUp` when it runs longer than ``seconds``."""
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        return _call_with_alarm(func, args, seconds)
    return _call_in_thread(func, args, seconds)


def _call_with_alarm(func, args, seconds):
    state = {"active": True}

    def on_alarm(signum, frame):
        if state["active"]:
            raise TimeUp

    previous = signal.signal(signal.SIGALRM, on_alarm)
    # Re-fire every 50 ms after the deadline, so a bare `except:` in the student's code
    # cannot swallow the stop for good.
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 1e-3), 0.05)
    try:
        return func(*args)
    finally:
        state["active"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _call_in_thread(func, args, seconds):
    box = {}

    def run():
        try:
            box["value"] = func(*args)
        except BaseException as exc:  # noqa: BLE001 - handed over to the caller below
            box["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeUp
    if "error" in box:
        raise box["error"]
    return box.get("value")


def is_stub(func):
    """Whether ``func`` is still the exercise's empty template (not a real attempt)."""
    code = getattr(func, "__code__", None)
    if code is None:
        return False  # a builtin or a callable object: something real
    node = _function_node(func, code)
    if node is not None:
        body = [node.body] if isinstance(node, ast.Lambda) else node.body
        return all(_stub_statement(s) for s in body)
    return _stub_bytecode(code)


def _function_node(func, code):
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    except (OSError, TypeError, SyntaxError, ValueError):
        return None
    if code.co_name == "<lambda>":
        lambdas = [n for n in ast.walk(tree) if isinstance(n, ast.Lambda)]
        return lambdas[0] if len(lambdas) == 1 else None
    for n in ast.walk(tree):
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == code.co_name:
            return n
    return None


def _empty(value):
    return value is None or (isinstance(value, ast.Constant) and (value.value is None or value.value is Ellipsis))


def _stub_statement(s):
    if isinstance(s, ast.Pass):
        return True
    if isinstance(s, ast.Expr):
        return isinstance(s.value, ast.Constant) and (s.value.value is Ellipsis or isinstance(s.value.value, str))
    if isinstance(s, ast.Return):
        return _empty(s.value)
    if isinstance(s, ast.Raise):
        exc = s.exc.func if isinstance(s.exc, ast.Call) else s.exc
        return isinstance(exc, ast.Name) and exc.id in STUB_NAMES
    return _empty(s) if isinstance(s, ast.Constant) else False  # a lambda's body


_STUB_OPS = {"RESUME", "NOP", "CACHE", "LOAD_CONST", "POP_TOP", "RETURN_VALUE", "RETURN_CONST",
             "RAISE_VARARGS", "PUSH_NULL", "PRECALL", "CALL", "LOAD_GLOBAL", "LOAD_NAME"}


def _stub_bytecode(code):
    for ins in dis.get_instructions(code):
        if ins.opname not in _STUB_OPS:
            return False
        if ins.opname in ("LOAD_GLOBAL", "LOAD_NAME") and ins.argval not in STUB_NAMES:
            return False
        if ins.opname in ("LOAD_CONST", "RETURN_CONST") and not (
                ins.argval is None or ins.argval is Ellipsis or isinstance(ins.argval, str)):
            return False
    return True


def copy_args(args):
    """A copy of each array argument: a student's function must not change the next case's input."""
    return tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)


def run_case(func, args, seconds):
    """Call ``func`` on one case and describe what happened.

    Returns
    -------
    dict
        ``{"status": s, ...}`` with ``s`` one of "returned" (with ``result`` and ``changed``:
        the name of an array argument the function changed in place, or None), "raised"
        (with ``type``, ``message`` and, when the student's own code raised, ``line``: see
        :func:`raising_line`), "timeout", "recursion", "exit" or "stub".
    """
    mine = copy_args(args)
    try:
        with np.errstate(all="ignore"):
            got = call_with_limit(func, mine, seconds)
    except NotImplementedError:
        return {"status": "stub"}
    except TimeUp:
        return {"status": "timeout"}
    except RecursionError:
        return {"status": "recursion"}
    except SystemExit:
        return {"status": "exit"}
    except Exception as exc:  # noqa: BLE001 - whatever the student's code raises is reported
        outcome = {"status": "raised", "type": type(exc).__name__[:100], "message": _message(exc)}
        line = raising_line(func, exc)
        if line is not None:
            outcome["line"] = line
        return outcome
    if got is Ellipsis or (got is None and is_stub(func)):
        return {"status": "stub"}
    return {"status": "returned", "result": got, "changed": changed_argument(func, args, mine)}


def _message(exc):
    try:
        return str(exc)[:500]
    except Exception:  # noqa: BLE001 - an exception whose __str__ raises
        return ""


def _own_code(func):
    """The code objects of ``func`` and of everything defined inside it (lambdas, inner defs,
    comprehensions on Pythons that give them their own frame)."""
    found, todo = set(), [getattr(func, "__code__", None)]
    while todo:
        code = todo.pop()
        if code is None or code in found:
            continue
        found.add(code)
        todo.extend(c for c in code.co_consts if inspect.iscode(c))
    return found


def _is_cell(filename):
    # IPython names a cell's code "/tmp/ipykernel_<pid>/<hash>.py" (ipykernel) or
    # "<ipython-input-...>" (the terminal); its tracebacks count lines within the cell.
    return "ipykernel_" in filename or filename.startswith("<ipython-input")


def raising_line(func, exc):
    """Where the student's own code raised ``exc``: ``{"number", "text", "function", "cell",
    "file"}`` (``function`` names a helper of theirs that raised, "" for the answer itself),
    or None when no frame of the traceback is theirs (the error came from a call before it).

    The deepest frame whose code belongs to ``func`` (or to a helper defined in the same cell or
    file) is theirs: a line inside numpy is not where a student can look. ``number`` counts from
    the top of the cell (as Jupyter's "Cell In[...], line N" does) or of the file, ``text`` is that
    line's source (empty when it cannot be read), ``cell`` says which of the two.
    """
    codes = _own_code(func)
    if not codes:
        return None
    filename = next(iter(codes)).co_filename
    tb, theirs = exc.__traceback__, None
    while tb is not None:
        code = tb.tb_frame.f_code
        if code in codes or code.co_filename == filename:
            theirs = tb
        tb = tb.tb_next
    if theirs is None:
        return None
    code, number = theirs.tb_frame.f_code, theirs.tb_lineno
    if number is None:
        return None
    text = linecache.getline(code.co_filename, number).strip()
    helper = "" if code in codes else code.co_name  # named only when it is not the answer itself
    return {"number": int(number), "text": text[:200], "function": helper[:100],
            "cell": _is_cell(code.co_filename), "file": os.path.basename(code.co_filename)[:100]}


def raised_place(outcome):
    """Where an outcome's error was raised, in words (" in line 3 of your cell (`dw = X @ e`)"),
    or "" when the outcome does not say."""
    line = outcome.get("line")
    if not line:
        return ""
    where = "your cell" if line["cell"] else line["file"]
    name = line["function"]
    inside = f", inside your `{name}`" if name and not name.startswith("<") else ""
    text = f" (`{line['text']}`)" if line["text"] else ""
    return f" in line {line['number']} of {where}{inside}{text}"


def changed_argument(func, original, used):
    """The name (in backquotes) of the first array argument ``func`` changed in place, or None."""
    for i, (a, b) in enumerate(zip(original, used)):
        if isinstance(a, np.ndarray) and not (a.shape == np.shape(b) and np.array_equal(a, b, equal_nan=True)):
            try:
                name = list(inspect.signature(func).parameters)[i]
            except (TypeError, ValueError, IndexError):
                name = f"number {i + 1}"
            return f"`{name}`"
    return None


_STATUSES = {"returned", "raised", "timeout", "recursion", "exit", "stub"}


def outcome_to_plain(outcome):
    """An outcome of :func:`run_case` as plain data (its result encoded)."""
    out = dict(outcome)
    if "result" in out:
        out["result"] = encode(out["result"])
    return out


def outcome_from_plain(data):
    """The outcome :func:`outcome_to_plain` wrote, checked field by field (it is untrusted)."""
    if not isinstance(data, dict) or data.get("status") not in _STATUSES:
        raise PlainDataError("an outcome must be a dict with a known 'status'")
    status = data["status"]
    if status == "returned":
        changed = data.get("changed")
        if changed is not None and not (isinstance(changed, str) and len(changed) <= 200):
            raise PlainDataError("an outcome's 'changed' must be a short string or null")
        return {"status": status, "result": decode(data["result"]), "changed": changed}
    if status == "raised":
        name, message = data.get("type"), data.get("message")
        if not (isinstance(name, str) and isinstance(message, str)):
            raise PlainDataError("a 'raised' outcome needs 'type' and 'message' strings")
        out = {"status": status, "type": name[:100], "message": message[:500]}
        if data.get("line") is not None:
            out["line"] = _line_from_plain(data["line"])
        return out
    return {"status": status}


def _line_from_plain(line):
    fields = {"number": int, "text": str, "function": str, "cell": bool, "file": str}
    if not (isinstance(line, dict) and set(line) == set(fields)
            and all(type(line[k]) is t for k, t in fields.items())):
        raise PlainDataError("a 'raised' outcome's 'line' must be a dict of number, text, function, cell, file")
    if not 0 < line["number"] < 10**7:
        raise PlainDataError("a 'raised' outcome's line number must be between 1 and 10**7")
    return {"number": line["number"], "text": line["text"][:200], "function": line["function"][:100],
            "cell": line["cell"], "file": line["file"][:100]}


def collect(answer, cases=None, seconds=1.0):
    """The plain-data payload for ``answer`` that ``engine.evaluate_data`` judges.

    Parameters
    ----------
    answer : object
        What the exercise cell passed to ``check``.
    cases : list of tuple, optional
        A function exercise's inputs (from the grader or the checker service). A callable
        answer is run on each; anything else is sent as a value.
    seconds : float
        Time limit of one call.
    """
    seconds = as_real(seconds, "seconds", positive=True)
    if cases is not None and not isinstance(cases, (list, tuple)):
        raise TypeError(f"cases must be a list of argument tuples, got {type(cases).__name__}")
    if cases is not None and callable(answer) and not isinstance(answer, np.ndarray):
        outcomes = []
        for args in cases:
            outcome = run_case(answer, tuple(args), seconds)
            outcomes.append(outcome_to_plain(outcome))
            if outcome["status"] != "returned":
                # The judge stops at the first case that did not return; later ones are padding.
                outcomes.extend({"status": outcome["status"]} if outcome["status"] != "raised" else
                                dict(outcome) for _ in range(len(cases) - len(outcomes)))
                break
        return {"outcomes": outcomes}
    return {"answer": encode(answer)}
