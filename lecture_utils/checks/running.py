"""Running a student's function safely: a time limit, and telling a stub from a forgotten return.

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
import signal
import textwrap
import threading

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
