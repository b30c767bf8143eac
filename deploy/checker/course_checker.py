"""The course's checker: a JupyterHub service that judges answers with the key, on the hub's side.

A student's kernel (``lecture_utils/checks/graded.py`` in the student edition) sends its answer
as plain data with the student's own hub token (``JUPYTERHUB_API_TOKEN`` of their server):

- ``GET  <prefix>cases/<exercise id>`` -> ``{"cases": encode(argument tuples), "time_limit": s}``
  (404 for a value exercise or an unknown id): the inputs the student's function is run on.
- ``POST <prefix>check`` ``{"exercise": id, "answer": plain}`` or ``{"exercise": id, "outcomes":
  [...]}`` -> ``{"status", "message", "tries_left"}`` judged by ``evaluate_data`` in graded
  mode (the slip and where, never the amount); 429 once the hour's tries are used up.
- ``GET  <prefix>tries`` -> the caller's own tries this hour (another student's: 403).

No token: 401. A token the hub does not know, a service's token or one without
``access:services!service=<name>`` (the hub's ``server`` role grants it to each student's
server, see deploy/values.yaml): 403. Every try is logged (deploy/checker/tries.py).

The key is the course's full ``lecture_utils`` imported by this process: install the
instructor's checkout into the environment that runs the service (the hub's), never into the
students' image. Run by JupyterHub (``c.JupyterHub.services``, see deploy/README.md)::

    python deploy/checker/course_checker.py [--ip 0.0.0.0] [--port 10101]

Environment: ``JUPYTERHUB_API_URL``, ``JUPYTERHUB_API_TOKEN``, ``JUPYTERHUB_SERVICE_URL`` and
``JUPYTERHUB_SERVICE_PREFIX`` (set by the hub for a managed service),
``COURSE_CHECKER_STATE_DIR`` (the log; default ``./course-checker-state``),
``COURSE_CHECKER_TRIES_PER_HOUR`` (default 20), ``COURSE_CHECKER_LIMITS`` (a JSON file of
per-exercise limits) and ``COURSE_SEED``, the class seed the student edition was released with
(``make release SEED=...``; unset: the self-study edition's numbers).
"""

import argparse
import asyncio
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from jupyterhub.services.auth import HubAuth
from jupyterhub.utils import url_path_join
from tornado import web
from tornado.httpserver import HTTPServer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tries import Ledger, read_limits  # a sibling file: deploy/ is no package

from lecture_utils.checks import encode, evaluate_data, get_exercise, variants

MAX_BODY = 4 * 1024 * 1024  # far above any answer plain.py lets through; refuses floods early
JUDGED = ("correct", "wrong", "not attempted")


def judge(exercise_id, payload):
    """The engine's verdict in graded mode: the slip and where, never the amount or direction
    of an error nor which items of a true/false list are wrong."""
    return evaluate_data(exercise_id, payload, mode="graded")


class Checker:
    """What the handlers share: the hub's auth client, the ledger and the judging thread."""

    def __init__(self, hub_auth, ledger, name):
        self.hub_auth, self.ledger, self.name = hub_auth, ledger, name
        # One judging thread: the engine's warning filters are process-wide, and the event
        # loop stays free to answer other students while an answer is judged.
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="judge")


class BaseHandler(web.RequestHandler):
    def initialize(self, checker):
        self.checker = checker

    def write_error(self, status_code, **kwargs):
        reason = kwargs.get("exc_info", (None, None))[1]
        message = getattr(reason, "log_message", None) or self._reason
        self.finish({"message": message})

    def fail(self, status, message):
        raise web.HTTPError(status, message)

    async def student(self):
        """The hub user whose token came with the request, or raise 401/403."""
        auth = self.checker.hub_auth
        token = auth.get_token(self, in_cookie=False)
        if not token:
            self.set_header("WWW-Authenticate", "token")
            self.fail(401, "no hub token: send 'Authorization: token $JUPYTERHUB_API_TOKEN'")
        model = await auth.user_for_token(token, sync=False)
        if not model:
            self.fail(403, "the hub does not know this token")
        if model.get("kind", "user") != "user":
            self.fail(403, "only a student's own token is accepted, not a service's")
        if not auth.check_scopes(auth.access_scopes, model):
            self.fail(403, f"this token may not use {self.checker.name} (it lacks "
                      f"access:services!service={self.checker.name})")
        return model["name"]

    def exercise(self, exercise_id):
        try:
            return get_exercise(exercise_id)
        except (ValueError, TypeError):
            self.fail(404, f"no exercise called {exercise_id!r}")


class CasesHandler(BaseHandler):
    async def get(self, exercise_id):
        await self.student()
        ex = self.exercise(exercise_id)
        if ex.cases is None:
            self.fail(404, f"{exercise_id} is not a function exercise: send its value to check")
        self.finish({"cases": encode([tuple(args) for args in ex.cases()]), "time_limit": ex.time_limit})


class CheckHandler(BaseHandler):
    async def post(self):
        student = await self.student()
        try:
            body = json.loads(self.request.body or b"null")
        except ValueError:
            self.fail(400, "the body must be JSON: {\"exercise\": id, \"answer\": ...} or \"outcomes\"")
        if not isinstance(body, dict) or not isinstance(body.get("exercise"), str) or \
                not ({"answer", "outcomes"} & body.keys()):
            self.fail(400, "the body must be {\"exercise\": id, \"answer\": ...} or {\"exercise\": id, "
                      "\"outcomes\": [...]}")
        exercise_id = body["exercise"]
        self.exercise(exercise_id)
        ledger = self.checker.ledger
        left, wait = ledger.left(student, exercise_id)
        if left == 0:
            ledger.record(student, exercise_id, "limited")
            minutes = max(1, round(wait / 60))
            self.set_status(429)
            self.set_header("Retry-After", str(int(wait) + 1))
            self.finish({"message": f"You have used all {ledger.limit(exercise_id)} checks of {exercise_id} "
                         f"this hour; the next one is possible in about {minutes} min. Use the time to "
                         "work through the exercise on paper: what does each step compute?"})
            return
        payload = {key: body[key] for key in ("answer", "outcomes") if key in body}
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(self.checker.pool, judge, exercise_id, payload)
        status = result.status if result.status in JUDGED else "wrong"
        extra = {"internal_error": result.internal_error} if result.internal_error else {}
        ledger.record(student, exercise_id, status, message=result.message, **extra)
        left, _ = ledger.left(student, exercise_id)
        self.finish({"status": status, "message": result.message, "tries_left": left})


class TriesHandler(BaseHandler):
    async def get(self):
        student = await self.student()
        asked = self.get_argument("student", student)
        if asked != student:
            self.fail(403, "a student sees only their own tries")
        ledger = self.checker.ledger
        self.finish({"student": student, "tries_per_hour": ledger.per_hour, "limits": ledger.overrides,
                     "used_this_hour": ledger.used(student)})


class HealthHandler(BaseHandler):
    def get(self):
        self.finish({"service": self.checker.name, "ok": True})


def make_app(checker, prefix):
    """The tornado application serving ``prefix`` (e.g. ``/services/course-checker/``)."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    args = {"checker": checker}
    return web.Application([
        (url_path_join(prefix, r"cases/([^/]+)"), CasesHandler, args),
        (url_path_join(prefix, "check"), CheckHandler, args),
        (url_path_join(prefix, "tries"), TriesHandler, args),
        (prefix, HealthHandler, args),
    ])


def parse_args(argv=None):
    env = os.environ
    url = urlsplit(env.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name", default=env.get("JUPYTERHUB_SERVICE_NAME", "course-checker"))
    parser.add_argument("--ip", default=url.hostname or "127.0.0.1",
                        help="address to listen on (0.0.0.0 when the hub's url names another host)")
    parser.add_argument("--port", type=int, default=url.port or 10101)
    parser.add_argument("--prefix", default=env.get("JUPYTERHUB_SERVICE_PREFIX", ""),
                        help="URL prefix (default: /services/<name>/)")
    parser.add_argument("--state-dir", default=env.get("COURSE_CHECKER_STATE_DIR", "course-checker-state"))
    return parser.parse_args(argv)


async def serve(args):
    per_hour, overrides = read_limits(os.environ.get("COURSE_CHECKER_TRIES_PER_HOUR"),
                                      os.environ.get("COURSE_CHECKER_LIMITS"))
    ledger = Ledger(args.state_dir, per_hour, overrides)
    hub_auth = HubAuth(access_scopes={f"access:services!service={args.name}"}, cache_max_age=60)
    checker = Checker(hub_auth, ledger, args.name)
    prefix = args.prefix or f"/services/{args.name}/"
    server = HTTPServer(make_app(checker, prefix), max_body_size=MAX_BODY)
    server.listen(args.port, args.ip)
    # A bad COURSE_SEED stops the service here, not at a student's first try.
    numbers = ("the class numbers of COURSE_SEED" if variants.class_seed() is not None
               else "the self-study edition's numbers (COURSE_SEED unset: right for an edition released without SEED)")
    print(f"{args.name}: listening on {args.ip}:{args.port}{prefix}, {per_hour} tries per exercise per "
          f"hour, log {ledger.path}; judging with {numbers}", flush=True)
    await asyncio.Event().wait()


def main(argv=None):
    asyncio.run(serve(parse_args(argv)))


if __name__ == "__main__":
    main()
