"""A real JupyterHub on 127.0.0.1 serving the course to students: `make test-hub`.

1. Starts JupyterHub (login required: a password for every student; an admin service token
   for the test) with configurable-http-proxy, all on loopback ports.
   The course's checker (deploy/checker/) runs as a hub-managed service with the key in a
   folder only the hub's user reads; servers are laid out like a values.yaml pod (home the
   only persistent folder; tests/hub/pod_layout.py) and run the published student edition.
2. Creates two students (as root: one system user each, removed afterwards), starts their
   servers through the hub's REST API and gives them the student branch (`make
   publish-student` into a local bare repository) with the link from deploy/hub_link.py:
   student A by logging in with a browser-like session that follows the link, B with their
   token. (A third student, running what B runs, added no check: two are enough for
   isolation and for servers running at the same time; `make bench-hub` runs eight.)
3. Runs notebooks 00 and 05 in both students' own servers at the same time (REST + kernel
   websocket; no error output allowed): every code cell of the student edition in A's, the
   explorers' cells and what they need in B's (tests/browser/explorer_cells.py: the
   same notebooks in the same image; nbval and the worked solutions run every cell already).
4. A edits notebook 00, the course gets a new upstream commit, A pulls again: the edit is
   kept and the new commit arrives (nbgitpuller's merge).
5. Isolation: A's token is refused (403/404) on B's server, files and hub record; requests
   without credentials and with a wrong password are refused; as root, A's kernel cannot read
   B's home. The checker (tests/hub/course_checks.py): A's wrong answers get the named slip
   through it with A's server token; the key is not importable, readable or in A's
   environment; no token, unscoped tokens and B's tries are refused; every try is logged; A's
   edit survives a server stop and start.
6. Load (HUB_LOAD=1: `make bench-hub`; `make test-hub` stops after 5): HUB_LOAD_STUDENTS
   (default and minimum 8) students run notebook 05 at once, then move an explorer; completion,
   per-student time and update latency go to build/hub-load.json. A sizing measurement, not a
   check of the course: step 3 already runs two students' notebooks at the same time.
Everything is bounded (HUB_TEST_LIMIT_S, default 540 s) and cleaned up in ``finally``.
"""

import importlib.util
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import psutil
import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def _load(path):
    """Import a module from a file (deploy/ is no package)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


links = _load(ROOT / "deploy" / "hub_link.py")
explorer_cells = _load(ROOT / "tests" / "browser" / "explorer_cells.py")
course = _load(HERE / "course_checks.py")
layouts = _load(HERE / "pod_layout.py")
hub_link, repo_dir_name = links.hub_link, links.repo_dir_name
lab = _load(HERE / "lab_client.py")
Server, explorer_latency, run_notebook = lab.Server, lab.explorer_latency, lab.run_notebook
local = _load(HERE / "local_hub.py")
Hub, log, students_bin, check_server_settings = local.Hub, local.log, local.students_bin, local.check_server_settings

AS_ROOT = os.geteuid() == 0
LIMIT_S = int(os.environ.get("HUB_TEST_LIMIT_S", "540"))
LOAD = max(8, int(os.environ.get("HUB_LOAD_STUDENTS", "8")))
MEASURE_LOAD = os.environ.get("HUB_LOAD", "0") == "1"
NB00, NB05 = "notebooks/00_start_here.ipynb", "notebooks/05_gradient_descent.ipynb"
OUT = Path(os.environ.get("HUB_LOAD_OUT", ROOT / "build" / "hub-load.json"))
TAG = secrets.token_hex(2)
MB = 1024 * 1024


def git(*args, cwd=None):
    subprocess.run(["git", "-c", "safe.directory=*", "-c", "user.name=Course Test", "-c", "user.email=course@localhost", *args],
                   cwd=cwd, check=True, capture_output=True, text=True, timeout=120)


def pull_events(http, base, link, timeout=120):
    """Call the nbgitpuller API the link's page calls; returns the last event (phase finished/error)."""
    params = dict(parse_qsl(urlsplit(link).query))
    params.pop("urlpath")
    r = http.get(base + "git-pull/api", params=params, stream=True, timeout=timeout)
    assert r.status_code == 200, (r.status_code, r.text[:500])
    deadline, last = time.monotonic() + timeout, {}
    for line in r.iter_lines(decode_unicode=True):
        if line and line.startswith("data:"):
            last = json.loads(line[5:])
            if last.get("phase") in ("finished", "error"):
                break
        if time.monotonic() > deadline:
            raise TimeoutError(f"git-pull did not finish within {timeout} s")
    r.close()
    assert last.get("phase") == "finished", last
    return last


def login_and_follow(hub, name, link):
    """A student's browser: open the link, log in when asked; returns the session and final page."""
    browser = requests.Session()
    page = browser.get(link, timeout=60)
    assert "/hub/login" in page.url, f"the link did not ask for a login: {page.url}"
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)
    wrong = browser.post(page.url, data={"username": name, "password": "not-the-password", "_xsrf": xsrf},
                         timeout=60)
    assert "/git-pull" not in wrong.url and wrong.status_code in (200, 403), "a wrong password got in"
    page = browser.post(page.url, data={"username": name, "password": hub.password, "_xsrf": xsrf},
                        timeout=120)
    assert page.status_code == 200 and f"/user/{name}/git-pull" in page.url, (page.status_code, page.url)
    return browser, page


def run_and_check(server, path, label, every_cell=True):
    cells = None if every_cell else explorer_cells.needed_cells
    kernel, report = run_notebook(server, path, timeout=240, cells=cells)
    kernel.close()
    assert not report["errors"], f"{label} {path}: {report['errors']}"
    assert report["cells"] > 0, f"{label} {path}: no code cell ran"
    what = "code cells" if every_cell else "explorer cells and what they need"
    log(f"  {label}: {path.split('/')[-1]} ran {report['cells']} {what} in {report['seconds']:.1f} s, no error")
    return report


def upstream_commit(state, bare):
    """The instructor pushes a new commit touching README.md; returns the line added."""
    work = state / "instructor"
    git("clone", "--quiet", "--branch", course.BRANCH, str(bare), str(work))
    line = f"Upstream update {TAG}: a new announcement for the class."
    with open(work / "README.md", "a") as f:
        f.write(f"\n{line}\n")
    git("commit", "--quiet", "-am", "Announcement", cwd=work)
    git("push", "--quiet", "origin", course.BRANCH, cwd=work)
    return line


def check_isolation(hub, a, b, target):
    """A is refused on B's server, files and hub record; anonymous requests are refused."""
    token_a = a["token"]
    probes = {
        "B's server API": f"{hub.url}/user/{b['name']}/api/status",
        "B's files": f"{hub.url}/user/{b['name']}/api/contents/{target}/{NB00}",
        "B's kernels": f"{hub.url}/user/{b['name']}/api/kernels",
        "B's hub record": f"{hub.url}/hub/api/users/{b['name']}",
    }
    for what, url in probes.items():
        r = requests.get(url, headers={"Authorization": f"token {token_a}"}, timeout=30, allow_redirects=False)
        assert r.status_code in (403, 404), f"A's token on {what}: {r.status_code}"
        log(f"  A's token on {what}: {r.status_code}")
    r = hub.api("POST", f"users/{b['name']}/server", token=token_a)
    assert r.status_code in (403, 404), f"A started B's server: {r.status_code}"
    for what, url in {"A's files": f"{hub.url}/user/{a['name']}/api/contents/{target}",
                      "the user list": f"{hub.url}/hub/api/users"}.items():
        r = requests.get(url, timeout=30, allow_redirects=False)
        refused = r.status_code in (401, 403) or (r.status_code == 302 and "login" in r.headers["Location"])
        assert refused, f"anonymous request for {what}: {r.status_code}"
        log(f"  anonymous request for {what}: {r.status_code}")
    if AS_ROOT:
        kernel = a["server"].open_notebook(f"{target}/{NB00}")
        probe = kernel.execute(f"try:\n    open('/home/{b['name']}/{target}/README.md').read()\n    print('READ')\n"
                               "except PermissionError:\n    print('DENIED')", timeout=60)
        kernel.close()
        assert probe["stdout"].strip() == "DENIED", probe
        log("  A's kernel reading B's home: PermissionError")
    else:
        log("  (not root: every student runs as this user, so their files are kept apart only by "
            "the hub's authentication checked above)")


def give_course(hub, student, link):
    http = requests.Session()
    http.headers["Authorization"] = f"token {student['token']}"
    return pull_events(http, f"{hub.url}/user/{student['name']}/", link)


def new_student(hub, name, link):
    student = {"name": name, "token": hub.add_student(name)}
    hub.start_server(name)
    student["server"] = Server(f"{hub.url}/user/{name}/", student["token"])
    give_course(hub, student, link)
    return student


def load_one(student, target, barrier):
    barrier.wait(timeout=300)
    t0 = time.perf_counter()
    try:
        kernel, report = run_notebook(student["server"], f"{target}/{NB05}", timeout=300)
        moves = explorer_latency(kernel, moves=10) if not report["errors"] else {"seconds": []}
        kernel.close()
        return {"student": student["name"], "completed": not report["errors"], "errors": report["errors"],
                "notebook_s": round(report["seconds"], 2), "total_s": round(time.perf_counter() - t0, 2),
                "update_ms": [round(1000 * s, 1) for s in moves["seconds"]]}
    except Exception as err:  # noqa: BLE001 - one student's failure is a result to record, not a crash
        return {"student": student["name"], "completed": False, "errors": [repr(err)],
                "total_s": round(time.perf_counter() - t0, 2), "update_ms": []}


def load_run(hub, students, target):
    """All students run notebook 05 at once, then move an explorer; returns the figures."""
    barrier = threading.Barrier(len(students))
    peak = {"mb": 0.0}
    done = threading.Event()

    def sample():
        while not done.wait(0.25):
            total = 0
            for proc in hub.server_processes():
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
            peak["mb"] = max(peak["mb"], total / MB)

    available_mb = psutil.virtual_memory().available / MB
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    t0 = time.perf_counter()
    load_before = os.getloadavg()
    with ThreadPoolExecutor(len(students)) as pool:
        rows = list(pool.map(lambda s: load_one(s, target, barrier), students))
    wall = time.perf_counter() - t0
    done.set()
    sampler.join(timeout=5)
    updates = sorted(ms for row in rows for ms in row["update_ms"])
    times = [row["notebook_s"] for row in rows if row["completed"]]
    return {
        "students": len(students), "completed": sum(row["completed"] for row in rows),
        "wall_s": round(wall, 1), "cores": os.cpu_count(), "load_avg_before": load_before,
        "load_avg_after": os.getloadavg(),
        "notebook_05_s": {"median": round(statistics.median(times), 2), "max": round(max(times), 2)} if times else {},
        "explorer_update_ms": {"moves": len(updates), "median": round(statistics.median(updates), 1),
                               "p95": round(updates[int(0.95 * (len(updates) - 1))], 1)} if updates else {},
        "peak_rss_all_servers_mb": round(peak["mb"], 1),
        "peak_rss_per_student_mb": round(peak["mb"] / len(students), 1),
        # How many such students this machine's free memory would hold (CPU is the tighter limit).
        "memory_capacity_students": int(available_mb // max(peak["mb"] / len(students), 1.0)),
        "per_student": rows,
    }


def main():
    bin_dir = students_bin()  # built once (minutes) and kept: outside the test's time limit
    t_start = time.perf_counter()
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(TimeoutError(f"over {LIMIT_S} s")))
    signal.alarm(LIMIT_S)
    state = Path(tempfile.mkdtemp(prefix="course-hub-"))
    os.chmod(state, 0o755)  # students' servers read the course clone and the server config here
    hub = None
    try:
        check_server_settings(state)
        bare = course.publish_student_edition(state)
        course.install_student_edition(bin_dir, bare, state)
        key, checker_cmd = course.key_folder(state)
        subprocess.run(["chmod", "-R", "a+rX", str(state / "course")], check=True, timeout=30)
        repo = f"file://{bare}"
        target = repo_dir_name(repo)
        layout = layouts.pod_layout()
        hub = Hub(state, bin_dir, checker_cmd, key, layout, seed=course.CLASS_SEED)
        link = hub_link(hub.url, repo)
        log(f"hub up at {hub.url} ({'one system user per student' if AS_ROOT else 'one process per student'}; "
            f"servers laid out as a values.yaml pod: {layout})")
        log(f"nbgitpuller link (student branch): {link}")
        names = [f"lu{TAG}s{i}" for i in range(LOAD)]
        a = {"name": names[0], "token": hub.add_student(names[0])}
        with ThreadPoolExecutor(1) as pool:
            b = pool.submit(new_student, hub, names[1], link)  # B's server starts while A logs in
            hub.start_server(a["name"])
            a["server"] = Server(f"{hub.url}/user/{a['name']}/", a["token"])
            browser, _ = login_and_follow(hub, a["name"], link)
            log(f"{a['name']} logged in through the link and reached their git-pull page")
            pull_events(browser, f"{hub.url}/user/{a['name']}/", link)
            log(f"{a['name']}: course pulled with the login cookie")
            students = [a, b.result()]
        log("two students with servers and the course")
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda s: [run_and_check(s["server"], f"{target}/{nb}", s["name"], every_cell=s is a)
                                     for nb in (NB00, NB05)], students))
        note = edit_and_pull_again(hub, state, bare, a, link, target)
        log("isolation:")
        check_isolation(hub, a, students[1], target)
        log("the course's checker and the student edition:")
        nb_path = f"{target}/{NB00}"
        course.check_student_branch(a, target, nb_path, log)
        course.check_feedback(a, nb_path, log)
        course.check_key_out_of_reach(hub, a, students[1], nb_path, key, state, log)
        course.check_refusals(hub, a, students[1], nb_path, log)
        course.check_log(state, a, students[1], log)
        course.check_survives_restart(hub, a, nb_path, note, Server, log)
        if not MEASURE_LOAD:
            log(f"hub test passed in {time.perf_counter() - t_start:.0f} s (the load run: make bench-hub)")
            return
        with ThreadPoolExecutor(3) as pool:
            students += list(pool.map(lambda n: new_student(hub, n, link), names[2:]))
        alone = load_one(students[0], target, threading.Barrier(1))
        assert alone["completed"], alone["errors"]
        log(f"baseline: one student alone runs 05 in {alone['notebook_s']} s, explorer update median "
            f"{statistics.median(alone['update_ms']):.0f} ms")
        log(f"load: {len(students)} students run {NB05} at once, then move an explorer 10 times")
        result = load_run(hub, students, target)
        result["baseline_alone"] = {"notebook_05_s": alone["notebook_s"],
                                    "explorer_update_median_ms": statistics.median(alone["update_ms"])}
        result["date"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        result["spawner"] = "LocalProcessSpawner (system users)" if AS_ROOT else "SimpleLocalProcessSpawner"
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(result, indent=2) + "\n")
        log(f"  completed {result['completed']}/{result['students']} in {result['wall_s']} s; notebook 05 "
            f"{result['notebook_05_s']}; explorer update {result['explorer_update_ms']} ms; peak RSS "
            f"{result['peak_rss_all_servers_mb']} MB for all servers -> {OUT}")
        assert result["completed"] == result["students"], [r["errors"] for r in result["per_student"]]
        log(f"hub test passed in {time.perf_counter() - t_start:.0f} s")
    except BaseException:
        # The hub's log holds the students' servers' too (a lost kernel websocket, a server that
        # died): shown with the failure, since build/hub-test.log is overwritten by the next run.
        if hub is not None:
            log(f"the hub's log, last lines:\n{hub.log_tail(6000)}")
        raise
    finally:
        signal.alarm(0)
        if hub is not None:
            hub.stop()
            OUT.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(hub.log_path, OUT.parent / "hub-test.log")  # for a failure's post-mortem
        shutil.rmtree(state, ignore_errors=True)


def edit_and_pull_again(hub, state, bare, a, link, target):
    """A adds a note to 00; upstream changes README.md; A pulls again: both survive."""
    path = f"{target}/{NB00}"
    model = a["server"].notebook(path)
    note = f"My own note {TAG}: the start page explains how the checks work."
    model["cells"].append({"cell_type": "markdown", "metadata": {}, "source": note, "id": f"note{TAG}"})
    r = a["server"].api("PUT", "contents/" + path, json={"type": "notebook", "format": "json", "content": model})
    assert r.status_code == 200, (r.status_code, r.text[:300])
    line = upstream_commit(state, bare)
    give_course(hub, a, link)
    cells = a["server"].notebook(path)["cells"]
    assert any(note in "".join(c["source"]) for c in cells), "A's edit was lost by the second pull"
    r = a["server"].api("GET", f"contents/{target}/README.md?content=1&type=file&format=text")
    assert line in r.json()["content"], "the upstream commit did not arrive"
    log(f"  {a['name']} edited 00 and pulled again: edit kept, upstream commit merged")
    return note


if __name__ == "__main__":
    main()
