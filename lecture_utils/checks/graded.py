"""``check`` in the graded student edition: form-only feedback here, the key on the hub's side.

``make release`` (tools/release_student.py) writes ``forms.json`` beside this module in the
student edition: one entry per graded exercise with its kind (value or function) and the form
of its answer (see ``forms.py``), never a value. For an exercise in that table ``check``

1. says "not attempted" for ``...``/None or a template function, as in practice mode;
2. names a wrong form (a string for a number, shape (8,) for (64,), NaN, a function of 3
   arguments for one of 2) - the same words for every answer of that form, right or wrong;
3. when the environment variable ``COURSE_CHECKER_URL`` names the class hub's checker service,
   sends the answer there as plain data (``collect``: for a function, its results on the inputs
   the service hands out) with the student's hub token, and prints the service's verdict;
4. otherwise, or when the service cannot be reached within a few seconds, says that the form is
   right and the answer is graded later.

An exercise missing from the table (the self-study edition has no table at all) is checked
in practice mode by ``engine.check``, with the key at hand.
"""

import json
import os
import urllib.error
import urllib.request
from pathlib import Path

from .forms import form_problem, is_stub_function, name
from .plain import PlainDataError, decode
from .running import collect, raised_place, run_case

FORMS_FILE = Path(__file__).with_name("forms.json")
URL_ENV = "COURSE_CHECKER_URL"
TOKEN_ENV = "JUPYTERHUB_API_TOKEN"
TIMEOUT = 5.0  # seconds one request to the checker may take before check falls back to the form
NOT_ATTEMPTED = "Not attempted yet: replace the ... with your answer and run the cell again."
STUB = "Not attempted yet: your function still returns ... or None - fill in its body."
GRADED_LATER = ("it has the right form ({form}). This exercise is graded: whether it is right is not "
                "checked here, and you will see it in your grading feedback.")
_ICONS = {"correct": "✅", "not attempted": "📝", "wrong": "❌", "recorded": "📨", "limited": "⏳"}
_table = {}


def forms():
    """The graded exercises' forms (``{}`` where no ``forms.json`` was released: practice mode)."""
    if not _table and FORMS_FILE.is_file():
        data = json.loads(FORMS_FILE.read_text(encoding="utf-8"))
        _table.update(data.get("exercises", {}))
    return _table


def is_graded(exercise_id):
    """Whether ``exercise_id`` is graded in this edition (no key here)."""
    return exercise_id in forms()


def check(exercise_id, answer, mode="practice"):
    """Print what can be said about ``answer`` to ``exercise_id``; never raises on an answer.

    ``mode`` ("practice" or "graded") is the wording where the key is at hand (see
    :func:`lecture_utils.checks.evaluate`); an exercise the release made graded is checked
    for its form only, whatever ``mode`` says.
    """
    if not isinstance(exercise_id, str) or not is_graded(exercise_id):
        from .engine import check as practice_check

        practice_check(exercise_id, answer, mode=mode)
        return
    print(graded_message(exercise_id, answer))


def graded_message(exercise_id, answer, url=None, table=None):
    """The line ``check`` prints for a graded exercise.

    ``url`` defaults to ``$COURSE_CHECKER_URL`` ("" asks no service); ``table`` to the released
    ``forms.json`` entries (the release passes the table it is about to write).
    """
    entry = (forms() if table is None else table)[exercise_id]
    form = entry["form"]
    if answer is None or answer is Ellipsis:
        return _line("not attempted", exercise_id, NOT_ATTEMPTED)
    if form.get("type") == "function" and is_stub_function(answer):
        return _line("not attempted", exercise_id, STUB)
    try:
        problem = form_problem(form, answer)
    except Exception:  # noqa: BLE001 - an answer whose type misbehaves is still only an answer
        problem = f"this is {type(answer).__name__}; this exercise wants {name(form)}."
    if problem:
        return _line("wrong", exercise_id, f"Not the right form: {problem} (This exercise is graded: only "
                     "the form of an answer is checked here.)")
    url = os.environ.get(URL_ENV, "") if url is None else url
    if url:
        verdict, failure = ask_service(url, exercise_id, answer, entry)
        if verdict is not None:
            return verdict
        note = f" (The course's checker could not be reached: {failure}; so only the form was checked.)"
    else:
        note = " (On the class hub, check asks the course's checker, which names a mistake at once.)"
    if entry.get("cases") is not None:
        status, problem = run_problem(entry, answer)
        if status != "wrong" or problem:
            return _line(status, exercise_id, STUB if status == "not attempted" else
                         f"Not the right form: {problem} (This exercise is graded: only the form of its "
                         "results is checked here.)")
    return _line("recorded", exercise_id, "Answer recorded: " + GRADED_LATER.format(form=name(form)) + note)


def run_problem(entry, func):
    """Run a function answer on the exercise's inputs here: ``("wrong", problem)`` about its results' form.

    ``("not attempted", None)`` for a template, ``("wrong", None)`` when every result has the form
    the exercise wants. Nothing here knows the right results.
    """
    from .explain import raised_hint, short_args

    cases = [tuple(args) for args in decode(entry["cases"])]
    seconds = float(entry.get("time_limit", 1.0))
    for args, result_form in zip(cases, entry.get("results", [])):
        where = f"(on input {short_args(args)})"
        outcome = run_case(func, args, seconds)
        status = outcome["status"]
        if status == "stub":
            return "not attempted", None
        if status == "timeout":
            return "wrong", f"your function ran for more than {seconds:g} s and was stopped {where}."
        if status == "recursion":
            return "wrong", f"your function calls itself without end (RecursionError) {where}."
        if status == "exit":
            return "wrong", f"your function called exit() {where}: return a value instead."
        if status == "raised":
            name_, text = outcome["type"], outcome["message"]
            return "wrong", (f"your function raised {name_}{raised_place(outcome)}: {text} {where}"
                             f"{raised_hint(name_, text)}.")
        if outcome["result"] is None:
            return "wrong", f"your function returned None - did you forget `return`? {where}"
        if outcome.get("changed"):
            return "wrong", (f"your function changed its input {outcome['changed']} in place (like `w -= ...`); "
                             f"leave the caller's array alone and return a new one {where}.")
        problem = form_problem(result_form, outcome["result"], "its result ")
        if problem:
            return "wrong", f"{problem.rstrip('.')} {where}."
    return "wrong", None


def _line(status, exercise_id, message):
    return f"{_ICONS[status]} [{exercise_id}] {message}"


def ask_service(url, exercise_id, answer, entry, timeout=TIMEOUT):
    """``(line to print, None)`` from the checker service, or ``(None, why it failed)``."""
    base = url if url.endswith("/") else url + "/"
    headers = {"Content-Type": "application/json"}
    token = os.environ.get(TOKEN_ENV)
    if token:
        headers["Authorization"] = f"token {token}"
    try:
        cases, seconds = None, float(entry.get("time_limit", 1.0))
        if entry.get("kind") == "function":
            reply = _request(f"{base}cases/{exercise_id}", None, headers, timeout)
            cases = [tuple(args) for args in decode(reply["cases"])]
            seconds = float(reply.get("time_limit", seconds))
        payload = dict(collect(answer, cases, seconds), exercise=exercise_id)
        reply = _request(f"{base}check", payload, headers, timeout)
    except _Limited as limited:
        return _line("limited", exercise_id, limited.message), None
    except (OSError, ValueError, KeyError, TypeError, PlainDataError) as exc:
        return None, _why(exc)
    status, message = reply.get("status"), reply.get("message")
    if status not in ("correct", "wrong", "not attempted") or not isinstance(message, str):
        return None, "its reply was not understood"
    return _line(status, exercise_id, message), None


class _Limited(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _request(url, payload, headers, timeout):
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(url, data=data, headers=headers, method="GET" if data is None else "POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read(2_000_000))
    except urllib.error.HTTPError as exc:
        if exc.code == 429:
            try:
                message = json.loads(exc.read(20_000)).get("message")
            except (ValueError, AttributeError):
                message = None
            raise _Limited(message or "Too many tries of this exercise in the last hour: "
                           "think it through, then try again later.") from None
        raise


def _why(exc):
    if isinstance(exc, urllib.error.HTTPError):
        if exc.code in (401, 403):
            return f"it refused this server's token (HTTP {exc.code})"
        return f"it answered HTTP {exc.code}"
    if isinstance(exc, urllib.error.URLError):
        return f"{exc.reason}"
    if isinstance(exc, TimeoutError):
        return "no answer in time"
    return f"{type(exc).__name__}"
