"""Run notebooks in a Jupyter server through its REST and websocket API, as JupyterLab does.

Used by tests/hub/hub_check.py (students' servers behind a JupyterHub) and by
benchmarks/memory.py (a local ``jupyter lab``). Every wait is bounded by a timeout.
"""

import json
import struct
import time
import uuid
from urllib.parse import quote, urlsplit

import requests
import websocket


class Server:
    """One Jupyter server, reached at ``base`` (``http://host:port/`` or ``.../user/<name>/``).

    Parameters
    ----------
    base : str
        URL the server's ``api/`` lives under.
    token : str
        API token sent as ``Authorization: token ...`` (never in the URL).
    """

    def __init__(self, base, token):
        self.base = base.rstrip("/") + "/"
        self.token = token
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"token {token}"

    def api(self, method, path, timeout=60, **kwargs):
        """A request to ``<base>api/<path>``; returns the ``requests.Response``."""
        return self.http.request(method, self.base + "api/" + path, timeout=timeout,
                                 allow_redirects=False, **kwargs)

    def notebook(self, path):
        """The notebook at ``path`` (relative to the server's root) as a dict."""
        r = self.api("GET", "contents/" + quote(path) + "?content=1&type=notebook")
        r.raise_for_status()
        return r.json()["content"]

    def open_notebook(self, path, timeout=120):
        """Start a kernel for ``path`` as opening it in JupyterLab does; returns a connected Kernel."""
        r = self.api("POST", "sessions", timeout=timeout, json={
            "path": path, "name": path.split("/")[-1], "type": "notebook", "kernel": {"name": "python3"}})
        r.raise_for_status()
        kernel_id = r.json()["kernel"]["id"]
        return Kernel(self, kernel_id, timeout=timeout)

    def kernels(self):
        """Ids of the kernels running now."""
        r = self.api("GET", "kernels")
        r.raise_for_status()
        return [k["id"] for k in r.json()]


def decode(frame):
    """A kernel message from a websocket frame: JSON text, or binary when it carries buffers.

    Binary frames (widget images, for one) start with the number of parts n and n offsets,
    big-endian uint32; the first part is the message's JSON.
    """
    if isinstance(frame, str):
        return json.loads(frame)
    (count,) = struct.unpack_from(">I", frame, 0)
    offsets = struct.unpack_from(f">{count}I", frame, 4)
    end = offsets[1] if count > 1 else len(frame)
    return json.loads(frame[offsets[0]:end].decode("utf-8"))


class Kernel:
    """A websocket connection to one kernel's channels (shell, iopub) — left open until close()."""

    def __init__(self, server, kernel_id, timeout=120):
        self.id = kernel_id
        self.session = uuid.uuid4().hex
        parts = urlsplit(server.base)
        scheme = "wss" if parts.scheme == "https" else "ws"
        url = (f"{scheme}://{parts.netloc}{parts.path}api/kernels/{kernel_id}/channels"
               f"?session_id={self.session}")
        self.ws = websocket.create_connection(
            url, header=[f"Authorization: token {server.token}"], timeout=timeout)
        # The kernel may still be starting: the first reply proves it listens.
        self._request("kernel_info_request", {}, timeout)

    def _request(self, msg_type, content, timeout):
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "username": "course",
                       "session": self.session, "version": "5.3",
                       "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
            "parent_header": {}, "metadata": {}, "content": content, "channel": "shell",
            "buffers": []}))
        reply, idle, seen = None, False, []
        deadline = time.monotonic() + timeout
        while reply is None or not idle:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{msg_type} got no complete answer within {timeout} s")
            self.ws.settimeout(left)
            msg = decode(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if kind.endswith("_reply"):
                reply = msg
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
            else:
                seen.append(msg)
        return reply, seen

    def execute(self, code, timeout=120):
        """Run ``code``; returns dict(errors, stdout, stderr, seconds, status)."""
        t0 = time.perf_counter()
        reply, seen = self._request("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}, timeout)
        out = {"errors": [], "stdout": "", "stderr": "", "status": reply["content"]["status"]}
        for msg in seen:
            kind, content = msg["header"]["msg_type"], msg["content"]
            if kind == "error":
                out["errors"].append(f"{content['ename']}: {content['evalue']}")
            elif kind == "stream":
                out[content["name"]] += content["text"]
        out["seconds"] = time.perf_counter() - t0
        return out

    def close(self):
        """Close the websocket (the kernel keeps running, as when a browser tab goes away)."""
        self.ws.close()


def run_notebook(server, path, timeout=300, cells=None):
    """Open ``path`` in a new kernel on ``server`` and run its code cells in order.

    ``cells``: a function of the notebook (a dict) giving the indices of the cells to run;
    default every code cell. Returns ``(kernel, report)``; the kernel stays open. ``report``
    holds ``cells`` (code cells run), ``errors`` (``"cell N: Name: message"``), ``stderr`` and
    ``seconds`` (kernel start included). Stops at the first cell with an error, as "Run All" does.
    """
    t0 = time.perf_counter()
    deadline = time.monotonic() + timeout
    nb = server.notebook(path)
    chosen = None if cells is None else set(cells(nb))
    kernel = server.open_notebook(path, timeout=min(timeout, 120))
    report = {"path": path, "cells": 0, "errors": [], "stderr": ""}
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code" or not "".join(cell["source"]).strip():
            continue
        if chosen is not None and index not in chosen:
            continue
        left = deadline - time.monotonic()
        if left <= 0:
            report["errors"].append(f"cell {index}: timed out after {timeout} s")
            break
        result = execute_or_timeout(kernel, "".join(cell["source"]), left)
        report["cells"] += 1
        report["stderr"] += result["stderr"]
        report["errors"] += [f"cell {index}: {e}" for e in result["errors"]]
        if result["errors"] or result["status"] != "ok":
            break
    report["seconds"] = time.perf_counter() - t0
    return kernel, report


def execute_or_timeout(kernel, code, timeout):
    """``kernel.execute`` that reports a timeout as an error instead of raising."""
    try:
        return kernel.execute(code, timeout=timeout)
    except (TimeoutError, websocket.WebSocketTimeoutException):
        return {"errors": [f"timed out after {timeout:.0f} s"], "stdout": "", "stderr": "", "status": "timeout"}


class NoExplorer(LookupError):
    """The kernel holds no explorer (the notebook builds none)."""


EXPLORER_PROBE = """
from lecture_utils.widgets.base import Explorer as _LuExplorer
_lu_ex = [v for v in list(globals().values()) if isinstance(v, _LuExplorer)][-1]
_lu_name, _lu_ctl = next((n, c) for n, c in _lu_ex.controls.items() if hasattr(c, "min") and hasattr(c, "max"))
print(type(_lu_ex).__name__, _lu_name)
"""
EXPLORER_MOVE = "_lu_ex.update(**{{_lu_name: _lu_ctl.min + {f} * (_lu_ctl.max - _lu_ctl.min)}});"


def explorer_latency(kernel, moves=10, timeout=60):
    """Round-trip seconds of ``explorer.update(...)`` sent through the kernel, one per move.

    Uses the last explorer the notebook built and its first slider, moved between 25 % and
    75 % of its range. Returns dict(explorer, control, seconds=[...]).
    """
    probe = kernel.execute(EXPLORER_PROBE, timeout=timeout)
    if probe["errors"]:
        raise NoExplorer(f"no explorer to move: {probe['errors']}")
    explorer, control = probe["stdout"].split()
    seconds = []
    for k in range(moves):
        result = kernel.execute(EXPLORER_MOVE.format(f=0.25 if k % 2 else 0.75), timeout=timeout)
        if result["errors"]:
            raise RuntimeError(f"{explorer}.update failed: {result['errors']}")
        seconds.append(result["seconds"])
    return {"explorer": explorer, "control": control, "seconds": seconds}
