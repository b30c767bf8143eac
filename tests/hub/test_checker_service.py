"""The course's checker service (deploy/checker/) against a fake hub API: the fast tier.

The fake hub answers ``GET /hub/api/user`` as JupyterHub does for a token: the owner's model
with the token's scopes, or 403. `make test-hub` runs the same service under a real hub.
"""

import asyncio
import importlib.util
import json
import socket
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("jupyterhub")
from tornado import web
from tornado.httpclient import AsyncHTTPClient

from lecture_utils.checks import collect, decode, evaluate_data, get_exercise

ROOT = Path(__file__).resolve().parents[2]
CHECKER_DIR = ROOT / "deploy" / "checker"
SCOPE = "access:services!service=course-checker"


def load(name):
    sys.path.insert(0, str(CHECKER_DIR))
    spec = importlib.util.spec_from_file_location(name, CHECKER_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


service = load("course_checker")
tries = load("tries")
TOKENS = {
    "tok-ann": {"kind": "user", "name": "ann", "scopes": [SCOPE, "access:servers!server=ann/"]},
    "tok-bob": {"kind": "user", "name": "bob", "scopes": [SCOPE]},
    "tok-ann-no-scope": {"kind": "user", "name": "ann", "scopes": ["read:users:name!user=ann"]},
    "tok-service": {"kind": "service", "name": "other", "scopes": [SCOPE]},
}


class FakeUserAPI(web.RequestHandler):
    def get(self):
        token = self.request.headers.get("Authorization", "").removeprefix("token ")
        if token not in TOKENS:
            raise web.HTTPError(403)
        self.finish(TOKENS[token])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now


def run(tmp_path, scenario, per_hour=3):
    """Start the fake hub and the checker in one event loop, then run ``scenario(call, ledger, clock)``."""

    async def main():
        hub_port, port = free_port(), free_port()
        web.Application([(r"/hub/api/user", FakeUserAPI)]).listen(hub_port, "127.0.0.1")
        clock = Clock()
        ledger = tries.Ledger(tmp_path / "state", per_hour, {"03.lp_norm": 2}, clock=clock)
        hub_auth = service.HubAuth(api_url=f"http://127.0.0.1:{hub_port}/hub/api", api_token="svc",
                                   access_scopes={SCOPE}, cache_max_age=0)
        checker = service.Checker(hub_auth, ledger, "course-checker")
        service.make_app(checker, "/services/course-checker/").listen(port, "127.0.0.1")
        client = AsyncHTTPClient()

        async def call(method, path, token=None, body=None):
            headers = {"Authorization": f"token {token}"} if token else {}
            r = await client.fetch(f"http://127.0.0.1:{port}/services/course-checker/{path}", method=method,
                                   headers=headers, body=None if body is None else json.dumps(body),
                                   raise_error=False)
            return r.code, json.loads(r.body) if r.body else None

        await scenario(call, ledger, clock)

    asyncio.run(main())


def test_a_wrong_answer_gets_the_engines_named_feedback_and_is_logged(tmp_path):
    async def scenario(call, ledger, clock):
        answer = {"exercise": "03.frobenius_by_hand", **collect(49.0)}
        code, reply = await call("POST", "check", "tok-ann", answer)
        assert code == 200 and reply["status"] == "wrong"
        expected = service.judge("03.frobenius_by_hand", {"answer": answer["answer"]})
        assert reply["message"] == expected.message and "square root is missing" in reply["message"]
        code, reply = await call("POST", "check", "tok-ann", {"exercise": "03.frobenius_by_hand", **collect(7.0)})
        assert (code, reply["status"], reply["tries_left"]) == (200, "correct", 1)
        rows = [json.loads(line) for line in ledger.path.read_text().splitlines()]
        assert [(r["student"], r["exercise"], r["status"]) for r in rows] == [
            ("ann", "03.frobenius_by_hand", "wrong"), ("ann", "03.frobenius_by_hand", "correct")]
        assert all(isinstance(r["time"], float) for r in rows)
        assert (ledger.path.stat().st_mode & 0o077, ledger.folder.stat().st_mode & 0o077) == (0, 0)

    run(tmp_path, scenario)


def test_a_function_is_judged_on_the_outcomes_of_the_cases_the_service_sent(tmp_path):
    def sum_of_powers(x, p):  # forgets the root
        return np.sum(np.abs(x) ** p)

    async def scenario(call, ledger, clock):
        code, reply = await call("GET", "cases/03.lp_norm", "tok-bob")
        assert code == 200 and reply["time_limit"] == get_exercise("03.lp_norm").time_limit
        cases = [tuple(args) for args in decode(reply["cases"])]
        assert len(cases) == len(get_exercise("03.lp_norm").cases())
        payload = collect(sum_of_powers, cases)
        code, reply = await call("POST", "check", "tok-bob", {"exercise": "03.lp_norm", **payload})
        assert code == 200 and reply["status"] == "wrong" and "root at the end is missing" in reply["message"]
        assert reply["message"] == service.judge("03.lp_norm", payload).message
        code, reply = await call("GET", "cases/03.frobenius_by_hand", "tok-bob")
        assert code == 404 and "not a function exercise" in reply["message"]
        code, reply = await call("GET", "cases/99.nothing", "tok-bob")
        assert code == 404

    run(tmp_path, scenario)


def test_missing_unknown_foreign_and_unscoped_tokens_are_refused(tmp_path):
    body = {"exercise": "03.frobenius_by_hand", **collect(7.0)}

    async def scenario(call, ledger, clock):
        assert (await call("POST", "check", None, body))[0] == 401
        assert (await call("GET", "cases/03.lp_norm", None))[0] == 401
        for token in ("not-a-token", "tok-ann-no-scope", "tok-service"):
            code, reply = await call("POST", "check", token, body)
            assert code == 403, (token, code)
        code, reply = await call("GET", "tries?student=bob", "tok-ann")
        assert code == 403 and "own tries" in reply["message"]
        assert not ledger.path.exists(), "a refused request must not count as anyone's try"

    run(tmp_path, scenario)


def test_the_hourly_limit_is_per_student_and_exercise_and_survives_a_restart(tmp_path):
    wrong = {"exercise": "03.frobenius_by_hand", **collect(49.0)}

    async def scenario(call, ledger, clock):
        for _ in range(3):
            assert (await call("POST", "check", "tok-ann", wrong))[0] == 200
        code, reply = await call("POST", "check", "tok-ann", wrong)
        assert code == 429 and "all 3 checks" in reply["message"] and "min" in reply["message"]
        assert (await call("POST", "check", "tok-bob", wrong))[0] == 200, "bob pays for ann's tries"
        not_yet = {"exercise": "03.frobenius_by_hand", **collect(...)}
        reloaded = tries.Ledger(ledger.folder, 3, clock=clock)
        assert reloaded.left("ann", "03.frobenius_by_hand")[0] == 0, "a restart handed out new tries"
        code, reply = await call("GET", "tries", "tok-ann")
        assert code == 200 and reply["used_this_hour"] == {"03.frobenius_by_hand": 3}
        clock.now += 3601
        code, reply = await call("POST", "check", "tok-ann", not_yet)
        assert code == 200 and reply["status"] == "not attempted" and reply["tries_left"] == 3
        statuses = [json.loads(line)["status"] for line in ledger.path.read_text().splitlines()]
        assert statuses == ["wrong"] * 3 + ["limited", "wrong", "not attempted"]

    run(tmp_path, scenario)


def test_a_per_exercise_limit_and_bad_bodies(tmp_path):
    async def scenario(call, ledger, clock):
        assert ledger.limit("03.lp_norm") == 2 and ledger.limit("03.frobenius_by_hand") == 3
        for bad in ({"answer": 1}, {"exercise": "03.frobenius_by_hand"}, ["03.frobenius_by_hand"]):
            assert (await call("POST", "check", "tok-ann", bad))[0] == 400
        assert (await call("POST", "check", "tok-ann", {"exercise": "99.x", "answer": 1}))[0] == 404
        code, reply = await call("POST", "check", "tok-ann", {"exercise": "03.frobenius_by_hand",
                                                              "answer": {"type": "no such tag"}})
        assert code == 200 and reply["status"] == "wrong" and "could not be read back" in reply["message"]
        row = json.loads(ledger.path.read_text().splitlines()[-1])
        assert "internal_error" in row, "the instructor's log keeps what the student is not shown"
        assert "internal_error" not in reply

    run(tmp_path, scenario)


def test_limits_from_the_instructor(tmp_path):
    assert tries.read_limits() == (tries.DEFAULT_TRIES_PER_HOUR, {})
    path = tmp_path / "limits.json"
    path.write_text('{"05.divergence_threshold": 5}')
    assert tries.read_limits("10", path) == (10, {"05.divergence_threshold": 5})
    with pytest.raises(ValueError, match="whole number"):
        tries.read_limits("ten")
    with pytest.raises(ValueError, match="at least 1"):
        tries.read_limits(0)
    path.write_text('{"05.divergence_threshold": 0}')
    with pytest.raises(ValueError, match="exercise id -> tries"):
        tries.read_limits(5, path)


def test_the_service_answers_in_graded_wording_without_amounts(tmp_path):
    """Practice feedback says how far off an entry is; the service's never does."""
    ex = get_exercise("05.gradient_at_point")
    off = np.asarray(ex.expected(), dtype=float) - 1.0
    practice = evaluate_data(ex.id, collect(off)).message
    assert "too small" in practice or "too large" in practice, practice

    async def scenario(call, ledger, clock):
        code, reply = await call("POST", "check", "tok-ann", {"exercise": ex.id, **collect(off)})
        assert code == 200 and reply["status"] == "wrong"
        assert reply["message"] == evaluate_data(ex.id, collect(off), mode="graded").message
        assert "too small" not in reply["message"] and "too large" not in reply["message"], reply["message"]

    run(tmp_path, scenario)


def test_with_a_class_seed_the_service_judges_with_the_class_key(tmp_path, monkeypatch):
    """An edition released with SEED quotes the class's matrix: its norm is right, the public 7 is not."""
    from lecture_utils.checks import variants

    monkeypatch.setenv(variants.SEED_ENV, "2")
    A = np.array(variants.numbers("03.frobenius_by_hand")["A"], dtype=float)

    async def scenario(call, ledger, clock):
        replies = [await call("POST", "check", "tok-ann", {"exercise": "03.frobenius_by_hand", **collect(a)})
                   for a in (7.0, float(np.sqrt(np.sum(A ** 2))), float(np.sum(A ** 2)))]
        assert [(code, reply["status"]) for code, reply in replies] == [(200, "wrong"), (200, "correct"), (200, "wrong")]
        assert "square root" in replies[2][1]["message"]

    run(tmp_path, scenario)
