"""The hub test's student-edition and checker steps (tests/hub/hub_check.py runs them).

- ``publish_student_edition``: ``make publish-student`` into a bare repository (branch student);
  the link pulls that branch, and the students' environment installs it (no answer key).
- ``key_folder``: the full course for the checker service in a mode-0700 folder of the hub's
  user, like /opt/course-key on TLJH or the hub's image on Kubernetes.
- ``check_checker``: from a student's own kernel, with their server's token, a wrong answer
  gets the named slip; the key is out of reach (files, import, environment); no token, a token
  without the service's scope and a question about another student are refused.
- ``check_survives_restart``: a student's edit outlives a server stop and start with servers
  laid out like a Zero to JupyterHub pod (tests/hub/pod_layout.py).
"""

import contextlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
AS_ROOT = os.geteuid() == 0
BRANCH = "student"
VALUE_ID, FUNCTION_ID = "03.frobenius_by_hand", "03.lp_norm"
# The class seed the edition is released with (make release SEED=...) and the checker judges with.
CLASS_SEED = 20261207


def _load(name, path):
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


checker = _load("course_checker", ROOT / "deploy" / "checker" / "course_checker.py")


def run(cmd, **kwargs):
    done = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=kwargs.pop("timeout", 600), **kwargs)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return done


def publish_student_edition(state):
    """``make publish-student REPO=<bare> BRANCH=student``; returns the bare repository."""
    bare = state / "course" / "course-student.git"
    bare.parent.mkdir()
    run(["git", "init", "--quiet", "--bare", str(bare)])
    release = ROOT / "tools" / "release.py"
    if "--publish" not in release.read_text():
        raise RuntimeError("tools/release.py cannot publish the student edition yet (make publish-student, "
                           "issue 23 item 4): the hub serves only the student edition")
    run([sys.executable, str(release), str(state / "release"), "--graded", "all", "--publish", str(bare),
         "--branch", BRANCH, "--seed", str(CLASS_SEED)], cwd=ROOT)
    (bare.parent / "gitconfig").write_text("[safe]\n\tdirectory = *\n")
    return bare


def install_student_edition(students_bin, bare, state):
    """Install the student branch into the students' environment, as the image's postBuild does."""
    clone = state / "course" / "student-edition"
    run(["git", "-c", "safe.directory=*", "clone", "--quiet", "--branch", BRANCH, str(bare), str(clone)])
    run([str(students_bin / "python"), "-m", "pip", "install", "--quiet", "--no-deps", "-e", str(clone)])
    run(["chmod", "-R", "a+rX", str(clone)])


def key_folder(state):
    """The full course (the key) where only the hub's user can read it; returns (folder, command)."""
    key = state / "checker-key"
    key.mkdir(mode=0o700)
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "lecture_utils", key / "lecture_utils", ignore=ignore)
    shutil.copytree(ROOT / "data", key / "data", ignore=ignore)
    shutil.copytree(ROOT / "deploy" / "checker", key / "checker", ignore=ignore)
    return key, [sys.executable, str(key / "checker" / "course_checker.py")]


KERNEL_HELPERS = """
import json, os, urllib.error, urllib.request
URL = os.environ.get("COURSE_CHECKER_URL", "")
def ask(method, path, body=None, token=os.environ.get("JUPYTERHUB_API_TOKEN")):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "token " + token
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(URL + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")
"""


def in_kernel(student, path, code):
    """Run ``code`` in a kernel of ``student``'s own server; returns the JSON it printed last."""
    kernel = student["server"].open_notebook(path)
    try:
        out = kernel.execute(KERNEL_HELPERS + code, timeout=120)
    finally:
        kernel.close()
    assert not out["errors"], out["errors"]
    return json.loads(out["stdout"].strip().splitlines()[-1])


def service_pid(hub):
    for proc in hub.server_processes():
        try:
            if any("course_checker.py" in part for part in proc.cmdline()):
                return proc.pid
        except psutil.Error:
            continue
    raise RuntimeError("the course checker is not running under the hub")


@contextlib.contextmanager
def class_key():
    """This process judges as the hub's checker does: with the class seed."""
    from lecture_utils.checks import variants

    os.environ[variants.SEED_ENV] = str(CLASS_SEED)
    try:
        yield variants.numbers(VALUE_ID)
    finally:
        del os.environ[variants.SEED_ENV]


def check_feedback(student, nb_path, log):
    """The service judges with the class key: the class's answer is right, the self-study edition's is
    wrong, and a wrong value and a wrong function get the engine's named slip."""
    import numpy as np

    from lecture_utils.checks import collect, get_exercise

    with class_key() as numbers:
        A = np.array(numbers["A"], dtype=float)
        right, slipped = float(np.sqrt(np.sum(A ** 2))), float(np.sum(A ** 2))  # the slip: no square root
        expected = checker.judge(VALUE_ID, collect(slipped))
    assert right != 7.0, "the class seed drew the public matrix"
    got = in_kernel(student, nb_path, f"""
from lecture_utils.checks import collect
print(json.dumps({{"url": URL, "replies": [ask("POST", "check", dict(collect(a), exercise="{VALUE_ID}"))
                                           for a in ({slipped!r}, 7.0, {right!r})]}}))
""")
    assert got["url"].endswith("/services/course-checker/"), got
    (code, reply), public, own = got["replies"]
    assert code == 200 and reply["status"] == "wrong", got
    assert reply["message"] == expected.message and "square root" in reply["message"], reply
    assert (public[1]["status"], own[1]["status"]) == ("wrong", "correct"), got
    log(f"  {student['name']}'s kernel, wrong value over HTTP with its server token: {reply['message'][:70]}...")
    log(f"  judged with the class key (seed {CLASS_SEED}): the class's ‖A‖_F = {right:g} is right, the "
        "self-study edition's 7 is wrong")

    def sum_of_powers(x, p):
        return np.sum(np.abs(x) ** p)

    slip = checker.judge(FUNCTION_ID, collect(sum_of_powers, get_exercise(FUNCTION_ID).cases())).message
    printed = in_kernel(student, nb_path, f"""
import contextlib, io
import numpy as np
from lecture_utils.checks import check
def lp_norm(x, p):
    return np.sum(np.abs(x) ** p)
buffer = io.StringIO()
with contextlib.redirect_stdout(buffer):
    check("{FUNCTION_ID}", lp_norm)
print(json.dumps(buffer.getvalue()))
""")
    assert slip in printed and "❌" in printed, (printed, slip)
    log(f"  {student['name']}'s check() of a function (cases from the service, outcomes back): named slip")


def check_key_out_of_reach(hub, student, other, nb_path, key, state, log):
    """Not importable, not readable, not in the environment of a student's server."""
    probes = [str(key / "lecture_utils" / "exercises" / "norms.py"), str(state / "checker-state" / "tries.jsonl"),
              f"/proc/{service_pid(hub)}/environ", *(str(hub.private / name) for name in HUB_FILES)]
    other_pid = next((p.pid for p in hub.server_processes() if AS_ROOT and p.username() == other["name"]), None)
    if other_pid:
        probes.append(f"/proc/{other_pid}/environ")  # another student's server token
    got = in_kernel(student, nb_path, f"""
import lecture_utils
from lecture_utils.checks import all_exercises, get_exercise
out = {{"package": lecture_utils.__file__, "ids": sorted(e.id for e in all_exercises()), "files": {{}}}}
try:
    get_exercise("{VALUE_ID}").expected()
    out["expected"] = "READ"
except Exception as e:
    out["expected"] = type(e).__name__
for path in {probes!r}:
    try:
        open(path, "rb").read()
        out["files"][path] = "READ"
    except Exception as e:
        out["files"][path] = type(e).__name__
out["env"] = sorted(k for k in os.environ if k.startswith(("COURSE_", "HUB_TEST")))
print(json.dumps(out))
""")
    assert VALUE_ID not in got["ids"] and FUNCTION_ID not in got["ids"], got["ids"]
    assert got["expected"] != "READ", got
    assert not got["package"].startswith((str(ROOT), str(key))), got["package"]
    assert got["env"] == ["COURSE_CHECKER_URL"], got["env"]
    check_hub_files_private(hub, log)
    log(f"  key not importable from {student['name']}'s server ({got['expected']}; graded ids absent); "
        f"environment: {got['env']}")
    if AS_ROOT:
        assert set(got["files"].values()) == {"PermissionError"}, got["files"]
        log(f"  key files, the tries log, the service's and another student's environment: PermissionError "
            f"({len(got['files'])} paths)")
    else:
        log("  (not root: students run as this user, so the key folder's mode cannot keep them out here)")


# The hub's own state (security review D5): user names, token and OAuth rows, the log.
HUB_FILES = ("jupyterhub.sqlite", "hub.log", "jupyterhub.pid", "proxy.pid", "cookie_secret")


def check_hub_files_private(hub, log):
    """The hub's database, log, pid files and cookie secret: in a folder only the hub's user may enter, 0600."""
    folder = hub.private.stat().st_mode & 0o777
    modes = {name: (hub.private / name).stat().st_mode & 0o777 for name in HUB_FILES if (hub.private / name).exists()}
    assert folder == 0o700, f"{hub.private} is {folder:o}: students could list or read the hub's state"
    assert {"jupyterhub.sqlite", "hub.log"} <= modes.keys(), modes
    assert all(mode & 0o077 == 0 for mode in modes.values()), {k: f"{m:o}" for k, m in modes.items()}
    log(f"  the hub's own files ({', '.join(sorted(modes))}) are 0600 in a 0700 folder")


def check_refusals(hub, student, other, nb_path, log):
    """No token: 401; a token without the service's scope, or the hub's admin token: 403;
    another student's tries: 403. A refused request is no one's try."""
    r = hub.api("POST", f"users/{other['name']}/tokens", json={"note": "no checker scope", "expires_in": 600,
                                                               "scopes": ["read:users:name!user"]})
    assert r.status_code == 201, (r.status_code, r.text)
    unscoped = r.json()["token"]
    got = in_kernel(student, nb_path, f"""
from lecture_utils.checks import collect
body = dict(collect(7.0), exercise="{VALUE_ID}")
print(json.dumps({{"none": ask("POST", "check", body, token=None)[0],
                  "unscoped": ask("POST", "check", body, token="{unscoped}")[0],
                  "service": ask("POST", "check", body, token="{hub.token}")[0],
                  "bogus": ask("GET", "cases/{FUNCTION_ID}", token="0" * 32)[0],
                  "other": ask("GET", "tries?student={other['name']}")[0]}}))
""")
    assert got == {"none": 401, "unscoped": 403, "service": 403, "bogus": 403, "other": 403}, got
    log(f"  refused: no token {got['none']}, unscoped token {got['unscoped']}, a service's token "
        f"{got['service']}, unknown token {got['bogus']}, another student's tries {got['other']}")


def check_log(state, student, other, log):
    """Every try is a line (student, exercise, time, status); the refused ones are no one's try.

    The notebooks' own exercise cells (00, 05) asked the service too, as each student ran them."""
    rows = [json.loads(line) for line in (state / "checker-state" / "tries.jsonl").read_text().splitlines()]
    assert all({"student", "exercise", "time", "status"} <= row.keys() for row in rows), rows[:3]
    mine = [(r["student"], r["exercise"], r["status"]) for r in rows]
    assert (student["name"], VALUE_ID, "wrong") in mine and (student["name"], FUNCTION_ID, "wrong") in mine, mine
    assert not any(r["student"] == other["name"] and r["exercise"] == VALUE_ID for r in rows), \
        "a refused request (another student's unscoped token) was logged as that student's try"
    log(f"  the service logged {len(rows)} tries of {len({r['student'] for r in rows})} students (the notebooks' "
        "own check cells included), each with student, exercise, time and status")


def check_student_branch(student, target, nb_path, log):
    got = in_kernel(student, nb_path, """
import subprocess
head = subprocess.run(["git", "rev-parse", "--abbrev-ref", "HEAD"], capture_output=True, text=True).stdout.strip()
print(json.dumps({"branch": head, "forms": os.path.exists("../lecture_utils/checks/forms.json")}))
""")
    assert got == {"branch": BRANCH, "forms": True}, got
    log(f"  {target} in {student['name']}'s home is branch {BRANCH!r}, the graded student edition")


def check_survives_restart(hub, student, nb_path, note, server_class, log):
    """Stop and start the student's server (a pod's own disk is gone then); the edit is still there."""
    hub.stop_server(student["name"])
    hub.start_server(student["name"])
    student["server"] = server_class(student["server"].base, student["token"])
    r = student["server"].api("GET", "contents/" + nb_path)
    assert r.status_code == 200, f"after a restart {nb_path} is gone ({r.status_code}): the server's folder " \
        "was not on the persistent home volume"
    cells = r.json()["content"]["cells"]
    assert any(note in "".join(c["source"]) for c in cells), "the student's edit did not survive a restart"
    log(f"  {student['name']}'s server stopped and started again: the edit in {nb_path} survived")
