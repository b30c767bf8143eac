"""``check`` of a graded exercise (checks/graded.py): form only here, the verdict from the checker service.

A small stand-in for the hub's checker service (the agreed protocol: GET cases/<id>, POST check,
the student's token, 429 past the limit) runs on 127.0.0.1 and judges with ``evaluate_data``.
"""

import contextlib
import io
import json
import threading
import typing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import nbformat
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
import release_student

from lecture_utils.checks import encode, evaluate_data, get_exercise, graded

TOKEN = "student-token"


@pytest.fixture
def table(monkeypatch):
    """Every exercise of notebooks 03 and 04 graded, as the student edition's forms.json says."""
    books = [nbformat.read(ROOT / "notebooks" / n, 4) for n in ("03_norms.ipynb", "04_derivatives.ipynb")]
    data = release_student.forms_table(release_student.graded_ids("03,04"), books)
    monkeypatch.setattr(graded, "_table", dict(data["exercises"]))
    monkeypatch.setenv(graded.TOKEN_ENV, TOKEN)
    monkeypatch.delenv(graded.URL_ENV, raising=False)
    return data["exercises"]


class Service(BaseHTTPRequestHandler):
    limited = False
    seen: typing.ClassVar[list] = []

    def log_message(self, *args):
        pass

    def _reply(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _allowed(self):
        Service.seen.append((self.command, self.path, self.headers.get("Authorization")))
        if self.headers.get("Authorization") != f"token {TOKEN}":
            self._reply(403, {"message": "not your token"})
            return False
        return True

    def do_GET(self):
        if self._allowed():
            ex = get_exercise(self.path.rsplit("/", 1)[-1])
            self._reply(200, {"cases": encode(ex.cases()), "time_limit": ex.time_limit})

    def do_POST(self):
        if not self._allowed():
            return
        if Service.limited:
            self._reply(429, {"message": "5 tries of this exercise in the last hour: wait a little."})
            return
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        result = evaluate_data(payload.pop("exercise"), payload)
        self._reply(200, {"status": result.status, "message": result.message})


@pytest.fixture
def service():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Service)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Service.seen, Service.limited = [], False
    yield f"http://127.0.0.1:{server.server_address[1]}/services/course-checker/"
    server.shutdown()
    server.server_close()


def said(exercise_id, answer):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        graded.check(exercise_id, answer)
    return out.getvalue().strip()


def test_without_a_service_right_and_wrong_read_the_same(table):
    assert said("03.frobenius_by_hand", 7.0) == said("03.frobenius_by_hand", 6.0)
    assert said("03.frobenius_by_hand", 7.0).startswith("📨 [03.frobenius_by_hand] Answer recorded")
    assert said("04.gradient_check", np.array([1.0, 2.0])) == said("04.gradient_check", np.array([3.0, -4.0]))


def test_a_wrong_form_is_named_and_costs_no_try(table, service, monkeypatch):
    monkeypatch.setenv(graded.URL_ENV, service)
    assert "Not attempted" in said("03.frobenius_by_hand", ...)
    assert "shape (3,)" in said("04.gradient_check", np.zeros(3)) and "(2,)" in said("04.gradient_check", np.zeros(3))
    assert "1 argument" in said("03.lp_norm", lambda x: x) and "2" in said("03.lp_norm", lambda x: x)
    assert "function" in said("03.lp_norm", 3.0)
    assert Service.seen == []


def test_the_service_names_the_mistake_with_the_students_token(table, service, monkeypatch):
    monkeypatch.setenv(graded.URL_ENV, service)
    assert said("03.frobenius_by_hand", 7.0).startswith("✅")
    wrong = said("03.frobenius_by_hand", 6.0)
    assert wrong.startswith("❌") and "Not quite" in wrong
    assert all(auth == f"token {TOKEN}" for _, _, auth in Service.seen)


def test_a_function_runs_here_on_the_services_inputs(table, service, monkeypatch):
    monkeypatch.setenv(graded.URL_ENV, service)

    def my_lp_norm(x, p):
        x = np.asarray(x, dtype=float)
        return np.max(np.abs(x)) if p == np.inf else np.sum(np.abs(x) ** p) ** (1 / p)

    assert said("03.lp_norm", my_lp_norm).startswith("✅")
    assert said("03.lp_norm", lambda x, p: float(np.sum(np.abs(x)))).startswith("❌")
    assert [c for c, *_ in Service.seen].count("GET") == 2


def test_the_rate_limit_and_a_dead_service_are_said(table, service, monkeypatch):
    monkeypatch.setenv(graded.URL_ENV, service)
    Service.limited = True
    assert said("03.frobenius_by_hand", 6.0).startswith("⏳") and "5 tries" in said("03.frobenius_by_hand", 6.0)
    monkeypatch.setenv(graded.URL_ENV, "http://127.0.0.1:9/")  # nothing listens on the discard port
    dead = said("03.frobenius_by_hand", 6.0)
    assert dead.startswith("📨") and "could not be reached" in dead
    monkeypatch.setenv(graded.TOKEN_ENV, "someone-else")
    monkeypatch.setenv(graded.URL_ENV, service)
    assert "refused this server's token (HTTP 403)" in said("03.frobenius_by_hand", 6.0)


def test_an_exercise_outside_the_table_is_practice(table):
    assert said("05.divergence_threshold", 0.2).startswith("✅")


def test_an_error_in_a_graded_function_names_the_students_line_without_the_service():
    def my_lp_norm(x, p):
        total = np.sum(np.abs(x) ** p)
        return total ^ (1 / p)  # XOR for a power: raises here

    ex = get_exercise("03.lp_norm")
    entry = {"cases": encode([list(args) for args in ex.cases()]), "results": [{"kind": "number"}] * len(ex.cases())}
    status, problem = graded.run_problem(entry, my_lp_norm)
    line = my_lp_norm.__code__.co_firstlineno + 2
    assert status == "wrong" and f"in line {line} of test_graded_check.py (`return total ^ (1 / p)" in problem, problem
    assert "a power is written **" in problem
