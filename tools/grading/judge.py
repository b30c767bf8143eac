"""The judge: turns the sandbox's lines into verdicts. It never runs student code.

It holds the key (``lecture_utils.checks``, the instructor's copy): the inputs a function
exercise is run on (``exercise_inputs``) go into the plan; what comes back is parsed as JSON
with a size cap per line, and each answer is decoded with ``plain.py``'s limits and judged by
``evaluate_data``. Only the record of the exercise cell the grader chose counts; a line the
student's code forged for another cell is ignored. Any failure to read a record is that
exercise's "error", never the run's.
"""

import json
from dataclasses import dataclass

from lecture_utils.checks import encode, evaluate_data, get_exercise

from . import rules

MAX_LINE = 8 * 1024 * 1024
OUTCOMES = ("passed", "wrong", "not attempted", "error", "timeout", "rule broken", "missing", "unreadable",
            "not a course notebook")
STOPS = {"wall time": "the notebook ran past its time limit", "memory": "the notebook used more memory than allowed",
         "processes": "the notebook started too many processes", "result too large": "the answers were too large"}


@dataclass(frozen=True)
class Verdict:
    outcome: str
    message: str


def exercise_inputs(exercise_id):
    """``(encoded cases or None, time_limit)``: what the sandbox needs to run a function answer."""
    ex = get_exercise(exercise_id)
    return (encode(list(ex.cases())) if ex.cases is not None else None), float(ex.time_limit)


def read_plans(lines, count):
    """``[(records by cell, done, stop)]`` for each of ``count`` notebooks of a batch run.

    ``done`` is whether the runner's parent process reported the notebook finished (its own
    line, after the child running student code had ended); ``stop`` is why it was stopped.
    """
    parsed = [({}, False, None) for _ in range(count)]
    for record in _records(lines):
        k = record.get("plan")
        if not isinstance(k, int) or not 0 <= k < count:
            continue
        records = parsed[k][0]
        if record.get("done") is True:
            parsed[k] = (records, True, record.get("stop") if record.get("stop") in STOPS else None)
        elif isinstance(record.get("cell"), int):
            records[record["cell"]] = record
    return parsed


def _records(lines):
    for line in lines:
        if len(line) > MAX_LINE:
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if isinstance(record, dict):
            yield record


def read_lines(lines):
    """``(records by cell index, finished)`` from the runner's raw lines (malformed lines skipped)."""
    records, finished = {}, False
    for record in _records(lines):
        if record.get("done") is True:
            finished = True
        elif isinstance(record.get("cell"), int):
            records[record["cell"]] = record
    return records, finished


def _evaluate(exercise_id, payload):
    try:
        # Graded wording: the slip and where it is, never the amount - a feedback page may be
        # returned before a resubmission, and must not turn into an oracle for the key.
        result = evaluate_data(exercise_id, payload, mode="graded")
    except Exception as exc:  # noqa: BLE001 - a judge bug is one exercise's error, not the run's
        return Verdict("error", f"the grader could not judge this answer ({type(exc).__name__})")
    if result.status == "correct":
        return Verdict("passed", result.message)
    if result.status == "not attempted":
        return Verdict("not attempted", result.message)
    return Verdict("timeout" if result.timed_out else "wrong", result.message)


def verdict(exercise_id, record, finished, stop, own_sources, cell_timeout):
    """The verdict of one exercise whose cell was found (``record`` is its runner line or None)."""
    name = rules.static_breaks(exercise_id, own_sources)
    if name is None and record is not None and isinstance(record.get("rule_broken"), str):
        name = record["rule_broken"].split(".")[-1][:60]
    if name is not None:
        return Verdict("rule broken", f"this exercise says not to use {name}; your code for it does, so it "
                       "earns no points (see the exercise text)")
    if record is None:
        if stop:
            return Verdict("timeout" if stop == "wall time" else "error",
                           f"not graded: {STOPS.get(stop, stop)} before this exercise")
        why = "the exercise cell did not run" if finished else "the notebook stopped before this exercise " \
              "(its code ended the Python process)"
        return Verdict("error", f"not graded: {why}")
    if isinstance(record.get("payload"), dict):
        return _evaluate(exercise_id, record["payload"])
    if record.get("timeout") is True:
        return Verdict("timeout", f"the exercise cell was stopped after {cell_timeout:g} s")
    if isinstance(record.get("error"), str):
        return Verdict("error", f"your cell raised {record['error'][:300]}")
    return Verdict("not attempted", "no answer was passed to check(...) in the exercise cell")
